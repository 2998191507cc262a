//! Committing a round's messages in any split and any order (with repeats, as a crash and a
//! re-fetch produce) ends in the same store as committing them at once: same messages, no
//! duplicates, same conversation state, the same messages in the pack's order.

use mostrador_core::Mostrador;
use mostrador_core::accounts::{ChannelOrder, SyncBatch};
use mostrador_core::inbox::InboxQuery;
use mostrador_core::ingest::IngestMessage;
use mostrador_core::orders::OrderItem;
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus, OrderStage, PaymentStatus};
use proptest::prelude::*;

use crate::fixtures::*;

/// (thread 0..3, incoming?, minutes before NOW, outgoing reply failed?)
type Spec = (u8, bool, u16, bool);

fn messages_of(account: i64, specs: &[Spec]) -> Vec<IngestMessage> {
    specs
        .iter()
        .enumerate()
        .map(|(n, &(thread, incoming_, minutes, failed))| {
            let direction = if incoming_ { Direction::Incoming } else { Direction::Outgoing };
            let mut m = message(
                account,
                &format!("chat-{thread}"),
                ConversationKind::PostSale,
                &format!("u{n}"),
                direction,
                NOW - i64::from(minutes) * MINUTE,
                &format!("mensaje {n}"),
            );
            if !incoming_ && failed {
                m.status = MessageStatus::Failed;
            }
            m
        })
        .collect()
}

/// Everything that must not depend on how the messages arrived.
fn snapshot(app: &Mostrador) -> Vec<String> {
    let page = app.inbox(&InboxQuery { limit: 100, ..InboxQuery::default() }, NOW).unwrap();
    let mut out = Vec::new();
    for row in page.rows {
        out.push(format!(
            "{:?} {:?} {:?} {:?} {}",
            row.subject, row.status, row.waiting_since, row.last_message_at, row.unread
        ));
        let view = app.conversation(row.conversation_id, NOW).unwrap();
        let mut texts: Vec<String> = view
            .messages
            .iter()
            .map(|m| {
                format!(
                    "{} {:?} {} {:?} in order: {}",
                    m.text,
                    m.direction,
                    m.sent_at,
                    m.status,
                    m.order_id.is_some()
                )
            })
            .collect();
        texts.sort();
        out.push(format!("{}: {}", view.buyer.name, texts.join(" | ")));
    }
    out.push(format!("orders: {}", app.stats().unwrap().orders));
    out.sort();
    out
}

/// The purchase whose pack is `chat-0`.
fn pack_order() -> ChannelOrder {
    ChannelOrder {
        external_ref: "2000001".into(),
        thread_ref: Some("chat-0".into()),
        buyer: buyer("chat-0"),
        items: vec![OrderItem { product: "Taza".into(), variant: None, quantity: 1, unit_price_minor: 100 }],
        currency: "ARS".into(),
        stage: OrderStage::Paid,
        payment_status: PaymentStatus::Paid,
        created_at: NOW - DAY,
        ship_by: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_split_and_order_of_batches_stores_the_same(
        specs in prop::collection::vec((0u8..3, any::<bool>(), 0u16..600, any::<bool>()), 1..30),
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        order in any::<prop::sample::Index>(),
        order_batch in any::<prop::sample::Index>(),
        repeats in prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    ) {
        let reference = shop();
        let all = messages_of(reference.ml, &specs);
        let mut at_once = batch(all.clone(), vec![cursor("packs", "end")]);
        at_once.orders.push(pack_order());
        reference.app.commit_sync(reference.ml, &at_once, NOW).unwrap();
        let expected = snapshot(&reference.app);

        // Split into batches at the cuts, shuffle them, and fold some messages into a second batch
        // too (a round fetched again after a crash).
        let mut bounds: Vec<usize> = cuts.iter().map(|c| c.index(all.len() + 1)).collect();
        bounds.extend([0, all.len()]);
        bounds.sort_unstable();
        bounds.dedup();
        let mut batches: Vec<Vec<IngestMessage>> = bounds.windows(2).map(|w| all[w[0]..w[1]].to_vec()).collect();
        let rotate = order.index(batches.len());
        batches.rotate_left(rotate);
        let last = batches.len() - 1;
        batches.swap(0, last);
        for r in &repeats {
            let again = all[r.index(all.len())].clone();
            let target = r.index(batches.len());
            batches[target].push(again);
        }

        let split = shop();
        let mut inserted = 0;
        let with_order = order_batch.index(batches.len());
        for (n, messages) in batches.iter().enumerate() {
            let mut round = SyncBatch { messages: messages.clone(), cursors: vec![cursor("packs", &n.to_string())], ..SyncBatch::default() };
            if n == with_order {
                round.orders.push(pack_order());
            }
            inserted += split.app.commit_sync(split.ml, &round, NOW).unwrap().inserted;
        }
        prop_assert_eq!(inserted as usize, all.len(), "each message stored exactly once");
        prop_assert_eq!(split.app.stats().unwrap().messages as usize, all.len());
        prop_assert_eq!(snapshot(&split.app), expected);
    }
}
