//! `cargo xtask bench`: the first sync of an Instagram account with 2,000 conversations of 20
//! messages from the simulator, honouring Meta's 2 calls per second per account (the simulator
//! refuses a third call in a second, as Meta does), end to end through the real connector and
//! commit path. Prints messages/s and requests/s beside what the limit allows at best: one list
//! call per 25 conversations and one call per conversation, two a second. `MOSTRADOR_BENCH_META=<n>`
//! takes n conversations instead (the full run takes about 17 minutes, as it would against Meta).

use std::sync::Arc;
use std::time::Instant;

use mostrador_channels::Clock;
use mostrador_channels::connect::{self, InstagramConnect};
use mostrador_channels::secrets::encrypted_file;
use mostrador_core::Mostrador;
use mostrador_simulator::{Activity, Platform, SimConfig, Simulator};

const CONVERSATIONS: u32 = 2_000;
const MESSAGES_PER_CONVERSATION: u32 = 20;
/// Meta's limit on the Conversations API, per account.
const CALLS_PER_SECOND: f64 = 2.0;
/// Conversations per page of the list the connector asks for.
const LIST_PAGE: u32 = 25;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(bench());
}

async fn bench() {
    let conversations =
        std::env::var("MOSTRADOR_BENCH_META").ok().and_then(|n| n.parse().ok()).unwrap_or(CONVERSATIONS);
    println!(
        "Mostrador Instagram benchmark: first sync of {conversations} conversations × {MESSAGES_PER_CONVERSATION} messages, at Meta's {CALLS_PER_SECOND} calls/s"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let sim = Simulator::start(SimConfig::default()).await.expect("simulator");
    let core = Arc::new(Mostrador::open(&dir.path().join("meta.sqlite3")).expect("open"));
    let secrets = encrypted_file(&dir.path().join("secrets.bin")).expect("secrets");
    let clock: Clock = Arc::new(|| jiff::Timestamp::now().as_second());
    let app = sim.meta_app();
    let request = InstagramConnect {
        app_id: app.app_id,
        app_secret: app.app_secret,
        pasted: sim.meta_issue_code(Platform::Instagram),
        redirect_uri: app.redirect_uri,
        human_agent: false,
        graph_base: sim.instagram_base_url(),
        oauth_base: sim.instagram_base_url(),
        demo: false,
    };
    let account = connect::instagram(&core, &secrets, request, clock()).await.expect("connect");
    sim.generate(Activity {
        instagram_conversations: conversations,
        messages_per_conversation: MESSAGES_PER_CONVERSATION,
        ..Activity::default()
    });
    let requests_before = sim.totals().instagram_requests;

    let started = Instant::now();
    let summary = mostrador_channels::sync_once(&core, &secrets, account, &clock).await;
    let took = started.elapsed().as_secs_f64();
    assert!(
        summary.errors.is_empty(),
        "the sync failed (a 613 would mean the pace was not kept): {summary:?}"
    );
    let requests = sim.totals().instagram_requests - requests_before;
    let stored = summary.new;
    let expected = conversations * MESSAGES_PER_CONVERSATION;
    assert_eq!(stored, expected, "every message arrives once");

    let calls_needed = f64::from(conversations.div_ceil(LIST_PAGE) + conversations);
    let best_seconds = calls_needed / CALLS_PER_SECOND;
    let requests_per_second = requests as f64 / took;
    let messages_per_second = f64::from(stored) / took;
    let best_messages_per_second = f64::from(expected) / best_seconds;
    println!(
        "{:<44} {:>10.1} s   (best the limit allows: {best_seconds:.1} s for {calls_needed:.0} calls; {:.2}×)",
        "first sync, end to end",
        took,
        took / best_seconds
    );
    println!(
        "{:<44} {:>10.2} requests/s   (limit {CALLS_PER_SECOND:.1}/s; {requests} requests)",
        "requests", requests_per_second
    );
    println!(
        "{:<44} {:>10.1} messages/s   (at most {best_messages_per_second:.1}/s at the limit; {stored} messages)",
        "messages stored", messages_per_second
    );
}
