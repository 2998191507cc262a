//! "Try a sample shop": a seller's morning, generated into the store.

use mostrador_core::metrics::Stats;
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// Fills the store with the sample shop; returns its counts.
#[tauri::command]
pub async fn sample_shop_load(app: tauri::AppHandle, core: State<'_, CoreHandle>) -> Result<Stats, IpcError> {
    let stats = core.run(|core| core.load_sample_shop(now())).await?;
    super::notify_store_changed(&app);
    Ok(stats)
}

include!(concat!(env!("OUT_DIR"), "/declared/sample_shop.rs"));
