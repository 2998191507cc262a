//! Simulated time: starts where the config says and runs at real speed; tests can jump ahead
//! (24 h Telegram retention, 6 h access tokens) without waiting.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

pub(crate) struct SimClock {
    base: i64,
    started: Instant,
    skipped: AtomicI64,
}

impl SimClock {
    pub fn new(start_unix: Option<i64>) -> SimClock {
        let base = start_unix.unwrap_or_else(|| {
            SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        });
        SimClock { base, started: Instant::now(), skipped: AtomicI64::new(0) }
    }

    pub fn now(&self) -> i64 {
        self.base + self.started.elapsed().as_secs() as i64 + self.skipped.load(Ordering::Relaxed)
    }

    pub fn advance(&self, secs: i64) {
        self.skipped.fetch_add(secs, Ordering::Relaxed);
    }
}

/// A date the way Mercado Libre writes it: ISO 8601 with milliseconds and the site's offset.
pub(crate) fn ml_date(unix: i64, offset_hours: i8) -> String {
    let ts = Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH);
    let offset = Offset::from_hours(offset_hours).unwrap_or(Offset::UTC);
    ts.to_zoned_datetime(TimeZone::fixed(offset)).strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

/// A time the way the Graph API writes it: UTC, offset without a colon ("2026-11-20T10:15:30+0000").
pub(crate) fn meta_date(unix: i64) -> String {
    let ts = Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned_datetime(TimeZone::UTC).strftime("%Y-%m-%dT%H:%M:%S%z").to_string()
}

/// Accepts what a client may send as a date filter: ISO 8601 with an offset, or unix seconds.
pub(crate) fn parse_date(text: &str) -> Option<i64> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts.as_second());
    }
    text.trim().parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ml_dates_carry_the_site_offset_and_parse_back() {
        let text = ml_date(1_795_000_000, -3);
        assert!(text.ends_with(".000-03:00"), "{text}");
        assert_eq!(parse_date(&text), Some(1_795_000_000));
        assert_eq!(parse_date("1795000000"), Some(1_795_000_000));
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn meta_dates_are_utc_without_a_colon_in_the_offset() {
        assert_eq!(meta_date(1_795_000_000), "2026-11-18T11:06:40+0000");
    }
}
