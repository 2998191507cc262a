//! The shop calendar in SQLite (tables of migrations 0002 and 0007) and the engine's questions
//! answered from it. Bookings are not stored: they derive from open orders' items every time
//! (see `capacity.rs` for the rule), so cancelling or finishing an order frees its capacity at once.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Time;
use jiff::tz::TimeZone;
use rusqlite::{Transaction, params};

use super::calendar::{DayHours, ShopCalendar};
use super::capacity::{Booking, Ledger, plan};
use super::countdown::countdown;
use super::days::Day;
use super::deadlines::{DeliveryDays, last_order_day};
use super::holidays;
use super::notice::{DeadlineDays, cutoff_variables, deadline_notice, deadline_passed_notice};
use super::promise::{Profile, Promise, feasibility, promise, ship_dates};
use crate::model::{
    CalendarSettings, CapacityDay, CapacityOverride, ClosedDate, ClosedDayKind, CountdownView, CutoffBanner,
    DeadlineView, FeasibilityView, Language, LastOrderDayView, MethodDays, OrderPromise, ProductProfile,
    PromiseView, SeasonalDeadline, UnixSeconds, WorkingDay,
};
use crate::{Error, Result};

/// A deadline shows in the banner from this many days before its first last-order day.
const BANNER_DEADLINE_DAYS: i32 = 21;
/// Order stages that book capacity.
const BOOKING_STAGES: &str = "('agreed', 'paid', 'in_production')";

fn invalid(why: impl Into<String>) -> Error {
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

fn clock(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

fn timestamp(at: UnixSeconds) -> Result<Timestamp> {
    Timestamp::from_second(at).map_err(|_| invalid(format!("{at} is not a time")))
}

fn zone(name: Option<&str>) -> Result<TimeZone> {
    match name {
        Some(name) => TimeZone::get(name).map_err(|_| invalid(format!("{name:?} is not a known time zone"))),
        None => Ok(TimeZone::system()),
    }
}

// ---------------------------------------------------------------- settings

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

// ---------------------------------------------------------------- closed dates

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

// ---------------------------------------------------------------- products

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

fn profile_of(product: &ProductProfile) -> Profile {
    Profile {
        ready_to_ship: product.ready_to_ship,
        min_days: product.min_days,
        max_days: product.max_days,
        pieces_per_unit: product.pieces_per_unit,
    }
}

/// A product by exact name, else by a unique part of its name (case-insensitive).
fn find_product(list: &[ProductProfile], wanted: &str) -> Result<ProductProfile> {
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

// ---------------------------------------------------------------- capacity overrides

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

// ---------------------------------------------------------------- seasonal deadlines

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

// ---------------------------------------------------------------- the engine's inputs

/// Everything the engine needs, read in one transaction.
pub(crate) struct Snapshot {
    pub calendar: ShopCalendar,
    pub products: Vec<ProductProfile>,
    pub ledger: Ledger,
    pub now: Timestamp,
}

pub(crate) fn calendar(tx: &Transaction<'_>, settings: &CalendarSettings) -> Result<ShopCalendar> {
    let mut calendar = ShopCalendar::new(zone(settings.time_zone.as_deref())?);
    calendar.cutoff = parse_time(&settings.cutoff_time)?;
    calendar.cutoff_day_counts = settings.cutoff_day_counts;
    calendar.works = [false; 7];
    for day in &settings.working_days {
        let i = usize::from(day.weekday - 1);
        calendar.works[i] = true;
        if let (Some(open), Some(close)) = (&day.open, &day.close) {
            calendar.hours[i] = Some(DayHours { open: parse_time(open)?, close: parse_time(close)? });
        }
    }
    calendar.pieces_per_day = settings.pieces_per_day;
    let mut stmt = tx.prepare_cached("SELECT date FROM closed_dates")?;
    for date in stmt.query_map([], |row| row.get::<_, String>(0))? {
        if let Some(day) = Day::parse(&date?) {
            calendar.closed.insert(day);
        }
    }
    let mut stmt = tx.prepare_cached("SELECT date, pieces FROM capacity_overrides")?;
    for row in stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?)))? {
        let (date, pieces) = row?;
        if let Some(day) = Day::parse(&date) {
            calendar.overrides.insert(day, pieces);
        }
    }
    Ok(calendar)
}

/// An order's items as the engine sees them: pieces booked and the combined profile. Items that
/// are not one of the shop's products (shipping lines) count for nothing.
struct OrderLoad {
    profile: Option<Profile>,
    pieces: u32,
    units: u32,
}

