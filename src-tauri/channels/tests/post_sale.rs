//! Post-sale messages and replies against the simulator: packs read on the website, the periodic
//! re-read of recent orders' packs, packs the seller can no longer read, a failing feed beside the
//! others, replies another process is still sending, and the same short reply sent twice.

mod shop;

use std::time::{Duration, Instant};

use mostrador_core::accounts::SyncState;
use mostrador_core::replies::IN_DOUBT_AFTER_SECS;
use mostrador_core::replies::{
    OutboxItem, OutboxState, PostSaleReason, PostSaleReasonChoice, PostSaleReasonValue,
};
use mostrador_core::vocabulary::ConversationStatus;
use mostrador_simulator::{Activity, Api, Fault, FaultKind};

use shop::Shop;

fn ml_fault(kind: FaultKind, path_contains: &str) -> Fault {
    Fault { api: Api::MercadoLibre, path_contains: Some(path_contains.into()), kind, times: 1 }
}

/// Buyer messages stored in the pack's conversation.
fn stored_in_pack(shop: &Shop, ml: i64, pack: i64) -> i64 {
    shop.query_i64(
        "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.account_id = ?1 AND c.external_ref = ?2 AND m.direction = 'incoming'",
        (ml, format!("pack:{pack}")),
    )
    .unwrap_or(0)
}

/// Generates post-sale activity until `n` packs have a buyer message; their ids.
fn packs_with_messages(shop: &Shop, n: usize) -> Vec<i64> {
    let mut packs = Vec::new();
    while packs.len() < n {
        let report = shop.generate(Activity { post_sale_messages: 1, ..Activity::default() });
        for pack in report.pack_ids {
            if !packs.contains(&pack) {
                packs.push(pack);
            }
        }
    }
    packs
}

fn outbox_item(shop: &Shop, conversation: i64, id: i64) -> OutboxItem {
    shop.core.outbox_for_conversation(conversation).unwrap().into_iter().find(|o| o.id == id).unwrap()
}

fn pack_conversation(shop: &Shop, ml: i64, pack: i64) -> i64 {
    shop.core.conversation_id_by_ref(ml, &format!("pack:{pack}")).unwrap().expect("the pack's conversation")
}

