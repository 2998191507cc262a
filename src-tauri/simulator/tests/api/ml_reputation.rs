//! The seller's standing: `seller_reputation` on `GET /users/<id>` worked out from the orders and
//! claims (or set by a test), visits per window with the 150-day rule, the claims search and its
//! filters, and the faults on these routes like on the others.

use mostrador_simulator::{Activity, Api, Fault, FaultKind, ReputationChange, SimConfig, Simulator};
use serde_json::Value;

use crate::common::{client, ml_get, ml_tokens, start};

/// 2026-11-18 11:06:40 UTC.
const START: i64 = 1_795_000_000;

async fn with_history(days: u32) -> Simulator {
    let config = SimConfig { start_unix: Some(START), order_history_days: days, ..SimConfig::default() };
    Simulator::start(config).await.expect("simulator starts")
}

fn metric<'a>(reputation: &'a Value, name: &str) -> &'a Value {
    &reputation["metrics"][name]
}

#[tokio::test]
async fn a_new_seller_has_no_colour_until_ten_sales() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let (status, user) = ml_get(&sim, &client, &token, &format!("/users/{seller}")).await;
    assert_eq!(status, 200, "{user}");
    let reputation = &user["seller_reputation"];
    assert!(reputation["level_id"].is_null(), "{reputation}");
    assert!(reputation["power_seller_status"].is_null());
    assert_eq!(metric(reputation, "sales")["period"], "365 days");
    assert_eq!(metric(reputation, "claims")["rate"].as_f64(), Some(0.0));
    // /users/me says the same.
    let (_, me) = ml_get(&sim, &client, &token, "/users/me").await;
    assert_eq!(me["seller_reputation"], *reputation);
}

#[tokio::test]
async fn the_reputation_follows_the_orders_and_claims_and_tests_can_set_it() {
    let sim = with_history(125).await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let reputation = |user: Value| user["seller_reputation"].clone();
    let (_, user) = ml_get(&sim, &client, &token, &format!("/users/{seller}")).await;
    let before = reputation(user);
    let sales = metric(&before, "sales");
    assert_eq!(sales["period"], "60 days", "{before}");
    let completed = sales["completed"].as_u64().expect("completed");
    assert!(completed >= 40, "{before}");
    assert!(before["level_id"].as_str().is_some(), "ten sales or more have a colour: {before}");
    for name in ["claims", "delayed_handling_time", "cancellations"] {
        let m = metric(&before, name);
        let value = m["value"].as_u64().expect("value");
        let rate = m["rate"].as_f64().expect("rate");
        assert_eq!(m["period"], "60 days");
        assert!(rate < 0.2, "{name}: {m}");
        assert_eq!(value == 0, rate == 0.0, "{name}: {m}");
    }
    assert!(before["transactions"]["total"].as_u64().is_some_and(|total| total >= completed));

    // A new claim counts at once.
    let claims_before = metric(&before, "claims")["value"].as_u64().unwrap();
    let claim = sim.open_claim(None).expect("a paid order to claim on");
    let (_, user) = ml_get(&sim, &client, &token, &format!("/users/{seller}")).await;
    let after = reputation(user);
    assert_eq!(metric(&after, "claims")["value"].as_u64(), Some(claims_before + 1));
    assert!(metric(&after, "claims")["rate"].as_f64() > metric(&before, "claims")["rate"].as_f64());
    assert!(sim.close_claim(claim));

    // A test sets the colour and the medal; null is "no colour yet".
    sim.set_reputation(ReputationChange {
        level_id: Some(Some("2_orange".into())),
        power_seller_status: Some(None),
        protected: false,
    });
    let (_, user) = ml_get(&sim, &client, &token, "/users/me").await;
    assert_eq!(user["seller_reputation"]["level_id"], "2_orange");
    sim.set_reputation(ReputationChange { level_id: Some(None), ..ReputationChange::default() });
    let (_, user) = ml_get(&sim, &client, &token, &format!("/users/{seller}")).await;
    assert!(user["seller_reputation"]["level_id"].is_null());

    // Protected: green shown, rates 0, the real ones apart.
    let admin = client
        .post(format!("{}/_sim/reputation", sim.ml_base_url()))
        .json(&serde_json::json!({ "level_id": "1_red", "protected": true }))
        .send()
        .await
        .expect("admin");
    assert_eq!(admin.status(), 200);
    let (_, user) = ml_get(&sim, &client, &token, &format!("/users/{seller}")).await;
    let protected = reputation(user);
    assert_eq!(protected["level_id"], "5_green");
    assert_eq!(protected["real_level"], "red");
    assert!(protected["protection_end_date"].as_str().is_some());
    let claims = metric(&protected, "claims");
    assert_eq!(claims["rate"].as_f64(), Some(0.0));
    assert_eq!(claims["excluded"]["real_value"].as_u64(), Some(claims_before + 1));
}

