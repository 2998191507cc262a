//! The seller's `seller_reputation` on `GET /users/<id>`, worked out from the simulated orders and
//! claims the way Mercado Libre describes it: the last 60 days when they hold 40 completed sales,
//! else the last 365; no colour before 10 sales; each rate is its count over the period's sales and
//! the colour is the worst the site's limits give any of them. Tests can set the colour, the medal
//! or a protection on top (`/_sim/reputation`).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};

use super::orders::Order;
use crate::ids::mix64;
use crate::state::{Shared, World};

const DAY: i64 = 86_400;
/// Completed sales in 60 days below which the period becomes 365 days.
const SHORT_PERIOD_MIN_SALES: usize = 40;
/// Completed sales in 365 days below which there is no colour yet.
const COLOUR_MIN_SALES: usize = 10;

/// What a test sets on top of the reputation the orders give; unset fields keep it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReputationChange {
    /// `Some(None)` is a seller without a colour yet (`level_id: null`).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub level_id: Option<Option<String>>,
    /// `Some(None)` takes a MercadoLíder medal away; `Some(Some("gold"))` gives one.
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub power_seller_status: Option<Option<String>>,
    /// Mercado Libre protects the seller's colour for 30 days: the colour shown is green, the
    /// rates 0, and the real ones are under `excluded` with the real colour as `real_level`.
    #[serde(default)]
    pub protected: bool,
}

/// A field that is present (maybe null) is `Some`, an absent one `None`.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// The highest rate (in hundredths of a percent) each colour allows: green, light green, yellow,
/// orange; above the last one is red. Per site, for claims, cancellations and delayed handling.
struct SiteLimits {
    claims: [u32; 4],
    cancellations: [u32; 4],
    delayed_handling_time: [u32; 4],
}

fn limits(site: &str) -> SiteLimits {
    match site {
        "MLB" => SiteLimits {
            claims: [100, 200, 450, 800],
            cancellations: [50, 150, 350, 400],
            delayed_handling_time: [600, 1000, 1800, 2200],
        },
        "MCO" | "MLU" | "MLC" => SiteLimits {
            claims: [250, 350, 550, 700],
            cancellations: [150, 250, 700, 900],
            delayed_handling_time: [1000, 1200, 1800, 2600],
        },
        // MLA, MLM, and the sites without a published table.
        _ => SiteLimits {
            claims: [100, 150, 300, 600],
            cancellations: [50, 100, 250, 300],
            delayed_handling_time: [800, 1000, 1500, 2200],
        },
    }
}

const LEVELS: [&str; 5] = ["5_green", "4_light_green", "3_yellow", "2_orange", "1_red"];

/// The colour a rate allows: the index in `LEVELS`.
fn band(rate: f64, limits: [u32; 4]) -> usize {
    let hundredths = (rate * 10_000.0).round() as i64;
    limits.iter().position(|&limit| hundredths <= i64::from(limit)).unwrap_or(4)
}

/// A rate the way the API gives it: four decimals.
fn rate(value: usize, sales: usize) -> f64 {
    if sales == 0 { 0.0 } else { (value as f64 / sales as f64 * 10_000.0).round() / 10_000.0 }
}

/// Whether the seller shipped this order late (about one in fifteen).
pub(crate) fn shipped_late(seed: u64, order: &Order) -> bool {
    mix64(seed ^ (order.id as u64) ^ 0xde1a7).is_multiple_of(15)
}

/// Whether the seller (not the buyer) cancelled this cancelled order (about one in three).
pub(crate) fn cancelled_by_seller(seed: u64, order: &Order) -> bool {
    order.status == "cancelled" && mix64(seed ^ (order.id as u64) ^ 0xca7ce1).is_multiple_of(3)
}

fn completed(order: &Order) -> bool {
    matches!(order.status, "paid" | "partially_refunded")
}

struct Period {
    label: &'static str,
    sales: usize,
    claims: usize,
    delayed: usize,
    cancellations: usize,
}

fn period(sim: &Shared, world: &World, days: i64, label: &'static str) -> Period {
    let since = sim.now() - days * DAY;
    let orders: Vec<&Order> = world.orders.orders.values().filter(|order| order.created >= since).collect();
    let sales = orders.iter().filter(|order| completed(order)).count();
    Period {
        label,
        sales,
        claims: world.claims.claims.values().filter(|claim| claim.created >= since).count(),
        delayed: orders.iter().filter(|order| completed(order) && shipped_late(sim.seed, order)).count(),
        cancellations: orders.iter().filter(|order| cancelled_by_seller(sim.seed, order)).count(),
    }
}

