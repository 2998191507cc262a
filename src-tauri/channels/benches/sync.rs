//! `cargo xtask bench`: a full sync of 10,000 new Mercado Libre questions and post-sale messages from
//! the simulator (real HTTP on localhost, the real connector, the real commit path), end to end,
//! next to raw SQLite inserts of the same rows measured in the same run. Target: under 10 s.
//! Prints; asserts only that everything arrived.

use std::sync::Arc;
use std::time::{Duration, Instant};

use mostrador_channels::connect::{self, MlConnect};
use mostrador_channels::secrets::encrypted_file;
use mostrador_channels::{Clock, SyncSummary};
use mostrador_core::Mostrador;
use mostrador_simulator::{Activity, SimConfig, Simulator};

#[path = "shared/raw_sqlite.rs"]
mod raw_sqlite;
use raw_sqlite::raw_insert;

const QUESTIONS: u32 = 5_000;
const POST_SALE_MESSAGES: u32 = 5_000;
const TARGET: Duration = Duration::from_secs(10);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(bench());
}

async fn bench() {
    let dir = tempfile::tempdir().expect("temp dir");
    println!(
        "Mostrador sync benchmark: {QUESTIONS} questions + {POST_SALE_MESSAGES} post-sale messages from the simulator"
    );
    let sim = Simulator::start(SimConfig::default()).await.expect("simulator");
    // The bench measures the sync, not Mercado Libre's 500 requests/minute (the fault tests cover 429s).
    sim.set_ml_rate_limit(None);

    let core = Arc::new(Mostrador::open(&dir.path().join("sync.sqlite3")).expect("open"));
    let secrets = encrypted_file(&dir.path().join("secrets.bin")).expect("secrets");
    let clock: Clock = Arc::new(|| jiff::Timestamp::now().as_second());
    let app = sim.ml_app();
    let request = MlConnect {
        site_id: "MLA".into(),
        client_id: app.client_id,
        client_secret: app.client_secret,
        redirect_uri: app.redirect_uri,
        pasted: sim.ml_issue_code(None),
        code_verifier: None,
        api_base: sim.ml_base_url(),
        demo: false,
    };
    let account = connect::mercado_libre(&core, &secrets, request, clock()).await.expect("connect");

    let generating = Instant::now();
    sim.generate(Activity {
        questions: QUESTIONS,
        post_sale_messages: POST_SALE_MESSAGES,
        ..Activity::default()
    });
    let generated = generating.elapsed();
    let requests_before = sim.totals().ml_requests;

    // End to end: rounds until one brings nothing new, as the engine would run them back to back.
    let started = Instant::now();
    let mut rounds: Vec<SyncSummary> = Vec::new();
    loop {
        let summary = mostrador_channels::sync_once(&core, &secrets, account, &clock).await;
        assert!(summary.errors.is_empty(), "the sync failed: {summary:?}");
        let done = summary.new == 0;
        rounds.push(summary);
        if done || rounds.len() > 1_000 {
            break;
        }
    }
    let took = started.elapsed();
    let stored: u32 = rounds.iter().map(|r| r.new).sum();
    let requests = sim.totals().ml_requests - requests_before;
    let expected = QUESTIONS + POST_SALE_MESSAGES;
    assert!(stored >= expected, "only {stored} of {expected} messages arrived");

    let raw = raw_insert(&dir.path().join("sync.sqlite3"), &dir.path().join("raw.sqlite3"));
    let rate = f64::from(stored) / took.as_secs_f64();
    let raw_rate = f64::from(stored) / raw.as_secs_f64();
    println!("{:<52} {:>10.2} s", "simulator: generating the activity", generated.as_secs_f64());
    println!(
        "{:<52} {:>10.2} s   ({stored} messages, {} rounds, {requests} HTTP requests) — target < {} s: {}",
        "full sync to completion, end to end",
        took.as_secs_f64(),
        rounds.len(),
        TARGET.as_secs(),
        if took < TARGET { "met" } else { "MISSED" }
    );
    println!(
        "{:<52} {:>10.0} messages/s   ({:.3}× of raw SQLite inserts at {raw_rate:.0}/s, {:.1} ms for the same rows)",
        "sync throughput",
        rate,
        rate / raw_rate,
        raw.as_secs_f64() * 1000.0
    );
}
