//! The daily copies in Settings: where they are, which exist, and one made on demand.

use mostrador_core::backups::BackupFile;
use mostrador_core::backups::daily;
use tauri::{AppHandle, Emitter, State};

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::{BackupsOverview, IpcError};

/// The folder of the daily copies, the copies newest first, and how many are kept.
#[tauri::command]
pub async fn backups_list(core: State<'_, CoreHandle>) -> Result<BackupsOverview, IpcError> {
    let folder = daily::folder_for(core.path());
    let files = daily::list(&folder).map_err(IpcError::from)?;
    Ok(BackupsOverview { folder: folder.display().to_string(), files, kept: daily::KEPT as u32 })
}

/// A copy now, beside the daily ones (the same minute's copy is reused).
#[tauri::command]
pub async fn backup_now(app: AppHandle, core: State<'_, CoreHandle>) -> Result<BackupFile, IpcError> {
    let folder = daily::folder_for(core.path());
    let file = core.run(move |core| daily::take(core, &folder, now())).await?;
    let _ = app.emit("backups-changed", ());
    Ok(file)
}

include!(concat!(env!("OUT_DIR"), "/declared/backups.rs"));
