//! The connectors against a real started simulator, on real temporary SQLite files: every endpoint
//! the Mercado Libre and Telegram adapters use, the connect flows, the outbox and the engine.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mostrador_channels::connect::{self, MlConnect, Pkce, TelegramConnect};
use mostrador_channels::secrets::{self, SecretStore};
use mostrador_channels::{Clock, Engine, EventSink, SyncEvent, sync_once};
use mostrador_core::Mostrador;
use mostrador_core::accounts::SyncState;
use mostrador_core::inbox::{InboxQuery, InboxRow};
use mostrador_core::replies::OutboxState;
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus};
use mostrador_simulator::{Activity, Api, Fault, FaultKind, SimConfig, Simulator};

struct Fixture {
    sim: Simulator,
    core: Arc<Mostrador>,
    secrets: Arc<dyn SecretStore>,
    clock: Clock,
    _dir: tempfile::TempDir,
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

async fn fixture() -> Fixture {
    fixture_on("MLA").await
}

async fn fixture_on(site: &str) -> Fixture {
    let sim = Simulator::start(SimConfig { site: site.to_owned(), ..SimConfig::default() })
        .await
        .expect("simulator");
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("mostrador.sqlite3")).expect("database"));
    let secrets = secrets::encrypted_file(&dir.path().join("secrets.bin")).expect("secret file");
    Fixture { sim, core, secrets, clock: Arc::new(now), _dir: dir }
}

impl Fixture {
    async fn connect_ml(&self, pkce: Option<&Pkce>) -> i64 {
        let app = self.sim.ml_app();
        let code = self.sim.ml_issue_code(pkce.map(|p| p.challenge.as_str()));
        let request = MlConnect {
            site_id: "MLA".into(),
            client_id: app.client_id.clone(),
            client_secret: app.client_secret.clone(),
            redirect_uri: app.redirect_uri.clone(),
            pasted: format!("{}?code={code}&state=abc", app.redirect_uri),
            code_verifier: pkce.map(|p| p.verifier.clone()),
            api_base: self.sim.ml_base_url(),
            demo: false,
        };
        connect::mercado_libre(&self.core, &self.secrets, request, now()).await.expect("connect ML")
    }

    async fn connect_telegram(&self) -> i64 {
        let request = TelegramConnect {
            token: self.sim.telegram_token(),
            api_base: self.sim.telegram_base_url(),
            demo: false,
        };
        let id =
            connect::telegram(&self.core, &self.secrets, request, now()).await.expect("connect Telegram");
        // Tests do not wait 25 s for news.
        let mut settings = self.core.account(id).unwrap().settings;
        settings["long_poll_secs"] = serde_json::json!(0);
        self.core.update_account_settings(id, &settings).unwrap();
        id
    }

    async fn sync(&self, account_id: i64) -> mostrador_channels::SyncSummary {
        sync_once(&self.core, &self.secrets, account_id, &self.clock).await
    }

    async fn sync_ok(&self, account_id: i64) -> mostrador_channels::SyncSummary {
        let summary = self.sync(account_id).await;
        assert!(summary.errors.is_empty(), "sync errors: {:?}", summary.errors);
        summary
    }

    fn rows(&self, account_id: i64) -> Vec<InboxRow> {
        let query = InboxQuery { account_id: Some(account_id), limit: 1000, ..InboxQuery::default() };
        self.core.inbox(&query, now()).unwrap().rows
    }

    fn conversation(&self, account_id: i64, external_ref: &str) -> i64 {
        self.core
            .conversation_id_by_ref(account_id, external_ref)
            .unwrap()
            .unwrap_or_else(|| panic!("no conversation {external_ref}"))
    }

