//! The seller's past on Mercado Libre: months of orders from before the simulator started (most
//! delivered, a few cancelled, the last two days' still on their way) and the claims some of them
//! got, so reputation, visits and sales per month have something to show. Drawn from its own
//! generator: the activity that follows is the same with or without a history.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use super::catalog::Listing;
use crate::ids::{IdSeq, mix64};
use crate::ml::claims::ClaimStatus;
use crate::ml::orders::{Order, OrderLine};
use crate::site::Site;
use crate::state::World;

const DAY: i64 = 86_400;
/// Orders of the last two days are still on their way (the rest are done and book no capacity).
const DELIVERY_DAYS: i64 = 2;
/// A claim stays open this long, then the mediation closes it.
const CLAIM_OPEN_DAYS: i64 = 12;

/// Adds `days` days of orders before `now`, oldest first so that order ids grow with time.
pub(crate) fn seed_orders(world: &mut World, site: &Site, seed: u64, now: i64, days: u32) {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x4157_0121);
    let today_start = now - now.rem_euclid(DAY);
    for back in (1..=i64::from(days)).rev() {
        // About 1.3 purchases a day, none on some days.
        let purchases = [0, 1, 1, 2, 1, 2, 0, 1, 2, 3][rng.random_range(0..10)];
        for _ in 0..purchases {
            let created = today_start - back * DAY + rng.random_range(9 * 3600..23 * 3600);
            let listing = world.catalog.listings[rng.random_range(0..world.catalog.listings.len())].clone();
            past_order(world, site, seed, &mut rng, now, created, &listing);
        }
    }
}

fn past_order(
    world: &mut World,
    site: &Site,
    seed: u64,
    rng: &mut StdRng,
    now: i64,
    created: i64,
    listing: &Listing,
) {
    let buyer = if world.catalog.buyers.len() > 8 && rng.random_bool(0.15) {
        world.catalog.buyers[rng.random_range(0..world.catalog.buyers.len())].id
    } else {
        world.catalog.new_buyer(site.lang, rng, &mut world.ids)
    };
    let id = world.ids.bump(|ids: &mut IdSeq| &mut ids.order, 400);
    let cancelled = rng.random_range(0..100) < 3;
    let quantity = if rng.random_bool(0.8) { 1 } else { rng.random_range(2..=3) };
    let delivered = !cancelled && created < now - DELIVERY_DAYS * DAY;
    let shipping_id = world.ids.bump(|ids: &mut IdSeq| &mut ids.shipping, 500);
    world.orders.orders.insert(
        id,
        Order {
            id,
            pack_id: None,
            buyer_id: buyer,
            lines: vec![OrderLine {
                item_id: listing.id.clone(),
                title: listing.title.clone(),
                quantity,
                unit_price: listing.price,
            }],
            status: if cancelled { "cancelled" } else { "paid" },
            created,
            last_updated: if delivered { created + 4 * DAY } else { created },
            shipping_id,
            delivered,
        },
    );
    // About one sale in sixty ends in a claim a few days after the purchase.
    if !cancelled && mix64(seed ^ (id as u64) ^ 0xc1a13).is_multiple_of(60) {
        let at = (created + 5 * DAY).min(now);
        let status = if at < now - CLAIM_OPEN_DAYS * DAY { ClaimStatus::Closed } else { ClaimStatus::Opened };
        let claim = world.claims.open(seed, id, buyer, at, status);
        if status == ClaimStatus::Closed
            && let Some(claim) = world.claims.claims.get_mut(&claim)
        {
            claim.last_updated = at + CLAIM_OPEN_DAYS * DAY;
        }
    }
}
