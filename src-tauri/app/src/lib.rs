//! Mostrador's desktop shell: windows, IPC and nothing else. Every command is a thin call into
//! `mostrador_core::Mostrador`, run off the UI thread.

mod alert_text;
// Saved answers: image attachments for the clipboard, the quick picker window (issue 4).
mod answer_image;
mod clock;
mod commands;
mod core_handle;
mod daily_backup;
// The needs-reply count on the Dock, the launcher and the taskbar button (GAPS2, issue 3).
mod dock_badge;
pub mod ipc;
mod quick_picker;
// The quick picker's system-wide shortcut (GAPS, issue 4).
mod quick_picker_shortcut;
mod triage_watch;
// WhatsApp reply helper (issue 6): the browser opener, with a testing seam.
mod url_opener;
// ---- live channels (issue 7): the sync engine, secrets and the demo store
mod demo_store;
mod sync_runtime;

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
        // Replies and saved answers are copied by the shell (the webview has no clipboard permission).
        .plugin(tauri_plugin_clipboard_manager::init())
        // Grouped desktop notifications, sent from Rust only (the webview has no permission).
        .plugin(tauri_plugin_notification::init())
        // WhatsApp import (issue 6): the open-file picker. wa.me links are opened by the shell
        // (`whatsapp_open_chat` → `url_opener`): the opener plugin is not exposed to the webview.
        .plugin(tauri_plugin_dialog::init())
        // The quick picker's system-wide shortcut (issue 4), registered from Rust only: the webview
        // holds no global-shortcut permission.
        .plugin(quick_picker_shortcut::plugin())
        .setup(|app| {
            let handle = CoreHandle::new(database_path(app));
            // Open (and migrate) in the background so the window paints at once.
            handle.start_opening();
            app.manage(handle);
            // Snoozes wake, notifications and the tray count, once a minute (triage, issue 3).
            triage_watch::start(app.handle());
            // The quick picker's shortcut, once the database says which one (GAPS, issue 4).
            quick_picker_shortcut::start(app.handle());
            // Live channels (issue 7): the sync engine once the core is open; `--demo` starts the
            // demo store's simulator too. Secrets beside the database.
            let database = app.state::<CoreHandle>().path().to_path_buf();
            let data_dir = database.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
            let demo = std::env::args().skip(1).any(|arg| arg == "--demo");
            sync_runtime::SyncRuntime::start(app.handle(), data_dir, demo);
            // A copy of the database a day, beside it in backups/.
            daily_backup::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::backups::backups_list,
            commands::backups::backup_now,
            commands::metrics::metrics_get,
            commands::inbox::inbox_list,
            commands::inbox::conversation_get,
            commands::inbox::conversation_mark_read,
            // ---- triage (inbox engineer, issue 3)
            commands::triage::inbox_counts,
            commands::triage::inbox_accounts,
            commands::triage::conversation_set_status,
            commands::triage::conversation_snooze,
            commands::triage::snooze_options,
            commands::triage::conversations_bulk,
            commands::triage::draft_save,
            commands::triage::drafts_list,
            commands::triage::tabs_save,
            commands::triage::tabs_list,
            commands::triage::reply_record_copied,
            commands::triage::triage_settings_get,
            commands::triage::triage_settings_save,
            commands::triage::conversation_older_messages,
            commands::sample_shop::sample_shop_load,
            commands::settings::settings_get,
            commands::settings::settings_save,
            // buyers and order threads
            commands::buyers::buyer_page,
            commands::buyers::buyer_set_profile,
            commands::buyers::buyers_merge,
            commands::buyers::buyers_undo_merge,
            commands::orders::order_create,
            commands::orders::order_get,
            commands::orders::order_update,
            commands::orders::order_set_stage,
            commands::orders::order_assign_messages,
            commands::orders::thread_messages,
            commands::orders::today_view,
            // WhatsApp exports and manual capture
            commands::whatsapp::whatsapp_preview,
            commands::whatsapp::whatsapp_import,
            commands::whatsapp::whatsapp_open_chat,
            commands::capture::capture_split,
            commands::capture::capture_save,
            commands::capture::capture_add_message,
            commands::capture::capture_buyers,
            commands::capture::capture_sources,
            // cut-off notices and capacity
            commands::cutoff::cutoff_banner,
            commands::cutoff::calendar_settings_get,
            commands::cutoff::calendar_settings_save,
            commands::cutoff::closed_dates_list,
            commands::cutoff::closed_date_save,
            commands::cutoff::closed_date_delete,
            commands::cutoff::holidays_apply,
            commands::cutoff::seasonal_deadlines_list,
            commands::cutoff::seasonal_deadline_save,
            commands::cutoff::seasonal_deadline_delete,
            commands::cutoff::capacity_calendar,
            commands::cutoff::capacity_override_set,
            commands::cutoff::order_promises,
            commands::cutoff::deadlines_upcoming,
            commands::cutoff::products_list,
            commands::cutoff::product_save,
            commands::cutoff::product_delete,
            commands::cutoff::capacity_overrides_list,
            // ---- saved answers (answers engineer, issue 4)
            commands::answers::answers_list,
            commands::answers::answers_search,
            commands::answers::answers_suggest,
            commands::answers::answer_save,
            commands::answers::answer_delete,
            commands::answers::answer_render,
            commands::answers::answers_lint,
            commands::answers::answer_copy,
            commands::answers::answer_used,
            commands::answers::answers_install_starter,
            commands::answers::answer_facts_get,
            commands::answers::answer_facts_save,
            commands::answers::answers_export,
            commands::answers::answers_import,
            commands::answers::answer_attach,
            commands::answers::answer_detach,
            commands::answers::answer_copy_image,
            commands::answers::quick_picker_open,
            commands::answers::quick_picker_close,
            // ---- GAPS: the quick picker's global shortcut (issue 4), "not the same person" (issue 3)
            commands::quick_picker_shortcut::quick_picker_shortcut_get,
            commands::quick_picker_shortcut::quick_picker_shortcut_set,
            commands::buyer_dismissals::buyers_dismiss_suggestion,
            commands::buyer_dismissals::buyers_undo_dismissal,
            // ---- live channels: accounts, sending, demo store (app engineer, issue 7)
            commands::accounts::accounts_list,
            commands::accounts::account_connect_ml_start,
            commands::accounts::account_connect_ml_finish,
            commands::accounts::account_connect_telegram,
            commands::accounts::account_set_disabled,
            commands::accounts::account_sync_now,
            commands::accounts::secrets_allow_file_fallback,
            commands::accounts::demo_start,
            commands::outbox::reply_send,
            commands::outbox::outbox_retry,
            commands::outbox::outbox_cancel,
            commands::outbox::outbox_list,
        ])
        .build(tauri::generate_context!())
        .expect("Mostrador could not start its window")
        .run(|app, event| {
            // Live channels (issue 7): each account stops after its current step, the demo's
            // simulator closes.
            if let tauri::RunEvent::Exit = event {
                tauri::async_runtime::block_on(app.state::<sync_runtime::SyncRuntime>().shutdown());
            }
        });
}
