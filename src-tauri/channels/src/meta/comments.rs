//! Comments on the shop's posts as conversations: one per comment a buyer started ("comment:<post
//! id>:<comment id>"), with its replies; the post is its subject and its link. The newest posts are
//! listed every few minutes; a post's comments are read when its count moved (Instagram) or each
//! time (a Facebook Page's feed gives no count). A comment that is no longer there was deleted.

use std::collections::{HashMap, HashSet};

use mostrador_core::accounts::{ConversationUpdate, SyncBatch};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus};
use serde_json::Value;

use super::graph::Counted;
use super::{Meta, Platform, facts};
use crate::sync::context::{Ctx, blocking};
use crate::{ChannelError, lenient};

/// Pages of one post's comments read at most (a post with thousands of comments is a giveaway,
/// not a conversation to follow one by one).
const MAX_COMMENT_PAGES: u32 = 20;

/// What was learnt about the posts in this run.
#[derive(Debug, Default)]
pub(crate) struct Seen {
    /// Comment count of each post when its comments were last read.
    counts: HashMap<String, i64>,
    /// When the posts were last listed.
    pub(crate) listed_at: Option<i64>,
}

/// A post as the comments need it.
struct Post {
    id: String,
    caption: Option<String>,
    link: Option<String>,
    count: Option<i64>,
}

