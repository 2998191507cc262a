//! The static checks and the Rust test run.

use crate::mail_servers::MailServers;
use crate::{TaskResult, process, step};

/// Crates that must never link tauri (invariant 1 in ARCHITECTURE.md).
const TAURI_FREE_CRATES: &[&str] =
    &["mostrador-core", "mostrador-cli", "xtask", "mostrador-simulator", "mostrador-channels"];

pub fn format() -> TaskResult {
    step("Formatting (cargo fmt --check)");
    process::cargo(&["fmt", "--all", "--check"])
}

pub fn core_crates_are_tauri_free() -> TaskResult {
    step("Core crates stay free of tauri");
    for krate in TAURI_FREE_CRATES {
        let tree = process::output(process::command(cargo_program()).args([
            "tree",
            "--package",
            krate,
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ]))?;
        if let Some(line) = tree.lines().find(|line| is_tauri(line)) {
            return Err(format!("{krate} depends on tauri ({line}); only the desktop shell may"));
        }
        println!("{krate}: no tauri in its dependency tree");
    }
    Ok(())
}

fn is_tauri(line: &str) -> bool {
    let name = line.split_whitespace().next().unwrap_or("");
    name == "tauri" || name.starts_with("tauri-") || name == "wry" || name == "tao"
}

pub fn clippy() -> TaskResult {
    step("Clippy, warnings are errors");
    // The E2E target is built only with its feature: turn it on so it is linted too.
    process::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        "mostrador-tests/e2e",
        "--locked",
        "--",
        "-D",
        "warnings",
    ])
}

/// Every Rust test except the real-app E2E, which needs a display (see e2e.rs). Excluding its crate
/// also keeps its dev-dependencies' features out of this build. The app crate's tests include the
/// check that the UI's generated TypeScript (ui/src/lib/ipc/bindings.ts and commands.ts) is fresh.
/// The e-mail channel's tests get real mail servers, started for this run only.
pub fn rust_tests() -> TaskResult {
    step("Rust tests");
    let mail = MailServers::start()?;
    process::run(
        process::command(cargo_program())
            .args(["test", "--workspace", "--locked", "--exclude", "mostrador-tests"])
            .envs(mail.env_for_cargo()),
    )
}

pub fn write_bindings() -> TaskResult {
    step("Writing ui/src/lib/ipc/bindings.ts and commands.ts");
    process::run(
        process::command(cargo_program())
            .args(["test", "-p", "mostrador", "--lib", "typescript_bindings_are_fresh"])
            .env("MOSTRADOR_WRITE_BINDINGS", "1"),
    )
}

fn cargo_program() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}
