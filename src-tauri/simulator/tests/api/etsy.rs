use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mostrador_simulator::{Api, EtsyReceiptChange, Fault, FaultKind, Simulator};
use reqwest::Client;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{client, start};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-etsy";

fn challenge() -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(VERIFIER.as_bytes()))
}

async fn token_call(sim: &Simulator, client: &Client, form: &[(&str, &str)]) -> (u16, Value) {
    let response = client
        .post(format!("{}/v3/public/oauth/token", sim.etsy_base_url()))
        .form(form)
        .send()
        .await
        .expect("token request");
    (response.status().as_u16(), response.json().await.unwrap_or(Value::Null))
}

async fn exchange(sim: &Simulator, client: &Client, code: &str, verifier: &str) -> (u16, Value) {
    let app = sim.etsy_app();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", app.keystring.as_str()),
        ("redirect_uri", app.redirect_uri.as_str()),
        ("code", code),
        ("code_verifier", verifier),
    ];
    token_call(sim, client, &form).await
}

async fn refresh(sim: &Simulator, client: &Client, token: &str) -> (u16, Value) {
    let app = sim.etsy_app();
    let form =
        [("grant_type", "refresh_token"), ("client_id", app.keystring.as_str()), ("refresh_token", token)];
    token_call(sim, client, &form).await
}

/// (access, refresh) through the PKCE code exchange.
async fn tokens(sim: &Simulator, client: &Client) -> (String, String) {
    let code = sim.etsy_issue_code(&challenge());
    let (status, body) = exchange(sim, client, &code, VERIFIER).await;
    assert_eq!(status, 200, "{body}");
    (body["access_token"].as_str().unwrap().to_owned(), body["refresh_token"].as_str().unwrap().to_owned())
}

async fn api_get(sim: &Simulator, client: &Client, token: &str, path: &str) -> reqwest::Response {
    client
        .get(format!("{}/v3/application/{path}", sim.etsy_base_url()))
        .header("x-api-key", sim.etsy_app().keystring)
        .bearer_auth(token)
        .send()
        .await
        .expect("etsy get")
}

#[tokio::test]
async fn pkce_is_checked_and_refresh_tokens_rotate_and_expire() {
    let sim = start().await;
    let client = client();
    let code = sim.etsy_issue_code(&challenge());
    let (status, body) = exchange(&sim, &client, &code, "another-verifier-of-enough-length-000000000").await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    let (access, first) = tokens(&sim, &client).await;
    let user_id = sim.etsy_app().user_id;
    assert!(access.starts_with(&format!("{user_id}.")), "{access}");
    let (status, second) = refresh(&sim, &client, &first).await;
    assert_eq!(status, 200);
    assert_eq!(second["expires_in"], 3600);
    let (status, reused) = refresh(&sim, &client, &first).await;
    assert_eq!((status, reused["error"].as_str()), (400, Some("invalid_grant")));
    let rotated = second["refresh_token"].as_str().unwrap().to_owned();
    sim.inject(Fault { api: Api::Etsy, path_contains: None, kind: FaultKind::ExpireRefreshTokens, times: 1 });
    let (status, expired) = refresh(&sim, &client, &rotated).await;
    assert_eq!((status, expired["error"].as_str()), (400, Some("invalid_grant")));
    let (_, fresh) = tokens(&sim, &client).await;
    sim.advance_clock(91 * 86_400);
    assert_eq!(refresh(&sim, &client, &fresh).await.0, 400, "refresh tokens last 90 days");
}

#[tokio::test]
async fn the_connect_page_requires_pkce_and_redirects_with_the_state() {
    let sim = start().await;
    let _ = client();
    let client = Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let app = sim.etsy_app();
    let base = [
        ("response_type", "code"),
        ("client_id", app.keystring.as_str()),
        ("redirect_uri", app.redirect_uri.as_str()),
        ("scope", "transactions_r"),
        ("state", "s 1"),
    ];
    let url = format!("{}/oauth/connect", sim.etsy_base_url());
    assert_eq!(client.get(&url).query(&base).send().await.unwrap().status(), 400);
    let challenge = challenge();
    let mut with = base.to_vec();
    with.extend([("code_challenge", challenge.as_str()), ("code_challenge_method", "S256")]);
    let response = client.get(&url).query(&with).send().await.unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{}?code=", app.redirect_uri)) && location.ends_with("&state=s+1"));
    let code = location.split("code=").nth(1).and_then(|r| r.split('&').next()).unwrap();
    let client = crate::common::client();
    assert_eq!(exchange(&sim, &client, code, VERIFIER).await.0, 200);
}

