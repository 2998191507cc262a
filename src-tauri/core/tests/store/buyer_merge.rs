//! One person on several channels: merge suggestions (phone however written, e-mail, name on two
//! channels), merging without losing a message, and undoing a merge exactly.

use std::collections::BTreeMap;

use mostrador_core::Mostrador;
use mostrador_core::buyers::MergeReasonKind;
use mostrador_core::ingest::IngestMessage;
use mostrador_core::orders::{NewOrder, ThreadFilter};
use mostrador_core::vocabulary::{ChannelKind, OrderStage, PaymentStatus};
use proptest::prelude::*;

use crate::fixtures::*;

struct TwoChannels {
    shop: Shop,
    instagram: i64,
    email: i64,
}

fn two_channels() -> TwoChannels {
    let shop = shop();
    let instagram = shop.app.add_account(&account(ChannelKind::Instagram, "Barro IG"), NOW).unwrap();
    let email = shop.app.add_account(&account(ChannelKind::Email, "Barro mail"), NOW).unwrap();
    TwoChannels { shop, instagram, email }
}

fn said(
    account: i64,
    conversation: &str,
    id: &str,
    buyer: (&str, &str),
    phone: Option<&str>,
    email: Option<&str>,
) -> IngestMessage {
    let mut message = from_buyer(incoming(account, conversation, id, NOW - HOUR, "Hola!"), buyer.0, buyer.1);
    message.buyer.phone = phone.map(String::from);
    message.buyer.email = email.map(String::from);
    message
}

fn buyer_of(app: &Mostrador, account: i64, external_id: &str) -> i64 {
    app.buyer_id_by_identity(account, external_id).unwrap().unwrap()
}

fn reasons(app: &Mostrador, buyer: i64) -> BTreeMap<i64, Vec<MergeReasonKind>> {
    app.buyer_page(buyer, NOW)
        .unwrap()
        .suggestions
        .into_iter()
        .map(|s| (s.buyer_id, s.reasons.into_iter().map(|r| r.kind).collect()))
        .collect()
}

#[test]
fn a_phone_or_address_written_in_a_message_is_suggested_both_ways() {
    let t = two_channels();
    let app = &t.shop.app;
    let whatsapp = app.add_account(&account(ChannelKind::WhatsApp, "WhatsApp taller"), NOW).unwrap();
    let mut dm = from_buyer(
        incoming(
            t.instagram,
            "ig-1",
            "ig-m1",
            NOW - HOUR,
            "Hola! Te escribo por WhatsApp, mi cel es 351 555-1234",
        ),
        "ig-caro",
        "caro.mendez",
    );
    dm.buyer.handle = Some("@caro.mendez".into());
    let mail = from_buyer(
        incoming(t.instagram, "ig-2", "ig-m2", NOW - HOUR, "Mandame los precios a juli.paz@mail.com porfa"),
        "ig-juli",
        "julipaz",
    );
    app.ingest(
        &[
            dm,
            mail,
            said(
                whatsapp,
                "wa-1",
                "wa-m1",
                ("+5493515551234", "Carolina Méndez"),
                Some("+54 9 351 555 1234"),
                None,
            ),
            said(
                t.email,
                "mail-1",
                "mail-m1",
                ("juli.paz@mail.com", "Julieta Paz"),
                None,
                Some("Juli.Paz@mail.com"),
            ),
            said(
                whatsapp,
                "wa-2",
                "wa-m2",
                ("+5493515559999", "Otra Persona"),
                Some("+54 9 351 555 9999"),
                None,
            ),
        ],
        NOW,
    )
    .unwrap();
    let (caro_ig, caro_wa) =
        (buyer_of(app, t.instagram, "ig-caro"), buyer_of(app, whatsapp, "+5493515551234"));
    let (juli_ig, juli_mail) =
        (buyer_of(app, t.instagram, "ig-juli"), buyer_of(app, t.email, "juli.paz@mail.com"));
    // From the buyer who wrote it, and from the buyer whose number or address it is.
    assert_eq!(reasons(app, caro_ig).get(&caro_wa), Some(&vec![MergeReasonKind::SamePhone]));
    assert_eq!(reasons(app, caro_wa).get(&caro_ig), Some(&vec![MergeReasonKind::SamePhone]));
    assert_eq!(reasons(app, juli_ig).get(&juli_mail), Some(&vec![MergeReasonKind::SameEmail]));
    assert_eq!(reasons(app, juli_mail).get(&juli_ig), Some(&vec![MergeReasonKind::SameEmail]));
    let other = buyer_of(app, whatsapp, "+5493515559999");
    assert!(!reasons(app, other).contains_key(&caro_ig), "another line ending in other digits is not hers");
}

