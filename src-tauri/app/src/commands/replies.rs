//! The seller's replies: copied to paste in the channel's own app, or queued to go out through a
//! connected channel (retry or cancel a failed one); before a Mercado Libre post-sale message goes,
//! whether the buyer needs it.

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;
use crate::sync_runtime::SyncRuntime;
use mostrador_core::replies::{OutboxItem, PostSaleFinding, PostSaleReason, PostSaleReasonChoice};
use tauri::State;
use tauri_plugin_clipboard_manager::ClipboardExt;

/// Puts `text` on the clipboard, then records it in the thread as the seller's reply; returns
/// the message's id.
#[tauri::command]
pub async fn reply_record_copied(
    conversation_id: i64,
    text: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    // The shell writes the clipboard (as for saved answers): the webview needs no clipboard permission.
    app.clipboard().write_text(text.clone()).map_err(|e| IpcError::internal(e.to_string()))?;
    let id = core.run(move |core| core.record_copied_reply(conversation_id, &text, now())).await?;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Queues a reply to go out through the channel (the core refuses what the channel would), with
/// saved answers' attachments where the channel carries files (a mail), and wakes the account's
/// sync so it goes now.
#[tauri::command]
pub async fn reply_send(
    conversation_id: i64,
    text: String,
    answer_attachment_ids: Vec<i64>,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<OutboxItem, IpcError> {
    let item = core
        .run(move |core| {
            core.outbox_enqueue_with_files(conversation_id, &text, &answer_attachment_ids, now())
        })
        .await?;
    sync.wake(item.account_id).await;
    super::notify_store_changed(&app);
    Ok(item)
}

/// The reasons Mercado Libre offers now to write first in a post-sale conversation (asked of the
/// channel: each purchase has its own, and each is spent once used).
#[tauri::command]
pub async fn post_sale_reasons(
    conversation_id: i64,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<Vec<PostSaleReason>, IpcError> {
    sync.post_sale_reasons(&core, conversation_id).await
}

/// Queues the message that opens a Mercado Libre post-sale conversation with one of its reasons
/// (`text` is what the buyer will read) and wakes the account's sync so it goes now.
#[tauri::command]
pub async fn reply_send_with_reason(
    conversation_id: i64,
    text: String,
    reason: PostSaleReasonChoice,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<OutboxItem, IpcError> {
    let item =
        core.run(move |core| core.outbox_enqueue_with_reason(conversation_id, &text, &reason, now())).await?;
    sync.wake(item.account_id).await;
    super::notify_store_changed(&app);
    Ok(item)
}

/// Queues the one private reply to a comment (a direct message to whoever wrote it) and wakes the
/// account's sync so it goes now.
#[tauri::command]
pub async fn reply_send_private(
    conversation_id: i64,
    text: String,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, SyncRuntime>,
) -> Result<OutboxItem, IpcError> {
    let item = core.run(move |core| core.outbox_enqueue_private_reply(conversation_id, &text, now())).await?;
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

/// Whether a message after a Mercado Libre sale is one the buyer needs, as Mercado Libre's guide
/// says: why it may not be (only thanks, progress Mercado Libre already tells, heading off a
/// claim), each with the words that show it in UTF-16 offsets. Empty when it is needed.
#[tauri::command]
pub async fn reply_post_sale_check(text: String) -> Result<Vec<PostSaleFinding>, IpcError> {
    Ok(mostrador_core::replies::post_sale_check(&text))
}

include!(concat!(env!("OUT_DIR"), "/declared/replies.rs"));