    fn secret(&self, account_id: i64, name: &str) -> Option<String> {
        self.secrets.get(&secrets::account_key(account_id, name)).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ml_connect_with_and_without_pkce_keeps_one_account_per_seller() {
    let f = fixture().await;
    let app = f.sim.ml_app();
    let first = f.connect_ml(None).await;
    let account = f.core.account(first).unwrap();
    assert_eq!(account.external_id.as_deref(), Some(app.seller_id.to_string().as_str()));
    assert_eq!(account.settings["api_base"], f.sim.ml_base_url());
    assert_eq!(account.settings["client_id"], app.client_id);
    assert!(account.settings.get("client_secret").is_none(), "no secret in the settings");
    assert!(!account.settings.to_string().contains(&app.client_secret));
    assert_eq!(f.secret(first, "client_secret").as_deref(), Some(app.client_secret.as_str()));
    let refresh = f.secret(first, "refresh_token").expect("refresh token stored");
    assert!(f.secret(first, "access_token").is_some());

    // The same seller connecting again (now with PKCE) updates the account.
    let pkce = Pkce::new();
    let again = f.connect_ml(Some(&pkce)).await;
    assert_eq!(again, first);
    assert_eq!(f.core.accounts().unwrap().len(), 1);
    assert_ne!(f.secret(first, "refresh_token").unwrap(), refresh, "new tokens stored");

    // A wrong verifier, a used code, and no code at all are refused with their own codes.
    let code = f.sim.ml_issue_code(Some(&pkce.challenge));
    let wrong = MlConnect {
        site_id: "MLA".into(),
        client_id: app.client_id.clone(),
        client_secret: app.client_secret.clone(),
        redirect_uri: app.redirect_uri.clone(),
        pasted: code.clone(),
        code_verifier: Some(Pkce::new().verifier),
        api_base: f.sim.ml_base_url(),
        demo: false,
    };
    let e = connect::mercado_libre(&f.core, &f.secrets, wrong.clone(), now()).await.unwrap_err();
    assert_eq!(e.code(), "connect_code_rejected", "{e}");
    let e = connect::mercado_libre(
        &f.core,
        &f.secrets,
        MlConnect { pasted: "https://x.com/cb?state=1".into(), ..wrong.clone() },
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "connect_missing_code");
    let code = f.sim.ml_issue_code(None);
    let bad_secret = MlConnect { pasted: code, code_verifier: None, client_secret: "nope".into(), ..wrong };
    let e = connect::mercado_libre(&f.core, &f.secrets, bad_secret, now()).await.unwrap_err();
    assert!(matches!(e.code(), "connect_wrong_client" | "connect_code_rejected"), "{e}");
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ml_questions_become_conversations_and_answers_are_sent_once() {
    let f = fixture().await;
    let account = f.connect_ml(None).await;
    let report = f.sim.generate(Activity { questions: 6, ..Activity::default() });
    assert_eq!(report.question_ids.len(), 6);

    let summary = f.sync_ok(account).await;
    assert!(summary.new >= 6, "{summary:?}");
    let questions: Vec<InboxRow> =
        f.rows(account).into_iter().filter(|r| r.kind == ConversationKind::PreSaleQuestion).collect();
    assert_eq!(questions.len(), 6);
    assert!(questions.iter().all(|r| r.subject.as_deref().is_some_and(|s| !s.is_empty())), "listing titles");
    assert_eq!(f.core.account(account).unwrap().sync.state, SyncState::Ok);

    // Nothing new: nothing stored again.
    let again = f.sync_ok(account).await;
    assert_eq!(again.new, 0, "{again:?}");

    // Answering: POST /answers once, stored under the answer's id, the question closed for replies.
    let question = report.question_ids[0];
    let conversation = f.conversation(account, &format!("question:{question}"));
    let capability = f.core.send_capability(conversation).unwrap();
    assert!(capability.public_and_permanent);
    let text = "¡Hola! Sí, lo tenemos en stock y sale en 48 h.";
    f.core.outbox_enqueue(conversation, text, now()).unwrap();
    let sent = f.sync_ok(account).await;
    assert_eq!(sent.sent, 1);
    let answers = f.sim.answers_received();
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].question_id, answers[0].text.as_str()), (question, text));
    f.sync_ok(account).await;
    assert_eq!(f.sim.answers_received().len(), 1, "never sent twice");
    let view = f.core.conversation(conversation, now()).unwrap();
    let outgoing: Vec<_> = view.messages.iter().filter(|m| m.direction == Direction::Outgoing).collect();
    assert_eq!(outgoing.len(), 1, "one row for the reply");
    assert_eq!((outgoing[0].text.as_str(), outgoing[0].status), (text, MessageStatus::Sent));
    assert_eq!(
        f.core.send_capability(conversation).unwrap().blocked_reason.as_deref(),
        Some("question_answered")
    );

