//! The shop calendar and the cut-off engine's answers as the UI reads and edits them. Dates are
//! `YYYY-MM-DD` and times `HH:MM`, in the shop's time zone.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::UnixSeconds;
use crate::vocabulary::text_enum;

text_enum!(
    /// Why the shop is closed on a date.
    ClosedDayKind {
        Holiday = "holiday",
        Vacation = "vacation",
        OneOff = "one_off",
    }
);

/// A weekday the shop works on, with its hours when set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkingDay {
    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub weekday: u8,
    pub open: Option<String>,
    pub close: Option<String>,
}

/// The shop calendar's settings (closed dates, products and deadlines are edited apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarSettings {
    /// IANA zone; `None` follows the system's.
    pub time_zone: Option<String>,
    pub cutoff_time: String,
    /// Whether the day an order is registered on counts as its first production day.
    pub cutoff_day_counts: bool,
    pub working_days: Vec<WorkingDay>,
    /// Pieces a working day; `None` = not planned by capacity.
    pub pieces_per_day: Option<u32>,
    /// Processing time (production days) assumed when no product is named.
    pub default_min_days: u32,
    pub default_max_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosedDate {
    pub date: String,
    pub kind: ClosedDayKind,
    pub reason: String,
}

/// A product and its processing profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProductProfile {
    /// `None` when creating.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// As it appears in order items.
    pub name: String,
    pub category: String,
    /// In stock: ships in `min_days`–`max_days` (0–1), books no capacity.
    pub ready_to_ship: bool,
    pub min_days: u32,
    pub max_days: u32,
    pub pieces_per_unit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CapacityOverride {
    pub date: String,
    pub pieces: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MethodDays {
    /// "Correo Argentino", "Andreani", "Retiro en el taller".
    pub method: String,
    /// Calendar days the parcel needs before the event.
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeasonalDeadline {
    /// `None` when creating.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub name: String,
    pub event_date: String,
    pub methods: Vec<MethodDays>,
}

/// Ship-by dates for an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromiseView {
    pub product: String,
    pub quantity: u32,
    /// Pieces of capacity it books.
    pub pieces: u32,
    pub starts_on: String,
    pub ship_earliest: String,
    pub ship_latest: String,
    /// The last day with pieces of it; `None` when it books none.
    pub made_by: Option<String>,
}

/// "Can I make 15 by Friday?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeasibilityView {
    pub due_date: String,
    pub feasible: bool,
    /// The earliest date the whole quantity ships.
    pub earliest: String,
    /// How many units ship by the due date.
    pub fits_by_due: u32,
    pub promise: PromiseView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CountdownView {
    /// The next cut-off (unix seconds).
    #[ts(type = "number")]
    pub cutoff_at: UnixSeconds,
    pub cutoff_date: String,
    pub cutoff_time: String,
    pub minutes_left: u32,
    /// Whether that cut-off is today.
    pub today: bool,
    /// First production day of an order confirmed now.
    pub starts_on: String,
    /// First production day of an order confirmed after that cut-off.
    pub then_starts_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LastOrderDayView {
    pub method: String,
    pub delivery_days: u32,
    pub ship_by: String,
    pub order_by: String,
    /// On a production day, the cut-off it must be confirmed before.
    pub before: Option<String>,
    /// Days from today to `order_by`.
    pub days_left: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadlineView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub event_date: String,
    /// Slowest method first; a method whose last day has passed is left out.
    pub methods: Vec<LastOrderDayView>,
}

/// The inbox banner: today's countdown and the next deadline when near.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CutoffBanner {
    pub today: String,
    pub countdown: Option<CountdownView>,
    /// The next seasonal deadline whose first last-order day is within three weeks.
    pub deadline: Option<DeadlineView>,
}

/// One day of the capacity calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CapacityDay {
    pub date: String,
    /// ISO weekday, Monday = 1.
    pub weekday: u8,
    /// A production day (works and not closed).
    pub open: bool,
    /// Why it is closed, when a closed date.
    pub closed: Option<ClosedDate>,
    /// Pieces it can make; `None` when the shop does not plan by capacity.
    pub capacity: Option<u32>,
    pub booked: u32,
}

/// An order's promised date and whether its agreed due date holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderPromise {
    #[ts(type = "number")]
    pub order_id: i64,
    pub due_date: Option<String>,
    /// Whether it books capacity now (agreed, paid, in production).
    pub booked: bool,
    pub ship_earliest: String,
    pub ship_latest: String,
    /// `Some(false)` when the due date cannot be met with current bookings.
    pub feasible: Option<bool>,
    /// Units of its products that ship by the due date.
    pub fits_by_due: Option<u32>,
    pub units: u32,
}