fn order_load<'a>(
    by_name: &HashMap<String, &ProductProfile>,
    by_id: &HashMap<i64, &ProductProfile>,
    items: impl Iterator<Item = (&'a str, Option<i64>, u32)>,
) -> OrderLoad {
    let mut load = OrderLoad { profile: None, pieces: 0, units: 0 };
    for (name, product_id, quantity) in items {
        let product =
            product_id.and_then(|id| by_id.get(&id)).or_else(|| by_name.get(&name.trim().to_lowercase()));
        if let Some(product) = product {
            let profile = profile_of(product);
            load.pieces = load.pieces.saturating_add(profile.pieces(quantity));
            load.units += quantity;
            load.profile = Some(load.profile.map_or(profile, |p| p.combine(profile)));
        }
    }
    load
}

struct OrderRow {
    id: i64,
    stage: String,
    created_at: UnixSeconds,
    due_date: Option<String>,
    items: Vec<(String, Option<i64>, u32)>,
}

fn order_rows(tx: &Transaction<'_>, filter: &str, param: Option<i64>) -> Result<Vec<OrderRow>> {
    let sql = format!(
        "SELECT o.id, o.stage, o.created_at, o.due_date, i.product, i.product_id, i.quantity
           FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE {filter}
          ORDER BY o.id, i.position"
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let mut rows = match param {
        Some(p) => stmt.query([p])?,
        None => stmt.query([])?,
    };
    let mut out: Vec<OrderRow> = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let item = (row.get::<_, String>(4)?, row.get::<_, Option<i64>>(5)?, row.get::<_, u32>(6)?);
        match out.last_mut() {
            Some(last) if last.id == id => last.items.push(item),
            _ => out.push(OrderRow {
                id,
                stage: row.get(1)?,
                created_at: row.get(2)?,
                due_date: row.get(3)?,
                items: vec![item],
            }),
        }
    }
    Ok(out)
}

fn indexes(products: &[ProductProfile]) -> (HashMap<String, &ProductProfile>, HashMap<i64, &ProductProfile>) {
    let by_name = products.iter().map(|p| (p.name.to_lowercase(), p)).collect();
    let by_id = products.iter().filter_map(|p| p.id.map(|id| (id, p))).collect();
    (by_name, by_id)
}

fn bookings_of(rows: &[OrderRow], products: &[ProductProfile]) -> Result<Vec<Booking>> {
    let (by_name, by_id) = indexes(products);
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let load = order_load(&by_name, &by_id, row.items.iter().map(|(n, id, q)| (n.as_str(), *id, *q)));
        if load.pieces == 0 {
            continue;
        }
        out.push(Booking {
            order_id: row.id,
            confirmed_at: timestamp(row.created_at)?,
            due: row.due_date.as_deref().and_then(Day::parse),
            pieces: load.pieces,
        });
    }
    Ok(out)
}

pub(crate) fn snapshot(tx: &Transaction<'_>, now: UnixSeconds) -> Result<Snapshot> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let products = products(tx)?;
    let now = timestamp(now)?;
    let rows = order_rows(tx, &format!("o.stage IN {BOOKING_STAGES}"), None)?;
    let ledger = plan(&calendar, &bookings_of(&rows, &products)?, now);
    Ok(Snapshot { calendar, products, ledger, now })
}

// ---------------------------------------------------------------- the engine's answers

fn promise_view(product: &str, quantity: u32, promise: &Promise) -> PromiseView {
    PromiseView {
        product: product.to_string(),
        quantity,
        pieces: promise.pieces,
        starts_on: promise.starts_on.iso(),
        ship_earliest: promise.ship_earliest.iso(),
        ship_latest: promise.ship_latest.iso(),
        made_by: promise.made_by.map(Day::iso),
    }
}

fn check_quantity(quantity: u32) -> Result<()> {
    if quantity == 0 || quantity > 100_000 {
        return Err(invalid("the quantity must be between 1 and 100000"));
    }
    Ok(())
}

pub(crate) fn promise_for(
    tx: &Transaction<'_>,
    product: &str,
    quantity: u32,
    confirmed_at: UnixSeconds,
    now: UnixSeconds,
) -> Result<PromiseView> {
    check_quantity(quantity)?;
    let snap = snapshot(tx, now)?;
    let found = find_product(&snap.products, product)?;
    let promise =
        promise(&snap.calendar, &snap.ledger, profile_of(&found), quantity, timestamp(confirmed_at)?)?;
    Ok(promise_view(&found.name, quantity, &promise))
}

