//! The inbox page and one conversation: listing, opening, marking read.

use mostrador_core::model::{ConversationView, InboxPage, InboxQuery};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// A page of the inbox for the filters, search and paging in `query`.
#[tauri::command]
pub async fn inbox_list(query: InboxQuery, core: State<'_, CoreHandle>) -> Result<InboxPage, IpcError> {
    core.run(move |core| core.inbox(&query, now())).await
}

/// One conversation: its row, buyer, latest messages, orders and how a reply goes out.
#[tauri::command]
pub async fn conversation_get(
    conversation_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<ConversationView, IpcError> {
    core.run(move |core| core.conversation(conversation_id, now())).await
}

/// Marks the conversation's messages as read.
#[tauri::command]
pub async fn conversation_mark_read(
    conversation_id: i64,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.mark_read(conversation_id)).await?;
    super::notify_store_changed(&app);
    Ok(())
}

include!(concat!(env!("OUT_DIR"), "/declared/inbox.rs"));
