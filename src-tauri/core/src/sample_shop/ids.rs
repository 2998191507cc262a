//! Channel-style external ids for conversations and messages, minted once every thread exists:
//! unique per account and the same for the same `now`, so loading twice never duplicates.

use std::collections::BTreeSet;

use crate::vocabulary::{ConversationKind, Direction};

use super::accounts::AccountKey;
use super::plan::ShopPlan;
use super::random::Rng;

pub(super) fn mint(plan: &mut ShopPlan, rng: &mut Rng) {
    // Conversation refs and message ids are separate namespaces in the store.
    let mut refs: Vec<BTreeSet<String>> = vec![BTreeSet::new(); AccountKey::ALL.len()];
    let mut message_ids: Vec<BTreeSet<String>> = vec![BTreeSet::new(); AccountKey::ALL.len()];
    // Mercado Libre numbers questions and packs in the order they happen.
    let mut order: Vec<usize> = (0..plan.threads.len()).collect();
    order.sort_by_key(|&i| (plan.threads[i].messages.first().map_or(0, |m| m.sent_at), i));
    let mut question_id: u64 = 13_018_400_000;
    let mut pack_id: u64 = 2_000_010_550_000_000;
    let mut counter: u64 = 0;

    for i in order {
        let thread = &mut plan.threads[i];
        let account = thread.account;
        counter += 1;
        let conversation_ref = match (account, thread.conversation.kind) {
            (AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr, ConversationKind::PreSaleQuestion) => {
                question_id += rng.range(900, 40_000) as u64;
                question_id.to_string()
            }
            (AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr, _) => {
                pack_id += rng.range(1_000_000, 90_000_000) as u64;
                pack_id.to_string()
            }
            (AccountKey::Instagram, _) => format!("aWdfZAG06{:06x}{}", counter, rng.hex(18)),
            // An imported chat is keyed on the other person's number, like the export's file name.
            (AccountKey::WhatsApp, _) => format!("wa-chat:{}", thread.buyer.external_id),
            (AccountKey::Etsy, _) => format!("etsy-conversation-{}", 1_480_000_000 + counter * 7919),
            (AccountKey::Email, _) => format!("<CA+{}{:x}@mail.gmail.com>", rng.hex(20), counter),
        };
        thread.conversation.external_ref = unique(&mut refs[account.index()], conversation_ref);

        let question = thread.conversation.kind == ConversationKind::PreSaleQuestion;
        let reference = thread.conversation.external_ref.clone();
        for (n, message) in thread.messages.iter_mut().enumerate() {
            counter += 1;
            let id = match account {
                AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr if question => match n {
                    0 => reference.clone(),
                    _ => format!("{reference}:answer"),
                },
                AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr => {
                    format!("{:08x}{}", counter, rng.hex(24))
                }
                AccountKey::Instagram => format!("aWdfZAG1faXRlbToxOklH{:06x}{}", counter, rng.hex(14)),
                AccountKey::WhatsApp => format!("wa:{}:{:05}", thread.buyer.external_id, n + 1),
                AccountKey::Etsy => match message.direction {
                    Direction::Incoming => format!("<{}.{counter}@mail.etsy.com>", rng.hex(16)),
                    Direction::Outgoing => format!("etsy-message-{}", 9_100_000_000 + counter),
                },
                AccountKey::Email if n == 0 => reference.clone(),
                AccountKey::Email => match message.direction {
                    Direction::Incoming => format!("<CA+{}{counter:x}@mail.gmail.com>", rng.hex(20)),
                    Direction::Outgoing => format!("<{}.{counter}@barroserrano.com.ar>", rng.hex(12)),
                },
            };
            message.external_id = unique(&mut message_ids[account.index()], id);
        }
    }
}

/// Ids are unique by construction; a suffix guards against the astronomically unlikely clash.
fn unique(seen: &mut BTreeSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !seen.insert(candidate.clone()) {
        candidate = format!("{id}~{n}");
        n += 1;
    }
    candidate
}
