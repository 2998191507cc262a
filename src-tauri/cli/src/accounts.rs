//! `accounts list`: the seller's channel accounts with how their last sync ended (never a secret).

use std::io::Write;
use std::path::Path;

use mostrador_core::accounts::{AccountView, SyncState};

use crate::database;
use crate::failure::Failure;

pub fn list(db: &Path, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let store = database::open_existing(db)?;
    let accounts = store.accounts().map_err(|error| Failure::from_core(error, "list the accounts"))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &accounts)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
            .map_err(Failure::from_stdout)
    } else {
        write_table(&accounts, out).map_err(Failure::from_stdout)
    }
}

fn write_table(accounts: &[AccountView], out: &mut impl Write) -> std::io::Result<()> {
    if accounts.is_empty() {
        return writeln!(out, "No accounts yet. Connect one in the app (Settings → Accounts).");
    }
    writeln!(out, "{:>4}  {:<14}{:<28}{:<17}{:<22}problem", "id", "channel", "name", "sync", "last success")?;
    for account in accounts {
        let state = if account.disabled { "paused".to_owned() } else { state_name(account.sync.state) };
        let name = if account.demo {
            format!("{} (demo)", account.display_name)
        } else {
            account.display_name.clone()
        };
        let last = account.sync.last_success_at.map(when).unwrap_or_else(|| "never".into());
        let problem = match (&account.sync.error_code, &account.sync.error_detail) {
            (Some(code), Some(detail)) => format!("{code}: {detail}"),
            (Some(code), None) => code.clone(),
            _ => String::new(),
        };
        let line = format!(
            "{:>4}  {:<14}{:<28}{:<17}{:<22}{problem}",
            account.id,
            account.channel.as_str(),
            clip(&name, 27),
            state,
            last
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn state_name(state: SyncState) -> String {
    serde_json::to_value(state).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A sync instant in the machine's time zone (the CLI, unlike the core, may read it).
fn when(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|at| at.to_zoned_datetime(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| unix.to_string())
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut clipped: String = text.chars().take(width - 1).collect();
        clipped.push('…');
        clipped
    }
}
