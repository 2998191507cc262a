//! commit_sync: one transaction, idempotent, cursors only move with their data.

use mostrador_core::Error;
use mostrador_core::accounts::{ChannelOrder, ConversationUpdate, SyncBatch, SyncCommitReport};
use mostrador_core::orders::OrderItem;
use mostrador_core::vocabulary::{ConversationKind, ConversationStatus, OrderStage, PaymentStatus};

use crate::fixtures::*;

fn export(shop: &Shop) -> String {
    let mut out = Vec::new();
    shop.app.export_json(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn round(shop: &Shop) -> SyncBatch {
    let pack = ConversationKind::PostSale;
    SyncBatch {
        messages: vec![
            incoming(shop.ml, "pack-1", pack, "m1", NOW - 2 * HOUR, "Hola, ¿cuándo sale?"),
            message(
                shop.ml,
                "pack-1",
                pack,
                "m2",
                mostrador_core::vocabulary::Direction::Outgoing,
                NOW - HOUR,
                "Mañana",
            ),
            incoming(shop.ml, "pack-1", pack, "m3", NOW - 30 * MINUTE, "¡Gracias!"),
            incoming(
                shop.ml,
                "q-7",
                ConversationKind::PreSaleQuestion,
                "q-7",
                NOW - 10 * MINUTE,
                "¿Hay en verde?",
            ),
        ],
        cursors: vec![cursor("packs", "2025-06-15T11:30:00Z"), cursor("questions", "q-7")],
        orders: vec![ChannelOrder {
            external_ref: "2000001".into(),
            thread_ref: Some("pack-1".into()),
            buyer: buyer("pack-1"),
            items: vec![OrderItem {
                product: "Taza esmaltada".into(),
                variant: Some("Azul".into()),
                quantity: 2,
                unit_price_minor: 450_000,
            }],
            currency: "ARS".into(),
            stage: OrderStage::Paid,
            payment_status: PaymentStatus::Paid,
            created_at: NOW - 3 * HOUR,
            ship_by: None,
        }],
        conversations: vec![ConversationUpdate {
            external_ref: "q-7".into(),
            kind: ConversationKind::PreSaleQuestion,
            subject: Some("Taza esmaltada".into()),
            blocked_reason: None,
            reply_until: None,
            listing_ref: Some("MLA123".into()),
            private_reply_until: None,
            older_history_unavailable: false,
        }],
        deleted_messages: vec!["m3".into()],
        reactions: Vec::new(),
        ..SyncBatch::default()
    }
}

#[test]
fn committing_the_same_batch_twice_changes_nothing() {
    let shop = shop();
    let batch = round(&shop);
    let first = shop.app.commit_sync(shop.ml, &batch, NOW).unwrap();
    assert_eq!(first, SyncCommitReport { inserted: 4, updated: 0, unchanged: 0, orders_upserted: 1 });
    let before = export(&shop);

    let again = shop.app.commit_sync(shop.ml, &batch, NOW + MINUTE).unwrap();
    assert_eq!(again, SyncCommitReport { inserted: 0, updated: 0, unchanged: 4, orders_upserted: 0 });
    assert_eq!(export(&shop), before, "not one column of one row changed, timestamps included");
    assert_eq!(shop.app.sync_cursor(shop.ml, "packs").unwrap().as_deref(), Some("2025-06-15T11:30:00Z"));
    assert_eq!(shop.app.sync_cursor(shop.ml, "questions").unwrap().as_deref(), Some("q-7"));
}

#[test]
fn a_failing_batch_stores_nothing_and_leaves_the_cursors_where_they_were() {
    let shop = shop();
    let first = batch(
        vec![incoming(shop.telegram, "chat-1", ConversationKind::Chat, "u1", NOW - HOUR, "Hola")],
        vec![cursor("updates", "101")],
    );
    shop.app.commit_sync(shop.telegram, &first, NOW).unwrap();
    let before = export(&shop);

    // Valid messages, then one the store refuses: nothing of the batch may stay.
    let mut bad = incoming(shop.telegram, "chat-2", ConversationKind::Chat, "", NOW, "sin id");
    bad.external_id = " ".into();
    let failing = batch(
        vec![incoming(shop.telegram, "chat-1", ConversationKind::Chat, "u2", NOW - MINUTE, "¿Sigue?"), bad],
        vec![cursor("updates", "105")],
    );
    assert!(matches!(shop.app.commit_sync(shop.telegram, &failing, NOW), Err(Error::InvalidInput(_))));
    assert_eq!(export(&shop), before);
    assert_eq!(shop.app.sync_cursor(shop.telegram, "updates").unwrap().as_deref(), Some("101"));

    // An order the store refuses (late in the batch) rolls back the messages before it too.
    let mut with_bad_order = batch(
        vec![incoming(shop.ml, "pack-9", ConversationKind::PostSale, "p9", NOW, "Hola")],
        vec![cursor("orders", "9")],
    );
    with_bad_order.orders.push(ChannelOrder {
        external_ref: "9".into(),
        thread_ref: Some("pack-9".into()),
        buyer: buyer("pack-9"),
        items: Vec::new(),
        currency: "pesos".into(),
        stage: OrderStage::Paid,
        payment_status: PaymentStatus::Paid,
        created_at: NOW,
        ship_by: None,
    });
    assert!(shop.app.commit_sync(shop.ml, &with_bad_order, NOW).is_err());
    assert_eq!(export(&shop), before);
    assert_eq!(shop.app.sync_cursor(shop.ml, "orders").unwrap(), None);
}

#[test]
fn messages_of_another_account_are_refused() {
    let shop = shop();
    let stray =
        batch(vec![incoming(shop.telegram, "chat-1", ConversationKind::Chat, "u1", NOW, "Hola")], vec![]);
    assert!(matches!(shop.app.commit_sync(shop.ml, &stray, NOW), Err(Error::InvalidInput(_))));
    assert!(matches!(shop.app.commit_sync(999, &SyncBatch::default(), NOW), Err(Error::NotFound { .. })));
}

#[test]
fn what_the_channel_says_about_a_conversation_is_kept() {
    let shop = shop();
    shop.app.commit_sync(shop.ml, &round(&shop), NOW).unwrap();
    let question = conversation_id(&shop, shop.ml, "q-7");
    let view = shop.app.conversation(question, NOW).unwrap();
    assert_eq!(view.summary.subject.as_deref(), Some("Taza esmaltada"));
    assert_eq!(view.send.blocked_reason, None);

    let blocked = SyncBatch {
        conversations: vec![
            ConversationUpdate {
                external_ref: "pack-1".into(),
                kind: ConversationKind::PostSale,
                subject: None,
                blocked_reason: Some("blocked_by_time".into()),
                reply_until: None,
                listing_ref: None,
                private_reply_until: None,
                older_history_unavailable: false,
            },
            // Not stored yet (no message): nothing to update, and no error.
            ConversationUpdate {
                external_ref: "pack-unknown".into(),
                kind: ConversationKind::PostSale,
                subject: None,
                blocked_reason: Some("blocked_by_buyer".into()),
                reply_until: None,
                listing_ref: None,
                private_reply_until: None,
                older_history_unavailable: false,
            },
        ],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(shop.ml, &blocked, NOW).unwrap();
    let pack = conversation_id(&shop, shop.ml, "pack-1");
    assert_eq!(
        shop.app.conversation(pack, NOW).unwrap().send.blocked_reason.as_deref(),
        Some("blocked_by_time")
    );
    assert_eq!(shop.app.conversation_id_by_ref(shop.ml, "pack-unknown").unwrap(), None);
}

#[test]
fn a_message_the_buyer_deleted_keeps_its_text_marked_deleted() {
    let shop = shop();
    shop.app.commit_sync(shop.ml, &round(&shop), NOW).unwrap();
    let pack = conversation_id(&shop, shop.ml, "pack-1");
    let deleted: Vec<_> = messages(&shop, pack).into_iter().filter(|m| m.deleted_at.is_some()).collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!((deleted[0].text.as_str(), deleted[0].deleted_at), ("¡Gracias!", Some(NOW)));
    // The buyer's words still count: the conversation waits for the seller.
    assert_eq!(shop.app.conversation(pack, NOW).unwrap().summary.status, ConversationStatus::NeedsReply);
}

#[test]
fn edits_arrive_as_the_same_message_with_new_text() {
    let shop = shop();
    let kind = ConversationKind::Chat;
    shop.app
        .commit_sync(
            shop.telegram,
            &batch(
                vec![incoming(shop.telegram, "c", kind, "u1", NOW, "Hola, quiero 2")],
                vec![cursor("updates", "1")],
            ),
            NOW,
        )
        .unwrap();
    let report = shop
        .app
        .commit_sync(
            shop.telegram,
            &batch(
                vec![incoming(shop.telegram, "c", kind, "u1", NOW, "Hola, quiero 3")],
                vec![cursor("updates", "2")],
            ),
            NOW,
        )
        .unwrap();
    assert_eq!((report.inserted, report.updated), (0, 1));
    let texts: Vec<_> =
        messages(&shop, conversation_id(&shop, shop.telegram, "c")).into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["Hola, quiero 3"]);
    assert_eq!(shop.app.sync_cursor(shop.telegram, "updates").unwrap().as_deref(), Some("2"));
}
