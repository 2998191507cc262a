//! What the composer may do in a conversation: send through the channel (Mercado Libre, Telegram,
//! Instagram and Messenger accounts that were connected) or copy for pasting (every other channel),
//! within which limits, and whether the channel takes a reply at all right now — publicly under a
//! comment, or as the one private reply to it.

use rusqlite::{OptionalExtension, Transaction};

use super::SendRefusal;
use super::limits::{
    PRIVATE_REPLY_MAX_BYTES, byte_count, char_count, max_bytes, max_chars, sends_through_api,
};
use crate::replies::{PostSaleReasonChoice, ReplyRoute, SendCapability, SendMode};
use crate::vocabulary::{ChannelKind, ConversationKind, UnixSeconds};
use crate::{Error, Result};

/// The facts about a conversation and its account that decide how a reply goes out.
#[derive(Debug, Clone)]
pub(crate) struct ReplyFacts {
    pub(crate) account_id: i64,
    pub(crate) channel: ChannelKind,
    pub(crate) kind: ConversationKind,
    pub(crate) external_ref: String,
    pub(crate) subject: Option<String>,
    pub(crate) buyer_id: i64,
    pub(crate) settings: serde_json::Value,
    pub(crate) disabled: bool,
    pub(crate) blocked_reason: Option<String>,
    pub(crate) reply_until: Option<UnixSeconds>,
    /// Until when a comment takes its one private reply (set by the connector).
    pub(crate) private_reply_until: Option<UnixSeconds>,
    /// A private reply to this comment is queued, on its way or sent (a cancelled one does not count).
    pub(crate) private_reply_taken: bool,
    /// The seller's reply is stored already: sent, on its way, or copied to paste.
    pub(crate) answered: bool,
    /// The account's name in the app (the last fallback for how replies are signed).
    pub(crate) account_name: String,
    /// The buyer has written in this conversation.
    pub(crate) buyer_wrote: bool,
}

impl ReplyFacts {
    /// Connected through a connector: it knows where the channel's API is. Accounts added by hand,
    /// imported chats and the sample shop have no API base.
    /// Connected through a connector: an API's base address, or a mailbox's IMAP server.
    pub(crate) fn connected(&self) -> bool {
        crate::accounts::has_connector(&self.settings)
    }

    /// The seller's name on this account, as replies are signed in the thread: an explicit "me",
    /// else what the connector stored (the Mercado Libre nickname, the bot's username), else the
    /// account's name.
    /// Mercado Libre opens a post-sale conversation to the seller only through a reason of its
    /// action guide; once the buyer writes, replies are free.
    pub(crate) fn needs_reason(&self) -> bool {
        self.channel == ChannelKind::MercadoLibre
            && self.kind == ConversationKind::PostSale
            && !self.buyer_wrote
    }

    pub(crate) fn me(&self) -> String {
        ["me", "nickname", "username"]
            .iter()
            .filter_map(|key| self.settings.get(*key).and_then(serde_json::Value::as_str))
            .map(str::trim)
            .find(|name| !name.is_empty())
            .unwrap_or(self.account_name.trim())
            .to_owned()
    }
}

