//! Orders and their threads: every message in at most one order, moved by the seller or attached by
//! the channel (a Mercado Libre pack), the conversation narrowed to one order, the card's checklist,
//! the pipeline's rules and the today view.

use mostrador_core::Mostrador;
use mostrador_core::orders::{ChecklistItem, Delivery, NewOrder, OrderItem, OrderUpdate, ThreadFilter};
use mostrador_core::settings::Settings;
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, DeliveryMethod, OrderStage, PaymentStatus};
use proptest::prelude::*;

use crate::fixtures::*;

fn new_order(buyer_id: i64, conversation_id: Option<i64>) -> NewOrder {
    NewOrder {
        buyer_id,
        conversation_id,
        stage: OrderStage::Inquiry,
        currency: "ARS".into(),
        items: Vec::new(),
        due_date: None,
        delivery: None,
        payment_status: PaymentStatus::Unpaid,
        notes: String::new(),
        messages: Vec::new(),
    }
}

/// Conversation "c1" with four messages; returns (conversation id, buyer id, message ids).
fn chat(shop: &Shop) -> (i64, i64, Vec<i64>) {
    let batch = [
        incoming(shop.account, "c1", "m1", NOW - 4 * HOUR, "Hola! Tenés la taza con gatito?"),
        outgoing(shop.account, "c1", "m2", NOW - 3 * HOUR, "Sí, blanca o rosa"),
        incoming(shop.account, "c1", "m3", NOW - 2 * HOUR, "Blanca. Y también quiero un plato con nombres"),
        outgoing(shop.account, "c1", "m4", NOW - HOUR, "Dale, te paso precio del plato"),
    ];
    shop.app.ingest(&batch, NOW).unwrap();
    let conversation = shop.app.conversation_id_by_ref(shop.account, "c1").unwrap().unwrap();
    let view = shop.app.conversation(conversation, NOW).unwrap();
    (conversation, view.buyer.id, view.messages.iter().map(|m| m.id).collect())
}

fn ids(app: &Mostrador, conversation: i64, filter: ThreadFilter) -> Vec<i64> {
    app.thread_messages(conversation, filter).unwrap().iter().map(|m| m.message.id).collect()
}

#[test]
fn orders_take_selected_messages_and_the_rest_stay_unsorted() {
    let shop = shop();
    let (conversation, buyer, m) = chat(&shop);
    let mug =
        shop.app.create_order_from_messages(&new_order(buyer, Some(conversation)), &m[0..2], NOW).unwrap();
    let plate =
        shop.app.create_order_from_messages(&new_order(buyer, Some(conversation)), &m[2..3], NOW).unwrap();

    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Order { order_id: mug }), m[0..2]);
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Order { order_id: plate }), m[2..3]);
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Unsorted), m[3..4]);
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::All), m);

    // Moving a message takes it out of the order it was in.
    shop.app.assign_messages(Some(plate), &[m[1], m[3]]).unwrap();
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Order { order_id: mug }), m[0..1]);
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Order { order_id: plate }), m[1..4]);
    assert!(ids(&shop.app, conversation, ThreadFilter::Unsorted).is_empty());
    let all = shop.app.thread_messages(conversation, ThreadFilter::All).unwrap();
    let marks: Vec<Option<i64>> = all.iter().map(|t| t.message.order_id).collect();
    assert_eq!(marks, [Some(mug), Some(plate), Some(plate), Some(plate)]);
    assert_eq!(shop.app.order(plate).unwrap().message_count, 3);

    shop.app.assign_messages(None, &[m[3]]).unwrap();
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Unsorted), m[3..4]);
    // The conversation screen shows the same marks.
    let view = shop.app.conversation(conversation, NOW).unwrap();
    assert_eq!(
        view.messages.iter().map(|m| m.order_id).collect::<Vec<_>>(),
        [Some(mug), Some(plate), Some(plate), None]
    );
}

#[test]
fn an_order_holds_only_its_own_buyers_messages() {
    let shop = shop();
    let (conversation, buyer, _) = chat(&shop);
    shop.app.ingest(&[incoming(shop.account, "c2", "x1", NOW - HOUR, "Otra persona")], NOW).unwrap();
    let other = shop.app.conversation_id_by_ref(shop.account, "c2").unwrap().unwrap();
    let stranger = shop.app.conversation(other, NOW).unwrap().messages[0].id;
    let order = shop.app.create_order_from_messages(&new_order(buyer, Some(conversation)), &[], NOW).unwrap();
    let err = shop.app.assign_messages(Some(order), &[stranger]).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(shop.app.assign_messages(Some(order), &[999_999]).unwrap_err().code(), "not_found");
}

