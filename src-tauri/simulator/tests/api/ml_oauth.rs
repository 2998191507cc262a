use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mostrador_simulator::{Api, Fault, FaultKind};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::{client, ml_get, ml_tokens, start, token_request};

#[tokio::test]
async fn refresh_tokens_are_single_use_and_rotate() {
    let sim = start().await;
    let client = client();
    let app = sim.ml_app();
    let first = ml_tokens(&sim, &client).await;
    let refresh = |token: String| {
        let (client, sim, app) = (&client, &sim, &app);
        async move {
            let form = [
                ("grant_type", "refresh_token"),
                ("client_id", app.client_id.as_str()),
                ("client_secret", app.client_secret.as_str()),
                ("refresh_token", token.as_str()),
            ];
            let response = token_request(sim, client, &form).await;
            (response.status().as_u16(), response.json::<Value>().await.expect("json"))
        }
    };
    let (status, second) = refresh(first.refresh.clone()).await;
    assert_eq!(status, 200);
    assert_eq!(second["expires_in"], 21600);
    assert_eq!(second["token_type"], "Bearer");
    assert_eq!(second["user_id"], app.seller_id);
    assert_ne!(second["refresh_token"].as_str(), Some(first.refresh.as_str()));
    let (status, reused) = refresh(first.refresh.clone()).await;
    assert_eq!(status, 400);
    assert_eq!(reused["error"], "invalid_grant");
    assert_eq!(reused["status"], 400);
    assert!(reused["error_description"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(reused["cause"].is_array());
    let (status, _) = refresh(second["refresh_token"].as_str().expect("rotated").to_owned()).await;
    assert_eq!(status, 200);
    // Tokens from the first grant still work until they expire.
    let new_access = second["access_token"].as_str().expect("access");
    assert_eq!(ml_get(&sim, &client, new_access, "/users/me").await.0, 200);
}

#[tokio::test]
async fn pkce_verifier_must_match_the_challenge_and_codes_are_single_use() {
    let sim = start().await;
    let client = client();
    let app = sim.ml_app();
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-and-some-more";
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let exchange = |code: String, verifier: Option<&'static str>| {
        let (client, sim, app) = (&client, &sim, &app);
        async move {
            let mut form = vec![
                ("grant_type", "authorization_code".to_owned()),
                ("client_id", app.client_id.clone()),
                ("client_secret", app.client_secret.clone()),
                ("code", code),
                ("redirect_uri", app.redirect_uri.clone()),
            ];
            if let Some(verifier) = verifier {
                form.push(("code_verifier", verifier.to_owned()));
            }
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = token_request(sim, client, &form).await;
            (response.status().as_u16(), response.json::<Value>().await.expect("json"))
        }
    };
    let (status, body) = exchange(sim.ml_issue_code(Some(&challenge)), Some("wrong-verifier")).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    let (status, _) = exchange(sim.ml_issue_code(Some(&challenge)), None).await;
    assert_eq!(status, 400);
    let code = sim.ml_issue_code(Some(&challenge));
    let (status, body) = exchange(code.clone(), Some(verifier)).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = exchange(code, Some(verifier)).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
}

#[tokio::test]
async fn client_credentials_and_redirect_uri_are_checked() {
    let sim = start().await;
    let client = client();
    let app = sim.ml_app();
    let code = sim.ml_issue_code(None);
    let base = [
        ("grant_type", "authorization_code"),
        ("client_id", app.client_id.as_str()),
        ("code", code.as_str()),
    ];
    let mut form = base.to_vec();
    form.extend([("client_secret", "nope"), ("redirect_uri", app.redirect_uri.as_str())]);
    let response = token_request(&sim, &client, &form).await;
    assert_eq!(response.status(), 401);
    assert_eq!(response.json::<Value>().await.expect("json")["error"], "invalid_client");
    let mut form = base.to_vec();
    form.extend([
        ("client_secret", app.client_secret.as_str()),
        ("redirect_uri", "https://elsewhere.example/cb"),
    ]);
    let response = token_request(&sim, &client, &form).await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.json::<Value>().await.expect("json")["error"], "invalid_grant");
}

#[tokio::test]
async fn the_authorization_page_redirects_with_a_code_and_the_state() {
    let sim = start().await;
    let _ = client();
    let client = reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let app = sim.ml_app();
    let response = client
        .get(format!("{}/authorization", sim.ml_auth_base_url()))
        .query(&[
            ("response_type", "code"),
            ("client_id", &app.client_id),
            ("redirect_uri", &app.redirect_uri),
            ("state", "xyz 1"),
        ])
        .send()
        .await
        .expect("authorize");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("location").to_owned();
    assert!(location.starts_with(&format!("{}?code=TG-", app.redirect_uri)), "{location}");
    assert!(location.ends_with("&state=xyz+1"), "{location}");
    let code = location.split("code=").nth(1).and_then(|rest| rest.split('&').next()).expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", app.client_id.as_str()),
        ("client_secret", app.client_secret.as_str()),
        ("code", code),
        ("redirect_uri", app.redirect_uri.as_str()),
    ];
    assert_eq!(token_request(&sim, &client, &form).await.status(), 200);
}

#[tokio::test]
async fn bearer_tokens_are_required_and_expire_after_six_hours() {
    let sim = start().await;
    let client = client();
    let response = client.get(format!("{}/users/me", sim.ml_base_url())).send().await.expect("get");
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.expect("json");
    assert_eq!((body["error"].as_str(), body["status"].as_i64()), (Some("unauthorized"), Some(401)));
    assert_eq!(ml_get(&sim, &client, "APP_USR-made-up", "/users/me").await.0, 401);
    let tokens = ml_tokens(&sim, &client).await;
    let (status, me) = ml_get(&sim, &client, &tokens.access, "/users/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["id"], sim.ml_app().seller_id);
    assert_eq!(me["nickname"], sim.ml_app().nickname.as_str());
    sim.advance_clock(21_601);
    assert_eq!(ml_get(&sim, &client, &tokens.access, "/users/me").await.0, 401);
}

#[tokio::test]
async fn expired_tokens_refresh_but_a_revoked_grant_does_not() {
    let sim = start().await;
    let client = client();
    let app = sim.ml_app();
    let tokens = ml_tokens(&sim, &client).await;
    sim.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: None,
        kind: FaultKind::ExpireAccessTokens,
        times: 1,
    });
    let (status, body) = ml_get(&sim, &client, &tokens.access, "/users/me").await;
    assert_eq!((status, body["message"].as_str()), (401, Some("invalid access token")));
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", app.client_id.as_str()),
        ("client_secret", app.client_secret.as_str()),
        ("refresh_token", tokens.refresh.as_str()),
    ];
    let renewed: Value = token_request(&sim, &client, &form).await.json().await.expect("json");
    let access = renewed["access_token"].as_str().expect("access").to_owned();
    let refresh = renewed["refresh_token"].as_str().expect("refresh").to_owned();
    assert_eq!(ml_get(&sim, &client, &access, "/users/me").await.0, 200);
    sim.inject(Fault {
        api: Api::MercadoLibre,
        path_contains: None,
        kind: FaultKind::RevokeRefreshToken,
        times: 1,
    });
    assert_eq!(ml_get(&sim, &client, &access, "/users/me").await.0, 401);
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", app.client_id.as_str()),
        ("client_secret", app.client_secret.as_str()),
        ("refresh_token", refresh.as_str()),
    ];
    let response = token_request(&sim, &client, &form).await;
    assert_eq!(response.status(), 400);
    assert_eq!(response.json::<Value>().await.expect("json")["error"], "invalid_grant");
}
