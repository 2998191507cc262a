//! The words every area speaks: time as unix seconds, and the text enums stored in SQLite and sent to
//! the UI under the same stable strings (never renamed). Times are UTC everywhere; the caller passes
//! "now" in. Weekday and month names per language and tags as sellers type them live beside them.

pub(crate) mod date_words;
pub(crate) mod tags;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Seconds since the unix epoch, UTC.
pub type UnixSeconds = i64;

/// Stable text values: these strings are stored in SQLite and sent to the UI, never renamed.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use text_enum;

text_enum!(
    /// Where a conversation happens.
    ChannelKind {
        MercadoLibre = "mercado_libre",
        Etsy = "etsy",
        Instagram = "instagram",
        Messenger = "messenger",
        WhatsApp = "whatsapp",
        Telegram = "telegram",
        Email = "email",
        /// Classified-ads sites, Facebook Marketplace, fairs, the phone: captured by hand.
        Other = "other",
    }
);

text_enum!(
    ConversationKind {
        /// A public question on a listing (Mercado Libre pre-sale).
        PreSaleQuestion = "pre_sale_question",
        /// The thread of one purchase (Mercado Libre pack, Etsy order).
        PostSale = "post_sale",
        Chat = "chat",
        Email = "email",
        /// A public comment on one of the shop's posts (Instagram, a Facebook Page) with its replies.
        Comment = "comment",
    }
);

text_enum!(
    ConversationStatus {
        NeedsReply = "needs_reply",
        WaitingForBuyer = "waiting_for_buyer",
        Snoozed = "snoozed",
        Done = "done",
    }
);

text_enum!(
    Direction {
        /// Written by the buyer (or anyone who is not the seller).
        Incoming = "incoming",
        /// Written by the seller.
        Outgoing = "outgoing",
    }
);

text_enum!(
    /// Delivery and moderation state of one message.
    MessageStatus {
        Received = "received",
        /// Copied to the clipboard by the seller and recorded, not sent by the app.
        Copied = "copied",
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Failed = "failed",
        /// Removed or held by the channel's moderation (Mercado Libre).
        Moderated = "moderated",
        Rejected = "rejected",
    }
);

text_enum!(
    /// The order pipeline, in the order a sale normally walks through it.
    OrderStage {
        Inquiry = "inquiry",
        Agreed = "agreed",
        Paid = "paid",
        InProduction = "in_production",
        Ready = "ready",
        Shipped = "shipped",
        PickedUp = "picked_up",
        Delivered = "delivered",
        Cancelled = "cancelled",
    }
);

text_enum!(
    PaymentStatus {
        Unpaid = "unpaid",
        Partial = "partial",
        Paid = "paid",
        Refunded = "refunded",
    }
);

text_enum!(
    DeliveryMethod {
        Shipping = "shipping",
        Pickup = "pickup",
        MeetingPoint = "meeting_point",
    }
);

text_enum!(
    /// Languages the app speaks and saved answers are written in.
    Language {
        Es = "es",
        PtBr = "pt-BR",
        En = "en",
    }
);

crate::store::text_enums::text_column!(
    ChannelKind,
    ConversationKind,
    ConversationStatus,
    Direction,
    MessageStatus,
    OrderStage,
    PaymentStatus,
    DeliveryMethod,
    Language,
);
