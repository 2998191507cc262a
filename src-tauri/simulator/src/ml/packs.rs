//! Post-sale conversations, one per pack (or per order when the order has no pack): unread
//! counts, reading with or without `mark_as_read=false`, the seller's 350-character messages
//! through moderation, blocked conversations, and the messaging agent of some Brazilian packs.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use super::moderation::moderate;
use super::threads::{PackMessage, Thread, new_message_id};
use crate::activity::generator::FollowUp;
use crate::params::{Params, lenient_i64};
use crate::records::ReceivedMessage;
use crate::state::{Shared, World};

pub(crate) const SELLER_MAX_CHARS: usize = 350;
const BUYER_MAX_CHARS: usize = 3500;

fn user(id: i64, as_string: bool) -> Value {
    if as_string { json!({ "user_id": id.to_string() }) } else { json!({ "user_id": id }) }
}

fn message_json(sim: &Shared, key: i64, message: &PackMessage, first: bool) -> Value {
    let created = sim.ml_date(message.created);
    let from_seller = message.from == sim.app.seller_id;
    json!({
        "id": message.id,
        "site_id": sim.site.id,
        "client_id": if from_seller { json!(sim.app.client_id.parse::<i64>().unwrap_or(0)) } else { Value::Null },
        "from": user(message.from, message.ids_as_strings),
        "to": user(message.to, message.ids_as_strings),
        "status": message.status,
        "subject": null,
        "text": message.text,
        "message_date": {
            "received": created,
            "available": created,
            "notified": created,
            "created": created,
            "read": message.read.map(|at| sim.ml_date(at)),
        },
        "message_moderation": {
            "status": if message.status == "available" { "clean" } else { message.status },
            "reason": message.moderation_reason,
            "source": "online",
            "moderation_date": created,
        },
        "message_attachments": [],
        "message_resources": [
            { "id": key.to_string(), "name": "packs" },
            { "id": sim.app.seller_id.to_string(), "name": "sellers" },
        ],
        "conversation_first_message": first,
    })
}

fn conversation_status(sim: &Shared, thread: &Thread) -> Value {
    json!({
        "path": format!("/packs/{}/seller/{}", thread.key, sim.app.seller_id),
        "status": if thread.blocked.is_some() { "blocked" } else { "active" },
        "substatus": thread.blocked,
        "status_date": sim.ml_date(thread.status_date),
        "status_update_allowed": false,
        "claim_id": null,
        "shipping_id": thread.shipping_id,
    })
}

pub(super) fn require_post_sale_tag(query: &HashMap<String, String>) -> MlResult<()> {
    match query.get("tag").map(String::as_str) {
        Some("post_sale") => Ok(()),
        Some(other) => Err(MlError::bad_request(format!("invalid tag {other}"))),
        None => Err(MlError::bad_request("tag is required")),
    }
}

/// The pack path's ids, and the `tag=post_sale` the messages API insists on.
pub(super) fn path_ids(
    sim: &Shared,
    pack: &str,
    seller: &str,
    query: &HashMap<String, String>,
) -> MlResult<i64> {
    require_post_sale_tag(query)?;
    let seller: i64 = seller.parse().map_err(|_| MlError::bad_request("invalid seller id"))?;
    if seller != sim.app.seller_id {
        return Err(MlError::forbidden("the caller is not the seller of this pack", Vec::new()));
    }
    pack.parse().map_err(|_| MlError::not_found("pack not found"))
}

/// `GET /messages/unread?role=seller&tag=post_sale`.
pub(crate) async fn unread(
    State(sim): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    match query.get("role").map(String::as_str) {
        Some("seller") | Some("buyer") => {}
        Some(_) => return Err(MlError::bad_request("invalid role")),
        None => return Err(MlError::bad_request("role is required")),
    }
    let world = sim.world();
    let results: Vec<Value> = world
        .threads
        .unread()
        .map(|thread| {
            json!({ "resource": format!("/packs/{}/sellers/{}", thread.key, sim.app.seller_id), "count": thread.unread })
        })
        .collect();
    Ok(Json(json!({ "user_id": sim.app.seller_id, "results": results })))
}

