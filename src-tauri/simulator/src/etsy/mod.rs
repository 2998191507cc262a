//! The Etsy Open API v3 server (orders only: Etsy has no messaging API): the OAuth connect page and
//! token endpoint, `users/me`, the shop and its receipts, plus the admin endpoints under `/_sim`.

pub(crate) mod store;

use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::params::Params;
use crate::state::Shared;
use store::{ACCESS_TOKEN_SECS, Refused};

type Sim = State<Arc<Shared>>;

pub(crate) fn router(sim: Arc<Shared>) -> Router {
    Router::new()
        .route("/oauth/connect", get(connect))
        .route("/v3/public/oauth/token", post(token))
        .route("/v3/application/users/me", get(me))
        .route("/v3/application/shops/{shop_id}", get(shop))
        .route("/v3/application/shops/{shop_id}/receipts", get(receipts))
        .merge(crate::admin::router())
        .fallback(|| async { error(StatusCode::NOT_FOUND, "Resource not found") })
        .with_state(sim)
}

/// Etsy's error body: `{"error": "…"}`.
pub(crate) fn error(status: StatusCode, text: &str) -> Response<Body> {
    (status, Json(json!({ "error": text }))).into_response()
}

pub(crate) fn too_many_requests(retry_after_secs: u32) -> Response<Body> {
    let mut response = error(StatusCode::TOO_MANY_REQUESTS, "You have exceeded your quota");
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

fn oauth_error(status: StatusCode, code: &str, description: &str) -> Response<Body> {
    (status, Json(json!({ "error": code, "error_description": description }))).into_response()
}

fn refused(refusal: Refused) -> Response<Body> {
    match refusal {
        Refused::Grant(text) => oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", text),
        Refused::Request(text) => oauth_error(StatusCode::BAD_REQUEST, "invalid_request", text),
    }
}

/// What every `/v3/application` request passes before its handler: the app's key, its limits
/// and a live bearer token. `Ok` carries the requests left today (for `x-remaining-today`).
pub(crate) fn admit(
    sim: &Shared,
    path: &str,
    headers: &HeaderMap,
) -> Result<Option<u32>, Box<Response<Body>>> {
    if !path.starts_with("/v3/application/") {
        return Ok(None);
    }
    let mut etsy = sim.etsy();
    let key = headers.get("x-api-key").and_then(|v| v.to_str().ok()).unwrap_or_default();
    // Newer apps send `keystring:shared_secret`; the keystring is what identifies the app.
    if key.split(':').next() != Some(etsy.app.keystring.as_str()) {
        return Err(Box::new(error(StatusCode::FORBIDDEN, "Invalid API key: should be a valid keystring")));
    }
    let remaining = etsy
        .admit(Instant::now(), sim.now())
        .map_err(|retry_after| Box::new(too_many_requests(retry_after)))?;
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    if !etsy.access_valid(token, sim.now()) {
        return Err(Box::new(error(StatusCode::UNAUTHORIZED, "invalid_token")));
    }
    Ok(remaining)
}

/// `GET /oauth/connect?response_type=code&client_id&redirect_uri&scope&state&code_challenge&code_challenge_method=S256`:
/// the seller "clicks Allow grant access" at once and lands on the redirect with a code.
async fn connect(State(sim): Sim, RawQuery(query): RawQuery) -> Response<Body> {
    let params = Params::parse(query.as_deref(), b"");
    let now = sim.now();
    let mut etsy = sim.etsy();
    if params.str("client_id").as_deref() != Some(etsy.app.keystring.as_str()) {
        return error(StatusCode::BAD_REQUEST, "client_id is not a valid keystring");
    }
    if params.str("redirect_uri").as_deref() != Some(etsy.app.redirect_uri.as_str()) {
        return error(StatusCode::BAD_REQUEST, "redirect_uri does not match the registered one");
    }
    let challenge = params.str("code_challenge").filter(|c| !c.is_empty());
    let (Some(challenge), Some("S256")) = (challenge, params.str("code_challenge_method").as_deref()) else {
        return error(
            StatusCode::BAD_REQUEST,
            "PKCE is required: code_challenge with code_challenge_method=S256",
        );
    };
    let Some(state) = params.str("state") else {
        return error(StatusCode::BAD_REQUEST, "state is required");
    };
    let code = etsy.issue_code(&challenge, now);
    let mut location = format!("{}?code={code}&state=", etsy.app.redirect_uri);
    location.extend(form_urlencoded::byte_serialize(state.as_bytes()));
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// `POST /v3/public/oauth/token`, form-encoded: `authorization_code` (with `code_verifier`, always)
/// or `refresh_token` (the one used dies, a new one comes back).
async fn token(State(sim): Sim, RawQuery(query): RawQuery, body: Bytes) -> Response<Body> {
    let params = Params::parse(query.as_deref(), &body);
    let now = sim.now();
    let mut etsy = sim.etsy();
    if params.str("client_id").as_deref() != Some(etsy.app.keystring.as_str()) {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", "client_id is not a valid keystring");
    }
    let redeemed = match params.str("grant_type").as_deref() {
        Some("authorization_code") => {
            if params.str("redirect_uri").as_deref() != Some(etsy.app.redirect_uri.as_str()) {
                return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "redirect_uri does not match");
            }
            let code = params.str("code").unwrap_or_default();
            etsy.redeem_code(&code, params.str("code_verifier").as_deref(), now)
        }
        Some("refresh_token") => etsy.redeem_refresh(&params.str("refresh_token").unwrap_or_default(), now),
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "grant_type is not supported",
            );
        }
    };
    if let Err(refusal) = redeemed {
        return refused(refusal);
    }
    let (access_token, refresh_token) = etsy.issue_pair(now);
    Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_SECS,
        "refresh_token": refresh_token,
    }))
    .into_response()
}

