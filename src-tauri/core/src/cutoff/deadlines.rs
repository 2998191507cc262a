//! Seasonal deadlines: an event (Christmas, Mother's Day, a fair) and the days each delivery
//! method needs before it give the last day to order.

use jiff::Timestamp;
use jiff::civil::Time;

use super::calendar::{HORIZON_DAYS, ShopCalendar};
use super::days::Day;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryDays {
    pub method: String,
    /// Calendar days the method needs: the parcel must leave the shop on or before
    /// `event - days` (a production day).
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastOrderDay {
    pub method: String,
    pub days: u32,
    /// The last production day the parcel can leave.
    pub ship_by: Day,
    /// The last day to confirm an order.
    pub order_by: Day,
    /// On a production day, before its cut-off; on any other day, at any time.
    pub before: Option<Time>,
}

/// The last day to confirm an order of the given processing time (production days, the slow end
/// of the profile, without capacity: capacity changes with every order) so that it ships in time
/// for `event` by this method. `None` when no day works (the event is too close or in the past).
pub fn last_order_day(
    calendar: &ShopCalendar,
    processing_days: u32,
    event: Day,
    delivery: &DeliveryDays,
) -> Option<LastOrderDay> {
    let latest_departure = event.plus(-(delivery.days.min(HORIZON_DAYS as u32) as i32));
    let ship_by = calendar.production_day_until(latest_departure)?;
    // The earliest moment of a day is the best one to order at (jiff finds it even when a
    // daylight-saving change skips midnight).
    for back in 0..HORIZON_DAYS {
        let day = ship_by.plus(-back);
        let first_instant = day
            .to_date()
            .to_zoned_datetime(calendar.time_zone.clone())
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::MIN);
        let start = calendar.start_day(first_instant)?;
        let ships = calendar.advance(start, processing_days)?;
        if ships <= ship_by {
            let before = calendar.is_production_day(day).then(|| calendar.day_cutoff(day));
            return Some(LastOrderDay {
                method: delivery.method.clone(),
                days: delivery.days,
                ship_by,
                order_by: day,
                before,
            });
        }
    }
    None
}
