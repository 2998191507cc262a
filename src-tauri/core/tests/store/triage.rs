//! Triage: statuses and snoozes, reply targets, bulk actions, filters and counts, search highlights,
//! drafts, copied replies and alerts — all with time passed in.

use mostrador_core::conversations::{
    BulkAction, QuietHours, SnoozeChoice, SnoozePreset, TargetLevel, TriageSettings,
};
use mostrador_core::inbox::InboxQuery;
use mostrador_core::orders::NewOrder;
use mostrador_core::vocabulary::{
    ChannelKind, ConversationKind, ConversationStatus, Direction, MessageStatus, OrderStage, PaymentStatus,
};
use mostrador_core::{Error, Mostrador};

use crate::fixtures::*;

fn id(shop: &Shop, conversation: &str) -> i64 {
    shop.app.conversation_id_by_ref(shop.account, conversation).unwrap().unwrap()
}

fn status(shop: &Shop, conversation: &str, now: i64) -> ConversationStatus {
    shop.app.conversation(id(shop, conversation), now).unwrap().summary.status
}

fn counts(app: &Mostrador, query: &InboxQuery) -> Vec<(ConversationStatus, u32)> {
    app.inbox_counts(query).unwrap().into_iter().map(|c| (c.status, c.conversations)).collect()
}

#[test]
fn snoozed_until_a_time_wakes_and_a_new_message_reopens_done_and_snoozed() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a1", NOW - HOUR, "Hola"),
                incoming(a, "bea", "b1", NOW - HOUR, "Hola"),
                incoming(a, "caro", "c1", NOW - HOUR, "Hola"),
            ],
            NOW,
        )
        .unwrap();
    let tomorrow = SnoozeChoice::Preset { preset: SnoozePreset::TomorrowMorning };
    shop.app.snooze(id(&shop, "ana"), &tomorrow, NOW).unwrap();
    shop.app.snooze(id(&shop, "bea"), &SnoozeChoice::UntilReply, NOW).unwrap();
    shop.app.set_status(id(&shop, "caro"), ConversationStatus::Done, None, NOW).unwrap();
    assert_eq!(
        counts(&shop.app, &InboxQuery::default()),
        [
            (ConversationStatus::NeedsReply, 0),
            (ConversationStatus::WaitingForBuyer, 0),
            (ConversationStatus::Snoozed, 2),
            (ConversationStatus::Done, 1)
        ]
    );

    // The snooze time comes: ana needs a reply again, still waiting since her message.
    let until = shop.app.snooze_options(NOW).unwrap();
    let morning = until.iter().find(|o| o.preset == SnoozePreset::TomorrowMorning).unwrap().until;
    assert_eq!(shop.app.wake_snoozed(morning - 1).unwrap(), 0);
    assert_eq!(shop.app.wake_snoozed(morning).unwrap(), 1);
    let ana = shop.app.conversation(id(&shop, "ana"), morning).unwrap().summary;
    assert_eq!((ana.status, ana.waiting_since), (ConversationStatus::NeedsReply, Some(NOW - HOUR)));
    assert_eq!(
        status(&shop, "bea", morning),
        ConversationStatus::Snoozed,
        "until-reply does not wake by time"
    );

    // The buyers write again: bea (snoozed) and caro (done) reopen.
    shop.app
        .ingest(
            &[incoming(a, "bea", "b2", NOW + MINUTE, "¿Y?"), incoming(a, "caro", "c2", NOW + MINUTE, "Otra")],
            NOW,
        )
        .unwrap();
    assert_eq!(status(&shop, "bea", NOW), ConversationStatus::NeedsReply);
    assert_eq!(status(&shop, "caro", NOW), ConversationStatus::NeedsReply);
    assert_eq!(shop.app.inbox(&InboxQuery::default(), NOW).unwrap().needs_reply, 3);
}

#[test]
fn a_snooze_must_end_in_the_future_and_snoozing_in_bulk_needs_a_choice() {
    let shop = shop();
    shop.app.ingest(&[incoming(shop.account, "ana", "a1", NOW - HOUR, "Hola")], NOW).unwrap();
    let ana = id(&shop, "ana");
    let past = SnoozeChoice::Date { date: "2020-01-01".into() };
    assert!(matches!(shop.app.snooze(ana, &past, NOW), Err(Error::InvalidInput(_))));
    let bulk = BulkAction::SetStatus { status: ConversationStatus::Snoozed };
    assert!(matches!(shop.app.bulk(&[ana], &bulk, NOW), Err(Error::InvalidInput(_))));
}

