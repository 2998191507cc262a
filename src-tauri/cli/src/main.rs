//! `mostrador-cli`: the Mostrador core from the command line, for power users and CI.
//!
//! Text for people goes to stdout; `--json` makes stdout machine-readable JSON only. Every failure
//! is one sentence on stderr with exit code 1 (clap itself uses 2 for bad arguments).

mod backup;
mod database;
mod demo;
mod export;
mod failure;
mod init;
mod stats;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::failure::Failure;

#[derive(Debug, Parser)]
#[command(
    name = "mostrador-cli",
    version,
    about = "Mostrador without a window: the same store, from the command line."
)]
struct Cli {
    /// The Mostrador database file.
    #[arg(long, env = "MOSTRADOR_DB", value_name = "PATH")]
    db: PathBuf,

    /// Print machine-readable JSON on stdout instead of text.
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the database, or bring an existing one up to date, and print where it is.
    Init,
    /// Load the sample shop (buyers, conversations and orders on every channel) into an empty database.
    Demo,
    /// Count accounts, buyers, conversations, messages and orders, in total, per channel and per status.
    Stats,
    /// Export everything as one JSON document, to stdout or to a new file.
    Export {
        /// Write the export to this file instead of stdout; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write a consistent copy of the database to a new file.
    Backup {
        /// Where to write the copy; it must not exist yet.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The one clock read: the core takes time as an argument and never reads it itself.
    let now = jiff::Timestamp::now().as_second();
    let mut stdout = std::io::stdout().lock();

    let result = match &cli.command {
        Command::Init => init::run(&cli.db, cli.json, &mut stdout),
        Command::Demo => demo::run(&cli.db, now, cli.json, &mut stdout),
        Command::Stats => stats::run(&cli.db, cli.json, &mut stdout),
        Command::Export { out } => export::run(&cli.db, out.as_deref(), cli.json, &mut stdout),
        Command::Backup { file } => backup::run(&cli.db, file, cli.json, &mut stdout),
    }
    .and_then(|()| stdout.flush().map_err(Failure::from_stdout));

    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Whoever read our output stopped early (`| head`): nothing to report.
        Err(Failure::StdoutClosed) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
