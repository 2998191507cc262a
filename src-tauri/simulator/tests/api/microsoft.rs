//! The Microsoft identity platform's device code flow, refresh-token rotation, introspection and
//! faults, over HTTP as the mailbox connector meets them.

use mostrador_simulator::{Api, Fault, FaultKind, Simulator};
use reqwest::Client;
use serde_json::{Value, json};

use crate::common::{client, start};

const SCOPE: &str =
    "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access";
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

async fn post_form(client: &Client, url: String, form: &[(&str, &str)]) -> (u16, Value, Option<String>) {
    let response = client.post(url).form(form).send().await.expect("post");
    let status = response.status().as_u16();
    let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let text = response.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)), retry_after)
}

async fn device_code(sim: &Simulator, client: &Client) -> (u16, Value) {
    let app = sim.microsoft_app();
    let url = format!("{}/consumers/oauth2/v2.0/devicecode", sim.microsoft_base_url());
    let (status, body, _) = post_form(client, url, &[("client_id", &app.client_id), ("scope", SCOPE)]).await;
    (status, body)
}

async fn token(sim: &Simulator, client: &Client, form: &[(&str, &str)]) -> (u16, Value, Option<String>) {
    post_form(client, format!("{}/consumers/oauth2/v2.0/token", sim.microsoft_base_url()), form).await
}

async fn poll(sim: &Simulator, client: &Client, device_code: &str) -> (u16, Value) {
    let app = sim.microsoft_app();
    let form = [("grant_type", DEVICE_GRANT), ("client_id", &app.client_id), ("device_code", device_code)];
    let (status, body, _) = token(sim, client, &form).await;
    (status, body)
}

async fn refresh(sim: &Simulator, client: &Client, refresh_token: &str) -> (u16, Value) {
    let app = sim.microsoft_app();
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", &app.client_id),
        ("refresh_token", refresh_token),
        ("scope", SCOPE),
    ];
    let (status, body, _) = token(sim, client, &form).await;
    (status, body)
}

async fn introspect(sim: &Simulator, client: &Client, access_token: &str) -> Value {
    let (status, body, _) =
        post_form(client, sim.microsoft_introspection_url(), &[("token", access_token)]).await;
    assert_eq!(status, 200);
    body
}

fn str_of<'a>(body: &'a Value, key: &str) -> &'a str {
    body[key].as_str().unwrap_or_else(|| panic!("{key} in {body}"))
}

#[tokio::test]
async fn a_device_login_waits_for_the_seller_then_gives_rotating_tokens() {
    let sim = start().await;
    sim.set_microsoft_poll_interval(0);
    let client = client();
    let (status, login) = device_code(&sim, &client).await;
    assert_eq!(status, 200, "{login}");
    let (device, user_code) = (str_of(&login, "device_code"), str_of(&login, "user_code"));
    assert_eq!(str_of(&login, "verification_uri"), "https://www.microsoft.com/link");
    assert_eq!((login["expires_in"].as_i64(), login["interval"].as_i64()), (Some(900), Some(0)));
    assert!(str_of(&login, "message").contains(user_code));
    assert_eq!(sim.snapshot().microsoft_pending_codes, vec![user_code.to_owned()]);

    let (status, pending) = poll(&sim, &client, device).await;
    assert_eq!((status, str_of(&pending, "error")), (400, "authorization_pending"));
    assert!(str_of(&pending, "error_description").starts_with("AADSTS70016"));

    // Approved through the admin endpoint, the way the demo and the E2E do it.
    let approval = client
        .post(format!("{}/_sim/microsoft/approve", sim.microsoft_base_url()))
        .json(&json!({ "user_code": user_code.to_lowercase(), "address": "Seller@Shop.test" }))
        .send()
        .await
        .expect("approve");
    assert_eq!(approval.json::<Value>().await.expect("json")["ok"], true);
    let (status, tokens) = poll(&sim, &client, device).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!((str_of(&tokens, "token_type"), tokens["expires_in"].as_i64()), ("Bearer", Some(3599)));
    assert!(!str_of(&tokens, "scope").contains("offline_access"));
    let access = str_of(&tokens, "access_token");
    let first_refresh = str_of(&tokens, "refresh_token");
    // The device code is spent.
    assert_eq!(str_of(&poll(&sim, &client, device).await.1, "error"), "bad_verification_code");

    let seen = introspect(&sim, &client, access).await;
    assert_eq!((seen["active"].as_bool(), seen["email"].as_str()), (Some(true), Some("seller@shop.test")));
    assert_eq!(introspect(&sim, &client, "EwA-unknown").await, json!({ "active": false }));

    let (status, next) = refresh(&sim, &client, first_refresh).await;
    assert_eq!(status, 200, "{next}");
    let second_refresh = str_of(&next, "refresh_token");
    assert_ne!(second_refresh, first_refresh);
    let (status, reused) = refresh(&sim, &client, first_refresh).await;
    assert_eq!((status, str_of(&reused, "error")), (400, "invalid_grant"));
    assert_eq!(refresh(&sim, &client, second_refresh).await.0, 200);
}