#[tokio::test]
async fn visits_are_the_same_however_the_window_is_cut_and_at_most_150_days() {
    let sim = with_history(60).await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let visits = |from: &str, to: &str| format!("/users/{seller}/items_visits?date_from={from}&date_to={to}");
    let (status, october) = ml_get(&sim, &client, &token, &visits("2026-10-01", "2026-10-31")).await;
    assert_eq!(status, 200, "{october}");
    assert_eq!(october["user_id"], seller.to_string());
    assert_eq!(october["date_from"], "2026-10-01T00:00:00Z");
    let total = october["total_visits"].as_u64().expect("total");
    assert!((1_000..5_000).contains(&total), "{october}");
    assert_eq!(october["visits_detail"][0]["company"], "mercadolibre");
    assert_eq!(october["visits_detail"][0]["quantity"].as_u64(), Some(total));
    let (_, first) = ml_get(&sim, &client, &token, &visits("2026-10-01", "2026-10-15")).await;
    let (_, second) = ml_get(&sim, &client, &token, &visits("2026-10-16", "2026-10-31")).await;
    assert_eq!(first["total_visits"].as_u64().unwrap() + second["total_visits"].as_u64().unwrap(), total);
    // Asked again: the same.
    assert_eq!(ml_get(&sim, &client, &token, &visits("2026-10-01", "2026-10-31")).await.1, october);
    // Tomorrow has had none yet; today only some.
    let (_, tomorrow) = ml_get(&sim, &client, &token, &visits("2026-11-19", "2026-11-19")).await;
    assert_eq!(tomorrow["total_visits"].as_u64(), Some(0));

    // 150 days apart is the most one query may span.
    assert_eq!(ml_get(&sim, &client, &token, &visits("2026-06-01", "2026-10-29")).await.0, 200);
    let (status, refused) = ml_get(&sim, &client, &token, &visits("2026-06-01", "2026-10-30")).await;
    assert_eq!(status, 400);
    assert_eq!(refused["message"], "invalid time window, should be smaller or equal to 150 days");
    assert_eq!(ml_get(&sim, &client, &token, &format!("/users/{seller}/items_visits")).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, &visits("2026-10-31", "2026-10-01")).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, &visits("yesterday", "2026-10-01")).await.0, 400);
    assert_eq!(
        ml_get(&sim, &client, &token, "/users/1/items_visits?date_from=2026-10-01&date_to=2026-10-02")
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn claims_search_needs_a_filter_and_finds_the_sellers_open_claims() {
    let sim = start().await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let report = sim.generate(Activity { new_orders: 12, ..Activity::default() });
    let order = report.order_ids[0];
    let open = sim.open_claim(Some(order)).expect("claim");
    assert_eq!(sim.open_claim(Some(order)), Some(open), "one claim per order");
    let closed = sim.open_claim(Some(report.order_ids[1])).expect("claim");
    assert!(sim.close_claim(closed));

    let search = |query: &str| format!("/post-purchase/v1/claims/search?{query}");
    let (status, page) = ml_get(
        &sim,
        &client,
        &token,
        &search(&format!("players.role=respondent&players.user_id={seller}&status=opened&limit=30&offset=0")),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["paging"]["total"].as_u64(), Some(1));
    assert_eq!(page["paging"]["limit"].as_u64(), Some(30));
    let claim = &page["data"][0];
    assert_eq!(claim["id"].as_i64(), Some(open));
    assert_eq!(claim["resource_id"].as_i64(), Some(order));
    assert_eq!((claim["status"].as_str(), claim["resource"].as_str()), (Some("opened"), Some("order")));
    assert_eq!(claim["site_id"], "MLA");
    assert!(claim["reason_id"].as_str().is_some());
    assert!(claim["date_created"].as_str().is_some() && claim["last_updated"].as_str().is_some());
    let players = claim["players"].as_array().expect("players");
    assert!(players.iter().any(|p| p["role"] == "respondent" && p["user_id"].as_i64() == Some(seller)));
    assert!(players.iter().any(|p| p["role"] == "complainant" && p["type"] == "buyer"));

    // The flat names work too; closed and every status.
    let (_, flat) = ml_get(
        &sim,
        &client,
        &token,
        &search(&format!("player_role=respondent&player_user_id={seller}&status=closed")),
    )
    .await;
    assert_eq!(flat["data"][0]["id"].as_i64(), Some(closed));
    let (_, all) = ml_get(&sim, &client, &token, &search(&format!("players.user_id={seller}"))).await;
    assert_eq!(all["paging"]["total"].as_u64(), Some(2));
    let (_, paged) =
        ml_get(&sim, &client, &token, &search(&format!("players.user_id={seller}&limit=1&offset=1"))).await;
    assert_eq!(paged["data"].as_array().map(Vec::len), Some(1));
    let (_, by_order) = ml_get(&sim, &client, &token, &search(&format!("resource_id={order}"))).await;
    assert_eq!(by_order["data"][0]["id"].as_i64(), Some(open));
    let (_, complainant) =
        ml_get(&sim, &client, &token, &search(&format!("players.role=complainant&players.user_id={seller}")))
            .await;
    assert_eq!(complainant["paging"]["total"].as_u64(), Some(0));

    // Refused like the real one.
    let (status, body) = ml_get(&sim, &client, &token, &search("")).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_query")));
    assert_eq!(ml_get(&sim, &client, &token, &search("players.role=buyer")).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, &search("status=pending")).await.0, 400);
    assert_eq!(ml_get(&sim, &client, &token, &search("players.user_id=1")).await.0, 403);
    assert_eq!(ml_get(&sim, &client, &token, &search("status=opened&limit=500")).await.0, 400);
}

