//! Ship-by dates for an order, and "can I make N by that date?".

use jiff::Timestamp;

use super::calendar::ShopCalendar;
use super::capacity::{Ledger, finish_day};
use super::days::Day;
use crate::{Error, Result};

/// How long a product takes, in production days (Etsy's processing profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// In stock: books no capacity, ships `min_days`–`max_days` (0–1) after it is registered.
    pub ready_to_ship: bool,
    pub min_days: u32,
    pub max_days: u32,
    /// Capacity one unit takes.
    pub pieces_per_unit: u32,
}

impl Profile {
    pub fn made_to_order(min_days: u32, max_days: u32) -> Profile {
        Profile { ready_to_ship: false, min_days, max_days: max_days.max(min_days), pieces_per_unit: 1 }
    }

    pub fn ready(max_days: u32) -> Profile {
        Profile { ready_to_ship: true, min_days: 0, max_days: max_days.min(1), pieces_per_unit: 0 }
    }

    /// Pieces of capacity `quantity` units book.
    pub fn pieces(&self, quantity: u32) -> u32 {
        if self.ready_to_ship { 0 } else { quantity.saturating_mul(self.pieces_per_unit) }
    }

    /// The profile of an order with several items: the slowest of each bound.
    pub fn combine(self, other: Profile) -> Profile {
        Profile {
            ready_to_ship: self.ready_to_ship && other.ready_to_ship,
            min_days: self.min_days.max(other.min_days),
            max_days: self.max_days.max(other.max_days),
            pieces_per_unit: self.pieces_per_unit.max(other.pieces_per_unit),
        }
    }
}

/// When an order ships: never before `min_days` production days after it starts nor before the
/// production day after its last piece is made; at the latest `max_days` after it starts (or the
/// earliest, when capacity pushes it further).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    pub starts_on: Day,
    pub ship_earliest: Day,
    pub ship_latest: Day,
    /// The last day with pieces of this order; `None` when it books none.
    pub made_by: Option<Day>,
    pub pieces: u32,
}

fn too_far() -> Error {
    Error::InvalidInput("the shop calendar has no production day for this within three years".into())
}

/// The promise for an order whose first production day is `start` and whose pieces end on
/// `made_by`.
pub fn ship_dates(
    calendar: &ShopCalendar,
    profile: Profile,
    start: Day,
    made_by: Option<Day>,
    pieces: u32,
) -> Result<Promise> {
    let by_processing = calendar.advance(start, profile.min_days).ok_or_else(too_far)?;
    let by_capacity = match made_by {
        Some(day) => Some(calendar.production_day_from(day.plus(1)).ok_or_else(too_far)?),
        None => None,
    };
    let ship_earliest = by_processing.max(by_capacity.unwrap_or(by_processing));
    let ship_latest = calendar.advance(start, profile.max_days).ok_or_else(too_far)?.max(ship_earliest);
    Ok(Promise { starts_on: start, ship_earliest, ship_latest, made_by, pieces })
}

/// The ship-by dates for `quantity` units confirmed at `confirmed_at`, after what the ledger holds.
pub fn promise(
    calendar: &ShopCalendar,
    ledger: &Ledger,
    profile: Profile,
    quantity: u32,
    confirmed_at: Timestamp,
) -> Result<Promise> {
    let start = calendar.start_day(confirmed_at).ok_or_else(too_far)?.max(ledger.first);
    let pieces = profile.pieces(quantity);
    let made_by = finish_day(calendar, ledger, start, pieces).ok_or_else(too_far)?;
    ship_dates(calendar, profile, start, made_by, pieces)
}

/// "Can I make 15 by Friday?"
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feasibility {
    pub due: Day,
    pub feasible: bool,
    /// The promise for the whole quantity: its `ship_earliest` is the earliest feasible date.
    pub promise: Promise,
    /// How many units would ship by `due` (the whole quantity when feasible).
    pub fits_by_due: u32,
}

pub fn feasibility(
    calendar: &ShopCalendar,
    ledger: &Ledger,
    profile: Profile,
    quantity: u32,
    confirmed_at: Timestamp,
    due: Day,
) -> Result<Feasibility> {
    let whole = promise(calendar, ledger, profile, quantity, confirmed_at)?;
    if whole.ship_earliest <= due {
        return Ok(Feasibility { due, feasible: true, promise: whole, fits_by_due: quantity });
    }
    // More units never ship earlier, so the count that fits is found by bisection.
    let ships_by_due = |n: u32| -> bool {
        promise(calendar, ledger, profile, n, confirmed_at).is_ok_and(|p| p.ship_earliest <= due)
    };
    let (mut low, mut high) = (0_u32, quantity);
    while low < high {
        let mid = low + (high - low).div_ceil(2);
        if ships_by_due(mid) { low = mid } else { high = mid - 1 }
    }
    // Even one unit may be too late because of processing time alone: then none fit.
    let fits = if low >= 1 && ships_by_due(low) { low } else { 0 };
    Ok(Feasibility { due, feasible: false, promise: whole, fits_by_due: fits })
}
