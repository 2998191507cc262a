//! The domain's vocabulary and the transport types the shell hands to the UI.
//!
//! Every type the UI sees derives `TS`; `cargo xtask test` regenerates
//! `ui/src/lib/ipc/bindings.ts` from them and fails when the checked-in file is stale.
//! Times are unix seconds (UTC) everywhere; the caller passes "now" in.

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

// ---------------------------------------------------------------- input to the core

/// A seller's account on one channel. Never holds secrets: tokens live in the OS keychain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewAccount {
    pub channel: ChannelKind,
    pub display_name: String,
    /// The channel's id for the seller (Mercado Libre user id, bot username, e-mail address).
    pub external_id: Option<String>,
    /// Channel-specific, non-secret settings (site id, base URL, "me" author name…).
    #[ts(type = "Record<string, unknown>")]
    pub settings: serde_json::Value,
}

/// Who the buyer is on the account a message arrived through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BuyerIdentityInput {
    /// The channel's id for the buyer, unique per account (ML user id, phone, e-mail address).
    pub external_id: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// The conversation a message belongs to, keyed by (account, external_ref).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConversationRef {
    /// ML question id or pack id, chat id, e-mail thread root…
    pub external_ref: String,
    pub kind: ConversationKind,
    /// A listing title or an e-mail subject, when the channel has one.
    pub subject: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttachmentInput {
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    /// Path inside the app's data folder when the file was kept.
    pub local_path: Option<String>,
    /// The channel's id or URL for it, when it was not downloaded.
    pub remote_ref: Option<String>,
}

/// One message from any channel, as the ingest entry point takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IngestMessage {
    #[ts(type = "number")]
    pub account_id: i64,
    pub conversation: ConversationRef,
    pub buyer: BuyerIdentityInput,
    /// Unique per account: re-ingesting the same id updates instead of duplicating.
    pub external_id: String,
    pub direction: Direction,
    /// Display name of whoever wrote it (in a group chat, one of several).
    pub author: String,
    pub text: String,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    pub status: MessageStatus,
    pub attachments: Vec<AttachmentInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IngestReport {
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub conversations_touched: u32,
}

/// Identifies a stored message by what the channel calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageRef {
    #[ts(type = "number")]
    pub account_id: i64,
    pub external_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderItem {
    pub product: String,
    pub variant: Option<String>,
    pub quantity: u32,
    /// Price of one piece in the currency's minor unit (centavos).
    #[ts(type = "number")]
    pub unit_price_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Delivery {
    pub method: DeliveryMethod,
    /// Street address for shipping.
    pub address: Option<String>,
    /// Pickup point or meeting place ("Subte Línea D, estación Tribunales").
    pub place: Option<String>,
    /// When, in the seller's words ("next week, 18:30").
    pub time_note: Option<String>,
    /// Someone other than the buyer who picks up ("her husband").
    pub picked_up_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewOrder {
    #[ts(type = "number")]
    pub buyer_id: i64,
    /// The conversation the order was agreed in, if any.
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    pub stage: OrderStage,
    /// ISO 4217 code: ARS, BRL, USD…
    pub currency: String,
    pub items: Vec<OrderItem>,
    /// Agreed due date, `YYYY-MM-DD` in the shop's time zone.
    pub due_date: Option<String>,
    pub delivery: Option<Delivery>,
    pub payment_status: PaymentStatus,
    pub notes: String,
    /// Messages that belong to this order's thread.
    pub messages: Vec<MessageRef>,
}

// ---------------------------------------------------------------- output to the UI

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxQuery {
    pub status: Option<ConversationStatus>,
    pub channel: Option<ChannelKind>,
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
    /// Full-text search over message text and buyer names, accent- and case-insensitive.
    pub search: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

impl Default for InboxQuery {
    fn default() -> Self {
        InboxQuery { status: None, channel: None, account_id: None, search: None, limit: 200, offset: 0 }
    }
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxRow {
    #[ts(type = "number")]
    pub conversation_id: i64,
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub buyer_name: String,
    pub channel: ChannelKind,
    #[ts(type = "number")]
    pub account_id: i64,
    pub account_name: String,
    pub kind: ConversationKind,
    pub status: ConversationStatus,
    pub subject: Option<String>,
    /// First line of the last message, at most 140 characters.
    pub preview: String,
    pub last_direction: Option<Direction>,
    #[ts(type = "number | null")]
    pub last_message_at: Option<UnixSeconds>,
    /// When the buyer started waiting for a reply (oldest unanswered incoming message).
    #[ts(type = "number | null")]
    pub waiting_since: Option<UnixSeconds>,
    /// `now - waiting_since`, computed by the core with the time the caller passed in.
    #[ts(type = "number | null")]
    pub waiting_seconds: Option<i64>,
    /// Stage of the newest open order in this conversation.
    pub order_stage: Option<OrderStage>,
    pub tags: Vec<String>,
    pub unread: u32,
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    /// All rows matching the query, not only this page.
    pub total: u32,
    /// Conversations needing a reply across the whole store (for the title and badge).
    pub needs_reply: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttachmentView {
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    pub local_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MessageView {
    #[ts(type = "number")]
    pub id: i64,
    pub direction: Direction,
    pub author: String,
    pub text: String,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    pub status: MessageStatus,
    pub attachments: Vec<AttachmentView>,
    /// The order thread this message belongs to, if any.
    #[ts(type = "number | null")]
    pub order_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IdentityView {
    #[ts(type = "number")]
    pub account_id: i64,
    pub channel: ChannelKind,
    pub account_name: String,
    pub external_id: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BuyerView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub identities: Vec<IdentityView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub buyer_id: i64,
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    pub stage: OrderStage,
    pub currency: String,
    pub items: Vec<OrderItem>,
    #[ts(type = "number")]
    pub total_minor: i64,
    pub due_date: Option<String>,
    pub delivery: Option<Delivery>,
    pub payment_status: PaymentStatus,
    pub notes: String,
    #[ts(type = "number")]
    pub created_at: UnixSeconds,
}

/// Everything the conversation screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConversationView {
    pub summary: InboxRow,
    pub buyer: BuyerView,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// The buyer's orders, newest first.
    pub orders: Vec<OrderView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelCount {
    pub channel: ChannelKind,
    pub accounts: u32,
    pub conversations: u32,
    pub messages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusCount {
    pub status: ConversationStatus,
    pub conversations: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stats {
    pub accounts: u32,
    pub buyers: u32,
    pub conversations: u32,
    pub messages: u32,
    pub orders: u32,
    pub per_channel: Vec<ChannelCount>,
    pub per_status: Vec<StatusCount>,
}

/// Settings the seller changes in the app.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// `None` follows the operating system's language.
    pub language: Option<Language>,
    pub shop_name: Option<String>,
    /// IANA zone of the shop (`America/Argentina/Cordoba`); `None` uses the system's.
    pub time_zone: Option<String>,
}
