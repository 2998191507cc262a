//! The conversation screen and what the seller does to a conversation, buyer and order.

use mostrador_core::Error;
use mostrador_core::ingest::MessageRef;
use mostrador_core::orders::{Delivery, NewOrder, OrderItem};
use mostrador_core::settings::Settings;
use mostrador_core::vocabulary::{ConversationStatus, DeliveryMethod, Language, OrderStage, PaymentStatus};

use crate::fixtures::*;

fn order(buyer_id: i64, conversation_id: Option<i64>) -> NewOrder {
    NewOrder {
        buyer_id,
        conversation_id,
        stage: OrderStage::Agreed,
        currency: "ARS".into(),
        items: vec![
            OrderItem {
                product: "Taza".into(),
                variant: Some("azul".into()),
                quantity: 2,
                unit_price_minor: 450_000,
            },
            OrderItem { product: "Mate".into(), variant: None, quantity: 1, unit_price_minor: 700_000 },
        ],
        due_date: Some("2025-06-20".into()),
        delivery: Some(Delivery {
            method: DeliveryMethod::MeetingPoint,
            address: None,
            place: Some("Subte Línea D, estación Tribunales".into()),
            time_note: Some("el jueves, 18:30".into()),
            picked_up_by: Some("su marido".into()),
        }),
        payment_status: PaymentStatus::Partial,
        notes: "Seña por transferencia".into(),
        messages: Vec::new(),
    }
}

#[test]
fn the_screen_shows_messages_buyer_and_orders() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "m2", NOW - 2 * HOUR, "Quiero dos tazas azules y un mate"),
                incoming(a, "ana", "m1", NOW - 3 * HOUR, "Hola"),
                outgoing(a, "ana", "m3", NOW - HOUR, "¡Perfecto! Te las separo"),
            ],
            NOW,
        )
        .unwrap();
    let ana = row(&shop.app, a, "ana");
    let mut with_messages = order(ana.buyer_id, Some(ana.conversation_id));
    with_messages.messages = vec![
        MessageRef { account_id: a, external_id: "m2".into() },
        MessageRef { account_id: a, external_id: "m3".into() },
    ];
    let first = shop.app.create_order(&with_messages, NOW - HOUR).unwrap();
    let second = shop.app.create_order(&order(ana.buyer_id, None), NOW).unwrap();
    shop.app.set_buyer_profile(ana.buyer_id, "  Prefiere retirar  ", &["frecuente".into()]).unwrap();

    let view = shop.app.conversation(ana.conversation_id, NOW).unwrap();
    assert_eq!(view.summary, row(&shop.app, a, "ana"));
    assert_eq!(view.summary.order_stage, Some(OrderStage::Agreed));
    let texts: Vec<(&str, Option<i64>)> =
        view.messages.iter().map(|m| (m.text.as_str(), m.order_id)).collect();
    assert_eq!(
        texts,
        [
            ("Hola", None),
            ("Quiero dos tazas azules y un mate", Some(first)),
            ("¡Perfecto! Te las separo", Some(first))
        ]
    );
    assert_eq!((view.buyer.name.as_str(), view.buyer.notes.as_str()), ("Buyer ana", "Prefiere retirar"));
    assert_eq!(view.buyer.tags, ["frecuente"]);
    assert_eq!(view.buyer.identities[0].account_name, "Taller WhatsApp");
    assert_eq!(view.orders.iter().map(|o| o.id).collect::<Vec<_>>(), [second, first], "newest first");
    let stored = &view.orders[1];
    assert_eq!(stored.total_minor, 2 * 450_000 + 700_000);
    assert_eq!(stored.items, with_messages.items);
    assert_eq!(stored.delivery, with_messages.delivery);
    assert_eq!(
        (stored.due_date.as_deref(), stored.payment_status),
        (Some("2025-06-20"), PaymentStatus::Partial)
    );
    assert_eq!(shop.app.stats().unwrap().orders, 2);
}

