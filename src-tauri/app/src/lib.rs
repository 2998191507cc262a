//! Mostrador's desktop shell: windows, IPC and nothing else. Every command is a thin call into
//! `mostrador_core::Mostrador`, run off the UI thread.

mod alert_text;
// Saved answers: image attachments for the clipboard, the quick picker window.
mod answer_image;
mod clock;
mod commands;
mod core_handle;
mod daily_backup;
// The needs-reply count on the Dock, the launcher and the taskbar button.
mod dock_badge;
pub mod ipc;
mod quick_picker;
// The quick picker's system-wide shortcut.
mod quick_picker_shortcut;
mod triage_watch;
// The UI's generated TypeScript: bindings.ts and commands.ts.
pub mod typescript;
// WhatsApp reply helper: the browser opener, with a testing seam.
mod url_opener;
// Live channels: the sync engine, secrets and the demo store.
mod demo_store;
mod sync_runtime;

use tauri::Manager;

use crate::core_handle::CoreHandle;

/// Where the database lives: `MOSTRADOR_DB` when set (development and tests), otherwise
/// `mostrador.sqlite3` in the user's data directory.
fn database_path(app: &tauri::App) -> Result<std::path::PathBuf, ipc::IpcError> {
    database_path_from(std::env::var_os("MOSTRADOR_DB"), app.path().app_data_dir().map_err(|e| e.to_string()))
}

/// Without a data folder the app refuses to keep anything: a shared temporary folder is readable
/// by other users and emptied at restart, no place for a shop's conversations and tokens.
fn database_path_from(
    env_db: Option<std::ffi::OsString>,
    data_dir: Result<std::path::PathBuf, String>,
) -> Result<std::path::PathBuf, ipc::IpcError> {
    if let Some(path) = env_db {
        return Ok(path.into());
    }
    match data_dir {
        Ok(dir) => Ok(dir.join("mostrador.sqlite3")),
        Err(reason) => Err(ipc::IpcError {
            code: "data_folder_unknown".into(),
            message: format!("the user's data folder cannot be determined ({reason})"),
        }),
    }
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
        // Replies and saved answers are copied by the shell (the webview has no clipboard permission).
        .plugin(tauri_plugin_clipboard_manager::init())
        // Grouped desktop notifications, sent from Rust only (the webview has no permission).
        .plugin(tauri_plugin_notification::init())
        // WhatsApp import: the open-file picker. wa.me links are opened by the shell
        // (`whatsapp_open_chat` → `url_opener`): the opener plugin is not exposed to the webview.
        .plugin(tauri_plugin_dialog::init())
        // The quick picker's system-wide shortcut, registered from Rust only: the webview
        // holds no global-shortcut permission.
        .plugin(quick_picker_shortcut::plugin())
        .setup(|app| {
            let handle = match database_path(app) {
                Ok(path) => CoreHandle::new(path),
                Err(refusal) => {
                    eprintln!("mostrador: {}", refusal.message);
                    CoreHandle::refused(refusal)
                }
            };
            // Open (and migrate) in the background so the window paints at once.
            handle.start_opening();
            app.manage(handle);
            // Snoozes wake, notifications and the tray count, once a minute.
            triage_watch::start(app.handle());
            // The quick picker's shortcut, once the database says which one.
            quick_picker_shortcut::start(app.handle());
            // Live channels: the sync engine once the core is open; `--demo` starts the
            // demo store's simulator too. Secrets beside the database.
            let database = app.state::<CoreHandle>().path().to_path_buf();
            let data_dir = database.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
            let demo = std::env::args().skip(1).any(|arg| arg == "--demo");
            sync_runtime::SyncRuntime::start(app.handle(), data_dir, demo);
            // A copy of the database a day, beside it in backups/.
            daily_backup::start(app.handle());
            Ok(())
        })
        // Every #[tauri::command] in src/commands/, listed by build.rs.
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .expect("Mostrador could not start its window")
        .run(|app, event| {
            // Live channels: each account stops after its current step, the demo's
            // simulator closes.
            if let tauri::RunEvent::Exit = event {
                tauri::async_runtime::block_on(app.state::<sync_runtime::SyncRuntime>().shutdown());
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_data_folder_the_app_refuses_rather_than_use_a_temporary_one() {
        let refused = database_path_from(None, Err("no home directory".into())).unwrap_err();
        assert_eq!(refused.code, "data_folder_unknown");
        assert!(refused.message.contains("no home directory"), "{}", refused.message);
        let found = database_path_from(None, Ok("/home/ana/.local/share/org.mostrador.desktop".into()));
        assert_eq!(
            found.unwrap(),
            std::path::Path::new("/home/ana/.local/share/org.mostrador.desktop/mostrador.sqlite3")
        );
        let chosen = database_path_from(Some("/tmp/shop.sqlite3".into()), Err("no home directory".into()));
        assert_eq!(
            chosen.unwrap(),
            std::path::Path::new("/tmp/shop.sqlite3"),
            "MOSTRADOR_DB is the seller's choice"
        );
    }
}
