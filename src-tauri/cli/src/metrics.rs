//! `metrics`: how the shop answers over the last four months (the core's `Metrics`), as a table for
//! people or as JSON.

use std::io::Write;
use std::path::Path;

use mostrador_core::metrics::{ChannelMetrics, Metrics};
use mostrador_core::vocabulary::UnixSeconds;

use crate::database;
use crate::failure::Failure;

pub fn run(db: &Path, now: UnixSeconds, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let store = database::open_existing(db)?;
    let metrics = store.metrics(now).map_err(|error| Failure::from_core(error, "compute the metrics"))?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &metrics)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
            .map_err(Failure::from_stdout)
    } else {
        write_table(&metrics, out).map_err(Failure::from_stdout)
    }
}

fn write_table(metrics: &Metrics, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "Last four months in {} (first response = buyer's first message to first reply)",
        metrics.time_zone
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<16}{:>14}{:>10}{:>10}{:>10}{:>12}{:>10}{:>12}",
        "channel", "conversations", "answered", "median", "p90", "shop median", "waiting", "with order"
    )?;
    let rows = metrics.channels.iter().chain(std::iter::once(&metrics.total));
    for row in rows {
        write_row(row, out)?;
    }
    writeln!(out)?;
    writeln!(out, "{:<10}{:>14}{:>12}{:>10}", "month", "conversations", "with order", "median")?;
    for month in &metrics.months {
        writeln!(
            out,
            "{:<10}{:>14}{:>12}{:>10}",
            month.month,
            month.conversations,
            month.with_order,
            duration(month.first_response_median)
        )?;
    }
    Ok(())
}

fn write_row(row: &ChannelMetrics, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<16}{:>14}{:>10}{:>10}{:>10}{:>12}{:>10}{:>12}",
        row.channel.map_or("all", |c| c.as_str()),
        row.conversations,
        row.answered,
        duration(row.first_response_median),
        duration(row.first_response_p90),
        duration(row.first_response_median_shop_hours),
        row.unanswered_now,
        row.with_order
    )
}

/// "45m", "3h10m", "2d4h", "-" when there is none.
fn duration(seconds: Option<i64>) -> String {
    let Some(s) = seconds else { return "-".into() };
    match s {
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        s => format!("{}d{}h", s / 86_400, s % 86_400 / 3600),
    }
}
