//! The quick picker: a small always-on-top, undecorated window over whatever the seller is using
//! (WhatsApp Web, the Etsy site) with a search box over the saved answers. Enter copies and closes.
//! Its capability (capabilities/quick-picker.json) allows only search, fill, copy and close.

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

pub const LABEL: &str = "quick-picker";

/// Shows the window, creating it the first time; the UI tells it apart by its label.
pub fn open(app: &AppHandle) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(LABEL) {
        window.show()?;
        window.set_focus()?;
        return Ok(());
    }
    WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("index.html".into()))
        .title("Mostrador")
        .inner_size(560.0, 380.0)
        .resizable(false)
        .decorations(false)
        .always_on_top(true)
        .skip_taskbar(true)
        .center()
        .focused(true)
        .build()?;
    Ok(())
}
