//! Calls to Meta's Graph API for one account: the version in the path, the bearer token, the
//! Conversations API's 2 calls per second kept on this side (a third call in a second is refused
//! for minutes), and Meta's error body turned into a [`ChannelError`].

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use super::facts;
use crate::{ChannelError, http, lenient};

/// Whether a call counts against the Conversations API's rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    /// Conversations, a conversation's messages, sending.
    Yes,
    /// Posts, comments, profiles, tokens.
    No,
}

/// The instants of the last counted calls, so the next one waits for the window to pass.
#[derive(Debug, Default)]
pub(crate) struct Pacing {
    sent: VecDeque<Instant>,
}

impl Pacing {
    /// Waits until one more counted call fits in the window, then counts it.
    pub(crate) async fn admit(&mut self) {
        let window = Duration::from_millis(facts::RATE_WINDOW_MILLIS);
        loop {
            let now = Instant::now();
            while self.sent.front().is_some_and(|&at| now.duration_since(at) >= window) {
                self.sent.pop_front();
            }
            match self.sent.front() {
                Some(&oldest) if self.sent.len() >= facts::CALLS_PER_SECOND => {
                    tokio::time::sleep_until(oldest + window).await;
                }
                _ => break,
            }
        }
        self.sent.push_back(Instant::now());
    }
}

/// One pacing per account in this process: Meta counts calls per account, not per connector, and
/// the engine makes a new connector when settings change, `sync --once` one per round.
fn pacing_of(account: &str) -> Arc<tokio::sync::Mutex<Pacing>> {
    static PACINGS: OnceLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<Pacing>>>>> = OnceLock::new();
    let mut pacings =
        PACINGS.get_or_init(Default::default).lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    Arc::clone(pacings.entry(account.to_owned()).or_default())
}

/// The Graph API of one account: a base like `https://graph.instagram.com` and its token.
pub(crate) struct Graph {
    base: String,
    token: String,
    pacing: Arc<tokio::sync::Mutex<Pacing>>,
}

impl Graph {
    /// `account` names the account Meta counts calls against (its host and id).
    pub(crate) fn new(base: &str, token: String, account: &str) -> Graph {
        let base = base.trim_end_matches('/').to_owned();
        let pacing = pacing_of(&format!("{base} {account}"));
        Graph { base, token, pacing }
    }

    async fn admit(&self, counted: Counted) {
        if counted == Counted::Yes {
            self.pacing.lock().await.admit().await;
        }
    }

    pub(crate) fn set_token(&mut self, token: String) {
        self.token = token;
    }

    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// `{base}/{version}/{path}` (a path may already carry its query).
    pub(crate) fn url(&self, path: &str) -> String {
        http::join(&http::join(&self.base, facts::GRAPH_VERSION), path)
    }

    pub(crate) async fn get(
        &mut self,
        path: &str,
        query: &[(&str, String)],
        counted: Counted,
    ) -> Result<Value, ChannelError> {
        self.admit(counted).await;
        let request = http::client().get(self.url(path)).bearer_auth(&self.token).query(query);
        send(request).await
    }

    /// A page of a list by its `paging.next` address (Meta gives the whole URL, query included).
    pub(crate) async fn get_next(&mut self, next: &str, counted: Counted) -> Result<Value, ChannelError> {
        self.admit(counted).await;
        // The address carries Meta's host; the base decides where it goes (the simulator in tests).
        let url = match url::Url::parse(next) {
            Ok(parsed) => {
                let path_and_query = match parsed.query() {
                    Some(query) => format!("{}?{query}", parsed.path()),
                    None => parsed.path().to_owned(),
                };
                http::join(&self.base, &path_and_query)
            }
            Err(_) => {
                return Err(ChannelError::MalformedResponse(format!(
                    "paging.next is not an address: {next}"
                )));
            }
        };
        send(http::client().get(url).bearer_auth(&self.token)).await
    }

    pub(crate) async fn post_json(
        &mut self,
        path: &str,
        body: &Value,
        counted: Counted,
    ) -> Result<Value, ChannelError> {
        self.admit(counted).await;
        send(http::client().post(self.url(path)).bearer_auth(&self.token).json(body)).await
    }

    pub(crate) async fn post_form(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        counted: Counted,
    ) -> Result<Value, ChannelError> {
        self.admit(counted).await;
        send(http::client().post(self.url(path)).bearer_auth(&self.token).form(form)).await
    }
}

/// Sends a Graph request: the JSON of a 2xx answer, else Meta's error as a [`ChannelError`].
pub(crate) async fn send(request: reqwest::RequestBuilder) -> Result<Value, ChannelError> {
    let response = request.send().await.map_err(http::transport_error)?;
    let status = response.status().as_u16();
    let usage = response
        .headers()
        .get("x-business-use-case-usage")
        .or_else(|| response.headers().get("x-app-usage"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.bytes().await.map_err(http::transport_error)?;
    if (200..300).contains(&status) {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Value::Null);
        }
        return serde_json::from_slice(&body)
            .map_err(|e| ChannelError::MalformedResponse(format!("{e} in a {status} answer")));
    }
    Err(error_of(status, &body, usage.as_deref()))
}

/// Meta's error body: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MetaError {
    pub code: Option<i64>,
    pub subcode: Option<i64>,
    pub message: String,
}

