//! Microsoft's sign-in for Outlook.com and Hotmail mailboxes: the OAuth 2.0 device code flow
//! against the identity platform's `consumers` tenant (a public client, no secret), and the
//! refresh-token grant. Microsoft rotates refresh tokens, so every refresh returns one to store.
//! IMAP and SMTP then sign in with SASL XOAUTH2 (`imap.rs`, `smtp.rs`).

use std::time::Duration;

use serde_json::Value;

use crate::lenient;
use crate::{ChannelError, http};

/// Production root of the identity platform.
pub const MICROSOFT_LOGIN_BASE: &str = "https://login.microsoftonline.com";
/// IMAP and SMTP for the mailbox, and a refresh token to keep signing in without the seller.
pub const OUTLOOK_SCOPE: &str =
    "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access";
const DEVICE_CODE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628: after `slow_down`, wait this much longer between polls from then on.
const SLOW_DOWN_SECS: u64 = 5;

/// Mostrador's own app registration, when the build was given one; otherwise the seller brings the
/// Application (client) ID of their own.
pub fn built_in_client_id() -> Option<&'static str> {
    option_env!("MOSTRADOR_MICROSOFT_CLIENT_ID").map(str::trim).filter(|id| !id.is_empty())
}

/// What the device code request answers: the code the seller types at `verification_uri`.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceLogin {
    /// Secret between this app and Microsoft: never shown.
    pub device_code: String,
    pub user_code: String,
    pub verification_uri: String,
    pub expires_in: u64,
    pub interval: u64,
}

impl std::fmt::Debug for DeviceLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceLogin")
            .field("device_code", &"***")
            .field("user_code", &self.user_code)
            .field("verification_uri", &self.verification_uri)
            .field("expires_in", &self.expires_in)
            .field("interval", &self.interval)
            .finish()
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct MicrosoftTokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Seconds the access token lives (about an hour).
    pub expires_in: i64,
}

impl std::fmt::Debug for MicrosoftTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MicrosoftTokens").field("expires_in", &self.expires_in).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MicrosoftError {
    /// The seller said no on Microsoft's page.
    #[error("the sign-in was declined on Microsoft's page")]
    Declined,
    /// The code was not used in time (15 minutes), or Microsoft no longer knows it.
    #[error("the sign-in code expired")]
    CodeExpired,
    /// The client id is unknown, or its registration does not allow public client flows.
    #[error("Microsoft does not accept this application: {0}")]
    UnknownApp(String),
    /// The refresh token was revoked, expired or already used: sign in again.
    #[error("Microsoft no longer accepts this sign-in: {0}")]
    InvalidGrant(String),
    #[error(transparent)]
    Channel(#[from] ChannelError),
}

impl From<MicrosoftError> for ChannelError {
    fn from(e: MicrosoftError) -> Self {
        match e {
            MicrosoftError::Channel(e) => e,
            other => ChannelError::TokenRevoked(other.to_string()),
        }
    }
}

/// One poll of the token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DevicePoll {
    /// The seller has not finished on Microsoft's page yet.
    Pending,
    /// Polled too soon: wait five seconds longer from now on.
    SlowDown,
    Granted(MicrosoftTokens),
}

fn endpoint(base: &str, what: &str) -> String {
    http::join(base, &format!("consumers/oauth2/v2.0/{what}"))
}

/// Asks for a device code the seller enters on Microsoft's page.
pub async fn start_device_login(base: &str, client_id: &str) -> Result<DeviceLogin, MicrosoftError> {
    let form = [("client_id", client_id.trim()), ("scope", OUTLOOK_SCOPE)];
    let body = match post(base, "devicecode", &form).await {
        Ok(body) => body,
        Err(MicrosoftError::Channel(ChannelError::Rejected { status, detail })) => {
            return Err(match refusal(&detail) {
                (code @ ("invalid_client" | "unauthorized_client"), description) => {
                    client_or_grant_error(code, description)
                }
                _ => MicrosoftError::Channel(ChannelError::Rejected { status, detail }),
            });
        }
        Err(e) => return Err(e),
    };
    let text = |key: &str| lenient::non_empty(&body, key).map(str::to_owned);
    let number = |key: &str| lenient::int(&body, key).and_then(|n| u64::try_from(n).ok());
    let malformed =
        || ChannelError::MalformedResponse("the device code answer lacks a code or a page".into());
    Ok(DeviceLogin {
        device_code: text("device_code").ok_or_else(malformed)?,
        user_code: text("user_code").ok_or_else(malformed)?,
        verification_uri: text("verification_uri").ok_or_else(malformed)?,
        expires_in: number("expires_in").unwrap_or(900),
        // A zero interval would poll Microsoft in a tight loop.
        interval: number("interval").unwrap_or(5).max(1),
    })
}

