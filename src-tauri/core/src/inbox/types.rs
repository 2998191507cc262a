//! The inbox list as the UI asks for it and shows it: the query, its rows and counts, search
//! highlights, and what desktop notifications say.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::conversations::{AttachmentKind, TargetLevel};
use crate::vocabulary::{
    ChannelKind, ConversationKind, ConversationStatus, Direction, OrderStage, UnixSeconds,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxQuery {
    pub status: Option<ConversationStatus>,
    pub channel: Option<ChannelKind>,
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    /// Full-text search over message text and buyer names, accent- and case-insensitive.
    pub search: Option<String>,
    /// Conversations with this tag (exact, as stored).
    #[serde(default)]
    pub tag: Option<String>,
    /// Conversations with an order at this stage.
    #[serde(default)]
    pub order_stage: Option<OrderStage>,
    /// `true`: only conversations with an order; `false`: only those without one.
    #[serde(default)]
    pub has_order: Option<bool>,
    pub limit: u32,
    pub offset: u32,
}

impl Default for InboxQuery {
    fn default() -> Self {
        InboxQuery {
            status: None,
            channel: None,
            account_id: None,
            search: None,
            tag: None,
            order_stage: None,
            has_order: None,
            limit: 200,
            offset: 0,
        }
    }
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxRow {
    #[ts(type = "number")]
    pub conversation_id: i64,
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub buyer_name: String,
    pub channel: ChannelKind,
    #[ts(type = "number")]
    pub account_id: i64,
    pub account_name: String,
    pub kind: ConversationKind,
    pub status: ConversationStatus,
    pub subject: Option<String>,
    /// First line of the last message, at most 140 characters.
    pub preview: String,
    /// The last message has no words, only this (a story reply, a shared post…): the UI says so.
    pub preview_attachment: Option<AttachmentKind>,
    pub last_direction: Option<Direction>,
    #[ts(type = "number | null")]
    pub last_message_at: Option<UnixSeconds>,
    /// When the buyer started waiting for a reply (oldest unanswered incoming message).
    #[ts(type = "number | null")]
    pub waiting_since: Option<UnixSeconds>,
    /// `now - waiting_since`, computed by the core with the time the caller passed in.
    #[ts(type = "number | null")]
    pub waiting_seconds: Option<i64>,
    /// Stage of the newest open order in this conversation.
    pub order_stage: Option<OrderStage>,
    pub tags: Vec<String>,
    pub unread: u32,
    pub pinned: bool,
    /// The reply target of this conversation's channel (and kind, for Mercado Libre), in seconds.
    #[ts(type = "number")]
    pub target_seconds: i64,
    /// The wait as the target counts it: shop hours when the shop calendar sets opening hours
    /// (wall-clock otherwise), counted only up to the target. `target_level` compares this one.
    #[ts(type = "number | null")]
    pub target_waiting_seconds: Option<i64>,
    /// How the wait compares with the target; `None` when nobody is waiting.
    pub target_level: Option<TargetLevel>,
    /// Where the searched words are in `preview` (empty without a search).
    pub highlights: Vec<TextRange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    /// All rows matching the query, not only this page.
    pub total: u32,
    /// Conversations needing a reply across the whole store (for the title and badge).
    pub needs_reply: u32,
    /// A search with very many matches stops counting: `total` is then a lower bound.
    pub total_capped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    pub status: ConversationStatus,
    pub conversations: u32,
}

/// A range of a text to mark, in UTF-16 code units (JavaScript string indexes), `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

/// An account as the channel filter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountOption {
    #[ts(type = "number")]
    pub id: i64,
    pub channel: ChannelKind,
    pub display_name: String,
}

/// What happened since the last look, for grouped desktop notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TriageAlerts {
    /// Incoming messages stored after `since`.
    pub new_messages: u32,
    /// How many conversations they arrived in.
    pub new_conversations: u32,
    /// Buyer names of the newest few of them.
    pub buyers: Vec<String>,
    /// Conversations whose wait passed the target after `since` (and still wait).
    pub newly_late: Vec<InboxRow>,
    /// `now` falls in the quiet hours: show nothing.
    pub quiet: bool,
    /// Conversations needing a reply now (title and tray).
    pub needs_reply: u32,
    /// The newest stored message: pass it back as `after_message_id` next time.
    #[ts(type = "number")]
    pub last_message_id: i64,
}