#[test]
fn rows_carry_the_channel_target_and_turn_near_then_late() {
    let shop = shop();
    let ml = shop.app.add_account(&account(ChannelKind::MercadoLibre, "ML"), NOW).unwrap();
    let mut question = incoming(ml, "q1", "q1", NOW - 50 * MINUTE, "¿Tenés en azul?");
    question.conversation.kind = ConversationKind::PreSaleQuestion;
    shop.app.ingest(&[question, incoming(shop.account, "wa", "w1", NOW - 30 * MINUTE, "Hola")], NOW).unwrap();
    let rows = all(&shop.app);
    let q = rows.iter().find(|r| r.channel == ChannelKind::MercadoLibre).unwrap();
    let wa = rows.iter().find(|r| r.channel == ChannelKind::WhatsApp).unwrap();
    assert_eq!((q.target_seconds, q.target_level), (HOUR, Some(TargetLevel::Near)));
    assert_eq!((wa.target_seconds, wa.target_level), (2 * HOUR, Some(TargetLevel::Ok)));
    let later = shop.app.inbox(&InboxQuery::default(), NOW + 15 * MINUTE).unwrap().rows;
    assert_eq!(later[0].target_level, Some(TargetLevel::Late), "the ML question waited longest");

    // Targets are editable; nonsense is refused.
    let mut settings = shop.app.triage_settings().unwrap();
    settings.reply_targets.whatsapp = 40 * MINUTE;
    shop.app.save_triage_settings(&settings).unwrap();
    let wa = all(&shop.app).into_iter().find(|r| r.channel == ChannelKind::WhatsApp).unwrap();
    assert_eq!((wa.target_seconds, wa.target_level), (40 * MINUTE, Some(TargetLevel::Near)));
    settings.reply_targets.email = 0;
    assert!(shop.app.save_triage_settings(&settings).is_err());
}

#[test]
fn bulk_actions_are_all_or_nothing() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[incoming(a, "ana", "a1", NOW - HOUR, "Hola"), incoming(a, "bea", "b1", NOW - HOUR, "Hola")],
            NOW,
        )
        .unwrap();
    let ids = [id(&shop, "ana"), id(&shop, "bea")];
    assert_eq!(shop.app.bulk(&ids, &BulkAction::AddTag { tag: " mayorista ".into() }, NOW).unwrap(), 2);
    assert_eq!(shop.app.bulk(&ids, &BulkAction::AddTag { tag: "Mayorista".into() }, NOW).unwrap(), 2);
    assert_eq!(shop.app.conversation(ids[0], NOW).unwrap().summary.tags, ["mayorista"]);
    shop.app.bulk(&ids, &BulkAction::Pin { pinned: true }, NOW).unwrap();
    shop.app.bulk(&ids, &BulkAction::SetStatus { status: ConversationStatus::Done }, NOW).unwrap();

    // A missing conversation in the selection changes nothing at all.
    let with_missing = [ids[0], ids[1], 999_999];
    let reopen = BulkAction::SetStatus { status: ConversationStatus::NeedsReply };
    assert!(matches!(shop.app.bulk(&with_missing, &reopen, NOW), Err(Error::NotFound { .. })));
    assert_eq!(status(&shop, "ana", NOW), ConversationStatus::Done);

    shop.app.remove_tag(ids[1], "MAYORISTA", NOW).unwrap();
    let rows = all(&shop.app);
    assert!(rows.iter().all(|r| r.pinned && r.status == ConversationStatus::Done));
    assert_eq!(rows.iter().map(|r| r.tags.len()).sum::<usize>(), 1);
}

