//! Starting a simulator and getting a Mercado Libre token the way a connector does.

use mostrador_simulator::{SimConfig, Simulator};
use reqwest::{Client, Response};
use serde_json::Value;

pub async fn start() -> Simulator {
    start_site("MLA", 7).await
}

pub async fn start_site(site: &str, seed: u64) -> Simulator {
    let config =
        SimConfig { site: site.to_owned(), seed, start_unix: Some(1_795_000_000), ..SimConfig::default() };
    Simulator::start(config).await.expect("simulator starts")
}

pub fn client() -> Client {
    // Plain HTTP only, but reqwest wants a process-wide rustls provider before building a client.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder().no_proxy().build().expect("client")
}

pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

pub async fn token_request(sim: &Simulator, client: &Client, form: &[(&str, &str)]) -> Response {
    client.post(format!("{}/oauth/token", sim.ml_base_url())).form(form).send().await.expect("token request")
}

/// authorization_code grant without PKCE.
pub async fn ml_tokens(sim: &Simulator, client: &Client) -> Tokens {
    let app = sim.ml_app();
    let code = sim.ml_issue_code(None);
    let response = token_request(
        sim,
        client,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", &app.client_id),
            ("client_secret", &app.client_secret),
            ("code", &code),
            ("redirect_uri", &app.redirect_uri),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("token json");
    Tokens {
        access: body["access_token"].as_str().expect("access").to_owned(),
        refresh: body["refresh_token"].as_str().expect("refresh").to_owned(),
    }
}

/// GET on the ML API with the bearer token: (status, JSON body).
pub async fn ml_get(sim: &Simulator, client: &Client, token: &str, path: &str) -> (u16, Value) {
    let response =
        client.get(format!("{}{path}", sim.ml_base_url())).bearer_auth(token).send().await.expect("ml get");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub async fn ml_post(
    sim: &Simulator,
    client: &Client,
    token: &str,
    path: &str,
    body: &Value,
) -> (u16, Value) {
    let response = client
        .post(format!("{}{path}", sim.ml_base_url()))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("ml post");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Telegram method call with a JSON body: (status, JSON body).
pub async fn tg(sim: &Simulator, client: &Client, method: &str, body: &Value) -> (u16, Value) {
    let url = format!("{}/bot{}/{method}", sim.telegram_base_url(), sim.telegram_token());
    let response = client.post(url).json(body).send().await.expect("telegram call");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// A user id as found in the wild: number or numeric string.
pub fn id_of(value: &Value) -> i64 {
    value.as_i64().or_else(|| value.as_str().and_then(|text| text.parse().ok())).expect("a user id")
}
