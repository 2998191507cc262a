//! The sample shop, checked twice: as a plan (cheap, many `now`s) and loaded into a real SQLite
//! file through the facade, read back through the inbox and search like the app would.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use crate::Mostrador;
use crate::inbox::{InboxQuery, InboxRow};
use crate::orders::OrderView;
use crate::pages::ConversationView;
use crate::vocabulary::{
    ChannelKind, ConversationKind, ConversationStatus, DeliveryMethod, Direction, MessageStatus, OrderStage,
    UnixSeconds,
};

use super::accounts::{AccountKey, PAYMENT_ALIAS, SHOP_PHONE};
use super::shop_time::{self, HOUR, MINUTE};
use super::{build, catalog, dialogues_en, dialogues_es, dialogues_pt, scenes};

/// Tuesday 10 March 2026, 09:12 in Córdoba: a seller's morning.
const NOW: UnixSeconds = 1_773_144_720;

/// Other moments of the week, so the calendar-bound scenes hold whenever the app is opened.
const OTHER_NOWS: [UnixSeconds; 4] = [
    NOW - 3 * HOUR,                         // Tuesday 06:12
    NOW - HOUR - 23 * HOUR,                 // Monday 09:12 (before the Monday exchange ends)
    NOW + 4 * 86_400 + 14 * HOUR + 47 * 60, // Saturday 23:59
    NOW - 2 * 86_400 + 15 * HOUR,           // Sunday 21:12
];

#[test]
fn the_reference_now_is_a_tuesday_morning_in_cordoba() {
    assert_eq!(shop_time::iso_date(NOW), "2026-03-10");
    assert_eq!(shop_time::weekday(NOW), 1);
    assert_eq!(shop_time::time_of_day(NOW), 9 * HOUR + 12 * MINUTE);
}

#[test]
fn the_dialogue_banks_are_large_and_distinct() {
    let mut keys: Vec<&str> = Vec::new();
    keys.extend(dialogues_es::ML_QUESTIONS.iter().map(|q| q.key));
    keys.extend(dialogues_pt::ML_QUESTIONS.iter().map(|q| q.key));
    keys.extend(dialogues_es::ML_PACKS.iter().map(|d| d.key));
    keys.extend(dialogues_pt::ML_PACKS.iter().map(|d| d.key));
    keys.extend(dialogues_es::CHATS.iter().map(|d| d.key));
    keys.extend(dialogues_es::EMAILS.iter().map(|(_, d)| d.key));
    keys.extend(dialogues_pt::EMAILS.iter().map(|(_, d)| d.key));
    keys.extend(dialogues_es::ETSY.iter().map(|d| d.key));
    keys.extend(dialogues_en::ETSY.iter().map(|d| d.key));
    let distinct: BTreeSet<&str> = keys.iter().copied().collect();
    assert_eq!(distinct.len(), keys.len(), "dialogue keys repeat");
    assert!(keys.len() >= 60, "only {} dialogues", keys.len());
    // Every dialogue can be told about at least one piece in the catalogue.
    for d in dialogues_es::CHATS.iter().chain(dialogues_es::ML_PACKS).chain(dialogues_en::ETSY) {
        assert!(catalog::ALL.iter().any(|p| d.fits(p.category)), "{} fits nothing", d.key);
    }
}

