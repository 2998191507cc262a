//! The Meta part of `GET /_sim/state`: the app and accounts, every conversation with its messages
//! (all of them, not only the 20 the API shows), every comment, and what the seller's side sent.

use serde::{Deserialize, Serialize};

use super::identity::{MetaApp, Platform};
use super::store::{Attachment, DirectMessage, MetaStore, Story};
use crate::records::{CommentReply, MetaSent, Records};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaSnapshot {
    pub app: MetaApp,
    /// Both platforms, each newest `updated_time` first.
    pub conversations: Vec<MetaConversationState>,
    /// Both platforms, post by post, oldest first; replies after their comment.
    pub comments: Vec<MetaCommentState>,
    pub instagram_sent: Vec<MetaSent>,
    pub messenger_sent: Vec<MetaSent>,
    pub comment_replies: Vec<CommentReply>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaConversationState {
    pub id: String,
    pub platform: Platform,
    /// IGSID or PSID.
    pub buyer_id: String,
    pub buyer_name: String,
    /// Unix seconds.
    pub updated_time: i64,
    /// When the buyer last wrote (the reply window runs from it).
    pub last_buyer_at: Option<i64>,
    /// Oldest first.
    pub messages: Vec<MetaMessageState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaMessageState {
    pub id: String,
    pub from_shop: bool,
    pub text: String,
    pub created: i64,
    /// "text", "image", "video", "file", "story_reply", "story_mention", "share", "unsupported"
    /// or "deleted".
    pub kind: String,
    /// The buyer's reactions to it.
    pub reactions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaCommentState {
    pub id: String,
    pub platform: Platform,
    pub post_id: String,
    pub parent_id: Option<String>,
    /// The commenter's scoped id; None for the shop's replies.
    pub author_id: Option<String>,
    pub text: String,
    pub hidden: bool,
    pub created: i64,
    pub privately_replied: bool,
}

fn kind(message: &DirectMessage) -> &'static str {
    if message.is_deleted {
        "deleted"
    } else if message.is_unsupported {
        "unsupported"
    } else if let Some(story) = &message.story {
        match story {
            Story::Reply { .. } => "story_reply",
            Story::Mention { .. } => "story_mention",
        }
    } else if !message.shares.is_empty() {
        "share"
    } else {
        match message.attachments.first() {
            Some(Attachment::Image { .. }) => "image",
            Some(Attachment::Video { .. }) => "video",
            Some(Attachment::File { .. }) => "file",
            None => "text",
        }
    }
}

impl MetaStore {
    pub(crate) fn snapshot(&self, records: &Records) -> MetaSnapshot {
        let mut conversations = Vec::new();
        for platform in [Platform::Instagram, Platform::Messenger] {
            let inbox = self.inbox(platform);
            let (order, _) = inbox.page(None, usize::MAX);
            conversations.extend(order.into_iter().map(|index| {
                let conversation = &inbox.conversations[index];
                MetaConversationState {
                    id: conversation.id.clone(),
                    platform,
                    buyer_id: conversation.buyer_id.clone(),
                    buyer_name: inbox
                        .buyers
                        .get(&conversation.buyer_id)
                        .map(|b| b.name())
                        .unwrap_or_default(),
                    updated_time: conversation.updated,
                    last_buyer_at: conversation.last_buyer_at,
                    messages: conversation
                        .messages
                        .iter()
                        .map(|message| MetaMessageState {
                            id: message.id.clone(),
                            from_shop: message.from_shop,
                            text: message.text.clone(),
                            created: message.created,
                            kind: kind(message).to_owned(),
                            reactions: message.reactions.clone(),
                        })
                        .collect(),
                }
            }));
        }
        let mut comments = Vec::new();
        for post in &self.posts {
            for id in &post.comments {
                let Some(comment) = self.comments.get(id) else { continue };
                let replies = comment.replies.iter().filter_map(|reply| self.comments.get(reply));
                for comment in std::iter::once(comment).chain(replies) {
                    comments.push(MetaCommentState {
                        id: comment.id.clone(),
                        platform: comment.platform,
                        post_id: comment.post_id.clone(),
                        parent_id: comment.parent_id.clone(),
                        author_id: comment.author.clone(),
                        text: comment.text.clone(),
                        hidden: comment.hidden,
                        created: comment.created,
                        privately_replied: comment.privately_replied,
                    });
                }
            }
        }
        MetaSnapshot {
            app: self.app.clone(),
            conversations,
            comments,
            instagram_sent: records.instagram_sent.clone(),
            messenger_sent: records.messenger_sent.clone(),
            comment_replies: records.comment_replies.clone(),
        }
    }
}