pub(crate) fn parse_error(body: &[u8]) -> MetaError {
    let json: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let error = json.get("error").unwrap_or(&json);
    MetaError {
        code: lenient::int(error, "code"),
        subcode: lenient::int(error, "error_subcode"),
        message: lenient::text(error, "message")
            .or_else(|| lenient::text(&json, "error_message"))
            .map(str::to_owned)
            .unwrap_or_else(|| String::from_utf8_lossy(body).chars().take(300).collect()),
    }
}

/// How an answer that is not 2xx becomes an error. Meta answers most refusals with 400 and says
/// what happened in `error.code`, so the code decides, not the status.
pub(crate) fn error_of(status: u16, body: &[u8], usage: Option<&str>) -> ChannelError {
    let error = parse_error(body);
    let detail = match (error.code, error.subcode) {
        (Some(code), Some(sub)) => format!("({code}/{sub}) {}", error.message),
        (Some(code), None) => format!("({code}) {}", error.message),
        _ => error.message.clone(),
    };
    match error.code {
        Some(code) if facts::THROTTLED_CODES.contains(&code) => {
            ChannelError::RateLimited { retry_after: Some(regain_after(usage)) }
        }
        Some(facts::TOKEN_CODE) => ChannelError::TokenRevoked(detail),
        Some(10) if error.subcode == Some(facts::WINDOW_CLOSED_SUBCODE) => ChannelError::ReplyWindowClosed,
        Some(100) if error.subcode == Some(facts::TOO_LONG_SUBCODE) => {
            ChannelError::TooLong { limit: facts::MAX_MESSAGE_BYTES as u32 }
        }
        Some(10 | 200..=299) if error.subcode.is_none() => ChannelError::PermissionMissing(detail),
        Some(1 | 2) => ChannelError::ServerError { status: status.max(500) },
        _ if status >= 500 => ChannelError::ServerError { status },
        _ if status == 429 => ChannelError::RateLimited { retry_after: Some(regain_after(usage)) },
        _ => ChannelError::Rejected { status, detail },
    }
}

/// Seconds until Meta lets the account call again, from `estimated_time_to_regain_access`
/// (minutes) in its usage header; at least one second.
fn regain_after(usage: Option<&str>) -> u64 {
    let Some(usage) = usage.and_then(|u| serde_json::from_str::<Value>(u).ok()) else { return 1 };
    let mut minutes = 0;
    let entries: Vec<&Value> = match &usage {
        Value::Object(map) => map
            .values()
            .flat_map(|v| v.as_array().map(|a| a.iter().collect()).unwrap_or_else(|| vec![v]))
            .collect(),
        _ => Vec::new(),
    };
    for entry in entries {
        minutes = minutes.max(lenient::int(entry, "estimated_time_to_regain_access").unwrap_or(0));
    }
    (minutes.max(0) as u64 * 60).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: i64, subcode: Option<i64>) -> Vec<u8> {
        let mut error =
            serde_json::json!({"message": "x", "type": "OAuthException", "code": code, "fbtrace_id": "A"});
        if let Some(sub) = subcode {
            error["error_subcode"] = sub.into();
        }
        serde_json::json!({ "error": error }).to_string().into_bytes()
    }

    #[test]
    fn meta_errors_become_channel_errors() {
        let usage =
            r#"{"178414":[{"type":"instagram","call_count":100,"estimated_time_to_regain_access":2}]}"#;
        assert_eq!(
            error_of(400, &body(613, None), Some(usage)),
            ChannelError::RateLimited { retry_after: Some(120) }
        );
        assert_eq!(error_of(400, &body(4, None), None), ChannelError::RateLimited { retry_after: Some(1) });
        assert!(matches!(error_of(400, &body(190, Some(463)), None), ChannelError::TokenRevoked(_)));
        assert_eq!(error_of(400, &body(10, Some(2018278)), None), ChannelError::ReplyWindowClosed);
        assert_eq!(error_of(400, &body(100, Some(2534015)), None), ChannelError::TooLong { limit: 1000 });
        assert!(matches!(error_of(403, &body(10, None), None), ChannelError::PermissionMissing(_)));
        assert!(matches!(error_of(403, &body(200, None), None), ChannelError::PermissionMissing(_)));
        assert_eq!(error_of(500, &body(1, None), None), ChannelError::ServerError { status: 500 });
        assert!(matches!(
            error_of(400, &body(10, Some(2534022)), None),
            ChannelError::Rejected { status: 400, ref detail } if detail.contains("2534022")
        ));
        assert!(matches!(error_of(400, b"not json", None), ChannelError::Rejected { status: 400, .. }));
    }

    #[tokio::test(start_paused = true)]
    async fn a_third_call_in_a_second_waits_for_the_window() {
        let mut pacing = Pacing::default();
        let start = Instant::now();
        pacing.admit().await;
        pacing.admit().await;
        assert!(start.elapsed() < Duration::from_millis(10), "two calls go at once");
        pacing.admit().await;
        assert!(start.elapsed() >= Duration::from_millis(facts::RATE_WINDOW_MILLIS), "the third waits");
        pacing.admit().await;
        let elapsed = start.elapsed();
        assert!(elapsed < Duration::from_millis(2 * facts::RATE_WINDOW_MILLIS), "{elapsed:?}");
    }
}
