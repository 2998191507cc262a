//! The shell's once-a-minute triage tick: wakes snoozed conversations, sends ONE grouped desktop
//! notification for what arrived (none in quiet hours), a reminder for conversations that just
//! passed their reply target, and keeps the tray's needs-reply count current.
//!
//! Live channels call [`look_now`] when a sync stored new buyer messages: the same look
//! runs at once, so there is still one notifier and one grouped notice.
//!
//! Testing seam: `MOSTRADOR_NOTIFY_LOG=<file>` appends each notification (`title<TAB>body`, one
//! per line) to that file instead of showing it (Xvfb has no notification service).

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use mostrador_core::inbox::{InboxQuery, TriageAlerts};
use mostrador_core::vocabulary::{ConversationStatus, Language};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Emitter, Listener, Manager, Wry};
use tauri_plugin_notification::NotificationExt;

use crate::alert_text;
use crate::clock::now;
use crate::core_handle::CoreHandle;
use crate::dock_badge;

const TICK: Duration = Duration::from_secs(60);
const TRAY_ID: &str = "needs-reply";
const OPEN_ID: &str = "open";

/// Wakes the tick before its minute is up (a sync stored new messages).
struct LookNow(Arc<tokio::sync::Notify>);

/// Runs the triage look now instead of at the next minute; many calls in a row make one look.
pub fn look_now(app: &AppHandle) {
    if let Some(wake) = app.try_state::<LookNow>() {
        wake.0.notify_one();
    }
}

/// The tray's one menu entry, kept to relabel it when the language changes.
struct TrayMenuItem(MenuItem<Wry>);

/// Starts the tick and the tray. A desktop without a tray (or without a notification service)
/// still gets the rest: failures there are reported on stderr, never fatal.
pub fn start(app: &AppHandle) {
    if let Err(error) = build_tray(app) {
        eprintln!("mostrador: no tray icon: {error}");
    }
    // Writes from the window (done, snooze, a copied reply) change the count at once.
    let listener = app.clone();
    app.listen_any("store-changed", move |_| {
        let app = listener.clone();
        tauri::async_runtime::spawn(async move { refresh_tray(&app).await });
    });
    let wake = Arc::new(tokio::sync::Notify::new());
    app.manage(LookNow(wake.clone()));
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        // The first look only sets the mark: no notification for what was there before launch.
        let mut mark: Option<i64> = None;
        let mut since = now();
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = wake.notified() => {}
            }
            let at = now();
            let (after, from) = (mark, since);
            let looked = app
                .state::<CoreHandle>()
                .run(move |core| {
                    let woke = core.wake_snoozed(at)?;
                    Ok((woke, core.triage_alerts(after, from, at)?, core.settings()?.language))
                })
                .await;
            let (woke, alerts, chosen) = match looked {
                Ok(looked) => looked,
                Err(error) => {
                    eprintln!("mostrador: triage tick failed: {}", error.message);
                    continue;
                }
            };
            mark = Some(alerts.last_message_id);
            since = at;
            let language = alert_text::language(chosen, sys_locale::get_locale().as_deref());
            if woke > 0 || alerts.new_messages > 0 || !alerts.newly_late.is_empty() {
                let _ = app.emit("store-changed", ());
            }
            notify(&app, language, &alerts);
            show_count(&app, language, alerts.needs_reply);
        }
    });
}

fn notify(app: &AppHandle, language: Language, alerts: &TriageAlerts) {
    if alerts.quiet {
        return;
    }
    let notices =
        [alert_text::new_messages(language, alerts), alert_text::newly_late(language, &alerts.newly_late)];
    let log = std::env::var_os("MOSTRADOR_NOTIFY_LOG");
    for notice in notices.into_iter().flatten() {
        if let Some(log) = &log {
            let logged = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .and_then(|mut file| writeln!(file, "{}\t{}", notice.title, notice.body));
            if let Err(error) = logged {
                eprintln!("mostrador: notification not logged: {error}");
            }
            continue;
        }
        let body = if server_reads_markup() { alert_text::for_markup(&notice.body) } else { notice.body };
        if let Err(error) = app.notification().builder().title(&notice.title).body(&body).show() {
            eprintln!("mostrador: notification not shown: {error}");
        }
    }
}

/// Whether the desktop's notification server reads markup in bodies (asked once: it is the
/// session's server). Only Linux servers do; elsewhere the body is plain text.
fn server_reads_markup() -> bool {
    #[cfg(target_os = "linux")]
    {
        static READS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *READS.get_or_init(|| {
            notify_rust::get_capabilities().is_ok_and(|caps| caps.iter().any(|c| c == "body-markup"))
        })
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

fn build_tray(app: &AppHandle) -> tauri::Result<TrayIcon> {
    let item = MenuItem::with_id(app, OPEN_ID, alert_text::open_window(Language::Es), true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&item])?;
    app.manage(TrayMenuItem(item));
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Mostrador")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| {
            if event.id() == OPEN_ID {
                show_window(app);
            }
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click { button: tauri::tray::MouseButton::Left, .. } = event {
                show_window(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)
}

fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

async fn refresh_tray(app: &AppHandle) {
    let looked = app
        .state::<CoreHandle>()
        .run(|core| Ok((core.inbox_counts(&InboxQuery::default())?, core.settings()?.language)))
        .await;
    if let Ok((counts, chosen)) = looked {
        let count =
            counts.iter().find(|c| c.status == ConversationStatus::NeedsReply).map_or(0, |c| c.conversations);
        show_count(app, alert_text::language(chosen, sys_locale::get_locale().as_deref()), count);
    }
}

/// Tooltip on Windows and macOS; on Linux (AppIndicator has no tooltip) the label beside the icon.
/// Also on the app's own icon (`dock_badge`): the Dock, the launcher, the taskbar button.
///
/// On the main thread: `tray_by_id` clones the tray's `Rc` handle, and a clone from a worker thread
/// while the main thread touches it corrupts the count (the E2E caught an abort there).
fn show_count(app: &AppHandle, language: Language, count: u32) {
    let handle = app.clone();
    if let Err(error) = app.run_on_main_thread(move || paint_count(&handle, language, count)) {
        eprintln!("mostrador: the count was not shown: {error}");
    }
}

fn paint_count(app: &AppHandle, language: Language, count: u32) {
    if let Some(item) = app.try_state::<TrayMenuItem>() {
        let _ = item.0.set_text(alert_text::open_window(language));
    }
    if let Some(window) = app.get_webview_window("main") {
        #[cfg(not(windows))]
        let _ = window.set_badge_count(dock_badge::count(count));
        #[cfg(windows)]
        let _ = window.set_overlay_icon(dock_badge::overlay_rgba(count).map(|rgba| {
            tauri::image::Image::new_owned(rgba, dock_badge::OVERLAY_SIDE, dock_badge::OVERLAY_SIDE)
        }));
    }
    let Some(tray) = app.tray_by_id(TRAY_ID) else { return };
    let _ = tray.set_tooltip(Some(alert_text::needs_reply(language, count)));
    let _ = tray.set_title(if count > 0 { Some(count.to_string()) } else { None });
}
