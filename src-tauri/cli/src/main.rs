//! `mostrador-cli`: the Mostrador core from the command line, for power users and CI.
//!
//! Text for people goes to stdout; `--json` makes stdout machine-readable JSON only. Every failure
//! is one sentence on stderr with exit code 1 (clap itself uses 2 for bad arguments).

mod accounts;
mod answers;
mod backup;
mod cutoff;
mod database;
mod demo;
mod export;
mod failure;
mod init;
mod metrics;
mod stats;
mod sync;
mod whatsapp;

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
    /// How the shop answers over the last four months: first response per channel, who waits, orders.
    Metrics,
    /// Export everything as one JSON document, to stdout or to a new file.
    Export {
        /// Write the export to this file instead of stdout; it must not exist yet.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import chats exported from other apps.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Ship-by dates, last days to order and booked capacity, from the shop calendar.
    #[command(subcommand)]
    Cutoff(CutoffCommand),
    /// The saved-answers library: list, search, lint a text, starter pack, import, export.
    #[command(subcommand)]
    Answers(AnswersCommand),
    /// Channel accounts (Mercado Libre, Telegram…) and how their last sync ended.
    #[command(subcommand)]
    Accounts(AccountsCommand),
    /// Sync one account now: fetch new messages and orders, send queued replies.
    Sync {
        /// The account's id (see `accounts list`).
        #[arg(long, value_name = "ID")]
        account: i64,
        /// One round, then exit (the app syncs continuously; the CLI only does single rounds).
        #[arg(long, required = true)]
        once: bool,
    },
    /// Write a consistent copy of the database to a new file.
    Backup {
        /// Where to write the copy; it must not exist yet.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AccountsCommand {
    /// Every account with its channel, sync status, last success and current problem.
    List,
}

#[derive(Debug, Subcommand)]
enum CutoffCommand {
    /// When N pieces of a product confirmed at a time ship (with --due: whether they make it).
    Promise {
        /// The product's name, or a unique part of it.
        #[arg(long, value_name = "NAME")]
        product: String,
        #[arg(long, value_name = "N")]
        qty: u32,
        /// When the order is confirmed (RFC 3339); default: now.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Check it against this date (YYYY-MM-DD): yes, or no with the earliest date.
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// The last day to order for a seasonal deadline, per delivery method.
    Deadline {
        /// The deadline's name, or part of it ("navidad").
        #[arg(long, value_name = "NAME")]
        event: String,
        /// Use this product's processing time instead of the shop's default.
        #[arg(long, value_name = "NAME")]
        product: Option<String>,
    },
    /// Capacity and booked pieces per day.
    Calendar {
        #[arg(long, value_name = "DATE")]
        from: String,
        #[arg(long, value_name = "DATE")]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
enum AnswersCommand {
    /// Every answer with its shortcut and use count.
    List,
    /// Fuzzy search (a leading "/" looks at shortcuts first).
    Search { query: String },
    /// Why a channel would block or cut a text (ml_pre_sale, ml_post_sale, instagram, whatsapp…).
    Lint {
        #[arg(long, value_name = "CHANNEL")]
        channel: String,
        text: String,
    },
    /// Install a language's starter pack (once).
    Starter {
        #[arg(long, value_name = "LANG", default_value = "es")]
        lang: String,
    },
    /// Import a .json or .csv file (all or nothing).
    Import { file: PathBuf },
    /// Print the library as JSON or CSV.
    Export {
        #[arg(long, value_name = "FORMAT", default_value = "json")]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// A WhatsApp chat export (`.txt`, or `.zip` with the chat and its media): preview, then import.
    Whatsapp {
        /// The exported file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Which author in the chat is you (remembered for the WhatsApp account).
        #[arg(long, value_name = "NAME")]
        me: Option<String>,
        /// Dates are day/month (31/12/20), whatever the file suggests.
        #[arg(long, conflicts_with = "month_first")]
        day_first: bool,
        /// Dates are month/day (12/31/20), whatever the file suggests.
        #[arg(long)]
        month_first: bool,
        /// The time zone of the phone that exported (IANA name); default: the shop's.
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
        /// Show what would be imported and write nothing.
        #[arg(long)]
        dry_run: bool,
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
        Command::Metrics => metrics::run(&cli.db, now, cli.json, &mut stdout),
        Command::Export { out } => export::run(&cli.db, out.as_deref(), cli.json, &mut stdout),
        Command::Backup { file } => backup::run(&cli.db, file, cli.json, &mut stdout),
        Command::Accounts(AccountsCommand::List) => accounts::list(&cli.db, cli.json, &mut stdout),
        Command::Sync { account, once: _ } => sync::once(&cli.db, *account, cli.json, &mut stdout),
        Command::Cutoff(command) => {
            let request = match command {
                CutoffCommand::Promise { product, qty, at, due } => {
                    cutoff::Request::Promise { product, qty: *qty, at: at.as_deref(), due: due.as_deref() }
                }
                CutoffCommand::Deadline { event, product } => {
                    cutoff::Request::Deadline { event, product: product.as_deref() }
                }
                CutoffCommand::Calendar { from, to } => cutoff::Request::Calendar { from, to },
            };
            cutoff::run(&cli.db, &request, now, cli.json, &mut stdout)
        }
        Command::Answers(command) => {
            let request = match command {
                AnswersCommand::List => answers::Request::List,
                AnswersCommand::Search { query } => answers::Request::Search { query },
                AnswersCommand::Lint { channel, text } => answers::Request::Lint { channel, text },
                AnswersCommand::Starter { lang } => answers::Request::Starter { language: lang },
                AnswersCommand::Import { file } => answers::Request::Import { file },
                AnswersCommand::Export { format } => answers::Request::Export { format },
            };
            answers::run(&cli.db, &request, now, cli.json, &mut stdout)
        }
        Command::Import(ImportCommand::Whatsapp { file, me, day_first, month_first, tz, dry_run }) => {
            let date_order = match (day_first, month_first) {
                (true, _) => Some(mostrador_core::whatsapp::DateOrder::DayFirst),
                (_, true) => Some(mostrador_core::whatsapp::DateOrder::MonthFirst),
                _ => None,
            };
            let options = mostrador_core::whatsapp::WhatsAppImportOptions {
                me: me.clone(),
                date_order,
                time_zone: tz.clone(),
                account_id: None,
            };
            let request = whatsapp::Request { file, options, dry_run: *dry_run };
            whatsapp::run(&cli.db, &request, now, cli.json, &mut stdout)
        }
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