async fn me(State(sim): Sim) -> Response<Body> {
    let etsy = sim.etsy();
    Json(json!({ "user_id": etsy.app.user_id, "shop_id": etsy.app.shop_id })).into_response()
}

fn own_shop(sim: &Shared, shop_id: &str) -> bool {
    shop_id.parse::<i64>().ok() == Some(sim.etsy().app.shop_id)
}

fn not_own_shop() -> Response<Body> {
    error(StatusCode::FORBIDDEN, "The shop does not belong to the authorised user")
}

async fn shop(State(sim): Sim, Path(shop_id): Path<String>) -> Response<Body> {
    if !own_shop(&sim, &shop_id) {
        return not_own_shop();
    }
    let etsy = sim.etsy();
    Json(json!({
        "shop_id": etsy.app.shop_id,
        "shop_name": etsy.app.shop_name,
        "user_id": etsy.app.user_id,
        "currency_code": "USD",
        "url": format!("https://www.etsy.com/shop/{}", etsy.app.shop_name),
    }))
    .into_response()
}

/// `GET /shops/{shop_id}/receipts?min_last_modified&max_last_modified&sort_on&sort_order&limit&offset`.
async fn receipts(State(sim): Sim, Path(shop_id): Path<String>, RawQuery(query): RawQuery) -> Response<Body> {
    if !own_shop(&sim, &shop_id) {
        return not_own_shop();
    }
    let params = Params::parse(query.as_deref(), b"");
    let limit = params.i64("limit").unwrap_or(25);
    if !(1..=100).contains(&limit) {
        return error(StatusCode::BAD_REQUEST, "limit must be between 1 and 100");
    }
    let offset = params.i64("offset").unwrap_or(0).max(0) as usize;
    let sort_on = params.str("sort_on").unwrap_or_else(|| "created".into());
    let sort_order = params.str("sort_order").unwrap_or_else(|| "desc".into());
    if !matches!(sort_on.as_str(), "created" | "updated" | "receipt_id")
        || !matches!(sort_order.as_str(), "asc" | "ascending" | "desc" | "descending")
    {
        return error(StatusCode::BAD_REQUEST, "sort_on or sort_order has an unsupported value");
    }
    let min = params.i64("min_last_modified");
    let max = params.i64("max_last_modified");
    let etsy = sim.etsy();
    let mut found: Vec<&store::Receipt> = etsy
        .receipts
        .values()
        .filter(|r| min.is_none_or(|min| r.update_timestamp >= min))
        .filter(|r| max.is_none_or(|max| r.update_timestamp <= max))
        .collect();
    found.sort_by_key(|r| match sort_on.as_str() {
        "updated" => (r.update_timestamp, r.receipt_id),
        "receipt_id" => (r.receipt_id, 0),
        _ => (r.create_timestamp, r.receipt_id),
    });
    if sort_order.starts_with("desc") {
        found.reverse();
    }
    let count = found.len();
    let results: Vec<Value> =
        found.into_iter().skip(offset).take(limit as usize).map(|r| r.to_json(&etsy.app)).collect();
    Json(json!({ "count": count, "results": results })).into_response()
}
