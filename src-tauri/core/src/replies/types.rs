//! Replies on their way through a channel (the outbox) and what the composer may do in a
//! conversation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::text_enum;
use crate::vocabulary::{ChannelKind, ConversationKind, MessageStatus, UnixSeconds};

text_enum!(
    /// Where a reply stands in the outbox.
    OutboxState {
        /// Waiting for its turn (or for `retry_at` after a temporary failure).
        Queued = "queued",
        /// Handed to the channel; the outcome is not known yet (after a crash: "in doubt").
        Sending = "sending",
        Sent = "sent",
        /// Failed for good; the seller can retry or cancel it.
        Failed = "failed",
        Cancelled = "cancelled",
    }
);

/// A reply in the outbox, with what the connector needs to send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub channel: ChannelKind,
    pub conversation_kind: ConversationKind,
    /// The conversation's channel key: question id, pack id, chat id.
    pub conversation_ref: String,
    pub buyer_external_id: String,
    pub text: String,
    pub idempotency_key: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub error_code: Option<String>,
    pub error_detail: Option<String>,
    /// The message row that shows this reply in the thread.
    #[ts(type = "number")]
    pub message_id: i64,
    #[ts(type = "number")]
    pub created_at: UnixSeconds,
    /// Where it goes: into the conversation, or as the one private message answering a comment.
    pub route: ReplyRoute,
    /// Files that go with it (only channels that carry files: e-mail).
    pub files: Vec<ReplyFile>,
    /// The Mercado Libre reason it opens the conversation with, when the buyer has not written.
    pub reason: Option<PostSaleReasonChoice>,
}

/// A reason Mercado Libre offers the seller to write first after a sale (its action guide's
/// options: ask for variants or billing data, send the invoice link, promise a delivery, other).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostSaleReason {
    /// Mercado Libre's option id (`REQUEST_VARIANTS`, `OTHER`…).
    pub id: String,
    /// A fixed text Mercado Libre sends as it is; `None`: the seller writes their own.
    pub template_id: Option<String>,
    /// The fixed text as the buyer will read it, when known, with `%d` where an hour goes.
    pub template_text: Option<String>,
    /// The hours the fixed text asks for (the delivery promise: from, until), by variable id.
    pub hour_vars: Vec<String>,
    /// How long the seller's own text may be.
    pub char_limit: Option<u32>,
    /// Messages left with this reason in this purchase.
    pub left: u32,
}

/// The reason a queued reply opens the conversation with, as Mercado Libre takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostSaleReasonChoice {
    pub option_id: String,
    pub template_id: Option<String>,
    /// Values of the template's variables (the delivery promise's hours).
    pub vars: Vec<PostSaleReasonValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostSaleReasonValue {
    pub id: String,
    #[ts(type = "number")]
    pub value: i64,
}

/// A file sent with a reply: a copy beside the database, made when the reply was queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReplyFile {
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number")]
    pub size_bytes: i64,
    /// Absolute path on this machine.
    pub local_path: String,
}

text_enum!(
    /// Where a reply goes.
    ReplyRoute {
        /// Into the conversation itself (under a comment: a public reply everyone sees).
        Thread = "thread",
        /// A private message to the person who commented (Instagram, Facebook: once per comment,
        /// within 7 days); it opens a direct conversation when they answer.
        PrivateReply = "private_reply",
    }
);

/// What the channel answered to a send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Delivered {
    /// The channel's id of the message it stored.
    pub external_id: String,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    /// `Sent`, `Moderated` or `Rejected`.
    pub status: MessageStatus,
    pub moderation_reason: Option<String>,
}

text_enum!(
    /// How the composer replies in a conversation.
    SendMode {
        /// Mostrador sends it through the channel's API (the outbox).
        Send = "send",
        /// The seller copies the reply and pastes it in the channel's app.
        Copy = "copy",
    }
);

/// What the composer may do in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SendCapability {
    pub mode: SendMode,
    /// Characters the channel takes (counted as characters, not bytes).
    pub max_chars: Option<u32>,
    /// Bytes of UTF-8 the channel takes, where it counts bytes (Instagram and Messenger: 1000).
    pub max_bytes: Option<u32>,
    /// A Mercado Libre answer: public on the listing and cannot be edited or deleted (confirm first).
    pub public_and_permanent: bool,
    /// Everyone sees the reply (a comment's public reply, a Mercado Libre answer).
    pub public: bool,
    /// Why the channel takes no reply now (Mercado Libre substatus such as `blocked_by_time`).
    pub blocked_reason: Option<String>,
    /// Until when the channel takes a reply (Telegram Business and Meta: 24 h after the buyer's
    /// last message; 7 days where the seller's Meta app may tag a human agent's reply).
    #[ts(type = "number | null")]
    pub reply_until: Option<UnixSeconds>,
    /// Until when the one private reply to a comment may go out; `None` when it cannot (not a
    /// comment, sent already, or too late).
    #[ts(type = "number | null")]
    pub private_reply_until: Option<UnixSeconds>,
    /// The conversation can be opened in the channel's own app (Instagram, Messenger) by the shell.
    pub opens_in_app: bool,
    /// Mercado Libre after a sale, before the buyer wrote: the seller writes only through one of
    /// the reasons Mercado Libre offers (see [`PostSaleReason`]).
    pub needs_reason: bool,
}

text_enum!(
    /// Why a Mercado Libre post-sale message may be one the buyer does not need, after Mercado
    /// Libre's own guide: about half the messages sellers send after a sale could be left unsent.
    PostSaleFindingKind {
        /// Only thanks or friendly words: a complete listing and a good product are the best service.
        ThanksOnly = "thanks_only",
        /// Progress Mercado Libre already tells the buyer: shipped, on its way, being prepared, tracking.
        ProgressUpdate = "progress_update",
        /// Heading off a claim or a bad rating before anything went wrong.
        AnticipatesClaim = "anticipates_claim",
    }
);

/// One reason a post-sale message may be unneeded, with the words that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostSaleFinding {
    pub kind: PostSaleFindingKind,
    /// Where the words are, in text order, never overlapping.
    pub spans: Vec<PostSaleSpan>,
}

/// Words of the checked text, in UTF-16 code units (JavaScript string indexes), `end` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostSaleSpan {
    pub start: u32,
    pub end: u32,
    /// The words as written.
    pub words: String,
}

crate::store::text_enums::text_column!(OutboxState, ReplyRoute);