#[tokio::test]
async fn polling_too_fast_is_slow_down_and_declined_or_expired_codes_end_the_login() {
    let sim = start().await;
    let client = client();
    let (_, login) = device_code(&sim, &client).await;
    let device = str_of(&login, "device_code");
    assert_eq!(login["interval"].as_i64(), Some(5));
    assert_eq!(str_of(&poll(&sim, &client, device).await.1, "error"), "authorization_pending");
    assert_eq!(str_of(&poll(&sim, &client, device).await.1, "error"), "slow_down");

    assert!(sim.microsoft_decline(str_of(&login, "user_code")));
    assert_eq!(str_of(&poll(&sim, &client, device).await.1, "error"), "authorization_declined");

    let (_, late) = device_code(&sim, &client).await;
    let admin = client
        .post(format!("{}/_sim/advance_clock", sim.microsoft_base_url()))
        .json(&json!({ "secs": 901 }))
        .send()
        .await
        .expect("advance");
    assert!(admin.status().is_success());
    assert_eq!(str_of(&poll(&sim, &client, str_of(&late, "device_code")).await.1, "error"), "expired_token");
    assert_eq!(str_of(&poll(&sim, &client, "DAQAB-made-up").await.1, "error"), "bad_verification_code");

    let form = [("client_id", "00000000-0000-0000-0000-000000000000"), ("scope", SCOPE)];
    let url = format!("{}/consumers/oauth2/v2.0/devicecode", sim.microsoft_base_url());
    let (status, unknown, _) = post_form(&client, url, &form).await;
    assert_eq!((status, str_of(&unknown, "error")), (400, "unauthorized_client"));
}

async fn approved_tokens(sim: &Simulator, client: &Client, address: &str) -> Value {
    sim.set_microsoft_poll_interval(0);
    let (_, login) = device_code(sim, client).await;
    assert!(sim.microsoft_approve(str_of(&login, "user_code"), address));
    let (status, tokens) = poll(sim, client, str_of(&login, "device_code")).await;
    assert_eq!(status, 200, "{tokens}");
    tokens
}

#[tokio::test]
async fn revoked_and_expired_tokens_and_the_faults_of_the_token_endpoint() {
    let sim = start().await;
    let client = client();
    let seller = approved_tokens(&sim, &client, "seller@shop.test").await;
    let other = approved_tokens(&sim, &client, "other@shop.test").await;

    sim.inject(Fault {
        api: Api::Microsoft,
        path_contains: None,
        kind: FaultKind::ExpireAccessTokens,
        times: 1,
    });
    assert_eq!(introspect(&sim, &client, str_of(&seller, "access_token")).await["active"], false);
    let (status, fresh) = refresh(&sim, &client, str_of(&seller, "refresh_token")).await;
    assert_eq!(status, 200);
    assert_eq!(introspect(&sim, &client, str_of(&fresh, "access_token")).await["active"], true);

    assert_eq!(sim.microsoft_revoke("seller@shop.test"), 1);
    let (status, revoked) = refresh(&sim, &client, str_of(&fresh, "refresh_token")).await;
    assert_eq!((status, str_of(&revoked, "error")), (400, "invalid_grant"));
    assert!(str_of(&revoked, "error_description").starts_with("AADSTS700082"));
    assert_eq!(introspect(&sim, &client, str_of(&fresh, "access_token")).await["active"], false);
    // Another account's grant is untouched.
    let (status, kept) = refresh(&sim, &client, str_of(&other, "refresh_token")).await;
    assert_eq!(status, 200);

    let fault = |kind| Fault { api: Api::Microsoft, path_contains: Some("/token".into()), kind, times: 1 };
    sim.inject(fault(FaultKind::RateLimited { retry_after_secs: 9 }));
    let app = sim.microsoft_app();
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", app.client_id.as_str()),
        ("refresh_token", str_of(&kept, "refresh_token")),
    ];
    let (status, limited, retry_after) = token(&sim, &client, &form).await;
    assert_eq!((status, retry_after.as_deref()), (429, Some("9")));
    assert_eq!(str_of(&limited, "error"), "temporarily_unavailable");
    sim.inject(fault(FaultKind::ServerError));
    let (status, failed, _) = token(&sim, &client, &form).await;
    assert_eq!((status, str_of(&failed, "error")), (500, "server_error"));
    sim.inject(fault(FaultKind::MalformedJson));
    let (status, garbled, _) = token(&sim, &client, &form).await;
    assert_eq!(status, 200);
    assert!(garbled.is_string(), "a truncated body is not JSON: {garbled}");
    // The garbled answer still rotated the token (the request was carried out): the old one is spent.
    assert_eq!(token(&sim, &client, &form).await.0, 400);
    // Introspection is never faulted: it is the test mail server's, not Microsoft's.
    sim.inject(Fault { api: Api::Microsoft, path_contains: None, kind: FaultKind::ServerError, times: 1 });
    assert_eq!(introspect(&sim, &client, "x").await["active"], false);
    assert!(sim.totals().microsoft_requests >= 10);
}
