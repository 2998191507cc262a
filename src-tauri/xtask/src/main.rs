//! `cargo xtask <task>`: the project's own build tasks, written in Rust so they run wherever cargo
//! does. std only, so it compiles in seconds on a fresh machine.

mod checks;
mod e2e;
mod fuzz;
mod mail_servers;
mod process;
mod setup;
mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

  run [-- ARGS]   install what is missing, build the UI and the app, open Mostrador
                  (`run -- --demo`: with the live demo store, simulated Mercado Libre and Telegram)
  test            everything CI runs: fmt, clippy, Rust tests, UI checks and tests,
                  the tauri-free check, the bindings check and the real-app E2E
  e2e [FILTER]    only the real-app E2E (screenshots in target/e2e-artifacts/)
  bench           store, WhatsApp import, cut-off, saved-answers and live-sync benchmarks, next to raw
                  SQLite measured in the same run, and an Instagram first sync at Meta's rate limit
  fuzz [SECONDS] [TARGET]
                  fuzz the WhatsApp export parser and the e-mail reader, SECONDS each
                  (cargo-fuzz, installed if missing; default 60 s), or only TARGET
                  (whatsapp_parser, email_mail)
  mail-servers    start the e-mail tests' Dovecot and SMTP relay, print their settings as
                  `export` lines and keep them running until Ctrl-C
  types           regenerate the UI's ui/src/lib/ipc/bindings.ts and commands.ts from the
                  Rust commands and types
  setup           only install the system packages, Node.js and the UI's npm packages
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (task, rest) = match args.split_first() {
        Some((task, rest)) => (task.as_str(), rest),
        None => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match task {
        "run" => run(rest),
        "test" => test(),
        "e2e" => e2e_only(rest),
        "types" => checks::write_bindings(),
        "bench" => bench(),
        "fuzz" => fuzz::run(rest),
        "mail-servers" => mail_servers::serve(),
        "setup" => setup::everything(),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown task `{other}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {task} failed: {message}");
            ExitCode::FAILURE
        }
    }
}

pub type TaskResult = Result<(), String>;

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

pub fn step(what: &str) {
    println!("\n==> {what}");
}

fn run(app_args: &[String]) -> TaskResult {
    setup::everything()?;
    ui::build()?;
    step("Building Mostrador (the first build takes several minutes)");
    process::cargo(&["build", "-p", "mostrador", "--features", "custom-protocol"])?;
    let binary = root().join("target/debug/mostrador");
    step(&format!("Opening {}", binary.display()));
    // `cargo xtask run -- --demo`: the separator is cargo's habit, not the app's argument.
    let app_args = app_args.strip_prefix(&["--".to_owned()]).unwrap_or(app_args);
    process::run(process::command(&binary).args(app_args))
}

fn test() -> TaskResult {
    let started = std::time::Instant::now();
    setup::everything()?;
    checks::format()?;
    checks::core_crates_are_tauri_free()?;
    ui::check_and_test()?;
    ui::build()?;
    checks::clippy()?;
    checks::rust_tests()?;
    e2e::run(&[])?;
    println!("\nAll checks passed in {:.0} s.", started.elapsed().as_secs_f64());
    Ok(())
}

fn bench() -> TaskResult {
    step("Benchmarks (release build)");
    process::cargo(&["bench", "-p", "mostrador-core", "--bench", "store", "--locked"])?;
    // The inbox at 1,000,000 messages (the dataset is built once into target/bench-data/).
    process::cargo(&["bench", "-p", "mostrador-core", "--bench", "inbox", "--locked"])?;
    process::cargo(&["bench", "-p", "mostrador-core", "--bench", "whatsapp", "--locked"])?;
    // Cut-off answers with a year of bookings.
    process::cargo(&["bench", "-p", "mostrador-core", "--bench", "cutoff", "--locked"])?;
    // Saved answers at 10,000: fuzzy search and suggestions for a buyer's message.
    process::cargo(&["bench", "-p", "mostrador-core", "--bench", "answers", "--locked"])?;
    // Live sync: 10,000 new questions and post-sale messages from the simulator, end to end.
    process::cargo(&["bench", "-p", "mostrador-channels", "--bench", "sync", "--locked"])?;
    // E-mail: a first sync of 10,000 mails from the real Dovecot, and IDLE's delivery-to-inbox time.
    let mail = mail_servers::MailServers::start()?;
    process::run(
        process::command(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(["bench", "-p", "mostrador-channels", "--bench", "email", "--locked"])
            .envs(mail.env_for_cargo()),
    )?;
    drop(mail);
    // Instagram: a first sync of 2,000 conversations at Meta's 2 calls a second (about 17 minutes).
    process::cargo(&["bench", "-p", "mostrador-channels", "--bench", "meta", "--locked"])
}

/// `cargo xtask e2e [FILTER…]`: the filters are passed to the test harness (e.g. `answers::`).
fn e2e_only(filters: &[String]) -> TaskResult {
    setup::everything()?;
    ui::build()?;
    e2e::run(filters)
}
