//! How the shop answers: first response times per channel over the last four months, who waits
//! now, what became an order and when buyers write (`months`); how each Mercado Libre account
//! stands there — reputation, open claims, sales, visits and conversion over the same months
//! (`seller`, against the limits in `reputation`); and the plain counts the first-run screen, the
//! CLI and the tests read (`stats`).

mod months;
mod reputation;
pub(crate) mod seller;
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

    /// The months the metrics cover, in the shop's calendar: what a connector reads visits for.
    pub fn metrics_months(&self, now: UnixSeconds) -> Result<Vec<MetricsMonth>> {
        self.read(|tx| {
            let zone = crate::cutoff::tables::shop_zone(tx)?;
            Ok(months::period_months(&zone, now)?
                .iter()
                .map(|month| MetricsMonth {
                    month: month.key(),
                    first_day: month.first_day.to_string(),
                    last_day: month.last_day.to_string(),
                })
                .collect())
        })
    }
}
