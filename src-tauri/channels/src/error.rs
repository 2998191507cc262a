//! What can go wrong talking to a channel, with stable codes the UI translates.
//!
//! The engine turns each error into the account's sync state (retry later, offline, reconnect) and
//! the outbox into a reason the seller understands. Codes are never renamed.

/// One failure of a channel call.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChannelError {
    /// 429: too many requests; `retry_after` seconds when the channel said so.
    #[error("the channel asks to slow down{}", retry_after.map(|s| format!(" (retry after {s} s)")).unwrap_or_default())]
    RateLimited { retry_after: Option<u64> },
    /// 5xx (or, with status 0, a connection dropped before any answer): try again later.
    #[error("the channel's server failed ({})", if *status == 0 { "connection dropped".to_owned() } else { status.to_string() })]
    ServerError { status: u16 },
    /// No connection, DNS failure, refused connection or a timeout.
    #[error("no connection to the channel: {0}")]
    Offline(String),
    /// The refresh token or the bot token was refused (invalid_grant, 401): connect the account again.
    #[error("the channel no longer accepts this account's authorisation: {0}")]
    TokenRevoked(String),
    /// The channel's application lacks a permission (ML `PA_UNAUTHORIZED_RESULT_FROM_POLICIES`).
    #[error("the channel application lacks a permission: {0}")]
    PermissionMissing(String),
    /// A token or client secret is not in the secret store.
    #[error("a secret of this account is missing: {0}")]
    SecretMissing(String),
    /// The secret store itself failed (keychain locked or unavailable).
    #[error("the secret store failed: {0}")]
    SecretStore(String),
    /// The answer was not the JSON the channel documents.
    #[error("the channel answered something unexpected: {0}")]
    MalformedResponse(String),
    /// The conversation is closed for the seller (ML blocked pack); the reason code is ML's substatus.
    #[error("the conversation is blocked ({0})")]
    BlockedConversation(String),
    /// The channel refused the text for its content.
    #[error("the channel refused the text ({0})")]
    Moderated(String),
    /// The text is over the channel's limit.
    #[error("the text is longer than the channel accepts ({limit} characters)")]
    TooLong { limit: u32 },
    /// The reply window closed (Telegram Business: 24 h after the buyer's last message).
    #[error("the channel no longer accepts replies in this conversation")]
    ReplyWindowClosed,
    /// Mercado Libre takes a limited number of messages per reason in each purchase, and this
    /// reason's are spent: the seller waits for the buyer to answer.
    #[error("the reason {0} has no messages left in this purchase")]
    ReasonUsed(String),
    /// The question was answered already (ML answers once).
    #[error("this question already has an answer")]
    AlreadyAnswered,
    /// Any other 4xx: the request is wrong for the channel.
    #[error("the channel refused the request ({status}): {detail}")]
    Rejected { status: u16, detail: String },
    /// The account's settings cannot drive this channel (no seller id, unknown channel…).
    #[error("the account is not set up for this channel: {0}")]
    NotConfigured(String),
    /// The local store failed.
    #[error("the local database failed: {0}")]
    Store(String),
    /// The computer has no room left to store what the channel sent: nothing of the round was
    /// kept, and it is fetched again once the seller frees space.
    #[error("the disk is full: {0}")]
    DiskFull(String),
    /// A send was interrupted and the channel offers no way to check whether it arrived: the seller
    /// decides whether to send it again (never sent twice behind their back).
    #[error("the channel cannot confirm whether this reply arrived")]
    DeliveryUnknown,
    /// The channel kept failing this one reply with errors that usually pass; the outbox stopped
    /// trying so the reply does not wait forever unnoticed, and the seller decides.
    #[error("the channel failed {attempts} times in a row with this reply (last: {last})")]
    GaveUp { attempts: u32, last: String },
}

/// Every code [`ChannelError::code`] returns (the UI has a sentence for each).
pub const CHANNEL_ERROR_CODES: &[&str] = &[
    "rate_limited",
    "server_error",
    "offline",
    "token_revoked",
    "permission_missing",
    "secret_missing",
    "secret_store",
    "malformed_response",
    "blocked_conversation",
    "moderated",
    "too_long",
    "reply_window_closed",
    "already_answered",
    "reason_used",
    "rejected",
    "not_configured",
    "store",
    "disk_full",
    "delivery_unknown",
    "gave_up",
];

