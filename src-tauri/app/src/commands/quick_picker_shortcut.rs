//! The quick picker's system-wide shortcut (issue 4): what is in effect, and changing it.

use crate::ipc::IpcError;
use crate::quick_picker_shortcut::{self, QuickPickerShortcut};

#[tauri::command]
pub async fn quick_picker_shortcut_get(app: tauri::AppHandle) -> Result<QuickPickerShortcut, IpcError> {
    Ok(quick_picker_shortcut::status(&app))
}

/// Registers the new keys (`None`: the default) and saves them; refused keys change nothing.
#[tauri::command]
pub async fn quick_picker_shortcut_set(
    shortcut: Option<String>,
    app: tauri::AppHandle,
) -> Result<QuickPickerShortcut, IpcError> {
    quick_picker_shortcut::change(&app, shortcut).await
}
