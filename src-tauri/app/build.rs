fn main() {
    // Declaring the app's commands makes each one a permission, so the capability file is the
    // single list of what the webview may call.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "inbox_list",
        "conversation_get",
        "conversation_mark_read",
        "sample_shop_load",
        "settings_get",
        "settings_save",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
