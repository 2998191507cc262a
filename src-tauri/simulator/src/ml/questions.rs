//! Pre-sale questions: search (api_version 4, newest first, offset paging up to 1000 then
//! `search_type=scan`), one question, and `POST /answers` (public, once, ≤ 2000 characters).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use super::question_store::{Answer, Question, QuestionStatus};
use crate::activity::generator::FollowUp;
use crate::params::{Params, lenient_i64};
use crate::records::ReceivedAnswer;
use crate::state::Shared;

pub(crate) const ANSWER_MAX_CHARS: usize = 2000;
const OFFSET_LIMIT: usize = 1000;

pub(crate) fn question_json(sim: &Shared, question: &Question) -> Value {
    let hidden = question.status == QuestionStatus::Banned;
    // Some payloads carry user ids as strings: clients must parse leniently.
    let from_id = if question.id % 5 == 0 { json!(question.from.to_string()) } else { json!(question.from) };
    json!({
        "id": question.id,
        "seller_id": sim.app.seller_id,
        "item_id": question.item_id,
        "status": question.status.as_str(),
        "text": if hidden { "" } else { question.text.as_str() },
        "tags": [],
        "date_created": sim.ml_date(question.created),
        "hold": question.hold,
        "suspected_spam": false,
        "deleted_from_listing": question.deleted_from_listing,
        "answer": question.answer.as_ref().map(|answer| json!({
            "text": if hidden { "" } else { answer.text.as_str() },
            "status": if hidden { "BANNED" } else { "ACTIVE" },
            "date_created": sim.ml_date(answer.created),
        })),
        "from": { "id": from_id },
    })
}

/// `GET /questions/search?seller_id&api_version=4[&status][&item][&limit][&offset][&sort_fields&sort_types]
/// [&search_type=scan[&scroll_id]]`.
pub(crate) async fn search(
    State(sim): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let params = Params::from_query(&query);
    if params.str("api_version").as_deref() != Some("4") {
        return Err(MlError::bad_request("this simulator serves api_version=4 only"));
    }
    match (params.i64("seller_id"), params.str("item")) {
        (Some(seller), _) if seller != sim.app.seller_id => {
            return Err(MlError::forbidden("the caller is not the seller", Vec::new()));
        }
        (None, None) => return Err(MlError::bad_request("seller_id or item is required")),
        _ => {}
    }
    let status = match params.str("status") {
        Some(text) => Some(
            QuestionStatus::parse(&text)
                .ok_or_else(|| MlError::bad_request(format!("invalid status {text}")))?,
        ),
        None => None,
    };
    let limit = params.i64("limit").unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(MlError::bad_request("limit must be between 1 and 100"));
    }
    let limit = limit as usize;
    let offset = params.i64("offset").unwrap_or(0).max(0) as usize;
    let newest_first = match (params.str("sort_fields"), params.str("sort_types")) {
        (Some(field), _) if field != "date_created" => {
            return Err(MlError::bad_request("sort_fields supports date_created only"));
        }
        (_, Some(order)) => !order.eq_ignore_ascii_case("ASC"),
        _ => true,
    };
    let scan = params.str("search_type").as_deref() == Some("scan");
    if !scan && offset >= OFFSET_LIMIT {
        return Err(MlError::bad_request(
            "offset must be lower than 1000; use search_type=scan for more results",
        ));
    }
    let cursor = match params.str("scroll_id") {
        Some(scroll) if scan => {
            Some(decode_scroll(&scroll).ok_or_else(|| MlError::bad_request("invalid scroll_id"))?)
        }
        _ => None,
    };
    let item = params.str("item");
    let world = sim.world();
    let (total, ids) = world.questions.ids(status, item.as_deref(), newest_first, cursor);
    let skip = if scan { 0 } else { offset };
    let page: Vec<&Question> = ids.skip(skip).take(limit).filter_map(|id| world.questions.get(id)).collect();
    let questions: Vec<Value> = page.iter().map(|question| question_json(&sim, question)).collect();
    let mut body = json!({
        "total": total,
        "limit": limit,
        "questions": questions,
        "filters": {
            "limit": limit,
            "offset": skip,
            "api_version": "4",
            "is_admin": false,
            "sorts": [],
            "caller": sim.app.seller_id,
            "seller": sim.app.seller_id.to_string(),
            "status": status.map(QuestionStatus::as_str),
        },
        "available_filters": [],
        "available_sorts": ["date_created"],
    });
    if scan {
        let last = page.last().map(|question| question.id).or(cursor);
        body["scroll_id"] = json!(last.map(encode_scroll));
    }
    Ok(Json(body))
}

fn encode_scroll(last_id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("questions-scan:{last_id}"))
}

fn decode_scroll(scroll: &str) -> Option<i64> {
    let bytes = URL_SAFE_NO_PAD.decode(scroll).ok()?;
    String::from_utf8(bytes).ok()?.strip_prefix("questions-scan:")?.parse().ok()
}

/// `GET /questions/<id>`.
pub(crate) async fn one(State(sim): State<Arc<Shared>>, Path(id): Path<String>) -> MlResult<Json<Value>> {
    let id: i64 = id.parse().map_err(|_| MlError::not_found("Question not found"))?;
    let world = sim.world();
    let question =
        world.questions.get(id).ok_or_else(|| MlError::not_found(format!("Question {id} not found")))?;
    Ok(Json(question_json(&sim, question)))
}

/// `POST /answers {"question_id", "text"}`: public and final; answering twice is refused.
pub(crate) async fn answer(State(sim): State<Arc<Shared>>, body: Bytes) -> MlResult<Json<Value>> {
    let body: Value = serde_json::from_slice(&body).map_err(|_| MlError::bad_request("body must be JSON"))?;
    let question_id = body
        .get("question_id")
        .and_then(lenient_i64)
        .ok_or_else(|| MlError::bad_request("question_id is required"))?;
    let text = body.get("text").and_then(Value::as_str).unwrap_or("").trim().to_owned();
    if text.is_empty() {
        return Err(MlError::bad_request("text is required"));
    }
    if text.chars().count() > ANSWER_MAX_CHARS {
        return Err(MlError::bad_request(format!("text exceeds {ANSWER_MAX_CHARS} characters")));
    }
    let now = sim.now();
    let mut world = sim.world();
    let status = world
        .questions
        .get(question_id)
        .map(|q| q.status)
        .ok_or_else(|| MlError::not_found(format!("Question {question_id} not found")))?;
    if status != QuestionStatus::Unanswered {
        return Err(MlError::bad_request(format!(
            "Question {question_id} is not unanswered: {}",
            status.as_str()
        )));
    }
    let question = world.questions.set_status(question_id, QuestionStatus::Answered).expect("checked above");
    question.answer = Some(Answer { text: text.clone(), created: now });
    let rendered = question_json(&sim, question);
    world.records.answers.push(ReceivedAnswer { question_id, text, at: now });
    world.records.totals.answers_received += 1;
    world.follow_ups.push(FollowUp::Question(question_id));
    Ok(Json(rendered))
}
