//! Who the token is (`me`), the Conversations API (the list newest first with cursors; one
//! conversation with its 20 most recent messages; both count against the rate limit) and the
//! buyer's profile. Reads never mark anything read.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::{GraphError, GraphResult};
use super::identity::Platform;
use super::paging::{decode_cursor, encode_cursor, limit};
use super::render::{conversation_summary, message_json, participants};
use super::tokens::ValidToken;
use super::{GraphRequest, count_conversations_call};
use crate::state::Shared;

/// Meta serves no more than this many messages of a conversation: older ones are out of reach.
pub(crate) const MESSAGES_WINDOW: usize = 20;

/// `GET graph.instagram.com/vNN.N/me`.
pub(crate) fn instagram_me(sim: &Shared, request: &GraphRequest) -> Response {
    let account = sim.meta_app().instagram;
    let mut me = json!({
        "id": account.app_scoped_id,
        "user_id": account.user_id,
        "username": account.username,
        "name": account.name,
        "account_type": account.account_type,
        "profile_picture_url": format!("https://scontent.cdninstagram.com/v/sim/{}.jpg", account.user_id),
    });
    request.fields().filter(&mut me);
    Json(me).into_response()
}

/// `GET graph.facebook.com/vNN.N/me`: the user behind a user token, or the Page behind a Page token.
pub(crate) fn facebook_me(sim: &Shared, request: &GraphRequest, caller: ValidToken) -> Response {
    let app = sim.meta_app();
    let mut me = if caller.kind.is_page() {
        json!({ "id": app.page.id, "name": app.page.name })
    } else {
        json!({ "id": app.facebook_user.id, "name": app.facebook_user.name })
    };
    request.fields().filter(&mut me);
    Json(me).into_response()
}

/// `GET graph.facebook.com/vNN.N/<page-id>`.
pub(crate) fn facebook_page(sim: &Shared, request: &GraphRequest) -> Response {
    let page = sim.meta_app().page;
    let mut body = json!({ "id": page.id, "name": page.name });
    request.fields().filter(&mut body);
    Json(body).into_response()
}

fn position(cursor: &str) -> GraphResult<(i64, u64)> {
    let key = decode_cursor(cursor).ok_or_else(|| GraphError::invalid_param("(#100) Invalid cursor"))?;
    let (updated, touch) =
        key.split_once(':').ok_or_else(|| GraphError::invalid_param("(#100) Invalid cursor"))?;
    match (updated.parse(), touch.parse()) {
        (Ok(updated), Ok(touch)) => Ok((updated, touch)),
        _ => Err(GraphError::invalid_param("(#100) Invalid cursor")),
    }
}

/// `GET …/conversations?platform=…&fields=id,updated_time&limit=25[&after=…]`.
pub(crate) fn list(sim: &Shared, request: &GraphRequest, platform: Platform) -> GraphResult<Response> {
    match request.params.str("platform") {
        None => {}
        Some(asked) if asked.eq_ignore_ascii_case(platform.as_str()) => {}
        Some(asked) => {
            return Err(GraphError::invalid_param(format!(
                "(#100) platform {asked} is not served here; this server has the {} inbox",
                platform.as_str()
            )));
        }
    }
    let fields = request.fields();
    if fields.has("messages") {
        return Err(GraphError::reduce_data());
    }
    count_conversations_call(sim, platform)?;
    let limit = limit(request.params.i64("limit"), 25, 100);
    let after = request.params.str("after").map(|cursor| position(&cursor)).transpose()?;
    let world = sim.world();
    let inbox = world.meta.inbox(platform);
    let (page, more) = inbox.page(after, limit);
    let data: Vec<Value> = page
        .iter()
        .map(|index| {
            let conversation = &inbox.conversations[*index];
            let mut item = conversation_summary(conversation);
            if fields.wants("participants") {
                item["participants"] = participants(&world.meta, conversation);
            }
            fields.filter(&mut item);
            item
        })
        .collect();
    let keys: Vec<String> = page.iter().map(|index| inbox.conversations[*index].order_key()).collect();
    let paging =
        request.link().paging(keys.first().map(String::as_str), keys.last().map(String::as_str), more);
    Ok(Json(json!({ "data": data, "paging": paging })).into_response())
}

/// `GET /vNN.N/<conversation-id>?fields=participants,messages.limit(20){…}`: newest first, at
/// most 20.
pub(crate) fn read(
    sim: &Shared,
    request: &GraphRequest,
    id: &str,
    platform: Platform,
) -> GraphResult<Response> {
    count_conversations_call(sim, platform)?;
    let fields = request.fields();
    let world = sim.world();
    let meta = &world.meta;
    let inbox = meta.inbox(platform);
    let conversation = inbox.index_of(id).map(|index| &inbox.conversations[index]);
    let conversation = conversation.ok_or_else(|| GraphError::unknown_object(id, false))?;
    let mut body = conversation_summary(conversation);
    if fields.wants("participants") {
        body["participants"] = participants(meta, conversation);
    }
    if fields.wants("messages") {
        let asked = fields.get("messages").and_then(|field| field.limit).unwrap_or(MESSAGES_WINDOW);
        let shown: Vec<_> =
            conversation.messages.iter().rev().take(asked.clamp(1, MESSAGES_WINDOW)).collect();
        let data: Vec<Value> =
            shown.iter().map(|message| message_json(meta, conversation, message)).collect();
        let paging = match (shown.first(), shown.last()) {
            (Some(first), Some(last)) => {
                json!({ "cursors": { "before": encode_cursor(&first.id), "after": encode_cursor(&last.id) } })
            }
            _ => json!({ "cursors": {} }),
        };
        body["messages"] = json!({ "data": data, "paging": paging });
    }
    fields.filter(&mut body);
    Ok(Json(body).into_response())
}

/// `GET /vNN.N/<IGSID|PSID>?fields=name,username`: the buyer's names.
pub(crate) fn profile(
    sim: &Shared,
    request: &GraphRequest,
    id: &str,
    platform: Platform,
) -> GraphResult<Response> {
    let world = sim.world();
    let buyer =
        world.meta.inbox(platform).buyers.get(id).ok_or_else(|| GraphError::unknown_object(id, false))?;
    let mut body = match platform {
        Platform::Instagram => json!({ "id": id, "name": buyer.name(), "username": buyer.username }),
        Platform::Messenger => json!({
            "id": id,
            "name": buyer.name(),
            "first_name": buyer.first_name,
            "last_name": buyer.last_name,
        }),
    };
    request.fields().filter(&mut body);
    Ok(Json(body).into_response())
}