#[test]
fn the_same_phone_written_differently_is_suggested() {
    let t = two_channels();
    let app = &t.shop.app;
    app.ingest(
        &[
            said(t.shop.account, "wa1", "a", ("+5493515551234", "Caro"), Some("+54 9 351 555-1234"), None),
            said(t.email, "mail1", "b", ("caro@mail.com", "C. Méndez"), Some("0351 15-555-1234"), None),
            said(t.instagram, "ig1", "c", ("ig-77", "Carla"), Some("351 15 555 1235"), None),
        ],
        NOW,
    )
    .unwrap();
    let wa = buyer_of(app, t.shop.account, "+5493515551234");
    let mail = buyer_of(app, t.email, "caro@mail.com");
    let page = app.buyer_page(wa, NOW).unwrap();
    assert_eq!(page.suggestions.len(), 1, "{:?}", page.suggestions);
    assert_eq!(page.suggestions[0].buyer_id, mail);
    assert_eq!(page.suggestions[0].channels, [ChannelKind::Email]);
    assert_eq!(page.suggestions[0].reasons[0].kind, MergeReasonKind::SamePhone);
    assert_eq!(page.suggestions[0].reasons[0].value, "+5493515551234");
}

#[test]
fn the_same_email_ignoring_case_is_suggested() {
    let t = two_channels();
    let app = &t.shop.app;
    let mut wa =
        said(t.shop.account, "wa1", "a", ("+5491144443333", "Jime"), None, Some("Jime.Rios@Mail.com"));
    wa.buyer.email = Some("Jime.Rios@Mail.com".into());
    app.ingest(
        &[
            wa,
            said(t.email, "mail1", "b", ("jime.rios@mail.com", "Jimena"), None, Some("jime.rios@mail.com")),
        ],
        NOW,
    )
    .unwrap();
    let mail = buyer_of(app, t.email, "jime.rios@mail.com");
    let wa = buyer_of(app, t.shop.account, "+5491144443333");
    assert_eq!(reasons(app, wa), BTreeMap::from([(mail, vec![MergeReasonKind::SameEmail])]));
}

#[test]
fn the_same_full_name_on_two_channels_is_suggested() {
    let t = two_channels();
    let app = &t.shop.app;
    app.ingest(
        &[
            said(t.instagram, "ig1", "a", ("ig-1", "Carolina Méndez"), None, None),
            said(t.shop.account, "wa1", "b", ("+5493510000001", "carolina mendez 🌸"), None, None),
            // Same name on the same channel: two people, not suggested.
            said(t.instagram, "ig2", "c", ("ig-2", "Carolina Méndez"), None, None),
            // One word names too many people.
            said(t.instagram, "ig3", "d", ("ig-3", "Lu"), None, None),
            said(t.shop.account, "wa2", "e", ("+5493510000002", "Lu"), None, None),
        ],
        NOW,
    )
    .unwrap();
    let ig1 = buyer_of(app, t.instagram, "ig-1");
    let ig2 = buyer_of(app, t.instagram, "ig-2");
    let wa = buyer_of(app, t.shop.account, "+5493510000001");
    assert_eq!(reasons(app, ig1), BTreeMap::from([(wa, vec![MergeReasonKind::SameName])]));
    assert_eq!(
        reasons(app, wa),
        BTreeMap::from([(ig1, vec![MergeReasonKind::SameName]), (ig2, vec![MergeReasonKind::SameName])])
    );
    assert!(reasons(app, buyer_of(app, t.instagram, "ig-3")).is_empty());
}

fn order(app: &Mostrador, buyer: i64, conversation: i64) -> i64 {
    app.create_order(
        &NewOrder {
            buyer_id: buyer,
            conversation_id: Some(conversation),
            stage: OrderStage::Agreed,
            currency: "ARS".into(),
            items: Vec::new(),
            due_date: None,
            delivery: None,
            payment_status: PaymentStatus::Unpaid,
            notes: String::new(),
            messages: Vec::new(),
        },
        NOW,
    )
    .unwrap()
}

