//! `cargo xtask fuzz [SECONDS]`: runs the WhatsApp parser's cargo-fuzz target for a bounded time.
//!
//! cargo-fuzz needs nightly compiler flags; `RUSTC_BOOTSTRAP=1` lets the stable toolchain accept
//! them, so no second toolchain is installed. The sanitizer is off: the parser is safe Rust, and
//! what is looked for is a panic, which libFuzzer catches without one.

use std::path::Path;

use crate::{TaskResult, process, root, step};

const TARGET: &str = "whatsapp_parser";
const DEFAULT_SECONDS: u64 = 60;

pub fn run(args: &[String]) -> TaskResult {
    let seconds = match args.first() {
        None => DEFAULT_SECONDS,
        Some(text) => text.parse().map_err(|_| format!("`{text}` is not a number of seconds"))?,
    };
    if process::output(process::command(cargo()).args(["fuzz", "--version"])).is_err() {
        step("Installing cargo-fuzz");
        process::cargo(&["install", "cargo-fuzz", "--locked"])?;
    }
    let fuzz_dir = root().join("src-tauri/fuzz");
    let corpus = fuzz_dir.join("corpus").join(TARGET);
    seed(&corpus)?;
    step(&format!("Fuzzing the WhatsApp export parser for {seconds} s"));
    process::run(
        process::command(cargo())
            .current_dir(&fuzz_dir)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "--sanitizer", "none", "--fuzz-dir"])
            .arg(&fuzz_dir)
            .arg(TARGET)
            .arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            .arg("-max_len=65536"),
    )
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Starts from the committed export fixtures, so the fuzzer begins with real headers.
fn seed(corpus: &Path) -> TaskResult {
    std::fs::create_dir_all(corpus).map_err(|e| format!("could not create {}: {e}", corpus.display()))?;
    let fixtures = root().join("tests/fixtures/whatsapp");
    let entries =
        std::fs::read_dir(&fixtures).map_err(|e| format!("could not read {}: {e}", fixtures.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let target =
                corpus.join(format!("seed-{}", entry.file_name().to_string_lossy().replace(' ', "_")));
            std::fs::copy(&path, &target).map_err(|e| format!("could not copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