    // A banned question shows as removed.
    let banned = report.question_ids[1];
    assert!(f.sim.ban_question(banned));
    // Re-read (a fresh run re-reads recent questions).
    f.sync_ok(account).await;
    let view = f.core.conversation(f.conversation(account, &format!("question:{banned}")), now()).unwrap();
    assert_eq!(view.messages[0].status, MessageStatus::Moderated);
    assert_eq!(view.messages[0].text, "");
    f.sim.shutdown().await;
}

/// A secret store whose writes fail (a locked keychain, a full disk) while `failing` is set.
struct FlakyStore {
    inner: Arc<dyn SecretStore>,
    failing: std::sync::atomic::AtomicBool,
}

impl SecretStore for FlakyStore {
    fn get(&self, key: &str) -> Result<Option<String>, secrets::SecretError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), secrets::SecretError> {
        if self.failing.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(secrets::SecretError::Store("the keychain is locked".into()));
        }
        self.inner.set(key, value)
    }
    fn delete(&self, key: &str) -> Result<(), secrets::SecretError> {
        self.inner.delete(key)
    }
    fn kind(&self) -> secrets::SecretStoreKind {
        self.inner.kind()
    }
}

/// An enabled account always has its secrets: a new one stays paused until they are written, a
/// reconnect whose write fails pauses the account instead of leaving it on half-replaced tokens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_enables_an_account_only_with_its_secrets_stored() {
    let f = fixture().await;
    let flaky = Arc::new(FlakyStore { inner: Arc::clone(&f.secrets), failing: true.into() });
    let store: Arc<dyn SecretStore> = flaky.clone();
    let request = |f: &Fixture| {
        let app = f.sim.ml_app();
        let code = f.sim.ml_issue_code(None);
        MlConnect {
            site_id: "MLA".into(),
            client_id: app.client_id.clone(),
            client_secret: app.client_secret.clone(),
            redirect_uri: app.redirect_uri.clone(),
            pasted: code,
            code_verifier: None,
            api_base: f.sim.ml_base_url(),
            demo: false,
        }
    };
    let e = connect::mercado_libre(&f.core, &store, request(&f), now()).await.unwrap_err();
    assert_eq!(e.code(), "secret_store");
    let accounts = f.core.accounts().unwrap();
    assert_eq!(accounts.len(), 1);
    assert!(accounts[0].disabled, "no tokens, not synced");

    flaky.failing.store(false, std::sync::atomic::Ordering::SeqCst);
    let id = connect::mercado_libre(&f.core, &store, request(&f), now()).await.expect("connect");
    assert_eq!(id, accounts[0].id);
    assert!(!f.core.account(id).unwrap().disabled);
    assert!(f.secret(id, "refresh_token").is_some());

    flaky.failing.store(true, std::sync::atomic::Ordering::SeqCst);
    connect::mercado_libre(&f.core, &store, request(&f), now()).await.unwrap_err();
    assert!(f.core.account(id).unwrap().disabled, "a failed reconnect pauses the account");
    f.sim.shutdown().await;
}

