//! Authenticated calls to Etsy's Open API v3: the app's `x-api-key` and the bearer token on every
//! call, the token refreshed ahead of its hour, and the rotating refresh token stored before the
//! new access token is used (the one just spent no longer works, so losing the new one would
//! mean connecting again). Remembers the requests Etsy says are left today.

use serde::Deserialize;
use serde_json::Value;

use crate::keys::Keys;
use crate::mercado_libre::oauth::OauthError;
use crate::secrets::{get_off_thread, renewal_lock, set_off_thread};
use crate::sync::context::Ctx;
use crate::{ChannelError, http, lenient};
use mostrador_core::accounts::{CursorUpdate, SyncBatch};

/// Refresh this long before the access token's stated expiry.
const EXPIRY_MARGIN_SECS: i64 = 120;
/// Where the access token's expiry is kept: the database's cursors, beside the receipts' one,
/// so a restart knows whether the stored token is still good without spending a request.
pub(crate) const EXPIRY_STREAM: &str = "access_expires_at";

/// Etsy allows an app 10 requests a second, for all the shops that use its keystring: calls from
/// this process are spaced to stay under it instead of learning it from a 429.
const MIN_SPACING: std::time::Duration = std::time::Duration::from_millis(105);

/// Waits for this process's next free slot under Etsy's per-second limit.
async fn paced() {
    static NEXT: std::sync::Mutex<Option<tokio::time::Instant>> = std::sync::Mutex::new(None);
    let slot = {
        let mut next = NEXT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = tokio::time::Instant::now();
        let slot = next.map_or(now, |at| at.max(now));
        *next = Some(slot + MIN_SPACING);
        slot
    };
    tokio::time::sleep_until(slot).await;
}

pub(crate) struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
}

#[derive(Deserialize)]
struct TokenBody {
    access_token: String,
    refresh_token: String,
    #[serde(default = "an_hour")]
    expires_in: i64,
}

fn an_hour() -> i64 {
    3_600
}

pub(crate) async fn exchange_code(
    api_base: &str,
    keystring: &str,
    redirect_uri: &str,
    code: &str,
    code_verifier: &str,
) -> Result<Tokens, OauthError> {
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", keystring),
        ("redirect_uri", redirect_uri),
        ("code", code),
        ("code_verifier", code_verifier),
    ];
    token_request(api_base, &form).await
}

async fn refresh_grant(api_base: &str, keystring: &str, refresh_token: &str) -> Result<Tokens, OauthError> {
    let form = [("grant_type", "refresh_token"), ("client_id", keystring), ("refresh_token", refresh_token)];
    token_request(api_base, &form).await
}

async fn token_request(api_base: &str, form: &[(&str, &str)]) -> Result<Tokens, OauthError> {
    paced().await;
    let request = http::client().post(http::join(api_base, "v3/public/oauth/token")).form(form);
    let body = match http::send_json(request).await {
        Ok(body) => body,
        Err(ChannelError::Rejected { detail, .. }) => return Err(oauth_error(&detail)),
        Err(e) => return Err(OauthError::Channel(e)),
    };
    let tokens: TokenBody = serde_json::from_value(body).map_err(|e| {
        OauthError::Channel(ChannelError::MalformedResponse(format!("the token answer: {e}")))
    })?;
    Ok(Tokens {
        access_token: tokens.access_token,
        refresh_token: tokens.refresh_token,
        expires_in: tokens.expires_in,
    })
}

/// `{"error":"invalid_grant","error_description":"…"}`.
fn oauth_error(detail: &str) -> OauthError {
    let body: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
    let code = lenient::text(&body, "error").unwrap_or_default();
    let description = lenient::text(&body, "error_description").unwrap_or(detail);
    match code {
        "invalid_client" | "unauthorized_client" => OauthError::InvalidClient(description.to_owned()),
        _ => OauthError::InvalidGrant(format!("{code}: {description}")),
    }
}