#[test]
fn the_schema_refuses_a_message_in_two_orders() {
    let shop = shop();
    let (conversation, buyer, m) = chat(&shop);
    let first =
        shop.app.create_order_from_messages(&new_order(buyer, Some(conversation)), &m[0..1], NOW).unwrap();
    let second =
        shop.app.create_order_from_messages(&new_order(buyer, Some(conversation)), &[], NOW).unwrap();
    let conn = rusqlite::Connection::open(shop.dir.path().join("mostrador.db")).unwrap();
    let err = conn
        .execute("INSERT INTO order_messages (order_id, message_id) VALUES (?1, ?2)", (second, m[0]))
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    let held: i64 = conn
        .query_row("SELECT order_id FROM order_messages WHERE message_id = ?1", [m[0]], |r| r.get(0))
        .unwrap();
    assert_eq!(held, first);
}

#[test]
fn a_mercado_libre_pack_attaches_its_messages_to_its_order() {
    let shop = shop();
    let ml = shop.app.add_account(&account(ChannelKind::MercadoLibre, "Barro ML"), NOW).unwrap();
    let pack = |id: &str, at: i64, text: &str| {
        let mut message = incoming(ml, "pack-2000001", id, at, text);
        message.conversation.kind = ConversationKind::PostSale;
        message
    };
    shop.app.ingest(&[pack("p1", NOW - 3 * HOUR, "Compré la taza, cuándo la mandás?")], NOW).unwrap();
    // A chat conversation with an order does not attach anything by itself.
    let (chat_conversation, chat_buyer, _) = chat(&shop);
    let chat_order = shop
        .app
        .create_order_from_messages(&new_order(chat_buyer, Some(chat_conversation)), &[], NOW)
        .unwrap();

    let conversation = shop.app.conversation_id_by_ref(ml, "pack-2000001").unwrap().unwrap();
    let buyer = shop.app.conversation(conversation, NOW).unwrap().buyer.id;
    let order = shop.app.create_order(&new_order(buyer, Some(conversation)), NOW).unwrap();
    assert_eq!(shop.app.order(order).unwrap().message_count, 1, "the message so far joined the order");

    shop.app.ingest(&[pack("p2", NOW - HOUR, "Ya pagué el envío")], NOW).unwrap();
    shop.app.ingest(&[incoming(shop.account, "c1", "m5", NOW - 60, "Hola de nuevo")], NOW).unwrap();
    assert_eq!(shop.app.order(order).unwrap().message_count, 2, "a new message of the pack joins too");
    assert_eq!(ids(&shop.app, conversation, ThreadFilter::Unsorted), Vec::<i64>::new());
    assert_eq!(shop.app.order(chat_order).unwrap().message_count, 0);
    // Re-ingesting the same message changes nothing.
    shop.app.ingest(&[pack("p2", NOW - HOUR, "Ya pagué el envío")], NOW).unwrap();
    assert_eq!(shop.app.order(order).unwrap().message_count, 2);
}

