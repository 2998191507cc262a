//! Direct conversations (Instagram Direct, Messenger) read through the Conversations API.
//!
//! Only conversations whose `updated_time` moved are read. The list is walked newest first down to
//! the last one seen (the `conversations` cursor); what changed joins a backlog (the `backlog`
//! cursor), committed with the cursor before any conversation is read, so a crash loses nothing.
//! The backlog is read newest first — a seller waking up to a first sync of two thousand
//! conversations sees today's buyers first — and each conversation read leaves it in the same
//! commit as its messages. Meta gives the 20 most recent messages of a conversation, never older
//! ones: a conversation with more says its beginning is not here.

use std::collections::HashSet;

use mostrador_core::accounts::{ConversationUpdate, CursorUpdate, MessageReactions, SyncBatch};
use mostrador_core::conversations::{AttachmentInput, AttachmentKind};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::graph::Counted;
use super::{Meta, facts};
use crate::sync::context::Ctx;
use crate::{ChannelError, lenient};

/// Where the list was read down to: the newest `updated_time` committed, and the conversations
/// that had exactly that time (another one may still arrive with the same second).
const LIST_STREAM: &str = "conversations";
/// Conversations that changed and are still to be read, newest first.
const BACKLOG_STREAM: &str = "backlog";
/// Pages of the list walked in one round at most (2,500 conversations).
const MAX_LIST_PAGES: u32 = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct ListCursor {
    since: i64,
    at_since: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Pending {
    pub id: String,
    pub updated: i64,
}

pub(crate) async fn poll(meta: &mut Meta, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    let list: ListCursor =
        ctx.cursor(LIST_STREAM).await?.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default();
    let mut backlog: Vec<Pending> =
        ctx.cursor(BACKLOG_STREAM).await?.and_then(|c| serde_json::from_str(&c).ok()).unwrap_or_default();

    let (changed, newest) = changed_since(meta, &list).await?;
    if !changed.is_empty() {
        let known: HashSet<String> = changed.iter().map(|p| p.id.clone()).collect();
        backlog.retain(|p| !known.contains(&p.id));
        backlog.extend(changed);
        backlog.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
        let mut batch = SyncBatch::default();
        batch.cursors.push(cursor(LIST_STREAM, &newest));
        batch.cursors.push(cursor(BACKLOG_STREAM, &backlog));
        ctx.commit(batch).await?;
    }

    // The engine reads a slice per round so queued replies go out between slices; a one-shot sync
    // (the CLI, tests) reads everything.
    let budget = if ctx.interrupt.is_some() { facts::CONVERSATIONS_PER_ROUND } else { usize::MAX };
    let mut read = 0;
    let mut batch = SyncBatch::default();
    let mut in_batch = 0;
    while read < budget && !backlog.is_empty() {
        let pending = backlog.remove(0);
        let result = read_conversation(meta, ctx, &pending.id, &mut batch).await;
        match result {
            Ok(()) => {}
            // Gone since it was listed (deleted by the buyer): nothing left to read.
            Err(ChannelError::Rejected { status: 400 | 404, ref detail }) if detail.contains("(100") => {}
            Err(e) => {
                // What was read so far is kept; this one goes back to the front.
                backlog.insert(0, pending);
                batch.cursors.push(cursor(BACKLOG_STREAM, &backlog));
                ctx.commit(batch).await?;
                meta.backlog = !backlog.is_empty();
                return Err(e);
            }
        }
        read += 1;
        in_batch += 1;
        if in_batch == facts::CONVERSATIONS_PER_COMMIT || backlog.is_empty() || read == budget {
            batch.cursors.push(cursor(BACKLOG_STREAM, &backlog));
            ctx.commit(std::mem::take(&mut batch)).await?;
            in_batch = 0;
        }
    }
    meta.backlog = !backlog.is_empty();
    Ok(())
}

fn cursor<T: Serialize>(stream: &str, value: &T) -> CursorUpdate {
    CursorUpdate { stream: stream.into(), cursor: serde_json::to_string(value).unwrap_or_default() }
}

/// The conversations whose `updated_time` moved since `list`, and the cursor that covers them.
async fn changed_since(
    meta: &mut Meta,
    list: &ListCursor,
) -> Result<(Vec<Pending>, ListCursor), ChannelError> {
    let path = format!("{}/conversations", meta.owner);
    let query = [
        ("platform", meta.platform.api_name().to_owned()),
        ("fields", "id,updated_time".to_owned()),
        ("limit", facts::CONVERSATIONS_PAGE.to_string()),
    ];
    let mut page = meta.graph.get(&path, &query, Counted::Yes).await?;
    let mut changed = Vec::new();
    let mut newest = list.clone();
    for _ in 0..MAX_LIST_PAGES {
        let mut reached_seen = false;
        for entry in lenient::list(&page, "data") {
            let (Some(id), Some(updated)) = (lenient::id(entry, "id"), lenient::time(entry, "updated_time"))
            else {
                continue;
            };
            if updated < list.since || (updated == list.since && list.at_since.contains(&id)) {
                // Sorted newest first: everything further down was seen.
                reached_seen = updated < list.since;
                continue;
            }
            if updated > newest.since {
                newest = ListCursor { since: updated, at_since: vec![id.clone()] };
            } else if updated == newest.since && !newest.at_since.contains(&id) {
                newest.at_since.push(id.clone());
            }
            changed.push(Pending { id, updated });
        }
        let next = lenient::non_empty(&page, "paging/next").map(str::to_owned);
        match next {
            Some(next) if !reached_seen => page = meta.graph.get_next(&next, Counted::Yes).await?,
            _ => break,
        }
    }
    Ok((changed, newest))
}

/// Reads one conversation's most recent messages into `batch`.
pub(crate) async fn read_conversation(
    meta: &mut Meta,
    ctx: &Ctx<'_>,
    conversation_id: &str,
    batch: &mut SyncBatch,
) -> Result<(), ChannelError> {
    let conversation = fetch(meta, conversation_id).await?;
    add_conversation(meta, ctx, conversation_id, &conversation, batch);
    Ok(())
}

pub(crate) async fn fetch(meta: &mut Meta, conversation_id: &str) -> Result<Value, ChannelError> {
    let fields = format!(
        "participants,messages.limit({}){{id,created_time,from,to,message,attachments,story,shares,reactions,is_unsupported,is_deleted}}",
        facts::MESSAGES_PER_CONVERSATION
    );
    meta.graph.get(conversation_id, &[("fields", fields)], Counted::Yes).await
}

/// The person who is not the shop, from the participants or the messages.
fn buyer_of<'a>(meta: &Meta, conversation: &'a Value) -> Option<&'a Value> {
    let is_buyer = |person: &&Value| lenient::id(person, "id").is_some_and(|id| id != meta.shop_id);
    lenient::list(conversation, "participants/data").iter().find(is_buyer).or_else(|| {
        lenient::list(conversation, "messages/data")
            .iter()
            .filter_map(|m| lenient::at(m, "from"))
            .find(is_buyer)
    })
}

