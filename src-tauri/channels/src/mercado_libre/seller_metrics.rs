//! The seller's standing, for the metrics screen: the reputation (`GET /users/<id>`), the visits
//! of each month of the metrics' period (`GET /users/<id>/items_visits`, one call a month, well
//! within the 150 days one call may span) and the open claims (`GET
//! /post-purchase/v1/claims/search`). These move by the day, so they are read at most every few
//! hours, and committed as one snapshot with the cursor that says when to read again: a restart
//! does not read them again. What fails here is recorded beside the figures for the metrics screen
//! and ends nothing: the messages feeds have run before it.

use mostrador_core::accounts::{CursorUpdate, SyncBatch};
use mostrador_core::metrics::{
    MetricsMonth, MonthVisits, RateKind, ReadFailure, ReputationRate, SellerMetricsRead, SellerReputation,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{MercadoLibre, facts};
use crate::sync::context::{Ctx, blocking};
use crate::{ChannelError, lenient};

const STREAM: &str = "seller_metrics";

/// When the figures were last read and when to read them again.
#[derive(Debug, Serialize, Deserialize)]
struct Mark {
    read_at: i64,
    next_at: i64,
}

pub(super) async fn poll(ml: &mut MercadoLibre, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    let now = ctx.now();
    let mark: Option<Mark> = ctx.cursor(STREAM).await?.and_then(|c| serde_json::from_str(&c).ok());
    if mark.is_some_and(|mark| now < mark.next_at) {
        return Ok(());
    }
    let months = blocking(ctx.core, move |core| core.metrics_months(now)).await?;
    let mut read = SellerMetricsRead::default();
    let next_at = match read_all(ml, ctx, &months, &mut read).await {
        Ok(()) => now + facts::SELLER_METRICS_EVERY_SECS,
        // What stops the whole account (its authorisation, its secrets, the disk) is the account's
        // to show: nothing to keep here. A permission these reads lack is theirs alone: the
        // messages have theirs.
        Err(e)
            if (e.needs_reconnect() && !matches!(e, ChannelError::PermissionMissing(_)))
                || matches!(
                    e,
                    ChannelError::SecretStore(_) | ChannelError::Store(_) | ChannelError::DiskFull(_)
                ) =>
        {
            return Err(e);
        }
        // No connection says nothing about the figures: the next round tries again.
        Err(ChannelError::Offline(_)) => return Ok(()),
        Err(e) => {
            let wait = match e {
                ChannelError::RateLimited { retry_after: Some(secs) } => {
                    facts::SELLER_METRICS_RETRY_SECS.max(i64::try_from(secs).unwrap_or(i64::MAX))
                }
                _ => facts::SELLER_METRICS_RETRY_SECS,
            };
            read.failure = Some(ReadFailure { code: e.code().to_owned(), detail: e.to_string() });
            now.saturating_add(wait)
        }
    };
    let cursor = serde_json::to_string(&Mark { read_at: now, next_at })
        .map_err(|e| ChannelError::Store(e.to_string()))?;
    ctx.commit(SyncBatch {
        seller_metrics: Some(read),
        cursors: vec![CursorUpdate { stream: STREAM.into(), cursor }],
        ..SyncBatch::default()
    })
    .await?;
    Ok(())
}

/// Reads each part in turn and stops at the first failure, keeping what came before it.
async fn read_all(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    months: &[MetricsMonth],
    read: &mut SellerMetricsRead,
) -> Result<(), ChannelError> {
    let seller = ml.seller_id.clone();
    let user = ml.get(ctx, &format!("users/{seller}"), &[]).await?;
    read.reputation = Some(reputation(&user, &ml.site_id));

    for month in months {
        let query = [("date_from", month.first_day.clone()), ("date_to", month.last_day.clone())];
        let answer = ml.get(ctx, &format!("users/{seller}/items_visits"), &query).await?;
        let visits = lenient::int(&answer, "total_visits")
            .or_else(|| {
                let details = lenient::list(&answer, "visits_detail");
                (!details.is_empty())
                    .then(|| details.iter().filter_map(|d| lenient::int(d, "quantity")).sum())
            })
            .ok_or_else(|| ChannelError::MalformedResponse("items_visits has no total_visits".into()))?;
        read.visits.push(MonthVisits {
            month: month.month.clone(),
            visits: u32::try_from(visits.max(0)).unwrap_or(u32::MAX),
        });
    }

    let query = [
        ("players.role", "respondent".to_owned()),
        ("players.user_id", seller),
        ("status", "opened".to_owned()),
        ("limit", facts::CLAIMS_PAGE.to_string()),
        ("offset", "0".to_owned()),
    ];
    let claims = ml.get(ctx, "post-purchase/v1/claims/search", &query).await?;
    let open = lenient::int(&claims, "paging/total")
        .or_else(|| lenient::at(&claims, "data").and_then(Value::as_array).map(|data| data.len() as i64))
        .ok_or_else(|| ChannelError::MalformedResponse("claims/search has no paging".into()))?;
    read.open_claims = Some(u32::try_from(open.max(0)).unwrap_or(u32::MAX));
    Ok(())
}

/// `seller_reputation` of a user, leniently: a seller without one has no colour and no rates yet.
fn reputation(user: &Value, site_id: &str) -> SellerReputation {
    let empty = Value::Null;
    let r = lenient::at(user, "seller_reputation").unwrap_or(&empty);
    let rates = [
        (RateKind::Claims, "claims"),
        (RateKind::DelayedHandlingTime, "delayed_handling_time"),
        (RateKind::Cancellations, "cancellations"),
    ]
    .into_iter()
    .filter_map(|(kind, name)| {
        let metric = lenient::at(r, &format!("metrics/{name}"))?;
        Some(ReputationRate {
            kind,
            period: lenient::non_empty(metric, "period").map(str::to_owned),
            rate: lenient::float(metric, "rate").unwrap_or(0.0).max(0.0),
            value: count(lenient::int(metric, "value")).unwrap_or(0),
            real_rate: lenient::float(metric, "excluded/real_rate").map(|rate| rate.max(0.0)),
            real_value: count(lenient::int(metric, "excluded/real_value")),
        })
    })
    .collect();
    SellerReputation {
        site_id: lenient::non_empty(user, "site_id").or(Some(site_id)).map(str::to_owned),
        level_id: lenient::non_empty(r, "level_id").map(str::to_owned),
        power_seller_status: lenient::non_empty(r, "power_seller_status").map(str::to_owned),
        real_level: lenient::non_empty(r, "real_level").map(str::to_owned),
        protection_end: lenient::time(r, "protection_end_date"),
        sales_period: lenient::non_empty(r, "metrics/sales/period").map(str::to_owned),
        sales_completed: count(lenient::int(r, "metrics/sales/completed")),
        rates,
    }
}

fn count(value: Option<i64>) -> Option<u32> {
    value.map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reputation_is_read_leniently() {
        let user = json!({
            "id": 241,
            "site_id": "MLB",
            "seller_reputation": {
                "level_id": "5_green",
                "power_seller_status": "platinum",
                "real_level": "red",
                "protection_end_date": "2019-12-27T00:00:00.000-04:00",
                "metrics": {
                    "sales": { "period": "60 days", "completed": "244" },
                    "claims": { "period": "60 days", "rate": 0, "value": 0,
                                "excluded": { "real_value": 24, "real_rate": "0.0912" } },
                    "delayed_handling_time": { "period": "60 days", "rate": 0.05, "value": 12 },
                    "cancellations": { "period": "60 days", "rate": "0.0228", "value": 6 }
                }
            }
        });
        let read = reputation(&user, "MLA");
        assert_eq!(read.site_id.as_deref(), Some("MLB"));
        assert_eq!(read.level_id.as_deref(), Some("5_green"));
        assert_eq!(read.real_level.as_deref(), Some("red"));
        assert_eq!(read.protection_end, Some(1_577_419_200));
        assert_eq!((read.sales_period.as_deref(), read.sales_completed), (Some("60 days"), Some(244)));
        let claims = &read.rates[0];
        assert_eq!(
            (claims.kind, claims.rate, claims.real_rate, claims.real_value),
            (RateKind::Claims, 0.0, Some(0.0912), Some(24))
        );
        assert_eq!(read.rates[2].rate, 0.0228);

        // A new seller: no colour, no metrics; the account's site stands in.
        let new = reputation(&json!({ "id": "7", "seller_reputation": { "level_id": null } }), "MLA");
        assert_eq!((new.level_id, new.site_id.as_deref(), new.rates.len()), (None, Some("MLA"), 0));
        assert!(reputation(&json!({ "id": 7 }), "MLA").rates.is_empty());
    }
}