#[tokio::test]
async fn faults_reach_the_new_routes_like_the_others() {
    let sim = with_history(30).await;
    let client = client();
    let token = ml_tokens(&sim, &client).await.access;
    let seller = sim.ml_app().seller_id;
    let visits = format!("/users/{seller}/items_visits?date_from=2026-11-01&date_to=2026-11-18");
    let claims = format!("/post-purchase/v1/claims/search?players.role=respondent&players.user_id={seller}");
    let fault = |path: &str, kind: FaultKind| Fault {
        api: Api::MercadoLibre,
        path_contains: Some(path.to_owned()),
        kind,
        times: 1,
    };

    sim.inject(fault("claims/search", FaultKind::PolicyForbidden));
    let (status, body) = ml_get(&sim, &client, &token, &claims).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("PA_UNAUTHORIZED_RESULT_FROM_POLICIES")));
    sim.inject(fault("items_visits", FaultKind::ServerError));
    assert_eq!(ml_get(&sim, &client, &token, &visits).await.0, 500);
    sim.inject(fault("items_visits", FaultKind::RateLimited { retry_after_secs: 9 }));
    let limited =
        client.get(format!("{}{visits}", sim.ml_base_url())).bearer_auth(&token).send().await.expect("get");
    assert_eq!((limited.status().as_u16(), limited.headers()["retry-after"].to_str().ok()), (429, Some("9")));
    sim.inject(fault(&format!("users/{seller}"), FaultKind::MalformedJson));
    let garbled = client
        .get(format!("{}/users/{seller}", sim.ml_base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(garbled.status(), 200);
    assert!(serde_json::from_slice::<Value>(&garbled.bytes().await.expect("body")).is_err());
    // And then they answer again.
    assert_eq!(ml_get(&sim, &client, &token, &visits).await.0, 200);
    assert_eq!(ml_get(&sim, &client, &token, &claims).await.0, 200);
    assert_eq!(ml_get(&sim, &client, &token, &format!("/users/{seller}")).await.0, 200);
}