fn identity(person: &Value) -> Option<BuyerIdentityInput> {
    let id = lenient::id(person, "id")?;
    let username = lenient::non_empty(person, "username");
    let name = lenient::non_empty(person, "name");
    let display_name = match (name, username) {
        (Some(name), _) => name.to_owned(),
        (None, Some(username)) => username.to_owned(),
        (None, None) => id.clone(),
    };
    // Messenger's "email" is `<PSID>@facebook.com`, an address nobody reads: not the buyer's.
    Some(BuyerIdentityInput {
        external_id: id,
        display_name,
        handle: username.map(|u| format!("@{u}")),
        phone: None,
        email: None,
    })
}

/// The conversation's reference: which platform, Meta's conversation id and the buyer's id (what a
/// reply is sent to).
pub(crate) fn reference(meta: &Meta, conversation_id: &str, buyer_id: &str) -> String {
    format!("{}:{conversation_id}:{buyer_id}", meta.platform.ref_prefix())
}

/// Meta's conversation id and the buyer's id in a reference made by [`reference`].
pub(crate) fn parse_reference(reference: &str) -> Option<(&str, &str)> {
    let (_, rest) = reference.split_once(':')?;
    let (conversation, buyer) = rest.rsplit_once(':')?;
    (!conversation.is_empty() && !buyer.is_empty()).then_some((conversation, buyer))
}

