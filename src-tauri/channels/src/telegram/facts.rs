//! Telegram facts the connector acts on (channels.md), kept as data.

/// Characters of a message.
pub(crate) const MAX_CHARS: usize = 4096;
/// Updates per getUpdates call (1–100).
pub(crate) const UPDATES_PAGE: u32 = 100;
/// Seconds a getUpdates call waits for news (a long poll); settings `long_poll_secs` overrides it.
pub(crate) const LONG_POLL_SECS: u64 = 25;
/// Telegram Business: the bot may reply in a chat this long after the buyer's last message.
pub(crate) const BUSINESS_REPLY_WINDOW_SECS: i64 = 24 * 3600;
/// Plain bot chats and Telegram Business chats, with edits and deletions.
pub(crate) const ALLOWED_UPDATES: &[&str] = &[
    "message",
    "edited_message",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
];
