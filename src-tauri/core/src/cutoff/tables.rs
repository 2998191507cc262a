//! The shop calendar's tables: its settings, closed dates, products with their processing times,
//! capacity overrides and seasonal deadlines, read and written as the settings screens edit them.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Time;
use jiff::tz::TimeZone;
use rusqlite::{OptionalExtension, Transaction, params};

use super::days::Day;
use super::holidays;
use super::promise::Profile;
use crate::cutoff::{
    CalendarSettings, CapacityOverride, ClosedDate, ClosedDayKind, MethodDays, ProductProfile,
    SeasonalDeadline, WorkingDay,
};
use crate::vocabulary::UnixSeconds;
use crate::{Error, Result};

pub(super) fn invalid(why: impl Into<String>) -> Error {
    Error::InvalidInput(why.into())
}

pub(crate) fn parse_time(text: &str) -> Result<Time> {
    let bad = || invalid(format!("{text:?} is not a time (HH:MM)"));
    if text.len() != 5 {
        return Err(bad());
    }
    text.parse::<Time>().map_err(|_| bad())
}

pub(crate) fn parse_day(text: &str) -> Result<Day> {
    Day::parse(text).ok_or_else(|| invalid(format!("{text:?} is not a date (YYYY-MM-DD)")))
}

pub(super) fn clock(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

pub(super) fn timestamp(at: UnixSeconds) -> Result<Timestamp> {
    Timestamp::from_second(at).map_err(|_| invalid(format!("{at} is not a time")))
}

pub(super) fn zone(name: Option<&str>) -> Result<TimeZone> {
    match name {
        Some(name) => TimeZone::get(name).map_err(|_| invalid(format!("{name:?} is not a known time zone"))),
        None => Ok(TimeZone::system()),
    }
}

/// The shop's calendar day of an instant (the calendar's zone, else the computer's), as
/// `YYYY-MM-DD`: the day a channel's ship-by instant falls on for the seller.
pub(crate) fn shop_day_of(tx: &Transaction<'_>, at: UnixSeconds) -> Result<String> {
    Ok(timestamp(at)?.to_zoned_datetime(shop_zone(tx)?).date().to_string())
}

/// The shop calendar's zone, else the computer's (as snoozes, cut-offs and metrics read it).
pub(crate) fn shop_zone(tx: &Transaction<'_>) -> Result<TimeZone> {
    let name: Option<String> = tx
        .prepare_cached("SELECT time_zone FROM shop_calendar WHERE id = 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .flatten();
    Ok(name.and_then(|name| TimeZone::get(&name).ok()).unwrap_or_else(TimeZone::system))
}

// settings

pub(crate) fn load_settings(tx: &Transaction<'_>) -> Result<CalendarSettings> {
    let (time_zone, cutoff_time, counts, days, open, close, pieces, min, max) = tx
        .prepare_cached(
            "SELECT time_zone, cutoff_time, cutoff_day_counts, working_days, open_time, close_time,
                    pieces_per_day, default_min_days, default_max_days
               FROM shop_calendar WHERE id = 1",
        )?
        .query_row([], |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, bool>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<u32>>(6)?,
                row.get::<_, u32>(7)?,
                row.get::<_, u32>(8)?,
            ))
        })?;
    let weekdays: Vec<u8> = serde_json::from_str(&days)?;
    let mut hours: HashMap<u8, (String, String)> = HashMap::new();
    let mut stmt = tx.prepare_cached("SELECT weekday, open_time, close_time FROM working_hours")?;
    for row in stmt.query_map([], |row| Ok((row.get::<_, u8>(0)?, row.get(1)?, row.get(2)?)))? {
        let (weekday, o, c) = row?;
        hours.insert(weekday, (o, c));
    }
    let mut working_days: Vec<WorkingDay> = weekdays
        .into_iter()
        .filter(|w| (1..=7).contains(w))
        .map(|weekday| match hours.get(&weekday) {
            Some((o, c)) => WorkingDay { weekday, open: Some(o.clone()), close: Some(c.clone()) },
            None => WorkingDay { weekday, open: open.clone(), close: close.clone() },
        })
        .collect();
    working_days.sort_by_key(|d| d.weekday);
    working_days.dedup_by_key(|d| d.weekday);
    Ok(CalendarSettings {
        time_zone,
        cutoff_time,
        cutoff_day_counts: counts,
        working_days,
        pieces_per_day: pieces,
        default_min_days: min,
        default_max_days: max,
    })
}

