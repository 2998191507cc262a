//! `demo`: load the sample shop into an empty database.

use std::io::Write;
use std::path::Path;

use mostrador_core::vocabulary::UnixSeconds;

use crate::database;
use crate::failure::Failure;
use crate::stats;

pub fn run(db: &Path, now: UnixSeconds, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let (store, _created) = database::open_or_create(db)?;
    let is_empty = store.is_empty().map_err(|error| Failure::from_core(error, "read the database"))?;
    // Mixing sample buyers into a real shop could not be undone cleanly, so only an empty store gets them.
    if !is_empty {
        return Err(Failure::new(format!(
            "The database at {} already has accounts or conversations, so the sample shop was not loaded. \
             Use a new --db path for the demo.",
            db.display()
        )));
    }
    let stats =
        store.load_sample_shop(now).map_err(|error| Failure::from_core(error, "load the sample shop"))?;

    if json {
        stats::write_json(&stats, out)
    } else {
        writeln!(
            out,
            "Loaded the sample shop into {}: {} accounts, {} buyers, {} conversations, {} messages and {} orders.",
            db.display(),
            stats.accounts,
            stats.buyers,
            stats.conversations,
            stats.messages,
            stats.orders
        )
        .map_err(Failure::from_stdout)
    }
}
