//! The Bot API's failure shape: `{"ok": false, "error_code", "description"[, "parameters"]}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug)]
pub(crate) struct TgError {
    pub code: u16,
    pub description: String,
    pub retry_after: Option<u32>,
}

impl TgError {
    pub fn new(code: u16, description: impl Into<String>) -> TgError {
        TgError { code, description: description.into(), retry_after: None }
    }

    pub fn bad_request(what: &str) -> TgError {
        TgError::new(400, format!("Bad Request: {what}"))
    }

    pub fn too_many_requests(retry_after: u32) -> TgError {
        TgError {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        }
    }
}

impl IntoResponse for TgError {
    fn into_response(self) -> Response {
        let mut body = json!({ "ok": false, "error_code": self.code, "description": self.description });
        if let Some(secs) = self.retry_after {
            body["parameters"] = json!({ "retry_after": secs });
        }
        let status = StatusCode::from_u16(self.code).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
