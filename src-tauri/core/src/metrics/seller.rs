//! How each Mercado Libre account stands: what the connector read (reputation, open claims,
//! visits per month), stored as it reads it (`record`, from the sync round's transaction), and the
//! view (`accounts`): the colour, each rate against the site's limits, and per month of the
//! period the account's sales (its orders stored here, cancelled ones left out), the visits and
//! the sales per visit.

use rusqlite::{OptionalExtension, Transaction, params};

use super::months::PeriodMonth;
use super::reputation;
use crate::Result;
use crate::metrics::{
    MonthVisits, RateKind, ReputationRate, SellerMetrics, SellerMetricsFailure, SellerMetricsRead,
    SellerMonth,
};
use crate::vocabulary::UnixSeconds;

/// Stores one read: each part read replaces what was stored; a part not read stays.
pub(crate) fn record(
    tx: &Transaction<'_>,
    account_id: i64,
    read: &SellerMetricsRead,
    now: UnixSeconds,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO seller_reputation (account_id) VALUES (?1) ON CONFLICT DO NOTHING")?
        .execute([account_id])?;
    if let Some(reputation) = &read.reputation {
        tx.prepare_cached(
            "UPDATE seller_reputation
                SET site_id = coalesce(?2, site_id), level_id = ?3, power_seller_status = ?4,
                    real_level = ?5, protection_end = ?6, sales_period = ?7, sales_completed = ?8,
                    fetched_at = ?9
              WHERE account_id = ?1",
        )?
        .execute(params![
            account_id,
            reputation.site_id,
            reputation.level_id,
            reputation.power_seller_status,
            reputation.real_level,
            reputation.protection_end,
            reputation.sales_period,
            reputation.sales_completed,
            now,
        ])?;
        tx.prepare_cached("DELETE FROM seller_reputation_rates WHERE account_id = ?1")?
            .execute([account_id])?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO seller_reputation_rates (account_id, kind, period, rate, value, real_rate, real_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (account_id, kind) DO UPDATE SET period = excluded.period, rate = excluded.rate,
                value = excluded.value, real_rate = excluded.real_rate, real_value = excluded.real_value",
        )?;
        for rate in &reputation.rates {
            insert.execute(params![
                account_id,
                rate.kind,
                rate.period,
                non_negative(rate.rate),
                rate.value,
                rate.real_rate.map(non_negative),
                rate.real_value,
            ])?;
        }
    }
    if let Some(open) = read.open_claims {
        tx.prepare_cached(
            "UPDATE seller_reputation SET open_claims = ?2, claims_fetched_at = ?3 WHERE account_id = ?1",
        )?
        .execute(params![account_id, open, now])?;
    }
    let mut visits = tx.prepare_cached(
        "INSERT INTO listing_visits_by_month (account_id, month, visits, fetched_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account_id, month) DO UPDATE SET visits = excluded.visits, fetched_at = excluded.fetched_at",
    )?;
    for MonthVisits { month, visits: count } in &read.visits {
        if !is_month(month) {
            return Err(crate::Error::InvalidInput(format!("{month:?} is not a YYYY-MM month")));
        }
        visits.execute(params![account_id, month, count, now])?;
    }
    let (code, detail, at) = match &read.failure {
        Some(failure) => (Some(failure.code.as_str()), Some(failure.detail.as_str()), Some(now)),
        None => (None, None, None),
    };
    tx.prepare_cached(
        "UPDATE seller_reputation SET error_code = ?2, error_detail = ?3, error_at = ?4 WHERE account_id = ?1",
    )?
    .execute(params![account_id, code, detail, at])?;
    Ok(())
}

fn non_negative(rate: f64) -> f64 {
    if rate.is_finite() { rate.max(0.0) } else { 0.0 }
}

fn is_month(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
        && matches!(
            &text[5..],
            "01" | "02" | "03" | "04" | "05" | "06" | "07" | "08" | "09" | "10" | "11" | "12"
        )
}

/// Sales per visit; none without visits.
pub(crate) fn conversion(sales: u32, visits: Option<u32>) -> Option<f64> {
    visits.filter(|visits| *visits > 0).map(|visits| f64::from(sales) / f64::from(visits))
}

struct Stored {
    account_id: i64,
    account_name: String,
    settings_site: Option<String>,
    site_id: Option<String>,
    level_id: Option<String>,
    power_seller_status: Option<String>,
    real_level: Option<String>,
    protection_end: Option<UnixSeconds>,
    sales_period: Option<String>,
    sales_completed: Option<u32>,
    fetched_at: Option<UnixSeconds>,
    open_claims: Option<u32>,
    error: Option<SellerMetricsFailure>,
}