pub(crate) fn feasibility_for(
    tx: &Transaction<'_>,
    product: &str,
    quantity: u32,
    due_date: &str,
    confirmed_at: UnixSeconds,
    now: UnixSeconds,
) -> Result<FeasibilityView> {
    check_quantity(quantity)?;
    let due = parse_day(due_date)?;
    let snap = snapshot(tx, now)?;
    let found = find_product(&snap.products, product)?;
    let answer = feasibility(
        &snap.calendar,
        &snap.ledger,
        profile_of(&found),
        quantity,
        timestamp(confirmed_at)?,
        due,
    )?;
    Ok(FeasibilityView {
        due_date: due.iso(),
        feasible: answer.feasible,
        earliest: answer.promise.ship_earliest.iso(),
        fits_by_due: answer.fits_by_due,
        promise: promise_view(&found.name, quantity, &answer.promise),
    })
}

fn countdown_view(calendar: &ShopCalendar, now: Timestamp) -> Option<CountdownView> {
    let c = countdown(calendar, now)?;
    Some(CountdownView {
        cutoff_at: c.cutoff_at.as_second(),
        cutoff_date: c.cutoff_day.iso(),
        cutoff_time: clock(calendar.day_cutoff(c.cutoff_day)),
        minutes_left: u32::try_from(c.minutes_left).unwrap_or(u32::MAX),
        today: c.today,
        starts_on: c.starts_on.iso(),
        then_starts_on: c.then_starts_on.iso(),
    })
}

pub(crate) fn countdown_for(tx: &Transaction<'_>, now: UnixSeconds) -> Result<Option<CountdownView>> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    Ok(countdown_view(&calendar, timestamp(now)?))
}

/// Upcoming deadlines (event today or later) with each method's last day to order, for a
/// product's processing time or the shop's default.
fn deadline_views(
    tx: &Transaction<'_>,
    calendar: &ShopCalendar,
    processing_days: u32,
    today: Day,
) -> Result<Vec<DeadlineView>> {
    let mut out = Vec::new();
    for deadline in deadlines(tx)? {
        let Some(event) = Day::parse(&deadline.event_date) else { continue };
        if event < today {
            continue;
        }
        let methods = deadline
            .methods
            .iter()
            .filter_map(|m| {
                last_order_day(
                    calendar,
                    processing_days,
                    event,
                    &DeliveryDays { method: m.method.clone(), days: m.days },
                )
            })
            .filter(|d| d.order_by >= today)
            .map(|d| LastOrderDayView {
                method: d.method,
                delivery_days: d.days,
                ship_by: d.ship_by.iso(),
                order_by: d.order_by.iso(),
                before: d.before.map(clock),
                days_left: d.order_by.0 - today.0,
            })
            .collect();
        out.push(DeadlineView {
            id: deadline.id.unwrap_or_default(),
            name: deadline.name,
            event_date: deadline.event_date,
            methods,
        });
    }
    Ok(out)
}

pub(crate) fn deadlines_for(
    tx: &Transaction<'_>,
    product: Option<&str>,
    now: UnixSeconds,
) -> Result<Vec<DeadlineView>> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let days = match product {
        Some(name) => find_product(&products(tx)?, name)?.max_days,
        None => settings.default_max_days,
    };
    let today = calendar.local(timestamp(now)?).0;
    deadline_views(tx, &calendar, days, today)
}

pub(crate) fn banner(tx: &Transaction<'_>, now: UnixSeconds) -> Result<CutoffBanner> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let now = timestamp(now)?;
    let today = calendar.local(now).0;
    let deadline = deadline_views(tx, &calendar, settings.default_max_days, today)?
        .into_iter()
        .find(|d| d.methods.iter().any(|m| m.days_left <= BANNER_DEADLINE_DAYS));
    Ok(CutoffBanner { today: today.iso(), countdown: countdown_view(&calendar, now), deadline })
}

pub(crate) fn capacity_calendar(
    tx: &Transaction<'_>,
    from: &str,
    to: &str,
    now: UnixSeconds,
) -> Result<Vec<CapacityDay>> {
    let (first, last) = (parse_day(from)?, parse_day(to)?);
    if last < first || last.0 - first.0 > 400 {
        return Err(invalid("the range must go forward and span at most 400 days"));
    }
    let snap = snapshot(tx, now)?;
    let closed: HashMap<String, ClosedDate> =
        closed_dates(tx, from, to)?.into_iter().map(|c| (c.date.clone(), c)).collect();
    Ok((first.0..=last.0)
        .map(|n| {
            let day = Day(n);
            let date = day.iso();
            CapacityDay {
                weekday: day.weekday_index() as u8 + 1,
                open: snap.calendar.is_production_day(day),
                closed: closed.get(&date).cloned(),
                capacity: snap.calendar.capacity(day),
                booked: snap.ledger.booked(day),
                date,
            }
        })
        .collect())
}

