//! Buyers across channels: the buyer page, merging and undoing a merge.

use mostrador_core::model::{BuyerPage, MergeReason};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

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

include!(concat!(env!("OUT_DIR"), "/declared/buyers.rs"));