pub(crate) async fn poll(meta: &mut Meta, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    let now = ctx.now();
    if meta.seen.listed_at.is_some_and(|at| now - at < facts::COMMENTS_EVERY_SECS) {
        return Ok(());
    }
    let posts = match list_posts(meta).await {
        Ok(posts) => posts,
        // The seller's app was not granted the comments permission: direct messages still sync.
        Err(ChannelError::PermissionMissing(_)) => {
            meta.seen.listed_at = Some(now);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    for post in posts {
        if post.count.is_some() && meta.seen.counts.get(&post.id) == post.count.as_ref() {
            continue;
        }
        let (comments, complete) = read_comments(meta, &post.id).await?;
        let mut batch = SyncBatch::default();
        let returned = add_post(meta, ctx, &post, &comments, &mut batch);
        if complete {
            batch.deleted_messages = deleted(ctx, &post.id, &returned).await?;
        }
        ctx.commit(batch).await?;
        if let Some(count) = post.count {
            meta.seen.counts.insert(post.id.clone(), count);
        }
    }
    meta.seen.listed_at = Some(now);
    Ok(())
}

async fn list_posts(meta: &mut Meta) -> Result<Vec<Post>, ChannelError> {
    let limit = facts::POSTS_READ.to_string();
    let page = match meta.platform {
        Platform::Instagram => {
            let fields = "id,caption,permalink,media_type,timestamp,comments_count".to_owned();
            let path = format!("{}/media", meta.owner);
            meta.graph.get(&path, &[("fields", fields), ("limit", limit)], Counted::No).await?
        }
        Platform::Messenger => {
            let fields = "id,message,permalink_url,created_time".to_owned();
            let path = format!("{}/feed", meta.owner);
            meta.graph.get(&path, &[("fields", fields), ("limit", limit)], Counted::No).await?
        }
    };
    Ok(lenient::list(&page, "data")
        .iter()
        .filter_map(|post| {
            Some(Post {
                id: lenient::id(post, "id")?,
                caption: lenient::non_empty(post, "caption")
                    .or_else(|| lenient::non_empty(post, "message"))
                    .map(first_line),
                link: lenient::non_empty(post, "permalink")
                    .or_else(|| lenient::non_empty(post, "permalink_url"))
                    .map(str::to_owned),
                count: lenient::int(post, "comments_count"),
            })
        })
        .collect())
}

/// A caption's first line, at most 80 characters: the conversation's subject.
fn first_line(caption: &str) -> String {
    let line = caption.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if line.chars().count() <= 80 {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(79).collect();
    cut.push('…');
    cut
}

/// Every comment of a post with its replies, and whether all pages were read.
async fn read_comments(meta: &mut Meta, post_id: &str) -> Result<(Vec<Value>, bool), ChannelError> {
    let path = format!("{post_id}/comments");
    let (fields, order) = match meta.platform {
        Platform::Instagram => {
            ("id,text,timestamp,username,from,hidden,replies{id,text,timestamp,username,from,hidden}", None)
        }
        Platform::Messenger => (
            "id,message,created_time,from,is_hidden,comments{id,message,created_time,from,is_hidden}",
            Some("chronological"),
        ),
    };
    let mut query = vec![("fields", fields.to_owned()), ("limit", facts::COMMENTS_PAGE.to_string())];
    if let Some(order) = order {
        query.push(("order", order.to_owned()));
    }
    let mut page = meta.graph.get(&path, &query, Counted::No).await?;
    let mut comments = Vec::new();
    for _ in 0..MAX_COMMENT_PAGES {
        comments.extend(lenient::list(&page, "data").iter().cloned());
        match lenient::non_empty(&page, "paging/next").map(str::to_owned) {
            Some(next) => page = meta.graph.get_next(&next, Counted::No).await?,
            None => return Ok((comments, true)),
        }
    }
    Ok((comments, false))
}

/// The conversation reference of a comment thread.
pub(crate) fn reference(post_id: &str, comment_id: &str) -> String {
    format!("comment:{post_id}:{comment_id}")
}

/// The comment a reply goes under, from a reference made by [`reference`].
pub(crate) fn comment_of(reference: &str) -> Option<(&str, &str)> {
    let (post, comment) = reference.strip_prefix("comment:")?.split_once(':')?;
    (!post.is_empty() && !comment.is_empty()).then_some((post, comment))
}

/// Adds a post's comment threads to the batch; returns the ids of every comment read.
fn add_post(
    meta: &Meta,
    ctx: &Ctx<'_>,
    post: &Post,
    comments: &[Value],
    batch: &mut SyncBatch,
) -> HashSet<String> {
    let mut returned = HashSet::new();
    for comment in comments {
        let Some(comment_id) = lenient::id(comment, "id") else { continue };
        let replies = match meta.platform {
            Platform::Instagram => lenient::list(comment, "replies/data"),
            Platform::Messenger => lenient::list(comment, "comments/data"),
        };
        returned.insert(comment_id.clone());
        returned.extend(replies.iter().filter_map(|r| lenient::id(r, "id")));
        let Some(buyer) = author(comment) else { continue };
        // The shop's own comment on its post is an announcement, not a buyer's door.
        if buyer.external_id == meta.shop_id {
            continue;
        }
        let thread = reference(&post.id, &comment_id);
        let written_at = lenient::time(comment, "timestamp")
            .or_else(|| lenient::time(comment, "created_time"))
            .unwrap_or_else(|| ctx.now());
        for item in std::iter::once(comment).chain(replies.iter()) {
            let Some(id) = lenient::id(item, "id") else { continue };
            let Some(person) = author(item) else { continue };
            let incoming = person.external_id != meta.shop_id;
            let hidden = lenient::boolean(item, "hidden") == Some(true)
                || lenient::boolean(item, "is_hidden") == Some(true);
            batch.messages.push(IngestMessage {
                account_id: ctx.account_id(),
                conversation: ConversationRef {
                    external_ref: thread.clone(),
                    kind: ConversationKind::Comment,
                    subject: post.caption.clone(),
                },
                buyer: buyer.clone(),
                external_id: format!("comment:{id}"),
                direction: if incoming { Direction::Incoming } else { Direction::Outgoing },
                author: if incoming { person.display_name.clone() } else { meta.shop_name.clone() },
                text: lenient::text(item, "text")
                    .or_else(|| lenient::text(item, "message"))
                    .unwrap_or_default()
                    .to_owned(),
                sent_at: lenient::time(item, "timestamp")
                    .or_else(|| lenient::time(item, "created_time"))
                    .unwrap_or(written_at),
                // Hidden by the shop: shown as such, kept.
                status: match (incoming, hidden) {
                    (_, true) => MessageStatus::Moderated,
                    (true, false) => MessageStatus::Received,
                    (false, false) => MessageStatus::Sent,
                },
                attachments: Vec::new(),
            });
        }
        batch.conversations.push(ConversationUpdate {
            external_ref: thread,
            kind: ConversationKind::Comment,
            subject: post.caption.clone(),
            blocked_reason: None,
            reply_until: None,
            listing_ref: post.link.clone(),
            private_reply_until: Some(written_at + facts::PRIVATE_REPLY_WINDOW_SECS),
            older_history_unavailable: false,
        });
    }
    returned
}

/// Who wrote a comment: Instagram gives `username` and `from{id,username}`, Facebook `from{id,name}`.
fn author(comment: &Value) -> Option<BuyerIdentityInput> {
    let username =
        lenient::non_empty(comment, "username").or_else(|| lenient::non_empty(comment, "from/username"));
    let id = lenient::id(comment, "from/id").or_else(|| username.map(|u| format!("username:{u}")))?;
    let name = lenient::non_empty(comment, "from/name");
    Some(BuyerIdentityInput {
        display_name: name.or(username).unwrap_or(&id).to_owned(),
        handle: username.map(|u| format!("@{u}")),
        external_id: id,
        phone: None,
        email: None,
    })
}

/// Comments of the post stored before and no longer on it: deleted (by the buyer or the shop).
async fn deleted(
    ctx: &Ctx<'_>,
    post_id: &str,
    returned: &HashSet<String>,
) -> Result<Vec<String>, ChannelError> {
    let account_id = ctx.account_id();
    let prefix = format!("comment:{post_id}:");
    let stored = blocking(ctx.core, move |core| core.message_ids_in(account_id, &prefix)).await?;
    Ok(stored
        .into_iter()
        .filter(|id| id.strip_prefix("comment:").is_some_and(|comment| !returned.contains(comment)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_references_and_subjects() {
        assert_eq!(reference("1790", "1780"), "comment:1790:1780");
        assert_eq!(comment_of("comment:1790:1780"), Some(("1790", "1780")));
        assert_eq!(comment_of("ig:1:2"), None);
        assert_eq!(first_line("\n  Taza azul 🌊\nHecha a mano"), "Taza azul 🌊");
        assert_eq!(first_line(&"a".repeat(100)).chars().count(), 80);
    }
}
