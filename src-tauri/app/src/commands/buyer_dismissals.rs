//! "Not the same person": dismissing a merge suggestion, and undoing it.

use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

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

include!(concat!(env!("OUT_DIR"), "/declared/buyer_dismissals.rs"));
