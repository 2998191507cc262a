//! WhatsApp chat exports: preview (writes nothing), then import. The file is named by its path,
//! from the file dialog or a drop on the window; the core reads it.

use std::path::PathBuf;

use mostrador_core::whatsapp::{WhatsAppImportOptions, WhatsAppImportReport, WhatsAppPreview};
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// Reads the export at `path` (from the picker or a drop) and says what importing would do (writes
/// nothing).
#[tauri::command]
pub async fn whatsapp_preview(
    path: PathBuf,
    options: WhatsAppImportOptions,
    core: State<'_, CoreHandle>,
) -> Result<WhatsAppPreview, IpcError> {
    core.run(move |core| core.whatsapp_preview(&path, &options)).await
}

/// Imports the export at `path`; importing the same chat again adds only what is new.
#[tauri::command]
pub async fn whatsapp_import(
    path: PathBuf,
    options: WhatsAppImportOptions,
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
) -> Result<WhatsAppImportReport, IpcError> {
    let report = core.run(move |core| core.whatsapp_import(&path, &options, now())).await?;
    super::notify_store_changed(&app);
    Ok(report)
}

/// Opens the buyer's chat on https://wa.me/<digits> in the browser. The webview passes only the
/// number, so it can open nothing else (it has no opener permission of its own).
#[tauri::command]
pub async fn whatsapp_open_chat(number: String) -> Result<(), IpcError> {
    let url = crate::url_opener::whatsapp_chat_url(&number)
        .ok_or_else(|| mostrador_core::Error::InvalidInput(format!("{number:?} is not a phone number")))?;
    crate::url_opener::open(&url).map_err(IpcError::internal)
}

include!(concat!(env!("OUT_DIR"), "/declared/whatsapp.rs"));
