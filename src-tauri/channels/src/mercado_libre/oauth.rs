//! Mercado Libre's OAuth 2.0 token endpoint: the code exchange and the single-use, rotating
//! refresh token.

use serde_json::Value;

use crate::ChannelError;
use crate::http;
use crate::lenient;

pub(crate) struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lives (21600 = 6 h).
    pub expires_in: i64,
}

pub(crate) enum OauthError {
    /// The code or refresh token is expired, used or revoked.
    InvalidGrant(String),
    /// The client id or secret is wrong.
    InvalidClient(String),
    Channel(ChannelError),
}

impl From<OauthError> for ChannelError {
    fn from(e: OauthError) -> Self {
        match e {
            OauthError::InvalidGrant(detail) | OauthError::InvalidClient(detail) => {
                ChannelError::TokenRevoked(detail)
            }
            OauthError::Channel(e) => e,
        }
    }
}

pub(crate) async fn exchange_code(
    api_base: &str,
    client_id: &str,
    client_secret: &str,
    code: &str,
    redirect_uri: &str,
    code_verifier: Option<&str>,
) -> Result<Tokens, OauthError> {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("client_id", client_id.trim()),
        ("client_secret", client_secret.trim()),
        ("code", code),
        ("redirect_uri", redirect_uri.trim()),
    ];
    if let Some(verifier) = code_verifier.map(str::trim).filter(|v| !v.is_empty()) {
        form.push(("code_verifier", verifier));
    }
    token_request(api_base, &form).await
}

pub(crate) async fn refresh(
    api_base: &str,
    client_id: &str,
    client_secret: &str,
    refresh_token: &str,
) -> Result<Tokens, OauthError> {
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", client_id),
        ("client_secret", client_secret),
        ("refresh_token", refresh_token),
    ];
    token_request(api_base, &form).await
}

async fn token_request(api_base: &str, form: &[(&str, &str)]) -> Result<Tokens, OauthError> {
    let request = http::client()
        .post(http::join(api_base, "oauth/token"))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form);
    let body = match http::send_json(request).await {
        Ok(body) => body,
        Err(ChannelError::Rejected { detail, .. }) => return Err(oauth_error(&detail)),
        Err(e) => return Err(OauthError::Channel(e)),
    };
    parse_tokens(&body).ok_or_else(|| {
        OauthError::Channel(ChannelError::MalformedResponse(
            "the token answer has no access or refresh token".into(),
        ))
    })
}

fn parse_tokens(body: &Value) -> Option<Tokens> {
    Some(Tokens {
        access_token: lenient::non_empty(body, "access_token")?.to_owned(),
        refresh_token: lenient::non_empty(body, "refresh_token")?.to_owned(),
        expires_in: lenient::int(body, "expires_in").unwrap_or(21_600),
    })
}

/// ML's error shape: `{"error":"invalid_grant","error_description":…,"status":400,"cause":[]}`.
fn oauth_error(detail: &str) -> OauthError {
    let body: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
    let code = lenient::text(&body, "error").unwrap_or_default();
    let description =
        lenient::text(&body, "error_description").or(lenient::text(&body, "message")).unwrap_or(detail);
    match code {
        "invalid_client" | "unauthorized_client" => OauthError::InvalidClient(description.to_owned()),
        // invalid_grant, and any other refusal of the code or token: the seller must authorise again.
        _ => OauthError::InvalidGrant(format!("{code}: {description}")),
    }
}
