//! Tauri's build step, fed by the commands themselves. Every `#[tauri::command]` in
//! `src/commands/<area>.rs` is read here, so that one declaration gives the handler list, the
//! command's permission and the main window's permission set.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use syn::{Attribute, Expr, ItemFn, Lit, Meta};

/// The main window's permission set; capabilities/main-window.json takes it whole.
const MAIN_WINDOW_SET: &str = "main-window-commands";

/// Declared commands left out of the main window's set. `quick_picker_close` closes the window
/// that calls it: only the quick picker may close itself (capabilities/quick-picker.json).
const NOT_FOR_MAIN_WINDOW: &[&str] = &["quick_picker_close"];

struct Command {
    name: String,
}

struct Area {
    stem: String,
    commands: Vec<Command>,
}

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src/commands");
    let areas = read_areas(Path::new("src/commands"));
    write_rust(&out_dir, &areas);

    let names: Vec<&'static str> =
        areas.iter().flat_map(|area| &area.commands).map(|command| leak(command.name.clone())).collect();
    for name in NOT_FOR_MAIN_WINDOW {
        assert!(
            names.contains(name),
            "build.rs: NOT_FOR_MAIN_WINDOW names `{name}`, which is not a declared command"
        );
    }
    let permissions_dir = out_dir.join("app-permissions");
    write(&permissions_dir.join(format!("{MAIN_WINDOW_SET}.toml")), &main_window_set(&names));
    // tauri-build reads the app's permission files from this glob instead of `permissions/`: the
    // set is generated, so it lives in OUT_DIR, not in the source tree.
    let pattern = leak(format!("{}/*.toml", permissions_dir.display()));
    let manifest =
        tauri_build::AppManifest::new().commands(Vec::leak(names)).permissions_path_pattern(pattern);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}

/// tauri-build keeps the command names and the glob for the whole build (`&'static`).
fn leak(text: String) -> &'static str {
    String::leak(text)
}

fn read_areas(dir: &Path) -> Vec<Area> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("read src/commands").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    // Sorted, so the generated files do not depend on the directory's order.
    files.sort();
    files.iter().map(PathBuf::as_path).map(read_area).collect()
}

fn read_area(path: &Path) -> Area {
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name").to_owned();
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let commands = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(function) if is_command(path, function) => Some(read_command(path, function)),
            _ => None,
        })
        .collect();
    Area { stem, commands }
}

fn is_command(path: &Path, function: &ItemFn) -> bool {
    let Some(attr) = function.attrs.iter().find(|attr| {
        let segments: Vec<String> = attr.path().segments.iter().map(|s| s.ident.to_string()).collect();
        segments == ["tauri", "command"] || segments == ["command"]
    }) else {
        return false;
    };
    // Options such as `rename_all` change the names the webview sends, which the generator assumes.
    assert!(
        matches!(attr.meta, Meta::Path(_)),
        "{}: `{}`: write a bare #[tauri::command]; its options are not supported here",
        path.display(),
        function.sig.ident
    );
    true
}

fn read_command(path: &Path, function: &ItemFn) -> Command {
    let name = function.sig.ident.to_string();
    if doc_comment(&function.attrs).is_empty() {
        unsupported(path, &name, "add a /// comment saying what it does for the UI");
    }
    Command { name }
}

fn unsupported(path: &Path, command: &str, what: &str) -> ! {
    panic!("{}: `{command}`: {what}", path.display())
}

fn doc_comment(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(pair) => match &pair.value {
                Expr::Lit(syn::ExprLit { lit: Lit::Str(text), .. }) => Some(text.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).trim_end().to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}

/// `command_handler.rs` (the `generate_handler!` list) and `declared_commands.rs` for commands.rs.
fn write_rust(out_dir: &Path, areas: &[Area]) {
    const HEADER: &str = "// Generated by build.rs from src/commands/*.rs; do not edit.\n";
    let mut handler = format!("{HEADER}tauri::generate_handler![\n");
    for area in areas {
        for command in &area.commands {
            writeln!(handler, "    {}::{},", area.stem, command.name).unwrap();
        }
    }
    handler.push_str("]\n");
    let names: Vec<&str> = areas.iter().flat_map(|area| &area.commands).map(|c| c.name.as_str()).collect();
    let declared = format!(
        "{HEADER}\n/// Every declared command's name.\n#[cfg(test)]\npub(crate) const DECLARED_NAMES: &[&str] = &{names:?};\n\
         \n/// The main window's permission set (capabilities/main-window.json).\n\
         #[cfg(test)]\npub(crate) const MAIN_WINDOW_SET: &str = {MAIN_WINDOW_SET:?};\n"
    );
    write(&out_dir.join("command_handler.rs"), &handler);
    write(&out_dir.join("declared_commands.rs"), &declared);
}

fn main_window_set(names: &[&str]) -> String {
    let mut toml = format!(
        "# Generated by build.rs from src/commands/*.rs; do not edit.\n\n[[set]]\n\
         identifier = \"{MAIN_WINDOW_SET}\"\n\
         description = \"Every command declared in src/commands/ except {}.\"\npermissions = [\n",
        NOT_FOR_MAIN_WINDOW.join(", ")
    );
    for name in names.iter().filter(|name| !NOT_FOR_MAIN_WINDOW.contains(name)) {
        writeln!(toml, "  \"allow-{}\",", name.replace('_', "-")).unwrap();
    }
    toml.push_str("]\n");
    toml
}

/// Writes only when the text changed, so an unchanged command list rebuilds nothing.
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|current| current == text) {
        return;
    }
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("create a folder in OUT_DIR");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
