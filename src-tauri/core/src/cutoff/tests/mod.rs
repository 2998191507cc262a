//! The engine's tests: cases worked out by hand on Argentina's 2026 calendar (`table.rs`) and
//! properties over random calendars (`properties.rs`).

mod properties;
mod table;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::calendar::{DayHours, ShopCalendar};
use super::days::Day;
use super::holidays;

/// Córdoba: Monday–Friday 9–18 (plus Saturday 10–13 when asked), cut-off 18:00, Argentina's
/// 2026 and 2027 holidays.
pub(super) fn cordoba(cutoff_day_counts: bool, saturday: bool) -> ShopCalendar {
    let mut calendar = ShopCalendar::new(TimeZone::get("America/Argentina/Cordoba").unwrap());
    calendar.cutoff_day_counts = cutoff_day_counts;
    let week = DayHours { open: jiff::civil::time(9, 0, 0, 0), close: jiff::civil::time(18, 0, 0, 0) };
    calendar.hours = [Some(week); 7];
    calendar.hours[6] = None;
    if saturday {
        calendar.works[5] = true;
        calendar.hours[5] =
            Some(DayHours { open: jiff::civil::time(10, 0, 0, 0), close: jiff::civil::time(13, 0, 0, 0) });
    } else {
        calendar.hours[5] = None;
    }
    for year in [2026, 2027] {
        for holiday in holidays::preset("AR", year).unwrap() {
            calendar.closed.insert(Day::from_date(holiday.date));
        }
    }
    calendar
}

/// "2026-03-02 17:59" in Córdoba (UTC−3 all year).
pub(super) fn at(local: &str) -> Timestamp {
    format!("{}:00-03:00", local.replace(' ', "T")).parse().unwrap()
}

pub(super) fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}