/// Asks once whether the seller has finished.
pub async fn poll_device_login(
    base: &str,
    client_id: &str,
    device_code: &str,
) -> Result<DevicePoll, MicrosoftError> {
    let form =
        [("grant_type", DEVICE_CODE_GRANT), ("client_id", client_id.trim()), ("device_code", device_code)];
    match post(base, "token", &form).await {
        Ok(body) => Ok(DevicePoll::Granted(tokens(&body)?)),
        Err(MicrosoftError::Channel(ChannelError::Rejected { detail, .. })) => match refusal(&detail) {
            ("authorization_pending", _) => Ok(DevicePoll::Pending),
            ("slow_down", _) => Ok(DevicePoll::SlowDown),
            ("authorization_declined" | "access_denied", _) => Err(MicrosoftError::Declined),
            ("expired_token" | "bad_verification_code" | "code_expired", _) => {
                Err(MicrosoftError::CodeExpired)
            }
            (code, description) => Err(client_or_grant_error(code, description)),
        },
        Err(e) => Err(e),
    }
}

/// Polls until the seller finishes, honouring `interval` and `slow_down`, until the code
/// expires. A moment without network is waited out; a minute of it ends the wait, so the seller
/// hears about it instead of watching a code that cannot work.
pub async fn wait_for_device_login(
    base: &str,
    client_id: &str,
    login: &DeviceLogin,
) -> Result<MicrosoftTokens, MicrosoftError> {
    wait_within(base, client_id, login, OFFLINE_LIMIT).await
}

/// How long polls may keep failing for want of network (or of Microsoft) before the wait ends.
const OFFLINE_LIMIT: Duration = Duration::from_secs(60);