/// `GET /messages/packs/<pack>/sellers/<seller>?tag=post_sale[&mark_as_read=false][&limit][&offset]`:
/// newest first; without `mark_as_read=false` the page's unread buyer messages become read.
pub(crate) async fn read(
    State(sim): State<Arc<Shared>>,
    Path((pack, seller)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let key = path_ids(&sim, &pack, &seller, &query)?;
    let params = Params::from_query(&query);
    let limit = params.i64("limit").unwrap_or(10).clamp(1, 100) as usize;
    let offset = params.i64("offset").unwrap_or(0).max(0) as usize;
    let mark = params.str("mark_as_read").is_none_or(|value| value != "false");
    let now = sim.now();
    let mut world = sim.world();
    let thread = world.threads.get(key).ok_or_else(|| MlError::not_found(format!("pack {key} not found")))?;
    let total = thread.messages.len();
    let page: Vec<&PackMessage> = thread.messages.iter().rev().skip(offset).take(limit).collect();
    let page_range = total.saturating_sub(offset + limit)..total.saturating_sub(offset);
    let first_id = thread.messages.first().map(|m| m.id.clone());
    let body = json!({
        "paging": { "limit": limit, "offset": offset, "total": total },
        "conversation_status": conversation_status(&sim, thread),
        "messages": page.iter().map(|m| message_json(&sim, key, m, Some(&m.id) == first_id.as_ref())).collect::<Vec<_>>(),
        "seller_max_message_length": SELLER_MAX_CHARS,
        "buyer_max_message_length": BUYER_MAX_CHARS,
    });
    if mark {
        world.threads.mark_read(key, page_range, sim.app.seller_id, now);
    }
    Ok(Json(body))
}

/// `POST /messages/packs/<pack>/sellers/<seller>?tag=post_sale {"from":{"user_id"},"to":{"user_id"},"text"}`.
pub(crate) async fn send(
    State(sim): State<Arc<Shared>>,
    Path((pack, seller)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    body: Bytes,
) -> MlResult<Response> {
    let key = path_ids(&sim, &pack, &seller, &query)?;
    let body: Value = serde_json::from_slice(&body).map_err(|_| MlError::bad_request("body must be JSON"))?;
    let text = body.get("text").and_then(Value::as_str).unwrap_or("").trim().to_owned();
    let from = body.pointer("/from/user_id").and_then(lenient_i64);
    let to = body.pointer("/to/user_id").and_then(lenient_i64);
    if text.is_empty() {
        return Err(MlError::bad_request("text is required"));
    }
    if text.chars().count() > SELLER_MAX_CHARS {
        return Err(MlError::bad_request(format!("text exceeds {SELLER_MAX_CHARS} characters")));
    }
    if from != Some(sim.app.seller_id) {
        return Err(MlError::bad_request("from.user_id must be the seller"));
    }
    let now = sim.now();
    let mut world = sim.world();
    let thread = world.threads.get(key).ok_or_else(|| MlError::not_found(format!("pack {key} not found")))?;
    if let Some(substatus) = &thread.blocked {
        return Err(blocked(substatus));
    }
    // Post-sale, the seller only replies: opening a conversation takes an action-guide reason.
    if !thread.messages.iter().any(|message| message.from != sim.app.seller_id) {
        return Err(MlError::forbidden(
            "The seller cannot start the conversation; use a reason from the action guide",
            vec![
                json!({ "code": "conversation_not_started_by_buyer", "message": "Only the buyer can start the conversation" }),
            ],
        ));
    }
    if to != Some(thread.counterpart()) {
        let expected = if thread.agent_id.is_some() {
            "the messaging agent of this pack"
        } else {
            "the buyer of this pack"
        };
        return Err(MlError::bad_request(format!("to.user_id must be {expected}")));
    }
    let to = to.unwrap_or_default();
    let rendered = post_seller_message(&sim, &mut world, key, to, text, now);
    Ok((StatusCode::CREATED, Json(rendered)).into_response())
}

pub(super) fn blocked(substatus: &str) -> MlError {
    MlError::forbidden(
        "blocked_conversation_send_message_forbidden",
        vec![json!({ "code": substatus, "message": format!("The conversation is blocked: {substatus}") })],
    )
}

/// Stores a seller message after moderation, records it, and returns it as the API shows it.
pub(super) fn post_seller_message(
    sim: &Shared,
    world: &mut World,
    key: i64,
    to: i64,
    text: String,
    now: i64,
) -> Value {
    let verdict = moderate(&text);
    let id = new_message_id(world);
    let message = PackMessage {
        id: id.clone(),
        from: sim.app.seller_id,
        to,
        text: text.clone(),
        status: verdict.map_or("available", |v| v.status),
        moderation_reason: verdict.map(|v| v.reason),
        created: now,
        read: None,
        ids_as_strings: false,
    };
    let rendered = message_json(sim, key, &message, false);
    if let Some(thread) = world.threads.get_mut(key) {
        thread.messages.push(message);
    }
    world.records.post_sale.push(ReceivedMessage {
        pack_id: key,
        message_id: id,
        text,
        status: verdict.map_or("available", |v| v.status).to_owned(),
        moderation_reason: verdict.map(|v| v.reason.to_owned()),
        at: now,
    });
    world.records.totals.post_sale_sent += 1;
    if verdict.is_none() {
        world.follow_ups.push(FollowUp::Pack(key));
    }
    rendered
}
