//! `GET /users/<id>/items_visits?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD`: the visits to all the
//! seller's listings between two days, at most 150 days apart. Each listing's visits of a day are
//! derived from the seed, the listing and the day, plus one visit per purchase that day, so any
//! window gives the same answer however it is asked.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use jiff::civil::Date;
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use crate::ids::mix64;
use crate::state::{Shared, World};

/// The longest window one query may ask for.
pub(crate) const MAX_WINDOW_DAYS: i64 = 150;
const DAY: i64 = 86_400;

/// Days since 1970-01-01 of a civil date.
fn day_number(date: Date) -> i64 {
    let epoch = Date::constant(1970, 1, 1);
    date.since(epoch).map(|span| i64::from(span.get_days())).unwrap_or(0)
}

/// The day number an instant falls on in the site's clock.
fn site_day(unix: i64, offset_hours: i8) -> i64 {
    (unix + i64::from(offset_hours) * 3600).div_euclid(DAY)
}

/// Visits to the seller's listings on one day of the site's clock; today only so far.
pub(crate) fn visits_on(world: &World, seed: u64, day: i64, now: i64, offset_hours: i8) -> u64 {
    let today = site_day(now, offset_hours);
    if day > today {
        return 0;
    }
    let mut visits: u64 = (0..world.catalog.listings.len() as u64)
        .map(|listing| {
            2 + mix64(seed ^ listing.rotate_left(40) ^ (day as u64).wrapping_mul(0x9e37) ^ 0x715175) % 9
        })
        .sum();
    if day == today {
        let elapsed = (now + i64::from(offset_hours) * 3600).rem_euclid(DAY);
        visits = visits * elapsed as u64 / DAY as u64;
    }
    let purchases =
        world.orders.orders.values().filter(|order| site_day(order.created, offset_hours) == day).count();
    visits + purchases as u64
}

fn parse_day(query: &HashMap<String, String>, name: &str) -> MlResult<Date> {
    let text = query
        .get(name)
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .ok_or_else(|| MlError::bad_request(format!("{name} is required")))?;
    // A full timestamp is accepted too: only its day counts.
    let day = text.get(..10).unwrap_or(text);
    day.parse::<Date>()
        .map_err(|_| MlError::bad_request(format!("invalid {name} {text}, expected YYYY-MM-DD")))
}

pub(crate) async fn items_visits(
    State(sim): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let id: i64 = id.parse().map_err(|_| MlError::not_found("user not found"))?;
    if id != sim.app.seller_id {
        return Err(MlError::forbidden("the caller is not this user", Vec::new()));
    }
    let from = parse_day(&query, "date_from")?;
    let to = parse_day(&query, "date_to")?;
    let (first, last) = (day_number(from), day_number(to));
    if last < first {
        return Err(MlError::bad_request("date_from must not be after date_to"));
    }
    if last - first > MAX_WINDOW_DAYS {
        return Err(MlError::bad_request("invalid time window, should be smaller or equal to 150 days"));
    }
    let now = sim.now();
    let total: u64 = {
        let world = sim.world();
        (first..=last).map(|day| visits_on(&world, sim.seed, day, now, sim.site.offset_hours)).sum()
    };
    Ok(Json(json!({
        // The documented example gives the user id as a string.
        "user_id": id.to_string(),
        "date_from": format!("{from}T00:00:00Z"),
        "date_to": format!("{to}T00:00:00Z"),
        "total_visits": total,
        "visits_detail": [{ "company": "mercadolibre", "quantity": total }],
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_from_the_epoch_in_the_site_clock() {
        assert_eq!(day_number(Date::constant(1970, 1, 2)), 1);
        assert_eq!(day_number(Date::constant(2026, 3, 1)) - day_number(Date::constant(2026, 2, 28)), 1);
        // 02:00 UTC is still the day before in Argentina.
        let instant = day_number(Date::constant(2026, 3, 1)) * DAY + 2 * 3600;
        assert_eq!(site_day(instant, -3), day_number(Date::constant(2026, 2, 28)));
    }
}
