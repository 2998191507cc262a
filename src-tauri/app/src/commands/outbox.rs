//! Sending replies through a connected channel: queue (the core refuses what the channel
//! would), wake the account's sync so it goes now, retry or cancel a failed one.

use mostrador_core::model::OutboxItem;
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;
use crate::sync_runtime::SyncRuntime;

/// Queues a reply to go out through the channel (the core refuses what the channel would) and
/// wakes the account's sync so it goes now.
#[tauri::command]
pub async fn reply_send(
    conversation_id: i64,
    text: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<OutboxItem, IpcError> {
    let item = core.run(move |core| core.outbox_enqueue(conversation_id, &text, now())).await?;
    sync.wake(item.account_id).await;
    super::notify_store_changed(&app);
    Ok(item)
}

/// Queues a failed reply again. `account_id` (the item's, as listed) only says whose sync to wake,
/// so the retry goes now.
#[tauri::command]
pub async fn outbox_retry(
    outbox_id: i64,
    account_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<(), IpcError> {
    core.run(move |core| core.outbox_retry(outbox_id, now())).await?;
    sync.wake(account_id).await;
    super::notify_store_changed(&app);
    Ok(())
}

/// Cancels a reply that has not gone out.
#[tauri::command]
pub async fn outbox_cancel(
    outbox_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.outbox_cancel(outbox_id, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// The conversation's replies in the outbox, with their states (queued, sending, sent, failed…).
#[tauri::command]
pub async fn outbox_list(
    conversation_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<Vec<OutboxItem>, IpcError> {
    core.run(move |core| core.outbox_for_conversation(conversation_id)).await
}

include!(concat!(env!("OUT_DIR"), "/declared/outbox.rs"));
