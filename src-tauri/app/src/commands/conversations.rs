//! One conversation and what the seller does to it: opening, reading, statuses, snoozes, bulk
//! actions, drafts, open tabs, reply targets. Writes tell the UI the store changed.

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::{IpcError, OlderMessages};
use mostrador_core::conversations::{BulkAction, Draft, SnoozeChoice, SnoozeOption, TriageSettings};
use mostrador_core::pages::ConversationView;
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, ConversationStatus};
use tauri::State;

/// One conversation: its row, buyer, latest messages, orders and how a reply goes out.
#[tauri::command]
pub async fn conversation_get(
    conversation_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<ConversationView, IpcError> {
    core.run(move |core| core.conversation(conversation_id, now())).await
}

/// "Load older messages": the page before the oldest one shown.
#[tauri::command]
pub async fn conversation_older_messages(
    conversation_id: i64,
    before_message_id: i64,
    limit: u32,
    core: State<'_, CoreHandle>,
) -> Result<OlderMessages, IpcError> {
    let (messages, has_more) =
        core.run(move |core| core.older_messages(conversation_id, before_message_id, limit)).await?;
    Ok(OlderMessages { messages, has_more })
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

/// Sets a conversation's status (needs reply, waiting for the buyer, done).
#[tauri::command]
pub async fn conversation_set_status(
    conversation_id: i64,
    status: ConversationStatus,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.set_status(conversation_id, status, None, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// Snoozes a conversation until a preset, a date or the buyer's reply.
#[tauri::command]
pub async fn conversation_snooze(
    conversation_id: i64,
    choice: SnoozeChoice,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.snooze(conversation_id, &choice, now())).await?;
    super::notify_store_changed(&app);
    Ok(())
}

/// The snooze presets with the moment each one means now, in the shop's zone.
#[tauri::command]
pub async fn snooze_options(core: State<'_, CoreHandle>) -> Result<Vec<SnoozeOption>, IpcError> {
    core.run(|core| core.snooze_options(now())).await
}

/// Applies one action (status, snooze, tag, pin) to many conversations; returns how many changed.
#[tauri::command]
pub async fn conversations_bulk(
    conversation_ids: Vec<i64>,
    action: BulkAction,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<u32, IpcError> {
    let changed = core.run(move |core| core.bulk(&conversation_ids, &action, now())).await?;
    super::notify_store_changed(&app);
    Ok(changed)
}

/// Saves the composer's text (an empty text removes the draft). No `store-changed`: a draft changes nothing
/// another view shows, and it is saved as the seller types.
#[tauri::command]
pub async fn draft_save(
    conversation_id: i64,
    text: String,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    core.run(move |core| core.save_draft(conversation_id, &text, now())).await
}

/// Every saved draft, to restore the composers.
#[tauri::command]
pub async fn drafts_list(core: State<'_, CoreHandle>) -> Result<Vec<Draft>, IpcError> {
    core.run(|core| core.drafts()).await
}

/// The conversations open as tabs, in order, for the next start. No `store-changed` either: which
/// tabs are open only matters to the next start.
#[tauri::command]
pub async fn tabs_save(conversation_ids: Vec<i64>, core: State<'_, CoreHandle>) -> Result<(), IpcError> {
    core.run(move |core| core.save_open_tabs(&conversation_ids)).await
}

/// The conversations open as tabs at the last exit, in order.
#[tauri::command]
pub async fn tabs_list(core: State<'_, CoreHandle>) -> Result<Vec<i64>, IpcError> {
    core.run(|core| core.open_tabs()).await
}

/// Reply targets per channel and the quiet hours (no notifications).
#[tauri::command]
pub async fn triage_settings_get(core: State<'_, CoreHandle>) -> Result<TriageSettings, IpcError> {
    core.run(|core| core.triage_settings()).await
}

/// Saves the triage settings; returns them as stored.
#[tauri::command]
pub async fn triage_settings_save(
    settings: TriageSettings,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<TriageSettings, IpcError> {
    let saved = core
        .run(move |core| core.save_triage_settings(&settings).and_then(|()| core.triage_settings()))
        .await?;
    super::notify_store_changed(&app);
    Ok(saved)
}

/// Opens the conversation in the channel's own site in the browser: Instagram or Messenger (the
/// direct thread with the buyer, the seller's inbox, or a comment's post), or Etsy's conversation
/// page. Where the seller answers when Mostrador cannot. Only those sites' addresses open.
#[tauri::command]
pub async fn conversation_open_in_app(
    conversation_id: i64,
    core: State<'_, CoreHandle>,
) -> Result<(), IpcError> {
    let view = core.run(move |core| core.conversation(conversation_id, now())).await?;
    let channel = view.summary.channel;
    let url = match channel {
        ChannelKind::Instagram | ChannelKind::Messenger => {
            let handle = view
                .buyer
                .identities
                .iter()
                .find(|i| i.account_id == view.summary.account_id)
                .and_then(|i| i.handle.clone());
            let url = crate::url_opener::meta_conversation_url(
                channel == ChannelKind::Messenger,
                view.summary.kind == ConversationKind::Comment,
                view.listing_ref.as_deref(),
                handle.as_deref(),
            );
            crate::url_opener::meta_app_url(&url)
                .ok_or_else(|| IpcError::internal(format!("{url} is not Meta's")))?
        }
        ChannelKind::Etsy => crate::url_opener::etsy_conversation_url(view.listing_ref.as_deref()),
        _ => {
            return Err(IpcError {
                code: "invalid_input".into(),
                message: format!("{channel} conversations open nowhere"),
            });
        }
    };
    crate::url_opener::open(&url).map_err(IpcError::internal)
}

include!(concat!(env!("OUT_DIR"), "/declared/conversations.rs"));
