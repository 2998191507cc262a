//! The Bot API: `{base}/bot<token>/<method>`, JSON in, `{"ok": true, "result": …}` out.

use std::time::Duration;

use serde_json::{Value, json};

use super::facts;
use crate::{ChannelError, http, lenient};

/// The bot, from `getMe`.
pub(crate) struct Bot {
    pub id: String,
    pub username: Option<String>,
    pub first_name: Option<String>,
}

impl Bot {
    pub(crate) fn display_name(&self) -> String {
        match (&self.username, &self.first_name) {
            (Some(username), _) => format!("@{username}"),
            (None, Some(name)) => name.clone(),
            (None, None) => self.id.clone(),
        }
    }
}

/// Calls a method; `wait` is how long the server may hold the request (a long poll).
pub(crate) async fn call(
    api_base: &str,
    token: &str,
    method: &str,
    body: &Value,
    wait: Duration,
) -> Result<Value, ChannelError> {
    let url = http::join(api_base, &format!("bot{token}/{method}"));
    let request = http::client().post(url).json(body).timeout(wait + Duration::from_secs(20));
    let transport_error = |e: reqwest::Error| transport_error(method, e);
    let response = request.send().await.map_err(transport_error)?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(transport_error)?;
    let answer: Value = match serde_json::from_slice(&bytes) {
        Ok(answer) => answer,
        Err(_) if status >= 500 => return Err(ChannelError::ServerError { status }),
        Err(_) if status == 429 => return Err(ChannelError::RateLimited { retry_after: None }),
        Err(e) => {
            return Err(ChannelError::MalformedResponse(format!("{e} in a {status} answer to {method}")));
        }
    };
    if lenient::boolean(&answer, "ok") == Some(true) {
        return Ok(answer.get("result").cloned().unwrap_or(Value::Null));
    }
    let code = lenient::int(&answer, "error_code").map_or(status, |c| c as u16);
    let description = lenient::text(&answer, "description").unwrap_or("").to_owned();
    Err(match code {
        401 => ChannelError::TokenRevoked(description),
        // A malformed token has no bot behind it.
        404 if method == "getMe" => ChannelError::TokenRevoked(description),
        429 => ChannelError::RateLimited {
            retry_after: lenient::int(&answer, "parameters/retry_after").map(|s| s.max(0) as u64),
        },
        500..=599 => ChannelError::ServerError { status: code },
        _ if (200..300).contains(&status) => {
            ChannelError::MalformedResponse(format!("{method} answered ok=false"))
        }
        _ => ChannelError::Rejected { status: code, detail: description },
    })
}

/// A sendMessage whose connection broke after it left (a timeout, a dropped connection, a cut
/// answer) may have been delivered, and a bot cannot read its chat back: the seller decides rather
/// than the buyer getting it twice. Only a connection that never opened is surely not delivered.
fn transport_error(method: &str, e: reqwest::Error) -> ChannelError {
    if method == "sendMessage" && !e.is_connect() {
        return ChannelError::DeliveryUnknown;
    }
    http::transport_error(e)
}

pub(crate) async fn get_me(api_base: &str, token: &str) -> Result<Bot, ChannelError> {
    let me = call(api_base, token, "getMe", &json!({}), Duration::ZERO).await?;
    Ok(Bot {
        id: lenient::id(&me, "id")
            .ok_or_else(|| ChannelError::MalformedResponse("getMe has no id".into()))?,
        username: lenient::non_empty(&me, "username").map(str::to_owned),
        first_name: lenient::non_empty(&me, "first_name").map(str::to_owned),
    })
}

/// getUpdates does not work while a webhook is set.
pub(crate) async fn delete_webhook(api_base: &str, token: &str) -> Result<(), ChannelError> {
    call(api_base, token, "deleteWebhook", &json!({ "drop_pending_updates": false }), Duration::ZERO)
        .await
        .map(|_| ())
}

pub(crate) async fn get_updates(
    api_base: &str,
    token: &str,
    offset: Option<i64>,
    timeout_secs: u64,
) -> Result<Vec<Value>, ChannelError> {
    let mut body = json!({
        "limit": facts::UPDATES_PAGE,
        "timeout": timeout_secs,
        "allowed_updates": facts::ALLOWED_UPDATES,
    });
    if let Some(offset) = offset {
        body["offset"] = json!(offset);
    }
    let result = call(api_base, token, "getUpdates", &body, Duration::from_secs(timeout_secs)).await?;
    match result {
        Value::Array(updates) => Ok(updates),
        _ => Err(ChannelError::MalformedResponse("getUpdates did not return a list".into())),
    }
}
