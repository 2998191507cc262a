//! Cut-off notices and capacity: honest dates for every order.
//!
//! The engine is pure: a [`ShopCalendar`] (zone, working days, cut-off, closed dates, capacity),
//! the open orders' [`Booking`]s and the time, passed in, give ship-by dates ([`promise`]),
//! "can I make N by then?" ([`feasibility`]), the cut-off [`countdown`] and the last day to
//! order for each seasonal deadline ([`last_order_day`]). `store` reads and writes the calendar
//! for the facade on [`crate::Mostrador`].

pub mod calendar;
pub mod capacity;
pub mod countdown;
pub mod days;
pub mod deadlines;
pub mod holidays;
pub mod notice;
pub mod promise;
pub(crate) mod store;

#[cfg(test)]
mod tests;

pub use calendar::{DayHours, HORIZON_DAYS, ShopCalendar};
pub use capacity::{Booking, Ledger, Placement, plan};
pub use countdown::{Countdown, countdown};
pub use days::Day;
pub use deadlines::{DeliveryDays, LastOrderDay, last_order_day};
pub use notice::cutoff_variables;
pub use promise::{Feasibility, Profile, Promise, feasibility, promise, ship_dates};
