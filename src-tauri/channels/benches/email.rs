//! `cargo xtask bench`: the e-mail channel against the real Dovecot that xtask starts.
//! - A first sync of a 10,000-mail mailbox (2,000 buyers, threads of five), end to end through the
//!   real connector and commit path, next to raw SQLite inserts of the same rows in the same run.
//! - The time from a mail handed to the SMTP relay to its row in the inbox, with the engine idling
//!   on INBOX (IDLE). Target: p95 under 2 s.
//!
//! Prints; asserts only that everything arrived.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mostrador_channels::connect::{self, MailSecurity, MailServer as ServerAddress, MailboxConnect};
use mostrador_channels::secrets::encrypted_file;
use mostrador_channels::{Clock, Engine, EventSink};
use mostrador_core::Mostrador;

#[path = "../tests/support/mail_server.rs"]
mod mail_server;
#[path = "shared/raw_sqlite.rs"]
mod raw_sqlite;

const BUYERS: usize = 2_000;
const MAILS_PER_BUYER: usize = 5;
const IDLE_SAMPLES: usize = 30;
const IDLE_TARGET: Duration = Duration::from_secs(2);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(bench());
}

fn rfc2822_now() -> String {
    jiff::Timestamp::now().strftime("%a, %-d %b %Y %H:%M:%S +0000").to_string()
}

