//! Channel orders: upserted by (account, order id), tied to their pack, messages in one order only.

use mostrador_core::accounts::{ChannelOrder, SyncBatch};
use mostrador_core::orders::{NewOrder, OrderItem, ThreadFilter};
use mostrador_core::vocabulary::{ConversationKind, OrderStage, PaymentStatus};

use crate::fixtures::*;

const PACK: ConversationKind = ConversationKind::PostSale;

fn order(id: &str, pack: &str, created_at: i64) -> ChannelOrder {
    ChannelOrder {
        external_ref: id.into(),
        thread_ref: Some(pack.into()),
        buyer: buyer(pack),
        items: vec![OrderItem {
            product: "Mate de calabaza".into(),
            variant: None,
            quantity: 1,
            unit_price_minor: 1_200_000,
        }],
        currency: "ARS".into(),
        stage: OrderStage::Paid,
        payment_status: PaymentStatus::Paid,
        created_at,
        ship_by: None,
    }
}

fn orders_only(orders: Vec<ChannelOrder>) -> SyncBatch {
    SyncBatch { orders, ..SyncBatch::default() }
}

fn pack_messages(shop: &Shop, pack: &str) -> SyncBatch {
    batch(
        vec![
            incoming(shop.ml, pack, PACK, &format!("{pack}-a"), NOW - HOUR, "Hola, ya pagué"),
            incoming(shop.ml, pack, PACK, &format!("{pack}-b"), NOW - 50 * MINUTE, "¿Me avisás cuando sale?"),
        ],
        vec![],
    )
}

/// Order id of every message in the conversation.
fn assignment(shop: &Shop, conversation_id: i64) -> Vec<Option<i64>> {
    messages(shop, conversation_id).into_iter().map(|m| m.order_id).collect()
}

#[test]
fn an_order_joins_its_pack_and_takes_the_pack_messages() {
    let shop = shop();
    shop.app.commit_sync(shop.ml, &pack_messages(&shop, "p1"), NOW).unwrap();
    let report =
        shop.app.commit_sync(shop.ml, &orders_only(vec![order("o1", "p1", NOW - 2 * HOUR)]), NOW).unwrap();
    assert_eq!(report.orders_upserted, 1);

    let pack = conversation_id(&shop, shop.ml, "p1");
    let view = shop.app.conversation(pack, NOW).unwrap();
    assert_eq!(view.orders.len(), 1);
    let o = &view.orders[0];
    assert_eq!(
        (o.conversation_id, o.stage, o.payment_status, o.total_minor),
        (Some(pack), OrderStage::Paid, PaymentStatus::Paid, 1_200_000)
    );
    assert_eq!(o.created_at, NOW - 2 * HOUR, "dated when the buyer bought");
    assert_eq!(assignment(&shop, pack), [Some(o.id), Some(o.id)]);

    // Later messages of the pack join it as they arrive.
    shop.app
        .commit_sync(
            shop.ml,
            &batch(vec![incoming(shop.ml, "p1", PACK, "p1-c", NOW, "¡Llegó!")], vec![]),
            NOW,
        )
        .unwrap();
    assert_eq!(assignment(&shop, pack), [Some(o.id); 3]);
    // The same order again changes nothing.
    let again = shop
        .app
        .commit_sync(shop.ml, &orders_only(vec![order("o1", "p1", NOW - 2 * HOUR)]), NOW + MINUTE)
        .unwrap();
    assert_eq!(again.orders_upserted, 0);
    assert_eq!(shop.app.stats().unwrap().orders, 1);
}

#[test]
fn an_order_that_arrives_before_its_pack_is_linked_when_the_messages_come() {
    let shop = shop();
    shop.app.commit_sync(shop.ml, &orders_only(vec![order("o1", "p1", NOW - 2 * HOUR)]), NOW).unwrap();
    assert_eq!(shop.app.stats().unwrap().orders, 1);
    let report = shop.app.commit_sync(shop.ml, &pack_messages(&shop, "p1"), NOW).unwrap();
    assert_eq!(report.orders_upserted, 1, "the waiting order was linked");

    let pack = conversation_id(&shop, shop.ml, "p1");
    let view = shop.app.conversation(pack, NOW).unwrap();
    assert_eq!(view.orders.len(), 1);
    assert_eq!(view.orders[0].conversation_id, Some(pack));
    assert_eq!(assignment(&shop, pack), [Some(view.orders[0].id); 2]);
}

#[test]
fn a_message_the_seller_put_in_another_order_stays_there() {
    let shop = shop();
    shop.app.commit_sync(shop.ml, &pack_messages(&shop, "p1"), NOW).unwrap();
    let pack = conversation_id(&shop, shop.ml, "p1");
    let first = messages(&shop, pack)[0].id;
    let buyer_id = shop.app.conversation(pack, NOW).unwrap().buyer.id;
    let by_hand = shop
        .app
        .create_order_from_messages(
            &NewOrder {
                buyer_id,
                conversation_id: None,
                stage: OrderStage::Agreed,
                currency: "ARS".into(),
                items: Vec::new(),
                due_date: None,
                delivery: None,
                payment_status: PaymentStatus::Unpaid,
                notes: String::new(),
                messages: Vec::new(),
            },
            &[first],
            NOW,
        )
        .unwrap();

    shop.app.commit_sync(shop.ml, &orders_only(vec![order("o1", "p1", NOW - 2 * HOUR)]), NOW).unwrap();
    let channel_order =
        shop.app.conversation(pack, NOW).unwrap().orders.iter().find(|o| o.id != by_hand).unwrap().id;
    assert_eq!(assignment(&shop, pack), [Some(by_hand), Some(channel_order)]);
    let in_order = shop.app.thread_messages(pack, ThreadFilter::Order { order_id: channel_order }).unwrap();
    assert_eq!(in_order.len(), 1);
}