fn check_plan(now: UnixSeconds) {
    let plan = build(now);
    let threads = &plan.threads;
    assert!((250..=400).contains(&threads.len()), "{} conversations", threads.len());
    let messages: usize = threads.iter().map(|t| t.messages.len()).sum();
    assert!((1500..=3000).contains(&messages), "{messages} messages");

    let mut refs: BTreeMap<AccountKey, BTreeSet<&str>> = BTreeMap::new();
    let mut ids: BTreeMap<AccountKey, BTreeSet<&str>> = BTreeMap::new();
    for t in threads {
        assert!(!t.messages.is_empty());
        assert!(refs.entry(t.account).or_default().insert(&t.conversation.external_ref), "ref repeats");
        for m in &t.messages {
            assert!(ids.entry(t.account).or_default().insert(&m.external_id), "id {} repeats", m.external_id);
            assert!(!m.text.trim().is_empty());
            assert!(!m.text.contains('{') && !m.text.contains('}'), "unfilled placeholder: {}", m.text);
            assert!(m.sent_at <= now, "message in the future: {}", m.text);
        }
        assert!(
            t.messages.windows(2).all(|w| w[0].sent_at < w[1].sent_at),
            "out of order in {:?}: {:?}",
            t.conversation.subject,
            t.messages.iter().map(|m| (m.sent_at, &m.text)).collect::<Vec<_>>()
        );
        for order in &t.orders {
            assert!(!order.items.is_empty() && !order.messages.is_empty());
            assert!(order.messages.iter().all(|&i| i < t.messages.len()));
            if let Some(date) = &order.due_date {
                assert_eq!(date.len(), 10, "{date}");
            }
        }
        let marketplace = matches!(t.account, AccountKey::MercadoLibreAr | AccountKey::MercadoLivreBr);
        for m in t.messages.iter().filter(|m| m.direction == Direction::Outgoing) {
            if marketplace && m.status != MessageStatus::Moderated {
                // What Mercado Libre would remove never reaches a buyer there.
                assert!(!m.text.contains(PAYMENT_ALIAS) && !m.text.contains(SHOP_PHONE), "{}", m.text);
                let limit = if t.conversation.kind == ConversationKind::PreSaleQuestion { 2000 } else { 350 };
                assert!(m.text.chars().count() <= limit, "too long for Mercado Libre: {}", m.text);
            }
            if t.account == AccountKey::Instagram {
                assert!(m.text.len() <= 1000, "too long for Instagram: {}", m.text);
            }
        }
    }
    let needs_reply = threads
        .iter()
        .filter(|t| {
            t.finish.status.is_none() && t.messages.last().map(|m| m.direction) == Some(Direction::Incoming)
        })
        .count();
    assert!((12..=16).contains(&needs_reply), "{needs_reply} need a reply");
}

#[test]
fn the_plan_holds_whenever_the_app_is_opened() {
    check_plan(NOW);
    for now in OTHER_NOWS {
        check_plan(now);
    }
}

#[test]
fn the_plan_is_deterministic() {
    let a = build(NOW);
    let b = build(NOW);
    assert_eq!(format!("{:?}", a.threads), format!("{:?}", b.threads));
    assert_eq!(format!("{:?}", a.profiles), format!("{:?}", b.profiles));
}

fn load(now: UnixSeconds) -> (tempfile::TempDir, Mostrador) {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = Mostrador::open(&dir.path().join("sample.sqlite")).expect("open");
    let started = Instant::now();
    app.load_sample_shop(now).expect("load the sample shop");
    println!("sample shop loaded in {:?}", started.elapsed());
    (dir, app)
}

fn rows(app: &Mostrador, query: InboxQuery) -> Vec<InboxRow> {
    app.inbox(&InboxQuery { limit: 1000, ..query }, NOW).expect("inbox").rows
}

fn search(app: &Mostrador, text: &str) -> Vec<InboxRow> {
    rows(app, InboxQuery { search: Some(text.to_string()), ..InboxQuery::default() })
}

fn found<'a>(rows: &'a [InboxRow], buyer: &str, what: &str) -> &'a InboxRow {
    rows.iter()
        .find(|r| r.buyer_name == buyer)
        .unwrap_or_else(|| panic!("{what}: no conversation with {buyer} among {:?}", names(rows)))
}

fn names(rows: &[InboxRow]) -> Vec<&str> {
    rows.iter().map(|r| r.buyer_name.as_str()).collect()
}

fn view(app: &Mostrador, row: &InboxRow) -> ConversationView {
    app.conversation(row.conversation_id, NOW).expect("conversation")
}

