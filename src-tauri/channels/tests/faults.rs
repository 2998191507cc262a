//! Each fault the simulator can inject, against the real sync round (`sync_once`) and the engine:
//! the account shows a clear status (state + error code) while the fault lasts, the sync recovers
//! once it clears, and afterwards every message the simulator holds is stored exactly once and no
//! reply reached the simulator twice (the shop's ledger check).

mod shop;

use std::time::{Duration, Instant};

use mostrador_channels::SyncSummary;
use mostrador_channels::secrets::account_key;
use mostrador_core::accounts::{AccountSyncStatus, SyncState};
use mostrador_core::replies::{IN_DOUBT_AFTER_SECS, OutboxState};
use mostrador_simulator::{Activity, Api, Fault, FaultKind};

use shop::Shop;

fn ml_fault(kind: FaultKind, path_contains: &str) -> Fault {
    Fault { api: Api::MercadoLibre, path_contains: Some(path_contains.into()), kind, times: 1 }
}

fn telegram_fault(kind: FaultKind, path_contains: &str) -> Fault {
    Fault { api: Api::Telegram, path_contains: Some(path_contains.into()), kind, times: 1 }
}

/// A Mercado Libre shop after a clean first sync, with new buyer activity waiting and four replies
/// queued (two post-sale messages first, then two answers, so the round's first request is a send).
async fn ml_shop_with_pending_work() -> (Shop, i64) {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { questions: 4, post_sale_messages: 4, ..Activity::default() });
    let first = shop.sync(ml).await;
    assert!(first.errors.is_empty() && first.new >= 8, "{first:?}");

    for (i, pack) in shop.unanswered_conversations(ml, "post_sale", 2).into_iter().enumerate() {
        shop.enqueue(pack, &format!("¡Gracias por tu compra! Mañana despachamos tu pedido (mensaje {i})."));
    }
    for (i, question) in shop.unanswered_conversations(ml, "pre_sale_question", 2).into_iter().enumerate() {
        shop.enqueue(
            question,
            &format!("¡Hola! Sí, tenemos stock y enviamos a todo el país (respuesta {i})."),
        );
    }
    shop.generate(Activity { questions: 3, post_sale_messages: 3, ..Activity::default() });
    (shop, ml)
}

/// The fault cleared: rounds until quiet, then every reply sent once and every message stored once.
async fn recovers(shop: &Shop, ml: i64) {
    shop.advance(600);
    shop.sync_until_quiet(ml, 8).await;
    let status = shop.status(ml);
    assert_eq!(status.state, SyncState::Ok, "{status:?}");
    assert_eq!(status.error_code, None);
    let outbox = shop.outbox_states(ml);
    assert_eq!(outbox.get("sent"), Some(&4), "every queued reply was sent: {outbox:?}");
    assert_eq!(outbox.len(), 1, "no reply left queued, failed or in doubt: {outbox:?}");
    shop.assert_mercado_libre_ledger(ml);
}

