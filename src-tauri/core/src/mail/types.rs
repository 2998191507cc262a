use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::UnixSeconds;

/// One of a buyer's conversations on a mail account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BuyerThread {
    pub external_ref: String,
    pub subject: Option<String>,
    #[ts(type = "number | null")]
    pub last_message_at: Option<UnixSeconds>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MailThread {
    pub subject: Option<String>,
    /// Channel ids of the thread's messages that were delivered (no queued replies), oldest first.
    pub message_ids: Vec<String>,
}

/// A mail the account read and did not take as a buyer's, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeftOutMail {
    pub message_id: String,
    pub sender: String,
    pub sender_name: Option<String>,
    pub subject: String,
    /// `seller_said`, `list`, `auto_reply`, `no_reply_sender`, `own_address` or `service_notice`.
    pub reason: String,
    #[ts(type = "number")]
    pub received_at: UnixSeconds,
    pub mailbox: String,
    #[ts(type = "number")]
    pub uidvalidity: u32,
    #[ts(type = "number")]
    pub uid: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SenderMark {
    /// An address, or `@domain` for a whole domain.
    pub pattern: String,
    pub is_buyer: bool,
    #[ts(type = "number")]
    pub marked_at: UnixSeconds,
}

/// Where the quoted history starts in a stored mail's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuoteStart {
    pub external_id: String,
    /// A byte offset into the text.
    #[ts(type = "number")]
    pub byte_offset: u32,
}