impl ChannelError {
    pub fn code(&self) -> &'static str {
        match self {
            ChannelError::RateLimited { .. } => "rate_limited",
            ChannelError::ServerError { .. } => "server_error",
            ChannelError::Offline(_) => "offline",
            ChannelError::TokenRevoked(_) => "token_revoked",
            ChannelError::PermissionMissing(_) => "permission_missing",
            ChannelError::SecretMissing(_) => "secret_missing",
            ChannelError::SecretStore(_) => "secret_store",
            ChannelError::MalformedResponse(_) => "malformed_response",
            ChannelError::BlockedConversation(_) => "blocked_conversation",
            ChannelError::Moderated(_) => "moderated",
            ChannelError::TooLong { .. } => "too_long",
            ChannelError::ReplyWindowClosed => "reply_window_closed",
            ChannelError::AlreadyAnswered => "already_answered",
            ChannelError::ReasonUsed(_) => "reason_used",
            ChannelError::Rejected { .. } => "rejected",
            ChannelError::NotConfigured(_) => "not_configured",
            ChannelError::Store(_) => "store",
            ChannelError::DiskFull(_) => "disk_full",
            ChannelError::DeliveryUnknown => "delivery_unknown",
            ChannelError::GaveUp { .. } => "gave_up",
        }
    }

    /// Worth trying again later without the seller doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ChannelError::RateLimited { .. }
                | ChannelError::ServerError { .. }
                | ChannelError::Offline(_)
                | ChannelError::MalformedResponse(_)
                | ChannelError::SecretStore(_)
                | ChannelError::Store(_)
                | ChannelError::DiskFull(_)
        )
    }

    /// Only the seller can fix it, by connecting the account again (or fixing the app's permissions).
    pub fn needs_reconnect(&self) -> bool {
        matches!(
            self,
            ChannelError::TokenRevoked(_)
                | ChannelError::PermissionMissing(_)
                | ChannelError::SecretMissing(_)
                | ChannelError::NotConfigured(_)
        )
    }
}

impl From<mostrador_core::Error> for ChannelError {
    fn from(e: mostrador_core::Error) -> Self {
        match e {
            mostrador_core::Error::DiskFull(detail) => ChannelError::DiskFull(detail),
            e => ChannelError::Store(format!("{} ({})", e, e.code())),
        }
    }
}

impl From<crate::secrets::SecretError> for ChannelError {
    fn from(e: crate::secrets::SecretError) -> Self {
        ChannelError::SecretStore(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed() {
        let samples = [
            ChannelError::RateLimited { retry_after: Some(3) },
            ChannelError::ServerError { status: 500 },
            ChannelError::Offline("x".into()),
            ChannelError::TokenRevoked("x".into()),
            ChannelError::PermissionMissing("x".into()),
            ChannelError::SecretMissing("x".into()),
            ChannelError::SecretStore("x".into()),
            ChannelError::MalformedResponse("x".into()),
            ChannelError::BlockedConversation("x".into()),
            ChannelError::Moderated("x".into()),
            ChannelError::TooLong { limit: 1 },
            ChannelError::ReplyWindowClosed,
            ChannelError::AlreadyAnswered,
            ChannelError::ReasonUsed("OTHER".into()),
            ChannelError::Rejected { status: 400, detail: "x".into() },
            ChannelError::NotConfigured("x".into()),
            ChannelError::Store("x".into()),
            ChannelError::DiskFull("x".into()),
            ChannelError::DeliveryUnknown,
            ChannelError::GaveUp { attempts: 8, last: "server_error".into() },
        ];
        let codes: Vec<_> = samples.iter().map(ChannelError::code).collect();
        assert_eq!(codes, CHANNEL_ERROR_CODES);
    }

    #[test]
    fn a_full_disk_keeps_its_own_code_and_is_tried_again() {
        let e = ChannelError::from(mostrador_core::Error::DiskFull("database or disk is full".into()));
        assert_eq!(e.code(), "disk_full");
        assert!(e.is_transient() && !e.needs_reconnect());
        let other = ChannelError::from(mostrador_core::Error::NotFound { what: "account 3".into() });
        assert_eq!(other.code(), "store");
    }
}
