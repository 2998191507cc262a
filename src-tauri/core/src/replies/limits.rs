//! The channels' limits on a seller's reply (see design/channels.md), as data.

use crate::vocabulary::{ChannelKind, ConversationKind};

/// A Mercado Libre answer to a pre-sale question.
pub(crate) const ML_PRE_SALE_MAX: u32 = 2000;
/// A seller's message in a Mercado Libre pack.
pub(crate) const ML_POST_SALE_MAX: u32 = 350;
pub(crate) const TELEGRAM_MAX: u32 = 4096;
pub(crate) const WHATSAPP_MAX: u32 = 4096;

/// The channels Mostrador sends through (the others reply by copy and paste).
pub fn sends_through_api(channel: ChannelKind) -> bool {
    matches!(channel, ChannelKind::MercadoLibre | ChannelKind::Telegram)
}

/// Characters the channel takes in one reply in this kind of conversation, when it has a limit
/// counted in characters.
pub fn max_chars(channel: ChannelKind, kind: ConversationKind) -> Option<u32> {
    match (channel, kind) {
        (ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion) => Some(ML_PRE_SALE_MAX),
        (ChannelKind::MercadoLibre, _) => Some(ML_POST_SALE_MAX),
        (ChannelKind::Telegram, _) => Some(TELEGRAM_MAX),
        (ChannelKind::WhatsApp, _) => Some(WHATSAPP_MAX),
        _ => None,
    }
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
        use ConversationKind::{Chat, PostSale, PreSaleQuestion};
        assert_eq!(max_chars(MercadoLibre, PreSaleQuestion), Some(2000));
        assert_eq!(max_chars(MercadoLibre, PostSale), Some(350));
        assert_eq!(max_chars(Telegram, Chat), Some(4096));
        assert_eq!(max_chars(ChannelKind::Email, ConversationKind::Email), None);
        assert!(sends_through_api(MercadoLibre) && sends_through_api(Telegram));
        for channel in [Etsy, Instagram, Messenger, WhatsApp, ChannelKind::Email, Other] {
            assert!(!sends_through_api(channel), "{channel} replies by copy and paste");
        }
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        assert_eq!(char_count("ñandú"), 5);
        assert_eq!(char_count("olá, tudo bem? 👍"), 16);
        assert_eq!("ñandú".len(), 7);
    }
}
