//! `cargo xtask bench`: the store's throughput next to what raw SQLite does on this machine in the
//! same run, so the figures mean something on any computer. Prints; asserts nothing.

use std::time::{Duration, Instant};

use mostrador_core::Mostrador;
use mostrador_core::accounts::NewAccount;
use mostrador_core::inbox::InboxQuery;
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus};

const MESSAGES: usize = 100_000;
const CONVERSATIONS: usize = 5_000;
const BATCH: usize = 1_000;
const NOW: i64 = 1_790_000_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    println!(
        "Mostrador store benchmark: {MESSAGES} messages in {CONVERSATIONS} conversations, batches of {BATCH}"
    );

    let raw_insert = raw_insert_rate(&dir.path().join("raw.sqlite3"));
    // Mercado Libre questions arrive spread over many conversations; an imported chat arrives as one
    // conversation after another. The second is the common case, the first the costly one.
    let (_, grouped) = ingest_all(&dir.path().join("grouped.sqlite3"), Arrivals::Grouped);
    report_ingest("ingest, conversation after conversation (chat imports)", grouped, raw_insert);
    let (app, spread) = ingest_all(&dir.path().join("bench.sqlite3"), Arrivals::Spread);
    report_ingest("ingest, spread over conversations (ML questions)", spread, raw_insert);

    let messages: Vec<IngestMessage> = (0..MESSAGES).map(|i| message(1, i, Arrivals::Spread)).collect();
    let started = Instant::now();
    for batch in messages.chunks(BATCH) {
        app.ingest(batch, NOW).expect("re-ingest");
    }
    let reingest = MESSAGES as f64 / started.elapsed().as_secs_f64();
    report("re-ingest of the same messages (all unchanged)", reingest, "messages/s", raw_insert);

    let raw_page = median(|| raw_first_page(&dir.path().join("bench.sqlite3")));
    let page = median(|| {
        app.inbox(&InboxQuery::default(), NOW).expect("inbox");
    });
    report_latency("inbox first page (200 rows)", page, raw_page);
    let search = median(|| {
        let query = InboxQuery { search: Some("cafe azul".into()), ..InboxQuery::default() };
        app.inbox(&query, NOW).expect("search");
    });
    report_latency("inbox search \"cafe azul\"", search, raw_page);
    let conversation = median(|| {
        app.conversation(1, NOW).expect("conversation");
    });
    report_latency("open one conversation", conversation, raw_page);
}

#[derive(Clone, Copy)]
enum Arrivals {
    Grouped,
    Spread,
}

/// Ingests every message through the real path into a new database; returns it and messages/s.
fn ingest_all(path: &std::path::Path, arrivals: Arrivals) -> (Mostrador, f64) {
    let app = Mostrador::open(path).expect("open");
    let account = app
        .add_account(
            &NewAccount {
                channel: ChannelKind::MercadoLibre,
                display_name: "Bench".into(),
                external_id: None,
                settings: serde_json::json!({}),
            },
            NOW,
        )
        .expect("account");
    let messages: Vec<IngestMessage> = (0..MESSAGES).map(|i| message(account, i, arrivals)).collect();
    let started = Instant::now();
    for batch in messages.chunks(BATCH) {
        app.ingest(batch, NOW).expect("ingest");
    }
    (app, MESSAGES as f64 / started.elapsed().as_secs_f64())
}

fn message(account_id: i64, i: usize, arrivals: Arrivals) -> IngestMessage {
    let conversation = match arrivals {
        Arrivals::Grouped => i / (MESSAGES / CONVERSATIONS),
        Arrivals::Spread => i % CONVERSATIONS,
    };
    let incoming = (i / CONVERSATIONS) % 3 != 2;
    IngestMessage {
        account_id,
        conversation: ConversationRef {
            external_ref: format!("q{conversation}"),
            kind: ConversationKind::PreSaleQuestion,
            subject: Some("Taza de cerámica esmaltada".into()),
        },
        buyer: BuyerIdentityInput {
            external_id: format!("b{conversation}"),
            display_name: format!("Compradora {conversation}"),
            handle: None,
            phone: None,
            email: None,
        },
        external_id: format!("m{i}"),
        direction: if incoming { Direction::Incoming } else { Direction::Outgoing },
        author: if incoming { format!("Compradora {conversation}") } else { "Lucía".into() },
        text: format!("¿La taza de café viene en azul? Pregunta número {i}, gracias"),
        sent_at: NOW - 10_000_000 + i as i64 * 60,
        status: MessageStatus::Received,
        attachments: Vec::new(),
    }
}

/// The ceiling: plain INSERTs of the same rows into one table with a unique key, same pragmas.
fn raw_insert_rate(path: &std::path::Path) -> f64 {
    let mut db = rusqlite::Connection::open(path).expect("raw db");
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE TABLE m(id INTEGER PRIMARY KEY, account_id INTEGER, external_id TEXT, conversation TEXT,
                        author TEXT, text TEXT, sent_at INTEGER, UNIQUE(account_id, external_id));",
    )
    .expect("raw schema");
    let started = Instant::now();
    for chunk in (0..MESSAGES).collect::<Vec<_>>().chunks(BATCH) {
        let tx = db.transaction().expect("tx");
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO m(account_id, external_id, conversation, author, text, sent_at)
                     VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                )
                .expect("prepare");
            for &i in chunk {
                let m = message(1, i, Arrivals::Spread);
                insert
                    .execute((&m.external_id, &m.conversation.external_ref, &m.author, &m.text, m.sent_at))
                    .expect("insert");
            }
        }
        tx.commit().expect("commit");
    }
    MESSAGES as f64 / started.elapsed().as_secs_f64()
}

/// The ceiling for a page: 200 conversations straight from the table in primary-key order.
fn raw_first_page(path: &std::path::Path) {
    let db = rusqlite::Connection::open(path).expect("open");
    let mut statement =
        db.prepare("SELECT * FROM conversations ORDER BY id DESC LIMIT 200").expect("prepare");
    let rows = statement.query_map([], |_| Ok(())).expect("query").count();
    assert!(rows > 0);
}

fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(what: &str, rate: f64, unit: &str, raw: f64) {
    println!("{what:<52} {rate:>10.0} {unit}   ({:.2}× of raw SQLite inserts at {raw:.0}/s)", rate / raw);
}

/// Issue 3's target for ingest through the real path, search index included.
const INGEST_TARGET: f64 = 100_000.0;

fn report_ingest(what: &str, rate: f64, raw: f64) {
    report(what, rate, "messages/s", raw);
    let verdict = if rate >= INGEST_TARGET { "ok" } else { "below" };
    println!("{:<52} target ≥ {INGEST_TARGET:.0} messages/s: {verdict}", "");
}

fn report_latency(what: &str, took: Duration, raw: Duration) {
    println!(
        "{what:<52} {:>10.2} ms median ({:.1}× the raw 200-row primary-key query at {:.2} ms)",
        took.as_secs_f64() * 1000.0,
        took.as_secs_f64() / raw.as_secs_f64(),
        raw.as_secs_f64() * 1000.0
    );
}
