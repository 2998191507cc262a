//! `GET /users/me` (the seller behind the token) and `GET /users/<id>` (public profile; the
//! seller's carries `seller_reputation`, see reputation.rs).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use super::error::MlError;
use crate::state::Shared;

fn country(site: &str) -> &'static str {
    match site {
        "MLB" => "BR",
        "MLC" => "CL",
        "MLM" => "MX",
        "MLU" => "UY",
        "MCO" => "CO",
        "MPE" => "PE",
        _ => "AR",
    }
}

fn profile_domain(site: &str) -> &'static str {
    match site {
        "MLB" => "mercadolivre.com.br",
        "MLC" => "mercadolibre.cl",
        "MLM" => "mercadolibre.com.mx",
        "MLU" => "mercadolibre.com.uy",
        "MCO" => "mercadolibre.com.co",
        "MPE" => "mercadolibre.com.pe",
        _ => "mercadolibre.com.ar",
    }
}

pub(crate) async fn me(State(sim): State<Arc<Shared>>) -> Json<Value> {
    let world = sim.world();
    Json(json!({
        "id": sim.app.seller_id,
        "nickname": sim.app.nickname,
        "first_name": world.catalog.seller_first_name,
        "last_name": world.catalog.seller_last_name,
        "country_id": country(sim.site.id),
        "site_id": sim.site.id,
        "user_type": "normal",
        "permalink": format!("http://perfil.{}/{}", profile_domain(sim.site.id), sim.app.nickname),
        "seller_reputation": super::reputation::seller_reputation(&sim, &world),
        "status": { "site_status": "active" },
    }))
}

pub(crate) async fn one(
    State(sim): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, MlError> {
    let id: i64 = id.parse().map_err(|_| MlError::not_found("user not found"))?;
    let world = sim.world();
    if id == sim.app.seller_id {
        return Ok(Json(json!({
            "id": id,
            "nickname": sim.app.nickname,
            "country_id": country(sim.site.id),
            "site_id": sim.site.id,
            "user_type": "normal",
            "permalink": format!("http://perfil.{}/{}", profile_domain(sim.site.id), sim.app.nickname),
            "seller_reputation": super::reputation::seller_reputation(&sim, &world),
            "status": { "site_status": "active" },
        })));
    }
    let buyer = world.catalog.buyer(id).ok_or_else(|| MlError::not_found(format!("user {id} not found")))?;
    Ok(Json(
        json!({ "id": id, "nickname": buyer.nickname, "country_id": country(sim.site.id), "site_id": sim.site.id }),
    ))
}

/// `GET /users/<id>/questions/response_time`: how fast the seller answered over the last 14 days
/// (minutes; the breakdown fields follow the documented names, their values are the simulator's).
pub(crate) async fn response_time(
    State(sim): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, MlError> {
    let id: i64 = id.parse().map_err(|_| MlError::not_found("user not found"))?;
    if id != sim.app.seller_id {
        return Err(MlError::forbidden("the caller is not this user", Vec::new()));
    }
    let since = sim.now() - 14 * 86_400;
    let minutes = sim.world().questions.average_answer_minutes(since);
    let part = |value: Option<i64>| json!({ "response_time": value, "sales_percent_increase": null });
    Ok(Json(json!({
        "user_id": id,
        "total": { "response_time": minutes },
        "weekend": part(minutes),
        "weekdays_working_hours": part(minutes),
        "weekdays_extra_hours": part(minutes),
    })))
}