/// Every Mercado Libre account a connector reads (or that was read before it was turned off),
/// by name.
pub(crate) fn accounts(tx: &Transaction<'_>, months: &[PeriodMonth]) -> Result<Vec<SellerMetrics>> {
    let mut stmt = tx.prepare_cached(
        "SELECT a.id, a.display_name, json_extract(a.settings, '$.site_id'),
                r.site_id, r.level_id, r.power_seller_status, r.real_level, r.protection_end,
                r.sales_period, r.sales_completed, r.fetched_at, r.open_claims,
                r.error_code, r.error_detail, r.error_at
           FROM accounts a LEFT JOIN seller_reputation r ON r.account_id = a.id
          WHERE a.channel = 'mercado_libre'
            AND ((a.disabled = 0 AND trim(coalesce(json_extract(a.settings, '$.api_base'), '')) <> '')
                 OR r.fetched_at IS NOT NULL)
          ORDER BY a.display_name, a.id",
    )?;
    let stored: Vec<Stored> = stmt
        .query_map([], |row| {
            let error = match (row.get::<_, Option<String>>(12)?, row.get::<_, Option<i64>>(14)?) {
                (Some(code), Some(at)) => Some(SellerMetricsFailure {
                    code,
                    detail: row.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    at,
                }),
                _ => None,
            };
            Ok(Stored {
                account_id: row.get(0)?,
                account_name: row.get(1)?,
                settings_site: row.get::<_, Option<rusqlite::types::Value>>(2)?.and_then(|v| match v {
                    rusqlite::types::Value::Text(text) => Some(text),
                    _ => None,
                }),
                site_id: row.get(3)?,
                level_id: row.get(4)?,
                power_seller_status: row.get(5)?,
                real_level: row.get(6)?,
                protection_end: row.get(7)?,
                sales_period: row.get(8)?,
                sales_completed: row.get(9)?,
                fetched_at: row.get(10)?,
                open_claims: row.get(11)?,
                error,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    stored.into_iter().map(|account| view(tx, account, months)).collect()
}

fn view(tx: &Transaction<'_>, account: Stored, months: &[PeriodMonth]) -> Result<SellerMetrics> {
    let site = account.site_id.clone().or(account.settings_site.clone());
    let rates: Vec<_> = rates(tx, account.account_id)?
        .iter()
        .map(|rate| reputation::standing(site.as_deref(), rate))
        .collect();
    let mut sales = tx.prepare_cached(
        "SELECT count(*) FROM orders
          WHERE account_id = ?1 AND stage <> 'cancelled' AND created_at >= ?2 AND created_at < ?3",
    )?;
    let mut visits =
        tx.prepare_cached("SELECT visits FROM listing_visits_by_month WHERE account_id = ?1 AND month = ?2")?;
    let months = months
        .iter()
        .map(|month| {
            let key = month.key();
            let count: i64 =
                sales.query_row(params![account.account_id, month.start, month.end], |row| row.get(0))?;
            let sales = u32::try_from(count).unwrap_or(u32::MAX);
            let seen: Option<u32> =
                visits.query_row(params![account.account_id, key], |row| row.get(0)).optional()?;
            Ok(SellerMonth { month: key, sales, visits: seen, conversion: conversion(sales, seen) })
        })
        .collect::<Result<Vec<_>>>()?;
    let period = account.sales_period.clone();
    Ok(SellerMetrics {
        account_id: account.account_id,
        account_name: account.account_name,
        site_id: site,
        fetched_at: account.fetched_at,
        level: account.level_id.as_deref().and_then(reputation::level),
        power_seller_status: account.power_seller_status,
        real_level: account.real_level.as_deref().and_then(reputation::level),
        protection_end: account.protection_end,
        period_days: period.as_deref().and_then(reputation::period_days),
        period,
        sales_completed: account.sales_completed,
        closest: reputation::closest(&rates),
        rates,
        open_claims: account.open_claims,
        months,
        failure: account.error,
    })
}

/// The stored rates, claims first, then delayed handling, then cancellations.
fn rates(tx: &Transaction<'_>, account_id: i64) -> Result<Vec<ReputationRate>> {
    let mut stmt = tx.prepare_cached(
        "SELECT kind, period, rate, value, real_rate, real_value FROM seller_reputation_rates WHERE account_id = ?1",
    )?;
    let mut rates: Vec<ReputationRate> = stmt
        .query_map([account_id], |row| {
            Ok(ReputationRate {
                kind: row.get(0)?,
                period: row.get(1)?,
                rate: row.get(2)?,
                value: row.get(3)?,
                real_rate: row.get(4)?,
                real_value: row.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rates.sort_by_key(|rate| RateKind::ALL.iter().position(|kind| *kind == rate.kind));
    Ok(rates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_is_sales_per_visit_and_none_without_visits() {
        assert_eq!(conversion(3, Some(200)), Some(0.015));
        assert_eq!(conversion(0, Some(80)), Some(0.0));
        assert_eq!(conversion(5, Some(0)), None);
        assert_eq!(conversion(5, None), None);
    }

    #[test]
    fn months_are_checked() {
        assert!(is_month("2026-01"));
        assert!(is_month("2025-12"));
        assert!(!is_month("2026-13"));
        assert!(!is_month("2026-1"));
        assert!(!is_month("202601x"));
    }
}
