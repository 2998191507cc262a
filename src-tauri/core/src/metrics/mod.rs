//! How the shop answers: first response times per channel over the last four months, who waits
//! now, what became an order and when buyers write (`months`); and the plain counts the first-run
//! screen, the CLI and the tests read (`stats`).

mod months;
mod stats;
mod types;

pub use months::MONTHS;
pub use types::*;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

impl Mostrador {
    /// True when there are no accounts and no conversations (first-run screen).
    pub fn is_empty(&self) -> Result<bool> {
        self.read(stats::is_empty)
    }

    pub fn stats(&self) -> Result<Stats> {
        self.read(stats::stats)
    }

    /// How the shop answers over the last four months (see `months.rs`), from one snapshot.
    pub fn metrics(&self, now: UnixSeconds) -> Result<Metrics> {
        self.read(|tx| months::compute(tx, now))
    }
}
