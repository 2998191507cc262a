//! Outlook.com mailboxes: Microsoft's device code sign-in against the simulator's identity
//! platform, then IMAP and SMTP with SASL XOAUTH2 against the real Dovecot that `cargo xtask`
//! starts, which checks each token at the simulator (token introspection on the port xtask
//! exports as `MOSTRADOR_MAIL_OAUTH_PORT`). Refreshing ahead of expiry, the rotated refresh token
//! stored, a token refused before its time, a revoked sign-in and the token endpoint's faults.
//!
//! The device flow's refusals need no mail server; the rest skip without one. Tests that need
//! Dovecot take turns: its introspection port can hold one simulator at a time.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use mostrador_channels::connect::{
    self, ConnectError, MailSecurity, MailServer as ServerAddress, OutlookConnect,
};
use mostrador_channels::secrets::{self, SecretStore};
use mostrador_channels::{Clock, sync_once};
use mostrador_core::Mostrador;
use mostrador_core::accounts::SyncState;
use mostrador_core::inbox::InboxQuery;
use mostrador_core::vocabulary::{Direction, MessageStatus};
use mostrador_simulator::{Api, Fault, FaultKind, SimConfig, Simulator};
use support::mail_server::{MailServer, PASSWORD, fresh, now};

/// One simulator at a time on Dovecot's introspection port.
static INTROSPECTION_PORT: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn simulator(port: u16) -> Simulator {
    // The previous test's simulator stops when dropped, but its listener closes a moment later on
    // the runtime it ran on: wait for the port rather than fail on it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let config = SimConfig { microsoft_port: port, ..SimConfig::default() };
        match Simulator::start(config).await {
            Ok(sim) => {
                sim.set_microsoft_poll_interval(1);
                return sim;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && std::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("the simulator starts on port {port}: {e}"),
        }
    }
}

fn request(sim: &Simulator, address: &str, imap: ServerAddress, smtp: ServerAddress) -> OutlookConnect {
    OutlookConnect {
        address: address.to_owned(),
        display_name: Some("Taller Martina".into()),
        client_id: sim.microsoft_app().client_id,
        login_base: sim.microsoft_base_url(),
        imap,
        smtp,
    }
}

/// Servers nobody listens on: the device flow's refusals come before any sign-in.
fn nowhere() -> ServerAddress {
    ServerAddress { host: "localhost".into(), port: 9, security: MailSecurity::Tls }
}

