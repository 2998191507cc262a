//! Cut-off notices and capacity: honest dates for every order.
//!
//! The engine is pure: a [`ShopCalendar`] (zone, working days, cut-off, closed dates, capacity),
//! the open orders' [`Booking`]s and the time, passed in, give ship-by dates ([`promise`]),
//! "can I make N by then?" ([`feasibility`]), the cut-off [`countdown`] and the last day to
//! order for each seasonal deadline ([`last_order_day`]). Around it: `tables` reads and writes the
//! calendar as the seller edits it, `inputs` loads what the engine needs in one transaction, and
//! `views` turns the engine's answers into what the UI and saved answers show.

pub mod calendar;
pub mod capacity;
pub mod countdown;
pub mod days;
pub mod deadlines;
pub mod holidays;
pub(crate) mod inputs;
pub mod notice;
pub mod promise;
pub(crate) mod tables;
mod types;
pub(crate) mod views;

#[cfg(test)]
mod tests;

pub use calendar::{DayHours, HORIZON_DAYS, ShopCalendar};
pub use capacity::{Booking, Ledger, Placement, plan};
pub use countdown::{Countdown, countdown};
pub use days::Day;
pub use deadlines::{DeliveryDays, LastOrderDay, last_order_day};
pub use notice::cutoff_variables;
pub use promise::{Feasibility, Profile, Promise, feasibility, promise, ship_dates};
pub use types::*;

use crate::vocabulary::{Language, UnixSeconds};
use crate::{Mostrador, Result};

impl Mostrador {
    pub fn calendar_settings(&self) -> Result<CalendarSettings> {
        self.read(tables::load_settings)
    }

    pub fn save_calendar_settings(&self, settings: &CalendarSettings) -> Result<()> {
        self.write(|tx| tables::save_settings(tx, settings))
    }

    /// Closed dates between two `YYYY-MM-DD` dates, inclusive.
    pub fn closed_dates(&self, from: &str, to: &str) -> Result<Vec<ClosedDate>> {
        self.read(|tx| tables::closed_dates(tx, from, to))
    }

    /// Adds or replaces a closed date (holiday, vacation, one-off).
    pub fn save_closed_date(&self, closed: &ClosedDate) -> Result<()> {
        self.write(|tx| tables::save_closed_date(tx, closed))
    }

    pub fn delete_closed_date(&self, date: &str) -> Result<()> {
        self.write(|tx| tables::delete_closed_date(tx, date))
    }

    /// Adds a country's public holidays for a year (AR, BR, CL, CO, MX, PE, UY, ES, US), keeping
    /// dates already set; returns how many were added.
    pub fn apply_holiday_preset(&self, country: &str, year: i32) -> Result<u32> {
        self.write(|tx| tables::apply_holiday_preset(tx, country, year))
    }

    pub fn products(&self) -> Result<Vec<ProductProfile>> {
        self.read(tables::products)
    }

    /// Creates (no id) or updates a product with its processing profile; returns its id.
    pub fn save_product(&self, product: &ProductProfile, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| tables::save_product(tx, product, now))
    }

    pub fn delete_product(&self, product_id: i64) -> Result<()> {
        self.write(|tx| tables::delete_product(tx, product_id))
    }

    pub fn capacity_overrides(&self) -> Result<Vec<CapacityOverride>> {
        self.read(tables::overrides)
    }

    /// Sets a day's capacity in pieces; `None` goes back to the shop's default.
    pub fn set_capacity_override(&self, date: &str, pieces: Option<u32>) -> Result<()> {
        self.write(|tx| tables::set_override(tx, date, pieces))
    }

    pub fn seasonal_deadlines(&self) -> Result<Vec<SeasonalDeadline>> {
        self.read(tables::deadlines)
    }

    pub fn save_seasonal_deadline(&self, deadline: &SeasonalDeadline, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| tables::save_deadline(tx, deadline, now))
    }

    pub fn delete_seasonal_deadline(&self, deadline_id: i64) -> Result<()> {
        self.write(|tx| tables::delete_deadline(tx, deadline_id))
    }

    /// Ship-by dates for `quantity` of a product (exact name or a unique part of it) confirmed at
    /// `confirmed_at`, after the open orders' bookings.
    pub fn promise(
        &self,
        product: &str,
        quantity: u32,
        confirmed_at: UnixSeconds,
        now: UnixSeconds,
    ) -> Result<PromiseView> {
        self.read(|tx| views::promise_for(tx, product, quantity, confirmed_at, now))
    }

    /// "Can I make `quantity` by `due_date`?": yes, or no with the earliest date and how many fit.
    pub fn feasibility(
        &self,
        product: &str,
        quantity: u32,
        due_date: &str,
        confirmed_at: UnixSeconds,
        now: UnixSeconds,
    ) -> Result<FeasibilityView> {
        self.read(|tx| views::feasibility_for(tx, product, quantity, due_date, confirmed_at, now))
    }

    /// The next cut-off and what an order confirmed before and after it starts on.
    pub fn cutoff_countdown(&self, now: UnixSeconds) -> Result<Option<CountdownView>> {
        self.read(|tx| views::countdown_for(tx, now))
    }

    /// Upcoming seasonal deadlines with the last day to order per delivery method, for a
    /// product's processing time (or the shop's default).
    pub fn upcoming_deadlines(&self, product: Option<&str>, now: UnixSeconds) -> Result<Vec<DeadlineView>> {
        self.read(|tx| views::deadlines_for(tx, product, now))
    }

    /// The inbox banner: today's countdown and the next deadline when near.
    pub fn cutoff_banner(&self, now: UnixSeconds) -> Result<CutoffBanner> {
        self.read(|tx| views::banner(tx, now))
    }

    /// Capacity and bookings per day, `from`–`to` inclusive (at most 400 days).
    pub fn capacity_calendar(&self, from: &str, to: &str, now: UnixSeconds) -> Result<Vec<CapacityDay>> {
        self.read(|tx| views::capacity_calendar(tx, from, to, now))
    }

    /// Promised dates of a conversation's orders (`None`: every open order and inquiry).
    pub fn order_promises(
        &self,
        conversation_id: Option<i64>,
        now: UnixSeconds,
    ) -> Result<Vec<OrderPromise>> {
        self.read(|tx| views::order_promises(tx, conversation_id, now))
    }

    /// Values of the `cutoff.*` saved-answer variables (`cutoff.notice`, `cutoff.next_ship_date`,
    /// `cutoff.last_order_day:<deadline>`), in a language.
    pub fn cutoff_variables(&self, language: Language, now: UnixSeconds) -> Result<Vec<(String, String)>> {
        self.read(|tx| views::variables(tx, language, now))
    }
}
