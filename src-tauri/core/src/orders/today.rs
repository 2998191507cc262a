//! The "today" view: agreed, not yet handed-over orders by due date, overdue first, dated in the
//! shop's time zone.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rusqlite::{OptionalExtension, Transaction};

use super::order;
use crate::orders::{TodayRow, TodayView};
use crate::vocabulary::{ChannelKind, UnixSeconds};
use crate::{Error, Result, settings};

pub(crate) fn today(tx: &Transaction<'_>, now: UnixSeconds) -> Result<TodayView> {
    let date = shop_date(settings::load(tx)?.time_zone.as_deref(), now)?;
    let mut rows = Vec::new();
    for order in order::committed(tx)? {
        let (buyer_name, channel): (String, Option<ChannelKind>) = tx
            .prepare_cached(
                // A channel's order without a thread yet (an Etsy receipt without a note) still
                // shows where it came from.
                "SELECT b.display_name,
                        COALESCE((SELECT a.channel FROM conversations c JOIN accounts a ON a.id = c.account_id
                                   WHERE c.id = ?2),
                                 (SELECT a.channel FROM orders o JOIN accounts a ON a.id = o.account_id
                                   WHERE o.id = ?3))
                   FROM buyers b WHERE b.id = ?1",
            )?
            .query_row((order.buyer_id, order.conversation_id, order.id), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .unwrap_or_default();
        let days_left = match order.due_date.as_deref() {
            Some(due) => Some(days_between(date, due)?),
            None => None,
        };
        rows.push(TodayRow { order, buyer_name, channel, days_left });
    }
    // Most overdue first, then the nearest due date; undated last, oldest order first.
    rows.sort_by_key(|row| (row.days_left.is_none(), row.days_left, row.order.created_at, row.order.id));
    Ok(TodayView { date: date.to_string(), rows })
}

/// Today's date where the shop is (its zone, or the system's when none is set).
pub(crate) fn shop_date(time_zone: Option<&str>, now: UnixSeconds) -> Result<Date> {
    let zone = match time_zone {
        Some(name) => TimeZone::get(name)
            .map_err(|e| Error::InvalidInput(format!("unknown time zone {name:?}: {e}")))?,
        None => TimeZone::system(),
    };
    let instant =
        Timestamp::from_second(now).map_err(|e| Error::InvalidInput(format!("bad time {now}: {e}")))?;
    Ok(instant.to_zoned_datetime(zone).date())
}

fn days_between(today: Date, due: &str) -> Result<i64> {
    let due: Date = due.parse().map_err(|e| Error::InvalidInput(format!("{due:?} is not a date: {e}")))?;
    let span = today.until(due).map_err(|e| Error::InvalidInput(e.to_string()))?;
    Ok(i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_is_the_shops_not_utcs() {
        // 2026-11-27 02:00 UTC is still the 26th in Córdoba (UTC-3).
        let now = 1_795_744_800;
        assert_eq!(shop_date(Some("UTC"), now).unwrap().to_string(), "2026-11-27");
        assert_eq!(shop_date(Some("America/Argentina/Cordoba"), now).unwrap().to_string(), "2026-11-26");
    }

    #[test]
    fn days_left_count_calendar_days() {
        let today: Date = "2026-11-27".parse().unwrap();
        assert_eq!(days_between(today, "2026-11-27").unwrap(), 0);
        assert_eq!(days_between(today, "2026-12-03").unwrap(), 6);
        assert_eq!(days_between(today, "2026-10-27").unwrap(), -31);
    }
}
