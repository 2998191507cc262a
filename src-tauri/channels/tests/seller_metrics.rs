//! Mercado Libre's reputation, visits and open claims, read by the real sync round from the
//! simulator into the metrics: consistent with the orders the sync stored, read again only after
//! six hours (each `sync_once` is a new adapter, as after a restart), and when a read fails — a
//! missing permission, a server error, garbled JSON, a slow-down — the metrics say why while the
//! messages feeds sync as always.

mod shop;

use mostrador_core::accounts::SyncState;
use mostrador_core::metrics::{RateKind, ReputationLevel, SellerMetrics};
use mostrador_simulator::{Activity, Api, Fault, FaultKind, ReputationChange, SimConfig};

use shop::Shop;

const HOUR: i64 = 3600;

/// A shop selling on Mercado Libre for four months, connected, with buyers writing now.
async fn selling_shop() -> (Shop, i64) {
    let shop = Shop::start_with(SimConfig { order_history_days: 125, ..SimConfig::default() }).await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { new_orders: 3, questions: 3, post_sale_messages: 2, ..Activity::default() });
    (shop, ml)
}

fn standing(shop: &Shop, ml: i64) -> SellerMetrics {
    let metrics = shop.core.metrics(shop.now()).expect("metrics");
    metrics
        .mercado_libre
        .into_iter()
        .find(|account| account.account_id == ml)
        .expect("the account's standing")
}