#[test]
fn the_card_edits_and_its_checklist() {
    let shop = shop();
    let (conversation, buyer, _) = chat(&shop);
    let order = shop.app.create_order(&new_order(buyer, Some(conversation)), NOW).unwrap();
    let missing = |app: &Mostrador| -> Vec<ChecklistItem> {
        app.order(order).unwrap().checklist.into_iter().filter(|e| !e.done).map(|e| e.item).collect()
    };
    assert_eq!(missing(&shop.app), ChecklistItem::ALL);

    let mut update = OrderUpdate {
        currency: "ars".into(),
        items: vec![OrderItem {
            product: "Taza con gatito".into(),
            variant: Some("Blanca".into()),
            quantity: 2,
            unit_price_minor: 1_690_000,
        }],
        due_date: Some("2025-06-20".into()),
        delivery: Some(Delivery {
            method: DeliveryMethod::MeetingPoint,
            address: None,
            place: Some("Subte D, Tribunales".into()),
            time_note: Some("18:30".into()),
            picked_up_by: Some("Hernán".into()),
        }),
        payment_status: PaymentStatus::Partial,
        notes: "  seña 50%  ".into(),
    };
    shop.app.update_order(order, &update, NOW).unwrap();
    let view = shop.app.order(order).unwrap();
    assert_eq!(view.currency, "ARS");
    assert_eq!(view.total_minor, 3_380_000);
    assert_eq!(view.notes, "seña 50%");
    assert_eq!(view.delivery.as_ref().unwrap().picked_up_by.as_deref(), Some("Hernán"));
    assert_eq!(missing(&shop.app), [ChecklistItem::Payment]);

    update.payment_status = PaymentStatus::Paid;
    update.items.clear();
    shop.app.update_order(order, &update, NOW).unwrap();
    assert_eq!(missing(&shop.app), [ChecklistItem::Product, ChecklistItem::Variant, ChecklistItem::Quantity]);

    update.due_date = Some("2025-02-30".into());
    assert_eq!(shop.app.update_order(order, &update, NOW).unwrap_err().code(), "invalid_input");
    assert_eq!(
        shop.app.update_order(4242, &OrderUpdate { due_date: None, ..update }, NOW).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn the_pipeline_moves_forward_back_one_step_and_cancels() {
    let shop = shop();
    let (conversation, buyer, _) = chat(&shop);
    let order = shop.app.create_order(&new_order(buyer, Some(conversation)), NOW).unwrap();
    let stage = |app: &Mostrador| app.order(order).unwrap().stage;
    for to in [OrderStage::Agreed, OrderStage::Paid, OrderStage::Agreed, OrderStage::InProduction] {
        shop.app.set_order_stage(order, to, NOW).unwrap();
        assert_eq!(stage(&shop.app), to);
    }
    assert_eq!(
        shop.app.set_order_stage(order, OrderStage::Inquiry, NOW).unwrap_err().code(),
        "invalid_input"
    );
    shop.app.set_order_stage(order, OrderStage::Cancelled, NOW).unwrap();
    assert_eq!(shop.app.order(order).unwrap().next_stages, [OrderStage::InProduction]);
    assert!(shop.app.order(order).unwrap().checklist.is_empty());
    shop.app.set_order_stage(order, OrderStage::InProduction, NOW).unwrap();
    for to in [OrderStage::Ready, OrderStage::PickedUp, OrderStage::Delivered] {
        shop.app.set_order_stage(order, to, NOW).unwrap();
    }
    assert_eq!(
        shop.app.set_order_stage(order, OrderStage::Cancelled, NOW).unwrap_err().code(),
        "invalid_input"
    );
    assert_eq!(shop.app.set_order_stage(77, OrderStage::Paid, NOW).unwrap_err().code(), "not_found");
}

#[test]
fn today_lists_agreed_orders_overdue_first() {
    let shop = shop();
    shop.app
        .save_settings(&Settings {
            time_zone: Some("America/Argentina/Cordoba".into()),
            ..Settings::default()
        })
        .unwrap();
    let (conversation, buyer, _) = chat(&shop);
    let make = |due: Option<&str>, stage: OrderStage| {
        let mut order = new_order(buyer, Some(conversation));
        order.due_date = due.map(String::from);
        order.stage = stage;
        shop.app.create_order(&order, NOW).unwrap()
    };
    // NOW is the 15th of June 2025 in Córdoba.
    let later = make(Some("2025-06-20"), OrderStage::Agreed);
    let undated = make(None, OrderStage::Agreed);
    let late = make(Some("2025-06-10"), OrderStage::InProduction);
    let today = make(Some("2025-06-15"), OrderStage::Ready);
    let later_still = make(Some("2025-07-01"), OrderStage::Paid);
    make(Some("2025-06-01"), OrderStage::Delivered);
    make(Some("2025-06-01"), OrderStage::Cancelled);
    make(Some("2025-06-01"), OrderStage::Shipped);
    make(Some("2025-06-01"), OrderStage::Inquiry);

    let view = shop.app.today(NOW).unwrap();
    assert_eq!(view.date, "2025-06-15");
    let order: Vec<(i64, Option<i64>)> = view.rows.iter().map(|r| (r.order.id, r.days_left)).collect();
    assert_eq!(
        order,
        [(late, Some(-5)), (today, Some(0)), (later, Some(5)), (later_still, Some(16)), (undated, None)]
    );
    assert_eq!(view.rows[0].buyer_name, "Buyer c1");
    assert_eq!(view.rows[0].channel, Some(ChannelKind::WhatsApp));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever the seller creates and moves, each message is in at most one order, and the
    /// order filters and the unsorted bucket split the conversation exactly.
    #[test]
    fn a_message_belongs_to_at_most_one_order(
        moves in prop::collection::vec((0usize..4, prop::collection::vec(0usize..4, 0..4)), 1..12)
    ) {
        let shop = shop();
        let (conversation, buyer, m) = chat(&shop);
        let mut orders: Vec<i64> = Vec::new();
        for (target, picks) in moves {
            let picked: Vec<i64> = picks.iter().map(|&i| m[i]).collect();
            match target {
                0 => orders.push(shop.app.create_order_from_messages(&new_order(buyer, Some(conversation)), &picked, NOW).unwrap()),
                1 => shop.app.assign_messages(None, &picked).unwrap(),
                n if !orders.is_empty() => shop.app.assign_messages(Some(orders[n % orders.len()]), &picked).unwrap(),
                _ => {}
            }
        }
        let mut seen: Vec<i64> = ids(&shop.app, conversation, ThreadFilter::Unsorted);
        for &order in &orders {
            let thread = ids(&shop.app, conversation, ThreadFilter::Order { order_id: order });
            prop_assert_eq!(thread.len() as u32, shop.app.order(order).unwrap().message_count);
            seen.extend(thread);
        }
        seen.sort_unstable();
        let mut all = m.clone();
        all.sort_unstable();
        prop_assert_eq!(seen, all, "each message exactly once across orders and unsorted");
    }
}
