//! IPC commands grouped by area. Each one parses, calls the core and maps the error: no logic.

pub mod app;
pub mod inbox;
pub mod sample_shop;
pub mod settings;

/// Tells the UI that stored data changed, so it refetches what it shows.
fn notify_store_changed(app: &tauri::AppHandle) {
    use tauri::Emitter;
    let _ = app.emit("store-changed", ());
}