fn ml_fault(kind: FaultKind, path: &str, times: u32) -> Fault {
    Fault { api: Api::MercadoLibre, path_contains: Some(path.into()), kind, times }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reputation_visits_and_claims_reach_the_metrics_and_are_read_again_after_six_hours() {
    let (shop, ml) = selling_shop().await;
    let claim = shop.sim.open_claim(None).expect("a paid order to claim on");

    // Before any sync the account waits for Mercado Libre.
    let waiting = standing(&shop, ml);
    assert_eq!((waiting.fetched_at, waiting.level), (None, None));

    let first = shop.sync(ml).await;
    assert!(first.errors.is_empty(), "{first:?}");
    let read = standing(&shop, ml);
    assert!(read.failure.is_none(), "{:?}", read.failure);
    assert!(read.fetched_at.is_some());
    assert!(read.level.is_some(), "four months of sales have a colour: {read:#?}");
    assert_eq!((read.period.as_deref(), read.period_days), (Some("60 days"), Some(60)));
    assert_eq!(read.site_id.as_deref(), Some("MLA"));
    let kinds: Vec<RateKind> = read.rates.iter().map(|rate| rate.kind).collect();
    assert_eq!(kinds, RateKind::ALL);
    assert!(read.rates.iter().all(|rate| rate.band.is_some() && rate.limit.is_some()));
    assert!(read.closest.is_some());
    assert!(read.open_claims.is_some_and(|open| open >= 1), "{:?}", read.open_claims);

    // Mercado Libre's 60-day sales are the orders the sync stored from it.
    let since = shop.now() - 60 * 86_400;
    let stored = shop.query_i64(
        "SELECT count(*) FROM orders WHERE account_id = ?1 AND stage IN ('paid', 'delivered') AND created_at >= ?2",
        (ml, since),
    );
    assert_eq!(read.sales_completed.map(i64::from), stored, "{read:#?}");
    // The history is delivered: it books no capacity; the new orders are open.
    let delivered =
        shop.query_i64("SELECT count(*) FROM orders WHERE account_id = ?1 AND stage = 'delivered'", [ml]);
    assert!(delivered.is_some_and(|n| n > 50), "{delivered:?}");

    // Four months: visits read for each, sales counted from the orders, conversion from both.
    assert_eq!(read.months.len(), 4);
    for month in &read.months[..3] {
        let visits = month.visits.expect("visits read");
        assert!(visits > 500, "{month:?}");
        assert!(month.sales > 5, "{month:?}");
        assert_eq!(month.conversion, Some(f64::from(month.sales) / f64::from(visits)));
    }
    let current = &read.months[3];
    assert!(current.sales >= 3, "the orders of today: {current:?}");
    assert!(current.visits.is_some());

    // Hours later, after a restart: not read again (the colour a test sets is not seen yet).
    shop.sim.set_reputation(ReputationChange {
        level_id: Some(Some("2_orange".into())),
        ..ReputationChange::default()
    });
    assert!(shop.sim.close_claim(claim));
    shop.advance(5 * HOUR);
    assert!(shop.sync(ml).await.errors.is_empty());
    let later = standing(&shop, ml);
    assert_eq!((later.fetched_at, later.level), (read.fetched_at, read.level));

    // Past six hours it is.
    shop.advance(2 * HOUR);
    assert!(shop.sync(ml).await.errors.is_empty());
    let reread = standing(&shop, ml);
    assert!(reread.fetched_at > read.fetched_at);
    assert_eq!(reread.level, Some(ReputationLevel::Orange));
    assert_eq!(reread.open_claims, read.open_claims.map(|open| open - 1));
    assert_eq!(shop.status(ml).state, SyncState::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_read_is_shown_in_the_metrics_while_the_messages_keep_syncing() {
    let (shop, ml) = selling_shop().await;

    // The application lacks the permission to read claims: the rest is read and kept.
    shop.inject(ml_fault(FaultKind::PolicyForbidden, "claims/search", 1));
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty() && summary.new >= 5, "the messages synced: {summary:?}");
    assert_eq!(shop.status(ml).state, SyncState::Ok);
    let forbidden = standing(&shop, ml);
    let failure = forbidden.failure.clone().expect("the failure is kept");
    assert_eq!(failure.code, "permission_missing");
    assert!(failure.detail.contains("PA_UNAUTHORIZED_RESULT_FROM_POLICIES"), "{failure:?}");
    assert!(forbidden.level.is_some() && forbidden.months.iter().all(|month| month.visits.is_some()));
    assert_eq!(forbidden.open_claims, None, "never read");
    shop.assert_mercado_libre_ledger(ml);

    // Tried again half an hour later, not at every round.
    shop.inject(ml_fault(FaultKind::ServerError, "items_visits", 1));
    shop.generate(Activity { questions: 2, ..Activity::default() });
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty() && summary.new == 2, "{summary:?}");
    assert_eq!(standing(&shop, ml).failure.map(|f| f.code).as_deref(), Some("permission_missing"));
    shop.advance(31 * 60);
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty(), "{summary:?}");
    let failed = standing(&shop, ml);
    assert_eq!(failed.failure.map(|f| f.code).as_deref(), Some("server_error"));
    assert_eq!(failed.fetched_at.map(|at| at > forbidden.fetched_at.unwrap_or(0)), Some(true));

    // Garbled JSON for the reputation itself: what was read before stays.
    shop.inject(ml_fault(FaultKind::MalformedJson, &format!("users/{}", shop.sim.ml_app().seller_id), 1));
    shop.generate(Activity { post_sale_messages: 2, ..Activity::default() });
    shop.advance(31 * 60);
    let summary = shop.sync(ml).await;
    assert!(summary.errors.is_empty() && summary.new >= 2, "{summary:?}");
    let garbled = standing(&shop, ml);
    assert_eq!(garbled.failure.as_ref().map(|f| f.code.as_str()), Some("malformed_response"));
    assert_eq!((garbled.level, garbled.fetched_at), (failed.level, failed.fetched_at));

    // A slow-down waits as long as Mercado Libre asks, when that is longer.
    shop.inject(ml_fault(FaultKind::RateLimited { retry_after_secs: 3 * 3600 }, "items_visits", 1));
    shop.advance(31 * 60);
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(standing(&shop, ml).failure.map(|f| f.code).as_deref(), Some("rate_limited"));
    shop.advance(31 * 60);
    assert!(shop.sync(ml).await.errors.is_empty());
    assert_eq!(standing(&shop, ml).failure.map(|f| f.code).as_deref(), Some("rate_limited"), "still waiting");

    // Once it clears, everything is read and the failure goes.
    shop.advance(3 * HOUR);
    assert!(shop.sync(ml).await.errors.is_empty());
    let recovered = standing(&shop, ml);
    assert!(recovered.failure.is_none(), "{:?}", recovered.failure);
    assert!(recovered.open_claims.is_some());
    assert_eq!(shop.status(ml).state, SyncState::Ok);
    shop.assert_mercado_libre_ledger(ml);
}
