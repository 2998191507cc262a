//! Mercado Libre's reputation limits, as data: per site, the highest claims, cancellations and
//! delayed-handling rate each colour allows (green — what MercadoLíder needs — light green, yellow,
//! orange; past orange is red). Each rate is placed against them, and the one nearest to costing
//! a colour is the one to watch.

use crate::metrics::{RateKind, RateStanding, ReputationLevel, ReputationRate};

/// Hundredths of a percent (150 = 1.5 %): exact, where a fraction times 100 is not.
type Hundredths = u32;

/// The most green, light green, yellow and orange allow.
type Steps = [Hundredths; 4];

struct SiteLimits {
    sites: &'static [&'static str],
    claims: Steps,
    cancellations: Steps,
    delayed_handling_time: Steps,
}

const LIMITS: &[SiteLimits] = &[
    SiteLimits {
        sites: &["MLA", "MLM"],
        claims: [100, 150, 300, 600],
        cancellations: [50, 100, 250, 300],
        delayed_handling_time: [800, 1000, 1500, 2200],
    },
    SiteLimits {
        sites: &["MLB"],
        claims: [100, 200, 450, 800],
        cancellations: [50, 150, 350, 400],
        delayed_handling_time: [600, 1000, 1800, 2200],
    },
    SiteLimits {
        sites: &["MCO", "MLU", "MLC"],
        claims: [250, 350, 550, 700],
        cancellations: [150, 250, 700, 900],
        delayed_handling_time: [1000, 1200, 1800, 2600],
    },
];

/// The colours the steps stand for, best first; past the last step is red.
const STEP_LEVELS: [ReputationLevel; 4] =
    [ReputationLevel::Green, ReputationLevel::LightGreen, ReputationLevel::Yellow, ReputationLevel::Orange];

fn steps(site: &str, kind: RateKind) -> Option<Steps> {
    let limits =
        LIMITS.iter().find(|limits| limits.sites.iter().any(|s| s.eq_ignore_ascii_case(site.trim())))?;
    Some(match kind {
        RateKind::Claims => limits.claims,
        RateKind::Cancellations => limits.cancellations,
        RateKind::DelayedHandlingTime => limits.delayed_handling_time,
    })
}

fn hundredths(rate: f64) -> i64 {
    (rate * 10_000.0).round() as i64
}

/// Mercado Libre's "5_green" (or a protected seller's plain "green") as a colour.
pub(crate) fn level(id: &str) -> Option<ReputationLevel> {
    let id = id.trim().to_ascii_lowercase();
    let name = id
        .split_once('_')
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        .map_or(id.as_str(), |(_, name)| name);
    ReputationLevel::parse(name)
}

/// "60 days" → 60; anything else → None (shown as Mercado Libre wrote it).
pub(crate) fn period_days(period: &str) -> Option<u32> {
    let (number, unit) = period.trim().split_once(' ')?;
    matches!(unit.trim(), "days" | "day").then(|| number.parse().ok()).flatten()
}

/// A rate against its site's limits.
pub(crate) fn standing(site: Option<&str>, rate: &ReputationRate) -> RateStanding {
    let placed = site.and_then(|site| steps(site, rate.kind)).map(|steps| {
        let value = hundredths(rate.rate);
        match steps.iter().position(|&step| value <= i64::from(step)) {
            Some(index) => (STEP_LEVELS[index], steps[index], STEP_LEVELS[index]),
            None => (ReputationLevel::Red, steps[3], ReputationLevel::Orange),
        }
    });
    let period = rate.period.clone();
    RateStanding {
        kind: rate.kind,
        period_days: period.as_deref().and_then(period_days),
        period,
        rate: rate.rate,
        value: rate.value,
        real_rate: rate.real_rate,
        real_value: rate.real_value,
        band: placed.map(|(band, _, _)| band),
        limit: placed.map(|(_, limit, _)| f64::from(limit) / 10_000.0),
        limit_level: placed.map(|(_, _, level)| level),
    }
}

