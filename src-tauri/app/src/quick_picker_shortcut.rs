//! The quick picker's system-wide shortcut: pressed anywhere — WhatsApp Web, the Etsy
//! site — it shows the quick picker. Registered from Rust with tauri-plugin-global-shortcut; the
//! webview holds no permission of that plugin and changes the shortcut only through
//! `quick_picker_shortcut_set`, which registers the new keys before it saves them.
//!
//! Platforms: Windows (RegisterHotKey) and macOS (Carbon hot keys) always; on Linux only under X11
//! (an XGrabKey on the root window, which also works for XWayland apps on a Wayland desktop only
//! while an X11 window has the focus). Another program holding the same keys makes the register
//! fail: the Settings screen says so and the previous shortcut stays.

use std::str::FromStr;
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Manager};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Modifiers, Shortcut, ShortcutState};
use ts_rs::TS;

use crate::core_handle::CoreHandle;
use crate::ipc::IpcError;

/// Ctrl+Shift+Space (Cmd+Shift+Space on macOS): unused by the desktops (GNOME and KDE switch input
/// sources with Super+Space, macOS's Spotlight is Cmd+Space and the emoji viewer Ctrl+Cmd+Space),
/// by browsers and by WhatsApp Web. Ctrl+Alt combinations are avoided: on Windows they are AltGr,
/// which types `@` and `#` on Spanish and Portuguese keyboards.
pub const DEFAULT: &str = "CmdOrCtrl+Shift+Space";

/// What the Settings screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuickPickerShortcut {
    /// The accelerator in effect (`CmdOrCtrl+Shift+Space`, `Control+Alt+KeyK`).
    pub shortcut: String,
    pub is_default: bool,
    /// The system granted it; false when another program holds the keys (then `error` says why).
    pub registered: bool,
    pub error: Option<String>,
}

/// The shortcut registered now (at most one), so a change can unregister it or put it back.
#[derive(Default)]
pub struct Registration(Mutex<Current>);

struct Current {
    accelerator: String,
    shortcut: Option<Shortcut>,
    error: Option<String>,
}

impl Default for Current {
    /// Before the first registration: the default, not yet granted and not refused either.
    fn default() -> Self {
        Current { accelerator: DEFAULT.to_string(), shortcut: None, error: None }
    }
}

impl Current {
    fn status(&self) -> QuickPickerShortcut {
        QuickPickerShortcut {
            shortcut: self.accelerator.clone(),
            is_default: self.accelerator == DEFAULT,
            registered: self.shortcut.is_some(),
            error: self.error.clone(),
        }
    }
}

/// The plugin, with one handler for every shortcut this app registers (there is only this one).
pub fn plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_global_shortcut::Builder::new()
        .with_handler(|app, _shortcut, event| {
            if event.state == ShortcutState::Pressed {
                // Off the handler's thread: building a window from inside it can deadlock on Windows.
                let app = app.clone();
                tauri::async_runtime::spawn(async move {
                    if let Err(e) = crate::quick_picker::open(&app) {
                        eprintln!("mostrador: the quick picker did not open: {e}");
                    }
                });
            }
        })
        .build()
}

/// Registers the saved shortcut (or the default) once the database is open. A refusal is kept
/// for the Settings screen and printed; the app runs on without it.
pub fn start(app: &AppHandle) {
    app.manage(Registration::default());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let saved = app.state::<CoreHandle>().run(|core| core.quick_picker_shortcut()).await;
        let accelerator = saved.ok().flatten().unwrap_or_else(|| DEFAULT.to_string());
        let result = tauri::async_runtime::spawn_blocking(move || {
            let registration = app.state::<Registration>();
            let mut current = registration.0.lock().unwrap_or_else(|e| e.into_inner());
            let outcome = parse(&accelerator).and_then(|shortcut| {
                register(&app, shortcut)?;
                Ok(shortcut)
            });
            current.accelerator = accelerator;
            match outcome {
                Ok(shortcut) => current.shortcut = Some(shortcut),
                Err(e) => {
                    eprintln!(
                        "mostrador: the quick picker shortcut {} is not available: {}",
                        current.accelerator, e.message
                    );
                    current.error = Some(e.message);
                }
            }
        })
        .await;
        if let Err(e) = result {
            eprintln!("mostrador: registering the quick picker shortcut failed: {e}");
        }
    });
}