#[test]
fn filters_by_tag_order_stage_and_having_an_order_and_counts_follow_them() {
    let shop = shop();
    let a = shop.account;
    let etsy = shop.app.add_account(&account(ChannelKind::Etsy, "Etsy"), NOW).unwrap();
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a1", NOW - HOUR, "Hola"),
                incoming(a, "bea", "b1", NOW - 2 * HOUR, "Hola"),
                outgoing(a, "caro", "c1", NOW - HOUR, "Listo"),
                incoming(etsy, "dan", "d1", NOW - HOUR, "Hi"),
            ],
            NOW,
        )
        .unwrap();
    shop.app.add_tag(id(&shop, "bea"), "regalo", NOW).unwrap();
    let caro = shop.app.conversation(id(&shop, "caro"), NOW).unwrap().summary;
    shop.app
        .create_order(
            &NewOrder {
                buyer_id: caro.buyer_id,
                conversation_id: Some(caro.conversation_id),
                stage: OrderStage::Paid,
                currency: "ARS".into(),
                items: Vec::new(),
                due_date: None,
                delivery: None,
                payment_status: PaymentStatus::Paid,
                notes: String::new(),
                messages: Vec::new(),
            },
            NOW,
        )
        .unwrap();

    let names = |query: InboxQuery| -> Vec<String> {
        shop.app.inbox(&query, NOW).unwrap().rows.into_iter().map(|r| r.buyer_name).collect()
    };
    assert_eq!(names(InboxQuery { tag: Some("regalo".into()), ..InboxQuery::default() }), ["Buyer bea"]);
    assert_eq!(
        names(InboxQuery { order_stage: Some(OrderStage::Paid), ..InboxQuery::default() }),
        ["Buyer caro"]
    );
    assert_eq!(
        names(InboxQuery { order_stage: Some(OrderStage::Ready), ..InboxQuery::default() }),
        Vec::<String>::new()
    );
    assert_eq!(names(InboxQuery { has_order: Some(true), ..InboxQuery::default() }), ["Buyer caro"]);
    let without = InboxQuery { has_order: Some(false), account_id: Some(a), ..InboxQuery::default() };
    assert_eq!(names(without.clone()), ["Buyer bea", "Buyer ana"]);
    assert_eq!(shop.app.inbox(&without, NOW).unwrap().total, 2);
    // Counted as everything minus the conversations with an order: the same as counting directly.
    let tabs = |n: u32| {
        [
            (ConversationStatus::NeedsReply, n),
            (ConversationStatus::WaitingForBuyer, 0),
            (ConversationStatus::Snoozed, 0),
            (ConversationStatus::Done, 0),
        ]
    };
    assert_eq!(counts(&shop.app, &without), tabs(2));
    assert_eq!(counts(&shop.app, &InboxQuery { has_order: Some(false), ..InboxQuery::default() }), tabs(3));
    assert_eq!(
        names(InboxQuery { channel: Some(ChannelKind::Etsy), ..InboxQuery::default() }),
        ["Buyer dan"]
    );

    // The tabs count under the other filters, whatever status is chosen.
    let whatsapp = InboxQuery {
        channel: Some(ChannelKind::WhatsApp),
        status: Some(ConversationStatus::Done),
        ..InboxQuery::default()
    };
    assert_eq!(
        counts(&shop.app, &whatsapp),
        [
            (ConversationStatus::NeedsReply, 2),
            (ConversationStatus::WaitingForBuyer, 1),
            (ConversationStatus::Snoozed, 0),
            (ConversationStatus::Done, 0)
        ]
    );
    let accounts = shop.app.inbox_accounts().unwrap();
    assert_eq!(
        accounts.iter().map(|a| a.channel).collect::<Vec<_>>(),
        [ChannelKind::Etsy, ChannelKind::WhatsApp]
    );
}

#[test]
fn search_is_newest_first_and_marks_the_matched_words() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a1", NOW - 3 * HOUR, "Quería una TAZA azul para mi mamá"),
                incoming(a, "bea", "b1", NOW - HOUR, "Hola!\n¿La taza grande viene en azúl?"),
                incoming(a, "caro", "c1", NOW - 2 * HOUR, "Nada que ver"),
            ],
            NOW,
        )
        .unwrap();
    let page = shop
        .app
        .inbox(&InboxQuery { search: Some("azul taza".into()), ..InboxQuery::default() }, NOW)
        .unwrap();
    let found: Vec<(&str, &str)> =
        page.rows.iter().map(|r| (r.buyer_name.as_str(), r.preview.as_str())).collect();
    assert_eq!(
        found,
        [("Buyer bea", "¿La taza grande viene en azúl?"), ("Buyer ana", "Quería una TAZA azul para mi mamá")]
    );
    assert_eq!((page.total, page.total_capped), (2, false));
    let marked = |row: &mostrador_core::inbox::InboxRow| -> Vec<String> {
        let utf16: Vec<u16> = row.preview.encode_utf16().collect();
        row.highlights
            .iter()
            .map(|h| String::from_utf16(&utf16[h.start as usize..h.end as usize]).unwrap())
            .collect()
    };
    assert_eq!(marked(&page.rows[0]), ["taza", "azúl"]);
    assert_eq!(marked(&page.rows[1]), ["TAZA", "azul"]);

    // A buyer's name matches too; without a search there are no highlights.
    assert_eq!(search(&shop.app, "buyer caro"), ["Buyer caro"]);
    assert!(all(&shop.app).iter().all(|r| r.highlights.is_empty()));
    // Filters apply to search results.
    shop.app.set_status(id(&shop, "bea"), ConversationStatus::Done, None, NOW).unwrap();
    let done = InboxQuery {
        search: Some("taza".into()),
        status: Some(ConversationStatus::Done),
        ..InboxQuery::default()
    };
    assert_eq!(shop.app.inbox(&done, NOW).unwrap().rows.len(), 1);
}