/// Plays the seller on Microsoft's page: waits for the code to be asked for, then approves it as
/// `address` (or declines).
fn seller_answers(sim: &Simulator, address: Option<String>) {
    let sim = sim.clone();
    tokio::spawn(async move {
        for _ in 0..200 {
            if let Some(code) = sim.snapshot().microsoft_pending_codes.first() {
                match &address {
                    Some(address) => assert!(sim.microsoft_approve(code, address)),
                    None => assert!(sim.microsoft_decline(code)),
                }
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
}

struct Shop {
    server: MailServer,
    sim: Simulator,
    core: Arc<Mostrador>,
    secrets: Arc<dyn SecretStore>,
    clock: Clock,
    /// Seconds added to the real clock (an hour later without waiting an hour).
    skew: Arc<AtomicI64>,
    address: String,
    account_id: i64,
    dir: tempfile::TempDir,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

/// A shop whose Outlook-like mailbox was connected through the device code flow.
async fn outlook_shop() -> Option<Shop> {
    let server = MailServer::from_env()?;
    let port: u16 = std::env::var("MOSTRADOR_MAIL_OAUTH_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .expect("MOSTRADOR_MAIL_OAUTH_PORT: the xtask that started the mail servers exports it");
    let turn = INTROSPECTION_PORT.lock().await;
    let sim = simulator(port).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("mostrador.sqlite3")).expect("database"));
    let secrets = secrets::encrypted_file(&dir.path().join("secrets.bin")).expect("secret file");
    let address = fresh("taller", "outlook.test");
    let welcome = format!(
        "From: x@x.test\r\nTo: {address}\r\nSubject: Bienvenida\r\nMessage-ID: <w.{address}>\r\n\r\nhola\r\n"
    );
    server.deliver(welcome.as_bytes(), "x@x.test", &[&address]).await;
    let imap =
        ServerAddress { host: server.host.clone(), port: server.imap_port, security: MailSecurity::Tls };
    let smtp = ServerAddress {
        host: server.host.clone(),
        port: server.submission_port,
        security: MailSecurity::Tls,
    };
    let outlook = request(&sim, &address, imap, smtp);
    let login = connect::outlook_start(&outlook).await.expect("a device code");
    assert_eq!(login.verification_uri, "https://www.microsoft.com/link");
    seller_answers(&sim, Some(address.clone()));
    let account_id =
        connect::outlook_finish(&core, &secrets, &outlook, &login, now).await.expect("connected");
    let skew = Arc::new(AtomicI64::new(0));
    let clock: Clock = {
        let skew = skew.clone();
        Arc::new(move || now() + skew.load(Ordering::Relaxed))
    };
    Some(Shop { server, sim, core, secrets, clock, skew, address, account_id, dir, _turn: turn })
}

impl Shop {
    fn secret(&self, what: &str) -> String {
        let key = format!("account:{}:{what}", self.account_id);
        self.secrets.get(&key).expect("secret store").unwrap_or_default()
    }

    fn settings(&self) -> serde_json::Value {
        self.core.account(self.account_id).expect("account").settings
    }

    async fn sync(&self) -> mostrador_channels::SyncSummary {
        sync_once(&self.core, &self.secrets, self.account_id, &self.clock).await
    }
}

#[tokio::test]
async fn an_outlook_mailbox_signs_in_with_microsoft_then_reads_and_sends_with_xoauth2() {
    let Some(shop) = outlook_shop().await else { return };
    let settings = shop.settings();
    assert_eq!(settings["sign_in"], "microsoft");
    assert_eq!(settings["oauth_client_id"], shop.sim.microsoft_app().client_id.as_str());
    let expires_at = settings["oauth_access_expires_at"].as_i64().expect("the access token's expiry is kept");
    assert!((now() + 3_000..=now() + 3_600).contains(&expires_at), "{expires_at}");
    let view = shop.core.account(shop.account_id).expect("account");
    assert_eq!(
        view.access_expires_at, None,
        "an hourly token that renews itself is no access about to expire"
    );
    let (access, refresh) = (shop.secret("access_token"), shop.secret("refresh_token"));
    assert!(access.starts_with("EwA") && refresh.starts_with("M.C5"), "tokens in the secret store");
    assert!(shop.secret("mail_password").is_empty(), "no password for a Microsoft mailbox");
    let introspected = shop.sim.totals().microsoft_introspections;
    assert!(introspected >= 2, "Dovecot checked the token for IMAP and SMTP: {introspected}");

    let buyer = fresh("ana", "buyer.test");
    let mail = format!(
        "From: Ana <{buyer}>\r\nTo: {}\r\nSubject: Consulta por mates\r\nMessage-ID: <m1.{buyer}>\r\n\
         Date: Mon, 7 Dec 2026 09:00:00 -0300\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Hola, hay mates de calabaza?\r\n",
        shop.address
    );
    shop.server.deliver(mail.as_bytes(), &buyer, &[&shop.address]).await;
    let summary = shop.sync().await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    let query = InboxQuery { account_id: Some(shop.account_id), ..InboxQuery::default() };
    let rows = shop.core.inbox(&query, now()).expect("inbox").rows;
    let row =
        rows.iter().find(|r| r.subject.as_deref() == Some("Consulta por mates")).expect("the buyer's mail");

    shop.core.outbox_enqueue(row.conversation_id, "¡Hola Ana! Sí, hay.", now()).expect("enqueue");
    let summary = shop.sync().await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
    let reply = page.messages.iter().find(|m| m.direction == Direction::Outgoing).expect("reply");
    assert_eq!(reply.status, MessageStatus::Sent);
    let mut inbox = shop.server.imap_session(&buyer, PASSWORD).await;
    inbox.select("INBOX").await.expect("select");
    let mut found = Vec::new();
    for _ in 0..50 {
        found = inbox
            .uid_search("SUBJECT \"Re: Consulta por mates\"")
            .await
            .expect("search")
            .into_iter()
            .collect();
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(found.len(), 1, "the reply reached the buyer through submission with XOAUTH2");
    let log = std::fs::read_to_string(shop.server.dir.join("var/dovecot.log")).unwrap_or_default();
    let xoauth2 = format!("user=<{}>, method=XOAUTH2", shop.address);
    assert!(log.lines().filter(|l| l.contains(&xoauth2)).count() >= 2, "IMAP and submission by XOAUTH2");
    assert!(shop.secret("refresh_token") == refresh, "nothing was refreshed while the token was fresh");

    // Tokens never reach the database.
    let database = std::fs::read(shop.dir.path().join("mostrador.sqlite3")).expect("db");
    for token in [&access, &refresh] {
        let needle = token.as_bytes();
        assert!(!database.windows(needle.len()).any(|w| w == needle), "a token in SQLite");
    }
}

#[tokio::test]
async fn an_access_token_near_its_expiry_is_refreshed_first_and_the_new_refresh_token_is_kept() {
    let Some(shop) = outlook_shop().await else { return };
    let (first_access, first_refresh) = (shop.secret("access_token"), shop.secret("refresh_token"));
    let first_expiry = shop.settings()["oauth_access_expires_at"].as_i64().expect("expiry");
    // Four minutes before the token's end: within the margin, so it is refreshed before signing in.
    shop.skew.store(first_expiry - now() - 240, Ordering::Relaxed);
    let summary = shop.sync().await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    let (second_access, second_refresh) = (shop.secret("access_token"), shop.secret("refresh_token"));
    assert_ne!(second_access, first_access);
    assert_ne!(second_refresh, first_refresh, "Microsoft rotated it; the new one is stored");
    let second_expiry = shop.settings()["oauth_access_expires_at"].as_i64().expect("expiry");
    assert!(second_expiry > first_expiry, "{second_expiry} > {first_expiry}");

    // An access token refused before its stated end (Microsoft ended it early): one refresh, and
    // the round goes on.
    shop.sim.inject(Fault {
        api: Api::Microsoft,
        path_contains: None,
        kind: FaultKind::ExpireAccessTokens,
        times: 1,
    });
    let summary = shop.sync().await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    assert_ne!(shop.secret("access_token"), second_access);
    assert_ne!(shop.secret("refresh_token"), second_refresh);
    assert_eq!(shop.core.account(shop.account_id).expect("account").sync.state, SyncState::Ok);
}

#[tokio::test]
async fn a_revoked_sign_in_asks_the_seller_to_connect_again() {
    let Some(shop) = outlook_shop().await else { return };
    assert_eq!(shop.sim.microsoft_revoke(&shop.address), 1);
    let summary = shop.sync().await;
    assert!(summary.errors.iter().any(|e| e.starts_with("token_revoked")), "{summary:?}");
    let status = shop.core.account(shop.account_id).expect("account").sync;
    assert_eq!(status.state, SyncState::NeedsReconnect, "{status:?}");
    assert_eq!(status.error_code.as_deref(), Some("token_revoked"));
}

#[tokio::test]
async fn the_token_endpoints_faults_become_the_usual_sync_errors() {
    let Some(shop) = outlook_shop().await else { return };
    let expiry = shop.settings()["oauth_access_expires_at"].as_i64().expect("expiry");
    shop.skew.store(expiry - now() + 10, Ordering::Relaxed);
    let token_fault =
        |kind| Fault { api: Api::Microsoft, path_contains: Some("/token".into()), kind, times: 1 };
    for (kind, code, state) in [
        (FaultKind::RateLimited { retry_after_secs: 30 }, "rate_limited", SyncState::Retrying),
        (FaultKind::ServerError, "server_error", SyncState::Retrying),
        (FaultKind::MalformedJson, "malformed_response", SyncState::Retrying),
    ] {
        let refresh = shop.secret("refresh_token");
        shop.sim.inject(token_fault(kind));
        let summary = shop.sync().await;
        assert!(summary.errors.iter().any(|e| e.starts_with(code)), "{code}: {summary:?}");
        let status = shop.core.account(shop.account_id).expect("account").sync;
        assert_eq!((status.state, status.error_code.as_deref()), (state, Some(code)), "{status:?}");
        if code == "rate_limited" {
            let (attempt, retry_at) =
                (status.last_attempt_at.expect("attempt"), status.retry_at.expect("retry"));
            assert!(retry_at >= attempt + 30, "Retry-After is honoured: {retry_at} vs {attempt}");
        }
        if code == "malformed_response" {
            // The garbled answer spent the refresh token at Microsoft's end without telling us the
            // new one: the seller has to sign in again, and says so on the next round.
            assert_eq!(shop.secret("refresh_token"), refresh);
            let summary = shop.sync().await;
            assert!(summary.errors.iter().any(|e| e.starts_with("token_revoked")), "{summary:?}");
        } else {
            assert_eq!(shop.secret("refresh_token"), refresh, "a failed refresh keeps the token it had");
        }
    }
}

#[tokio::test]
async fn declined_expired_and_unknown_sign_ins_say_so() {
    let sim = simulator(0).await;
    let address = fresh("taller", "outlook.test");
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("mostrador.sqlite3")).expect("database"));
    let secrets = secrets::encrypted_file(&dir.path().join("secrets.bin")).expect("secret file");
    let outlook = request(&sim, &address, nowhere(), nowhere());

    let login = connect::outlook_start(&outlook).await.expect("a device code");
    seller_answers(&sim, None);
    let declined = connect::outlook_finish(&core, &secrets, &outlook, &login, now).await;
    assert!(matches!(declined, Err(ConnectError::MicrosoftDeclined)), "{declined:?}");
    assert_eq!(declined.unwrap_err().code(), "connect_microsoft_declined");

    let login = connect::outlook_start(&outlook).await.expect("a device code");
    sim.advance_clock(901);
    let expired = connect::outlook_finish(&core, &secrets, &outlook, &login, now).await;
    assert!(matches!(expired, Err(ConnectError::MicrosoftCodeExpired)), "{expired:?}");

    let stranger =
        OutlookConnect { client_id: "11111111-2222-4333-8444-555555555555".into(), ..outlook.clone() };
    let unknown = connect::outlook_start(&stranger).await;
    assert!(matches!(unknown, Err(ConnectError::MicrosoftUnknownApp(_))), "{unknown:?}");
    let unset = OutlookConnect { client_id: "  ".into(), ..outlook.clone() };
    assert_eq!(connect::outlook_start(&unset).await.unwrap_err().code(), "connect_microsoft_unknown_app");

    sim.inject(Fault { api: Api::Microsoft, path_contains: None, kind: FaultKind::ServerError, times: 1 });
    let failed = connect::outlook_start(&outlook).await;
    assert_eq!(failed.unwrap_err().code(), "server_error");
    assert!(core.accounts().expect("accounts").is_empty(), "nothing saved");
}

#[tokio::test]
async fn polling_honours_slow_down_and_a_moment_of_rate_limiting() {
    let sim = simulator(0).await;
    sim.set_microsoft_poll_interval(2);
    let address = fresh("taller", "outlook.test");
    let outlook = request(&sim, &address, nowhere(), nowhere());
    let login = connect::outlook_start(&outlook).await.expect("a device code");
    assert_eq!(login.interval, 2);
    // The client is told 1 s: Microsoft (here, 2 s) answers slow_down and the client waits 5 s more.
    let hurried = mostrador_channels::connect::MicrosoftDeviceLogin { interval: 1, ..login.clone() };
    sim.inject(Fault {
        api: Api::Microsoft,
        path_contains: Some("/token".into()),
        kind: FaultKind::RateLimited { retry_after_secs: 1 },
        times: 1,
    });
    let started = std::time::Instant::now();
    let approver = sim.clone();
    let code = login.user_code.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert!(approver.microsoft_approve(&code, "taller@outlook.test"));
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("mostrador.sqlite3")).expect("database"));
    let secrets = secrets::encrypted_file(&dir.path().join("secrets.bin")).expect("secret file");
    // Approved, the tokens come; then signing in fails because no mail server listens.
    let finished = connect::outlook_finish(&core, &secrets, &outlook, &hurried, now).await;
    assert!(matches!(finished, Err(ConnectError::MailUnreachable(_))), "{finished:?}");
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(6), "slow_down added 5 s to the 1 s interval: {waited:?}");
    assert!(waited < Duration::from_secs(20), "{waited:?}");
    assert!(sim.totals().microsoft_requests <= 8, "{:?}", sim.totals());
}