async fn wait_until(what: &str, limit: Duration, done: impl Fn() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "{what} within {limit:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pack_read_on_the_website_is_fetched_when_the_buyer_writes_again() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let pack = packs_with_messages(&shop, 1)[0];
    let mut settings = shop.core.account(ml).unwrap().settings;
    settings["poll_active_secs"] = 1.into();
    settings["poll_idle_secs"] = 1.into();
    shop.core.update_account_settings(ml, &settings).unwrap();
    let engine = mostrador_channels::Engine::start(
        shop.core.clone(),
        shop.secrets.clone(),
        shop.clock.clone(),
        std::sync::Arc::new(|_| {}),
    );
    wait_until("the pack's first message is stored", Duration::from_secs(15), || {
        stored_in_pack(&shop, ml, pack) >= 1
    })
    .await;
    let before = stored_in_pack(&shop, ml, pack);

    // The seller reads it on the website (it leaves the unread list); a few rounds go by.
    assert!(shop.sim.read_pack_on_site(pack));
    let requests = shop.sim.totals().ml_requests;
    wait_until("two more rounds", Duration::from_secs(15), || shop.sim.totals().ml_requests >= requests + 6)
        .await;
    // The buyer writes again: unread once more, with the same count as the first time.
    assert!(shop.sim.buyer_writes_in_pack(pack));
    wait_until("the new message is stored", Duration::from_secs(15), || {
        stored_in_pack(&shop, ml, pack) == before + 1
    })
    .await;
    engine.shutdown().await;
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_read_on_the_website_are_imported_by_the_rescan() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let pack = packs_with_messages(&shop, 1)[0];
    // Read on the website before the app ever saw it: never in the unread list.
    assert!(shop.sim.read_pack_on_site(pack));
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    let first = stored_in_pack(&shop, ml, pack);
    assert!(first >= 1, "the first sync re-reads recent orders' packs");

    // Another one read at once on the website: not before the next rescan (every 30 minutes)…
    assert!(shop.sim.buyer_writes_in_pack(pack));
    assert!(shop.sim.read_pack_on_site(pack));
    shop.advance(10 * 60);
    shop.sync(ml).await;
    assert_eq!(stored_in_pack(&shop, ml, pack), first, "the rescan waits its 30 minutes");
    // …which a restart does not bring forward (a new connector, the time stored as a cursor)…
    assert!(shop.core.sync_cursor(ml, "packs_rescan").unwrap().is_some());
    // …and then it comes in.
    shop.advance(21 * 60);
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_eq!(stored_in_pack(&shop, ml, pack), first + 1);
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_pack_does_not_hold_back_the_others() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let packs = packs_with_messages(&shop, 2);
    let (gone, fine) = (packs[0], packs[1]);
    // Every read of one pack answers 404 (more than this round's attempts).
    shop.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: Some(format!("/messages/packs/{gone}/")),
        kind: FaultKind::NotFound,
        times: 10,
    });
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "a pack gone is no failure of the account: {summary:?}");
    assert_eq!(shop.status(ml).state, SyncState::Ok);
    assert!(stored_in_pack(&shop, ml, fine) >= 1, "the other pack is stored");
    assert_eq!(stored_in_pack(&shop, ml, gone), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_feed_does_not_keep_the_others_from_the_seller() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.sync(ml).await;
    let pack = packs_with_messages(&shop, 1)[0];
    shop.generate(Activity { questions: 1, ..Activity::default() });
    shop.inject(ml_fault(FaultKind::ServerError, "/orders/search"));
    let summary = shop.sync(ml).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("server_error")), "{summary:?}");
    assert_eq!(shop.status(ml).state, SyncState::Retrying, "the failure is still reported");
    assert!(stored_in_pack(&shop, ml, pack) >= 1, "post-sale messages came in despite the orders");
    assert!(summary.new >= 2, "and the question too: {summary:?}");
    shop.advance(600);
    shop.sync_until_quiet(ml, 4).await;
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_in_doubt_whose_pack_cannot_be_read_fails_alone() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let pack = packs_with_messages(&shop, 1)[0];
    shop.sync(ml).await;
    let conversation = pack_conversation(&shop, ml, pack);
    // Left "sending" by a crash long ago; now its pack answers 404.
    let crashed_at = shop.now() - IN_DOUBT_AFTER_SECS - 60;
    let item = shop.core.outbox_enqueue(conversation, "¡Gracias! Ya sale.", crashed_at).unwrap();
    shop.core.outbox_claim(ml, crashed_at).unwrap().unwrap();
    shop.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: Some(format!("/messages/packs/{pack}/")),
        kind: FaultKind::NotFound,
        times: 1,
    });
    let report = shop.generate(Activity { questions: 1, ..Activity::default() });

    let summary = shop.sync(ml).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("rejected")), "{summary:?}");
    assert_eq!(shop.status(ml).state, SyncState::Ok, "the account goes on: {summary:?}");
    let question = format!("question:{}", report.question_ids[0]);
    assert!(shop.core.conversation_id_by_ref(ml, &question).unwrap().is_some(), "the poll ran");
    let reply = outbox_item(&shop, conversation, item.id);
    assert_eq!((reply.state, reply.error_code.as_deref()), (OutboxState::Failed, Some("rejected")));
    assert!(shop.sim.post_sale_sent().iter().all(|m| m.text != item.text));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_another_process_is_sending_is_left_to_it() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let pack = packs_with_messages(&shop, 1)[0];
    shop.sync(ml).await;
    let conversation = pack_conversation(&shop, ml, pack);
    // The app claimed it a moment ago and is waiting on Mercado Libre: `sync --once` runs meanwhile.
    let item = shop.enqueue(conversation, "Mañana te llega, ¡gracias por la paciencia!");
    shop.core.outbox_claim(ml, shop.now()).unwrap().unwrap();
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_eq!(outbox_item(&shop, conversation, item.id).state, OutboxState::Sending, "not taken over");
    assert!(shop.sim.post_sale_sent().iter().all(|m| m.text != item.text), "not sent beside the app");

    // The other sender died: after the grace it is looked for, not found, and sent once.
    shop.advance(IN_DOUBT_AFTER_SECS + 1);
    shop.sync(ml).await;
    assert_eq!(outbox_item(&shop, conversation, item.id).state, OutboxState::Sent);
    assert_eq!(shop.sim.post_sale_sent().iter().filter(|m| m.text == item.text).count(), 1);
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_short_reply_twice_is_not_taken_for_one() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let pack = packs_with_messages(&shop, 1)[0];
    shop.sync(ml).await;
    let conversation = pack_conversation(&shop, ml, pack);
    let first = shop.enqueue(conversation, "¡Gracias!");
    shop.sync(ml).await;
    assert_eq!(outbox_item(&shop, conversation, first.id).state, OutboxState::Sent);
    // The seller says it again; the app dies after claiming it, before the request left.
    let crashed_at = shop.now() - IN_DOUBT_AFTER_SECS - 10;
    let second = shop.core.outbox_enqueue(conversation, "¡Gracias!", crashed_at).unwrap();
    assert_eq!(shop.core.outbox_claim(ml, crashed_at).unwrap().unwrap().id, second.id);

    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_eq!(outbox_item(&shop, conversation, second.id).state, OutboxState::Sent);
    let copies = shop.sim.post_sale_sent().iter().filter(|m| m.text == "¡Gracias!").count();
    assert_eq!(copies, 2, "the first one's message is not the second's");
    let rows = shop.query_i64(
        "SELECT count(*) FROM messages WHERE conversation_id = ?1 AND direction = 'outgoing' AND text = '¡Gracias!'",
        [conversation],
    );
    assert_eq!(rows, Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pausing_and_resuming_mid_send_never_sends_twice() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let pack = packs_with_messages(&shop, 1)[0];
    let mut settings = shop.core.account(ml).unwrap().settings;
    settings["poll_active_secs"] = 1.into();
    settings["poll_idle_secs"] = 1.into();
    shop.core.update_account_settings(ml, &settings).unwrap();
    let engine = mostrador_channels::Engine::start(
        shop.core.clone(),
        shop.secrets.clone(),
        shop.clock.clone(),
        std::sync::Arc::new(|_| {}),
    );
    wait_until("the first round", Duration::from_secs(15), || stored_in_pack(&shop, ml, pack) >= 1).await;
    let conversation = pack_conversation(&shop, ml, pack);

    // The send's read of the pack takes 3 s: the seller pauses and resumes the account meanwhile,
    // and (the clock moved on) the claim already looks old to a new task.
    shop.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: Some(format!("/messages/packs/{pack}/")),
        kind: FaultKind::Slow { millis: 3_000 },
        times: 1,
    });
    let item = shop.enqueue(conversation, "Lo despachamos hoy por la tarde.");
    engine.wake(ml);
    wait_until("the reply is claimed", Duration::from_secs(10), || {
        outbox_item(&shop, conversation, item.id).state == OutboxState::Sending
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    shop.core.set_account_disabled(ml, true).unwrap();
    engine.reload();
    tokio::time::sleep(Duration::from_millis(300)).await;
    shop.core.set_account_disabled(ml, false).unwrap();
    shop.advance(IN_DOUBT_AFTER_SECS + 60);
    engine.reload();

    wait_until("the reply is sent", Duration::from_secs(15), || {
        outbox_item(&shop, conversation, item.id).state == OutboxState::Sent
    })
    .await;
    // Time for a second copy to land, were one on its way (past the slow read).
    tokio::time::sleep(Duration::from_secs(4)).await;
    engine.shutdown().await;
    assert_eq!(shop.sim.post_sale_sent().iter().filter(|m| m.text == item.text).count(), 1);
    shop.assert_mercado_libre_ledger(ml);
}

/// A purchase nobody has written about yet: its order, and its pack's id.
fn silent_purchase(shop: &Shop, ml: i64) -> (i64, String) {
    let db = shop.read_only();
    db.query_row(
        "SELECT id, thread_ref FROM orders
          WHERE account_id = ?1 AND conversation_id IS NULL AND stage <> 'cancelled' ORDER BY id LIMIT 1",
        [ml],
        |row| Ok((row.get(0)?, row.get::<_, String>(1)?)),
    )
    .expect("an order nobody wrote about")
}

fn reason_choice(reason: &PostSaleReason) -> PostSaleReasonChoice {
    let hours = [9, 18];
    PostSaleReasonChoice {
        option_id: reason.id.clone(),
        template_id: reason.template_id.clone(),
        vars: reason
            .hour_vars
            .iter()
            .zip(hours)
            .map(|(id, value)| PostSaleReasonValue { id: id.clone(), value })
            .collect(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seller_opens_a_purchase_s_conversation_with_a_reason_mercado_libre_offers() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { new_orders: 6, ..Activity::default() });
    assert!(shop.sync(ml).await.errors.is_empty());
    let (order, thread_ref) = silent_purchase(&shop, ml);
    let pack: i64 = thread_ref.trim_start_matches("pack:").parse().unwrap();

    // From the order: its conversation, empty, where only a reason opens it.
    let conversation = shop.core.start_order_thread(order, shop.now()).unwrap();
    assert_eq!(shop.core.start_order_thread(order, shop.now()).unwrap(), conversation, "the same one again");
    let view = shop.core.conversation(conversation, shop.now()).unwrap();
    assert!(view.messages.is_empty() && view.orders.iter().any(|o| o.id == order), "{view:?}");
    assert!(view.send.needs_reason);
    assert_eq!(view.summary.status, ConversationStatus::Done, "nobody waits for an answer in it");
    let refused = shop.core.outbox_enqueue(conversation, "¡Gracias por tu compra!", shop.now()).unwrap_err();
    assert_eq!(refused.code(), "send_needs_reason");

    // The reasons Mercado Libre offers for this purchase, asked of it now.
    let clock = shop.clock.clone();
    let reasons =
        mostrador_channels::post_sale_reasons(&shop.core, &shop.secrets, &clock, conversation).await.unwrap();
    let ids: Vec<&str> = reasons.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"OTHER") && ids.contains(&"SEND_INVOICE_LINK"), "{ids:?}");
    let fixed = reasons.iter().find(|r| r.template_id.is_some()).expect("a reason with a fixed text");
    let fixed_text = fixed.template_text.clone().expect("its text, to read before sending");
    let preview = fixed_text.replacen("%s", "hoy", 1).replacen("%d", "9", 1).replacen("%d", "18", 1);
    let item = shop
        .core
        .outbox_enqueue_with_reason(conversation, &preview, &reason_choice(fixed), shop.now())
        .unwrap();
    assert_eq!(item.reason.as_ref().map(|r| r.option_id.as_str()), Some(fixed.id.as_str()));
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(outbox_item(&shop, conversation, item.id).state, OutboxState::Sent);
    let sent = shop.sim.post_sale_sent();
    assert!(sent.iter().any(|m| m.pack_id == pack), "{sent:?}");

    // The same reason is spent; the seller's own words go with "other", once.
    let after =
        mostrador_channels::post_sale_reasons(&shop.core, &shop.secrets, &clock, conversation).await.unwrap();
    assert!(after.iter().all(|r| r.id != fixed.id), "a spent reason is not offered again");
    let other = after.iter().find(|r| r.id == "OTHER").unwrap();
    assert_eq!(other.char_limit, Some(350));
    let own = "Hola, la taza que elegiste se rajó en el horno: te hago otra igual y sale el lunes.";
    let item =
        shop.core.outbox_enqueue_with_reason(conversation, own, &reason_choice(other), shop.now()).unwrap();
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(outbox_item(&shop, conversation, item.id).state, OutboxState::Sent);
    assert_eq!(shop.sim.post_sale_sent().iter().filter(|m| m.text == own).count(), 1);
    // Spent too: a second "other" fails for good, saying why.
    let again = shop
        .core
        .outbox_enqueue_with_reason(conversation, "¿Te llegó?", &reason_choice(other), shop.now())
        .unwrap();
    shop.sync(ml).await;
    let failed = outbox_item(&shop, conversation, again.id);
    assert_eq!((failed.state, failed.error_code.as_deref()), (OutboxState::Failed, Some("reason_used")));

    // Once the buyer answers, replies are free and reasons are not needed.
    assert!(shop.sim.buyer_writes_in_pack(pack));
    shop.advance(60);
    assert!(shop.sync(ml).await.errors.is_empty());
    assert!(!shop.core.send_capability(conversation).unwrap().needs_reason);
    let reply = shop.enqueue(conversation, "¡Genial! Te aviso cuando salga.");
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(outbox_item(&shop, conversation, reply.id).state, OutboxState::Sent);
    shop.assert_mercado_libre_ledger(ml);
}
