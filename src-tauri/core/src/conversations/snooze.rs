//! Snoozing: the menu's times, computed in the shop's time zone from `now`, and waking conversations
//! whose snooze has ended.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use rusqlite::{OptionalExtension, Transaction, params};

use super::status;
use crate::conversations::status_counts;
use crate::conversations::{SnoozeChoice, SnoozeOption, SnoozePreset};
use crate::vocabulary::{ConversationStatus, UnixSeconds};
use crate::{Error, Result};

/// When "the morning" starts in a shop without opening hours.
const DEFAULT_MORNING: (i8, i8) = (8, 0);
const LATER_TODAY_HOURS: i64 = 3;
const HOUR: i64 = 3600;

/// The shop's zone and opening time, as the calendar stores them.
pub(crate) struct ShopClock {
    zone: TimeZone,
    morning: Time,
}

impl ShopClock {
    pub(crate) fn load(tx: &Transaction<'_>) -> Result<ShopClock> {
        let (zone, open): (Option<String>, Option<String>) = tx
            .prepare_cached("SELECT time_zone, open_time FROM shop_calendar WHERE id = 1")?
            .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?
            .unwrap_or((None, None));
        // An unknown zone name (a machine without that zone) falls back to the system's rather than
        // making snoozing impossible.
        let zone = zone.and_then(|name| TimeZone::get(&name).ok()).unwrap_or_else(TimeZone::system);
        let (hour, minute) = open.as_deref().and_then(parse_hh_mm).unwrap_or(DEFAULT_MORNING);
        Ok(ShopClock { zone, morning: Time::constant(hour, minute, 0, 0) })
    }

    #[cfg(test)]
    pub(crate) fn new(zone: &str, morning: (i8, i8)) -> ShopClock {
        ShopClock { zone: TimeZone::get(zone).unwrap(), morning: Time::constant(morning.0, morning.1, 0, 0) }
    }

    fn today(&self, now: UnixSeconds) -> Result<Date> {
        Ok(timestamp(now)?.to_zoned_datetime(self.zone.clone()).date())
    }

    fn morning_of(&self, date: Date) -> Result<UnixSeconds> {
        let zoned =
            date.to_datetime(self.morning).to_zoned_datetime(self.zone.clone()).map_err(time_error)?;
        Ok(zoned.timestamp().as_second())
    }

    pub(crate) fn preset(&self, preset: SnoozePreset, now: UnixSeconds) -> Result<UnixSeconds> {
        Ok(match preset {
            // On the hour, so "18:00" reads better than "17:42".
            SnoozePreset::LaterToday => (now + LATER_TODAY_HOURS * HOUR).div_euclid(HOUR) * HOUR + HOUR,
            SnoozePreset::TomorrowMorning => {
                self.morning_of(self.today(now)?.tomorrow().map_err(time_error)?)?
            }
            SnoozePreset::NextWeek => {
                let today = self.today(now)?;
                let days_to_monday = 7 - i64::from(today.weekday().to_monday_zero_offset());
                self.morning_of(today.checked_add(Span::new().days(days_to_monday)).map_err(time_error)?)?
            }
        })
    }

    /// `None` for "until the buyer writes".
    pub(crate) fn until(&self, choice: &SnoozeChoice, now: UnixSeconds) -> Result<Option<UnixSeconds>> {
        Ok(match choice {
            SnoozeChoice::Preset { preset } => Some(self.preset(*preset, now)?),
            SnoozeChoice::Date { date } => {
                let date: Date = date
                    .trim()
                    .parse()
                    .map_err(|_| Error::InvalidInput(format!("{date:?} is not a date (YYYY-MM-DD)")))?;
                Some(self.morning_of(date)?)
            }
            SnoozeChoice::UntilReply => None,
        })
    }

    /// Whether `now` falls between `start` and `end` (`HH:MM`, spanning midnight when start > end).
    pub(crate) fn within(&self, now: UnixSeconds, start: &str, end: &str) -> Result<bool> {
        let (Some(start), Some(end)) = (parse_hh_mm(start), parse_hh_mm(end)) else { return Ok(false) };
        let local = timestamp(now)?.to_zoned_datetime(self.zone.clone());
        let minute = i32::from(local.hour()) * 60 + i32::from(local.minute());
        let (start, end) =
            (i32::from(start.0) * 60 + i32::from(start.1), i32::from(end.0) * 60 + i32::from(end.1));
        Ok(if start <= end { (start..end).contains(&minute) } else { minute >= start || minute < end })
    }
}

pub(crate) fn options(tx: &Transaction<'_>, now: UnixSeconds) -> Result<Vec<SnoozeOption>> {
    let clock = ShopClock::load(tx)?;
    SnoozePreset::ALL
        .iter()
        .map(|&preset| Ok(SnoozeOption { preset, until: clock.preset(preset, now)? }))
        .collect()
}

