//! The inbox list and its tab counts: listing, filtering, searching, the channel filter.

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;
use mostrador_core::inbox::{AccountOption, InboxPage, InboxQuery, StatusCount};
use tauri::State;

/// A page of the inbox for the filters, search and paging in `query`.
#[tauri::command]
pub async fn inbox_list(query: InboxQuery, core: State<'_, CoreHandle>) -> Result<InboxPage, IpcError> {
    core.run(move |core| core.inbox(&query, now())).await
}

/// Conversations per status for the inbox's other filters in `query` (the tab counters).
#[tauri::command]
pub async fn inbox_counts(
    query: InboxQuery,
    core: State<'_, CoreHandle>,
) -> Result<Vec<StatusCount>, IpcError> {
    core.run(move |core| core.inbox_counts(&query)).await
}

/// The accounts the inbox can be filtered by.
#[tauri::command]
pub async fn inbox_accounts(core: State<'_, CoreHandle>) -> Result<Vec<AccountOption>, IpcError> {
    core.run(|core| core.inbox_accounts()).await
}

include!(concat!(env!("OUT_DIR"), "/declared/inbox.rs"));