#[test]
fn the_channel_moves_an_order_forward_but_never_back() {
    let shop = shop();
    shop.app.commit_sync(shop.ml, &pack_messages(&shop, "p1"), NOW).unwrap();
    shop.app.commit_sync(shop.ml, &orders_only(vec![order("o1", "p1", NOW - 2 * HOUR)]), NOW).unwrap();
    let pack = conversation_id(&shop, shop.ml, "p1");
    let id = shop.app.conversation(pack, NOW).unwrap().orders[0].id;
    shop.app.set_order_stage(id, OrderStage::InProduction, NOW).unwrap();

    // The channel still says paid: the seller's stage stays.
    let mut same = order("o1", "p1", NOW - 2 * HOUR);
    same.items[0].quantity = 2;
    let report = shop.app.commit_sync(shop.ml, &orders_only(vec![same.clone()]), NOW).unwrap();
    assert_eq!(report.orders_upserted, 1, "the items changed");
    let o = shop.app.order(id).unwrap();
    assert_eq!((o.stage, o.items[0].quantity), (OrderStage::InProduction, 2));

    // Cancelled on the channel: cancelled here, and un-cancelling returns to where it was.
    same.stage = OrderStage::Cancelled;
    same.payment_status = PaymentStatus::Refunded;
    shop.app.commit_sync(shop.ml, &orders_only(vec![same]), NOW).unwrap();
    let o = shop.app.order(id).unwrap();
    assert_eq!((o.stage, o.payment_status), (OrderStage::Cancelled, PaymentStatus::Refunded));
    assert!(o.next_stages.contains(&OrderStage::InProduction), "{:?}", o.next_stages);
}

#[test]
fn a_cart_of_two_orders_in_one_pack_threads_into_the_older_purchase_whatever_arrives_first() {
    for older_first in [true, false] {
        let shop = shop();
        shop.app.commit_sync(shop.ml, &pack_messages(&shop, "p1"), NOW).unwrap();
        let (older, newer) = (order("o1", "p1", NOW - 3 * HOUR), order("o2", "p1", NOW - 2 * HOUR));
        let sequence = if older_first { [older, newer] } else { [newer, older] };
        for o in sequence {
            shop.app.commit_sync(shop.ml, &orders_only(vec![o]), NOW).unwrap();
        }
        let pack = conversation_id(&shop, shop.ml, "p1");
        let view = shop.app.conversation(pack, NOW).unwrap();
        let oldest = view.orders.iter().min_by_key(|o| o.created_at).unwrap().id;
        assert_eq!(view.orders.len(), 2);
        assert_eq!(assignment(&shop, pack), [Some(oldest); 2], "older first: {older_first}");
    }
}

#[test]
fn a_channels_ship_by_becomes_the_due_date_on_the_shops_day_and_books_capacity() {
    let shop = shop();
    let mut settings = shop.app.calendar_settings().unwrap();
    settings.time_zone = Some("America/Argentina/Buenos_Aires".into());
    settings.pieces_per_day = Some(4);
    shop.app.save_calendar_settings(&settings).unwrap();
    // Made to order, two pieces of work each: planned by capacity.
    let mate = mostrador_core::cutoff::ProductProfile {
        id: None,
        name: "Mate de calabaza".into(),
        category: "mates".into(),
        ready_to_ship: false,
        min_days: 2,
        max_days: 4,
        pieces_per_unit: 2,
    };
    shop.app.save_product(&mate, NOW).unwrap();
    // NOW is 2025-06-15 15:06 UTC. Ship by 2025-06-21 02:30 UTC: still the 20th in Buenos Aires
    // (UTC−3), and the seller's day is the one that counts.
    let at = 1_750_473_000;
    let day_before = "2025-06-20";
    let mut dated = order("o1", "p1", NOW - HOUR);
    dated.ship_by = Some(at);
    shop.app.commit_sync(shop.ml, &orders_only(vec![dated.clone()]), NOW).unwrap();
    let row = &shop.app.today(NOW).unwrap().rows[0];
    assert_eq!(
        row.channel,
        Some(mostrador_core::vocabulary::ChannelKind::MercadoLibre),
        "without a thread too"
    );
    let id = row.order.id;
    assert_eq!(shop.app.order(id).unwrap().due_date.as_deref(), Some(day_before));
    let booked: u32 =
        shop.app.capacity_calendar("2025-06-15", day_before, NOW).unwrap().iter().map(|day| day.booked).sum();
    assert_eq!(booked, 2, "the paid order books its two pieces before its ship-by day");

    // The seller agrees another date with the buyer: the channel's ship-by no longer moves it.
    let view = shop.app.order(id).unwrap();
    let agreed = "2025-06-24".to_owned();
    shop.app
        .update_order(
            id,
            &mostrador_core::orders::OrderUpdate {
                currency: view.currency.clone(),
                items: view.items.clone(),
                due_date: Some(agreed.clone()),
                delivery: view.delivery.clone(),
                payment_status: view.payment_status,
                notes: view.notes.clone(),
            },
            NOW,
        )
        .unwrap();
    dated.ship_by = Some(at + 86_400);
    shop.app.commit_sync(shop.ml, &orders_only(vec![dated]), NOW + MINUTE).unwrap();
    assert_eq!(shop.app.order(id).unwrap().due_date, Some(agreed));
}