pub(crate) fn snooze(
    tx: &Transaction<'_>,
    conversation_id: i64,
    choice: &SnoozeChoice,
    now: UnixSeconds,
) -> Result<()> {
    let until = ShopClock::load(tx)?.until(choice, now)?;
    status::set_status(tx, conversation_id, ConversationStatus::Snoozed, until, now)
}

/// Conversations whose snooze time has come back to "needs reply" (the buyer's wait, if any, kept
/// from before the snooze). Returns how many woke. The shell calls this every minute.
pub(crate) fn wake(tx: &Transaction<'_>, now: UnixSeconds) -> Result<u32> {
    let due: Vec<i64> = tx
        .prepare_cached(
            "SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until IS NOT NULL AND snoozed_until <= ?1",
        )?
        .query_map(params![now], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &due {
        // Unlike the seller choosing "needs reply", waking keeps what was already handled.
        tx.prepare_cached(
            "UPDATE conversations
                SET status = 'needs_reply', snoozed_until = NULL, snooze_until_reply = 0,
                    manual_status_through = last_message_at, updated_at = ?2
              WHERE id = ?1",
        )?
        .execute(params![id, now])?;
    }
    let mut moves = status_counts::Moves::default();
    moves.note(ConversationStatus::Snoozed, ConversationStatus::NeedsReply, due.len() as i64);
    moves.apply(tx)?;
    Ok(due.len() as u32)
}

pub(crate) fn parse_hh_mm(text: &str) -> Option<(i8, i8)> {
    let (hour, minute) = text.trim().split_once(':')?;
    let (hour, minute): (i8, i8) = (hour.parse().ok()?, minute.parse().ok()?);
    ((0..24).contains(&hour) && (0..60).contains(&minute) && text.trim().len() == 5).then_some((hour, minute))
}

fn timestamp(now: UnixSeconds) -> Result<Timestamp> {
    Timestamp::from_second(now).map_err(time_error)
}

fn time_error(error: jiff::Error) -> Error {
    Error::InvalidInput(format!("time out of range: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-06-13 14:20 in Córdoba (UTC-3), a Friday.
    const FRIDAY_AFTERNOON: UnixSeconds = 1_749_835_200;

    fn local(clock: &ShopClock, at: UnixSeconds) -> String {
        timestamp(at).unwrap().to_zoned_datetime(clock.zone.clone()).strftime("%a %F %H:%M").to_string()
    }

    #[test]
    fn presets_land_on_the_shops_clock() {
        let clock = ShopClock::new("America/Argentina/Cordoba", (9, 30));
        assert_eq!(local(&clock, FRIDAY_AFTERNOON), "Fri 2025-06-13 14:20");
        let at = |preset| local(&clock, clock.preset(preset, FRIDAY_AFTERNOON).unwrap());
        assert_eq!(at(SnoozePreset::LaterToday), "Fri 2025-06-13 18:00");
        assert_eq!(at(SnoozePreset::TomorrowMorning), "Sat 2025-06-14 09:30");
        assert_eq!(at(SnoozePreset::NextWeek), "Mon 2025-06-16 09:30");
        let date = clock.until(&SnoozeChoice::Date { date: "2025-07-01".into() }, FRIDAY_AFTERNOON).unwrap();
        assert_eq!(local(&clock, date.unwrap()), "Tue 2025-07-01 09:30");
        assert_eq!(clock.until(&SnoozeChoice::UntilReply, FRIDAY_AFTERNOON).unwrap(), None);
        assert!(clock.until(&SnoozeChoice::Date { date: "1 July".into() }, FRIDAY_AFTERNOON).is_err());
    }

    #[test]
    fn next_week_from_a_monday_is_the_monday_after() {
        let clock = ShopClock::new("UTC", (8, 0));
        let monday = FRIDAY_AFTERNOON + 3 * 24 * HOUR;
        assert_eq!(
            local(&clock, clock.preset(SnoozePreset::NextWeek, monday).unwrap()),
            "Mon 2025-06-23 08:00"
        );
    }

    #[test]
    fn quiet_hours_may_span_midnight() {
        let clock = ShopClock::new("America/Argentina/Cordoba", (8, 0));
        // 14:20 local.
        assert!(!clock.within(FRIDAY_AFTERNOON, "22:00", "08:00").unwrap());
        assert!(clock.within(FRIDAY_AFTERNOON + 9 * HOUR, "22:00", "08:00").unwrap());
        assert!(clock.within(FRIDAY_AFTERNOON, "13:00", "15:00").unwrap());
        assert_eq!(parse_hh_mm("7:00"), None);
        assert_eq!(parse_hh_mm("24:00"), None);
        assert_eq!(parse_hh_mm("07:05"), Some((7, 5)));
    }
}