/// One GET with the app key and a bearer token: the JSON body and `x-remaining-today`.
pub(crate) async fn get(
    api_base: &str,
    keystring: &str,
    token: &str,
    path: &str,
    query: &[(&str, String)],
) -> Result<(Value, Option<u64>), ChannelError> {
    paced().await;
    let request = http::client()
        .get(http::join(api_base, &format!("v3/application/{path}")))
        .header("x-api-key", keystring)
        .bearer_auth(token)
        .query(query);
    let response = request.send().await.map_err(http::transport_error)?;
    let status = response.status();
    let header = |name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok())
    };
    let remaining = header("x-remaining-today");
    // Capped where every channel's pause is (`sync::schedule::backoff`).
    let retry_after = header("retry-after");
    let body = response.bytes().await.map_err(http::transport_error)?;
    if status.as_u16() == 403 {
        // A scope the app was not granted (transactions_r): only a new authorisation gives it.
        return Err(ChannelError::PermissionMissing(String::from_utf8_lossy(&body).into_owned()));
    }
    if !status.is_success() {
        return Err(http::status_error(status.as_u16(), retry_after, &body));
    }
    let json = serde_json::from_slice(&body)
        .map_err(|e| ChannelError::MalformedResponse(format!("{e} in a {status} answer")))?;
    Ok((json, remaining))
}

pub(crate) struct EtsyClient {
    keys: Keys,
    api_base: String,
    keystring: String,
    /// The access token in use and until when it is valid.
    access: Option<(String, i64)>,
    /// What Etsy said is left of the app's daily allowance, after the last call.
    pub remaining_today: Option<u64>,
}

impl EtsyClient {
    pub(crate) fn new(account_id: i64, api_base: String, keystring: String) -> EtsyClient {
        EtsyClient { keys: Keys::new(account_id), api_base, keystring, access: None, remaining_today: None }
    }

    pub(crate) async fn get(
        &mut self,
        ctx: &Ctx<'_>,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Value, ChannelError> {
        let token = self.access_token(ctx).await?;
        let answer = match get(&self.api_base, &self.keystring, &token, path, query).await {
            Err(ChannelError::Rejected { status: 401, .. }) => {
                let token = self.refresh(ctx).await?;
                match get(&self.api_base, &self.keystring, &token, path, query).await {
                    Err(ChannelError::Rejected { status: 401, detail }) => {
                        return Err(ChannelError::TokenRevoked(detail));
                    }
                    other => other,
                }
            }
            other => other,
        };
        let (body, remaining) = answer?;
        if remaining.is_some() {
            self.remaining_today = remaining;
        }
        Ok(body)
    }

    async fn access_token(&mut self, ctx: &Ctx<'_>) -> Result<String, ChannelError> {
        let now = ctx.now();
        if let Some((token, until)) = &self.access {
            if now < until - EXPIRY_MARGIN_SECS {
                return Ok(token.clone());
            }
            return self.refresh(ctx).await;
        }
        let stored = get_off_thread(ctx.secrets, self.keys.access_token()).await?.filter(|t| !t.is_empty());
        let until = ctx.cursor(EXPIRY_STREAM).await?.and_then(|c| c.parse::<i64>().ok());
        match (stored, until) {
            (Some(token), Some(until)) if now < until - EXPIRY_MARGIN_SECS => {
                self.access = Some((token.clone(), until));
                Ok(token)
            }
            _ => self.refresh(ctx).await,
        }
    }

    /// A new access token. The refresh token rotates: the new one is stored first, then the access
    /// token, then its expiry, so a crash at any point leaves a refresh token that works.
    async fn refresh(&mut self, ctx: &Ctx<'_>) -> Result<String, ChannelError> {
        self.access = None;
        // Read under the lock: the CLI beside the app may have just spent the one stored before.
        let _renewing = renewal_lock::hold(ctx.core.db_path()).await?;
        let current = get_off_thread(ctx.secrets, self.keys.refresh_token())
            .await?
            .ok_or_else(|| ChannelError::SecretMissing("refresh_token".into()))?;
        let tokens = match refresh_grant(&self.api_base, &self.keystring, &current).await {
            Ok(tokens) => tokens,
            Err(OauthError::InvalidGrant(detail)) => {
                return Err(ChannelError::TokenRevoked(format!(
                    "Etsy no longer accepts the refresh token (it lasts 90 days): connect Etsy again ({detail})"
                )));
            }
            Err(e) => return Err(e.into()),
        };
        set_off_thread(ctx.secrets, self.keys.refresh_token(), tokens.refresh_token.clone()).await?;
        set_off_thread(ctx.secrets, self.keys.access_token(), tokens.access_token.clone()).await?;
        let until = ctx.now() + tokens.expires_in;
        ctx.commit(SyncBatch {
            cursors: vec![CursorUpdate { stream: EXPIRY_STREAM.into(), cursor: until.to_string() }],
            ..SyncBatch::default()
        })
        .await?;
        self.access = Some((tokens.access_token.clone(), until));
        Ok(tokens.access_token)
    }
}
