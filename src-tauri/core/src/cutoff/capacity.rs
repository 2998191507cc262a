//! Booked capacity: which pieces of which day the open orders already take.
//!
//! The rule (documented in the user guide too):
//! - Orders that are agreed, paid or in production book capacity; inquiries do not (nothing is
//!   promised yet), and ready, shipped, delivered, picked-up and cancelled orders free theirs.
//! - Each order books the pieces of its items that are made to order (quantity × pieces per unit
//!   of the matching product); stock (ready to ship) and lines that are not products (shipping)
//!   book nothing.
//! - An order with a due date is planned backwards from the last production day before it ships,
//!   as late as its date allows, so the near days stay free for urgent orders without moving any
//!   promise; what does not fit before its date spills forward from its first production day.
//!   Orders are planned earliest due date first; orders without a due date then follow in the order
//!   they were confirmed, forward from their first production day.
//! - Nothing is planned before the first production day of an order confirmed now: the past is
//!   done, and today's work was decided at the cut-off.
//!
//! A day never gets more pieces than its capacity: every step takes only what is free.

use std::collections::HashMap;

use jiff::Timestamp;

use super::calendar::{HORIZON_DAYS, ShopCalendar};
use super::days::Day;

/// An open order's claim on capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub order_id: i64,
    pub confirmed_at: Timestamp,
    /// The date it must ship by.
    pub due: Option<Day>,
    pub pieces: u32,
}

/// Pieces booked per day from `first` on, and where each order landed.
#[derive(Debug, Clone)]
pub struct Ledger {
    /// The first day anything can be planned on.
    pub first: Day,
    booked: Vec<u32>,
    /// Per order: the last day it has pieces on (`None`: it books no pieces) and the pieces that
    /// found no room within the horizon.
    pub placed: HashMap<i64, Placement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub start: Day,
    pub last_day: Option<Day>,
    pub unplaced: u32,
}

impl Ledger {
    pub fn empty(first: Day) -> Ledger {
        Ledger { first, booked: vec![0; HORIZON_DAYS as usize], placed: HashMap::new() }
    }

    pub fn booked(&self, day: Day) -> u32 {
        self.index(day).map_or(0, |i| self.booked[i])
    }

    /// What is still free on `day` (`u32::MAX` when the shop does not plan by capacity).
    pub fn free(&self, calendar: &ShopCalendar, day: Day) -> u32 {
        if day < self.first {
            return 0;
        }
        match calendar.capacity(day) {
            Some(capacity) => capacity.saturating_sub(self.booked(day)),
            None if calendar.is_production_day(day) => u32::MAX,
            None => 0,
        }
    }

    fn index(&self, day: Day) -> Option<usize> {
        let offset = day.0 - self.first.0;
        (0..HORIZON_DAYS).contains(&offset).then_some(offset as usize)
    }

    fn take(&mut self, calendar: &ShopCalendar, day: Day, wanted: u32) -> u32 {
        let taken = wanted.min(self.free(calendar, day));
        if taken > 0
            && let Some(i) = self.index(day)
        {
            self.booked[i] = self.booked[i].saturating_add(taken);
        }
        taken
    }

    /// Books `pieces` forward from `start`; returns the last day used and what did not fit.
    fn book_forward(&mut self, calendar: &ShopCalendar, start: Day, pieces: u32) -> (Option<Day>, u32) {
        let mut left = pieces;
        let mut last = None;
        let mut day = start.max(self.first);
        while left > 0 && self.index(day).is_some() {
            let taken = self.take(calendar, day, left);
            if taken > 0 {
                left -= taken;
                last = Some(day);
            }
            day = day.plus(1);
        }
        (last, left)
    }
}

/// Plans every open order on the calendar as seen at `now` (see the module's rule).
pub fn plan(calendar: &ShopCalendar, bookings: &[Booking], now: Timestamp) -> Ledger {
    let first = calendar.start_day(now).unwrap_or(calendar.local(now).0);
    let mut ledger = Ledger::empty(first);
    let mut order: Vec<&Booking> = bookings.iter().collect();
    // Dated orders first, earliest due date first; then undated ones as they were confirmed.
    order.sort_by_key(|b| (b.due.is_none(), b.due, b.confirmed_at, b.order_id));
    for booking in order {
        let start = calendar.start_day(booking.confirmed_at).unwrap_or(first).max(first);
        let mut left = booking.pieces;
        let mut last = None;
        if let Some(due) = booking.due {
            // Work ends the production day before it ships.
            let ship = calendar.production_day_until(due);
            let mut day = ship.and_then(|s| calendar.production_day_until(s.plus(-1)));
            while left > 0
                && let Some(d) = day
                && d >= start
            {
                let taken = ledger.take(calendar, d, left);
                if taken > 0 {
                    left -= taken;
                    last = last.max(Some(d));
                }
                day = calendar.production_day_until(d.plus(-1));
            }
        }
        let (forward_last, unplaced) = ledger.book_forward(calendar, start, left);
        let last_day = last.max(forward_last);
        ledger.placed.insert(booking.order_id, Placement { start, last_day, unplaced });
    }
    ledger
}

/// The last day the next `pieces` would be made on, starting at `start`, without booking them;
/// `None` when they do not fit within the horizon. Zero pieces need no day: `Some(None)`.
pub fn finish_day(calendar: &ShopCalendar, ledger: &Ledger, start: Day, pieces: u32) -> Option<Option<Day>> {
    if pieces == 0 {
        return Some(None);
    }
    let mut left = pieces;
    let mut day = start.max(ledger.first);
    let end = ledger.first.plus(HORIZON_DAYS);
    while day < end {
        let free = ledger.free(calendar, day);
        if free >= left {
            return Some(Some(day));
        }
        left -= free;
        day = day.plus(1);
    }
    None
}

/// Books one more order on a ledger (used to answer "and after this one?" and in the tests).
pub fn book(
    calendar: &ShopCalendar,
    ledger: &mut Ledger,
    order_id: i64,
    start: Day,
    pieces: u32,
) -> Placement {
    let (last_day, unplaced) = ledger.book_forward(calendar, start, pieces);
    let placement = Placement { start: start.max(ledger.first), last_day, unplaced };
    ledger.placed.insert(order_id, placement);
    placement
}
