//! A buyer's page and what the seller does with buyers: notes and tags, merging two buyers and
//! undoing it, and "not the same person".

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;
use mostrador_core::buyers::MergeReason;
use mostrador_core::pages::BuyerPage;
use tauri::State;

/// A buyer across channels: identities, conversations, orders, merge suggestions, past merges and
/// dismissed suggestions.
#[tauri::command]
pub async fn buyer_page(buyer_id: i64, core: State<'_, CoreHandle>) -> Result<BuyerPage, IpcError> {
    core.run(move |core| core.buyer_page(buyer_id, now())).await
}

/// Saves the seller's notes and tags on a buyer.
#[tauri::command]
pub async fn buyer_set_profile(
    buyer_id: i64,
    notes: String,
    tags: Vec<String>,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.set_buyer_profile(buyer_id, &notes, &tags)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Merges `source` into `target` for the given reasons; returns the merge's id (for undo).
#[tauri::command]
pub async fn buyers_merge(
    target: i64,
    source: i64,
    reasons: Vec<MergeReason>,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let merge_id = core.run(move |core| core.merge_buyers(target, source, &reasons, now())).await?;
    super::notify_store_changed(&app);
    Ok(merge_id)
}

/// Undoes a merge exactly: the identities and conversations go back to the buyer they came from.
#[tauri::command]
pub async fn buyers_undo_merge(
    merge_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.undo_merge(merge_id, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// "Not the same person": the pair is no longer suggested for a merge (order does not matter).
#[tauri::command]
pub async fn buyers_dismiss_suggestion(
    buyer: i64,
    other: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.dismiss_merge_suggestion(buyer, other, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Undoes "not the same person": the pair can be suggested again.
#[tauri::command]
pub async fn buyers_undo_dismissal(
    buyer: i64,
    other: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.undo_merge_dismissal(buyer, other)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

include!(concat!(env!("OUT_DIR"), "/declared/buyers.rs"));
