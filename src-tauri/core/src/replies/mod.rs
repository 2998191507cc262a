//! The seller's replies on their way out. Through the channel: the outbox (`outbox`), durable
//! across restarts and idempotent across crashes, within each channel's limits (`limits`) and
//! reply windows (`send_capability`). Or copied to paste in the channel's own app (`copied`),
//! recorded in the thread all the same so the buyer's wait ends. Before a Mercado Libre post-sale
//! message goes, `post_sale_check` says whether it is one the buyer needs.
//!
//! Connectors live in `mostrador-channels`: this module never talks to the network and never
//! reads the clock.

pub(crate) mod copied;
mod idempotency;
mod limits;
pub(crate) mod outbox;
mod post_sale_check;
pub(crate) mod send_capability;
mod types;

pub use limits::{PRIVATE_REPLY_MAX_BYTES, byte_count, char_count, max_bytes, max_chars, sends_through_api};
pub use outbox::IN_DOUBT_AFTER_SECS;
pub use post_sale_check::post_sale_check;
pub use types::*;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

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
    /// Counted in bytes of UTF-8, as Meta counts them (an accented letter or an emoji takes more).
    #[error("the reply takes {bytes} bytes and the channel takes at most {max}")]
    TooManyBytes { bytes: u32, max: u32 },
    /// A comment takes one private reply, within 7 days: sent already, too late, or not a comment.
    #[error("this comment can no longer get a private reply")]
    PrivateReplyUnavailable,
    #[error("a reply must not be empty")]
    Empty,
    /// Files go only where the channel carries them (a mail reply); elsewhere the seller copies them.
    #[error("this channel does not take files from Mostrador: send them from the channel's app")]
    FilesNotCarried,
    /// Mail servers refuse large mails, and base64 grows a file by a third on the way.
    #[error("the files add up to {bytes} bytes and a mail carries at most {max}")]
    FilesTooLarge { bytes: u64, max: u64 },
    /// A Mercado Libre question takes one answer, and this one has it (sent, on its way, or pasted).
    #[error("this question already has an answer")]
    AlreadyAnswered,
    /// Mercado Libre after a sale: until the buyer writes, the seller writes only through one of
    /// the reasons Mercado Libre offers.
    #[error("Mercado Libre lets you write first only for one of its reasons: choose one")]
    NeedsReason,
    /// The buyer has written: Mercado Libre takes free replies, and no longer the reasons.
    #[error("the buyer has written: reply freely, without a reason")]
    ReasonNotNeeded,
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
            SendRefusal::TooManyBytes { .. } => "send_too_many_bytes",
            SendRefusal::PrivateReplyUnavailable => "send_private_reply_unavailable",
            SendRefusal::Empty => "send_empty",
            SendRefusal::AlreadyAnswered => "send_already_answered",
            SendRefusal::WindowClosed { .. } => "send_window_closed",
            SendRefusal::FilesNotCarried => "send_files_not_carried",
            SendRefusal::FilesTooLarge { .. } => "send_files_too_large",
            SendRefusal::NeedsReason => "send_needs_reason",
            SendRefusal::ReasonNotNeeded => "send_reason_not_needed",
        }
    }
}

