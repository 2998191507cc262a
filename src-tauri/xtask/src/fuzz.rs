//! `cargo xtask fuzz [SECONDS] [TARGET]`: runs the cargo-fuzz targets for a bounded time each, or
//! only the one named.
//!
//! cargo-fuzz needs nightly compiler flags; `RUSTC_BOOTSTRAP=1` lets the stable toolchain accept
//! them, so no second toolchain is installed. The sanitizer is off: the parsers are safe Rust, and
//! what is looked for is a panic, which libFuzzer catches without one.

use std::path::Path;

use crate::{TaskResult, process, root, step};

struct Target {
    name: &'static str,
    what: &'static str,
    /// Committed fixtures the corpus starts from, so the fuzzer begins with real input.
    fixtures: &'static str,
    /// The fixtures' extensions, each with the byte put in front of them for targets whose first
    /// byte picks a mode (the answers file's format), so a seed is read as what it is.
    fixture_kinds: &'static [(&'static str, Option<u8>)],
}

const TARGETS: &[Target] = &[
    Target {
        name: "whatsapp_parser",
        what: "the WhatsApp export parser",
        fixtures: "tests/fixtures/whatsapp",
        fixture_kinds: &[("txt", None)],
    },
    Target {
        name: "email_mail",
        what: "the e-mail reader",
        fixtures: "src-tauri/channels/tests/fixtures/email",
        fixture_kinds: &[("eml", None)],
    },
    Target {
        name: "pasted_chat",
        what: "pasted-chat splitting",
        fixtures: "tests/fixtures/pasted",
        // Buyer and shop name known.
        fixture_kinds: &[("txt", Some(3))],
    },
    Target {
        name: "answers_file",
        what: "the saved-answers file import",
        fixtures: "tests/fixtures/answers",
        fixture_kinds: &[("json", Some(0)), ("csv", Some(1))],
    },
];

const DEFAULT_SECONDS: u64 = 60;

pub fn run(args: &[String]) -> TaskResult {
    let seconds = match args.first() {
        None => DEFAULT_SECONDS,
        Some(text) => text.parse().map_err(|_| format!("`{text}` is not a number of seconds"))?,
    };
    let targets: Vec<&Target> = match args.get(1) {
        None => TARGETS.iter().collect(),
        Some(name) => vec![TARGETS.iter().find(|t| t.name == name.as_str()).ok_or_else(|| {
            let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
            format!("no fuzz target `{name}` (there are: {})", names.join(", "))
        })?],
    };
    if process::output(process::command(cargo()).args(["fuzz", "--version"])).is_err() {
        step("Installing cargo-fuzz");
        process::cargo(&["install", "cargo-fuzz", "--locked"])?;
    }
    let fuzz_dir = root().join("src-tauri/fuzz");
    for target in targets {
        let corpus = fuzz_dir.join("corpus").join(target.name);
        seed(&corpus, target)?;
        step(&format!("Fuzzing {} for {seconds} s", target.what));
        process::run(
            process::command(cargo())
                .current_dir(&fuzz_dir)
                .env("RUSTC_BOOTSTRAP", "1")
                .args(["fuzz", "run", "--sanitizer", "none", "--fuzz-dir"])
                .arg(&fuzz_dir)
                .arg(target.name)
                .arg(&corpus)
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                .arg("-max_len=65536"),
        )?;
    }
    Ok(())
}

fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

fn seed(corpus: &Path, target: &Target) -> TaskResult {
    std::fs::create_dir_all(corpus).map_err(|e| format!("could not create {}: {e}", corpus.display()))?;
    let fixtures = root().join(target.fixtures);
    let entries =
        std::fs::read_dir(&fixtures).map_err(|e| format!("could not read {}: {e}", fixtures.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let kind = target
            .fixture_kinds
            .iter()
            .find(|(extension, _)| path.extension().is_some_and(|e| e == *extension));
        if let Some((_, prefix)) = kind {
            let destination =
                corpus.join(format!("seed-{}", entry.file_name().to_string_lossy().replace(' ', "_")));
            let bytes =
                std::fs::read(&path).map_err(|e| format!("could not read {}: {e}", path.display()))?;
            let seed: Vec<u8> = prefix.iter().copied().chain(bytes).collect();
            std::fs::write(&destination, seed)
                .map_err(|e| format!("could not write {}: {e}", destination.display()))?;
        }
    }
    Ok(())
}