/// The rate nearest to costing a colour: the largest share of its limit, a red one first.
pub(crate) fn closest(rates: &[RateStanding]) -> Option<RateKind> {
    rates
        .iter()
        .filter_map(|rate| {
            let limit = rate.limit.filter(|limit| *limit > 0.0)?;
            let red = rate.band == Some(ReputationLevel::Red);
            Some((red, rate.rate / limit, rate.kind))
        })
        .max_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(_, _, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(kind: RateKind, rate: f64) -> ReputationRate {
        ReputationRate {
            kind,
            period: Some("60 days".into()),
            rate,
            value: 1,
            real_rate: None,
            real_value: None,
        }
    }

    fn place(
        site: &str,
        kind: RateKind,
        value: f64,
    ) -> (Option<ReputationLevel>, Option<f64>, Option<ReputationLevel>) {
        let standing = standing(Some(site), &rate(kind, value));
        (standing.band, standing.limit, standing.limit_level)
    }

    #[test]
    fn each_rate_takes_the_best_colour_whose_limit_it_keeps_under() {
        use ReputationLevel::*;
        // Claims 1.2 % in Argentina: above green's 1 %, within light green's 1.5 %.
        assert_eq!(place("MLA", RateKind::Claims, 0.012), (Some(LightGreen), Some(0.015), Some(LightGreen)));
        // A limit itself still belongs to its colour, however the fraction rounds.
        assert_eq!(place("MLA", RateKind::Claims, 0.015).0, Some(LightGreen));
        assert_eq!(place("MLA", RateKind::Claims, 0.01).0, Some(Green));
        assert_eq!(place("MLA", RateKind::Claims, 0.0).0, Some(Green));
        assert_eq!(place("MLM", RateKind::Cancellations, 0.025).0, Some(Yellow));
        assert_eq!(place("MLA", RateKind::DelayedHandlingTime, 0.0228).0, Some(Green));
        // Past orange: red, and the limit spoken of is orange's.
        assert_eq!(place("MLA", RateKind::Claims, 0.07), (Some(Red), Some(0.06), Some(Orange)));
        // Brazil and the smaller sites have their own tables.
        assert_eq!(place("MLB", RateKind::Claims, 0.04).0, Some(Yellow));
        assert_eq!(place("MLB", RateKind::DelayedHandlingTime, 0.07).0, Some(LightGreen));
        assert_eq!(place("MCO", RateKind::Claims, 0.03).0, Some(LightGreen));
        assert_eq!(place("mlc", RateKind::Cancellations, 0.08).0, Some(Orange));
        assert_eq!(place("MLU", RateKind::DelayedHandlingTime, 0.27).0, Some(Red));
        // A site without a published table: the rate alone, no colour or limit.
        assert_eq!(place("MPE", RateKind::Claims, 0.02), (None, None, None));
        assert_eq!(standing(None, &rate(RateKind::Claims, 0.02)).band, None);
    }

    #[test]
    fn the_rate_nearest_its_limit_is_the_one_to_watch() {
        let site = Some("MLA");
        let rates = [
            standing(site, &rate(RateKind::Claims, 0.012)), // 80 % of 1.5 %
            standing(site, &rate(RateKind::DelayedHandlingTime, 0.075)), // 94 % of 8 %
            standing(site, &rate(RateKind::Cancellations, 0.0)),
        ];
        assert_eq!(closest(&rates), Some(RateKind::DelayedHandlingTime));
        let red = [standing(site, &rate(RateKind::Cancellations, 0.05)), rates[1].clone()];
        assert_eq!(closest(&red), Some(RateKind::Cancellations), "a red rate comes first");
        assert_eq!(closest(&[standing(Some("MPE"), &rate(RateKind::Claims, 0.02))]), None);
    }

    #[test]
    fn levels_and_periods_are_read_leniently() {
        assert_eq!(level("5_green"), Some(ReputationLevel::Green));
        assert_eq!(level("4_light_green"), Some(ReputationLevel::LightGreen));
        assert_eq!(level("red"), Some(ReputationLevel::Red));
        assert_eq!(level(" 1_RED "), Some(ReputationLevel::Red));
        assert_eq!(level("light_green"), Some(ReputationLevel::LightGreen));
        assert_eq!(level("6_purple"), None);
        assert_eq!(period_days("60 days"), Some(60));
        assert_eq!(period_days("365 days"), Some(365));
        assert_eq!(period_days("historic"), None);
        assert_eq!(period_days("3 months"), None);
    }
}
