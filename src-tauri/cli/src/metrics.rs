//! `metrics`: how the shop answers over the last four months and how each Mercado Libre account
//! stands there (the core's `Metrics`), as a table for people or as JSON.

use std::io::Write;
use std::path::Path;

use mostrador_core::metrics::{ChannelMetrics, Metrics, RateKind, RateStanding, SellerMetrics};
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
    for account in &metrics.mercado_libre {
        writeln!(out)?;
        write_seller(account, out)?;
    }
    Ok(())
}

/// One Mercado Libre account: colour, rates against the site's limits, open claims, and sales,
/// visits and conversion per month.
fn write_seller(account: &SellerMetrics, out: &mut impl Write) -> std::io::Result<()> {
    let site = account.site_id.as_deref().unwrap_or("?");
    writeln!(out, "Mercado Libre {} ({site})", account.account_name)?;
    if let Some(failure) = &account.failure {
        writeln!(out, "  last read failed at {}: {} ({})", time(failure.at), failure.code, failure.detail)?;
    }
    match account.fetched_at {
        None => writeln!(out, "  reputation not read yet: it comes with the next sync")?,
        Some(at) => {
            let colour = account.level.map_or("no colour yet", |level| level.as_str());
            let medal = account
                .power_seller_status
                .as_deref()
                .map(|m| format!(", MercadoLíder {m}"))
                .unwrap_or_default();
            let sales = match (account.sales_completed, account.period.as_deref()) {
                (Some(sales), Some(period)) => format!(", {sales} sales in {period}"),
                _ => String::new(),
            };
            writeln!(out, "  reputation: {colour}{medal}{sales} (read {})", time(at))?;
            if let (Some(real), Some(until)) = (account.real_level, account.protection_end) {
                writeln!(out, "  protected until {}: without it, {}", time(until), real.as_str())?;
            }
            for rate in &account.rates {
                write_rate(rate, account.closest == Some(rate.kind), out)?;
            }
        }
    }
    if let Some(open) = account.open_claims {
        writeln!(out, "  open claims: {open}")?;
    }
    writeln!(out, "  {:<10}{:>8}{:>10}{:>12}", "month", "sales", "visits", "conversion")?;
    for month in &account.months {
        writeln!(
            out,
            "  {:<10}{:>8}{:>10}{:>12}",
            month.month,
            month.sales,
            month.visits.map_or("-".to_owned(), |v| v.to_string()),
            month.conversion.map_or("-".to_owned(), percent)
        )?;
    }
    Ok(())
}

fn write_rate(rate: &RateStanding, closest: bool, out: &mut impl Write) -> std::io::Result<()> {
    let name = match rate.kind {
        RateKind::Claims => "claims",
        RateKind::DelayedHandlingTime => "delayed handling",
        RateKind::Cancellations => "cancellations",
    };
    let limit = match (rate.limit_level, rate.limit) {
        (Some(level), Some(limit)) if rate.rate > limit => {
            format!("over the {} {} allows", percent(limit), level.as_str())
        }
        (Some(level), Some(limit)) => format!("{} allows up to {}", level.as_str(), percent(limit)),
        _ => String::new(),
    };
    let mark = if closest { "  <- nearest to costing a colour" } else { "" };
    writeln!(out, "  {name:<18}{:>8} ({:>3})  {limit}{mark}", percent(rate.rate), rate.value)
}

/// 0.0141 → "1.41 %".
fn percent(fraction: f64) -> String {
    format!("{:.2} %", fraction * 100.0)
}

/// "2026-06-15 12:00 UTC".
fn time(at: UnixSeconds) -> String {
    jiff::Timestamp::from_second(at)
        .map_or_else(|_| at.to_string(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
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