#[test]
fn merging_joins_everything_and_undo_splits_it_back() {
    let t = two_channels();
    let app = &t.shop.app;
    app.ingest(
        &[
            said(t.instagram, "ig1", "a1", ("ig-1", "Carolina Méndez"), None, None),
            said(t.instagram, "ig1", "a2", ("ig-1", "Carolina Méndez"), None, None),
            said(t.shop.account, "wa1", "b1", ("+5493510000001", "Carolina Méndez"), None, None),
        ],
        NOW,
    )
    .unwrap();
    let ig = buyer_of(app, t.instagram, "ig-1");
    let wa = buyer_of(app, t.shop.account, "+5493510000001");
    let ig_conversation = app.conversation_id_by_ref(t.instagram, "ig1").unwrap().unwrap();
    let wa_conversation = app.conversation_id_by_ref(t.shop.account, "wa1").unwrap().unwrap();
    let mug = order(app, ig, ig_conversation);
    let plate = order(app, wa, wa_conversation);
    app.set_buyer_profile(ig, "Le gustan los gatos", &["recurrente".into()]).unwrap();
    app.set_buyer_profile(wa, "Vive en Alta Córdoba", &["nuevo".into()]).unwrap();
    let ig_messages = app.conversation(ig_conversation, NOW).unwrap().messages;
    app.assign_messages(Some(mug), &[ig_messages[0].id]).unwrap();

    let suggestion = app.buyer_page(wa, NOW).unwrap().suggestions.remove(0);
    let merge = app.merge_buyers(wa, ig, &suggestion.reasons, NOW).unwrap();

    let page = app.buyer_page(wa, NOW).unwrap();
    assert_eq!(page.buyer.identities.len(), 2);
    let mut conversations: Vec<i64> = page.conversations.iter().map(|c| c.conversation_id).collect();
    conversations.sort_unstable();
    assert_eq!(conversations, [ig_conversation, wa_conversation]);
    let mut orders: Vec<i64> = page.orders.iter().map(|o| o.id).collect();
    orders.sort_unstable();
    assert_eq!(orders, [mug, plate]);
    assert_eq!(page.buyer.notes, "Vive en Alta Córdoba\n\nLe gustan los gatos");
    assert_eq!(page.buyer.tags, ["nuevo", "recurrente"]);
    assert!(page.suggestions.is_empty());
    assert_eq!(page.merges.len(), 1);
    assert_eq!((page.merges[0].identities, page.merges[0].conversations, page.merges[0].orders), (1, 1, 1));
    assert_eq!(page.merges[0].reasons[0].kind, MergeReasonKind::SameName);
    // The merged-away buyer's page opens as the merged buyer; every message is still there.
    assert_eq!(app.buyer_page(ig, NOW).unwrap().buyer.id, wa);
    assert_eq!(app.conversation(ig_conversation, NOW).unwrap().messages.len(), 2);
    assert_eq!(app.conversation(ig_conversation, NOW).unwrap().summary.buyer_name, page.buyer.name);

    // Across channels now: a WhatsApp message can join the Instagram order, and the order's view
    // from WhatsApp shows both, marked by where they are from.
    let wa_message = app.conversation(wa_conversation, NOW).unwrap().messages[0].id;
    app.assign_messages(Some(mug), &[wa_message]).unwrap();
    let thread = app.thread_messages(wa_conversation, ThreadFilter::Order { order_id: mug }).unwrap();
    assert_eq!(thread.len(), 2);
    assert_eq!(thread.iter().filter(|m| m.elsewhere).count(), 1);
    assert!(thread.iter().any(|m| m.channel == ChannelKind::Instagram && m.elsewhere));
    // A merge cannot be merged again, nor a buyer with itself.
    assert_eq!(app.merge_buyers(wa, ig, &[], NOW).unwrap_err().code(), "invalid_input");
    assert_eq!(app.merge_buyers(wa, wa, &[], NOW).unwrap_err().code(), "invalid_input");

    app.undo_merge(merge, NOW).unwrap();
    let ig_page = app.buyer_page(ig, NOW).unwrap();
    assert_eq!(ig_page.buyer.id, ig);
    assert_eq!(ig_page.orders.iter().map(|o| o.id).collect::<Vec<_>>(), [mug]);
    assert_eq!(
        ig_page.conversations.iter().map(|c| c.conversation_id).collect::<Vec<_>>(),
        [ig_conversation]
    );
    let wa_page = app.buyer_page(wa, NOW).unwrap();
    assert_eq!(wa_page.buyer.notes, "Vive en Alta Córdoba");
    assert_eq!(wa_page.buyer.tags, ["nuevo"]);
    assert!(wa_page.merges.is_empty());
    assert_eq!(wa_page.suggestions.len(), 1, "the suggestion is back");
    // The WhatsApp message went back to no order: an order only holds its buyer's messages.
    assert_eq!(app.order(mug).unwrap().message_count, 1);
    assert_eq!(app.undo_merge(merge, NOW).unwrap_err().code(), "not_found");
}

