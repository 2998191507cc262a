//! Waiting time as a reply target counts it: in shop hours when the shop calendar sets opening
//! hours (a question at 17:50 on Friday with a 1 h target is late at 09:50 on Monday), in wall-clock
//! time otherwise. Working days without hours count whole; closed dates and days off count nothing.

use jiff::Timestamp;
use jiff::civil::Time;
use rusqlite::Transaction;

use crate::Result;
use crate::cutoff::inputs::calendar;
use crate::cutoff::tables::load_settings;
use crate::cutoff::{Day, HORIZON_DAYS, ShopCalendar};
use crate::vocabulary::UnixSeconds;

pub(crate) enum WaitClock {
    Wall,
    ShopHours(Box<ShopCalendar>),
}

impl WaitClock {
    /// Shop hours as soon as one working day has opening hours; a calendar that cannot be read
    /// (an unknown zone) falls back to the wall clock rather than hiding every level.
    pub(crate) fn load(tx: &Transaction<'_>) -> Result<WaitClock> {
        let settings = load_settings(tx)?;
        if !settings.working_days.iter().any(|day| day.open.is_some() && day.close.is_some()) {
            return Ok(WaitClock::Wall);
        }
        Ok(calendar(tx, &settings)
            .map_or(WaitClock::Wall, |calendar| WaitClock::ShopHours(Box::new(calendar))))
    }

    /// Seconds of `[from, to)` that count, at most `cap` (a level needs no more, and a long wait is
    /// not walked day by day).
    pub(crate) fn counted(&self, from: UnixSeconds, to: UnixSeconds, cap: i64) -> i64 {
        if to <= from {
            return 0;
        }
        let counted = match self {
            WaitClock::Wall => to - from,
            WaitClock::ShopHours(calendar) => shop_seconds(calendar, from, to, cap),
        };
        counted.min(cap)
    }
}

fn shop_seconds(calendar: &ShopCalendar, from: UnixSeconds, to: UnixSeconds, cap: i64) -> i64 {
    let (Ok(start), Ok(end)) = (Timestamp::from_second(from), Timestamp::from_second(to)) else {
        return to - from;
    };
    let (first, _) = calendar.local(start);
    let (last, _) = calendar.local(end);
    let mut total = 0;
    let mut day = first;
    while day <= last && day.0 - first.0 <= HORIZON_DAYS {
        if calendar.is_production_day(day) {
            let (open, close) = match calendar.hours[day.weekday_index()] {
                Some(hours) => (instant(calendar, day, hours.open), instant(calendar, day, hours.close)),
                None => (
                    instant(calendar, day, Time::midnight()),
                    instant(calendar, day.plus(1), Time::midnight()),
                ),
            };
            total += (close.min(to) - open.max(from)).max(0);
            if total >= cap {
                return total;
            }
        }
        day = day.plus(1);
    }
    total
}

/// A civil time on a shop day as Unix seconds (jiff's "compatible" rule inside a clock change).
fn instant(calendar: &ShopCalendar, day: Day, time: Time) -> UnixSeconds {
    day.to_date()
        .to_datetime(time)
        .to_zoned_datetime(calendar.time_zone.clone())
        .map_or(UnixSeconds::MAX, |zoned| zoned.timestamp().as_second())
}

#[cfg(test)]
mod tests {
    use jiff::tz::TimeZone;

    use super::*;
    use crate::cutoff::DayHours;

    const HOUR: i64 = 3600;
    const ZONE: &str = "America/Argentina/Buenos_Aires";

    /// Monday–Friday 09:00–18:00 in Buenos Aires.
    fn shop() -> WaitClock {
        let mut calendar = ShopCalendar::new(TimeZone::get(ZONE).unwrap());
        let hours = DayHours { open: jiff::civil::time(9, 0, 0, 0), close: jiff::civil::time(18, 0, 0, 0) };
        calendar.hours = [Some(hours), Some(hours), Some(hours), Some(hours), Some(hours), None, None];
        WaitClock::ShopHours(Box::new(calendar))
    }

    fn at(text: &str) -> UnixSeconds {
        let civil: jiff::civil::DateTime = text.parse().unwrap();
        civil.to_zoned_datetime(TimeZone::get(ZONE).unwrap()).unwrap().timestamp().as_second()
    }

    #[test]
    fn a_friday_evening_question_is_late_on_monday_morning() {
        let clock = shop();
        // 2026-04-03 is a Friday.
        let asked = at("2026-04-03T17:50");
        assert_eq!(clock.counted(asked, at("2026-04-03T18:00"), HOUR), 10 * 60);
        assert_eq!(clock.counted(asked, at("2026-04-05T23:00"), HOUR), 10 * 60);
        assert_eq!(clock.counted(asked, at("2026-04-06T09:49"), HOUR), 59 * 60);
        assert_eq!(clock.counted(asked, at("2026-04-06T09:50"), HOUR), HOUR);
        assert_eq!(WaitClock::Wall.counted(asked, at("2026-04-06T09:50"), 100 * HOUR), 64 * HOUR);
    }

    #[test]
    fn before_opening_and_closed_dates_count_nothing() {
        let WaitClock::ShopHours(mut calendar) = shop() else { unreachable!() };
        // Tuesday 2026-04-07 closed.
        calendar.closed.insert(Day::parse("2026-04-07").unwrap());
        let clock = WaitClock::ShopHours(calendar);
        let asked = at("2026-04-06T07:00");
        assert_eq!(clock.counted(asked, at("2026-04-06T09:30"), 100 * HOUR), 30 * 60);
        assert_eq!(clock.counted(asked, at("2026-04-08T10:00"), 100 * HOUR), 10 * HOUR);
        assert_eq!(clock.counted(at("2026-04-08T10:00"), asked, HOUR), 0);
    }

    #[test]
    fn counting_stops_at_the_cap() {
        let clock = shop();
        let a_year = clock.counted(at("2025-04-06T09:00"), at("2026-04-06T09:00"), 4 * HOUR);
        assert_eq!(a_year, 4 * HOUR);
    }

    #[test]
    fn a_working_day_without_hours_counts_whole() {
        let WaitClock::ShopHours(mut calendar) = shop() else { unreachable!() };
        calendar.works[5] = true;
        let clock = WaitClock::ShopHours(calendar);
        // Saturday 2026-04-04 works all day; Sunday not.
        assert_eq!(clock.counted(at("2026-04-03T18:00"), at("2026-04-06T00:00"), 100 * HOUR), 24 * HOUR);
    }
}
