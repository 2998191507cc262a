//! Manual capture (sites without an API, a fair, the phone): split pasted text into a draft, save it
//! as a new conversation, or add one message to an existing one.

use mostrador_core::capture::{
    BuyerOption, CaptureDraft, CaptureInput, CaptureSaved, QuickMessage, SplitOptions,
};
use mostrador_core::model::AccountOption;
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

#[tauri::command]
pub async fn capture_split(
    text: String,
    options: SplitOptions,
    core: State<'_, CoreHandle>,
) -> Result<CaptureDraft, IpcError> {
    core.run(move |core| Ok(core.capture_split(&text, &options))).await
}

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

#[tauri::command]
pub async fn capture_buyers(
    query: String,
    core: State<'_, CoreHandle>,
) -> Result<Vec<BuyerOption>, IpcError> {
    core.run(move |core| core.capture_buyers(&query)).await
}

#[tauri::command]
pub async fn capture_sources(core: State<'_, CoreHandle>) -> Result<Vec<AccountOption>, IpcError> {
    core.run(|core| core.capture_sources()).await
}
