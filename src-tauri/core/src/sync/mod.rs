//! The core's side of live sync (issue 7): accounts and their sync status, committing what a
//! connector fetched (messages, conversation facts, orders, deletions) together with the cursors
//! that cover it, the outbox of replies, and what the composer may do in a conversation.
//!
//! Connectors live in `mostrador-channels`; this module never talks to the network and never reads
//! the clock.

pub(crate) mod accounts_view;
pub(crate) mod channel_orders;
pub(crate) mod commit;
pub(crate) mod idempotency;
pub(crate) mod known_buyers;
pub(crate) mod limits;
pub(crate) mod outbox;
pub(crate) mod send_capability;

pub use accounts_view::{UPDATES_RETENTION_SECONDS, updates_may_be_lost};
pub use limits::{char_count, max_chars, sends_through_api};
pub use outbox::IN_DOUBT_AFTER_SECS;

use crate::model::UnixSeconds;

/// Why the outbox refuses a reply. Each has a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendRefusal {
    /// The account has no API Mostrador can send through (WhatsApp, Instagram, Etsy, e-mail, a
    /// hand-captured source, or a Mercado Libre or Telegram account that was not connected).
    #[error("this account cannot send from Mostrador: copy the reply and paste it in the channel")]
    CopyMode,
    #[error("the account is paused: turn it on again to send")]
    AccountDisabled,
    /// The channel closed the conversation (Mercado Libre substatus such as `blocked_by_time`).
    #[error("the channel does not take replies in this conversation ({reason})")]
    Blocked { reason: String },
    /// Counted in characters, as the channels count them.
    #[error("the reply has {length} characters and the channel takes at most {max}")]
    TooLong { length: u32, max: u32 },
    #[error("a reply must not be empty")]
    Empty,
    /// A Mercado Libre question takes one answer, and this one has it (sent, on its way, or pasted).
    #[error("this question already has an answer")]
    AlreadyAnswered,
    /// Telegram Business: the chat was last active more than 24 h ago.
    #[error("the channel stopped taking replies in this conversation")]
    WindowClosed { until: UnixSeconds },
}

impl SendRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            SendRefusal::CopyMode => "send_copy_mode",
            SendRefusal::AccountDisabled => "send_account_disabled",
            SendRefusal::Blocked { .. } => "send_blocked",
            SendRefusal::TooLong { .. } => "send_too_long",
            SendRefusal::Empty => "send_empty",
            SendRefusal::AlreadyAnswered => "send_already_answered",
            SendRefusal::WindowClosed { .. } => "send_window_closed",
        }
    }
}
