//! Mostrador's desktop shell: windows, IPC and nothing else. Every command is a thin call into
//! `mostrador_core::Mostrador`, run off the UI thread.

mod clock;
mod commands;
mod core_handle;
pub mod ipc;

use tauri::Manager;

use crate::core_handle::CoreHandle;

/// Where the database lives: `MOSTRADOR_DB` when set (development and tests), otherwise
/// `mostrador.sqlite3` in the user's data directory.
fn database_path(app: &tauri::App) -> std::path::PathBuf {
    if let Some(path) = std::env::var_os("MOSTRADOR_DB") {
        return path.into();
    }
    let dir = app.path().app_data_dir().unwrap_or_else(|_| std::env::temp_dir().join("mostrador"));
    dir.join("mostrador.sqlite3")
}

pub fn run() {
    tauri::Builder::default()
        // Must be the first plugin: a second launch only focuses the window that is already open.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            let handle = CoreHandle::new(database_path(app));
            // Open (and migrate) in the background so the window paints at once.
            handle.start_opening();
            app.manage(handle);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::inbox::inbox_list,
            commands::inbox::conversation_get,
            commands::inbox::conversation_mark_read,
            commands::sample_shop::sample_shop_load,
            commands::settings::settings_get,
            commands::settings::settings_save,
        ])
        .run(tauri::generate_context!())
        .expect("Mostrador could not start its window");
}
