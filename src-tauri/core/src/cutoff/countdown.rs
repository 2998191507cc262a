//! "Confirm in the next 40 min and it starts tomorrow, Tuesday 9"; after the cut-off, the next one.

use jiff::Timestamp;

use super::calendar::ShopCalendar;
use super::days::Day;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    /// The next cut-off at or after now, on a production day.
    pub cutoff_at: Timestamp,
    /// Whole minutes left, rounded up (59 s left is "1 min").
    pub minutes_left: i64,
    /// The production day that cut-off belongs to.
    pub cutoff_day: Day,
    /// Whether that cut-off is today (in the shop's zone).
    pub today: bool,
    /// First production day of an order confirmed now (= before that cut-off).
    pub starts_on: Day,
    /// First production day of an order confirmed right at the cut-off.
    pub then_starts_on: Day,
}

pub fn countdown(calendar: &ShopCalendar, now: Timestamp) -> Option<Countdown> {
    let (today, _) = calendar.local(now);
    let mut day = calendar.production_day_from(today)?;
    let mut cutoff_at = calendar.cutoff_instant(day);
    if cutoff_at <= now {
        day = calendar.production_day_from(day.plus(1))?;
        cutoff_at = calendar.cutoff_instant(day);
    }
    let seconds = cutoff_at.as_second() - now.as_second();
    Some(Countdown {
        cutoff_at,
        minutes_left: (seconds + 59).div_euclid(60),
        cutoff_day: day,
        today: day == today,
        starts_on: calendar.start_day(now)?,
        then_starts_on: calendar.start_day(cutoff_at)?,
    })
}
