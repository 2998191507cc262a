//! How the shop answers, over the last four calendar months in the shop's time zone: first
//! response times per channel (on the wall clock and, when the shop has opening hours, in shop
//! hours), who waits now, how many conversations became orders, and when buyers write.
//!
//! A conversation counts in the months its buyer first wrote in. Its first response is the first
//! reply that reached the buyer (see aggregates.rs) at or after that first message; a conversation
//! the seller opened is timed from the buyer's first message too.

use std::collections::HashMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use rusqlite::{Transaction, params};

use crate::conversations::shop_hours::WaitClock;
use crate::metrics::{ChannelMetrics, HourCount, Metrics, MonthMetrics};
use crate::vocabulary::{ChannelKind, UnixSeconds};
use crate::{Error, Result};

/// The current month and the three before it.
pub const MONTHS: i32 = 4;

/// One month of the period: its first and last counted day (today, for the current month) and
/// the instants it runs between in the shop's zone, `end` excluded (just after `now` for the
/// current month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PeriodMonth {
    pub first_day: Date,
    pub last_day: Date,
    pub start: UnixSeconds,
    pub end: UnixSeconds,
}

impl PeriodMonth {
    pub(crate) fn key(&self) -> String {
        self.first_day.strftime("%Y-%m").to_string()
    }
}

/// The current month of `zone` so far and the `MONTHS - 1` before it, oldest first.
pub(crate) fn period_months(zone: &TimeZone, now: UnixSeconds) -> Result<Vec<PeriodMonth>> {
    let today = timestamp(now)?.to_zoned_datetime(zone.clone()).date();
    let first_month = today.first_of_month().checked_sub((MONTHS - 1).months()).map_err(time_error)?;
    let start_of = |day: Date| -> Result<UnixSeconds> {
        Ok(day.to_zoned_datetime(zone.clone()).map_err(time_error)?.timestamp().as_second())
    };
    (0..MONTHS)
        .map(|i| {
            let first_day = first_month.checked_add(i.months()).map_err(time_error)?;
            let current = i == MONTHS - 1;
            let next = first_day.checked_add(1.month()).map_err(time_error)?;
            Ok(PeriodMonth {
                first_day,
                last_day: if current { today } else { first_day.last_of_month() },
                start: start_of(first_day)?,
                end: if current { now + 1 } else { start_of(next)? },
            })
        })
        .collect()
}

