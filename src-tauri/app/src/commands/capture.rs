//! Manual capture (sites without an API, a fair, the phone): split pasted text into a draft, save it
//! as a new conversation, or add one message to an existing one.

use mostrador_core::capture::{
    BuyerOption, CaptureDraft, CaptureInput, CaptureSaved, QuickMessage, SplitOptions,
};
use mostrador_core::inbox::AccountOption;
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// Splits text pasted from a site without an API into a draft of messages to check (writes nothing).
#[tauri::command]
pub async fn capture_split(
    text: String,
    options: SplitOptions,
    core: State<'_, CoreHandle>,
) -> Result<CaptureDraft, IpcError> {
    core.run(move |core| Ok(core.capture_split(&text, &options))).await
}

/// Saves a checked draft as a new conversation on the `other` account named after its source.
#[tauri::command]
pub async fn capture_save(
    input: CaptureInput,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<CaptureSaved, IpcError> {
    let saved = core.run(move |core| core.capture_save(&input, now())).await?;
    super::notify_store_changed(&app);
    Ok(saved)
}

/// Adds one incoming or outgoing message to an existing conversation; returns its id.
#[tauri::command]
pub async fn capture_add_message(
    message: QuickMessage,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<i64, IpcError> {
    let id = core.run(move |core| core.capture_add_message(&message, now())).await?;
    super::notify_store_changed(&app);
    Ok(id)
}

/// Buyers matching `query`, for the capture screen's picker.
#[tauri::command]
pub async fn capture_buyers(
    query: String,
    core: State<'_, CoreHandle>,
) -> Result<Vec<BuyerOption>, IpcError> {
    core.run(move |core| core.capture_buyers(&query)).await
}

/// The hand-captured sources used so far (accounts of channel `other`).
#[tauri::command]
pub async fn capture_sources(core: State<'_, CoreHandle>) -> Result<Vec<AccountOption>, IpcError> {
    core.run(|core| core.capture_sources()).await
}

include!(concat!(env!("OUT_DIR"), "/declared/capture.rs"));
