//! What the seller's side sent to the simulator, kept for tests and the demo's E2E.

use serde::{Deserialize, Serialize};

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
}

#[derive(Default)]
pub(crate) struct Records {
    pub answers: Vec<ReceivedAnswer>,
    pub post_sale: Vec<ReceivedMessage>,
    pub telegram: Vec<SentTelegram>,
    pub totals: SimTotals,
}