impl Mostrador {
    /// Stores a reply the seller copied to paste in the channel's app, as an outgoing message with
    /// status `copied` (through ingest: the wait stops, the first reply is timed); clears the draft.
    /// Returns the message id.
    pub fn record_copied_reply(&self, conversation_id: i64, text: &str, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| copied::record(tx, conversation_id, text, now))
    }

    /// Queues a reply to send through the channel and shows it in the thread at once (status
    /// queued). Refused with `Error::SendRefused` (copy-mode account, paused, blocked, outside the
    /// reply window, empty, too long for the channel).
    pub fn outbox_enqueue(&self, conversation_id: i64, text: &str, now: UnixSeconds) -> Result<OutboxItem> {
        self.outbox_enqueue_with_files(conversation_id, text, &[], now)
    }

    /// As [`Mostrador::outbox_enqueue`], with saved answers' attachments (by id) sent along: copied
    /// beside the database for this reply and shown on its message. Refused with
    /// `SendRefusal::FilesNotCarried` where the channel takes no files, `FilesTooLarge` past a mail's size.
    pub fn outbox_enqueue_with_files(
        &self,
        conversation_id: i64,
        text: &str,
        answer_attachment_ids: &[i64],
        now: UnixSeconds,
    ) -> Result<OutboxItem> {
        let files = outbox::FilesToSend { db_path: &self.db_path, answer_attachment_ids };
        let parts = outbox::ReplyParts { route: ReplyRoute::Thread, files, reason: None };
        self.write(|tx| outbox::enqueue(tx, conversation_id, text, parts, now))
    }

    /// Queues the message that opens a Mercado Libre post-sale conversation through one of the
    /// reasons Mercado Libre offers: `text` is what the buyer will read (the reason's fixed text,
    /// or the seller's own for the reasons that take one). Refused with
    /// `SendRefusal::ReasonNotNeeded` once the buyer has written.
    pub fn outbox_enqueue_with_reason(
        &self,
        conversation_id: i64,
        text: &str,
        reason: &PostSaleReasonChoice,
        now: UnixSeconds,
    ) -> Result<OutboxItem> {
        let files = outbox::FilesToSend { db_path: &self.db_path, answer_attachment_ids: &[] };
        let parts = outbox::ReplyParts { route: ReplyRoute::Thread, files, reason: Some(reason) };
        self.write(|tx| outbox::enqueue(tx, conversation_id, text, parts, now))
    }

    /// Queues the one private reply to a comment (a direct message to whoever wrote it). Refused
    /// with `SendRefusal::PrivateReplyUnavailable` when it is not a comment, one went already, or
    /// its 7 days are over.
    pub fn outbox_enqueue_private_reply(
        &self,
        conversation_id: i64,
        text: &str,
        now: UnixSeconds,
    ) -> Result<OutboxItem> {
        let files = outbox::FilesToSend { db_path: &self.db_path, answer_attachment_ids: &[] };
        let parts = outbox::ReplyParts { route: ReplyRoute::PrivateReply, files, reason: None };
        self.write(|tx| outbox::enqueue(tx, conversation_id, text, parts, now))
    }

    /// The account's next due reply, marked sending (attempts + 1).
    pub fn outbox_claim(&self, account_id: i64, now: UnixSeconds) -> Result<Option<OutboxItem>> {
        self.write(|tx| outbox::claim(tx, account_id, now))
    }

    /// The sender still holds this reply (a slow send): it is not in doubt for another
    /// [`IN_DOUBT_AFTER_SECS`]. Says whether the claim was still this sender's to renew.
    pub fn outbox_keep_claim(&self, outbox_id: i64, now: UnixSeconds) -> Result<bool> {
        self.write(|tx| outbox::keep_claim(tx, outbox_id, now))
    }

    /// Replies left sending by a crash (claimed over `IN_DOUBT_AFTER_SECS` ago): check the remote
    /// thread before sending any again.
    pub fn outbox_in_doubt(&self, account_id: i64, now: UnixSeconds) -> Result<Vec<OutboxItem>> {
        self.read(|tx| outbox::in_doubt(tx, account_id, now))
    }

    /// Whether a reply of the account was claimed recently and may still be on its way (another
    /// process sending it): not in doubt yet.
    pub fn outbox_being_sent(&self, account_id: i64, now: UnixSeconds) -> Result<bool> {
        self.read(|tx| outbox::being_sent(tx, account_id, now))
    }

    /// Whether the channel message `external_id` is what another sent reply than `outbox_id` went
    /// out as (the same short text sent twice is not one reply found).
    pub fn outbox_message_taken(&self, account_id: i64, external_id: &str, outbox_id: i64) -> Result<bool> {
        self.read(|tx| outbox::message_taken(tx, account_id, external_id, outbox_id))
    }

    /// The channel took the reply: its message takes the channel's id (or gives way to the row a
    /// poll already stored under it); a moderated or rejected reply does not end the buyer's wait.
    pub fn outbox_sent(&self, outbox_id: i64, delivered: &Delivered, now: UnixSeconds) -> Result<()> {
        self.write(|tx| outbox::sent(tx, outbox_id, delivered, now))
    }

    /// `retry_at` Some: queued again for then; None: failed for good (the message shows `code`).
    pub fn outbox_failed(
        &self,
        outbox_id: i64,
        code: &str,
        detail: &str,
        retry_at: Option<UnixSeconds>,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| outbox::failed(tx, outbox_id, code, detail, retry_at, now))
    }

    pub fn outbox_retry(&self, outbox_id: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| outbox::retry(tx, outbox_id, now))
    }

    /// Cancels a queued or failed reply: it leaves the thread and its text returns to the draft.
    pub fn outbox_cancel(&self, outbox_id: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| outbox::cancel(tx, outbox_id, now))
    }

    /// Every reply of the conversation that went through the outbox, oldest first.
    pub fn outbox_for_conversation(&self, conversation_id: i64) -> Result<Vec<OutboxItem>> {
        self.read(|tx| outbox::for_conversation(tx, conversation_id))
    }

    /// What the composer may do in the conversation (also in `ConversationView::send`).
    pub fn send_capability(&self, conversation_id: i64) -> Result<SendCapability> {
        self.read(|tx| send_capability::of_conversation(tx, conversation_id))
    }
}
