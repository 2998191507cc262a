//! The HTTP client every connector shares, and how an HTTP answer becomes data or a [`ChannelError`].

use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

use crate::ChannelError;

/// Longest a request may take besides a long poll's own wait.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// One client per process: it keeps connections alive between rounds.
pub(crate) fn client() -> reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            // reqwest is built without a default TLS provider (no aws-lc C build): ring it is. An
            // error only means a provider is installed already, which is what we need.
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .timeout(REQUEST_TIMEOUT)
                .user_agent(concat!("Mostrador/", env!("CARGO_PKG_VERSION")))
                .build()
                .expect("the HTTP client's configuration is static and valid")
        })
        .clone()
}

/// Sends a request and returns the JSON body of a 2xx answer.
pub(crate) async fn send_json(request: reqwest::RequestBuilder) -> Result<Value, ChannelError> {
    let response = request.send().await.map_err(transport_error)?;
    let status = response.status();
    let retry_after = retry_after(response.headers());
    let body = response.bytes().await.map_err(transport_error)?;
    if status.is_success() {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        return serde_json::from_slice(&body)
            .map_err(|e| ChannelError::MalformedResponse(format!("{e} in a {status} answer")));
    }
    Err(status_error(status.as_u16(), retry_after, &body))
}

/// The error for a non-2xx answer. Channel-specific codes (ML's `invalid_grant`, a blocked
/// conversation) are read by the connectors from [`ChannelError::Rejected`]'s detail.
pub(crate) fn status_error(status: u16, retry_after: Option<u64>, body: &[u8]) -> ChannelError {
    let detail = error_detail(body);
    match status {
        429 => ChannelError::RateLimited { retry_after },
        500..=599 => ChannelError::ServerError { status },
        403 if detail.contains("PA_UNAUTHORIZED_RESULT_FROM_POLICIES") => {
            ChannelError::PermissionMissing(detail)
        }
        _ => ChannelError::Rejected { status, detail },
    }
}

/// The channel's words about an error: ML's `message`/`error`/`cause`, Telegram's `description`,
/// else the start of the body.
fn error_detail(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    match serde_json::from_slice::<Value>(body) {
        // Long texts are shortened inside the JSON, not the JSON cut: callers read the error's
        // fields from it (Microsoft's descriptions carry trace lines that run past any cut).
        Ok(mut json @ Value::Object(_)) => {
            shorten_texts(&mut json);
            json.to_string()
        }
        _ => text.chars().take(300).collect(),
    }
}

fn shorten_texts(value: &mut Value) {
    match value {
        Value::String(text) if text.chars().count() > 200 => *text = text.chars().take(200).collect(),
        Value::Array(items) => {
            items.truncate(10);
            items.iter_mut().for_each(shorten_texts);
        }
        Value::Object(fields) => fields.values_mut().for_each(shorten_texts),
        _ => {}
    }
}

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<u64> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    // Seconds; the HTTP-date form is not used by either channel.
    value.parse::<u64>().ok().or_else(|| value.parse::<f64>().ok().map(|s| s.ceil().max(0.0) as u64))
}

/// Connection failures and timeouts mean "offline"; a connection dropped mid-answer is the server's.
/// The URL is left out of the text: a Telegram URL carries the bot token, and this text is stored
/// as the account's error detail.
pub(crate) fn transport_error(e: reqwest::Error) -> ChannelError {
    let e = e.without_url();
    if e.is_connect() || e.is_timeout() {
        ChannelError::Offline(e.to_string())
    } else if e.is_decode() {
        ChannelError::MalformedResponse(e.to_string())
    } else {
        ChannelError::ServerError { status: 0 }
    }
}

/// Joins a base URL from the settings and a path, whatever slashes the seller typed.
pub(crate) fn join(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_become_errors() {
        assert_eq!(status_error(429, Some(7), b""), ChannelError::RateLimited { retry_after: Some(7) });
        assert_eq!(status_error(503, None, b"x"), ChannelError::ServerError { status: 503 });
        let policy = br#"{"message":"PA_UNAUTHORIZED_RESULT_FROM_POLICIES","status":403}"#;
        assert!(matches!(status_error(403, None, policy), ChannelError::PermissionMissing(_)));
        assert!(matches!(
            status_error(400, None, b"{\"error\":\"x\"}"),
            ChannelError::Rejected { status: 400, .. }
        ));
    }

    #[test]
    fn joins_paths() {
        assert_eq!(join("http://h:1/", "/users/me"), "http://h:1/users/me");
        assert_eq!(join("http://h:1", "users/me"), "http://h:1/users/me");
    }
}
