//! Tauri's build step, fed by the commands themselves. Every `#[tauri::command]` in
//! `src/commands/<area>.rs` is read here, so that one declaration gives the handler list, the
//! command's permission, the main window's permission set and what the TypeScript generator needs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::ToTokens;
use syn::{Attribute, Expr, FnArg, GenericArgument, ItemFn, Lit, Meta, Pat, PathArguments, ReturnType, Type};

/// The main window's permission set; capabilities/main-window.json takes it whole.
const MAIN_WINDOW_SET: &str = "main-window-commands";

/// Declared commands left out of the main window's set. `quick_picker_close` closes the window
/// that calls it: only the quick picker may close itself (capabilities/quick-picker.json).
const NOT_FOR_MAIN_WINDOW: &[&str] = &["quick_picker_close"];

/// Arguments tauri fills in itself: the webview never passes them, so they are not in the UI's call.
const INJECTED: &[&str] =
    &["State", "AppHandle", "Window", "WebviewWindow", "Webview", "Request", "CommandScope", "GlobalScope"];

struct Command {
    name: String,
    doc: String,
    /// (name as written in Rust, type as written in Rust)
    params: Vec<(String, String)>,
    ok: String,
    err: Option<String>,
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
    let include = format!("include!(concat!(env!(\"OUT_DIR\"), \"/declared/{stem}.rs\"));");
    assert!(
        source.contains(&include),
        "{}: end the file with `{include}` (its commands' TypeScript signatures)",
        path.display()
    );
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
    let fail = |what: &str| unsupported(path, &name, what);
    if !function.sig.generics.params.is_empty() {
        fail("generic commands are not supported (the UI's call needs concrete types)");
    }
    let doc = doc_comment(&function.attrs);
    if doc.is_empty() {
        fail("add a /// comment saying what it does for the UI (it becomes the TypeScript function's JSDoc)");
    }
    let mut params = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(typed) = input else { unsupported(path, &name, "a command takes no `self`") };
        if is_injected(&typed.ty) {
            continue;
        }
        let Pat::Ident(ident) = typed.pat.as_ref() else {
            unsupported(path, &name, "name each argument (no patterns)")
        };
        params.push((ident.ident.to_string(), rust(&typed.ty)));
    }
    let (ok, err) = match &function.sig.output {
        ReturnType::Default => ("()".to_owned(), None),
        ReturnType::Type(_, ty) => match result_types(ty) {
            Some((ok, err)) => (rust(ok), Some(rust(err))),
            None => (rust(ty), None),
        },
    };
    Command { name, doc, params, ok, err }
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

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

fn is_injected(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|segment| INJECTED.iter().any(|name| segment.ident == name))
}

/// `Result<T, E>` as (T, E).
fn result_types(ty: &Type) -> Option<(&Type, &Type)> {
    let segment = last_segment(ty).filter(|segment| segment.ident == "Result")?;
    let PathArguments::AngleBracketed(args) = &segment.arguments else { return None };
    let types: Vec<&Type> = args
        .args
        .iter()
        .filter_map(|arg| match arg {
            GenericArgument::Type(ty) => Some(ty),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [ok, err] => Some((ok, err)),
        _ => None,
    }
}

fn rust(ty: &Type) -> String {
    ty.to_token_stream().to_string()
}

/// `declared/<area>.rs` for each area (included by the area's file, so its types resolve through
/// that file's imports), and `command_handler.rs`, `declared_commands.rs` for commands.rs.
fn write_rust(out_dir: &Path, areas: &[Area]) {
    const HEADER: &str = "// Generated by build.rs from src/commands/*.rs; do not edit.\n";
    let mut handler = format!("{HEADER}tauri::generate_handler![\n");
    let mut declared = format!(
        "{HEADER}/// Every declared command, area by area (files in name order, commands in file order).\n\
         pub(crate) const DECLARED: &[&[crate::typescript::CommandDeclaration]] = &[\n"
    );
    for area in areas {
        let stem = &area.stem;
        writeln!(declared, "    {stem}::declared::COMMANDS,").unwrap();
        let mut module = format!(
            "{HEADER}/// This file's commands as the TypeScript generator sees them. A child module sees the\n\
             /// parent's private imports, so each type resolves as it does in the signature above.\n\
             pub(crate) mod declared {{\n    #[allow(unused_imports)]\n    use super::*;\n\n    \
             pub(crate) const COMMANDS: &[crate::typescript::CommandDeclaration] = &[\n"
        );
        for command in &area.commands {
            writeln!(handler, "    {stem}::{},", command.name).unwrap();
            let params: Vec<String> = command
                .params
                .iter()
                .map(|(name, ty)| format!("({name:?}, crate::typescript::ts_type::<{ty}>)"))
                .collect();
            let err = match &command.err {
                Some(err) => format!("Some(crate::typescript::ts_type::<{err}>)"),
                None => "None".to_owned(),
            };
            write!(
                module,
                "        crate::typescript::CommandDeclaration {{\n            \
                 name: {name:?},\n            area: {stem:?},\n            doc: {doc:?},\n            \
                 params: &[{params}],\n            ok: crate::typescript::ts_type::<{ok}>,\n            \
                 err: {err},\n        }},\n",
                name = command.name,
                doc = command.doc,
                params = params.join(", "),
                ok = command.ok,
            )
            .unwrap();
        }
        module.push_str("    ];\n}\n");
        write(&out_dir.join("declared").join(format!("{stem}.rs")), &module);
    }
    handler.push_str("]\n");
    declared.push_str("];\n");
    let names: Vec<&str> = areas.iter().flat_map(|area| &area.commands).map(|c| c.name.as_str()).collect();
    write!(
        declared,
        "\n/// Every declared command's name.\n#[cfg(test)]\npub(crate) const DECLARED_NAMES: &[&str] = &{names:?};\n\
         \n/// The main window's permission set (capabilities/main-window.json).\n\
         #[cfg(test)]\npub(crate) const MAIN_WINDOW_SET: &str = {MAIN_WINDOW_SET:?};\n"
    )
    .unwrap();
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
