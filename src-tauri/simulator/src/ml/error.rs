//! Mercado Libre's error bodies: `{"message", "error", "status", "cause": []}`, OAuth's
//! `{"error": "invalid_grant", "error_description", …}` and the policy agent's 403.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

#[derive(Debug)]
pub(crate) struct MlError {
    status: StatusCode,
    body: Value,
    retry_after: Option<u32>,
}

impl MlError {
    fn new(status: StatusCode, error: &str, message: impl Into<String>, cause: Vec<Value>) -> MlError {
        let message = message.into();
        MlError {
            status,
            body: json!({ "message": message, "error": error, "status": status.as_u16(), "cause": cause }),
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> MlError {
        MlError::new(StatusCode::BAD_REQUEST, "bad_request", message, Vec::new())
    }

    /// The post-purchase API's answer to a search it cannot run (no filter, a bad value).
    pub fn invalid_query(message: impl Into<String>) -> MlError {
        MlError::new(StatusCode::BAD_REQUEST, "invalid_query", message, Vec::new())
    }

    pub fn not_found(message: impl Into<String>) -> MlError {
        MlError::new(StatusCode::NOT_FOUND, "not_found", message, Vec::new())
    }

    pub fn unauthorized(message: impl Into<String>) -> MlError {
        MlError::new(StatusCode::UNAUTHORIZED, "unauthorized", message, Vec::new())
    }

    pub fn forbidden(message: impl Into<String>, cause: Vec<Value>) -> MlError {
        MlError::new(StatusCode::FORBIDDEN, "forbidden", message, cause)
    }

    pub fn too_many_requests(retry_after_secs: u32) -> MlError {
        let mut error =
            MlError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", "Too Many Requests", Vec::new());
        error.retry_after = Some(retry_after_secs);
        error
    }

    pub fn server_error() -> MlError {
        MlError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_server_error",
            "Internal server error",
            Vec::new(),
        )
    }

    /// The PolicyAgent answer when the application lacks a permission.
    pub fn policy_forbidden() -> MlError {
        MlError {
            status: StatusCode::FORBIDDEN,
            body: json!({
                "code": "PA_UNAUTHORIZED_RESULT_FROM_POLICIES",
                "blocked_by": "PolicyAgent",
                "status": 403,
                "message": "At least one policy returned UNAUTHORIZED.",
            }),
            retry_after: None,
        }
    }

    /// OAuth errors (`invalid_grant`, `invalid_client`, `invalid_request`, …).
    pub fn oauth(status: StatusCode, error: &str, description: &str) -> MlError {
        MlError {
            status,
            body: json!({
                "error": error,
                "error_description": description,
                "message": description,
                "status": status.as_u16(),
                "cause": [],
            }),
            retry_after: None,
        }
    }

    pub fn invalid_grant(description: &str) -> MlError {
        MlError::oauth(StatusCode::BAD_REQUEST, "invalid_grant", description)
    }
}

impl IntoResponse for MlError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body)).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

pub(crate) type MlResult<T> = Result<T, MlError>;