#[test]
fn the_loaded_shop_is_a_busy_morning() {
    let (_dir, app) = load(NOW);
    let stats = app.stats().expect("stats");
    assert!((250..=400).contains(&stats.conversations), "{} conversations", stats.conversations);
    assert!((1500..=3000).contains(&stats.messages), "{} messages", stats.messages);
    assert_eq!(stats.accounts, 6);
    for channel in [
        ChannelKind::MercadoLibre,
        ChannelKind::Instagram,
        ChannelKind::WhatsApp,
        ChannelKind::Etsy,
        ChannelKind::Email,
    ] {
        let count = stats.per_channel.iter().find(|c| c.channel == channel);
        assert!(count.is_some_and(|c| c.conversations > 0 && c.messages > 0), "{channel} missing");
    }

    let page = app.inbox(&InboxQuery::default(), NOW).expect("inbox");
    assert!(page.needs_reply >= 10, "{} need a reply", page.needs_reply);
    let waiting =
        rows(&app, InboxQuery { status: Some(ConversationStatus::NeedsReply), ..InboxQuery::default() });
    let channels: BTreeSet<&str> = waiting.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(channels, BTreeSet::from(["mercado_libre", "instagram", "whatsapp"]));
    let oldest = waiting.iter().max_by_key(|r| r.waiting_seconds).expect("someone waits");
    assert_eq!((oldest.channel, oldest.kind), (ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion));
    let waited = oldest.waiting_seconds.expect("waiting time");
    assert!((150 * MINUTE..=210 * MINUTE).contains(&waited), "oldest waited {waited} s");
    assert!(waiting.iter().all(|r| r.waiting_seconds.is_some_and(|w| w >= 5 * MINUTE)));

    let all = rows(&app, InboxQuery::default());
    assert_eq!(all.len() as u32, stats.conversations);
    assert!(all.iter().filter(|r| r.unread > 0).count() >= 8, "few unread");
    assert!(all.iter().filter(|r| r.pinned).count() >= 3, "few pinned");
    assert!(all.iter().filter(|r| r.status == ConversationStatus::Snoozed).count() >= 3, "few snoozed");
    assert!(all.iter().filter(|r| r.status == ConversationStatus::WaitingForBuyer).count() >= 30);
    assert!(all.iter().filter(|r| r.status == ConversationStatus::Done).count() >= 100);
    let tags: BTreeSet<&str> = all.iter().flat_map(|r| r.tags.iter().map(String::as_str)).collect();
    for tag in ["mayorista", "regalo", "urgente", "nuevo", "recurrente"] {
        assert!(tags.contains(tag), "no conversation tagged {tag}");
    }
    // History reaches back about four months.
    let oldest_message = all.iter().filter_map(|r| r.last_message_at).min().expect("messages");
    assert!(NOW - oldest_message > 90 * 86_400);

    // Orders at every stage, each linked to messages of its own conversation.
    let mut orders: BTreeMap<i64, OrderView> = BTreeMap::new();
    let mut linked: BTreeMap<i64, usize> = BTreeMap::new();
    let mut per_channel: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    for row in &all {
        let v = view(&app, row);
        for m in &v.messages {
            if let Some(order_id) = m.order_id {
                *linked.entry(order_id).or_default() += 1;
                let order = v.orders.iter().find(|o| o.id == order_id).expect("linked order is the buyer's");
                assert_eq!(order.conversation_id, Some(row.conversation_id), "message linked across threads");
            }
        }
        let entry = per_channel.entry(row.account_name.clone()).or_default();
        entry.0 += 1;
        entry.1 += v.messages.len() as u32;
        entry.2 += v.orders.iter().filter(|o| o.conversation_id == Some(row.conversation_id)).count() as u32;
        for o in v.orders {
            orders.insert(o.id, o);
        }
    }
    let stages: BTreeSet<&str> = orders.values().map(|o| o.stage.as_str()).collect();
    for stage in OrderStage::ALL {
        assert!(stages.contains(stage.as_str()), "no order {stage}");
    }
    assert_eq!(orders.len() as u32, stats.orders);
    assert!(orders.keys().all(|id| linked.contains_key(id)), "an order without messages");
    let currencies: BTreeSet<&str> = orders.values().map(|o| o.currency.as_str()).collect();
    assert_eq!(currencies, BTreeSet::from(["ARS", "BRL", "USD"]));

    println!("{stats:#?}");
    println!("account: conversations / messages / orders");
    for (account, (c, m, o)) in &per_channel {
        println!("  {account}: {c} / {m} / {o}");
    }
    let mut by_stage: BTreeMap<&str, usize> = BTreeMap::new();
    for o in orders.values() {
        *by_stage.entry(o.stage.as_str()).or_default() += 1;
    }
    println!("orders by stage: {by_stage:?}");
}

