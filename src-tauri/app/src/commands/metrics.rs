//! The metrics screen: how the shop answers over the last four months.

use mostrador_core::metrics::Metrics;
use tauri::State;

use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// The last four months in the shop's time zone, computed now.
#[tauri::command]
pub async fn metrics_get(core: State<'_, CoreHandle>) -> Result<Metrics, IpcError> {
    let at = now();
    core.run(move |core| core.metrics(at)).await
}

include!(concat!(env!("OUT_DIR"), "/declared/metrics.rs"));