pub(crate) fn save_settings(tx: &Transaction<'_>, settings: &CalendarSettings) -> Result<()> {
    let time_zone = settings.time_zone.as_deref().map(str::trim).filter(|z| !z.is_empty());
    zone(time_zone)?;
    parse_time(&settings.cutoff_time)?;
    if settings.pieces_per_day == Some(0) {
        return Err(invalid("capacity must be at least 1 piece a day (or not planned)"));
    }
    if settings.default_max_days < settings.default_min_days {
        return Err(invalid("the longest processing time cannot be shorter than the shortest"));
    }
    let mut weekdays = Vec::new();
    for day in &settings.working_days {
        if !(1..=7).contains(&day.weekday) || weekdays.contains(&day.weekday) {
            return Err(invalid(format!("{} is not a weekday (1–7) or appears twice", day.weekday)));
        }
        weekdays.push(day.weekday);
        match (&day.open, &day.close) {
            (Some(open), Some(close)) => {
                if parse_time(open)? >= parse_time(close)? {
                    return Err(invalid(format!(
                        "on weekday {} the shop closes before it opens",
                        day.weekday
                    )));
                }
            }
            (None, None) => {}
            _ => return Err(invalid("set both the opening and the closing time, or neither")),
        }
    }
    weekdays.sort_unstable();
    tx.prepare_cached(
        "UPDATE shop_calendar SET time_zone = ?1, cutoff_time = ?2, cutoff_day_counts = ?3, working_days = ?4,
                open_time = NULL, close_time = NULL, pieces_per_day = ?5, default_min_days = ?6,
                default_max_days = ?7
          WHERE id = 1",
    )?
    .execute(params![
        time_zone,
        settings.cutoff_time,
        settings.cutoff_day_counts,
        serde_json::to_string(&weekdays)?,
        settings.pieces_per_day,
        settings.default_min_days,
        settings.default_max_days,
    ])?;
    tx.execute("DELETE FROM working_hours", [])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO working_hours (weekday, open_time, close_time) VALUES (?1, ?2, ?3)")?;
    for day in &settings.working_days {
        if let (Some(open), Some(close)) = (&day.open, &day.close) {
            insert.execute(params![day.weekday, open, close])?;
        }
    }
    Ok(())
}

// closed dates

