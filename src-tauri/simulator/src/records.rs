//! What the seller's side sent to the simulator, kept for tests and the demo's E2E.

use serde::{Deserialize, Serialize};

use crate::meta::identity::Platform;

/// An accepted `POST /answers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedAnswer {
    pub question_id: i64,
    pub text: String,
    /// Simulated unix seconds.
    pub at: i64,
}

/// A seller message posted to a pack, with the moderation outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedMessage {
    pub pack_id: i64,
    pub message_id: String,
    pub text: String,
    /// "available", "moderated" or "rejected".
    pub status: String,
    /// Moderation reason code when not available ("phone_number", "email", "link", …).
    pub moderation_reason: Option<String>,
    pub at: i64,
}

/// An accepted Telegram `sendMessage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentTelegram {
    pub chat_id: i64,
    pub text: String,
    pub business_connection_id: Option<String>,
    pub message_id: i64,
    pub at: i64,
}

/// A message the seller's side sent on Instagram or Messenger: a DM, or a private reply to a
/// comment (then `comment_id` is set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaSent {
    /// The buyer's IGSID or PSID.
    pub recipient_id: String,
    pub comment_id: Option<String>,
    /// The conversation the message shows in.
    pub conversation_id: String,
    pub message_id: String,
    pub text: String,
    /// As sent: "RESPONSE", "MESSAGE_TAG", … (None when absent).
    pub messaging_type: Option<String>,
    /// "HUMAN_AGENT" when sent with the tag.
    pub tag: Option<String>,
    pub at: i64,
}

/// A public reply of the shop under a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentReply {
    pub platform: Platform,
    /// The comment replied to, as the request named it.
    pub comment_id: String,
    /// The new comment's id.
    pub reply_id: String,
    pub text: String,
    pub at: i64,
}

/// Counters since start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimTotals {
    /// Questions generated (follow-ups to answers included).
    pub questions: u32,
    /// Buyer messages generated in packs.
    pub pack_messages: u32,
    pub orders: u32,
    /// Telegram updates generated (messages, business connection, edits, deletions).
    pub telegram_updates: u32,
    pub answers_received: u32,
    pub post_sale_sent: u32,
    pub telegram_sent: u32,
    /// Requests served (faulted ones included), per API.
    pub ml_requests: u64,
    pub telegram_requests: u64,
    /// Messages added to Instagram and Messenger conversations by the activity.
    pub instagram_messages: u32,
    pub messenger_messages: u32,
    /// Comments added to the shop's posts by the activity.
    pub meta_comments: u32,
    /// DMs and private replies accepted, per platform, and public comment replies.
    pub instagram_sent: u32,
    pub messenger_sent: u32,
    pub comment_replies: u32,
    pub instagram_requests: u64,
    pub messenger_requests: u64,
    #[serde(default)]
    pub etsy_requests: u64,
    #[serde(default)]
    pub microsoft_requests: u64,
    /// Access tokens a mail server asked about.
    #[serde(default)]
    pub microsoft_introspections: u64,
}

#[derive(Default)]
pub(crate) struct Records {
    pub answers: Vec<ReceivedAnswer>,
    pub post_sale: Vec<ReceivedMessage>,
    pub telegram: Vec<SentTelegram>,
    pub instagram_sent: Vec<MetaSent>,
    pub messenger_sent: Vec<MetaSent>,
    pub comment_replies: Vec<CommentReply>,
    pub totals: SimTotals,
}
