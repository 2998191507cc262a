//! The Telegram Bot API server: methods at `/bot<token>/<method>`, GET or POST, parameters in
//! the query, a JSON body or a form.

pub(crate) mod bot;
mod error;
mod send;
mod updates;

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use serde_json::json;

pub(crate) use error::TgError;

use crate::params::Params;
use crate::state::Shared;

pub(crate) fn router(sim: Arc<Shared>) -> Router {
    Router::new()
        .route("/{bot}/{method}", any(dispatch))
        .fallback(|| async { TgError::new(404, "Not Found") })
        .with_state(sim)
}

async fn dispatch(
    State(sim): State<Arc<Shared>>,
    Path((bot, method)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    if bot.strip_prefix("bot") != Some(sim.bot.token.as_str()) {
        return TgError::new(401, "Unauthorized").into_response();
    }
    let params = Params::parse(query.as_deref(), &body);
    let result = match method.to_ascii_lowercase().as_str() {
        "getme" => Ok(updates::get_me(&sim)),
        "getupdates" => updates::get_updates(&sim, &params).await,
        "setwebhook" => updates::set_webhook(&sim, &params),
        "deletewebhook" => Ok(updates::delete_webhook(&sim, &params)),
        "getwebhookinfo" => Ok(updates::webhook_info(&sim)),
        "sendmessage" => send::send_message(&sim, &params),
        _ => Err(TgError::new(404, "Not Found")),
    };
    match result {
        Ok(result) => axum::Json(json!({ "ok": true, "result": result })).into_response(),
        Err(error) => error.into_response(),
    }
}
