//! Calendar arithmetic in the shop's zone. Córdoba keeps UTC−3 all year (no daylight saving since
//! 2009), so a fixed offset is exact and needs no time-zone database.

use crate::vocabulary::UnixSeconds;

pub(super) const MINUTE: i64 = 60;
pub(super) const HOUR: i64 = 3600;
pub(super) const DAY: i64 = 86_400;
pub(super) const SHOP_UTC_OFFSET: i64 = -3 * HOUR;
pub(super) const SHOP_TIME_ZONE: &str = "America/Argentina/Cordoba";

/// The instant of local midnight that starts the day containing `t`.
pub(super) fn day_start(t: UnixSeconds) -> UnixSeconds {
    let local = t + SHOP_UTC_OFFSET;
    local - local.rem_euclid(DAY) - SHOP_UTC_OFFSET
}

/// Seconds since local midnight.
pub(super) fn time_of_day(t: UnixSeconds) -> i64 {
    (t + SHOP_UTC_OFFSET).rem_euclid(DAY)
}

/// 0 = Monday … 6 = Sunday, in the shop's zone.
pub(super) fn weekday(t: UnixSeconds) -> usize {
    // 1970-01-01 was a Thursday.
    ((t + SHOP_UTC_OFFSET).div_euclid(DAY) + 3).rem_euclid(7) as usize
}

/// (year, month 1–12, day 1–31) in the shop's zone (Howard Hinnant's civil-from-days).
pub(super) fn civil(t: UnixSeconds) -> (i64, u32, u32) {
    let z = (t + SHOP_UTC_OFFSET).div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD` in the shop's zone, the format of `NewOrder::due_date`.
pub(super) fn iso_date(t: UnixSeconds) -> String {
    let (y, m, d) = civil(t);
    format!("{y:04}-{m:02}-{d:02}")
}

const DAYS_ES: [&str; 7] = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];
const DAYS_PT: [&str; 7] = ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"];
const DAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

pub(super) fn weekday_es(t: UnixSeconds) -> &'static str {
    DAYS_ES[weekday(t)]
}

/// "el jueves 14", how a seller names a date in a chat.
pub(super) fn day_words_es(t: UnixSeconds) -> String {
    format!("el {} {}", DAYS_ES[weekday(t)], civil(t).2)
}

/// "sexta, dia 14".
pub(super) fn day_words_pt(t: UnixSeconds) -> String {
    format!("{}, dia {}", DAYS_PT[weekday(t)], civil(t).2)
}

/// "Thursday, Mar 14".
pub(super) fn day_words_en(t: UnixSeconds) -> String {
    let (_, m, d) = civil(t);
    format!("{}, {} {d}", DAYS_EN[weekday(t)], MONTHS_EN[m as usize - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates_in_cordoba() {
        // 2025-03-10 02:00 UTC is still Sunday 9th, 23:00 in Córdoba.
        let t = 1_741_572_000;
        assert_eq!(iso_date(t), "2025-03-09");
        assert_eq!(weekday(t), 6);
        assert_eq!(time_of_day(t), 23 * HOUR);
        assert_eq!(day_start(t), t - 23 * HOUR);
        assert_eq!(iso_date(0), "1969-12-31");
        assert_eq!(day_words_es(t + 2 * HOUR), "el lunes 10");
        assert_eq!(day_words_en(t + 2 * HOUR), "Monday, Mar 10");
    }
}