#[test]
fn drafts_survive_reopening_the_store() {
    let shop = shop();
    shop.app.ingest(&[incoming(shop.account, "ana", "a1", NOW - HOUR, "Hola")], NOW).unwrap();
    let ana = id(&shop, "ana");
    shop.app.save_draft(ana, "Hola Ana, sí tengo", NOW).unwrap();
    shop.app.save_draft(ana, "Hola Ana, sí tengo en azul", NOW + 5).unwrap();
    let path = shop.app.db_path().to_path_buf();
    drop(shop.app);
    let app = Mostrador::open(&path).unwrap();
    assert_eq!(app.draft(ana).unwrap().unwrap().text, "Hola Ana, sí tengo en azul");
    assert_eq!(app.drafts().unwrap().len(), 1);
    app.save_draft(ana, "   ", NOW + 9).unwrap();
    assert_eq!(app.draft(ana).unwrap(), None, "an empty composer is no draft");
    assert!(matches!(app.save_draft(12345, "x", NOW), Err(Error::NotFound { .. })));
}

#[test]
fn a_copied_reply_is_recorded_stops_the_wait_and_clears_the_draft() {
    let shop = shop();
    shop.app.ingest(&[incoming(shop.account, "ana", "a1", NOW - HOUR, "¿Tenés la taza?")], NOW).unwrap();
    let ana = id(&shop, "ana");
    shop.app.save_draft(ana, "Sí, la tengo", NOW).unwrap();
    let message_id = shop.app.record_copied_reply(ana, "Sí, la tengo", NOW).unwrap();
    let view = shop.app.conversation(ana, NOW).unwrap();
    let last = view.messages.last().unwrap();
    assert_eq!(
        (last.id, last.direction, last.status),
        (message_id, Direction::Outgoing, MessageStatus::Copied)
    );
    assert_eq!(last.author, "Taller", "the account's \"me\"");
    assert_eq!(
        (view.summary.status, view.summary.waiting_seconds),
        (ConversationStatus::WaitingForBuyer, None)
    );
    assert_eq!(shop.app.draft(ana).unwrap(), None);
    // Copying the same text twice is two replies, not one.
    shop.app.record_copied_reply(ana, "Sí, la tengo", NOW).unwrap();
    assert_eq!(shop.app.conversation(ana, NOW).unwrap().messages.len(), 3);
    assert!(shop.app.record_copied_reply(ana, "  ", NOW).is_err());
    let export = export(&shop.app);
    assert!(export["tables"]["conversation_drafts"].is_array());
}

#[test]
fn alerts_group_new_messages_and_name_conversations_that_just_passed_their_target() {
    let shop = shop();
    let a = shop.account;
    let first = shop.app.triage_alerts(None, NOW - MINUTE, NOW).unwrap();
    assert_eq!((first.new_messages, first.quiet), (0, false));
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a1", NOW - 2 * HOUR, "Hola"),
                incoming(a, "ana", "a2", NOW - 2 * HOUR + 10, "¿Estás?"),
                incoming(a, "bea", "b1", NOW - 30, "Hola"),
            ],
            NOW,
        )
        .unwrap();
    let alerts = shop.app.triage_alerts(Some(first.last_message_id), NOW - MINUTE, NOW).unwrap();
    assert_eq!((alerts.new_messages, alerts.new_conversations, alerts.needs_reply), (3, 2, 2));
    assert_eq!(alerts.buyers, ["Buyer bea", "Buyer ana"]);
    // Ana's two-hour WhatsApp target passed in the last minute; nobody else's did.
    assert_eq!(alerts.newly_late.iter().map(|r| r.buyer_name.as_str()).collect::<Vec<_>>(), ["Buyer ana"]);
    let again = shop.app.triage_alerts(Some(alerts.last_message_id), NOW, NOW + MINUTE).unwrap();
    assert_eq!((again.new_messages, again.newly_late.len()), (0, 0));

    let settings = TriageSettings {
        quiet_hours: Some(QuietHours { start: "00:00".into(), end: "23:59".into() }),
        ..shop.app.triage_settings().unwrap()
    };
    shop.app.save_triage_settings(&settings).unwrap();
    assert!(shop.app.triage_alerts(None, NOW, NOW).unwrap().quiet);
}

