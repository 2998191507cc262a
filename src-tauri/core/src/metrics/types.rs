//! How the shop answers over the last months, how it stands on Mercado Libre, and the counts for
//! the first-run screen and the CLI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inbox::StatusCount;
use crate::vocabulary::{ChannelKind, UnixSeconds, text_enum};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelCount {
    pub channel: ChannelKind,
    pub accounts: u32,
    pub conversations: u32,
    pub messages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stats {
    pub accounts: u32,
    pub buyers: u32,
    pub conversations: u32,
    pub messages: u32,
    pub orders: u32,
    pub per_channel: Vec<ChannelCount>,
    pub per_status: Vec<StatusCount>,
}

/// How the shop answers (`months.rs`): the last four calendar months in the shop's time zone; and
/// how each Mercado Libre account stands there (`seller.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Metrics {
    /// When they were computed (waits are measured up to here).
    pub now: UnixSeconds,
    /// The start of the period: midnight on the first day of the oldest month.
    pub since: UnixSeconds,
    /// The zone months and hours are counted in.
    pub time_zone: String,
    /// The shop calendar has opening hours: the `*_shop_hours` figures count only those.
    pub shop_hours: bool,
    /// Channels with conversations in the period or waiting now, in a fixed channel order.
    pub channels: Vec<ChannelMetrics>,
    /// Every channel together (`channel` is `None`).
    pub total: ChannelMetrics,
    /// Oldest first.
    pub months: Vec<MonthMetrics>,
    /// Buyers' messages per weekday (0 = Monday) and hour of the shop's clock, all 168 hours.
    pub busiest: Vec<HourCount>,
    /// Each connected Mercado Libre account: reputation, open claims, and sales, visits and
    /// conversion over the same months.
    pub mercado_libre: Vec<SellerMetrics>,
}

/// One channel's figures (or all channels').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelMetrics {
    pub channel: Option<ChannelKind>,
    /// Conversations whose buyer first wrote in the period.
    pub conversations: u32,
    /// Of those, the ones with a reply.
    pub answered: u32,
    /// Seconds from the buyer's first message to the first reply (median, 90th percentile).
    pub first_response_median: Option<i64>,
    pub first_response_p90: Option<i64>,
    /// The same counted in shop hours; `None` without opening hours.
    pub first_response_median_shop_hours: Option<i64>,
    pub first_response_p90_shop_hours: Option<i64>,
    /// Conversations that need a reply now, whenever they started.
    pub unanswered_now: u32,
    pub oldest_waiting_since: Option<UnixSeconds>,
    /// Conversations of the period with an order (not cancelled).
    pub with_order: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthMetrics {
    /// `YYYY-MM`.
    pub month: String,
    pub conversations: u32,
    pub with_order: u32,
    pub first_response_median: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HourCount {
    pub weekday: u8,
    pub hour: u8,
    pub messages: u32,
}

/// One month of the metrics' period in the shop's calendar, as a connector asks a channel for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricsMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// `YYYY-MM-DD`: the month's first day.
    pub first_day: String,
    /// `YYYY-MM-DD`: its last day, or today for the current month.
    pub last_day: String,
}

text_enum!(
    /// A Mercado Libre reputation colour, worst to best (`level_id` "1_red" … "5_green").
    ReputationLevel {
        Red = "red",
        Orange = "orange",
        Yellow = "yellow",
        LightGreen = "light_green",
        Green = "green",
    }
);

text_enum!(
    /// The rates Mercado Libre's colour depends on.
    RateKind {
        Claims = "claims",
        DelayedHandlingTime = "delayed_handling_time",
        Cancellations = "cancellations",
    }
);

crate::store::text_enums::text_column!(RateKind);

/// What a connector read about the seller's standing on the marketplace in one go. A part it could
/// not read is `None` (or empty) and leaves what was stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SellerMetricsRead {
    pub reputation: Option<SellerReputation>,
    pub open_claims: Option<u32>,
    pub visits: Vec<MonthVisits>,
    /// Why part of it could not be read; `None` clears an earlier failure.
    pub failure: Option<ReadFailure>,
}

/// `seller_reputation` as Mercado Libre gives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SellerReputation {
    pub site_id: Option<String>,
    /// Mercado Libre's id ("5_green"); `None` = no colour yet.
    pub level_id: Option<String>,
    /// "silver", "gold", "platinum": a MercadoLíder.
    pub power_seller_status: Option<String>,
    /// While the colour is protected: the colour without the protection, and until when.
    pub real_level: Option<String>,
    pub protection_end: Option<UnixSeconds>,
    /// "60 days", "365 days"… as given.
    pub sales_period: Option<String>,
    pub sales_completed: Option<u32>,
    pub rates: Vec<ReputationRate>,
}

/// One rate of the reputation: a fraction (0.0228 = 2.28 %) and the count behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReputationRate {
    pub kind: RateKind,
    pub period: Option<String>,
    pub rate: f64,
    pub value: u32,
    /// The figures without what Mercado Libre excluded (a protected seller's real ones).
    pub real_rate: Option<f64>,
    pub real_value: Option<u32>,
}

/// Visits to all of an account's listings in one month of the shop's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthVisits {
    /// `YYYY-MM`.
    pub month: String,
    pub visits: u32,
}

/// Why a read failed: the connector's stable code and the channel's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadFailure {
    pub code: String,
    pub detail: String,
}

/// How one Mercado Libre account stands (`seller.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SellerMetrics {
    pub account_id: i64,
    pub account_name: String,
    pub site_id: Option<String>,
    /// When the reputation was last read; `None` = not yet (it comes with the next sync).
    pub fetched_at: Option<UnixSeconds>,
    /// `None` once read: no colour yet (too few sales).
    pub level: Option<ReputationLevel>,
    pub power_seller_status: Option<String>,
    pub real_level: Option<ReputationLevel>,
    pub protection_end: Option<UnixSeconds>,
    /// The period the reputation counts, as Mercado Libre says it, and in days when it says days.
    pub period: Option<String>,
    pub period_days: Option<u32>,
    pub sales_completed: Option<u32>,
    /// Claims, delayed handling, cancellations, in that order (those Mercado Libre gave).
    pub rates: Vec<RateStanding>,
    /// The rate nearest to costing a colour: the largest share of its limit (a rate already past
    /// orange's comes first); `None` without the site's limits.
    pub closest: Option<RateKind>,
    pub open_claims: Option<u32>,
    /// The metrics' months, oldest first.
    pub months: Vec<SellerMonth>,
    /// The last read that failed in part.
    pub failure: Option<SellerMetricsFailure>,
}

/// A rate against the site's limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RateStanding {
    pub kind: RateKind,
    pub period: Option<String>,
    pub period_days: Option<u32>,
    pub rate: f64,
    pub value: u32,
    pub real_rate: Option<f64>,
    pub real_value: Option<u32>,
    /// The best colour this rate alone allows; `None` without the site's limits.
    pub band: Option<ReputationLevel>,
    /// The limit the seller should keep under: the most `limit_level` allows. For a rate within a
    /// colour it is that colour's; for a red one, orange's (already passed).
    pub limit: Option<f64>,
    pub limit_level: Option<ReputationLevel>,
}

/// One month of an account: its sales (orders stored here, cancelled ones left out), Mercado
/// Libre's visits, and sales per visit (`None` without visits).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SellerMonth {
    /// `YYYY-MM`.
    pub month: String,
    pub sales: u32,
    /// `None` when it was not read.
    pub visits: Option<u32>,
    pub conversion: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SellerMetricsFailure {
    pub code: String,
    pub detail: String,
    pub at: UnixSeconds,
}