#[tokio::test]
async fn receipts_need_the_key_and_page_by_last_modification() {
    let sim = start().await;
    let client = client();
    let (access, _) = tokens(&sim, &client).await;
    let me: Value = api_get(&sim, &client, &access, "users/me").await.json().await.unwrap();
    let shop_id = me["shop_id"].as_i64().unwrap();
    assert_eq!(shop_id, sim.etsy_app().shop_id);
    let no_key = client
        .get(format!("{}/v3/application/users/me", sim.etsy_base_url()))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), 403);
    let path = |query: &str| format!("shops/{shop_id}/receipts?sort_on=updated&sort_order=asc&{query}");
    let response = api_get(&sim, &client, &access, &path("limit=2&offset=0")).await;
    assert_eq!(response.status(), 200);
    let remaining: u32 = response.headers()["x-remaining-today"].to_str().unwrap().parse().unwrap();
    assert!(remaining < 10_000);
    let page: Value = response.json().await.unwrap();
    assert_eq!(page["count"], 4);
    let results = page["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert!(results[0]["update_timestamp"].as_i64() <= results[1]["update_timestamp"].as_i64());
    assert!(results[0]["transactions"][0]["price"]["divisor"].as_i64() == Some(100));
    assert_eq!(api_get(&sim, &client, &access, &path("limit=101")).await.status(), 400);

    let newest = sim.etsy_new_receipt(false);
    let shipped = sim.etsy_receipt_ids()[0];
    sim.advance_clock(60);
    assert!(sim.etsy_change_receipt(shipped, EtsyReceiptChange::Shipped));
    let since = sim.now() - 30;
    let page: Value = api_get(&sim, &client, &access, &path(&format!("min_last_modified={since}")))
        .await
        .json()
        .await
        .unwrap();
    let ids: Vec<i64> =
        page["results"].as_array().unwrap().iter().map(|r| r["receipt_id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![shipped]);
    assert!(sim.etsy_receipt_ids().contains(&newest));
}

#[tokio::test]
async fn limits_and_faults_answer_like_etsy() {
    let sim = start().await;
    let client = client();
    let (access, _) = tokens(&sim, &client).await;
    sim.set_etsy_rate_limit(None, Some(2));
    assert_eq!(api_get(&sim, &client, &access, "users/me").await.status(), 200);
    let last = api_get(&sim, &client, &access, "users/me").await;
    assert_eq!(last.headers()["x-remaining-today"], "0");
    let limited = api_get(&sim, &client, &access, "users/me").await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers()["retry-after"].to_str().unwrap().parse::<u32>().unwrap() > 0);
    sim.set_etsy_rate_limit(Some(10), Some(10_000));
    sim.inject(Fault {
        api: Api::Etsy,
        path_contains: Some("/receipts".into()),
        kind: FaultKind::RateLimited { retry_after_secs: 7 },
        times: 1,
    });
    let shop = sim.etsy_app().shop_id;
    let limited = api_get(&sim, &client, &access, &format!("shops/{shop}/receipts")).await;
    assert_eq!((limited.status().as_u16(), limited.headers()["retry-after"].to_str().unwrap()), (429, "7"));
    sim.inject(Fault { api: Api::Etsy, path_contains: None, kind: FaultKind::ServerError, times: 1 });
    assert_eq!(api_get(&sim, &client, &access, "users/me").await.status(), 500);
    sim.inject(Fault { api: Api::Etsy, path_contains: None, kind: FaultKind::MalformedJson, times: 1 });
    let garbled = api_get(&sim, &client, &access, "users/me").await;
    assert_eq!(garbled.status(), 200);
    assert!(garbled.json::<Value>().await.is_err());
    sim.inject(Fault { api: Api::Etsy, path_contains: None, kind: FaultKind::ExpireAccessTokens, times: 1 });
    assert_eq!(api_get(&sim, &client, &access, "users/me").await.status(), 401);
}