pub fn status(app: &AppHandle) -> QuickPickerShortcut {
    app.state::<Registration>().0.lock().unwrap_or_else(|e| e.into_inner()).status()
}

/// Switches to `accelerator` (`None`: the default). The new keys are registered first: when the
/// system refuses them the previous shortcut is registered again and nothing is saved.
pub async fn change(app: &AppHandle, accelerator: Option<String>) -> Result<QuickPickerShortcut, IpcError> {
    let accelerator = accelerator.map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
    let wanted = accelerator.clone().unwrap_or_else(|| DEFAULT.to_string());
    let shortcut = parse(&wanted)?;
    let handle = app.clone();
    let previous = tauri::async_runtime::spawn_blocking(move || swap(&handle, &wanted, shortcut))
        .await
        .map_err(|e| IpcError::internal(e.to_string()))??;
    let saved = app
        .state::<CoreHandle>()
        .run(move |core| core.save_quick_picker_shortcut(accelerator.as_deref()))
        .await;
    if let Err(e) = saved {
        // Not saved: keep what the next launch will register.
        let handle = app.clone();
        let _ = tauri::async_runtime::spawn_blocking(move || {
            if let Some((accelerator, shortcut)) = previous {
                let _ = swap(&handle, &accelerator, shortcut);
            }
        })
        .await;
        return Err(e);
    }
    Ok(status(app))
}

/// Unregisters the current shortcut and registers `shortcut`, or puts the current one back.
/// Returns the previous accelerator and keys, for a rollback.
fn swap(
    app: &AppHandle,
    accelerator: &str,
    shortcut: Shortcut,
) -> Result<Option<(String, Shortcut)>, IpcError> {
    let registration = app.state::<Registration>();
    let mut current = registration.0.lock().unwrap_or_else(|e| e.into_inner());
    let previous = current.shortcut.map(|keys| (current.accelerator.clone(), keys));
    if current.shortcut == Some(shortcut) {
        current.accelerator = accelerator.to_string();
        return Ok(previous);
    }
    if let Some(old) = current.shortcut.take() {
        let _ = app.global_shortcut().unregister(old);
    }
    match register(app, shortcut) {
        Ok(()) => {
            *current =
                Current { accelerator: accelerator.to_string(), shortcut: Some(shortcut), error: None };
            Ok(previous)
        }
        Err(refused) => {
            if let Some((_, old)) = &previous
                && register(app, *old).is_ok()
            {
                current.shortcut = Some(*old);
            }
            Err(refused)
        }
    }
}

/// The plugin's error is printed, not shown: it is a debug dump of the keys.
fn register(app: &AppHandle, shortcut: Shortcut) -> Result<(), IpcError> {
    app.global_shortcut().register(shortcut).map_err(|e| {
        eprintln!("mostrador: the system refused the quick picker shortcut: {e}");
        IpcError {
            code: "global_shortcut_taken".into(),
            message: format!("the system refused {}", shortcut.into_string()),
        }
    })
}

/// Parses an accelerator and refuses what would get in the way of typing: a system-wide shortcut
/// needs Ctrl, Alt or the Command/Super key (Shift alone would swallow capital letters).
pub fn parse(accelerator: &str) -> Result<Shortcut, IpcError> {
    let invalid = |message: String| IpcError { code: "global_shortcut_invalid".into(), message };
    let shortcut = Shortcut::from_str(accelerator).map_err(|e| invalid(e.to_string()))?;
    if !shortcut.mods.intersects(Modifiers::CONTROL | Modifiers::ALT | Modifiers::SUPER) {
        return Err(invalid(format!("{accelerator} needs Ctrl, Alt or Cmd")));
    }
    Ok(shortcut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accelerators_need_a_real_modifier_and_one_key() {
        assert!(parse(DEFAULT).is_ok());
        assert!(parse("Control+Alt+KeyK").is_ok());
        assert!(parse("Super+Shift+F5").is_ok());
        for (bad, why) in [
            ("KeyK", "no modifier"),
            ("Shift+KeyK", "Shift alone"),
            ("Control+Shift", "no key"),
            ("Control+Nope", "unknown key"),
        ] {
            let err = parse(bad).expect_err(why);
            assert_eq!(err.code, "global_shortcut_invalid", "{bad}");
        }
    }
}
