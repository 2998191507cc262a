//! How a seller opens a post-sale conversation: only through fixed reasons of the action guide
//! (`GET /messages/action_guide/packs/<pack>?tag=post_sale`), each usable once per pack, sent with
//! `POST …/option {"option_id", "text"}` (free text only for OTHER). The option ids are the
//! documented ones; the response shapes are the simulator's reading (unverified upstream).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use super::packs::{SELLER_MAX_CHARS, blocked, post_seller_message, require_post_sale_tag};
use crate::site::Lang;
use crate::state::Shared;

/// (option id, Spanish template, Portuguese template); OTHER takes the seller's own text.
const OPTIONS: &[(&str, &str, &str)] = &[
    (
        "REQUEST_VARIANTS",
        "Hola, ¿me confirmás el color o el modelo que elegiste?",
        "Olá, pode confirmar a cor ou o modelo que você escolheu?",
    ),
    (
        "REQUEST_BILLING_INFO",
        "Hola, para hacer tu factura necesito tus datos de facturación.",
        "Olá, para emitir sua nota fiscal preciso dos seus dados.",
    ),
    (
        "SEND_INVOICE_LINK",
        "Hola, tu factura ya está disponible en el detalle de la compra.",
        "Olá, sua nota fiscal já está disponível no detalhe da compra.",
    ),
    (
        "DELIVERY_PROMISE",
        "Hola, tu pedido se está preparando y sale en la fecha prometida.",
        "Olá, seu pedido está sendo preparado e sai na data prometida.",
    ),
    ("OTHER", "", ""),
];

fn pack_key(pack: &str, query: &HashMap<String, String>) -> MlResult<i64> {
    require_post_sale_tag(query)?;
    pack.parse().map_err(|_| MlError::not_found("pack not found"))
}

pub(crate) async fn options(
    State(sim): State<Arc<Shared>>,
    Path(pack): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let key = pack_key(&pack, &query)?;
    let world = sim.world();
    let thread = world.threads.get(key).ok_or_else(|| MlError::not_found(format!("pack {key} not found")))?;
    let options: Vec<Value> = OPTIONS
        .iter()
        .map(|(id, es, pt)| {
            let used = thread.used_options.iter().any(|used| used == id);
            let template = if sim.site.lang == Lang::Pt { pt } else { es };
            json!({
                "id": id,
                "type": if *id == "OTHER" { "free_text" } else { "template" },
                "template": if template.is_empty() { Value::Null } else { json!(template) },
                "enabled": thread.blocked.is_none() && !used,
                "cap_available": if used { 0 } else { 1 },
            })
        })
        .collect();
    Ok(Json(json!({ "pack_id": key, "seller_id": sim.app.seller_id, "options": options })))
}

pub(crate) async fn send(
    State(sim): State<Arc<Shared>>,
    Path(pack): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> MlResult<Response> {
    let key = pack_key(&pack, &query)?;
    let body: Value = serde_json::from_slice(&body).map_err(|_| MlError::bad_request("body must be JSON"))?;
    let option_id = body.get("option_id").and_then(Value::as_str).unwrap_or_default();
    let (id, es, pt) = OPTIONS
        .iter()
        .find(|(id, ..)| *id == option_id)
        .ok_or_else(|| MlError::bad_request("invalid option_id"))?;
    let text = if *id == "OTHER" {
        body.get("text").and_then(Value::as_str).unwrap_or("").trim().to_owned()
    } else if sim.site.lang == Lang::Pt {
        (*pt).to_owned()
    } else {
        (*es).to_owned()
    };
    if text.is_empty() {
        return Err(MlError::bad_request("text is required for OTHER"));
    }
    if text.chars().count() > SELLER_MAX_CHARS {
        return Err(MlError::bad_request(format!("text exceeds {SELLER_MAX_CHARS} characters")));
    }
    let now = sim.now();
    let mut world = sim.world();
    let thread =
        world.threads.get_mut(key).ok_or_else(|| MlError::not_found(format!("pack {key} not found")))?;
    if let Some(substatus) = &thread.blocked {
        return Err(blocked(substatus));
    }
    if thread.used_options.iter().any(|used| used == id) {
        return Err(MlError::forbidden(
            "option already used for this pack",
            vec![json!({ "code": "option_cap_exceeded", "message": format!("{id} was already sent") })],
        ));
    }
    thread.used_options.push((*id).to_owned());
    let to = thread.counterpart();
    let rendered = post_seller_message(&sim, &mut world, key, to, text, now);
    Ok((StatusCode::CREATED, Json(rendered)).into_response())
}