pub(crate) fn add_conversation(
    meta: &Meta,
    ctx: &Ctx<'_>,
    conversation_id: &str,
    conversation: &Value,
    batch: &mut SyncBatch,
) {
    let Some(buyer) = buyer_of(meta, conversation).and_then(identity) else { return };
    let reference = reference(meta, conversation_id, &buyer.external_id);
    let messages = lenient::list(conversation, "messages/data");
    let mut last_incoming = None;
    for message in messages {
        let Some(mid) = lenient::id(message, "id") else { continue };
        let external_id = format!("mid:{mid}");
        let from = lenient::id(message, "from/id");
        let incoming = from.as_deref().is_none_or(|from| from != meta.shop_id);
        let sent_at = lenient::time(message, "created_time").unwrap_or_else(|| ctx.now());
        if incoming {
            last_incoming = Some(last_incoming.map_or(sent_at, |t: i64| t.max(sent_at)));
        }
        let author = if incoming {
            buyer.display_name.clone()
        } else {
            lenient::non_empty(message, "from/name")
                .or_else(|| lenient::non_empty(message, "from/username"))
                .map_or_else(|| meta.shop_name.clone(), str::to_owned)
        };
        let deleted = lenient::boolean(message, "is_deleted") == Some(true);
        batch.messages.push(IngestMessage {
            account_id: ctx.account_id(),
            conversation: ConversationRef {
                external_ref: reference.clone(),
                kind: ConversationKind::Chat,
                subject: None,
            },
            buyer: buyer.clone(),
            external_id: external_id.clone(),
            direction: if incoming { Direction::Incoming } else { Direction::Outgoing },
            author,
            text: lenient::text(message, "message").unwrap_or_default().to_owned(),
            sent_at,
            status: if incoming { MessageStatus::Received } else { MessageStatus::Sent },
            attachments: attachments(message),
        });
        if deleted {
            batch.deleted_messages.push(external_id.clone());
        }
        batch.reactions.push(MessageReactions { external_id, reactions: reactions(message) });
    }
    let window = if meta.human_agent { facts::HUMAN_AGENT_WINDOW_SECS } else { facts::REPLY_WINDOW_SECS };
    batch.conversations.push(ConversationUpdate {
        external_ref: reference,
        kind: ConversationKind::Chat,
        subject: None,
        blocked_reason: None,
        // No buyer message among the 20 read: the window closed long ago.
        reply_until: Some(last_incoming.map_or(0, |t| t + window)),
        listing_ref: None,
        private_reply_until: None,
        // A full window may hide older messages Meta does not give (it does not say whether there are).
        older_history_unavailable: messages.len() >= facts::MESSAGES_PER_CONVERSATION as usize,
    });
}