#[test]
fn orders_are_validated() {
    let shop = shop();
    shop.app.ingest(&[incoming(shop.account, "ana", "m1", NOW - HOUR, "Hola")], NOW).unwrap();
    let ana = row(&shop.app, shop.account, "ana");
    let bad = |change: fn(&mut NewOrder)| {
        let mut order = order(ana.buyer_id, Some(ana.conversation_id));
        change(&mut order);
        shop.app.create_order(&order, NOW).expect_err("refused")
    };
    assert_eq!(bad(|o| o.currency = "pesos".into()).code(), "invalid_input");
    assert_eq!(bad(|o| o.due_date = Some("2025-02-30".into())).code(), "invalid_input");
    assert_eq!(bad(|o| o.due_date = Some("20/06/2025".into())).code(), "invalid_input");
    assert_eq!(bad(|o| o.items[0].quantity = 0).code(), "invalid_input");
    assert_eq!(bad(|o| o.buyer_id = 999).code(), "not_found");
    assert_eq!(bad(|o| o.conversation_id = Some(999)).code(), "not_found");
    assert_eq!(
        bad(|o| o.messages = vec![MessageRef { account_id: 1, external_id: "nope".into() }]).code(),
        "not_found"
    );
    assert_eq!(shop.app.stats().unwrap().orders, 0, "a refused order leaves nothing behind");

    let mut lower = order(ana.buyer_id, None);
    lower.currency = "brl".into();
    let id = shop.app.create_order(&lower, NOW).unwrap();
    let view = shop.app.conversation(ana.conversation_id, NOW).unwrap();
    assert_eq!(view.orders.iter().find(|o| o.id == id).unwrap().currency, "BRL");
}

#[test]
fn status_changes_are_checked() {
    let shop = shop();
    shop.app.ingest(&[incoming(shop.account, "ana", "m1", NOW - HOUR, "Hola")], NOW).unwrap();
    let id = row(&shop.app, shop.account, "ana").conversation_id;
    let code = |status, until| shop.app.set_status(id, status, until, NOW).err().map(|e: Error| e.code());
    assert_eq!(code(ConversationStatus::Snoozed, Some(NOW - 1)), Some("invalid_input"));
    assert_eq!(code(ConversationStatus::Done, Some(NOW + HOUR)), Some("invalid_input"));
    assert_eq!(code(ConversationStatus::Snoozed, Some(NOW + HOUR)), None);

    // Back to needs-reply: the buyer has been waiting since the first unanswered message.
    shop.app.set_status(id, ConversationStatus::Done, None, NOW).unwrap();
    assert_eq!(row(&shop.app, shop.account, "ana").waiting_since, None);
    shop.app.set_status(id, ConversationStatus::NeedsReply, None, NOW).unwrap();
    let ana = row(&shop.app, shop.account, "ana");
    assert_eq!((ana.status, ana.waiting_since), (ConversationStatus::NeedsReply, Some(NOW - HOUR)));
}

#[test]
fn missing_things_are_not_found() {
    let shop = shop();
    let missing = 4242;
    let codes = [
        shop.app.conversation(missing, NOW).err(),
        shop.app.set_status(missing, ConversationStatus::Done, None, NOW).err(),
        shop.app.set_tags(missing, &["x".into()]).err(),
        shop.app.set_pinned(missing, true).err(),
        shop.app.mark_read(missing).err(),
        shop.app.set_buyer_profile(missing, "", &[]).err(),
    ];
    for err in codes {
        assert_eq!(err.expect("refused").code(), "not_found");
    }
    assert_eq!(shop.app.conversation_id_by_ref(shop.account, "nope").unwrap(), None);
}

#[test]
fn settings_round_trip() {
    let shop = shop();
    assert_eq!(shop.app.settings().unwrap(), Settings::default());
    let settings = Settings {
        language: Some(Language::PtBr),
        shop_name: Some("Cerâmica da Ana".into()),
        time_zone: Some("America/Sao_Paulo".into()),
    };
    shop.app.save_settings(&settings).unwrap();
    assert_eq!(shop.app.settings().unwrap(), settings);

    shop.app.save_settings(&Settings { shop_name: Some("  ".into()), ..Settings::default() }).unwrap();
    assert_eq!(shop.app.settings().unwrap(), Settings::default());
    let bad = Settings { time_zone: Some("not a zone".into()), ..Settings::default() };
    assert_eq!(shop.app.save_settings(&bad).err().unwrap().code(), "invalid_input");
}

// ---- the quick picker's system-wide shortcut

#[test]
fn the_quick_picker_shortcut_is_stored_and_checked_for_shape() {
    let shop = shop();
    assert_eq!(shop.app.quick_picker_shortcut().unwrap(), None, "unset: the shell's default");
    shop.app.save_quick_picker_shortcut(Some(" Control+Alt+KeyK ")).unwrap();
    assert_eq!(shop.app.quick_picker_shortcut().unwrap().as_deref(), Some("Control+Alt+KeyK"));
    for bad in ["Control++K", "Control+<script>", "+K"] {
        let err = shop.app.save_quick_picker_shortcut(Some(bad)).unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{bad:?}");
    }
    assert_eq!(shop.app.quick_picker_shortcut().unwrap().as_deref(), Some("Control+Alt+KeyK"));
    shop.app.save_quick_picker_shortcut(None).unwrap();
    assert_eq!(shop.app.quick_picker_shortcut().unwrap(), None);
}
