//! OAuth 2.0 as Mercado Libre runs it: authorization codes (optionally PKCE S256), 6-hour access
//! tokens, single-use refresh tokens that rotate on every refresh.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::error::{MlError, MlResult};
use crate::ids::hex32;
use crate::params::Params;
use crate::state::Shared;

pub(crate) const ACCESS_TOKEN_SECS: i64 = 21_600;
const CODE_SECS: i64 = 600;

struct CodeGrant {
    challenge: Option<String>,
    expires_at: i64,
}

/// Codes, live access tokens (with expiry) and the refresh tokens still redeemable.
#[derive(Default)]
pub(crate) struct OAuthStore {
    codes: HashMap<String, CodeGrant>,
    access: HashMap<String, i64>,
    refresh: HashSet<String>,
    serial: u64,
}

pub(crate) struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
}

impl OAuthStore {
    fn token_body(&mut self, seed: u64) -> String {
        self.serial += 1;
        hex32(seed ^ 0x0a07, self.serial)
    }

    pub fn issue_code(&mut self, seed: u64, seller_id: i64, challenge: Option<&str>, now: i64) -> String {
        let code = format!("TG-{}-{seller_id}", self.token_body(seed));
        let grant = CodeGrant { challenge: challenge.map(str::to_owned), expires_at: now + CODE_SECS };
        self.codes.insert(code.clone(), grant);
        code
    }

    /// Single use: a code is gone once tried, right or wrong.
    fn redeem_code(&mut self, code: &str, verifier: Option<&str>, now: i64) -> MlResult<()> {
        let grant = self.codes.remove(code).ok_or_else(|| {
            MlError::invalid_grant(
                "Error validating grant. Your authorization code or refresh token may be expired or it was already used",
            )
        })?;
        if grant.expires_at < now {
            return Err(MlError::invalid_grant("The authorization code has expired"));
        }
        if let Some(challenge) = grant.challenge {
            let verifier = verifier.ok_or_else(|| MlError::invalid_grant("code_verifier is required"))?;
            if s256(verifier) != challenge {
                return Err(MlError::invalid_grant("invalid code_verifier"));
            }
        }
        Ok(())
    }

    fn issue_pair(&mut self, seed: u64, client_id: &str, seller_id: i64, now: i64) -> TokenPair {
        let access_token =
            format!("APP_USR-{client_id}-{}-{}-{seller_id}", now / 3600 % 1_000_000, self.token_body(seed));
        let refresh_token = format!("TG-{}-{seller_id}", self.token_body(seed));
        self.access.insert(access_token.clone(), now + ACCESS_TOKEN_SECS);
        self.refresh.insert(refresh_token.clone());
        TokenPair { access_token, refresh_token }
    }

    pub fn access_valid(&self, token: &str, now: i64) -> bool {
        self.access.get(token).is_some_and(|expires_at| *expires_at > now)
    }

    pub fn expire_access_tokens(&mut self) {
        self.access.clear();
    }

    /// The seller revoked the application: nothing issued so far works.
    pub fn revoke_all(&mut self) {
        self.access.clear();
        self.refresh.clear();
        self.codes.clear();
    }
}

/// base64url(sha256(verifier)) without padding, as RFC 7636 says.
pub(crate) fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// `POST /oauth/token`, form-encoded (query parameters and JSON are accepted too, as ML does).
pub(crate) async fn token(
    State(sim): State<Arc<Shared>>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    match grant(&sim, &Params::parse(query.as_deref(), &body)) {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

fn grant(sim: &Shared, params: &Params) -> MlResult<Response> {
    let grant_type = params.str("grant_type").unwrap_or_default();
    let client_ok = params.str("client_id").as_deref() == Some(sim.app.client_id.as_str())
        && params.str("client_secret").as_deref() == Some(sim.app.client_secret.as_str());
    if !matches!(grant_type.as_str(), "authorization_code" | "refresh_token") {
        return Err(MlError::oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "the grant_type is not supported",
        ));
    }
    if !client_ok {
        return Err(MlError::oauth(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "invalid client_id or client_secret",
        ));
    }
    let now = sim.now();
    let mut world = sim.world();
    if grant_type == "authorization_code" {
        let code = params
            .str("code")
            .ok_or_else(|| MlError::oauth(StatusCode::BAD_REQUEST, "invalid_request", "code is required"))?;
        if params.str("redirect_uri").as_deref() != Some(sim.app.redirect_uri.as_str()) {
            return Err(MlError::invalid_grant(
                "the redirect_uri does not match the one registered for the application",
            ));
        }
        world.oauth.redeem_code(&code, params.str("code_verifier").as_deref(), now)?;
    } else {
        let refresh = params.str("refresh_token").unwrap_or_default();
        if !world.oauth.refresh.remove(&refresh) {
            return Err(MlError::invalid_grant(
                "Error validating grant. Your authorization code or refresh token may be expired or it was already used",
            ));
        }
    }
    let pair = world.oauth.issue_pair(sim.seed, &sim.app.client_id, sim.app.seller_id, now);
    let body = json!({
        "access_token": pair.access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_SECS,
        "scope": "offline_access read write",
        "user_id": sim.app.seller_id,
        "refresh_token": pair.refresh_token,
    });
    Ok(axum::Json(body).into_response())
}

/// `GET /authorization?response_type=code&client_id&redirect_uri[&code_challenge&code_challenge_method=S256][&state]`:
/// the seller "clicks Allow" at once and is redirected with a code.
pub(crate) async fn authorize(State(sim): State<Arc<Shared>>, RawQuery(query): RawQuery) -> Response {
    let params = Params::parse(query.as_deref(), b"");
    if params.str("client_id").as_deref() != Some(sim.app.client_id.as_str()) {
        return MlError::bad_request("invalid client_id").into_response();
    }
    if params.str("redirect_uri").as_deref() != Some(sim.app.redirect_uri.as_str()) {
        return MlError::bad_request("redirect_uri does not match the registered one").into_response();
    }
    let challenge = params.str("code_challenge");
    if challenge.is_some() && params.str("code_challenge_method").as_deref() != Some("S256") {
        return MlError::bad_request("code_challenge_method must be S256").into_response();
    }
    let code = sim.world().oauth.issue_code(sim.seed, sim.app.seller_id, challenge.as_deref(), sim.now());
    let mut location = format!("{}?code={code}", sim.app.redirect_uri);
    if let Some(state) = params.str("state") {
        location.push_str("&state=");
        location.extend(form_urlencoded::byte_serialize(state.as_bytes()));
    }
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_the_rfc_7636_example() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