/// Photos, videos and files as links (not downloaded), and what a message refers to: a story it
/// answers or mentions, a shared post, something the API cannot show.
fn attachments(message: &Value) -> Vec<AttachmentInput> {
    let mut found = Vec::new();
    let link = |kind: AttachmentKind, file_name: &str, remote: Option<String>| AttachmentInput {
        file_name: file_name.to_owned(),
        mime_type: None,
        size_bytes: None,
        local_path: None,
        remote_ref: remote,
        kind: Some(kind),
    };
    for attachment in lenient::list(message, "attachments/data") {
        if let Some(image) = lenient::at(attachment, "image_data") {
            found.push(AttachmentInput {
                file_name: "photo.jpg".into(),
                mime_type: Some("image/jpeg".into()),
                size_bytes: None,
                local_path: None,
                remote_ref: lenient::non_empty(image, "url").map(str::to_owned),
                kind: None,
            });
        } else if let Some(video) = lenient::at(attachment, "video_data") {
            found.push(AttachmentInput {
                file_name: "video.mp4".into(),
                mime_type: Some("video/mp4".into()),
                size_bytes: None,
                local_path: None,
                remote_ref: lenient::non_empty(video, "url").map(str::to_owned),
                kind: None,
            });
        } else if let Some(url) = lenient::non_empty(attachment, "file_url") {
            found.push(AttachmentInput {
                file_name: lenient::non_empty(attachment, "name").unwrap_or("file").to_owned(),
                mime_type: lenient::non_empty(attachment, "mime_type").map(str::to_owned),
                size_bytes: lenient::int(attachment, "size"),
                local_path: None,
                remote_ref: Some(url.to_owned()),
                kind: None,
            });
        }
    }
    if let Some(story) = lenient::at(message, "story/reply_to") {
        found.push(link(
            AttachmentKind::StoryReply,
            "story",
            lenient::non_empty(story, "link").map(str::to_owned),
        ));
    }
    if let Some(story) = lenient::at(message, "story/mention") {
        found.push(link(
            AttachmentKind::StoryMention,
            "story",
            lenient::non_empty(story, "link").map(str::to_owned),
        ));
    }
    for share in lenient::list(message, "shares/data") {
        let url = lenient::non_empty(share, "link").map(str::to_owned);
        let name = lenient::non_empty(share, "name").or(url.as_deref()).unwrap_or("post").to_owned();
        found.push(link(AttachmentKind::Share, &name, url));
    }
    if lenient::boolean(message, "is_unsupported") == Some(true) {
        found.push(link(AttachmentKind::Unsupported, "message", None));
    }
    found
}

/// The reactions on a message, once each, as Meta names them ("love", or the emoji).
fn reactions(message: &Value) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for reaction in lenient::list(message, "reactions/data") {
        let name = lenient::non_empty(reaction, "emoji").or_else(|| lenient::non_empty(reaction, "reaction"));
        if let Some(name) = name
            && !found.iter().any(|f| f == name)
        {
            found.push(name.to_owned());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_carry_the_conversation_and_the_buyer() {
        assert_eq!(parse_reference("ig:aWdfX2:178"), Some(("aWdfX2", "178")));
        assert_eq!(parse_reference("fb:t_10:PSID"), Some(("t_10", "PSID")));
        assert_eq!(parse_reference("ig:only"), None);
        assert_eq!(parse_reference("comment:1:2:3"), Some(("1:2", "3")));
    }

    #[test]
    fn attachments_and_references_to_stories_and_posts() {
        let message = serde_json::json!({
            "attachments": {"data": [{"image_data": {"url": "https://cdn/p.jpg"}}, {"video_data": {"url": "https://cdn/v.mp4"}}]},
            "story": {"reply_to": {"link": "https://cdn/story", "id": "9"}},
            "shares": {"data": [{"link": "https://www.instagram.com/p/Cx/"}]},
            "is_unsupported": true,
            "reactions": {"data": [{"reaction": "love"}, {"reaction": "love"}, {"emoji": "😂", "reaction": "other"}]}
        });
        let found = attachments(&message);
        let kinds: Vec<_> = found.iter().map(|a| (a.file_name.as_str(), a.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("photo.jpg", None),
                ("video.mp4", None),
                ("story", Some(AttachmentKind::StoryReply)),
                ("https://www.instagram.com/p/Cx/", Some(AttachmentKind::Share)),
                ("message", Some(AttachmentKind::Unsupported)),
            ]
        );
        assert_eq!(reactions(&message), vec!["love".to_owned(), "😂".to_owned()]);
    }
}