pub(crate) fn compute(tx: &Transaction<'_>, now: UnixSeconds) -> Result<Metrics> {
    let zone = crate::cutoff::tables::shop_zone(tx)?;
    let period = period_months(&zone, now)?;
    let month_starts: Vec<(Date, UnixSeconds)> =
        period.iter().map(|month| (month.first_day, month.start)).collect();
    let since = month_starts[0].1;
    let clock = WaitClock::load(tx)?;
    let shop_hours = matches!(clock, WaitClock::ShopHours(_));

    let mut channels: HashMap<ChannelKind, Tally> = HashMap::new();
    let mut total = Tally::default();
    let mut months: Vec<Tally> = (0..MONTHS).map(|_| Tally::default()).collect();
    for started in started_since(tx, since, now)? {
        let response = started.first_reply.map(|reply| Response {
            wall: reply - started.first_in,
            shop: clock.counted(started.first_in, reply, i64::MAX),
        });
        let month = month_starts.iter().rposition(|&(_, start)| started.first_in >= start).unwrap_or(0);
        for tally in [channels.entry(started.channel).or_default(), &mut total, &mut months[month]] {
            tally.conversations += 1;
            tally.with_order += u32::from(started.has_order);
            if let Some(response) = response {
                tally.responses.push(response);
            }
        }
    }
    for (channel, waiting, oldest) in waiting_now(tx)? {
        let tally = channels.entry(channel).or_default();
        tally.unanswered_now = waiting;
        tally.oldest_waiting_since = oldest;
        total.unanswered_now += waiting;
        total.oldest_waiting_since = match (total.oldest_waiting_since, oldest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    Ok(Metrics {
        now,
        since,
        time_zone: zone.iana_name().unwrap_or("UTC").to_owned(),
        shop_hours,
        channels: ChannelKind::ALL
            .iter()
            .filter_map(|channel| {
                channels.remove(channel).map(|tally| tally.finish(Some(*channel), shop_hours))
            })
            .collect(),
        total: total.finish(None, shop_hours),
        months: month_starts
            .iter()
            .zip(months)
            .map(|(&(month, _), tally)| {
                let figures = tally.finish(None, shop_hours);
                MonthMetrics {
                    month: month.strftime("%Y-%m").to_string(),
                    conversations: figures.conversations,
                    with_order: figures.with_order,
                    first_response_median: figures.first_response_median,
                }
            })
            .collect(),
        busiest: busiest_hours(tx, &zone, since, now)?,
        mercado_libre: super::seller::accounts(tx, &period)?,
    })
}

#[derive(Clone, Copy)]
struct Response {
    wall: i64,
    shop: i64,
}

#[derive(Default)]
struct Tally {
    conversations: u32,
    with_order: u32,
    responses: Vec<Response>,
    unanswered_now: u32,
    oldest_waiting_since: Option<UnixSeconds>,
}

impl Tally {
    fn finish(mut self, channel: Option<ChannelKind>, shop_hours: bool) -> ChannelMetrics {
        let answered = self.responses.len() as u32;
        self.responses.sort_by_key(|r| r.wall);
        let wall: Vec<i64> = self.responses.iter().map(|r| r.wall).collect();
        let mut shop: Vec<i64> = self.responses.iter().map(|r| r.shop).collect();
        shop.sort_unstable();
        let shop_figure = |p| if shop_hours { percentile(&shop, p) } else { None };
        ChannelMetrics {
            channel,
            conversations: self.conversations,
            answered,
            first_response_median: percentile(&wall, 50),
            first_response_p90: percentile(&wall, 90),
            first_response_median_shop_hours: shop_figure(50),
            first_response_p90_shop_hours: shop_figure(90),
            unanswered_now: self.unanswered_now,
            oldest_waiting_since: self.oldest_waiting_since,
            with_order: self.with_order,
        }
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p` % of the
/// values at or below it.
fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

struct Started {
    channel: ChannelKind,
    first_in: UnixSeconds,
    first_reply: Option<UnixSeconds>,
    has_order: bool,
}

/// Conversations whose buyer first wrote in `[since, now]`. Each first message and first reply is
/// found by walking the conversation's messages in time order (`messages_by_conversation`), which
/// stops at the first match: a step or two for most conversations.
fn started_since(tx: &Transaction<'_>, since: UnixSeconds, now: UnixSeconds) -> Result<Vec<Started>> {
    let mut stmt = tx.prepare_cached(
        "WITH started AS (
             SELECT c.id, a.channel,
                    (SELECT m.sent_at FROM messages m
                      WHERE m.conversation_id = c.id AND m.direction = 'incoming'
                      ORDER BY m.sent_at LIMIT 1) AS first_in,
                    EXISTS (SELECT 1 FROM orders o
                             WHERE o.conversation_id = c.id AND o.stage <> 'cancelled') AS has_order
               FROM conversations c JOIN accounts a ON a.id = c.account_id
              WHERE c.last_message_at >= ?1)
         SELECT channel, first_in, has_order,
                (SELECT m.sent_at FROM messages m
                  WHERE m.conversation_id = started.id AND m.direction = 'outgoing'
                    AND m.sent_at >= started.first_in
                    AND m.status NOT IN ('failed', 'rejected', 'moderated', 'queued', 'sending')
                  ORDER BY m.sent_at LIMIT 1)
           FROM started
          WHERE first_in >= ?1 AND first_in <= ?2",
    )?;
    let rows = stmt.query_map(params![since, now], |row| {
        Ok(Started {
            channel: row.get(0)?,
            first_in: row.get(1)?,
            has_order: row.get(2)?,
            first_reply: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per channel: conversations that need a reply now and the start of the oldest wait.
fn waiting_now(tx: &Transaction<'_>) -> Result<Vec<(ChannelKind, u32, Option<UnixSeconds>)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT a.channel, count(*), min(c.waiting_since)
           FROM conversations c JOIN accounts a ON a.id = c.account_id
          WHERE c.status = 'needs_reply'
          GROUP BY a.channel",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Buyers' messages in the period by weekday (0 = Monday) and hour on the shop's clock; every one
/// of the 168 hours is listed, quiet ones with 0.
fn busiest_hours(
    tx: &Transaction<'_>,
    zone: &TimeZone,
    since: UnixSeconds,
    now: UnixSeconds,
) -> Result<Vec<HourCount>> {
    let mut counts = [[0u32; 24]; 7];
    let mut stmt = tx.prepare_cached(
        "SELECT sent_at FROM messages WHERE direction = 'incoming' AND sent_at >= ?1 AND sent_at <= ?2",
    )?;
    let mut rows = stmt.query(params![since, now])?;
    while let Some(row) = rows.next()? {
        let local = timestamp(row.get(0)?)?.to_zoned_datetime(zone.clone());
        let weekday = local.weekday().to_monday_zero_offset() as usize;
        counts[weekday][local.hour() as usize] += 1;
    }
    Ok((0..7u8)
        .flat_map(|weekday| (0..24u8).map(move |hour| (weekday, hour)))
        .map(|(weekday, hour)| HourCount { weekday, hour, messages: counts[weekday as usize][hour as usize] })
        .collect())
}

fn timestamp(at: UnixSeconds) -> Result<Timestamp> {
    Timestamp::from_second(at).map_err(|e| Error::InvalidInput(format!("bad time {at}: {e}")))
}

fn time_error(e: jiff::Error) -> Error {
    Error::InvalidInput(format!("date out of range: {e}"))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    use super::{percentile, period_months};

    fn at(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn four_months_back_cross_the_year_and_end_today() {
        let now = at("2026-02-10T15:30:00Z");
        let months = period_months(&TimeZone::UTC, now).unwrap();
        let keys: Vec<String> = months.iter().map(|m| m.key()).collect();
        assert_eq!(keys, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert_eq!((months[0].first_day, months[0].last_day), (date(2025, 11, 1), date(2025, 11, 30)));
        assert_eq!(months[1].last_day, date(2025, 12, 31));
        // The current month counts up to now, its last day is today.
        assert_eq!((months[3].first_day, months[3].last_day), (date(2026, 2, 1), date(2026, 2, 10)));
        assert_eq!(months[3].end, now + 1);
        assert_eq!(months[0].start, at("2025-11-01T00:00:00Z"));
        // Each month ends where the next starts.
        for pair in months.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
    }

    #[test]
    fn months_are_the_shops_zone_and_leap_years_count() {
        let zone = TimeZone::get("America/Argentina/Buenos_Aires").unwrap();
        // 01:00 UTC on 1 March is still 28 February 22:00 in Argentina.
        let months = period_months(&zone, at("2027-03-01T01:00:00Z")).unwrap();
        let keys: Vec<String> = months.iter().map(|m| m.key()).collect();
        assert_eq!(keys, ["2026-11", "2026-12", "2027-01", "2027-02"]);
        assert_eq!(months[3].last_day, date(2027, 2, 28));
        assert_eq!(months[0].start, at("2026-11-01T03:00:00Z"));
        let leap = period_months(&TimeZone::UTC, at("2028-03-05T00:00:00Z")).unwrap();
        assert_eq!(leap[2].last_day, date(2028, 2, 29));
        // On the first of a month, the current month is that one day.
        let first = period_months(&TimeZone::UTC, at("2026-01-01T00:00:00Z")).unwrap();
        assert_eq!((first[3].first_day, first[3].last_day), (date(2026, 1, 1), date(2026, 1, 1)));
        assert_eq!(first[0].key(), "2025-10");
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[7], 90), Some(7));
        let values: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&values, 50), Some(5));
        assert_eq!(percentile(&values, 90), Some(9));
        assert_eq!(percentile(&[1, 2, 3], 50), Some(2));
    }
}