/// The questions feed gives only the asker's id: the inbox shows the nickname from `/users/<id>`,
/// a readable stand-in while the profile cannot be read, and the nickname once it can.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ml_question_askers_are_named_by_their_nickname() {
    let mut f = fixture().await;
    let offset = Arc::new(std::sync::atomic::AtomicI64::new(0));
    let later = Arc::clone(&offset);
    f.clock = Arc::new(move || now() + later.load(std::sync::atomic::Ordering::SeqCst));
    let account = f.connect_ml(None).await;
    f.sim.generate(Activity { questions: 4, ..Activity::default() });
    let askers = |f: &Fixture| -> Vec<String> {
        f.rows(account)
            .into_iter()
            .filter(|r| r.kind == ConversationKind::PreSaleQuestion)
            .map(|r| r.buyer_name)
            .collect()
    };

    // The profiles cannot be read this minute: "Comprador <id>", never a bare number.
    f.sim.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: Some("/users/".into()),
        kind: FaultKind::ServerError,
        times: 1,
    });
    f.sync_ok(account).await;
    let first = askers(&f);
    assert_eq!(first.len(), 4);
    assert!(first.iter().all(|name| name.starts_with("Comprador ")), "{first:?}");

    // A minute later the next round names them, without waiting for another question.
    offset.store(61, std::sync::atomic::Ordering::SeqCst);
    f.sync_ok(account).await;
    let named = askers(&f);
    assert_eq!(named.len(), 4);
    for name in &named {
        assert!(!name.starts_with("Comprador") && name.parse::<i64>().is_err(), "{named:?}");
        assert!(name.chars().any(|c| c.is_ascii_uppercase()), "a nickname: {name}");
    }
    let question = f.rows(account).into_iter().find(|r| r.kind == ConversationKind::PreSaleQuestion).unwrap();
    let view = f.core.conversation(question.conversation_id, now()).unwrap();
    let asked = view.messages.iter().find(|m| m.direction == Direction::Incoming).unwrap();
    assert!(named.contains(&asked.author), "the question's author is the nickname too: {}", asked.author);

    // New questions (some from returning buyers, known by nickname already) are named at once.
    f.sim.generate(Activity { questions: 3, ..Activity::default() });
    f.sync_ok(account).await;
    assert!(askers(&f).iter().all(|name| !name.starts_with("Comprador")));
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ml_refresh_rotates_the_token_and_a_revoked_one_asks_to_reconnect() {
    let f = fixture().await;
    let account = f.connect_ml(None).await;
    let before = f.secret(account, "refresh_token").unwrap();
    f.sim.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: None,
        kind: FaultKind::ExpireAccessTokens,
        times: 1,
    });
    f.sim.generate(Activity { questions: 2, ..Activity::default() });
    let summary = f.sync_ok(account).await;
    assert_eq!(summary.new, 2);
    let after = f.secret(account, "refresh_token").unwrap();
    assert_ne!(after, before, "the rotated refresh token is stored");

    f.sim.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: None,
        kind: FaultKind::RevokeRefreshToken,
        times: 1,
    });
    let summary = f.sync(account).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("token_revoked")), "{summary:?}");
    let status = f.core.account(account).unwrap().sync;
    assert_eq!(status.state, SyncState::NeedsReconnect);
    assert_eq!(status.error_code.as_deref(), Some("token_revoked"));

    // Connecting again fixes it.
    assert_eq!(f.connect_ml(None).await, account);
    f.sync_ok(account).await;
    assert_eq!(f.core.account(account).unwrap().sync.state, SyncState::Ok);
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ml_packs_orders_moderation_and_blocked_conversations() {
    let f = fixture().await;
    let account = f.connect_ml(None).await;
    let report = f.sim.generate(Activity { new_orders: 3, post_sale_messages: 4, ..Activity::default() });
    assert!(!report.pack_ids.is_empty());
    f.sync_ok(account).await;

    // One conversation per pack, with the order attached and the buyer from the order.
    let pack = report.pack_ids[0];
    let conversation = f.conversation(account, &format!("pack:{pack}"));
    let view = f.core.conversation(conversation, now()).unwrap();
    assert_eq!(view.summary.kind, ConversationKind::PostSale);
    assert!(view.messages.iter().any(|m| m.direction == Direction::Incoming));
    assert!(!view.orders.is_empty(), "the pack's order is linked");
    assert!(view.orders.iter().all(|o| !o.items.is_empty() && !o.currency.is_empty()));
    assert!(view.summary.subject.is_some(), "the product as subject");

    // Reading never marked anything read on Mercado Libre.
    let token = f.secret(account, "access_token").unwrap();
    let unread: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/messages/unread?role=seller&tag=post_sale", f.sim.ml_base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = unread["results"].as_array().unwrap();
    assert!(
        listed.iter().any(|r| r["resource"].as_str().unwrap().contains(&format!("/packs/{pack}/"))),
        "{unread}"
    );

    // A reply with a phone number comes back moderated, and shows so.
    f.core.outbox_enqueue(conversation, "Escribime al 11 5555-1234 y lo coordinamos", now()).unwrap();
    let sent = f.sync_ok(account).await;
    assert_eq!(sent.sent, 1);
    let received = f.sim.post_sale_sent();
    assert_eq!(received.len(), 1);
    assert_ne!(received[0].status, "available");
    let view = f.core.conversation(conversation, now()).unwrap();
    let reply = view.messages.iter().find(|m| m.direction == Direction::Outgoing).unwrap();
    assert!(matches!(reply.status, MessageStatus::Moderated | MessageStatus::Rejected), "{:?}", reply.status);
    assert_eq!(reply.moderation_reason.as_deref(), Some("phone"));

    // A clean reply is delivered.
    f.core.outbox_enqueue(conversation, "¡Gracias! Lo despachamos mañana.", now()).unwrap();
    f.sync_ok(account).await;
    let received = f.sim.post_sale_sent();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].status, "available");

    // A blocked pack: shown with its reason, no send offered, a queued reply fails with a reason.
    let blocked_pack = *report.pack_ids.last().unwrap();
    let blocked = f.conversation(account, &format!("pack:{blocked_pack}"));
    let item = f.core.outbox_enqueue(blocked, "Hola, ¿pudiste verlo?", now()).unwrap();
    f.sim.block_pack(blocked_pack, "blocked_by_mediation");
    let summary = f.sync(account).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("blocked_conversation")), "{summary:?}");
    let items = f.core.outbox_for_conversation(blocked).unwrap();
    let failed = items.iter().find(|i| i.id == item.id).unwrap();
    assert_eq!(failed.state, OutboxState::Failed);
    assert_eq!(failed.error_code.as_deref(), Some("blocked_conversation"));
    assert_eq!(
        f.core.send_capability(blocked).unwrap().blocked_reason.as_deref(),
        Some("blocked_by_mediation")
    );
    assert_eq!(f.sim.post_sale_sent().len(), 2, "nothing posted to a blocked pack");
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ml_messaging_agent_packs_are_answered_through_the_agent() {
    let f = fixture_on("MLB").await;
    let account = f.connect_ml(None).await;
    let report = f.sim.generate(Activity { new_orders: 6, post_sale_messages: 12, ..Activity::default() });
    f.sync_ok(account).await;
    // Every pack gets a reply; the simulator refuses a `to` that is not the agent where there is one.
    for pack in &report.pack_ids {
        let conversation = f.conversation(account, &format!("pack:{pack}"));
        f.core.outbox_enqueue(conversation, "Obrigado pela compra!", now()).unwrap();
    }
    let summary = f.sync_ok(account).await;
    assert_eq!(summary.sent as usize, report.pack_ids.len());
    assert_eq!(f.sim.post_sale_sent().len(), report.pack_ids.len());
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_in_doubt_are_checked_before_any_resend() {
    let f = fixture().await;
    let account = f.connect_ml(None).await;
    let report = f.sim.generate(Activity {
        questions: 2,
        new_orders: 1,
        post_sale_messages: 1,
        ..Activity::default()
    });
    f.sync_ok(account).await;
    let (landed, lost) = (report.question_ids[0], report.question_ids[1]);
    let landed_conversation = f.conversation(account, &format!("question:{landed}"));
    let lost_conversation = f.conversation(account, &format!("question:{lost}"));

    // A crash after the channel took the answer: claimed ("sending"), delivered, not recorded;
    // claimed long enough ago that no other sender can still be on it.
    let crashed_at = now() - 200;
    f.core.outbox_enqueue(landed_conversation, "Sí, hay talle M.", crashed_at).unwrap();
    let claimed = f.core.outbox_claim(account, crashed_at).unwrap().unwrap();
    let token = f.secret(account, "access_token").unwrap();
    let status = reqwest::Client::new()
        .post(format!("{}/answers", f.sim.ml_base_url()))
        .bearer_auth(token)
        .json(&serde_json::json!({ "question_id": landed, "text": "Sí, hay talle M." }))
        .send()
        .await
        .unwrap()
        .status();
    assert!(status.is_success());
    // A crash before the request left: claimed, never delivered.
    f.core.outbox_enqueue(lost_conversation, "No, solo en azul.", crashed_at).unwrap();
    let lost_item = f.core.outbox_claim(account, crashed_at).unwrap().unwrap();
    assert_eq!(f.core.outbox_in_doubt(account, now()).unwrap().len(), 2);

    let summary = f.sync_ok(account).await;
    assert_eq!(summary.sent, 2, "{summary:?}");
    let answers = f.sim.answers_received();
    assert_eq!(answers.iter().filter(|a| a.question_id == landed).count(), 1, "not sent again");
    assert_eq!(answers.iter().filter(|a| a.question_id == lost).count(), 1, "sent once");
    for (conversation, id) in [(landed_conversation, claimed.id), (lost_conversation, lost_item.id)] {
        let item =
            f.core.outbox_for_conversation(conversation).unwrap().into_iter().find(|i| i.id == id).unwrap();
        assert_eq!(item.state, OutboxState::Sent);
    }
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_updates_business_chats_edits_deletions_and_sends() {
    let f = fixture().await;
    let account = f.connect_telegram().await;
    let settings = f.core.account(account).unwrap().settings;
    assert_eq!(settings["api_base"], f.sim.telegram_base_url());
    assert_eq!(f.secret(account, "bot_token"), Some(f.sim.telegram_token()));
    // The same bot again: the same account.
    let request =
        TelegramConnect { token: f.sim.telegram_token(), api_base: f.sim.telegram_base_url(), demo: false };
    assert_eq!(connect::telegram(&f.core, &f.secrets, request, now()).await.unwrap(), account);
    let bad = TelegramConnect { token: "123:nope".into(), api_base: f.sim.telegram_base_url(), demo: false };
    assert_eq!(
        connect::telegram(&f.core, &f.secrets, bad, now()).await.unwrap_err().code(),
        "connect_token_rejected"
    );

    let report =
        f.sim.generate(Activity { telegram_messages: 3, business_messages: 2, ..Activity::default() });
    let last_update = *report.telegram_update_ids.iter().max().unwrap();
    let summary = f.sync_ok(account).await;
    assert!(summary.new >= 5, "{summary:?}");
    // The offset is stored with the updates: next call confirms them.
    assert_eq!(f.core.sync_cursor(account, "updates").unwrap(), Some((last_update + 1).to_string()));
    assert_eq!(f.sync_ok(account).await.new, 0, "confirmed updates do not come back");

    let rows = f.rows(account);
    assert!(rows.len() >= 2, "plain and business chats");

    // Business conversations have a reply window; plain ones do not.
    let business: Vec<i64> = rows
        .iter()
        .filter(|r| f.core.send_capability(r.conversation_id).unwrap().reply_until.is_some())
        .map(|r| r.conversation_id)
        .collect();
    assert!(!business.is_empty(), "business chats have a reply window");
    let plain: Vec<i64> =
        rows.iter().map(|r| r.conversation_id).filter(|id| !business.contains(id)).collect();
    assert!(!plain.is_empty());

    // An edit re-stores the same message with the new text; a deletion marks it.
    let edited_update = f.sim.edit_business_message();
    assert!(edited_update.is_some());
    let summary = f.sync_ok(account).await;
    assert!(summary.updated >= 1, "{summary:?}");
    assert!(f.sim.delete_business_message().is_some());
    f.sync_ok(account).await;
    let deleted = business
        .iter()
        .flat_map(|id| f.core.conversation(*id, now()).unwrap().messages)
        .filter(|m| m.deleted_at.is_some())
        .count();
    assert_eq!(deleted, 1);

    // Replies: sendMessage, with the business connection in a business chat.
    f.core.outbox_enqueue(plain[0], "¡Hola! Sí, hacemos envíos.", now()).unwrap();
    f.core.outbox_enqueue(business[0], "Te paso el precio en un rato.", now()).unwrap();
    let summary = f.sync_ok(account).await;
    assert_eq!(summary.sent, 2);
    let sent = f.sim.telegram_sent();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent.iter().filter(|s| s.business_connection_id.is_some()).count(), 1);
    for id in [plain[0], business[0]] {
        let view = f.core.conversation(id, now()).unwrap();
        let reply = view.messages.iter().rev().find(|m| m.direction == Direction::Outgoing).unwrap();
        assert_eq!(reply.status, MessageStatus::Sent);
    }
    f.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engine_polls_sends_on_wake_and_reports() {
    let f = fixture().await;
    let account = f.connect_telegram().await;
    let mut settings = f.core.account(account).unwrap().settings;
    settings["long_poll_secs"] = serde_json::json!(20);
    f.core.update_account_settings(account, &settings).unwrap();
    f.sim.generate(Activity { telegram_messages: 2, ..Activity::default() });

    let events: Arc<Mutex<Vec<SyncEvent>>> = Arc::default();
    let sink: EventSink = {
        let events = Arc::clone(&events);
        Arc::new(move |event| events.lock().unwrap().push(event))
    };
    let engine = Engine::start(Arc::clone(&f.core), Arc::clone(&f.secrets), Arc::clone(&f.clock), sink);
    wait_for(|| {
        events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, SyncEvent::NewIncoming { count, .. } if *count >= 2))
    })
    .await;
    assert!(events.lock().unwrap().contains(&SyncEvent::StoreChanged { account_id: account }));
    assert!(events.lock().unwrap().contains(&SyncEvent::StatusChanged { account_id: account }));
    assert_eq!(f.core.account(account).unwrap().sync.state, SyncState::Ok);

    // Now the task waits in a 20 s long poll: a queued reply wakes it and goes out at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let conversation = f.rows(account)[0].conversation_id;
    f.core.outbox_enqueue(conversation, "¡Gracias por escribir!", now()).unwrap();
    let asked = std::time::Instant::now();
    engine.wake(account);
    wait_for(|| f.sim.telegram_sent().len() == 1).await;
    assert!(asked.elapsed() < Duration::from_secs(10), "sent after {:?}", asked.elapsed());

    // News arrives through the long poll itself.
    let incoming_events =
        || events.lock().unwrap().iter().filter(|e| matches!(e, SyncEvent::NewIncoming { .. })).count();
    let before = incoming_events();
    f.sim.generate(Activity { telegram_messages: 1, ..Activity::default() });
    wait_for(|| incoming_events() > before).await;
    let stopping = std::time::Instant::now();
    engine.shutdown().await;
    assert!(stopping.elapsed() < Duration::from_secs(10), "a long poll does not hold the shutdown");
    f.sim.shutdown().await;
}