/// The `seller_reputation` object.
pub(crate) fn seller_reputation(sim: &Shared, world: &World) -> Value {
    let short = period(sim, world, 60, "60 days");
    let year = period(sim, world, 365, "365 days");
    let counted = if short.sales >= SHORT_PERIOD_MIN_SALES { &short } else { &year };
    // Rates are over every sale of the period, the cancelled ones included.
    let base = counted.sales + counted.cancellations;
    let site = limits(sim.site.id);
    let rates = [
        ("claims", counted.claims, site.claims),
        ("delayed_handling_time", counted.delayed, site.delayed_handling_time),
        ("cancellations", counted.cancellations, site.cancellations),
    ];
    let worst = rates.iter().map(|&(_, value, limits)| band(rate(value, base), limits)).max().unwrap_or(0);
    let level = (year.sales >= COLOUR_MIN_SALES).then_some(LEVELS[worst]);
    let medal = match (level, short.sales) {
        (Some("5_green"), n) if n >= 400 => Some("platinum"),
        (Some("5_green"), n) if n >= 150 => Some("gold"),
        (Some("5_green"), n) if n >= 60 => Some("silver"),
        _ => None,
    };
    let change = &world.reputation;
    let mut level_id = change.level_id.clone().unwrap_or(level.map(str::to_owned));
    let power_seller_status = change.power_seller_status.clone().unwrap_or(medal.map(str::to_owned));

    let metric = |value: usize| {
        if change.protected {
            json!({
                "period": counted.label,
                "rate": 0,
                "value": 0,
                "excluded": { "real_value": value, "real_rate": rate(value, base) },
            })
        } else {
            json!({ "period": counted.label, "rate": rate(value, base), "value": value })
        }
    };
    let mut reputation = json!({
        "level_id": null,
        "power_seller_status": power_seller_status,
        "transactions": transactions(sim, world),
        "metrics": {
            "sales": { "period": counted.label, "completed": counted.sales },
            "claims": metric(counted.claims),
            "delayed_handling_time": metric(counted.delayed),
            "cancellations": metric(counted.cancellations),
        },
    });
    if change.protected {
        // The real colour is written without its number, as in the documented example.
        let real = level_id.as_deref().or(level).map(|id| id.split_once('_').map_or(id, |(_, name)| name));
        reputation["real_level"] = json!(real);
        reputation["protection_end_date"] = json!(sim.ml_date(sim.now() + 30 * DAY));
        level_id = Some("5_green".to_owned());
    }
    reputation["level_id"] = json!(level_id);
    reputation
}

fn transactions(sim: &Shared, world: &World) -> Value {
    let completed = world.orders.orders.values().filter(|order| completed(order)).count();
    let canceled = world.orders.orders.values().filter(|order| order.status == "cancelled").count();
    let negative = (mix64(sim.seed ^ 0x4a7e) % 4) as f64 / 100.0;
    let neutral = (1 + mix64(sim.seed ^ 0x4e07) % 5) as f64 / 100.0;
    json!({
        "canceled": canceled,
        "completed": completed,
        "period": "historic",
        "ratings": {
            "negative": negative,
            "neutral": neutral,
            "positive": ((1.0 - negative - neutral) * 100.0).round() / 100.0,
        },
        "total": completed + canceled,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_takes_the_colour_of_the_first_limit_it_stays_within() {
        let mla = limits("MLA").claims;
        assert_eq!(LEVELS[band(0.0, mla)], "5_green");
        assert_eq!(LEVELS[band(0.01, mla)], "5_green");
        assert_eq!(LEVELS[band(0.012, mla)], "4_light_green");
        assert_eq!(LEVELS[band(0.015, mla)], "4_light_green");
        assert_eq!(LEVELS[band(0.0301, mla)], "2_orange");
        assert_eq!(LEVELS[band(0.07, mla)], "1_red");
        assert_eq!(rate(2, 3), 0.6667);
        assert_eq!(rate(1, 0), 0.0);
    }

    #[test]
    fn a_change_deserialises_null_apart_from_absent() {
        let change: ReputationChange = serde_json::from_str(r#"{"level_id": null}"#).unwrap();
        assert_eq!(change.level_id, Some(None));
        assert_eq!(change.power_seller_status, None);
        let change: ReputationChange = serde_json::from_str(r#"{"level_id": "2_orange"}"#).unwrap();
        assert_eq!(change.level_id, Some(Some("2_orange".into())));
    }
}
