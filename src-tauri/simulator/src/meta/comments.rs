//! The public doors: the shop's posts (Instagram media, the Page's feed) newest first, their
//! comments oldest first with replies and hidden flags, the shop's public replies and hiding.

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::GraphRequest;
use super::error::{GraphError, GraphResult};
use super::identity::Platform;
use super::paging::{decode_cursor, limit};
use super::render::{comment_json, post_json};
use super::store::{Comment, MetaStore};
use crate::records::CommentReply;
use crate::state::Shared;

const IG_REPLY_MAX_CHARS: usize = 2200;
const FB_REPLY_MAX_CHARS: usize = 8000;

fn seq_cursor(request: &GraphRequest) -> GraphResult<Option<u64>> {
    match request.params.str("after") {
        None => Ok(None),
        Some(cursor) => decode_cursor(&cursor)
            .and_then(|key| key.parse().ok())
            .map(Some)
            .ok_or_else(|| GraphError::invalid_param("(#100) Invalid cursor")),
    }
}

/// A page of items ordered by `seq` (already in the order to show), after the cursor's item.
fn page_by_seq<T>(
    request: &GraphRequest,
    items: Vec<(u64, T)>,
    ascending: bool,
    default: usize,
) -> GraphResult<(Vec<T>, Value)> {
    let limit = limit(request.params.i64("limit"), default, 100);
    let after = seq_cursor(request)?;
    let mut rest = items
        .into_iter()
        .filter(|(seq, _)| after.is_none_or(|after| if ascending { *seq > after } else { *seq < after }));
    let page: Vec<(u64, T)> = rest.by_ref().take(limit).collect();
    let more = rest.next().is_some();
    let first = page.first().map(|(seq, _)| seq.to_string());
    let last = page.last().map(|(seq, _)| seq.to_string());
    let paging = request.link().paging(first.as_deref(), last.as_deref(), more);
    Ok((page.into_iter().map(|(_, item)| item).collect(), paging))
}

/// `GET me/media` (Instagram) or `GET <page-id>/feed` (Facebook): newest first.
pub(crate) fn posts(sim: &Shared, request: &GraphRequest, platform: Platform) -> GraphResult<Response> {
    let fields = request.fields();
    let world = sim.world();
    let meta = &world.meta;
    let items: Vec<(u64, Value)> = meta
        .posts
        .iter()
        .rev()
        .filter(|post| post.platform == platform)
        .map(|post| {
            let mut json = post_json(meta, post);
            fields.filter(&mut json);
            (post.seq, json)
        })
        .collect();
    let (data, paging) = page_by_seq(request, items, false, 25)?;
    Ok(Json(json!({ "data": data, "paging": paging })).into_response())
}

pub(crate) fn post(sim: &Shared, request: &GraphRequest, id: &str) -> GraphResult<Response> {
    let world = sim.world();
    let post = world.meta.post(id).ok_or_else(|| GraphError::unknown_object(id, false))?;
    let mut json = post_json(&world.meta, post);
    request.fields().filter(&mut json);
    Ok(Json(json).into_response())
}

fn comments_page(request: &GraphRequest, meta: &MetaStore, ids: &[String]) -> GraphResult<Response> {
    let fields = request.fields();
    let newest_first = request.params.str("order").as_deref() == Some("reverse_chronological");
    let mut comments: Vec<&Comment> = ids.iter().filter_map(|id| meta.comments.get(id)).collect();
    if newest_first {
        comments.reverse();
    }
    let items: Vec<(u64, Value)> = comments
        .iter()
        .map(|comment| {
            let mut json = comment_json(meta, comment);
            fields.filter(&mut json);
            (comment.seq, json)
        })
        .collect();
    let (data, paging) = page_by_seq(request, items, !newest_first, 50)?;
    Ok(Json(json!({ "data": data, "paging": paging })).into_response())
}

/// `GET <media-id|post-id>/comments`: top-level comments oldest first (Facebook's
/// `order=reverse_chronological` turns it around), each with its replies.
pub(crate) fn list(sim: &Shared, request: &GraphRequest, post_id: &str) -> GraphResult<Response> {
    let world = sim.world();
    let post = world.meta.post(post_id).ok_or_else(|| GraphError::unknown_object(post_id, false))?;
    comments_page(request, &world.meta, &post.comments)
}

/// `GET <comment-id>/replies` (Instagram) or `GET <comment-id>/comments` (Facebook).
pub(crate) fn replies(sim: &Shared, request: &GraphRequest, comment_id: &str) -> GraphResult<Response> {
    let world = sim.world();
    let comment =
        world.meta.comments.get(comment_id).ok_or_else(|| GraphError::unknown_object(comment_id, false))?;
    comments_page(request, &world.meta, &comment.replies)
}

pub(crate) fn comment(sim: &Shared, request: &GraphRequest, id: &str) -> GraphResult<Response> {
    let world = sim.world();
    let comment = world.meta.comments.get(id).ok_or_else(|| GraphError::unknown_object(id, false))?;
    let mut json = comment_json(&world.meta, comment);
    request.fields().filter(&mut json);
    Ok(Json(json).into_response())
}

/// `POST <comment-id>/replies` (Instagram) or `POST <comment-id>/comments` (Facebook) with
/// `message`: the shop answers in public. A reply to a reply goes to its top-level comment.
pub(crate) fn reply(sim: &Shared, request: &GraphRequest, comment_id: &str) -> GraphResult<Response> {
    let text = request.params.str("message").unwrap_or_default();
    if text.trim().is_empty() {
        return Err(GraphError::invalid_param("(#100) The parameter message is required"));
    }
    let now = sim.now();
    let mut world = sim.world();
    let world = &mut *world;
    let meta = &mut world.meta;
    let comment =
        meta.comments.get(comment_id).ok_or_else(|| GraphError::unknown_object(comment_id, true))?;
    let platform = comment.platform;
    let max = if platform == Platform::Instagram { IG_REPLY_MAX_CHARS } else { FB_REPLY_MAX_CHARS };
    if text.chars().count() > max {
        return Err(GraphError::invalid_param(format!("(#100) The comment is longer than {max} characters")));
    }
    let post_id = comment.post_id.clone();
    let reply_id = meta
        .add_comment(&post_id, Some(comment_id), None, text.clone(), now)
        .ok_or_else(|| GraphError::unknown_object(comment_id, true))?;
    world.records.comment_replies.push(CommentReply {
        platform,
        comment_id: comment_id.to_owned(),
        reply_id: reply_id.clone(),
        text,
        at: now,
    });
    world.records.totals.comment_replies += 1;
    Ok(Json(json!({ "id": reply_id })).into_response())
}

/// `POST <comment-id>?hide=true` (Instagram) or `POST <comment-id>` with `is_hidden=true` (Facebook).
pub(crate) fn hide(sim: &Shared, request: &GraphRequest, comment_id: &str) -> GraphResult<Response> {
    let mut world = sim.world();
    let comment = world
        .meta
        .comments
        .get_mut(comment_id)
        .ok_or_else(|| GraphError::unknown_object(comment_id, true))?;
    let key = if comment.platform == Platform::Instagram { "hide" } else { "is_hidden" };
    let hidden = match request.params.str(key).as_deref() {
        Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        _ => return Err(GraphError::invalid_param(format!("(#100) The parameter {key} is required"))),
    };
    comment.hidden = hidden;
    Ok(Json(json!({ "success": true })).into_response())
}