/// The promised dates of a conversation's orders (or all open ones with `None`): booked orders
/// where the plan put them, inquiries as if confirmed now after every booking.
pub(crate) fn order_promises(
    tx: &Transaction<'_>,
    conversation_id: Option<i64>,
    now: UnixSeconds,
) -> Result<Vec<OrderPromise>> {
    let snap = snapshot(tx, now)?;
    let rows = match conversation_id {
        Some(id) => order_rows(tx, "o.conversation_id = ?1", Some(id))?,
        None => order_rows(tx, &format!("o.stage IN {BOOKING_STAGES} OR o.stage = 'inquiry'"), None)?,
    };
    let (by_name, by_id) = indexes(&snap.products);
    let mut out = Vec::new();
    for row in rows {
        let booked = matches!(row.stage.as_str(), "agreed" | "paid" | "in_production");
        if !booked && row.stage != "inquiry" {
            continue;
        }
        let load = order_load(&by_name, &by_id, row.items.iter().map(|(n, id, q)| (n.as_str(), *id, *q)));
        let Some(profile) = load.profile else { continue };
        let due = row.due_date.as_deref().and_then(Day::parse);
        let promise = match snap.ledger.placed.get(&row.id).filter(|_| booked) {
            Some(placement) => {
                ship_dates(&snap.calendar, profile, placement.start, placement.last_day, load.pieces)?
            }
            None if booked => {
                // Books nothing (stock only): processing time from its first production day.
                let start = snap.calendar.start_day(timestamp(row.created_at)?).unwrap_or(snap.ledger.first);
                ship_dates(&snap.calendar, profile, start.max(snap.ledger.first), None, 0)?
            }
            None => promise(&snap.calendar, &snap.ledger, profile, load.units, snap.now)?,
        };
        // For an inquiry, how many units would ship by its date.
        let (feasible, fits) = match due {
            Some(due) if !booked => {
                let answer = feasibility(&snap.calendar, &snap.ledger, profile, load.units, snap.now, due)?;
                (Some(answer.feasible), Some(answer.fits_by_due))
            }
            Some(due) => (Some(promise.ship_earliest <= due), None),
            None => (None, None),
        };
        out.push(OrderPromise {
            order_id: row.id,
            due_date: row.due_date.clone(),
            booked,
            ship_earliest: promise.ship_earliest.iso(),
            ship_latest: promise.ship_latest.iso(),
            feasible,
            fits_by_due: fits,
            units: load.units,
        });
    }
    Ok(out)
}

/// The `cutoff.*` variables of saved answers, in a language.
pub(crate) fn variables(
    tx: &Transaction<'_>,
    language: Language,
    now: UnixSeconds,
) -> Result<Vec<(String, String)>> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let now = timestamp(now)?;
    let today = calendar.local(now).0;
    let countdown = countdown(&calendar, now);
    let mut days = Vec::new();
    let mut names = Vec::new();
    // The notice names the first near event it can still promise (as the banner does), after a
    // near one it no longer reaches, so nobody assumes Christmas still works.
    let (mut passed_event, mut open_event) = (None, None);
    for deadline in deadlines(tx)? {
        let Some(event) = Day::parse(&deadline.event_date) else { continue };
        if event < today {
            continue;
        }
        let all: Vec<_> = deadline
            .methods
            .iter()
            .filter_map(|m| {
                last_order_day(
                    &calendar,
                    settings.default_max_days,
                    event,
                    &DeliveryDays { method: m.method.clone(), days: m.days },
                )
            })
            .collect();
        let list: Vec<_> = all.iter().filter(|d| d.order_by >= today).cloned().collect();
        if open_event.is_none() {
            match (list.iter().map(|d| d.order_by).min(), all.iter().map(|d| d.order_by).max()) {
                (Some(first), _) if first.0 - today.0 <= BANNER_DEADLINE_DAYS => {
                    open_event = Some(deadline_notice(language, &deadline.name, &list));
                }
                (None, Some(last)) if passed_event.is_none() && event.0 - today.0 <= BANNER_DEADLINE_DAYS => {
                    passed_event = Some(deadline_passed_notice(language, &deadline.name, last));
                }
                _ => {}
            }
        }
        names.push(deadline.name);
        days.push(list);
    }
    let cutoff = countdown.map_or(calendar.cutoff, |c| calendar.day_cutoff(c.cutoff_day));
    let deadline_days: Vec<DeadlineDays<'_>> =
        names.iter().zip(&days).map(|(name, days)| DeadlineDays { name, days }).collect();
    let mut vars = cutoff_variables(language, countdown.as_ref(), today, cutoff, &deadline_days);
    // Near an event, the pasted cut-off notice also says the last day to order for it.
    if let Some((_, notice)) = vars.iter_mut().find(|(name, _)| name == "cutoff.notice") {
        for event in [passed_event, open_event].into_iter().flatten() {
            notice.push(' ');
            notice.push_str(&event);
        }
    }
    Ok(vars)
}