/// Who owns what, and which messages each order holds: what merge + undo must give back.
fn snapshot(app: &Mostrador, accounts: &[i64], buyers: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for &account in accounts {
        for b in 0..buyers {
            let external = format!("b{b}");
            if let Some(buyer) = app.buyer_id_by_identity(account, &external).unwrap() {
                let page = app.buyer_page(buyer, NOW).unwrap();
                lines.push(format!("identity {account}/{external} → buyer {buyer} ({})", page.buyer.id));
                lines.push(format!("  notes {:?} tags {:?}", page.buyer.notes, page.buyer.tags));
                for conversation in page.conversations {
                    let messages =
                        app.thread_messages(conversation.conversation_id, ThreadFilter::All).unwrap();
                    let marks: Vec<_> = messages.iter().map(|m| (m.message.id, m.message.order_id)).collect();
                    lines.push(format!("  conversation {} {marks:?}", conversation.conversation_id));
                }
                for order in page.orders {
                    lines.push(format!(
                        "  order {} of {} ({} messages)",
                        order.id, order.buyer_id, order.message_count
                    ));
                }
            }
        }
    }
    lines.sort();
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Any shop of a few buyers on two channels, with orders holding some messages: merging two of
    /// them keeps every message, and undoing the merge restores the threads exactly.
    #[test]
    fn merging_then_unmerging_restores_the_original_threads(
        threads in prop::collection::vec((0usize..2, 0usize..3, 1usize..4, 0usize..3), 2..6),
        pick in (0usize..6, 0usize..6),
    ) {
        let t = two_channels();
        let app = &t.shop.app;
        let accounts = [t.shop.account, t.instagram];
        let mut batch = Vec::new();
        for (n, &(channel, buyer, messages, _)) in threads.iter().enumerate() {
            for m in 0..messages {
                let mut message = incoming(accounts[channel], &format!("t{n}"), &format!("t{n}m{m}"), NOW - 1000 + m as i64, "…");
                message = from_buyer(message, &format!("b{buyer}"), &format!("Buyer {buyer}"));
                batch.push(message);
            }
        }
        app.ingest(&batch, NOW).unwrap();
        for (n, &(channel, _, _, in_order)) in threads.iter().enumerate() {
            let conversation = app.conversation_id_by_ref(accounts[channel], &format!("t{n}")).unwrap().unwrap();
            let view = app.conversation(conversation, NOW).unwrap();
            let id = order(app, view.buyer.id, conversation);
            let picked: Vec<i64> = view.messages.iter().take(in_order).map(|m| m.id).collect();
            app.assign_messages(Some(id), &picked).unwrap();
        }
        let mut buyers: Vec<i64> = accounts
            .iter()
            .flat_map(|&a| (0..3).map(move |b| (a, b)))
            .filter_map(|(a, b)| app.buyer_id_by_identity(a, &format!("b{b}")).unwrap())
            .collect();
        buyers.sort_unstable();
        buyers.dedup();
        prop_assume!(buyers.len() >= 2);
        let target = buyers[pick.0 % buyers.len()];
        let source = buyers[pick.1 % buyers.len()];
        prop_assume!(target != source);
        let conversations_of = |buyer: i64| -> Vec<i64> {
            let mut ids: Vec<i64> =
                app.buyer_page(buyer, NOW).unwrap().conversations.iter().map(|c| c.conversation_id).collect();
            ids.sort_unstable();
            ids
        };
        let message_counts = || -> Vec<usize> {
            (0..threads.len())
                .map(|n| {
                    let conversation =
                        app.conversation_id_by_ref(accounts[threads[n].0], &format!("t{n}")).unwrap().unwrap();
                    app.thread_messages(conversation, ThreadFilter::All).unwrap().len()
                })
                .collect()
        };
        let before = snapshot(app, &accounts, 3);
        let counts_before = message_counts();
        let mut joined = [conversations_of(target), conversations_of(source)].concat();
        joined.sort_unstable();

        let merge = app.merge_buyers(target, source, &[], NOW).unwrap();
        prop_assert_eq!(conversations_of(target), joined);
        prop_assert_eq!(app.buyer_page(source, NOW).unwrap().buyer.id, target);
        prop_assert_eq!(message_counts(), counts_before, "merging never loses a message");

        app.undo_merge(merge, NOW).unwrap();
        prop_assert_eq!(snapshot(app, &accounts, 3), before);
    }
}

