//! The running app killed with SIGKILL, fifty times, at random points: while it opens the
//! database, while it syncs Mercado Libre and Telegram from the simulator (in this process, with
//! buyers writing all along and replies queued before each start), and while it writes its daily
//! copy (started at once through `MOSTRADOR_DAILY_BACKUP_AFTER_SECS`). Afterwards the database
//! passes `PRAGMA integrity_check`, every buyer message is stored exactly once, no reply reached
//! the channel twice, and the backups folder holds only complete copies. No WebDriver: the app
//! runs on the virtual display on its own. `MOSTRADOR_CRASH_SEED=<n>` replays one run's kill points.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mostrador_channels::connect::{self, MlConnect, TelegramConnect};
use mostrador_channels::secrets::{SecretStore, encrypted_file};
use mostrador_core::Mostrador;
use mostrador_core::replies::IN_DOUBT_AFTER_SECS;
use mostrador_simulator::{Activity, SimConfig, Simulator};

const ROUNDS: usize = 50;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A small, seeded generator for the kill points.
pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_running_app_mid_sync_and_mid_backup_loses_and_repeats_nothing() {
    let app_bin = std::env::var_os("MOSTRADOR_APP_BIN").expect("cargo xtask e2e sets MOSTRADOR_APP_BIN");
    let seams = tempfile::tempdir().expect("temp dir");
    let database = seams.path().join("mostrador.sqlite3");
    let secrets_path = seams.path().join("secrets.bin");
    let sim = Simulator::start(SimConfig::default()).await.expect("the simulator starts");
    sim.set_ml_rate_limit(None);
    let core = Arc::new(Mostrador::open(&database).expect("the database"));
    let secrets: Arc<dyn SecretStore> = encrypted_file(&secrets_path).expect("the secrets file");

    let ml_app = sim.ml_app();
    let ml = connect::mercado_libre(
        &core,
        &secrets,
        MlConnect {
            site_id: "MLA".into(),
            client_id: ml_app.client_id,
            client_secret: ml_app.client_secret,
            redirect_uri: ml_app.redirect_uri.clone(),
            pasted: format!("{}?code={}", ml_app.redirect_uri, sim.ml_issue_code(None)),
            code_verifier: None,
            api_base: sim.ml_base_url(),
            demo: false,
        },
        now(),
    )
    .await
    .expect("Mercado Libre connects");
    let bot = connect::telegram(
        &core,
        &secrets,
        TelegramConnect { token: sim.telegram_token(), api_base: sim.telegram_base_url(), demo: false },
        now(),
    )
    .await
    .expect("the Telegram bot connects");
    // Rounds a second apart and a short long poll, so each short life of the app syncs.
    for (account, extra) in [(ml, None), (bot, Some(("long_poll_secs", 1)))] {
        let mut settings = core.account(account).unwrap().settings;
        settings["poll_active_secs"] = 1.into();
        settings["poll_idle_secs"] = 1.into();
        if let Some((key, value)) = extra {
            settings[key] = value.into();
        }
        core.update_account_settings(account, &settings).unwrap();
    }
    sim.generate(Activity {
        questions: 6,
        post_sale_messages: 6,
        telegram_messages: 6,
        ..Activity::default()
    });
    fill_history(&core);

    let seed = std::env::var("MOSTRADOR_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("app crash test seed {seed} (MOSTRADOR_CRASH_SEED={seed} replays it)");
    let mut random = XorShift(seed | 1);

    let buyers_writing = Arc::new(AtomicBool::new(true));
    let activity = {
        let (sim, writing) = (sim.clone(), Arc::clone(&buyers_writing));
        std::thread::spawn(move || {
            while writing.load(Ordering::Relaxed) {
                sim.generate(Activity {
                    questions: 1,
                    post_sale_messages: 1,
                    telegram_messages: 1,
                    ..Activity::default()
                });
                std::thread::sleep(Duration::from_millis(150));
            }
        })
    };

    let backups = mostrador_core::backups::daily::folder_for(&database);
    let (mut replies, mut complete_copies, mut cut_copies) = (0, 0, 0);
    for round in 0..ROUNDS {
        replies += queue_replies(&core, &[ml, bot], replies);
        // Every third start aims at the daily copy: it begins half a second in and takes a moment
        // on a shop with a long history; the others die anywhere from opening to syncing.
        let aim_at_copy = round % 3 == 0;
        let backup_after = if aim_at_copy { 0.5 } else { random.below(30) as f64 / 10.0 };
        let kill_after = if aim_at_copy { 500 + random.below(2_000) } else { random.below(4_500) };
        let mut app = tokio::process::Command::new(&app_bin)
            .env("MOSTRADOR_DB", &database)
            .env("MOSTRADOR_SECRETS", format!("file:{}", secrets_path.display()))
            .env("MOSTRADOR_DAILY_BACKUP_AFTER_SECS", format!("{backup_after:.1}"))
            .env("XDG_DATA_HOME", seams.path().join("data"))
            .env("XDG_CONFIG_HOME", seams.path().join("config"))
            .env("XDG_CACHE_HOME", seams.path().join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("the app starts");
        // From the first instant (opening, migrating) to a few seconds in (syncing, copying).
        tokio::time::sleep(Duration::from_millis(kill_after)).await;
        assert!(app.try_wait().unwrap().is_none(), "round {round}: the app stopped on its own");
        app.kill().await.expect("SIGKILL is delivered");
        // Each copy left behind is whole; a `.partial` is what a kill mid-copy leaves, and the next
        // copy clears it. Complete copies are set aside so every start copies again.
        for entry in std::fs::read_dir(&backups).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "partial") {
                cut_copies += 1;
            }
            if path.extension().is_some_and(|e| e == "sqlite3") {
                assert_whole(&path);
                complete_copies += 1;
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
    buyers_writing.store(false, Ordering::Relaxed);
    activity.join().unwrap();
    println!(
        "{ROUNDS} kills, {replies} replies queued, {complete_copies} daily copies completed and {cut_copies} \
         rounds with a copy cut midway"
    );
    assert!(complete_copies > 0, "some starts lived long enough to finish a copy");

    // A reply a killed app left "sending" stays its own for IN_DOUBT_AFTER_SECS: date the claims
    // back by as much, as if the app started again two minutes later.
    {
        let db = rusqlite::Connection::open(&database).unwrap();
        db.execute(
            "UPDATE outbox SET updated_at = updated_at - ?1 WHERE state = 'sending'",
            [IN_DOUBT_AFTER_SECS + 1],
        )
        .unwrap();
    }
    // Undisturbed rounds until quiet, then one more copy: it clears what a killed copy left.
    let clock: mostrador_channels::Clock = Arc::new(now);
    let secrets_seen = mostrador_channels::secrets::for_database(secrets.clone(), &core).unwrap();
    for account in [ml, bot] {
        for _ in 0..12 {
            let summary = mostrador_channels::sync_once(&core, &secrets_seen, account, &clock).await;
            let pending = count(
                &database,
                "SELECT count(*) FROM outbox WHERE account_id = ?1 AND state IN ('queued', 'sending')",
                account,
            );
            if summary.errors.is_empty() && summary.new == 0 && summary.sent == 0 && pending == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
    mostrador_core::backups::daily::take(&core, &backups, now()).expect("a copy after the crashes");
    let leftovers: Vec<_> = std::fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".sqlite3"))
        .collect();
    assert!(leftovers.is_empty(), "half-written copies left behind: {leftovers:?}");

    let db =
        rusqlite::Connection::open_with_flags(&database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let totals = sim.totals();
    let incoming = |kind: &str, account: i64| {
        count(
            &database,
            &format!(
                "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
                  WHERE m.account_id = ?1 AND m.direction = 'incoming' AND c.kind = '{kind}'"
            ),
            account,
        )
    };
    assert_eq!(incoming("pre_sale_question", ml), i64::from(totals.questions), "every question once");
    assert_eq!(incoming("post_sale", ml), i64::from(totals.pack_messages), "every pack message once");
    assert_eq!(
        count(
            &database,
            "SELECT count(*) FROM messages WHERE account_id = ?1 AND direction = 'incoming'",
            bot
        ),
        i64::from(totals.telegram_updates),
        "every Telegram message once"
    );
    let sent: Vec<String> = sim
        .answers_received()
        .into_iter()
        .map(|a| a.text)
        .chain(sim.post_sale_sent().into_iter().map(|m| m.text))
        .chain(sim.telegram_sent().into_iter().map(|m| m.text))
        .collect();
    let unique: std::collections::BTreeSet<_> = sent.iter().collect();
    assert_eq!(unique.len(), sent.len(), "a reply reached the channel twice");
    let unfinished =
        count(&database, "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending') AND ?1 = ?1", 0);
    assert_eq!(unfinished, 0, "every queued reply ended");
    let failed_otherwise = count(
        &database,
        "SELECT count(*) FROM outbox WHERE state = 'failed' AND NOT (account_id = ?1 AND error_code = 'delivery_unknown')",
        bot,
    );
    assert_eq!(failed_otherwise, 0, "only a Telegram send cut midway is left to the seller");
    println!("{} replies reached the simulator once each", sent.len());
}

/// Two years of WhatsApp history (imported, not synced), so a daily copy takes long enough to be
/// cut by a kill.
fn fill_history(core: &Mostrador) {
    use mostrador_core::accounts::NewAccount;
    use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
    use mostrador_core::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus};

    let at = now();
    let account = core
        .add_account(
            &NewAccount {
                channel: ChannelKind::WhatsApp,
                display_name: "WhatsApp".into(),
                external_id: None,
                settings: serde_json::json!({ "me": "Taller" }),
            },
            at,
        )
        .unwrap();
    let history: Vec<IngestMessage> = (0..60_000i64)
        .map(|i| IngestMessage {
            account_id: account,
            conversation: ConversationRef {
                external_ref: format!("c{}", i / 20),
                kind: ConversationKind::Chat,
                subject: None,
            },
            buyer: BuyerIdentityInput {
                external_id: format!("b{}", i / 20),
                display_name: format!("Compradora {}", i / 20),
                handle: None,
                phone: None,
                email: None,
            },
            external_id: format!("h{i}"),
            direction: if i % 2 == 0 { Direction::Incoming } else { Direction::Outgoing },
            author: String::new(),
            text: format!("Hola, ¿tenés la taza {i} en azul? La quería para regalar el sábado, gracias."),
            sent_at: at - 2 * 365 * 86_400 + i * 900,
            status: if i % 2 == 0 { MessageStatus::Received } else { MessageStatus::Sent },
            attachments: Vec::new(),
        })
        .collect();
    for chunk in history.chunks(10_000) {
        core.ingest(chunk, at).unwrap();
    }
}

/// Replies to two conversations of each account that have none yet.
fn queue_replies(core: &Mostrador, accounts: &[i64], numbered_from: usize) -> usize {
    let mut queued = 0;
    for &account in accounts {
        let db = core.db_path();
        let conversations: Vec<i64> = {
            let db = rusqlite::Connection::open(db).unwrap();
            let mut query = db
                .prepare(
                    "SELECT c.id FROM conversations c WHERE c.account_id = ?1 AND c.blocked_reason IS NULL
                       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = c.id)
                     ORDER BY c.id LIMIT 2",
                )
                .unwrap();
            query.query_map([account], |row| row.get(0)).unwrap().map(Result::unwrap).collect()
        };
        for conversation in conversations {
            let text = format!("¡Gracias! Ya lo preparamos (respuesta {}).", numbered_from + queued);
            if core.outbox_enqueue(conversation, &text, now()).is_ok() {
                queued += 1;
            }
        }
    }
    queued
}

fn count(database: &Path, sql: &str, parameter: i64) -> i64 {
    let db =
        rusqlite::Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    db.query_row(sql, [parameter], |row| row.get(0)).unwrap()
}

fn assert_whole(copy: &Path) {
    // Immutable: reading a copy must not leave a -wal or -shm beside it.
    let uri = format!("file:{}?immutable=1", copy.display());
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let db = rusqlite::Connection::open_with_flags(uri, flags).unwrap();
    let integrity: String = db.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok", "{} is damaged", copy.display());
    let conversations: i64 =
        db.query_row("SELECT count(*) FROM conversations", [], |row| row.get(0)).unwrap();
    assert!(conversations > 0, "{} is empty", copy.display());
}