async fn wait_for(mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_reply_in_doubt_is_left_to_the_seller_and_offline_is_reported() {
    let f = fixture().await;
    let account = f.connect_telegram().await;
    f.sim.generate(Activity { telegram_messages: 1, ..Activity::default() });
    f.sync_ok(account).await;
    let conversation = f.rows(account)[0].conversation_id;
    // Claimed by a run that died long enough ago that no other sender can still be on it.
    let crashed_at = now() - 200;
    f.core.outbox_enqueue(conversation, "¿Te sirve el envío por correo?", crashed_at).unwrap();
    let item = f.core.outbox_claim(account, crashed_at).unwrap().unwrap();

    // A bot cannot read the chat: the reply is not sent again, it fails with a reason to decide on.
    let summary = f.sync(account).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("delivery_unknown")), "{summary:?}");
    assert!(f.sim.telegram_sent().is_empty());
    let item =
        f.core.outbox_for_conversation(conversation).unwrap().into_iter().find(|i| i.id == item.id).unwrap();
    assert_eq!((item.state, item.error_code.as_deref()), (OutboxState::Failed, Some("delivery_unknown")));

    // The seller retries it: sent once.
    f.core.outbox_retry(item.id, now()).unwrap();
    assert_eq!(f.sync_ok(account).await.sent, 1);
    assert_eq!(f.sim.telegram_sent().len(), 1);

    // No server at all: offline, with a time to retry.
    f.sim.clone().shutdown().await;
    let summary = f.sync(account).await;
    assert!(summary.errors.iter().any(|e| e.starts_with("offline")), "{summary:?}");
    let status = f.core.account(account).unwrap().sync;
    assert_eq!(status.state, SyncState::Offline);
    assert!(status.retry_at.is_some_and(|at| at >= now()));
    assert!(status.last_success_at.is_some());
    let token = f.sim.telegram_token();
    assert!(summary.errors.iter().all(|e| !e.contains(&token)), "no token in errors: {summary:?}");
    assert!(!status.error_detail.unwrap_or_default().contains(&token), "no token in the stored detail");
}
