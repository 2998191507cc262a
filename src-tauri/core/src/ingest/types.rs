//! What the one door for messages takes: a message from any channel, with its buyer and
//! conversation as the channel names them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::conversations::AttachmentInput;
use crate::vocabulary::{ConversationKind, Direction, MessageStatus, UnixSeconds};

/// Who the buyer is on the account a message arrived through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BuyerIdentityInput {
    /// The channel's id for the buyer, unique per account (ML user id, phone, e-mail address).
    pub external_id: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The conversation a message belongs to, keyed by (account, external_ref).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConversationRef {
    /// ML question id or pack id, chat id, e-mail thread root…
    pub external_ref: String,
    pub kind: ConversationKind,
    /// A listing title or an e-mail subject, when the channel has one.
    pub subject: Option<String>,
}

/// One message from any channel, as the ingest entry point takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IngestMessage {
    #[ts(type = "number")]
    pub account_id: i64,
    pub conversation: ConversationRef,
    pub buyer: BuyerIdentityInput,
    /// Unique per account: re-ingesting the same id updates instead of duplicating.
    pub external_id: String,
    pub direction: Direction,
    /// Display name of whoever wrote it (in a group chat, one of several).
    pub author: String,
    pub text: String,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    pub status: MessageStatus,
    pub attachments: Vec<AttachmentInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IngestReport {
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub conversations_touched: u32,
}

/// Identifies a stored message by what the channel calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageRef {
    #[ts(type = "number")]
    pub account_id: i64,
    pub external_id: String,
}
