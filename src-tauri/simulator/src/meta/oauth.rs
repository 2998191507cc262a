//! Logging in: Instagram's authorize page (redirects with `#_`), code → short token (1 h) →
//! long-lived token (60 days) → refresh; Facebook's OAuth dialog (redirects with `#_=_`), code →
//! user token → long-lived user token → `me/accounts` with the Page token.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::GraphRequest;
use super::error::{GraphError, GraphResult, InstagramOAuthError};
use super::identity::Platform;
use super::paging::encode_cursor;
use super::tokens::{
    CodeRefusal, FB_USER_SECS, IG_LONG_SECS, IG_SHORT_SECS, REFRESH_MIN_AGE_SECS, TokenKind, ValidToken,
};
use crate::clock::meta_date;
use crate::state::Shared;

pub(crate) const INSTAGRAM_PERMISSIONS: &[&str] =
    &["instagram_business_basic", "instagram_business_manage_messages", "instagram_business_manage_comments"];

fn redirect(location: String) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// `<redirect_uri>?code=…[&state=…]<fragment>`.
fn callback(redirect_uri: &str, code: &str, state: Option<String>, fragment: &str) -> String {
    let mut location = format!("{redirect_uri}?code={code}");
    if let Some(state) = state {
        location.push_str("&state=");
        location.extend(form_urlencoded::byte_serialize(state.as_bytes()));
    }
    location.push_str(fragment);
    location
}

/// `GET /oauth/authorize?client_id&redirect_uri&response_type=code&scope&state`: approved at once.
pub(crate) fn instagram_authorize(sim: &Shared, request: &GraphRequest) -> Response {
    let app = sim.meta_app();
    let params = &request.params;
    if params.str("client_id").as_deref() != Some(app.app_id.as_str()) {
        return InstagramOAuthError("Invalid platform app").into_response();
    }
    if params.str("redirect_uri").as_deref() != Some(app.redirect_uri.as_str()) {
        return InstagramOAuthError("Invalid redirect_uri").into_response();
    }
    let code = sim.meta_issue_code(Platform::Instagram);
    redirect(callback(&app.redirect_uri, &code, params.str("state"), "#_"))
}

/// `POST /oauth/access_token` (form): the code for a short-lived token.
pub(crate) fn instagram_code(sim: &Shared, request: &GraphRequest) -> Response {
    let app = sim.meta_app();
    let params = &request.params;
    if params.str("client_id").as_deref() != Some(app.app_id.as_str()) {
        return InstagramOAuthError("Invalid platform app").into_response();
    }
    if params.str("client_secret").as_deref() != Some(app.app_secret.as_str()) {
        return InstagramOAuthError("Invalid client secret").into_response();
    }
    if params.str("grant_type").as_deref() != Some("authorization_code") {
        return InstagramOAuthError("Unsupported grant_type").into_response();
    }
    let now = sim.now();
    let mut world = sim.world();
    let meta = &mut world.meta;
    let code = params.str("code").unwrap_or_default();
    let redeemed = meta.tokens.redeem_code(&code, Platform::Instagram, now);
    if redeemed.is_err() || params.str("redirect_uri").as_deref() != Some(app.redirect_uri.as_str()) {
        return InstagramOAuthError("Invalid authorization code").into_response();
    }
    let token = meta.tokens.issue(meta.seed, TokenKind::InstagramShort, now, Some(now + IG_SHORT_SECS));
    let user_id: u64 = app.instagram.user_id.parse().unwrap_or_default();
    Json(json!({ "access_token": token, "user_id": user_id, "permissions": INSTAGRAM_PERMISSIONS }))
        .into_response()
}

fn long_lived_body(token: String, expires_in: i64) -> Response {
    Json(json!({ "access_token": token, "token_type": "bearer", "expires_in": expires_in })).into_response()
}

fn bad_secret() -> GraphError {
    GraphError::new(StatusCode::BAD_REQUEST, 1, None, "Error validating client secret.")
}

/// `GET /access_token?grant_type=ig_exchange_token&client_secret&access_token=<short>`.
pub(crate) fn instagram_exchange(sim: &Shared, request: &GraphRequest) -> GraphResult<Response> {
    let params = &request.params;
    if params.str("grant_type").as_deref() != Some("ig_exchange_token") {
        return Err(GraphError::invalid_param("(#100) grant_type must be ig_exchange_token"));
    }
    if params.str("client_secret").as_deref() != Some(sim.meta_app().app_secret.as_str()) {
        return Err(bad_secret());
    }
    let token = request.token().ok_or_else(GraphError::token_unparsable)?;
    let now = sim.now();
    let mut world = sim.world();
    let meta = &mut world.meta;
    meta.tokens.check(&token, Platform::Instagram, now, meta_date)?;
    let long = meta.tokens.issue(meta.seed, TokenKind::InstagramLong, now, Some(now + IG_LONG_SECS));
    Ok(long_lived_body(long, IG_LONG_SECS))
}

