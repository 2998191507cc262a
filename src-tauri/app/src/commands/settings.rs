//! The seller's settings: language, shop name, time zone.

use mostrador_core::settings::Settings;
use tauri::State;

use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// The seller's settings.
#[tauri::command]
pub async fn settings_get(core: State<'_, CoreHandle>) -> Result<Settings, IpcError> {
    core.run(|core| core.settings()).await
}

/// Saves the settings; returns them as stored.
#[tauri::command]
pub async fn settings_save(
    settings: Settings,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<Settings, IpcError> {
    let saved = core.run(move |core| core.save_settings(&settings).and_then(|()| core.settings())).await?;
    super::notify_store_changed(&app);
    Ok(saved)
}

include!(concat!(env!("OUT_DIR"), "/declared/settings.rs"));
