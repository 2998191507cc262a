//! Sending: `POST …/messages` with `{"recipient":{"id"}}` (a DM, within 24 h of the buyer's last
//! message, 7 days with the HUMAN_AGENT tag when the app has that feature) or
//! `{"recipient":{"comment_id"}}` (a private reply: once per comment, within 7 days of it).
//! Text up to 1000 bytes of UTF-8. The sent message then shows in the conversation.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::{GraphError, GraphResult};
use super::identity::Platform;
use super::store::DirectMessage;
use super::{GraphRequest, count_conversations_call};
use crate::activity::generator::FollowUp;
use crate::records::MetaSent;
use crate::state::Shared;

pub(crate) const MAX_TEXT_BYTES: usize = 1000;
pub(crate) const WINDOW_SECS: i64 = 24 * 3600;
pub(crate) const HUMAN_AGENT_WINDOW_SECS: i64 = 7 * 24 * 3600;
pub(crate) const PRIVATE_REPLY_SECS: i64 = 7 * 24 * 3600;
pub(crate) const HUMAN_AGENT: &str = "HUMAN_AGENT";

fn text_of(request: &GraphRequest) -> GraphResult<String> {
    let message = request.object("message").unwrap_or(Value::Null);
    let text = message.get("text").and_then(Value::as_str).unwrap_or_default();
    if text.trim().is_empty() {
        return Err(GraphError::invalid_param("(#100) param message must be non-empty."));
    }
    if text.len() > MAX_TEXT_BYTES {
        return Err(GraphError::text_too_long());
    }
    Ok(text.to_owned())
}

pub(crate) fn send(sim: &Shared, request: &GraphRequest, platform: Platform) -> GraphResult<Response> {
    count_conversations_call(sim, platform)?;
    let recipient = request.object("recipient").unwrap_or(Value::Null);
    let text = text_of(request)?;
    let tag = request.params.str("tag").filter(|tag| !tag.is_empty());
    let messaging_type = request.params.str("messaging_type");
    let now = sim.now();
    let mut world = sim.world();
    let world = &mut *world;
    let meta = &mut world.meta;
    if let Some(tag) = &tag {
        if tag != HUMAN_AGENT {
            return Err(GraphError::invalid_param(format!(
                "(#100) Param tag must be one of {{{HUMAN_AGENT}}}"
            )));
        }
        if !meta.app.human_agent {
            return Err(GraphError::human_agent_unavailable());
        }
    }
    let comment_id = recipient.get("comment_id").and_then(id_text);
    let (index, comment_id) = match (comment_id, recipient.get("id").and_then(id_text)) {
        (Some(comment_id), _) => {
            let comment = meta.comments.get(&comment_id).filter(|comment| comment.platform == platform);
            let comment = comment.ok_or_else(|| GraphError::unknown_object(&comment_id, true))?;
            let author = comment.author.clone().ok_or_else(GraphError::private_reply_refused)?;
            if comment.privately_replied || now - comment.created > PRIVATE_REPLY_SECS {
                return Err(GraphError::private_reply_refused());
            }
            if let Some(comment) = meta.comments.get_mut(&comment_id) {
                comment.privately_replied = true;
            }
            (meta.conversation_for(platform, &author), Some(comment_id))
        }
        (None, Some(buyer_id)) => {
            let inbox = meta.inbox(platform);
            let index = inbox.conversation_of_buyer(&buyer_id).ok_or_else(GraphError::no_matching_user)?;
            let window = if tag.is_some() { HUMAN_AGENT_WINDOW_SECS } else { WINDOW_SECS };
            let last = inbox.conversations[index].last_buyer_at;
            if last.is_none_or(|at| now - at > window) {
                return Err(GraphError::outside_window());
            }
            (index, None)
        }
        (None, None) => return Err(GraphError::invalid_param("(#100) param recipient must be non-empty.")),
    };
    let message_id = meta.new_message_id(platform);
    let message = DirectMessage {
        id: message_id.clone(),
        created: now,
        from_shop: true,
        text: text.clone(),
        ..DirectMessage::default()
    };
    meta.push_message(platform, index, message);
    let conversation = &meta.inbox(platform).conversations[index];
    let recipient_id = conversation.buyer_id.clone();
    let sent = MetaSent {
        recipient_id: recipient_id.clone(),
        comment_id,
        conversation_id: conversation.id.clone(),
        message_id: message_id.clone(),
        text,
        messaging_type,
        tag,
        at: now,
    };
    match platform {
        Platform::Instagram => {
            world.records.instagram_sent.push(sent);
            world.records.totals.instagram_sent += 1;
        }
        Platform::Messenger => {
            world.records.messenger_sent.push(sent);
            world.records.totals.messenger_sent += 1;
        }
    }
    world.follow_ups.push(FollowUp::Meta(platform, index));
    Ok(Json(json!({ "recipient_id": recipient_id, "message_id": message_id })).into_response())
}

/// Ids come as strings, sometimes as numbers.
fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.trim().is_empty() => Some(text.trim().to_owned()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}
