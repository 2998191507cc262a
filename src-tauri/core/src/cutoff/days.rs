//! Days as plain numbers (days since 1970-01-01), so walking a year of the calendar is integer
//! arithmetic; converted to and from jiff's civil dates at the edges.

use jiff::civil::{Date, Weekday};

/// A calendar day in the shop's zone, counted from 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// Howard Hinnant's days-from-civil.
    pub fn from_date(date: Date) -> Day {
        let (y, m, d) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Day(era * 146_097 + doe - 719_468)
    }

    pub fn to_date(self) -> Date {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i32::from(month <= 2);
        // In range for any day this engine reaches (years 1–9999).
        jiff::civil::date(year as i16, month as i8, day as i8)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday_index(self) -> usize {
        (self.0 + 3).rem_euclid(7) as usize
    }

    pub fn weekday(self) -> Weekday {
        match self.weekday_index() {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    pub fn plus(self, days: i32) -> Day {
        Day(self.0 + days)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        self.to_date().to_string()
    }

    pub fn parse(text: &str) -> Option<Day> {
        if text.len() != 10 {
            return None;
        }
        text.parse::<Date>().ok().map(Day::from_date)
    }
}

impl From<Date> for Day {
    fn from(date: Date) -> Day {
        Day::from_date(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_knows_weekdays() {
        for n in -800_000..800_000 {
            let day = Day(n);
            assert_eq!(Day::from_date(day.to_date()), day);
            if n % 9973 == 0 {
                assert_eq!(day.weekday(), day.to_date().weekday());
            }
        }
        assert_eq!(Day::parse("2026-04-03").map(Day::weekday), Some(Weekday::Friday));
        assert_eq!(Day::parse("2026-4-3"), None);
    }
}