/// `GET /refresh_access_token?grant_type=ig_refresh_token&access_token=<long>`: a new token valid
/// 60 days from now; the old one keeps working until its own expiry.
pub(crate) fn instagram_refresh(sim: &Shared, request: &GraphRequest) -> GraphResult<Response> {
    if request.params.str("grant_type").as_deref() != Some("ig_refresh_token") {
        return Err(GraphError::invalid_param("(#100) grant_type must be ig_refresh_token"));
    }
    let token = request.token().ok_or_else(GraphError::token_unparsable)?;
    let now = sim.now();
    let mut world = sim.world();
    let meta = &mut world.meta;
    let current = meta.tokens.check_refreshable(&token, now, meta_date)?;
    if now - current.issued_at < REFRESH_MIN_AGE_SECS {
        return Err(GraphError::invalid_param("token must be at least 24 hours old"));
    }
    let fresh = meta.tokens.issue(meta.seed, TokenKind::InstagramLong, now, Some(now + IG_LONG_SECS));
    Ok(long_lived_body(fresh, IG_LONG_SECS))
}

/// `GET /vNN.N/dialog/oauth?client_id&redirect_uri&state&scope&response_type=code`: approved at once.
pub(crate) fn facebook_authorize(sim: &Shared, request: &GraphRequest) -> Response {
    let app = sim.meta_app();
    let params = &request.params;
    if params.str("client_id").as_deref() != Some(app.app_id.as_str()) {
        return invalid_app().into_response();
    }
    if params.str("redirect_uri").as_deref() != Some(app.redirect_uri.as_str()) {
        return GraphError::new(
            StatusCode::BAD_REQUEST,
            191,
            None,
            "Can't load URL: The domain of this URL isn't included in the app's domains.",
        )
        .into_response();
    }
    let code = sim.meta_issue_code(Platform::Messenger);
    redirect(callback(&app.redirect_uri, &code, params.str("state"), "#_=_"))
}

fn invalid_app() -> GraphError {
    GraphError::new(
        StatusCode::BAD_REQUEST,
        101,
        None,
        "Error validating application. Invalid application ID.",
    )
}

/// `GET /vNN.N/oauth/access_token`: a code for a user token, or (`grant_type=fb_exchange_token`)
/// a user token for a long-lived one.
pub(crate) fn facebook_token(sim: &Shared, request: &GraphRequest) -> GraphResult<Response> {
    let app = sim.meta_app();
    let params = &request.params;
    if params.str("client_id").as_deref() != Some(app.app_id.as_str()) {
        return Err(invalid_app());
    }
    if params.str("client_secret").as_deref() != Some(app.app_secret.as_str()) {
        return Err(bad_secret());
    }
    let now = sim.now();
    let mut world = sim.world();
    let meta = &mut world.meta;
    if params.str("grant_type").as_deref() == Some("fb_exchange_token") {
        let short = params.str("fb_exchange_token").ok_or_else(GraphError::token_unparsable)?;
        let user = meta.tokens.check(&short, Platform::Messenger, now, meta_date)?;
        if !user.kind.is_facebook_user() {
            return Err(GraphError::invalid_param("(#100) fb_exchange_token must be a user access token"));
        }
        let long = meta.tokens.issue(meta.seed, TokenKind::FacebookUserLong, now, Some(now + FB_USER_SECS));
        return Ok(long_lived_body(long, FB_USER_SECS));
    }
    let code = params.str("code").unwrap_or_default();
    match meta.tokens.redeem_code(&code, Platform::Messenger, now) {
        Ok(()) => {}
        Err(CodeRefusal::Unknown) => {
            return Err(GraphError::invalid_param("Invalid verification code format."));
        }
        Err(CodeRefusal::Used) => {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                100,
                Some(36_009),
                "This authorization code has been used.",
            ));
        }
        Err(CodeRefusal::Expired) => {
            return Err(GraphError::new(
                StatusCode::BAD_REQUEST,
                100,
                Some(36_007),
                "This authorization code has expired.",
            ));
        }
    }
    if params.str("redirect_uri").as_deref() != Some(app.redirect_uri.as_str()) {
        return Err(GraphError::new(
            StatusCode::BAD_REQUEST,
            100,
            Some(36_008),
            "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
        ));
    }
    let token = meta.tokens.issue(meta.seed, TokenKind::FacebookUserShort, now, Some(now + FB_USER_SECS));
    Ok(long_lived_body(token, FB_USER_SECS))
}

/// `GET /vNN.N/me/accounts` with a user token: the Page, its Page token and its Instagram account.
pub(crate) fn facebook_accounts(
    sim: &Shared,
    request: &GraphRequest,
    caller: ValidToken,
) -> GraphResult<Response> {
    if !caller.kind.is_facebook_user() {
        return Err(GraphError::invalid_param(
            "(#100) Tried accessing nonexisting field (accounts) on node type (Page)",
        ));
    }
    let user_token = request.token().unwrap_or_default();
    let now = sim.now();
    let mut world = sim.world();
    let meta = &mut world.meta;
    let page_token =
        meta.tokens.page_token(meta.seed, &user_token, now).ok_or_else(GraphError::token_unparsable)?;
    let app = &meta.app;
    let mut page = json!({
        "id": app.page.id,
        "name": app.page.name,
        "access_token": page_token,
        "category": "Arts & Crafts Store",
        "tasks": ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"],
        "instagram_business_account": { "id": app.instagram.user_id, "username": app.instagram.username },
    });
    request.fields().filter(&mut page);
    let cursor = encode_cursor(&app.page.id);
    let body: Value =
        json!({ "data": [page], "paging": { "cursors": { "before": cursor, "after": cursor } } });
    Ok(Json(body).into_response())
}
