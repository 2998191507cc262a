//! The Mercado Libre API server: routes of channels.md plus the admin endpoints under `/_sim`.

mod action_guide;
pub(crate) mod claims;
pub(crate) mod error;
pub(crate) mod gate;
mod items;
pub(crate) mod moderation;
pub(crate) mod oauth;
pub(crate) mod orders;
pub(crate) mod packs;
pub(crate) mod question_store;
pub(crate) mod questions;
pub(crate) mod rate_limit;
pub(crate) mod reputation;
pub(crate) mod threads;
mod users;
mod visits;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};

use crate::state::Shared;

pub(crate) fn router(sim: Arc<Shared>) -> Router {
    Router::new()
        .route("/oauth/token", post(oauth::token))
        .route("/authorization", get(oauth::authorize))
        .route("/users/me", get(users::me))
        .route("/users/{id}", get(users::one))
        .route("/questions/search", get(questions::search))
        .route("/questions/{id}", get(questions::one))
        .route("/answers", post(questions::answer))
        .route("/items", get(items::many))
        .route("/items/{id}", get(items::one))
        .route("/messages/unread", get(packs::unread))
        .route("/messages/packs/{pack}/sellers/{seller}", get(packs::read).post(packs::send))
        .route("/messages/action_guide/packs/{pack}", get(action_guide::options))
        .route("/messages/action_guide/packs/{pack}/option", post(action_guide::send))
        .route("/users/{id}/questions/response_time", get(users::response_time))
        .route("/users/{id}/items_visits", get(visits::items_visits))
        .route("/post-purchase/v1/claims/search", get(claims::search))
        .route("/orders/search", get(orders::search))
        .route("/orders/{id}", get(orders::one))
        .route("/packs/{id}", get(orders::pack))
        .merge(crate::admin::router())
        .fallback(|| async { error::MlError::not_found("resource not found") })
        .with_state(sim)
}
