//! IPC commands grouped by area. Each one parses, calls the core and maps the error: no logic.

pub mod app;
pub mod backups;
pub mod buyers;
pub mod inbox;
pub mod metrics;
pub mod orders;
pub mod sample_shop;
pub mod settings;
pub mod triage;
// ---- WhatsApp exports and manual capture (issue 6)
pub mod capture;
pub mod whatsapp;
// ---- cut-off notices and capacity (issue 5)
pub mod cutoff;
// ---- saved answers (issue 4)
pub mod answers;
// ---- GAPS: the quick picker's global shortcut (issue 4), "not the same person" (issue 3)
pub mod buyer_dismissals;
pub mod quick_picker_shortcut;
// ---- live channels: accounts, sending, demo store (issue 7)
pub mod accounts;
pub mod outbox;

/// Tells the UI that stored data changed, so it refetches what it shows.
fn notify_store_changed(app: &tauri::AppHandle) {
    use tauri::Emitter;
    let _ = app.emit("store-changed", ());
}
