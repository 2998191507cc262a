//! Logging in to the Meta servers the way the connector does, and Graph API calls in one line.

use mostrador_simulator::{Platform, Simulator};
use reqwest::header::HeaderMap;
use reqwest::{Client, Response};
use serde_json::Value;

pub const V: &str = "/v24.0";

/// A client that does not follow redirects (the authorize pages answer 302).
pub fn no_redirects() -> Client {
    let _ = crate::common::client();
    Client::builder().no_proxy().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

pub async fn read(response: Response) -> (u16, Value, HeaderMap) {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.json().await.unwrap_or(Value::Null), headers)
}

/// GET with `Authorization: Bearer`.
pub async fn get(client: &Client, url: &str, token: &str) -> (u16, Value) {
    let (status, body, _) = read(client.get(url).bearer_auth(token).send().await.expect("get")).await;
    (status, body)
}

pub async fn post_json(client: &Client, url: &str, token: &str, body: &Value) -> (u16, Value) {
    let (status, body, _) =
        read(client.post(url).bearer_auth(token).json(body).send().await.expect("post")).await;
    (status, body)
}

pub async fn post_form(client: &Client, url: &str, token: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let (status, body, _) =
        read(client.post(url).bearer_auth(token).form(form).send().await.expect("post")).await;
    (status, body)
}

pub fn ig(sim: &Simulator, path: &str) -> String {
    format!("{}{V}{path}", sim.instagram_base_url())
}

pub fn fb(sim: &Simulator, path: &str) -> String {
    format!("{}{V}{path}", sim.facebook_base_url())
}

/// (code, subcode, message) of a Graph API error body, checking its fixed parts.
pub fn graph_error(body: &Value) -> (i64, Option<i64>, String) {
    let error = &body["error"];
    assert_eq!(error["type"], "OAuthException", "{body}");
    assert!(error["fbtrace_id"].as_str().is_some_and(|id| !id.is_empty()), "{body}");
    let code = error["code"].as_i64().expect("code");
    (code, error["error_subcode"].as_i64(), error["message"].as_str().expect("message").to_owned())
}

/// Instagram: a code exchanged for a short-lived token.
pub async fn ig_short_token(sim: &Simulator, client: &Client) -> String {
    let app = sim.meta_app();
    let code = sim.meta_issue_code(Platform::Instagram);
    let form = [
        ("client_id", app.app_id.as_str()),
        ("client_secret", app.app_secret.as_str()),
        ("grant_type", "authorization_code"),
        ("redirect_uri", app.redirect_uri.as_str()),
        ("code", code.as_str()),
    ];
    let url = format!("{}/oauth/access_token", sim.instagram_base_url());
    let (status, body, _) = read(client.post(url).form(&form).send().await.expect("exchange")).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().expect("access_token").to_owned()
}

/// Instagram: the long-lived token a connected account keeps.
pub async fn ig_token(sim: &Simulator, client: &Client) -> String {
    let short = ig_short_token(sim, client).await;
    let secret = sim.meta_app().app_secret;
    let url = format!(
        "{}/access_token?grant_type=ig_exchange_token&client_secret={secret}&access_token={short}",
        sim.instagram_base_url()
    );
    let (status, body, _) = read(client.get(url).send().await.expect("long-lived")).await;
    assert_eq!(status, 200, "{body}");
    body["access_token"].as_str().expect("access_token").to_owned()
}

/// Facebook: a code for a user token, then a long-lived user token.
pub async fn fb_user_token(sim: &Simulator, client: &Client) -> String {
    let app = sim.meta_app();
    let code = sim.meta_issue_code(Platform::Messenger);
    let url = fb(sim, "/oauth/access_token");
    let query = [
        ("client_id", app.app_id.as_str()),
        ("redirect_uri", app.redirect_uri.as_str()),
        ("client_secret", app.app_secret.as_str()),
        ("code", code.as_str()),
    ];
    let (status, short, _) = read(client.get(&url).query(&query).send().await.expect("code")).await;
    assert_eq!(status, 200, "{short}");
    let short = short["access_token"].as_str().expect("token").to_owned();
    let query = [
        ("grant_type", "fb_exchange_token"),
        ("client_id", app.app_id.as_str()),
        ("client_secret", app.app_secret.as_str()),
        ("fb_exchange_token", short.as_str()),
    ];
    let (status, long, _) = read(client.get(&url).query(&query).send().await.expect("exchange")).await;
    assert_eq!(status, 200, "{long}");
    long["access_token"].as_str().expect("token").to_owned()
}

/// Facebook: the Page token from `me/accounts`, as the connector stores it.
pub async fn page_token(sim: &Simulator, client: &Client) -> String {
    let user = fb_user_token(sim, client).await;
    let (status, accounts) = get(client, &fb(sim, "/me/accounts?fields=id,name,access_token"), &user).await;
    assert_eq!(status, 200, "{accounts}");
    accounts["data"][0]["access_token"].as_str().expect("page token").to_owned()
}

/// A conversation's messages as the connector asks for them.
pub const MESSAGE_FIELDS: &str = "participants,messages.limit(20){id,created_time,from,to,message,attachments,story,shares,reactions,is_unsupported,is_deleted}";
