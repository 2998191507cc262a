//! How the shop answers over the last months, and the counts for the first-run screen and the CLI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inbox::StatusCount;
use crate::vocabulary::{ChannelKind, UnixSeconds};

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

/// How the shop answers (`metrics.rs`): the last four calendar months in the shop's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
