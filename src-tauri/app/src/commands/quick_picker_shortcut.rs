//! The quick picker's system-wide shortcut: what is in effect, and changing it.

use crate::ipc::IpcError;
use crate::quick_picker_shortcut::{self, QuickPickerShortcut};

/// The shortcut in effect and whether the system granted it.
#[tauri::command]
pub async fn quick_picker_shortcut_get(app: tauri::AppHandle) -> Result<QuickPickerShortcut, IpcError> {
    Ok(quick_picker_shortcut::status(&app))
}

/// Registers the new keys (`shortcut` null: the default) before saving them; refused keys change
/// nothing.
#[tauri::command]
pub async fn quick_picker_shortcut_set(
    shortcut: Option<String>,
    app: tauri::AppHandle,
) -> Result<QuickPickerShortcut, IpcError> {
    quick_picker_shortcut::change(&app, shortcut).await
}

include!(concat!(env!("OUT_DIR"), "/declared/quick_picker_shortcut.rs"));
