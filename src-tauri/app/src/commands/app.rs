//! What the UI asks first: the app's version, where its data lives, and whether to show the first run.

use tauri::{Manager, State};

use crate::core_handle::CoreHandle;
use crate::ipc::{AppInfo, IpcError};

/// The version, the database and data folder paths, whether the store is still empty (the
/// first-run screen) and the system's locale (the default language).
#[tauri::command]
pub async fn app_info(
    app: tauri::AppHandle,
    core: State<'_, CoreHandle>,
    sync: State<'_, crate::sync_runtime::SyncRuntime>,
) -> Result<AppInfo, IpcError> {
    // `--demo`: straight to the inbox the demo store is filling.
    let empty = core.run(|core| core.is_empty()).await? && !sync.demo_requested();
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        db_path: core.path().display().to_string(),
        data_dir: app.path().app_data_dir().map(|d| d.display().to_string()).unwrap_or_default(),
        empty,
        os_locale: sys_locale::get_locale(),
    })
}

include!(concat!(env!("OUT_DIR"), "/declared/app.rs"));