// ---- "not the same person"

#[test]
fn a_dismissed_pair_is_never_suggested_again_until_undone() {
    let t = two_channels();
    let app = &t.shop.app;
    app.ingest(
        &[
            said(t.instagram, "ig1", "a", ("ig-1", "Carolina Méndez"), None, None),
            said(t.shop.account, "wa1", "b", ("+5493510000001", "carolina mendez 🌸"), None, None),
            said(t.email, "mail1", "c", ("caro@mail.com", "Carolina Méndez"), None, None),
        ],
        NOW,
    )
    .unwrap();
    let ig = buyer_of(app, t.instagram, "ig-1");
    let wa = buyer_of(app, t.shop.account, "+5493510000001");
    let mail = buyer_of(app, t.email, "caro@mail.com");
    assert_eq!(reasons(app, ig).keys().copied().collect::<Vec<_>>(), [wa, mail]);

    // Dismissed from the WhatsApp buyer's page, in the other order: gone from both pages, and only
    // that pair (the e-mail buyer is still suggested).
    app.dismiss_merge_suggestion(wa, ig, NOW).unwrap();
    app.dismiss_merge_suggestion(ig, wa, NOW + HOUR).unwrap();
    assert_eq!(reasons(app, ig).keys().copied().collect::<Vec<_>>(), [mail]);
    assert_eq!(reasons(app, wa).keys().copied().collect::<Vec<_>>(), [mail]);
    let page = app.buyer_page(ig, NOW).unwrap();
    assert_eq!(page.dismissed.len(), 1, "dismissing twice keeps one row: {:?}", page.dismissed);
    assert_eq!((page.dismissed[0].buyer_id, page.dismissed[0].dismissed_at), (wa, NOW));
    assert_eq!(page.dismissed[0].name, "carolina mendez 🌸");
    assert_eq!(page.dismissed[0].channels, [ChannelKind::WhatsApp]);
    assert_eq!(app.buyer_page(wa, NOW).unwrap().dismissed[0].buyer_id, ig);

    assert_eq!(app.dismiss_merge_suggestion(ig, ig, NOW).unwrap_err().code(), "invalid_input");
    assert_eq!(app.dismiss_merge_suggestion(ig, 999_999, NOW).unwrap_err().code(), "not_found");

    // Undo, in either order, brings the suggestion back; undoing again changes nothing.
    app.undo_merge_dismissal(ig, wa).unwrap();
    app.undo_merge_dismissal(wa, ig).unwrap();
    assert_eq!(reasons(app, ig).keys().copied().collect::<Vec<_>>(), [wa, mail]);
    assert!(app.buyer_page(ig, NOW).unwrap().dismissed.is_empty());
}

#[test]
fn a_dismissal_survives_reopening_the_database() {
    let t = two_channels();
    let app = &t.shop.app;
    app.ingest(
        &[
            said(t.instagram, "ig1", "a", ("ig-1", "Carolina Méndez"), None, None),
            said(t.shop.account, "wa1", "b", ("+5493510000001", "Carolina Méndez"), None, None),
        ],
        NOW,
    )
    .unwrap();
    let ig = buyer_of(app, t.instagram, "ig-1");
    let wa = buyer_of(app, t.shop.account, "+5493510000001");
    app.dismiss_merge_suggestion(ig, wa, NOW).unwrap();
    let reopened = Mostrador::open(app.db_path()).unwrap();
    assert!(reasons(&reopened, ig).is_empty());
    assert_eq!(reopened.buyer_page(ig, NOW).unwrap().dismissed[0].buyer_id, wa);
}
