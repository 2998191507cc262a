//! Mercado Libre activity: questions on the listings, purchases (single orders or carts in a
//! pack, some with the messaging agent), buyers writing in their packs.

use rand::RngExt;

use super::ActivityReport;
use super::catalog::Listing;
use super::generator::{Ctx, buyer_text};
use super::phrases::Kind;
use crate::ml::orders::{Order, OrderLine, Pack};
use crate::ml::question_store::{Question, QuestionStatus};
use crate::ml::threads::{AGENT_USER_ID, PackMessage, Thread, new_message_id};
use crate::state::World;

pub(super) fn add_question(
    world: &mut World,
    ctx: &Ctx,
    item_id: &str,
    from: i64,
    text: String,
    report: &mut ActivityReport,
) {
    let id = world.ids.bump(|ids| &mut ids.question, 60);
    world.questions.insert(Question {
        id,
        item_id: item_id.to_owned(),
        from,
        text,
        status: QuestionStatus::Unanswered,
        created: ctx.now,
        answer: None,
        hold: false,
        deleted_from_listing: false,
    });
    report.question_ids.push(id);
}

/// A purchase: one order (no pack: its thread is keyed by the order id) or a cart of two orders
/// in a pack. A few are cancelled, which blocks their conversation.
pub(super) fn new_order(world: &mut World, ctx: &Ctx, report: &mut ActivityReport) -> i64 {
    let buyer = world.catalog.some_buyer(ctx.site.lang, &mut world.rng, &mut world.ids);
    let cart = world.rng.random_bool(0.3);
    let roll = world.rng.random_range(0..100);
    let status = match roll {
        0..=4 => "cancelled",
        5..=10 => "payment_in_process",
        _ => "paid",
    };
    let shipping_id = world.ids.bump(|ids| &mut ids.shipping, 500);
    let pack_id = cart.then(|| world.ids.bump(|ids| &mut ids.pack, 20));
    let mut order_ids = Vec::new();
    for _ in 0..if cart { 2 } else { 1 } {
        let listing = world.catalog.listings[world.rng.random_range(0..world.catalog.listings.len())].clone();
        let quantity = if world.rng.random_bool(0.75) { 1 } else { world.rng.random_range(2..=4) };
        let id = world.ids.bump(|ids| &mut ids.order, 400);
        world.orders.orders.insert(
            id,
            Order {
                id,
                pack_id,
                buyer_id: buyer,
                lines: vec![OrderLine {
                    item_id: listing.id.clone(),
                    title: listing.title.clone(),
                    quantity,
                    unit_price: listing.price,
                }],
                status,
                created: ctx.now,
                last_updated: ctx.now,
                shipping_id,
                delivered: false,
            },
        );
        order_ids.push(id);
        report.order_ids.push(id);
    }
    let key = pack_id.unwrap_or(order_ids[0]);
    if let Some(pack_id) = pack_id {
        world
            .orders
            .packs
            .insert(pack_id, Pack { id: pack_id, order_ids, buyer_id: buyer, created: ctx.now, shipping_id });
    }
    let agent_id = (ctx.site.messaging_agent && world.rng.random_bool(0.25)).then_some(AGENT_USER_ID);
    world.threads.insert(Thread {
        key,
        buyer_id: buyer,
        agent_id,
        shipping_id,
        messages: Vec::new(),
        blocked: (status == "cancelled").then(|| "blocked_by_cancelled_order".to_owned()),
        status_date: ctx.now,
        unread: 0,
        used_options: Vec::new(),
    });
    key
}

pub(super) fn post_sale_message(world: &mut World, ctx: &Ctx, report: &mut ActivityReport) {
    let existing = !world.threads.open_keys.is_empty() && world.rng.random_bool(0.65);
    let key = if existing {
        world.threads.open_keys[world.rng.random_range(0..world.threads.open_keys.len())]
    } else {
        loop {
            let key = new_order(world, ctx, report);
            if world.threads.get(key).is_some_and(|thread| thread.blocked.is_none()) {
                break key;
            }
        }
    };
    let first = world.threads.get(key).is_none_or(|thread| thread.messages.is_empty());
    buyer_pack_message(
        world,
        ctx,
        key,
        if first { Kind::PostSaleFirst } else { Kind::PostSaleLater },
        report,
    );
}

pub(crate) fn buyer_pack_message(
    world: &mut World,
    ctx: &Ctx,
    key: i64,
    kind: Kind,
    report: &mut ActivityReport,
) {
    let Some(thread) = world.threads.get(key) else { return };
    let from = thread.counterpart();
    let listing = order_listing(world, key);
    let text = buyer_text(world, ctx.site.lang, kind, &listing);
    let id = new_message_id(world);
    // Every third message writes its user ids as strings (seen in the wild).
    let ids_as_strings = world.ids.serial.is_multiple_of(3);
    world.threads.add_buyer_message(
        key,
        PackMessage {
            id,
            from,
            to: ctx.seller_id,
            text,
            status: "available",
            moderation_reason: None,
            created: ctx.now,
            read: None,
            ids_as_strings,
        },
    );
    report.pack_messages += 1;
    if !report.pack_ids.contains(&key) {
        report.pack_ids.push(key);
    }
}

/// The listing bought in the order(s) behind a thread, for the buyer's wording.
pub(super) fn order_listing(world: &World, key: i64) -> Listing {
    let order_id =
        world.orders.packs.get(&key).and_then(|pack| pack.order_ids.first().copied()).unwrap_or(key);
    world
        .orders
        .orders
        .get(&order_id)
        .and_then(|order| order.lines.first())
        .and_then(|line| world.catalog.listing(&line.item_id))
        .unwrap_or(&world.catalog.listings[0])
        .clone()
}

/// A payment in process is approved: the order becomes paid and moves `date_last_updated`.
/// (The demo's background never bans, deletes or blocks on its own: an E2E answering a
/// question must not find it gone; tests do those on purpose.)
pub(crate) fn settle_payment(world: &mut World, ctx: &Ctx) -> Option<i64> {
    let order = world.orders.orders.values_mut().find(|order| order.status == "payment_in_process")?;
    order.status = "paid";
    order.last_updated = ctx.now;
    Some(order.id)
}

/// Mercado Libre's moderation bans a question after the fact: status BANNED, text emptied.
pub(crate) fn ban_question(world: &mut World, question_id: i64) -> bool {
    world.questions.set_status(question_id, QuestionStatus::Banned).is_some()
}
