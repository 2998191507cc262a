//! The channels' limits on a seller's reply (see design/channels.md), as data.

use crate::vocabulary::{ChannelKind, ConversationKind};

/// A Mercado Libre answer to a pre-sale question.
pub(crate) const ML_PRE_SALE_MAX: u32 = 2000;
/// A seller's message in a Mercado Libre pack.
pub(crate) const ML_POST_SALE_MAX: u32 = 350;
pub(crate) const TELEGRAM_MAX: u32 = 4096;
pub(crate) const WHATSAPP_MAX: u32 = 4096;
/// An Instagram or Messenger message, counted in bytes of UTF-8 ("ñ" is two).
pub(crate) const META_MESSAGE_MAX_BYTES: u32 = 1000;
/// A public reply to an Instagram comment.
pub(crate) const INSTAGRAM_COMMENT_MAX: u32 = 2200;
/// A public reply to a comment on a Facebook Page's post.
pub(crate) const FACEBOOK_COMMENT_MAX: u32 = 8000;

/// The channels Mostrador sends through (the others reply by copy and paste).
pub fn sends_through_api(channel: ChannelKind) -> bool {
    matches!(
        channel,
        ChannelKind::MercadoLibre
            | ChannelKind::Telegram
            | ChannelKind::Instagram
            | ChannelKind::Messenger
            | ChannelKind::Email
    )
}

/// Characters the channel takes in one reply in this kind of conversation, when it has a limit
/// counted in characters.
pub fn max_chars(channel: ChannelKind, kind: ConversationKind) -> Option<u32> {
    match (channel, kind) {
        (ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion) => Some(ML_PRE_SALE_MAX),
        (ChannelKind::MercadoLibre, _) => Some(ML_POST_SALE_MAX),
        (ChannelKind::Telegram, _) => Some(TELEGRAM_MAX),
        (ChannelKind::WhatsApp, _) => Some(WHATSAPP_MAX),
        (ChannelKind::Instagram, ConversationKind::Comment) => Some(INSTAGRAM_COMMENT_MAX),
        (ChannelKind::Messenger, ConversationKind::Comment) => Some(FACEBOOK_COMMENT_MAX),
        _ => None,
    }
}

/// Bytes the channel takes in one reply, where it counts bytes: Instagram and Messenger messages
/// (a private reply to a comment is one too).
pub fn max_bytes(channel: ChannelKind, kind: ConversationKind) -> Option<u32> {
    match (channel, kind) {
        (ChannelKind::Instagram | ChannelKind::Messenger, ConversationKind::Comment) => None,
        (ChannelKind::Instagram | ChannelKind::Messenger, _) => Some(META_MESSAGE_MAX_BYTES),
        _ => None,
    }
}

/// The private reply to a comment is a message: Meta's byte limit.
pub const PRIVATE_REPLY_MAX_BYTES: u32 = META_MESSAGE_MAX_BYTES;

/// Length as Meta counts it: bytes of UTF-8.
pub fn byte_count(text: &str) -> u32 {
    u32::try_from(text.len()).unwrap_or(u32::MAX)
}

/// Length as the channels count it: Unicode scalar values, not bytes ("ñ" is one).
pub fn char_count(text: &str) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_follow_the_channel_and_the_kind_of_conversation() {
        use ChannelKind::*;
        use ConversationKind::{Chat, Comment, PostSale, PreSaleQuestion};
        assert_eq!(max_chars(MercadoLibre, PreSaleQuestion), Some(2000));
        assert_eq!(max_chars(MercadoLibre, PostSale), Some(350));
        assert_eq!(max_chars(Telegram, Chat), Some(4096));
        assert_eq!(max_chars(ChannelKind::Email, ConversationKind::Email), None);
        assert_eq!((max_chars(Instagram, Chat), max_bytes(Instagram, Chat)), (None, Some(1000)));
        assert_eq!((max_chars(Messenger, Chat), max_bytes(Messenger, Chat)), (None, Some(1000)));
        assert_eq!((max_chars(Instagram, Comment), max_bytes(Instagram, Comment)), (Some(2200), None));
        assert_eq!((max_chars(Messenger, Comment), max_bytes(Messenger, Comment)), (Some(8000), None));
        assert_eq!(max_bytes(Telegram, Chat), None);
        for channel in [MercadoLibre, Telegram, Instagram, Messenger, ChannelKind::Email] {
            assert!(sends_through_api(channel), "{channel} sends through its API");
        }
        for channel in [Etsy, WhatsApp, Other] {
            assert!(!sends_through_api(channel), "{channel} replies by copy and paste");
        }
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert_eq!(char_count("ñandú"), 5);
        assert_eq!(char_count("olá, tudo bem? 👍"), 16);
        assert_eq!("ñandú".len(), 7);
        assert_eq!(byte_count("ñandú"), 7, "Meta counts bytes");
        assert_eq!(byte_count("olá 👍"), 9);
    }
}