#[test]
fn a_long_conversation_opens_on_its_newest_messages() {
    let shop = shop();
    let batch: Vec<_> = (0..450)
        .map(|i| incoming(shop.account, "ana", &format!("m{i}"), NOW - 1000 + i, &format!("n{i}")))
        .collect();
    shop.app.ingest(&batch, NOW).unwrap();
    let view = shop.app.conversation(id(&shop, "ana"), NOW).unwrap();
    assert_eq!((view.messages.len(), view.has_older_messages), (200, true));
    assert_eq!((view.messages[0].text.as_str(), view.messages[199].text.as_str()), ("n250", "n449"));
    let (older, more) = shop.app.older_messages(id(&shop, "ana"), view.messages[0].id, 200).unwrap();
    assert_eq!((older.len(), more, older[199].text.as_str()), (200, true, "n249"));
    let (oldest, more) = shop.app.older_messages(id(&shop, "ana"), older[0].id, 200).unwrap();
    assert_eq!((oldest.len(), more, oldest[0].text.as_str()), (50, false, "n0"));
}

#[test]
fn reply_targets_count_shop_hours_when_the_calendar_has_them() {
    let shop = shop();
    // Friday 2025-06-13 17:00 UTC (NOW is the Sunday after, 15:06); the WhatsApp target is 2 h.
    let friday_five = 1_749_834_000;
    shop.app
        .ingest(&[incoming(shop.account, "ana", "a1", friday_five, "¿Tenés la taza azul?")], NOW)
        .unwrap();
    let ana = id(&shop, "ana");
    let at = |now: i64| shop.app.conversation(ana, now).unwrap().summary;

    // Without opening hours the wall clock counts: late on Sunday.
    assert_eq!(at(NOW).target_level, Some(TargetLevel::Late));

    let mut calendar = shop.app.calendar_settings().unwrap();
    calendar.time_zone = Some("UTC".into());
    for day in &mut calendar.working_days {
        (day.open, day.close) = (Some("09:00".into()), Some("18:00".into()));
    }
    shop.app.save_calendar_settings(&calendar).unwrap();

    let sunday = at(NOW);
    assert_eq!(sunday.waiting_seconds, Some(NOW - friday_five), "the display keeps the wall clock");
    assert_eq!(sunday.target_waiting_seconds, Some(HOUR));
    assert_eq!(sunday.target_level, Some(TargetLevel::Ok));
    let monday_nine = friday_five + 64 * HOUR;
    assert_eq!(at(monday_nine + 30 * MINUTE).target_level, Some(TargetLevel::Near));
    assert_eq!(at(monday_nine + HOUR - 1).target_level, Some(TargetLevel::Near));
    assert_eq!(at(monday_nine + HOUR).target_level, Some(TargetLevel::Late));
    let row = shop.app.inbox(&InboxQuery::default(), monday_nine + HOUR).unwrap().rows.remove(0);
    assert_eq!((row.target_level, row.target_waiting_seconds), (Some(TargetLevel::Late), Some(2 * HOUR)));

    // The reminder fires when the shop-hours wait crosses the target, not on Saturday.
    let late = |since: i64, now: i64| shop.app.triage_alerts(None, since, now).unwrap().newly_late.len();
    assert_eq!(late(NOW - 24 * HOUR, NOW), 0);
    assert_eq!(late(monday_nine + HOUR - 60, monday_nine + HOUR), 1);
    assert_eq!(late(monday_nine + HOUR, monday_nine + 2 * HOUR), 0);
}

