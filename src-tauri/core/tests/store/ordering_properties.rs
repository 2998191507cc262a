//! Whatever order and however split a set of messages arrives in, the conversations end the same,
//! and in the state the rules describe.

use std::collections::BTreeMap;

use mostrador_core::ingest::IngestMessage;
use mostrador_core::vocabulary::{ConversationStatus, Direction, MessageStatus};
use proptest::prelude::*;

use crate::fixtures::*;

const CONVERSATIONS: usize = 3;
/// Each conversation starts with one message from the buyer, sent here.
const OPENED_AT: i64 = NOW - 20_000;

/// (conversation, from the buyer, a reply that failed) for each message; message `i` is sent at
/// `sent_at(i)`, after the opening messages.
type Spec = Vec<(usize, bool, bool)>;

fn sent_at(i: usize) -> i64 {
    NOW - 10_000 + 10 * i as i64
}

fn messages(account: i64, spec: &Spec) -> Vec<IngestMessage> {
    spec.iter()
        .enumerate()
        .map(|(i, &(conversation, from_buyer, failed))| {
            let direction = if from_buyer { Direction::Incoming } else { Direction::Outgoing };
            let mut message =
                message(account, &format!("c{conversation}"), &format!("m{i}"), direction, sent_at(i), "…");
            if failed && !from_buyer {
                message.status = MessageStatus::Failed;
            }
            message
        })
        .collect()
}

/// A shop where every conversation was opened by the buyer and then, maybe, given a status by hand.
fn opened_shop(manual: &[Option<ConversationStatus>]) -> Shop {
    let shop = shop();
    for (c, status) in manual.iter().enumerate() {
        let conversation = format!("c{c}");
        shop.app
            .ingest(&[incoming(shop.account, &conversation, &format!("open{c}"), OPENED_AT, "Hola")], NOW)
            .unwrap();
        if let Some(status) = *status {
            let id = shop.app.conversation_id_by_ref(shop.account, &conversation).unwrap().unwrap();
            shop.app.set_status(id, status, None, NOW).unwrap();
        }
    }
    shop
}

/// Every conversation's stored aggregates, keyed by its external ref. Ids and buyer ids depend on
/// arrival order and the write timestamps on when things were written, so those are left out.
fn aggregates(shop: &Shop) -> BTreeMap<String, serde_json::Value> {
    let export = export(&shop.app);
    let mut by_ref = BTreeMap::new();
    for conversation in export["tables"]["conversations"].as_array().unwrap() {
        let mut conversation = conversation.clone();
        let fields = conversation.as_object_mut().unwrap();
        for volatile in ["id", "buyer_id", "created_at", "updated_at"] {
            fields.remove(volatile);
        }
        let key = fields["external_ref"].as_str().unwrap().to_owned();
        let row = row(&shop.app, shop.account, &key);
        fields.insert("preview".into(), row.preview.into());
        fields.insert("last_direction".into(), serde_json::to_value(row.last_direction).unwrap());
        by_ref.insert(key, conversation);
    }
    by_ref
}

/// What the rules say a conversation ends in: (waiting_since, status, unread).
fn expected(
    manual: Option<ConversationStatus>,
    mine: &[(i64, bool, bool)],
) -> (Option<i64>, ConversationStatus, usize) {
    use ConversationStatus::*;
    let last_reply = mine.iter().filter(|m| !m.1 && !m.2).map(|m| m.0).max();
    let last_incoming = mine.iter().filter(|m| m.1).map(|m| m.0).max().max(Some(OPENED_AT));
    let handled = matches!(manual, Some(Done | WaitingForBuyer)).then_some(OPENED_AT);
    let answered = last_reply.max(handled);
    let waiting = std::iter::once(OPENED_AT)
        .chain(mine.iter().filter(|m| m.1).map(|m| m.0))
        .filter(|&at| Some(at) > answered)
        .min();
    let follows_messages = match manual {
        None => true,
        Some(status) => last_incoming > Some(OPENED_AT) || (status != Done && last_reply > Some(OPENED_AT)),
    };
    let status = match (follows_messages, manual) {
        (false, Some(status)) => status,
        _ if waiting.is_some() => NeedsReply,
        _ => WaitingForBuyer,
    };
    (waiting, status, 1 + mine.iter().filter(|m| m.1).count())
}

type Case = (Vec<Option<ConversationStatus>>, Spec, Vec<usize>, Vec<usize>);

fn cases() -> impl Strategy<Value = Case> {
    let manual = prop::collection::vec(
        prop::option::of(prop::sample::select(ConversationStatus::ALL.to_vec())),
        CONVERSATIONS,
    );
    let spec = prop::collection::vec((0..CONVERSATIONS, any::<bool>(), prop::bool::weighted(0.2)), 1..24);
    (manual, spec).prop_flat_map(|(manual, spec)| {
        let n = spec.len();
        (
            Just(manual),
            Just(spec),
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            prop::collection::vec(1..5usize, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_order_and_any_split_end_the_same((manual, spec, order, chunks) in cases()) {
        let reference = opened_shop(&manual);
        let all_at_once = messages(reference.account, &spec);
        reference.app.ingest(&all_at_once, NOW).unwrap();
        let settled = aggregates(&reference);

        let shuffled = opened_shop(&manual);
        let mut pending: Vec<IngestMessage> = order.iter().map(|&i| all_at_once[i].clone()).collect();
        let mut chunk_sizes = chunks.iter();
        while !pending.is_empty() {
            let size = (*chunk_sizes.next().unwrap_or(&1)).min(pending.len());
            let batch: Vec<_> = pending.drain(..size).collect();
            shuffled.app.ingest(&batch, NOW).unwrap();
        }
        prop_assert_eq!(aggregates(&shuffled), settled.clone());

        for (c, status) in manual.iter().enumerate() {
            let mine: Vec<(i64, bool, bool)> = spec.iter().enumerate()
                .filter(|(_, s)| s.0 == c)
                .map(|(i, s)| (sent_at(i), s.1, s.2))
                .collect();
            let (waiting, status, unread) = expected(*status, &mine);
            let stored = &settled[&format!("c{c}")];
            prop_assert_eq!(&stored["waiting_since"], &serde_json::json!(waiting));
            prop_assert_eq!(&stored["status"], &serde_json::json!(status));
            prop_assert_eq!(&stored["unread_count"], &serde_json::json!(unread));
            let last = mine.iter().map(|m| m.0).max().unwrap_or(OPENED_AT);
            prop_assert_eq!(&stored["last_message_at"], &serde_json::json!(last));
        }
    }
}
