//! The shop calendar: which days the shop works, when its daily cut-off falls, and which
//! production day an order confirmed at a given instant starts on.
//!
//! Cut-offs are civil times in the shop's zone, turned into instants per day through jiff, so a
//! daylight-saving change never moves "18:00" to 17:00 or 19:00.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Time;
use jiff::tz::TimeZone;

use super::days::Day;

/// How far the engine looks ahead before giving up (a shop with no working day at all).
pub const HORIZON_DAYS: i32 = 3 * 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayHours {
    pub open: Time,
    pub close: Time,
}

#[derive(Debug, Clone)]
pub struct ShopCalendar {
    pub time_zone: TimeZone,
    /// Orders confirmed before this time (on a production day) are registered that day.
    pub cutoff: Time,
    /// Whether the day an order is registered on is its first production day; when false
    /// ("what arrives before 18:00 is made the next day") production starts the next one.
    pub cutoff_day_counts: bool,
    /// Monday = 0.
    pub works: [bool; 7],
    /// Opening hours per weekday, when the seller set them. A day's cut-off is never after
    /// its closing time (a Saturday open 10–13 closes its cut-off at 13:00).
    pub hours: [Option<DayHours>; 7],
    pub closed: HashSet<Day>,
    /// Pieces a working day; `None` = the shop does not plan by capacity.
    pub pieces_per_day: Option<u32>,
    pub overrides: HashMap<Day, u32>,
}

impl ShopCalendar {
    /// Monday–Friday, cut-off 18:00, no closed dates, not planned by capacity.
    pub fn new(time_zone: TimeZone) -> ShopCalendar {
        ShopCalendar {
            time_zone,
            cutoff: jiff::civil::time(18, 0, 0, 0),
            cutoff_day_counts: true,
            works: [true, true, true, true, true, false, false],
            hours: [None; 7],
            closed: HashSet::new(),
            pieces_per_day: None,
            overrides: HashMap::new(),
        }
    }

    pub fn is_production_day(&self, day: Day) -> bool {
        self.works[day.weekday_index()] && !self.closed.contains(&day)
    }

    /// The first production day on or after `day`.
    pub fn production_day_from(&self, day: Day) -> Option<Day> {
        (0..HORIZON_DAYS).map(|n| day.plus(n)).find(|&d| self.is_production_day(d))
    }

    /// The last production day on or before `day`.
    pub fn production_day_until(&self, day: Day) -> Option<Day> {
        (0..HORIZON_DAYS).map(|n| day.plus(-n)).find(|&d| self.is_production_day(d))
    }

    /// The production day `n` production days after `day` (`n = 0`: `day` itself, or the next
    /// production day when `day` is not one).
    pub fn advance(&self, day: Day, n: u32) -> Option<Day> {
        let mut at = self.production_day_from(day)?;
        for _ in 0..n {
            at = self.production_day_from(at.plus(1))?;
        }
        Some(at)
    }

    /// The day's cut-off: the shop's, or its closing time when it closes earlier.
    pub fn day_cutoff(&self, day: Day) -> Time {
        match self.hours[day.weekday_index()] {
            Some(hours) if hours.close < self.cutoff => hours.close,
            _ => self.cutoff,
        }
    }

    /// The instant of the day's cut-off. In a gap (a clock skipped forward over the cut-off)
    /// jiff's "compatible" rule takes the first instant after it.
    pub fn cutoff_instant(&self, day: Day) -> Timestamp {
        day.to_date()
            .to_datetime(self.day_cutoff(day))
            .to_zoned_datetime(self.time_zone.clone())
            .map(|zoned| zoned.timestamp())
            .unwrap_or(Timestamp::MAX)
    }

    /// The shop's day and clock time at an instant.
    pub fn local(&self, at: Timestamp) -> (Day, Time) {
        let civil = self.time_zone.to_datetime(at);
        (Day::from_date(civil.date()), civil.time())
    }

    /// The production day an order confirmed at `at` is registered on: that day when it is a
    /// production day and the cut-off has not passed (exactly at the cut-off is too late),
    /// otherwise the next production day.
    pub fn registration_day(&self, at: Timestamp) -> Option<Day> {
        let (day, time) = self.local(at);
        if self.is_production_day(day) && time < self.day_cutoff(day) {
            Some(day)
        } else {
            self.production_day_from(day.plus(1))
        }
    }

    /// The first production day of an order confirmed at `at`.
    pub fn start_day(&self, at: Timestamp) -> Option<Day> {
        let registered = self.registration_day(at)?;
        if self.cutoff_day_counts { Some(registered) } else { self.production_day_from(registered.plus(1)) }
    }

    /// Pieces the shop can make on `day`: `None` when it does not plan by capacity.
    pub fn capacity(&self, day: Day) -> Option<u32> {
        if !self.is_production_day(day) {
            return Some(0);
        }
        match self.overrides.get(&day) {
            Some(&pieces) => Some(pieces),
            None => self.pieces_per_day,
        }
    }
}
