//! IPC commands grouped by area, one file per area. Each `#[tauri::command]` with its `///` doc is
//! the command's only declaration: build.rs reads these files and generates the handler list, the
//! permissions and what the TypeScript generator needs (`crate::typescript`).

pub mod accounts;
pub mod answers;
pub mod app;
pub mod backups;
pub mod buyers;
pub mod capture;
pub mod conversations;
pub mod cutoff;
pub mod inbox;
pub mod mail;
pub mod metrics;
pub mod orders;
pub mod quick_picker_shortcut;
pub mod replies;
pub mod sample_shop;
pub mod settings;
pub mod whatsapp;

include!(concat!(env!("OUT_DIR"), "/declared_commands.rs"));

/// Every declared command, for `tauri::Builder::invoke_handler`.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    include!(concat!(env!("OUT_DIR"), "/command_handler.rs"))
}

/// Tells the UI that stored data changed, so it refetches what it shows.
fn notify_store_changed(app: &tauri::AppHandle) {
    use tauri::Emitter;
    let _ = app.emit("store-changed", ());
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Each capability may name only commands that are declared (a renamed or removed command's
    /// old permission can linger in tauri-build's generated folder) and the generated set.
    #[test]
    fn capabilities_name_only_declared_commands() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
        let mut files: Vec<_> =
            std::fs::read_dir(&folder).expect("capabilities/").map(|e| e.expect("entry").path()).collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("read a capability");
            let capability: serde_json::Value = serde_json::from_str(&text).expect("a capability is JSON");
            let permissions = capability["permissions"].as_array().expect("a capability lists permissions");
            for permission in permissions.iter().filter_map(|p| p.as_str()) {
                // Plugins' and tauri's own permissions carry a prefix (`dialog:`, `core:`).
                if permission.contains(':') || permission == super::MAIN_WINDOW_SET {
                    continue;
                }
                let command = permission
                    .strip_prefix("allow-")
                    .or_else(|| permission.strip_prefix("deny-"))
                    .unwrap_or(permission)
                    .replace('-', "_");
                assert!(
                    super::DECLARED_NAMES.contains(&command.as_str()),
                    "{} names `{permission}`, but no command `{command}` is declared in src/commands/",
                    path.display()
                );
            }
        }
    }
}