fn assert_status(status: &AccountSyncStatus, state: SyncState, code: &str, summary: &SyncSummary) {
    assert_eq!(status.state, state, "{status:?} after {summary:?}");
    assert_eq!(status.error_code.as_deref(), Some(code), "{status:?}");
    assert!(
        status.error_detail.as_deref().is_some_and(|d| !d.is_empty()),
        "a detail for the seller: {status:?}"
    );
    assert!(summary.errors.iter().any(|e| e.starts_with(code)), "{summary:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limited_polls_wait_for_retry_after_and_recover() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    shop.inject(ml_fault(FaultKind::RateLimited { retry_after_secs: 40 }, "/questions/search"));

    let summary = shop.sync(ml).await;
    let status = shop.status(ml);
    assert_status(&status, SyncState::Retrying, "rate_limited", &summary);
    let (attempt, retry_at) = (status.last_attempt_at.unwrap(), status.retry_at.unwrap());
    assert!(retry_at >= attempt + 40, "Retry-After 40 s is honoured: retry at {retry_at}, attempt {attempt}");
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_sends_nothing_before_retry_after() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { questions: 2, ..Activity::default() });
    shop.inject(ml_fault(FaultKind::RateLimited { retry_after_secs: 3 }, "/questions/search"));

    let engine = mostrador_channels::Engine::start(
        shop.core.clone(),
        shop.secrets.clone(),
        shop.clock.clone(),
        std::sync::Arc::new(|_| {}),
    );
    let limited_at = wait_for(&shop, ml, Duration::from_secs(10), |s| s.state == SyncState::Retrying).await;
    let requests_then = shop.sim.totals().ml_requests;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    assert_eq!(shop.sim.totals().ml_requests, requests_then, "no request while Retry-After runs");
    let recovered_at = wait_for(&shop, ml, Duration::from_secs(15), |s| s.state == SyncState::Ok).await;
    assert!(recovered_at - limited_at >= Duration::from_secs(3) - Duration::from_millis(1_100));
    engine.shutdown().await;
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_on_a_send_and_a_poll_are_retried() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    shop.inject(ml_fault(FaultKind::ServerError, "/messages/packs"));
    shop.inject(ml_fault(FaultKind::ServerError, "/questions/search"));

    let summary = shop.sync(ml).await;
    assert_status(&shop.status(ml), SyncState::Retrying, "server_error", &summary);
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_answers_are_waited_for() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    shop.inject(ml_fault(FaultKind::Slow { millis: 1_500 }, "/questions/search"));

    let started = Instant::now();
    let summary = shop.sync(ml).await;
    assert!(started.elapsed() >= Duration::from_millis(1_500), "the slow answer was waited for");
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_eq!(shop.status(ml).state, SyncState::Ok);
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropped_connections_on_a_send_and_a_poll_lose_nothing() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    shop.inject(ml_fault(FaultKind::DropConnection, "/messages/packs"));
    shop.inject(ml_fault(FaultKind::DropConnection, "/questions/search"));

    let summary = shop.sync(ml).await;
    assert_status(&shop.status(ml), SyncState::Retrying, "server_error", &summary);
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbled_answer_after_a_send_does_not_send_it_twice() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    // The simulator stores the post-sale message, then answers with broken JSON: the reply landed
    // but the app cannot know. It must look for it before any resend.
    shop.inject(ml_fault(FaultKind::MalformedJson, "/messages/packs"));
    shop.inject(ml_fault(FaultKind::MalformedJson, "/questions/search"));

    let summary = shop.sync(ml).await;
    assert_status(&shop.status(ml), SyncState::Retrying, "malformed_response", &summary);
    recovers(&shop, ml).await;
    assert_eq!(shop.sim.post_sale_sent().len(), 2, "each post-sale reply reached Mercado Libre once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_access_token_is_refreshed_and_the_new_refresh_token_kept() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    let refresh_before = shop.secrets.get(&account_key(ml, "refresh_token")).unwrap();
    shop.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: None,
        kind: FaultKind::ExpireAccessTokens,
        times: 1,
    });

    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "a refresh is not an error: {summary:?}");
    assert_eq!(shop.status(ml).state, SyncState::Ok);
    let refresh_after = shop.secrets.get(&account_key(ml, "refresh_token")).unwrap();
    assert!(
        refresh_after.is_some() && refresh_after != refresh_before,
        "the rotated refresh token was stored"
    );
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_knows_when_the_access_token_expires() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    let refresh_token = || shop.secrets.get(&account_key(ml, "refresh_token")).unwrap();
    let connected_with = refresh_token();
    // Each `sync` starts the connector afresh, as a restart of the app does.
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(refresh_token(), connected_with, "a token still valid is used as it is");

    // Six hours later the stored token has expired: it is renewed before any call, not after a
    // refused one (the simulator, on its own clock, would still take it).
    shop.advance(21_600);
    let requests_before = shop.sim.totals().ml_requests;
    assert!(shop.sync(ml).await.errors.is_empty());
    let renewed_with = refresh_token();
    assert_ne!(renewed_with, connected_with, "renewed from the expiry it kept");
    assert!(shop.sim.totals().ml_requests > requests_before);
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(refresh_token(), renewed_with, "and the renewed one's expiry is kept too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_authorisation_asks_to_reconnect_and_reconnecting_resumes() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    shop.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: None,
        kind: FaultKind::RevokeRefreshToken,
        times: 1,
    });

    let summary = shop.sync(ml).await;
    let status = shop.status(ml);
    assert_status(&status, SyncState::NeedsReconnect, "token_revoked", &summary);
    // Retrying cannot help: it stays so until the seller connects again.
    shop.advance(600);
    let again = shop.sync(ml).await;
    assert_eq!(shop.status(ml).state, SyncState::NeedsReconnect, "{again:?}");

    assert_eq!(shop.connect_mercado_libre().await, ml, "reconnecting keeps the account");
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_permission_says_so_and_the_sync_resumes_once_granted() {
    let (shop, ml) = ml_shop_with_pending_work().await;
    shop.inject(ml_fault(FaultKind::PolicyForbidden, "/questions/search"));

    let summary = shop.sync(ml).await;
    assert_status(&shop.status(ml), SyncState::NeedsReconnect, "permission_missing", &summary);
    recovers(&shop, ml).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_faults_on_get_updates_lose_and_repeat_nothing() {
    let shop = Shop::start().await;
    let bot = shop.connect_telegram().await;
    let mut generated = 0;
    let faults = [
        (FaultKind::RateLimited { retry_after_secs: 7 }, SyncState::Retrying, "rate_limited"),
        (FaultKind::ServerError, SyncState::Retrying, "server_error"),
        (FaultKind::DropConnection, SyncState::Retrying, "server_error"),
        (FaultKind::MalformedJson, SyncState::Retrying, "malformed_response"),
    ];
    for (kind, state, code) in faults {
        generated += 3;
        shop.generate(Activity { telegram_messages: 3, ..Activity::default() });
        shop.inject(telegram_fault(kind.clone(), "getUpdates"));
        let summary = shop.sync(bot).await;
        assert_status(&shop.status(bot), state, code, &summary);
        if let FaultKind::RateLimited { retry_after_secs } = kind {
            let status = shop.status(bot);
            assert!(
                status.retry_at.unwrap() >= status.last_attempt_at.unwrap() + i64::from(retry_after_secs)
            );
        }
        shop.advance(600);
        shop.sync_until_quiet(bot, 6).await;
        assert_eq!(shop.status(bot).state, SyncState::Ok);
        shop.assert_telegram_ledger(bot, generated);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_garbled_telegram_send_is_never_sent_again_and_says_so() {
    let shop = Shop::start().await;
    let bot = shop.connect_telegram().await;
    shop.generate(Activity { telegram_messages: 2, ..Activity::default() });
    shop.sync_until_quiet(bot, 4).await;
    let chat = shop.open_conversation(bot, "chat");
    let item = shop.enqueue(chat, "¡Hola! Sí, lo tenemos en azul y en verde.");
    // sendMessage is carried out, then answered with broken JSON. A bot cannot read its own chat
    // back, so the app must not guess: the reply is marked "delivery unknown" for the seller.
    shop.inject(telegram_fault(FaultKind::MalformedJson, "sendMessage"));

    shop.sync(bot).await;
    shop.advance(600);
    for _ in 0..3 {
        shop.sync(bot).await;
        shop.advance(600);
    }
    let sent: Vec<_> = shop.sim.telegram_sent().into_iter().filter(|m| m.text == item.text).collect();
    assert_eq!(sent.len(), 1, "the reply reached Telegram once: {sent:?}");
    let outbox = shop.core.outbox_for_conversation(chat).unwrap();
    let reply = outbox.iter().find(|o| o.id == item.id).unwrap();
    assert_eq!(reply.state, OutboxState::Failed, "{reply:?}");
    assert_eq!(reply.error_code.as_deref(), Some("delivery_unknown"), "the seller is told: {reply:?}");
}

/// Polls the account's status until `done`; returns when it happened.
async fn wait_for(
    shop: &Shop,
    account: i64,
    limit: Duration,
    done: impl Fn(&AccountSyncStatus) -> bool,
) -> Instant {
    let deadline = Instant::now() + limit;
    loop {
        let status = shop.status(account);
        if done(&status) {
            return Instant::now();
        }
        assert!(Instant::now() < deadline, "status not reached within {limit:?}: {status:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The replies of one plain Telegram chat that reached Telegram with this text.
fn telegram_copies(shop: &Shop, text: &str) -> usize {
    shop.sim.telegram_sent().into_iter().filter(|m| m.text == text).count()
}

fn outbox_item(shop: &Shop, conversation: i64, id: i64) -> mostrador_core::replies::OutboxItem {
    shop.core.outbox_for_conversation(conversation).unwrap().into_iter().find(|o| o.id == id).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_send_cut_off_midway_is_never_sent_again_and_says_so() {
    let shop = Shop::start().await;
    let bot = shop.connect_telegram().await;
    shop.generate(Activity { telegram_messages: 2, ..Activity::default() });
    shop.sync_until_quiet(bot, 4).await;
    let chat = shop.open_conversation(bot, "chat");
    // The connection drops once sendMessage left (Telegram may have it; a bot cannot look).
    let dropped = shop.enqueue(chat, "Te lo despacho mañana a primera hora.");
    shop.inject(telegram_fault(FaultKind::DropConnection, "sendMessage"));
    for _ in 0..4 {
        shop.sync(bot).await;
        shop.advance(600);
    }
    assert!(telegram_copies(&shop, &dropped.text) <= 1, "sent at most once");
    let reply = outbox_item(&shop, chat, dropped.id);
    assert_eq!(reply.state, OutboxState::Failed, "{reply:?}");
    assert_eq!(reply.error_code.as_deref(), Some("delivery_unknown"), "the seller is told: {reply:?}");

    // Telegram's own 500 after the request arrived is no proof either: the retry does not resend.
    let errored = shop.enqueue(chat, "Sí, también lo tenemos en negro.");
    shop.inject(telegram_fault(FaultKind::ServerError, "sendMessage"));
    for _ in 0..4 {
        shop.sync(bot).await;
        shop.advance(600);
    }
    assert_eq!(telegram_copies(&shop, &errored.text), 0);
    let reply = outbox_item(&shop, chat, errored.id);
    assert_eq!(
        (reply.state, reply.error_code.as_deref()),
        (OutboxState::Failed, Some("delivery_unknown")),
        "{reply:?}"
    );

    // The seller decides to send it again: it goes out, once.
    shop.core.outbox_retry(dropped.id, shop.now()).unwrap();
    shop.sync(bot).await;
    assert_eq!(outbox_item(&shop, chat, dropped.id).state, OutboxState::Sent);
    assert_eq!(telegram_copies(&shop, &dropped.text), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_send_refused_with_slow_down_is_sent_later() {
    let shop = Shop::start().await;
    let bot = shop.connect_telegram().await;
    shop.generate(Activity { telegram_messages: 1, ..Activity::default() });
    shop.sync_until_quiet(bot, 4).await;
    let chat = shop.open_conversation(bot, "chat");
    let item = shop.enqueue(chat, "¡Buenísimo! Te paso el alias por acá.");
    // A 429 is a refusal before anything happened: the retry sends it.
    shop.inject(telegram_fault(FaultKind::RateLimited { retry_after_secs: 5 }, "sendMessage"));
    let summary = shop.sync(bot).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("rate_limited")), "{summary:?}");
    shop.advance(600);
    shop.sync_until_quiet(bot, 4).await;
    assert_eq!(outbox_item(&shop, chat, item.id).state, OutboxState::Sent);
    assert_eq!(telegram_copies(&shop, &item.text), 1);
}

/// A Mercado Libre shop after a clean first sync with one answer queued.
async fn ml_shop_with_one_answer() -> (Shop, i64, i64, mostrador_core::replies::OutboxItem) {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { questions: 2, ..Activity::default() });
    shop.sync_until_quiet(ml, 4).await;
    let question = shop.unanswered_conversations(ml, "pre_sale_question", 1)[0];
    let item = shop.enqueue(question, "¡Hola! Sí, lo tenemos en talle M y L.");
    (shop, ml, question, item)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_the_channel_keeps_failing_gives_up_and_never_stops_the_poll() {
    let (shop, ml, question, item) = ml_shop_with_one_answer().await;
    let tries = mostrador_channels::GIVE_UP_AFTER_ATTEMPTS;
    shop.inject(Fault { times: tries, ..ml_fault(FaultKind::ServerError, "/answers") });

    for round in 1..=tries {
        shop.generate(Activity { questions: 1, ..Activity::default() });
        let summary = shop.sync(ml).await;
        assert!(summary.new >= 1, "round {round}: the buyers' new questions still arrive: {summary:?}");
        assert_eq!(
            shop.status(ml).state,
            SyncState::Ok,
            "round {round}: fetching works, the account is fine"
        );
        let reply = outbox_item(&shop, question, item.id);
        assert_eq!(reply.attempts, round, "{reply:?}");
        if round < tries {
            assert_eq!(
                (reply.state, reply.error_code.as_deref()),
                (OutboxState::Queued, Some("server_error"))
            );
        } else {
            assert_eq!(reply.state, OutboxState::Failed, "it gives up after {tries} tries: {reply:?}");
            assert_eq!(reply.error_code.as_deref(), Some("gave_up"));
            assert!(reply.error_detail.as_deref().is_some_and(|d| d.contains("server_error")), "{reply:?}");
            assert!(summary.errors.iter().any(|e| e.starts_with("gave_up")), "{summary:?}");
        }
        shop.advance(600);
    }
    shop.advance(3600);
    shop.sync(ml).await;
    assert_eq!(outbox_item(&shop, question, item.id).state, OutboxState::Failed, "it waits for the seller");

    // The seller's Retry sends it (the channel is fine again), once.
    shop.core.outbox_retry(item.id, shop.now()).unwrap();
    shop.sync(ml).await;
    assert_eq!(outbox_item(&shop, question, item.id).state, OutboxState::Sent);
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_slower_than_its_claim_keeps_it_and_is_never_taken_for_lost() {
    let (shop, ml, question, item) = ml_shop_with_one_answer().await;
    shop.inject(ml_fault(FaultKind::Slow { millis: 4_000 }, "/answers"));

    let round = tokio::spawn({
        let (core, secrets, clock) = (shop.core.clone(), shop.secrets.clone(), shop.clock.clone());
        async move { mostrador_channels::sync_once(&core, &secrets, ml, &clock).await }
    });
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    assert_eq!(outbox_item(&shop, question, item.id).state, OutboxState::Sending);
    shop.advance(70);
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    shop.advance(IN_DOUBT_AFTER_SECS - 10);
    // Claimed over two minutes ago on the sync clock, but renewed meanwhile: another process
    // (the CLI beside the app) must not take it for lost and send it again.
    assert!(
        shop.core.outbox_in_doubt(ml, shop.now()).unwrap().is_empty(),
        "the slow send kept its claim: {:?}",
        outbox_item(&shop, question, item.id)
    );
    let summary = round.await.unwrap();
    assert_eq!(summary.sent, 1, "{summary:?}");
    assert_eq!(outbox_item(&shop, question, item.id).state, OutboxState::Sent);
    shop.assert_mercado_libre_ledger(ml);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_telegram_poller_beside_the_app_is_not_a_failure() {
    let shop = Shop::start().await;
    let bot = shop.connect_telegram().await;
    shop.generate(Activity { telegram_messages: 2, ..Activity::default() });
    shop.sync_until_quiet(bot, 4).await;
    let mut settings = shop.core.account(bot).unwrap().settings;
    settings["long_poll_secs"] = 20.into();
    shop.core.update_account_settings(bot, &settings).unwrap();

    let requests_before = shop.sim.totals().telegram_requests;
    let statuses = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let engine =
        mostrador_channels::Engine::start(shop.core.clone(), shop.secrets.clone(), shop.clock.clone(), {
            let (core, statuses) = (shop.core.clone(), statuses.clone());
            std::sync::Arc::new(move |event| {
                if let mostrador_channels::SyncEvent::StatusChanged { account_id } = event {
                    statuses.lock().unwrap().push(core.account(account_id).unwrap().sync);
                }
            })
        });
    // The app's engine waits in its long poll; `mostrador-cli sync --once` polls the same bot, and
    // Telegram ends the app's poll with 409 "terminated by other getUpdates request".
    let deadline = Instant::now() + Duration::from_secs(10);
    while shop.sim.totals().telegram_requests == requests_before {
        assert!(Instant::now() < deadline, "the engine polls");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let cli = shop.sync(bot).await;
    assert!(cli.errors.is_empty(), "{cli:?}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    shop.generate(Activity { telegram_messages: 2, ..Activity::default() });

    shop.generate(Activity { telegram_messages: 1, ..Activity::default() });
    let stored = || {
        shop.query_i64(
            "SELECT count(*) FROM messages WHERE account_id = ?1 AND direction = 'incoming'",
            [bot],
        )
        .unwrap_or(0)
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while stored() < 5 {
        assert!(Instant::now() < deadline, "the app's engine goes on receiving: {} stored", stored());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    engine.shutdown().await;
    let statuses = statuses.lock().unwrap();
    assert!(
        statuses.iter().all(|s| s.state == SyncState::Ok && s.error_code.is_none()),
        "another poller is not a failure: {statuses:?}"
    );
    shop.assert_telegram_ledger(bot, 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_renewing_the_mercado_libre_token_at_once_both_keep_the_account() {
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { questions: 2, ..Activity::default() });
    shop.sync_until_quiet(ml, 4).await;
    // Both the app and `mostrador-cli sync --once` find the access token refused and renew it; the
    // refresh token is single-use, and the token endpoint is slow enough for their renewals to
    // overlap.
    shop.inject(ml_fault(FaultKind::ExpireAccessTokens, "/"));
    shop.inject(Fault { times: 2, ..ml_fault(FaultKind::Slow { millis: 700 }, "/oauth/token") });
    shop.generate(Activity { questions: 2, ..Activity::default() });

    let other_process = tokio::spawn({
        let (core, secrets, clock) = (shop.core.clone(), shop.secrets.clone(), shop.clock.clone());
        async move { mostrador_channels::sync_once(&core, &secrets, ml, &clock).await }
    });
    let app = shop.sync(ml).await;
    let cli = other_process.await.unwrap();
    for summary in [&app, &cli] {
        assert!(summary.errors.iter().all(|e| !e.starts_with("token_revoked")), "{summary:?}");
    }
    assert_eq!(shop.status(ml).state, SyncState::Ok, "{:?} / {app:?} / {cli:?}", shop.status(ml));
    shop.sync_until_quiet(ml, 4).await;
    shop.assert_mercado_libre_ledger(ml);
}
