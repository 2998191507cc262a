//! The Graph API's error body, `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`,
//! with the codes the contract lists, and the Instagram OAuth endpoint's own flat shape.

use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::identity::Platform;
use crate::ids::alnum;

/// The header Meta adds to throttled answers (and to busy ones, which the simulator never sends).
pub(crate) const USAGE_HEADER: &str = "x-business-use-case-usage";

#[derive(Debug)]
pub(crate) struct GraphError {
    status: StatusCode,
    code: i64,
    subcode: Option<i64>,
    message: String,
    /// (account id, platform, minutes until access comes back) for the usage header.
    usage: Option<(String, Platform, u32)>,
}

pub(crate) type GraphResult<T> = Result<T, GraphError>;

impl GraphError {
    pub fn new(
        status: StatusCode,
        code: i64,
        subcode: Option<i64>,
        message: impl Into<String>,
    ) -> GraphError {
        GraphError { status, code, subcode, message: message.into(), usage: None }
    }

    fn bad(code: i64, subcode: Option<i64>, message: impl Into<String>) -> GraphError {
        GraphError::new(StatusCode::BAD_REQUEST, code, subcode, message)
    }

    pub fn token_unparsable() -> GraphError {
        GraphError::bad(190, None, "Invalid OAuth access token - Cannot parse access token")
    }

    pub fn token_expired(expired_at: &str, now: &str) -> GraphError {
        GraphError::bad(
            190,
            Some(463),
            format!(
                "Error validating access token: Session has expired on {expired_at}. The current time is {now}."
            ),
        )
    }

    pub fn token_revoked() -> GraphError {
        GraphError::bad(
            190,
            Some(460),
            "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.",
        )
    }

    /// 613 with the usage header; `minutes` 0 means "less than a minute".
    pub fn rate_limited(account: &str, platform: Platform, minutes: u32) -> GraphError {
        let mut error = GraphError::bad(613, None, "Calls to this api have exceeded the rate limit.");
        error.usage = Some((account.to_owned(), platform, minutes));
        error
    }

    /// Application (4), user (17) or Page (32) throttling.
    pub fn throttled(code: i64) -> GraphError {
        let message = match code {
            4 => "Application request limit reached",
            17 => "User request limit reached",
            _ => "Page request limit reached",
        };
        GraphError::bad(code, None, message)
    }

    pub fn permission_missing() -> GraphError {
        GraphError::new(
            StatusCode::FORBIDDEN,
            10,
            None,
            "(#10) Application does not have permission for this action",
        )
    }

    pub fn permission_required(what: &str) -> GraphError {
        GraphError::new(StatusCode::FORBIDDEN, 200, None, format!("(#200) Requires {what} permission"))
    }

    pub fn outside_window() -> GraphError {
        GraphError::bad(10, Some(2_018_278), "(#10) This message is sent outside of allowed window.")
    }

    pub fn human_agent_unavailable() -> GraphError {
        GraphError::bad(10, Some(2_018_065), "(#10) The HUMAN_AGENT tag is not available to this app")
    }

    pub fn private_reply_refused() -> GraphError {
        GraphError::bad(10, Some(2_534_022), "(#10) This comment cannot receive a private reply")
    }

    pub fn text_too_long() -> GraphError {
        GraphError::bad(100, Some(2_534_015), "(#100) Message text is too long")
    }

    /// Code 100 without a subcode: a missing or invalid parameter.
    pub fn invalid_param(message: impl Into<String>) -> GraphError {
        GraphError::bad(100, None, message)
    }

    pub fn unknown_object(id: &str, post: bool) -> GraphError {
        let verb = if post { "post" } else { "get" };
        GraphError::bad(
            100,
            Some(33),
            format!(
                "Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api"
            ),
        )
    }

    pub fn no_matching_user() -> GraphError {
        GraphError::bad(100, Some(2_018_001), "(#100) No matching user found")
    }

    pub fn server_error() -> GraphError {
        GraphError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            2,
            None,
            "An unexpected error has occurred. Please retry your request later.",
        )
    }

    /// Conversations and their messages in one call.
    pub fn reduce_data() -> GraphError {
        GraphError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            1,
            None,
            "Please reduce the amount of data you're asking for, then retry your request",
        )
    }
}

/// Different in every answer, like Meta's; not part of any seeded data.
fn fbtrace_id() -> String {
    static SERIAL: AtomicU64 = AtomicU64::new(1);
    alnum(0xfb7ace, SERIAL.fetch_add(1, Ordering::Relaxed), 23).replace(['-', '_'], "A")
}

impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let mut error = json!({
            "message": self.message,
            "type": "OAuthException",
            "code": self.code,
            "fbtrace_id": fbtrace_id(),
        });
        if let Some(subcode) = self.subcode {
            error["error_subcode"] = json!(subcode);
        }
        let mut response = (self.status, axum::Json(json!({ "error": error }))).into_response();
        if let Some((account, platform, minutes)) = self.usage {
            let usage = json!({ account: [{
                "type": platform.as_str(),
                "call_count": 100,
                "total_cputime": 10,
                "total_time": 10,
                "estimated_time_to_regain_access": minutes,
            }] });
            if let Ok(value) = HeaderValue::from_str(&usage.to_string()) {
                response.headers_mut().insert(USAGE_HEADER, value);
            }
        }
        response
    }
}

/// `api.instagram.com/oauth/access_token` answers errors flat:
/// `{"error_type":"OAuthException","code":400,"error_message":"…"}`.
#[derive(Debug)]
pub(crate) struct InstagramOAuthError(pub &'static str);

impl IntoResponse for InstagramOAuthError {
    fn into_response(self) -> Response {
        let body = json!({ "error_type": "OAuthException", "code": 400, "error_message": self.0 });
        (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
    }
}