#[test]
fn every_scene_can_be_found_by_searching() {
    let (_dir, app) = load(NOW);

    // (a) one-word buyers and the whole-catalogue link.
    let hits = search(&app, "catalogo");
    found(&hits, scenes::CATALOGUE_ASKER, "catalogue");
    let hits = search(&app, "precio");
    assert!(hits.iter().any(|r| r.kind == ConversationKind::PreSaleQuestion
        && r.status == ConversationStatus::NeedsReply
        && r.preview == "precio?"));

    // (b) the buyer who wanted everything, now snoozed with one mug in another colour.
    let hits = search(&app, "lo quiero todo");
    let row = found(&hits, scenes::ENTHUSIAST, "enthusiast");
    assert_eq!(row.status, ConversationStatus::Snoozed);
    assert_eq!(row.order_stage, Some(OrderStage::Inquiry));

    // (c) the mediator.
    let hits = search(&app, "jefa");
    let row = found(&hits, scenes::MEDIATOR, "mediator");
    assert!(row.tags.contains(&"regalo".to_string()));
    let v = view(&app, row);
    assert!(v.buyer.notes.contains("la usuaria final es Graciela"), "{}", v.buyer.notes);

    // (d) the holiday rush, waiting for an honest answer.
    let hits = search(&app, "chicas de la oficina");
    let row = found(&hits, scenes::RUSH_BUYER, "holiday rush");
    assert_eq!((row.channel, row.status), (ChannelKind::WhatsApp, ConversationStatus::NeedsReply));
    assert!(row.tags.contains(&"urgente".to_string()));

    // (e) the confused pickup and its order card.
    let hits = search(&app, "dormida");
    let row = found(&hits, scenes::PICKUP_BUYER, "confused pickup");
    assert!(row.pinned);
    let v = view(&app, row);
    let asleep = v.messages.iter().find(|m| m.text == "¿Estás dormida?").expect("sunday message");
    assert_eq!(
        (shop_time::weekday(asleep.sent_at), shop_time::time_of_day(asleep.sent_at)),
        (6, 23 * HOUR + 52 * MINUTE)
    );
    let awake = v.messages.iter().find(|m| m.text == "Ya no. A trabajar.").expect("monday reply");
    assert_eq!(
        (shop_time::weekday(awake.sent_at), shop_time::time_of_day(awake.sent_at)),
        (0, 6 * HOUR + 30 * MINUTE)
    );
    assert!(v.messages.iter().any(|m| m.text == "¿No trajiste el juguete?"));
    let order = v.orders.iter().find(|o| o.conversation_id == Some(row.conversation_id)).expect("order");
    let delivery = order.delivery.as_ref().expect("delivery");
    assert_eq!(delivery.method, DeliveryMethod::Pickup);
    assert!(delivery.place.as_deref().is_some_and(|p| p.contains("Subte")));
    assert!(
        delivery.time_note.as_deref().is_some_and(|t| t.contains("semana que viene") && t.contains("18:30"))
    );
    assert!(delivery.picked_up_by.as_deref().is_some_and(|p| p.contains("marido")));
    assert!(order.items[0].variant.as_deref().is_some_and(|v| v.starts_with("Opción 1")));
    assert!(order.due_date.as_deref().is_some_and(|d| d > shop_time::iso_date(NOW).as_str()));
    // The seller pastes the pickup answer instead of retyping the place: it fills in this order's.
    let pickup = app
        .answers()
        .expect("answers")
        .into_iter()
        .find(|a| a.shortcut.as_deref() == Some("envio"))
        .expect("pickup answer");
    let request = crate::answers::RenderRequest {
        conversation_id: Some(row.conversation_id),
        order_id: Some(order.id),
        channel: None,
        language: None,
        fills: Vec::new(),
        version: None,
        general: false,
    };
    let rendered = app.render_answer(pickup.id, &request, NOW).expect("render the pickup answer");
    let place = delivery.place.as_deref().expect("place");
    assert!(rendered.text.contains(place) && rendered.missing.is_empty(), "{}", rendered.text);

    // (f) one buyer on two channels: two orders, each with its own messages.
    let hits = search(&app, "Carolina Mendez");
    let on: Vec<&InboxRow> = hits.iter().filter(|r| r.buyer_name == scenes::TWO_CHANNEL_BUYER).collect();
    let channels: BTreeSet<&str> = on.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(channels, BTreeSet::from(["instagram", "whatsapp"]));
    let mut order_ids = BTreeSet::new();
    for row in on {
        let v = view(&app, row);
        let own: Vec<&OrderView> =
            v.orders.iter().filter(|o| o.conversation_id == Some(row.conversation_id)).collect();
        assert_eq!(own.len(), 1);
        order_ids.insert(own[0].id);
        assert!(v.messages.iter().all(|m| m.order_id == Some(own[0].id)));
    }
    assert_eq!(order_ids.len(), 2);

    // (g) "¿Lo tenés en azul?" is the question that has waited longest.
    let hits = search(&app, "tenes en azul");
    let row = found(&hits, scenes::BLUE_MUG_ASKER, "blue mug");
    assert_eq!((row.kind, row.status), (ConversationKind::PreSaleQuestion, ConversationStatus::NeedsReply));
    assert!(row.subject.as_deref().is_some_and(|s| s.contains("Taza")));
    assert!(row.unread > 0);

    // (h) the new Etsy buyer, asked to prepay.
    let hits = search(&app, "three pieces");
    let row = found(&hits, scenes::NEW_ETSY_BUYER, "new Etsy buyer");
    assert_eq!((row.channel, row.status), (ChannelKind::Etsy, ConversationStatus::WaitingForBuyer));
    assert!(row.tags.contains(&"nuevo".to_string()));
    assert!(view(&app, row).messages.iter().any(|m| m.text.contains("full payment upfront")));

    // (i) shipping questions after a sale, and the message Mercado Libre moderated.
    let hits = search(&app, "numero de seguimiento");
    let row = found(&hits, scenes::MODERATED_BUYER, "moderated pack");
    assert_eq!(row.kind, ConversationKind::PostSale);
    let v = view(&app, row);
    let moderated: Vec<_> = v.messages.iter().filter(|m| m.status == MessageStatus::Moderated).collect();
    assert_eq!(moderated.len(), 1);
    assert!(moderated[0].text.contains(SHOP_PHONE));

    // (j) Portuguese and English.
    let hits = search(&app, "prazo de entrega");
    let row = found(&hits, scenes::PRAZO_ASKER, "prazo");
    assert!(row.account_name.contains("Brasil"));
    assert!(search(&app, "ship").iter().any(|r| r.channel == ChannelKind::Etsy));
}

#[test]
fn the_same_now_gives_the_same_shop() {
    let (_a_dir, a) = load(NOW);
    let (_b_dir, b) = load(NOW);
    assert_eq!(a.stats().expect("stats"), b.stats().expect("stats"));
    let first_page = |app: &Mostrador| app.inbox(&InboxQuery { limit: 50, ..InboxQuery::default() }, NOW);
    assert_eq!(first_page(&a).expect("inbox"), first_page(&b).expect("inbox"));
    let settings = a.settings().expect("settings");
    assert!(settings.shop_name.is_some_and(|name| name.starts_with("Barro Serrano")));
    assert_eq!(settings.time_zone.as_deref(), Some(shop_time::SHOP_TIME_ZONE));
}

#[test]
fn the_sample_shop_is_never_mixed_into_a_shop_with_data() {
    let (_dir, app) = load(NOW);
    let before = app.stats().expect("stats");
    let refused = app.load_sample_shop(NOW).expect_err("a second load must be refused");
    assert_eq!(refused.code(), "invalid_input");
    assert_eq!(app.stats().expect("stats"), before, "nothing was added");
}
