//! `stats`: what is in the database, as a table for people or as the core's `Stats` in JSON.

use std::io::Write;
use std::path::Path;

use mostrador_core::metrics::Stats;

use crate::database;
use crate::failure::Failure;

pub fn run(db: &Path, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let store = database::open_existing(db)?;
    let stats = store.stats().map_err(|error| Failure::from_core(error, "count what is in the database"))?;
    if json { write_json(&stats, out) } else { write_table(db, &stats, out).map_err(Failure::from_stdout) }
}

pub fn write_json(stats: &Stats, out: &mut impl Write) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, stats)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(Failure::from_stdout)
}

fn write_table(db: &Path, stats: &Stats, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "Database: {}", db.display())?;
    writeln!(out)?;
    for (label, count) in [
        ("accounts", stats.accounts),
        ("buyers", stats.buyers),
        ("conversations", stats.conversations),
        ("messages", stats.messages),
        ("orders", stats.orders),
    ] {
        writeln!(out, "{label:<16}{count:>8}")?;
    }

    writeln!(out)?;
    writeln!(out, "{:<16}{:>8}{:>15}{:>10}", "channel", "accounts", "conversations", "messages")?;
    for row in &stats.per_channel {
        writeln!(
            out,
            "{:<16}{:>8}{:>15}{:>10}",
            row.channel.as_str(),
            row.accounts,
            row.conversations,
            row.messages
        )?;
    }

    writeln!(out)?;
    writeln!(out, "{:<20}{:>15}", "status", "conversations")?;
    for row in &stats.per_status {
        writeln!(out, "{:<20}{:>15}", row.status.as_str(), row.conversations)?;
    }
    Ok(())
}
