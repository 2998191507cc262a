//! Lucía's shop calendar: Córdoba, Monday–Friday 9–18 and Saturday 10–13, orders confirmed before
//! 18:00 are made the next day, about 6 knitted pieces a day, Argentina's holidays, a summer break, and
//! the dates buyers order for (Christmas, Reyes, Valentine's) by delivery method.

use super::catalog::{self, Product};
use super::dialogue::capitalise;
use super::shop_time::{self, DAY};
use crate::cutoff::{
    CalendarSettings, ClosedDate, ClosedDayKind, MethodDays, ProductProfile, SeasonalDeadline, WorkingDay,
};
use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

/// Correo Argentino, Andreani and pickup at the workshop, with the days each needs.
const METHODS: &[(&str, u32)] = &[("Correo Argentino", 7), ("Andreani", 4), ("Retiro en el taller", 1)];

fn hours(weekday: u8, open: &str, close: &str) -> WorkingDay {
    WorkingDay { weekday, open: Some(open.to_string()), close: Some(close.to_string()) }
}

/// The name order items use for a product ("Taza esmaltada (350 ml)").
fn item_name(product: &Product) -> String {
    format!("{} ({})", capitalise(product.es.one), product.size_es)
}

fn category(product: &Product) -> &'static str {
    match product.category {
        catalog::Category::Toy | catalog::Category::Scarf => "Tejidos",
        _ => "Cerámica",
    }
}

/// Pieces of a day's work one unit takes. Lucía's "about 6 a day" is her knitting: ceramics go
/// through the kiln in batches, so their time is the drying and firing (the processing days), not
/// her hands' capacity.
fn pieces_per_unit(product: &Product) -> u32 {
    match product.category {
        catalog::Category::Toy | catalog::Category::Scarf => 1,
        _ => 0,
    }
}

pub(super) fn load(app: &Mostrador, now: UnixSeconds) -> Result<()> {
    app.save_calendar_settings(&CalendarSettings {
        time_zone: Some(shop_time::SHOP_TIME_ZONE.to_string()),
        cutoff_time: "18:00".to_string(),
        // Seed 003: "everything received until that hour is made the next day".
        cutoff_day_counts: false,
        working_days: vec![
            hours(1, "09:00", "18:00"),
            hours(2, "09:00", "18:00"),
            hours(3, "09:00", "18:00"),
            hours(4, "09:00", "18:00"),
            hours(5, "09:00", "18:00"),
            hours(6, "10:00", "13:00"),
        ],
        pieces_per_day: Some(6),
        default_min_days: 7,
        default_max_days: 10,
    })?;

    let (year, month, _) = shop_time::civil(now);
    let year = i32::try_from(year).unwrap_or(2026);
    for y in [year, year + 1] {
        app.apply_holiday_preset("AR", y)?;
    }
    // The summer break, second half of January.
    for day in 19..=30 {
        app.save_closed_date(&ClosedDate {
            date: format!("{:04}-01-{day:02}", year + 1),
            kind: ClosedDayKind::Vacation,
            reason: "Vacaciones de verano".to_string(),
        })?;
    }
    // A fair in two weeks: a Saturday with the stand and no work at the bench.
    let fair = next_weekday(now + 14 * DAY, 5);
    app.save_closed_date(&ClosedDate {
        date: shop_time::iso_date(fair),
        kind: ClosedDayKind::OneOff,
        reason: "Feria en el Paseo del Buen Pastor".to_string(),
    })?;
    // Glazing day before the fair: the kiln takes the afternoon, half the pieces.
    app.set_capacity_override(&shop_time::iso_date(fair - DAY), Some(3))?;

    for product in catalog::ALL {
        let max_days = product.lead_days;
        app.save_product(
            &ProductProfile {
                id: None,
                name: item_name(product),
                category: category(product).to_string(),
                ready_to_ship: false,
                min_days: (max_days * 2).div_ceil(3),
                max_days,
                pieces_per_unit: pieces_per_unit(product),
            },
            now - 200 * DAY,
        )?;
    }

    // Christmas this year (or next, in the last days of December), then Reyes and Valentine's.
    let christmas_year =
        if month == 12 && shop_time::iso_date(now).as_str() > format!("{year:04}-12-25").as_str() {
            year + 1
        } else {
            year
        };
    let events = [
        ("Navidad", format!("{christmas_year:04}-12-25")),
        ("Reyes", format!("{:04}-01-06", christmas_year + 1)),
        ("Día de los Enamorados", format!("{:04}-02-14", christmas_year + 1)),
    ];
    for (name, event_date) in events {
        app.save_seasonal_deadline(
            &SeasonalDeadline {
                id: None,
                name: name.to_string(),
                event_date,
                methods: METHODS
                    .iter()
                    .map(|&(method, days)| MethodDays { method: method.to_string(), days })
                    .collect(),
            },
            now,
        )?;
    }
    Ok(())
}

/// The first instant on or after `t` that falls on `weekday` (0 = Monday).
fn next_weekday(t: UnixSeconds, weekday: usize) -> UnixSeconds {
    let mut at = t;
    while shop_time::weekday(at) != weekday {
        at += DAY;
    }
    at
}