pub(crate) fn closed_dates(tx: &Transaction<'_>, from: &str, to: &str) -> Result<Vec<ClosedDate>> {
    let mut stmt = tx.prepare_cached(
        "SELECT date, kind, reason FROM closed_dates WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
    )?;
    let rows = stmt.query_map([from, to], |row| {
        let kind: String = row.get(1)?;
        Ok(ClosedDate {
            date: row.get(0)?,
            kind: ClosedDayKind::parse(&kind).unwrap_or(ClosedDayKind::OneOff),
            reason: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds or replaces a closed date.
pub(crate) fn save_closed_date(tx: &Transaction<'_>, closed: &ClosedDate) -> Result<()> {
    parse_day(&closed.date)?;
    tx.prepare_cached(
        "INSERT INTO closed_dates (date, kind, reason) VALUES (?1, ?2, ?3)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, reason = excluded.reason",
    )?
    .execute(params![closed.date, closed.kind.as_str(), closed.reason.trim()])?;
    Ok(())
}

pub(crate) fn delete_closed_date(tx: &Transaction<'_>, date: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM closed_dates WHERE date = ?1")?.execute([date])?;
    Ok(())
}

/// Adds a country's holidays for a year; dates the seller already has keep the seller's entry.
/// Returns how many were added.
pub(crate) fn apply_holiday_preset(tx: &Transaction<'_>, country: &str, year: i32) -> Result<u32> {
    let year = i16::try_from(year)
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| invalid("year out of range"))?;
    let list = holidays::preset(country, year).ok_or_else(|| {
        invalid(format!("no holiday preset for {country:?} (known: {})", holidays::COUNTRIES.join(", ")))
    })?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO closed_dates (date, kind, reason) VALUES (?1, 'holiday', ?2) ON CONFLICT (date) DO NOTHING",
    )?;
    let mut added = 0;
    for holiday in list {
        added += insert.execute(params![holiday.date.to_string(), holiday.name])? as u32;
    }
    Ok(added)
}

// products

pub(crate) fn products(tx: &Transaction<'_>) -> Result<Vec<ProductProfile>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, name, category, ready_to_ship, min_days, max_days, pieces_per_unit
           FROM products ORDER BY category, name",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(ProductProfile {
            id: Some(row.get(0)?),
            name: row.get(1)?,
            category: row.get(2)?,
            ready_to_ship: row.get(3)?,
            min_days: row.get(4)?,
            max_days: row.get(5)?,
            pieces_per_unit: row.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Creates (no id) or updates a product; returns its id.
pub(crate) fn save_product(tx: &Transaction<'_>, product: &ProductProfile, now: UnixSeconds) -> Result<i64> {
    let name = product.name.trim();
    if name.is_empty() {
        return Err(invalid("a product needs a name"));
    }
    if product.max_days < product.min_days {
        return Err(invalid(format!("{name:?}: the longest processing time is shorter than the shortest")));
    }
    if product.ready_to_ship && product.max_days > 1 {
        return Err(invalid(format!("{name:?}: a product ready to ship leaves within 0–1 days")));
    }
    match product.id {
        Some(id) => {
            let changed = tx
                .prepare_cached(
                    "UPDATE products SET name = ?2, category = ?3, ready_to_ship = ?4, min_days = ?5, max_days = ?6,
                            pieces_per_unit = ?7, updated_at = ?8 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    name,
                    product.category.trim(),
                    product.ready_to_ship,
                    product.min_days,
                    product.max_days,
                    product.pieces_per_unit,
                    now
                ])?;
            if changed == 0 {
                return Err(Error::NotFound { what: format!("product {id}") });
            }
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO products (name, category, ready_to_ship, min_days, max_days, pieces_per_unit,
                                       created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                name,
                product.category.trim(),
                product.ready_to_ship,
                product.min_days,
                product.max_days,
                product.pieces_per_unit,
                now
            ])?;
            Ok(tx.last_insert_rowid())
        }
    }
}

pub(crate) fn delete_product(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM products WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub(super) fn profile_of(product: &ProductProfile) -> Profile {
    Profile {
        ready_to_ship: product.ready_to_ship,
        min_days: product.min_days,
        max_days: product.max_days,
        pieces_per_unit: product.pieces_per_unit,
    }
}

/// A product by exact name, else by a unique part of its name (case-insensitive).
pub(super) fn find_product(list: &[ProductProfile], wanted: &str) -> Result<ProductProfile> {
    let wanted_lower = wanted.trim().to_lowercase();
    if let Some(p) = list.iter().find(|p| p.name.to_lowercase() == wanted_lower) {
        return Ok(p.clone());
    }
    let matches: Vec<&ProductProfile> =
        list.iter().filter(|p| p.name.to_lowercase().contains(&wanted_lower)).collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::NotFound { what: format!("product {wanted:?}") }),
        many => Err(invalid(format!(
            "{wanted:?} matches several products: {}",
            many.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

// capacity overrides

pub(crate) fn overrides(tx: &Transaction<'_>) -> Result<Vec<CapacityOverride>> {
    let mut stmt = tx.prepare_cached("SELECT date, pieces FROM capacity_overrides ORDER BY date")?;
    let rows = stmt.query_map([], |row| Ok(CapacityOverride { date: row.get(0)?, pieces: row.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `None` removes the override.
pub(crate) fn set_override(tx: &Transaction<'_>, date: &str, pieces: Option<u32>) -> Result<()> {
    parse_day(date)?;
    match pieces {
        Some(pieces) => tx
            .prepare_cached(
                "INSERT INTO capacity_overrides (date, pieces) VALUES (?1, ?2)
                 ON CONFLICT (date) DO UPDATE SET pieces = excluded.pieces",
            )?
            .execute(params![date, pieces])?,
        None => tx.prepare_cached("DELETE FROM capacity_overrides WHERE date = ?1")?.execute([date])?,
    };
    Ok(())
}

// seasonal deadlines

pub(crate) fn deadlines(tx: &Transaction<'_>) -> Result<Vec<SeasonalDeadline>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, name, event_date, delivery_days FROM seasonal_deadlines ORDER BY event_date, id",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, event_date, json) = row?;
        let days: HashMap<String, u32> = serde_json::from_str(&json)?;
        let mut methods: Vec<MethodDays> =
            days.into_iter().map(|(method, days)| MethodDays { method, days }).collect();
        // Slowest first: the first date in the list is the first to pass.
        methods.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.method.cmp(&b.method)));
        out.push(SeasonalDeadline { id: Some(id), name, event_date, methods });
    }
    Ok(out)
}

pub(crate) fn save_deadline(
    tx: &Transaction<'_>,
    deadline: &SeasonalDeadline,
    now: UnixSeconds,
) -> Result<i64> {
    let name = deadline.name.trim();
    if name.is_empty() {
        return Err(invalid("a seasonal deadline needs a name"));
    }
    parse_day(&deadline.event_date)?;
    let mut days = serde_json::Map::new();
    for method in &deadline.methods {
        let label = method.method.trim();
        if label.is_empty() || method.days > 365 {
            return Err(invalid("each delivery method needs a name and at most 365 days"));
        }
        days.insert(label.to_string(), method.days.into());
    }
    let json = serde_json::Value::Object(days).to_string();
    match deadline.id {
        Some(id) => {
            let changed = tx
                .prepare_cached(
                    "UPDATE seasonal_deadlines SET name = ?2, event_date = ?3, delivery_days = ?4 WHERE id = ?1",
                )?
                .execute(params![id, name, deadline.event_date, json])?;
            if changed == 0 {
                return Err(Error::NotFound { what: format!("seasonal deadline {id}") });
            }
            Ok(id)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO seasonal_deadlines (name, event_date, delivery_days, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (name, event_date) DO UPDATE SET delivery_days = excluded.delivery_days",
            )?
            .execute(params![name, deadline.event_date, json, now])?;
            Ok(tx.query_row(
                "SELECT id FROM seasonal_deadlines WHERE name = ?1 AND event_date = ?2",
                params![name, deadline.event_date],
                |row| row.get(0),
            )?)
        }
    }
}

pub(crate) fn delete_deadline(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM seasonal_deadlines WHERE id = ?1")?.execute([id])?;
    Ok(())
}