async fn bench() {
    let Some(server) = mail_server::MailServer::from_env() else {
        println!(
            "E-mail benchmark skipped: run it through `cargo xtask bench` (it starts the mail servers)."
        );
        return;
    };
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let address = format!("bench-{stamp}@shop.test");
    let total = BUYERS * MAILS_PER_BUYER;
    println!("Mostrador e-mail benchmark: a first sync of {total} mails, and IDLE's delivery time");

    // The mailbox is filled by writing maildir files straight into its `new/` folder (Dovecot
    // takes them in on its next look), as a delivery of 10,000 mails would take minutes.
    let first = format!(
        "From: x@x.test\r\nTo: {address}\r\nSubject: hola\r\nMessage-ID: <first-{stamp}@x.test>\r\nDate: {}\r\n\r\nhola\r\n",
        rfc2822_now()
    );
    server.deliver(first.as_bytes(), "x@x.test", &[&address]).await;
    let maildir = server.dir.join("var/home").join(&address).join("Maildir");
    let owner = std::fs::metadata(&maildir).expect("the mailbox exists after a delivery");
    let filling = Instant::now();
    let date = rfc2822_now();
    for buyer in 0..BUYERS {
        for n in 0..MAILS_PER_BUYER {
            let id = format!("b{buyer}-m{n}-{stamp}@buyer.test");
            let threading = if n == 0 {
                String::new()
            } else {
                let parent = format!("b{buyer}-m{}-{stamp}@buyer.test", n - 1);
                format!(
                    "In-Reply-To: <{parent}>\r\nReferences: <b{buyer}-m0-{stamp}@buyer.test> <{parent}>\r\n"
                )
            };
            let raw = format!(
                "From: Compradora {buyer} <buyer{buyer}-{stamp}@buyer.test>\r\nTo: {address}\r\n\
                 Subject: {}Consulta por la taza {buyer}\r\nMessage-ID: <{id}>\r\n{threading}Date: {date}\r\n\
                 MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
                 Hola, ¿la taza {buyer} viene en verde? Mensaje {n}. Gracias.\r\n",
                if n == 0 { "" } else { "Re: " }
            );
            let path = maildir.join("new").join(format!("{stamp}.b{buyer}m{n}.bench"));
            std::fs::write(&path, raw).expect("write a mail");
            use std::os::unix::fs::MetadataExt;
            std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid())).expect("chown a mail");
        }
    }
    let filled = filling.elapsed();

    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("email.sqlite3")).expect("open"));
    let secrets = encrypted_file(&dir.path().join("secrets.bin")).expect("secrets");
    let clock: Clock = Arc::new(|| jiff::Timestamp::now().as_second());
    let request = MailboxConnect {
        address: address.clone(),
        password: "mailbox-pass".into(),
        display_name: Some("Taller".into()),
        user: None,
        imap: ServerAddress {
            host: server.host.clone(),
            port: server.imap_port,
            security: MailSecurity::Tls,
        },
        smtp: ServerAddress {
            host: server.host.clone(),
            port: server.submission_port,
            security: MailSecurity::Tls,
        },
    };
    let account = connect::mailbox(&core, &secrets, request, clock()).await.expect("connect");

    let started = Instant::now();
    let mut rounds = 0;
    let mut stored = 0;
    loop {
        let summary = mostrador_channels::sync_once(&core, &secrets, account, &clock).await;
        assert!(summary.errors.is_empty(), "the sync failed: {summary:?}");
        rounds += 1;
        stored += summary.new;
        if summary.new == 0 || rounds > 100 {
            break;
        }
    }
    let took = started.elapsed();
    assert!(stored as usize > total, "only {stored} of {} mails arrived", total + 1);
    // Counted in the file: the inbox's own total stops counting past its page.
    let conversations: i64 = rusqlite::Connection::open(dir.path().join("email.sqlite3"))
        .and_then(|db| {
            db.query_row("SELECT count(*) FROM conversations WHERE account_id = ?1", [account], |row| {
                row.get(0)
            })
        })
        .expect("count the conversations");
    let raw = raw_sqlite::raw_insert(&dir.path().join("email.sqlite3"), &dir.path().join("raw.sqlite3"));
    let rate = f64::from(stored) / took.as_secs_f64();
    let raw_rate = f64::from(stored) / raw.as_secs_f64();
    println!("{:<52} {:>10.2} s", "filling the mailbox (maildir files)", filled.as_secs_f64());
    println!(
        "{:<52} {:>10.2} s   ({stored} mails in {conversations} conversations, {rounds} rounds)",
        "first sync, end to end",
        took.as_secs_f64()
    );
    println!(
        "{:<52} {:>10.0} mails/s   ({:.3}× of raw SQLite inserts at {raw_rate:.0}/s, {:.1} ms for the same rows)",
        "first sync throughput",
        rate,
        rate / raw_rate,
        raw.as_secs_f64() * 1000.0
    );

    // IDLE: the engine waits on INBOX; each mail's time from the relay's answer to its inbox row.
    let sink: EventSink = Arc::new(|_| {});
    let engine = Engine::start(Arc::clone(&core), Arc::clone(&secrets), Arc::clone(&clock), sink);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut samples = Vec::with_capacity(IDLE_SAMPLES);
    for n in 0..IDLE_SAMPLES {
        let buyer = format!("idle{n}-{stamp}@buyer.test");
        let raw = format!(
            "From: Idle {n} <{buyer}>\r\nTo: {address}\r\nSubject: Pregunta {n}\r\nMessage-ID: <idle{n}-{stamp}@buyer.test>\r\nDate: {}\r\n\r\n¿Hay stock? {n}\r\n",
            rfc2822_now()
        );
        server.deliver(raw.as_bytes(), &buyer, &[&address]).await;
        let delivered = Instant::now();
        let external = format!("idle{n}-{stamp}@buyer.test");
        loop {
            let arrived = core
                .conversation_holding(account, std::slice::from_ref(&external))
                .expect("lookup")
                .is_some();
            if arrived {
                break;
            }
            assert!(delivered.elapsed() < Duration::from_secs(60), "mail {n} never arrived");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        samples.push(delivered.elapsed());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    engine.shutdown().await;
    samples.sort();
    let p50 = samples[samples.len() / 2];
    let p95 = samples[(samples.len() * 95).div_ceil(100) - 1];
    println!(
        "{:<52} {:>10.0} ms p50, {:.0} ms p95, {:.0} ms max ({IDLE_SAMPLES} mails) — target p95 < {} s: {}",
        "delivered to Dovecot → row in the inbox (IDLE)",
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        samples[samples.len() - 1].as_secs_f64() * 1000.0,
        IDLE_TARGET.as_secs(),
        if p95 < IDLE_TARGET { "met" } else { "MISSED" }
    );
}
