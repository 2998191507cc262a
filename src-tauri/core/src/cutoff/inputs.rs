//! The engine's inputs read from SQLite in one transaction: the shop calendar and the bookings of
//! open orders. Bookings are not stored: they derive from open orders' items every time (see
//! `capacity.rs` for the rule), so cancelling or finishing an order frees its capacity at once.

use std::collections::HashMap;

use jiff::Timestamp;
use rusqlite::Transaction;

use super::calendar::{DayHours, ShopCalendar};
use super::capacity::{Booking, Ledger, plan};
use super::days::Day;
use super::promise::Profile;
use super::tables::{load_settings, parse_time, products, profile_of, timestamp, zone};
use crate::Result;
use crate::cutoff::{CalendarSettings, ProductProfile};
use crate::vocabulary::UnixSeconds;

/// Order stages that book capacity.
pub(super) const BOOKING_STAGES: &str = "('agreed', 'paid', 'in_production')";

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
pub(super) struct OrderLoad {
    pub(super) profile: Option<Profile>,
    pub(super) pieces: u32,
    pub(super) units: u32,
}

pub(super) fn order_load<'a>(
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

pub(super) struct OrderRow {
    pub(super) id: i64,
    pub(super) stage: String,
    pub(super) created_at: UnixSeconds,
    pub(super) due_date: Option<String>,
    pub(super) items: Vec<(String, Option<i64>, u32)>,
}

pub(super) fn order_rows(tx: &Transaction<'_>, filter: &str, param: Option<i64>) -> Result<Vec<OrderRow>> {
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

pub(super) fn indexes(
    products: &[ProductProfile],
) -> (HashMap<String, &ProductProfile>, HashMap<i64, &ProductProfile>) {
    let by_name = products.iter().map(|p| (p.name.to_lowercase(), p)).collect();
    let by_id = products.iter().filter_map(|p| p.id.map(|id| (id, p))).collect();
    (by_name, by_id)
}

pub(super) fn bookings_of(rows: &[OrderRow], products: &[ProductProfile]) -> Result<Vec<Booking>> {
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