#[test]
fn open_tabs_survive_a_restart_without_drafts() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[incoming(a, "ana", "a1", NOW - HOUR, "Hola"), incoming(a, "bea", "b1", NOW - HOUR, "Hola")],
            NOW,
        )
        .unwrap();
    let (ana, bea) = (id(&shop, "ana"), id(&shop, "bea"));
    assert_eq!(shop.app.open_tabs().unwrap(), Vec::<i64>::new());
    shop.app.save_open_tabs(&[bea, ana, bea, 9_999]).unwrap();
    let path = shop.dir.path().join("mostrador.db");
    drop(shop.app);
    let reopened = Mostrador::open(&path).unwrap();
    assert_eq!(reopened.open_tabs().unwrap(), vec![bea, ana], "repeats and missing conversations dropped");
    reopened.save_open_tabs(&[]).unwrap();
    assert_eq!(reopened.open_tabs().unwrap(), Vec::<i64>::new());
}

/// The unfiltered tabs read kept counters (triggers count conversations in and out, the writers
/// count status changes, migration 0014); an account filter counts the rows themselves. With one
/// account both must agree after every kind of change.
#[test]
fn the_kept_tab_counts_agree_with_a_real_count_after_every_kind_of_change() {
    let shop = shop();
    let a = shop.account;
    let agree = |step: &str| {
        let kept = counts(&shop.app, &InboxQuery::default());
        let real = counts(&shop.app, &InboxQuery { account_id: Some(a), ..InboxQuery::default() });
        assert_eq!(kept, real, "after {step}");
        let needs = kept.iter().find(|(s, _)| *s == ConversationStatus::NeedsReply).unwrap().1;
        assert_eq!(shop.app.inbox(&InboxQuery::default(), NOW).unwrap().needs_reply, needs, "after {step}");
    };
    let buyers = ["ana", "bea", "caro", "dani", "eli", "fer"];
    let first: Vec<_> =
        buyers.iter().map(|b| incoming(a, b, &format!("{b}1"), NOW - HOUR, "Hola, ¿precio?")).collect();
    shop.app.ingest(&first, NOW).unwrap();
    agree("new conversations");

    // One batch: two replies, a buyer writing twice, a reply then a new question.
    shop.app
        .ingest(
            &[
                outgoing(a, "ana", "ana2", NOW - 50 * MINUTE, "$ 5.000"),
                outgoing(a, "bea", "bea2", NOW - 50 * MINUTE, "$ 5.000"),
                incoming(a, "caro", "caro2", NOW - 40 * MINUTE, "¿Hay azul?"),
                outgoing(a, "dani", "dani2", NOW - 40 * MINUTE, "Sí"),
                incoming(a, "dani", "dani3", NOW - 30 * MINUTE, "¿Y verde?"),
            ],
            NOW,
        )
        .unwrap();
    agree("a batch of replies and questions");

    shop.app.set_status(id(&shop, "caro"), ConversationStatus::Done, None, NOW).unwrap();
    shop.app.set_status(id(&shop, "caro"), ConversationStatus::Done, None, NOW).unwrap();
    agree("done, twice");
    let tomorrow = SnoozeChoice::Preset { preset: SnoozePreset::TomorrowMorning };
    shop.app.snooze(id(&shop, "dani"), &tomorrow, NOW).unwrap();
    shop.app.snooze(id(&shop, "eli"), &SnoozeChoice::UntilReply, NOW).unwrap();
    agree("snoozes");
    let ids: Vec<i64> = ["ana", "bea", "fer"].iter().map(|b| id(&shop, b)).collect();
    shop.app.bulk(&ids, &BulkAction::SetStatus { status: ConversationStatus::Done }, NOW).unwrap();
    agree("bulk done");
    let morning = shop
        .app
        .snooze_options(NOW)
        .unwrap()
        .into_iter()
        .find(|o| o.preset == SnoozePreset::TomorrowMorning)
        .unwrap()
        .until;
    assert_eq!(shop.app.wake_snoozed(morning).unwrap(), 1);
    agree("a snooze ending");

    // Buyers write again: done and snoozed reopen; an edited message is a full recount.
    shop.app
        .ingest(
            &[
                incoming(a, "caro", "caro3", NOW + MINUTE, "Otra cosa"),
                incoming(a, "eli", "eli2", NOW + MINUTE, "¿Sigue?"),
                outgoing(a, "fer", "fer2", NOW + MINUTE, "Gracias"),
                incoming(a, "ana", "ana1", NOW - HOUR, "Hola, ¿precio? (editado)"),
            ],
            NOW,
        )
        .unwrap();
    agree("reopening and an edit");
    let needs = counts(&shop.app, &InboxQuery::default());
    assert_eq!(needs.iter().map(|(_, n)| n).sum::<u32>(), buyers.len() as u32);
}