async fn wait_within(
    base: &str,
    client_id: &str,
    login: &DeviceLogin,
    offline_limit: Duration,
) -> Result<MicrosoftTokens, MicrosoftError> {
    let started = tokio::time::Instant::now();
    let lifetime = Duration::from_secs(login.expires_in);
    let mut interval = login.interval;
    let mut failing_since: Option<tokio::time::Instant> = None;
    loop {
        tokio::time::sleep(Duration::from_secs(interval)).await;
        if started.elapsed() >= lifetime {
            return Err(MicrosoftError::CodeExpired);
        }
        match poll_device_login(base, client_id, &login.device_code).await {
            Ok(DevicePoll::Granted(tokens)) => return Ok(tokens),
            Ok(DevicePoll::Pending) => failing_since = None,
            Ok(DevicePoll::SlowDown) => {
                failing_since = None;
                interval += SLOW_DOWN_SECS;
            }
            // Microsoft busy: the code stays valid, keep asking when it says.
            Err(MicrosoftError::Channel(ChannelError::RateLimited { retry_after })) => {
                tokio::time::sleep(Duration::from_secs(retry_after.unwrap_or(interval).min(60))).await;
            }
            // A moment without network: keep asking, up to the limit.
            Err(MicrosoftError::Channel(e)) if e.is_transient() => {
                if failing_since.get_or_insert_with(tokio::time::Instant::now).elapsed() >= offline_limit {
                    return Err(e.into());
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// A new access token, and the new refresh token that replaces the one used.
pub async fn refresh(
    base: &str,
    client_id: &str,
    refresh_token: &str,
) -> Result<MicrosoftTokens, MicrosoftError> {
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", client_id.trim()),
        ("refresh_token", refresh_token),
        ("scope", OUTLOOK_SCOPE),
    ];
    match post(base, "token", &form).await {
        Ok(body) => tokens(&body),
        Err(MicrosoftError::Channel(ChannelError::Rejected { detail, .. })) => {
            let (code, description) = refusal(&detail);
            Err(client_or_grant_error(code, description))
        }
        Err(e) => Err(e),
    }
}

async fn post(base: &str, what: &str, form: &[(&str, &str)]) -> Result<Value, MicrosoftError> {
    if !safe_login_base(base) {
        return Err(ChannelError::NotConfigured(format!(
            "{base} is not a sign-in address tokens may go to (https, or this computer)"
        ))
        .into());
    }
    let request = http::client()
        .post(endpoint(base, what))
        .header(reqwest::header::ACCEPT, "application/json")
        .form(form);
    Ok(http::send_json(request).await?)
}

/// Refresh tokens go only over https, or to this computer (the simulator in tests): a sign-in
/// address changed in the settings cannot send them anywhere in clear.
fn safe_login_base(base: &str) -> bool {
    url::Url::parse(base).is_ok_and(|url| match url.scheme() {
        "https" => true,
        "http" => matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")),
        _ => false,
    })
}

fn tokens(body: &Value) -> Result<MicrosoftTokens, MicrosoftError> {
    let access_token = lenient::non_empty(body, "access_token");
    let refresh_token = lenient::non_empty(body, "refresh_token");
    match (access_token, refresh_token) {
        (Some(access), Some(refresh)) => Ok(MicrosoftTokens {
            access_token: access.to_owned(),
            refresh_token: refresh.to_owned(),
            expires_in: lenient::int(body, "expires_in").unwrap_or(3_600),
        }),
        _ => {
            Err(ChannelError::MalformedResponse("the token answer has no access or refresh token".into())
                .into())
        }
    }
}

/// Azure AD's `{"error": "…", "error_description": "AADSTS…: …"}` from a refusal's body.
fn refusal(detail: &str) -> (&'static str, String) {
    let body: Value = serde_json::from_str(detail).unwrap_or(Value::Null);
    let code = lenient::text(&body, "error").unwrap_or_default();
    let description = lenient::text(&body, "error_description").unwrap_or(detail).to_owned();
    const KNOWN: &[&str] = &[
        "authorization_pending",
        "slow_down",
        "authorization_declined",
        "access_denied",
        "expired_token",
        "bad_verification_code",
        "code_expired",
        "invalid_client",
        "unauthorized_client",
        "invalid_grant",
    ];
    (KNOWN.iter().find(|known| **known == code).copied().unwrap_or("other"), description)
}

fn client_or_grant_error(code: &str, description: String) -> MicrosoftError {
    match code {
        "invalid_client" | "unauthorized_client" => MicrosoftError::UnknownApp(description),
        "invalid_grant" => MicrosoftError::InvalidGrant(description),
        // Anything else (a proxy's error page, a scope refused for a while) is not a lost sign-in:
        // said as a refusal, retried, never "connect again".
        _ => MicrosoftError::Channel(ChannelError::Rejected { status: 400, detail: description }),
    }
}

/// The SASL XOAUTH2 initial response, before base64: `user=<address>^Aauth=Bearer <token>^A^A`.
pub(crate) fn xoauth2_response(user: &str, access_token: &str) -> String {
    format!("user={user}\x01auth=Bearer {access_token}\x01\x01")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_refusal_is_still_read_by_its_code() {
        let description = format!(
            "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.{}",
            "\r\nTrace ID: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\r\nCorrelation ID: 11223344-5566-7788-99aa-bbccddeeff00\r\nTimestamp: 2026-12-07 15:00:00Z".repeat(3)
        );
        let body = serde_json::json!({
            "error": "authorization_pending",
            "error_description": description,
            "error_codes": [70016],
            "timestamp": "2026-12-07 15:00:00Z",
            "trace_id": "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
            "correlation_id": "11223344-5566-7788-99aa-bbccddeeff00",
            "error_uri": "https://login.microsoftonline.com/error?code=70016",
        });
        let raw = body.to_string();
        assert!(raw.len() > 600, "as long as Microsoft's: {}", raw.len());
        let detail = match crate::http::status_error(400, None, raw.as_bytes()) {
            ChannelError::Rejected { detail, .. } => detail,
            other => panic!("{other:?}"),
        };
        assert_eq!(refusal(&detail).0, "authorization_pending");
        assert!(matches!(client_or_grant_error("invalid_scope", "x".into()), MicrosoftError::Channel(_)));
        assert!(matches!(
            client_or_grant_error("invalid_grant", "x".into()),
            MicrosoftError::InvalidGrant(_)
        ));
    }

    #[test]
    fn tokens_go_over_https_or_stay_on_this_computer() {
        assert!(safe_login_base("https://login.microsoftonline.com"));
        assert!(safe_login_base("http://127.0.0.1:4242"));
        assert!(!safe_login_base("http://login.microsoftonline.com"));
        assert!(!safe_login_base("http://evil.example"));
        assert!(!safe_login_base("not a url"));
    }

    #[test]
    fn the_xoauth2_string_is_framed_with_ctrl_a() {
        assert_eq!(
            xoauth2_response("ana@outlook.com", "EwA.tok"),
            "user=ana@outlook.com\u{1}auth=Bearer EwA.tok\u{1}\u{1}"
        );
    }

    #[tokio::test]
    async fn a_wait_without_network_ends_with_the_network_error() {
        let sim =
            mostrador_simulator::Simulator::start(mostrador_simulator::SimConfig::default()).await.unwrap();
        sim.set_microsoft_poll_interval(1);
        let (base, client_id) = (sim.microsoft_base_url(), sim.microsoft_app().client_id);
        let login = start_device_login(&base, &client_id).await.expect("a code");
        sim.shutdown().await;
        let started = std::time::Instant::now();
        let ended = wait_within(&base, &client_id, &login, Duration::from_secs(2)).await;
        match ended {
            Err(MicrosoftError::Channel(e)) => assert!(e.is_transient(), "{e:?}"),
            other => panic!("the wait should end for want of network: {other:?}"),
        }
        let waited = started.elapsed();
        assert!(waited >= Duration::from_secs(2) && waited < Duration::from_secs(12), "{waited:?}");
    }

    #[test]
    fn refusals_are_read_from_azure_ad_bodies() {
        let body = r#"{"error":"invalid_grant","error_description":"AADSTS700082: expired"}"#;
        assert_eq!(refusal(body), ("invalid_grant", "AADSTS700082: expired".to_owned()));
        assert_eq!(refusal("<html>").0, "other");
        assert!(matches!(
            client_or_grant_error("unauthorized_client", String::new()),
            MicrosoftError::UnknownApp(_)
        ));
    }
}