pub(crate) fn load(tx: &Transaction<'_>, conversation_id: i64) -> Result<ReplyFacts> {
    tx.prepare_cached(
        "SELECT c.account_id, a.channel, c.kind, c.external_ref, c.subject, c.buyer_id, a.settings, a.disabled,
                c.blocked_reason, c.reply_until,
                EXISTS (SELECT 1 FROM messages m
                         WHERE m.conversation_id = c.id AND m.direction = 'outgoing'
                           AND m.status IN ('queued', 'sending', 'sent', 'copied')),
                a.display_name, c.private_reply_until,
                EXISTS (SELECT 1 FROM outbox o
                         WHERE o.conversation_id = c.id AND o.route = 'private_reply' AND o.state <> 'cancelled'),
                EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'incoming')
           FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?1",
    )?
    .query_row([conversation_id], |row| {
        let settings: String = row.get(6)?;
        Ok(ReplyFacts {
            account_id: row.get(0)?,
            channel: row.get(1)?,
            kind: row.get(2)?,
            external_ref: row.get(3)?,
            subject: row.get(4)?,
            buyer_id: row.get(5)?,
            settings: serde_json::from_str(&settings).unwrap_or(serde_json::Value::Null),
            disabled: row.get(7)?,
            blocked_reason: row.get(8)?,
            reply_until: row.get(9)?,
            answered: row.get(10)?,
            account_name: row.get(11)?,
            private_reply_until: row.get(12)?,
            private_reply_taken: row.get(13)?,
            buyer_wrote: row.get(14)?,
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: format!("conversation {conversation_id}") })
}

/// Send mode for connected, active accounts of the channels with an API; copy mode for the rest.
pub(crate) fn capability(facts: &ReplyFacts) -> SendCapability {
    let sends = sends_through_api(facts.channel) && facts.connected() && !facts.disabled;
    let ml_answer =
        facts.channel == ChannelKind::MercadoLibre && facts.kind == ConversationKind::PreSaleQuestion;
    SendCapability {
        mode: if sends { SendMode::Send } else { SendMode::Copy },
        max_chars: max_chars(facts.channel, facts.kind),
        max_bytes: max_bytes(facts.channel, facts.kind),
        public_and_permanent: ml_answer,
        public: ml_answer || facts.kind == ConversationKind::Comment,
        blocked_reason: facts.blocked_reason.clone(),
        reply_until: facts.reply_until,
        private_reply_until: facts.private_reply_until.filter(|_| sends && !facts.private_reply_taken),
        opens_in_app: matches!(facts.channel, ChannelKind::Instagram | ChannelKind::Messenger),
        needs_reason: sends && facts.needs_reason(),
    }
}

pub(crate) fn of_conversation(tx: &Transaction<'_>, conversation_id: i64) -> Result<SendCapability> {
    Ok(capability(&load(tx, conversation_id)?))
}

/// Why the outbox would refuse `text` (already trimmed) by `route`, with or without a Mercado
/// Libre reason, now, if it would.
pub(crate) fn refusal(
    facts: &ReplyFacts,
    text: &str,
    route: ReplyRoute,
    reason: Option<&PostSaleReasonChoice>,
    now: UnixSeconds,
) -> Option<SendRefusal> {
    if text.is_empty() {
        return Some(SendRefusal::Empty);
    }
    if !sends_through_api(facts.channel) || !facts.connected() {
        return Some(SendRefusal::CopyMode);
    }
    if facts.disabled {
        return Some(SendRefusal::AccountDisabled);
    }
    if let Some(reason) = &facts.blocked_reason {
        return Some(SendRefusal::Blocked { reason: reason.clone() });
    }
    if route == ReplyRoute::PrivateReply {
        return match facts.private_reply_until {
            _ if facts.kind != ConversationKind::Comment || facts.private_reply_taken => {
                Some(SendRefusal::PrivateReplyUnavailable)
            }
            Some(until) if now <= until => too_many_bytes(text, PRIVATE_REPLY_MAX_BYTES),
            _ => Some(SendRefusal::PrivateReplyUnavailable),
        };
    }
    match reason {
        None if facts.needs_reason() => return Some(SendRefusal::NeedsReason),
        Some(_) if !facts.needs_reason() => return Some(SendRefusal::ReasonNotNeeded),
        Some(choice) if choice.option_id.trim().is_empty() => return Some(SendRefusal::NeedsReason),
        _ => {}
    }
    if facts.answered
        && facts.channel == ChannelKind::MercadoLibre
        && facts.kind == ConversationKind::PreSaleQuestion
    {
        return Some(SendRefusal::AlreadyAnswered);
    }
    if let Some(until) = facts.reply_until
        && now > until
    {
        return Some(SendRefusal::WindowClosed { until });
    }
    let length = char_count(text);
    match max_chars(facts.channel, facts.kind) {
        Some(max) if length > max => return Some(SendRefusal::TooLong { length, max }),
        _ => {}
    }
    max_bytes(facts.channel, facts.kind).and_then(|max| too_many_bytes(text, max))
}

fn too_many_bytes(text: &str, max: u32) -> Option<SendRefusal> {
    let bytes = byte_count(text);
    (bytes > max).then_some(SendRefusal::TooManyBytes { bytes, max })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(channel: ChannelKind, kind: ConversationKind, settings: serde_json::Value) -> ReplyFacts {
        ReplyFacts {
            account_id: 1,
            channel,
            kind,
            external_ref: "x".into(),
            subject: None,
            buyer_id: 1,
            settings,
            disabled: false,
            blocked_reason: None,
            reply_until: None,
            private_reply_until: None,
            private_reply_taken: false,
            answered: false,
            account_name: "Taller Luna".into(),
            buyer_wrote: true,
        }
    }

    fn refusal(facts: &ReplyFacts, text: &str, now: UnixSeconds) -> Option<SendRefusal> {
        super::refusal(facts, text, ReplyRoute::Thread, None, now)
    }

    fn connected() -> serde_json::Value {
        serde_json::json!({"api_base": "http://127.0.0.1:9"})
    }

    #[test]
    fn mercado_libre_after_a_sale_takes_a_reason_until_the_buyer_writes() {
        let mut facts = facts(ChannelKind::MercadoLibre, ConversationKind::PostSale, connected());
        facts.buyer_wrote = false;
        let reason = PostSaleReasonChoice {
            option_id: "REQUEST_VARIANTS".into(),
            template_id: Some("TEMPLATE___REQUEST_VARIANTS___1".into()),
            vars: Vec::new(),
        };
        let with_reason =
            |facts: &ReplyFacts| super::refusal(facts, "Hola", ReplyRoute::Thread, Some(&reason), 0);
        assert_eq!(refusal(&facts, "¡Gracias por tu compra!", 0), Some(SendRefusal::NeedsReason));
        assert_eq!(with_reason(&facts), None);
        assert!(capability(&facts).needs_reason);

        facts.buyer_wrote = true;
        assert_eq!(refusal(&facts, "Sí, sale mañana.", 0), None);
        assert_eq!(with_reason(&facts), Some(SendRefusal::ReasonNotNeeded));
        assert!(!capability(&facts).needs_reason);

        // Only Mercado Libre's post-sale conversations: a question, or another channel, never.
        let mut question = facts.clone();
        question.kind = ConversationKind::PreSaleQuestion;
        question.buyer_wrote = false;
        assert!(!question.needs_reason());
        let mut telegram = facts.clone();
        telegram.channel = ChannelKind::Telegram;
        telegram.buyer_wrote = false;
        assert!(!telegram.needs_reason());
    }

    #[test]
    fn replies_are_signed_with_what_the_connector_stored() {
        let ml = |settings| facts(ChannelKind::MercadoLibre, ConversationKind::PostSale, settings);
        assert_eq!(ml(serde_json::json!({"me": "Luna", "nickname": "TALLERLUNA"})).me(), "Luna");
        assert_eq!(ml(serde_json::json!({"nickname": "TALLERLUNA"})).me(), "TALLERLUNA");
        assert_eq!(ml(serde_json::json!({"nickname": " ", "username": "luna_bot"})).me(), "luna_bot");
        assert_eq!(ml(serde_json::json!({"api_base": "x"})).me(), "Taller Luna");
    }

    #[test]
    fn only_connected_accounts_of_channels_with_an_api_send() {
        let ml = facts(ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion, connected());
        let cap = capability(&ml);
        assert_eq!((cap.mode, cap.max_chars, cap.public_and_permanent), (SendMode::Send, Some(2000), true));
        let pack = facts(ChannelKind::MercadoLibre, ConversationKind::PostSale, connected());
        assert_eq!((capability(&pack).max_chars, capability(&pack).public_and_permanent), (Some(350), false));
        let tg = facts(ChannelKind::Telegram, ConversationKind::Chat, connected());
        assert_eq!((capability(&tg).mode, capability(&tg).max_chars), (SendMode::Send, Some(4096)));

        let mailbox = facts(
            ChannelKind::Email,
            ConversationKind::Email,
            serde_json::json!({"imap_host": "imap.example.com"}),
        );
        assert_eq!((capability(&mailbox).mode, capability(&mailbox).max_chars), (SendMode::Send, None));
        let pasted = facts(ChannelKind::Email, ConversationKind::Email, serde_json::json!({}));
        assert_eq!(capability(&pasted).mode, SendMode::Copy, "a mailbox that is not connected copies");

        let sample =
            facts(ChannelKind::MercadoLibre, ConversationKind::PostSale, serde_json::json!({"sample": true}));
        assert_eq!(capability(&sample).mode, SendMode::Copy, "an account without a connector copies");
        for channel in [ChannelKind::WhatsApp, ChannelKind::Etsy, ChannelKind::Other] {
            let other = facts(channel, ConversationKind::Chat, connected());
            assert_eq!(capability(&other).mode, SendMode::Copy, "{channel} copies");
            assert_eq!(refusal(&other, "hola", 0), Some(SendRefusal::CopyMode));
        }
        let mut paused = facts(ChannelKind::Telegram, ConversationKind::Chat, connected());
        paused.disabled = true;
        assert_eq!(capability(&paused).mode, SendMode::Copy);
        assert_eq!(refusal(&paused, "hola", 0), Some(SendRefusal::AccountDisabled));
    }

    #[test]
    fn refusals_say_why() {
        let mut pack = facts(ChannelKind::MercadoLibre, ConversationKind::PostSale, connected());
        assert_eq!(refusal(&pack, "", 0), Some(SendRefusal::Empty));
        assert_eq!(refusal(&pack, &"ñ".repeat(350), 0), None, "350 characters, 700 bytes: fits");
        assert_eq!(refusal(&pack, &"ñ".repeat(351), 0), Some(SendRefusal::TooLong { length: 351, max: 350 }));
        pack.blocked_reason = Some("blocked_by_time".into());
        assert_eq!(
            refusal(&pack, "hola", 0),
            Some(SendRefusal::Blocked { reason: "blocked_by_time".into() })
        );
        assert_eq!(capability(&pack).blocked_reason.as_deref(), Some("blocked_by_time"));

        let mut question = facts(ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion, connected());
        question.answered = true;
        assert_eq!(refusal(&question, "hola", 0), Some(SendRefusal::AlreadyAnswered));
        let mut chat = facts(ChannelKind::Telegram, ConversationKind::Chat, connected());
        chat.answered = true;
        assert_eq!(refusal(&chat, "otra más", 0), None, "chats take many replies");

        let mut business = facts(ChannelKind::Telegram, ConversationKind::Chat, connected());
        business.reply_until = Some(1000);
        assert_eq!(refusal(&business, "hola", 1000), None);
        assert_eq!(refusal(&business, "hola", 1001), Some(SendRefusal::WindowClosed { until: 1000 }));
        assert_eq!(
            refusal(&business, &"a".repeat(4097), 0),
            Some(SendRefusal::TooLong { length: 4097, max: 4096 })
        );
    }

    #[test]
    fn instagram_and_messenger_count_bytes_and_comments_take_one_private_reply() {
        let dm = facts(ChannelKind::Instagram, ConversationKind::Chat, connected());
        let cap = capability(&dm);
        assert_eq!(
            (cap.mode, cap.max_chars, cap.max_bytes, cap.public),
            (SendMode::Send, None, Some(1000), false)
        );
        assert!(cap.opens_in_app);
        assert_eq!(cap.private_reply_until, None, "a direct conversation has no private reply");
        assert_eq!(refusal(&dm, &"ñ".repeat(500), 0), None, "500 letters, 1000 bytes: fits");
        assert_eq!(
            refusal(&dm, &"ñ".repeat(501), 0),
            Some(SendRefusal::TooManyBytes { bytes: 1002, max: 1000 })
        );
        assert_eq!(
            super::refusal(&dm, "hola", ReplyRoute::PrivateReply, None, 0),
            Some(SendRefusal::PrivateReplyUnavailable)
        );

        let mut comment = facts(ChannelKind::Messenger, ConversationKind::Comment, connected());
        comment.private_reply_until = Some(7 * 86_400);
        let cap = capability(&comment);
        assert_eq!((cap.max_chars, cap.max_bytes, cap.public), (Some(8000), None, true));
        assert_eq!(cap.private_reply_until, Some(7 * 86_400));
        assert_eq!(refusal(&comment, &"ñ".repeat(800), 0), None, "a public reply counts characters");
        let private = |facts: &ReplyFacts, text: &str, now| {
            super::refusal(facts, text, ReplyRoute::PrivateReply, None, now)
        };
        assert_eq!(private(&comment, "te escribo por privado", 7 * 86_400), None);
        assert_eq!(private(&comment, "tarde", 7 * 86_400 + 1), Some(SendRefusal::PrivateReplyUnavailable));
        assert_eq!(
            private(&comment, &"ñ".repeat(501), 0),
            Some(SendRefusal::TooManyBytes { bytes: 1002, max: 1000 })
        );
        comment.private_reply_taken = true;
        assert_eq!(capability(&comment).private_reply_until, None, "one private reply per comment");
        assert_eq!(private(&comment, "otra", 0), Some(SendRefusal::PrivateReplyUnavailable));
    }
}
