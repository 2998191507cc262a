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
    /// Conversations with this tag (exact, as stored).
    #[serde(default)]
    pub tag: Option<String>,
    /// Conversations with an order at this stage.
    #[serde(default)]
    pub order_stage: Option<OrderStage>,
    /// `true`: only conversations with an order; `false`: only those without one.
    #[serde(default)]
    pub has_order: Option<bool>,
    pub limit: u32,
    pub offset: u32,
}

impl Default for InboxQuery {
    fn default() -> Self {
        InboxQuery {
            status: None,
            channel: None,
            account_id: None,
            search: None,
            tag: None,
            order_stage: None,
            has_order: None,
            limit: 200,
            offset: 0,
        }
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
    /// The reply target of this conversation's channel (and kind, for Mercado Libre), in seconds.
    #[ts(type = "number")]
    pub target_seconds: i64,
    /// The wait as the target counts it: shop hours when the shop calendar sets opening hours
    /// (wall-clock otherwise), counted only up to the target. `target_level` compares this one.
    #[ts(type = "number | null")]
    pub target_waiting_seconds: Option<i64>,
    /// How the wait compares with the target; `None` when nobody is waiting.
    pub target_level: Option<TargetLevel>,
    /// Where the searched words are in `preview` (empty without a search).
    pub highlights: Vec<TextRange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InboxPage {
    pub rows: Vec<InboxRow>,
    /// All rows matching the query, not only this page.
    pub total: u32,
    /// Conversations needing a reply across the whole store (for the title and badge).
    pub needs_reply: u32,
    /// A search with very many matches stops counting: `total` is then a lower bound.
    pub total_capped: bool,
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
    /// Why a reply the app sent failed: the outbox's error code (the UI translates it).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub failure: Option<String>,
    /// The channel's moderation reason for a moderated or rejected reply.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub moderation_reason: Option<String>,
    /// When the buyer deleted it on the channel (the text is kept).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub deleted_at: Option<UnixSeconds>,
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
    /// What the order still needs (empty once delivered or cancelled), computed by the core.
    pub checklist: Vec<ChecklistEntry>,
    /// Stages the seller may move this order to now.
    pub next_stages: Vec<OrderStage>,
    /// Messages in this order's thread, across the buyer's conversations.
    pub message_count: u32,
}

/// Everything the conversation screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConversationView {
    pub summary: InboxRow,
    pub buyer: BuyerView,
    /// The newest messages, oldest first (see `has_older_messages`).
    pub messages: Vec<MessageView>,
    /// Older messages exist than the ones in `messages` (fetch them with `older_messages`).
    pub has_older_messages: bool,
    /// The buyer's orders, newest first.
    pub orders: Vec<OrderView>,
    /// Whether the composer sends through the channel or copies (and the channel's limits).
    pub send: SendCapability,
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

/// How the shop answers (`metrics.rs`): the last four calendar months in the shop's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Metrics {
    /// When they were computed (waits are measured up to here).
    pub now: UnixSeconds,
    /// The start of the period: midnight on the first day of the oldest month.
    pub since: UnixSeconds,
    /// The zone months and hours are counted in.
    pub time_zone: String,
    /// The shop calendar has opening hours: the `*_shop_hours` figures count only those.
    pub shop_hours: bool,
    /// Channels with conversations in the period or waiting now, in a fixed channel order.
    pub channels: Vec<ChannelMetrics>,
    /// Every channel together (`channel` is `None`).
    pub total: ChannelMetrics,
    /// Oldest first.
    pub months: Vec<MonthMetrics>,
    /// Buyers' messages per weekday (0 = Monday) and hour of the shop's clock, all 168 hours.
    pub busiest: Vec<HourCount>,
}

/// One channel's figures (or all channels').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelMetrics {
    pub channel: Option<ChannelKind>,
    /// Conversations whose buyer first wrote in the period.
    pub conversations: u32,
    /// Of those, the ones with a reply.
    pub answered: u32,
    /// Seconds from the buyer's first message to the first reply (median, 90th percentile).
    pub first_response_median: Option<i64>,
    pub first_response_p90: Option<i64>,
    /// The same counted in shop hours; `None` without opening hours.
    pub first_response_median_shop_hours: Option<i64>,
    pub first_response_p90_shop_hours: Option<i64>,
    /// Conversations that need a reply now, whenever they started.
    pub unanswered_now: u32,
    pub oldest_waiting_since: Option<UnixSeconds>,
    /// Conversations of the period with an order (not cancelled).
    pub with_order: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthMetrics {
    /// `YYYY-MM`.
    pub month: String,
    pub conversations: u32,
    pub with_order: u32,
    pub first_response_median: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HourCount {
    pub weekday: u8,
    pub hour: u8,
    pub messages: u32,
}

/// A copy of the database the app made by itself (`daily_backups.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    pub taken_at: UnixSeconds,
    pub size_bytes: u64,
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

// ---- buyers and order threads (orders engineer, issue 3)

text_enum!(
    /// Something an order still needs before it can be made and handed over.
    ChecklistItem {
        /// What is being made.
        Product = "product",
        Variant = "variant",
        Quantity = "quantity",
        /// How it reaches the buyer, with the address (shipping) or place (pickup, meeting point).
        Delivery = "delivery",
        /// The due date.
        Date = "date",
        Payment = "payment",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChecklistEntry {
    pub item: ChecklistItem,
    pub done: bool,
}

/// What the seller edits on the order card (the stage moves separately, see `set_order_stage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderUpdate {
    pub currency: String,
    pub items: Vec<OrderItem>,
    /// `YYYY-MM-DD` in the shop's time zone.
    pub due_date: Option<String>,
    pub delivery: Option<Delivery>,
    pub payment_status: PaymentStatus,
    pub notes: String,
}

/// Which messages of a conversation to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThreadFilter {
    All,
    /// One order's messages, from every conversation of the buyer (other channels included).
    Order {
        #[ts(type = "number")]
        order_id: i64,
    },
    /// Messages of this conversation that belong to no order.
    Unsorted,
}

/// A message in a (possibly filtered) conversation view, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ThreadMessage {
    pub message: MessageView,
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub channel: ChannelKind,
    pub account_name: String,
    /// True when the message is from another conversation than the one on screen.
    pub elsewhere: bool,
}

text_enum!(
    MergeReasonKind {
        /// The same phone line, however it was written.
        SamePhone = "same_phone",
        /// The same e-mail address, ignoring case.
        SameEmail = "same_email",
        /// The same full name on two channels, ignoring case and accents.
        SameName = "same_name",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeReason {
    pub kind: MergeReasonKind,
    /// What matched, as the seller can recognise it (`+5493515551234`, `caro@mail.com`, `Carolina Méndez`).
    pub value: String,
}

/// Another buyer who is probably the same person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeSuggestion {
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub name: String,
    pub channels: Vec<ChannelKind>,
    pub reasons: Vec<MergeReason>,
}

/// A merge into this buyer that can be undone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeRecord {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub source_buyer_id: i64,
    pub source_name: String,
    pub reasons: Vec<MergeReason>,
    #[ts(type = "number")]
    pub merged_at: UnixSeconds,
    pub identities: u32,
    pub conversations: u32,
    pub orders: u32,
}

/// Everything the buyer page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BuyerPage {
    pub buyer: BuyerView,
    /// Newest activity first.
    pub conversations: Vec<InboxRow>,
    /// Newest first.
    pub orders: Vec<OrderView>,
    pub suggestions: Vec<MergeSuggestion>,
    /// Merges into this buyer that are still in place, newest first.
    pub merges: Vec<MergeRecord>,
    /// Buyers the seller said are not this person (never suggested again), newest first.
    pub dismissed: Vec<DismissedMerge>,
}

/// One open order on the today view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TodayRow {
    pub order: OrderView,
    pub buyer_name: String,
    pub channel: Option<ChannelKind>,
    /// Days from today to the due date: negative when overdue, `None` without a date.
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TodayView {
    /// Today in the shop's time zone, `YYYY-MM-DD`.
    pub date: String,
    /// Overdue first, then by due date; orders without a date last.
    pub rows: Vec<TodayRow>,
}

// ---- triage (the inbox engineer: statuses, snoozes, targets, bulk actions, drafts)

text_enum!(
    /// How long the buyer has waited compared with the channel's reply target.
    TargetLevel {
        Ok = "ok",
        /// At least 75 % of the target has gone by.
        Near = "near",
        /// The target has passed.
        Late = "late",
    }
);

/// A range of a text to mark, in UTF-16 code units (JavaScript string indexes), `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

/// Reply targets per channel, in seconds; editable in the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReplyTargets {
    #[ts(type = "number")]
    pub ml_pre_sale: i64,
    #[ts(type = "number")]
    pub ml_post_sale: i64,
    #[ts(type = "number")]
    pub instagram: i64,
    #[ts(type = "number")]
    pub messenger: i64,
    #[ts(type = "number")]
    pub whatsapp: i64,
    #[ts(type = "number")]
    pub telegram: i64,
    #[ts(type = "number")]
    pub etsy: i64,
    #[ts(type = "number")]
    pub email: i64,
    #[ts(type = "number")]
    pub other: i64,
}

impl Default for ReplyTargets {
    fn default() -> Self {
        const HOUR: i64 = 3600;
        ReplyTargets {
            ml_pre_sale: HOUR,
            ml_post_sale: 4 * HOUR,
            instagram: 2 * HOUR,
            messenger: 2 * HOUR,
            whatsapp: 2 * HOUR,
            telegram: 2 * HOUR,
            etsy: 24 * HOUR,
            email: 24 * HOUR,
            other: 24 * HOUR,
        }
    }
}

/// Hours in which desktop notifications stay silent, `HH:MM` in the shop's time zone; `start` after
/// `end` spans midnight (22:00–08:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TriageSettings {
    pub reply_targets: ReplyTargets,
    pub quiet_hours: Option<QuietHours>,
}

text_enum!(
    /// The snooze menu's ready-made choices.
    SnoozePreset {
        /// Three hours from now, on the hour.
        LaterToday = "later_today",
        /// Tomorrow at the shop's opening time (08:00 when it has none).
        TomorrowMorning = "tomorrow_morning",
        /// Next Monday at the shop's opening time.
        NextWeek = "next_week",
    }
);

/// How long to snooze: a preset, a date (its morning), or until the buyer writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SnoozeChoice {
    Preset {
        preset: SnoozePreset,
    },
    /// `YYYY-MM-DD` in the shop's time zone.
    Date {
        date: String,
    },
    UntilReply,
}

/// One line of the snooze menu, with the time the core computed for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnoozeOption {
    pub preset: SnoozePreset,
    #[ts(type = "number")]
    pub until: UnixSeconds,
}

/// What a bulk action does to every selected conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    /// Needs reply, waiting for buyer or done (snoozing goes through `Snooze`).
    SetStatus {
        status: ConversationStatus,
    },
    Snooze {
        choice: SnoozeChoice,
    },
    AddTag {
        tag: String,
    },
    RemoveTag {
        tag: String,
    },
    Pin {
        pinned: bool,
    },
}

/// An account as the channel filter lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountOption {
    #[ts(type = "number")]
    pub id: i64,
    pub channel: ChannelKind,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub text: String,
    #[ts(type = "number")]
    pub updated_at: UnixSeconds,
}

/// What happened since the last look, for grouped desktop notifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TriageAlerts {
    /// Incoming messages stored after `since`.
    pub new_messages: u32,
    /// How many conversations they arrived in.
    pub new_conversations: u32,
    /// Buyer names of the newest few of them.
    pub buyers: Vec<String>,
    /// Conversations whose wait passed the target after `since` (and still wait).
    pub newly_late: Vec<InboxRow>,
    /// `now` falls in the quiet hours: show nothing.
    pub quiet: bool,
    /// Conversations needing a reply now (title and tray).
    pub needs_reply: u32,
    /// The newest stored message: pass it back as `after_message_id` next time.
    #[ts(type = "number")]
    pub last_message_id: i64,
}

// ---- cut-off and capacity (issue 5). Dates are `YYYY-MM-DD` and times `HH:MM`, in the shop's zone.

text_enum!(
    /// Why the shop is closed on a date.
    ClosedDayKind {
        Holiday = "holiday",
        Vacation = "vacation",
        OneOff = "one_off",
    }
);

/// A weekday the shop works on, with its hours when set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkingDay {
    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub weekday: u8,
    pub open: Option<String>,
    pub close: Option<String>,
}

/// The shop calendar's settings (closed dates, products and deadlines are edited apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarSettings {
    /// IANA zone; `None` follows the system's.
    pub time_zone: Option<String>,
    pub cutoff_time: String,
    /// Whether the day an order is registered on counts as its first production day.
    pub cutoff_day_counts: bool,
    pub working_days: Vec<WorkingDay>,
    /// Pieces a working day; `None` = not planned by capacity.
    pub pieces_per_day: Option<u32>,
    /// Processing time (production days) assumed when no product is named.
    pub default_min_days: u32,
    pub default_max_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClosedDate {
    pub date: String,
    pub kind: ClosedDayKind,
    pub reason: String,
}

/// A product and its processing profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProductProfile {
    /// `None` when creating.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    /// As it appears in order items.
    pub name: String,
    pub category: String,
    /// In stock: ships in `min_days`–`max_days` (0–1), books no capacity.
    pub ready_to_ship: bool,
    pub min_days: u32,
    pub max_days: u32,
    pub pieces_per_unit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CapacityOverride {
    pub date: String,
    pub pieces: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MethodDays {
    /// "Correo Argentino", "Andreani", "Retiro en el taller".
    pub method: String,
    /// Calendar days the parcel needs before the event.
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeasonalDeadline {
    /// `None` when creating.
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub name: String,
    pub event_date: String,
    pub methods: Vec<MethodDays>,
}

/// Ship-by dates for an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromiseView {
    pub product: String,
    pub quantity: u32,
    /// Pieces of capacity it books.
    pub pieces: u32,
    pub starts_on: String,
    pub ship_earliest: String,
    pub ship_latest: String,
    /// The last day with pieces of it; `None` when it books none.
    pub made_by: Option<String>,
}

/// "Can I make 15 by Friday?"
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeasibilityView {
    pub due_date: String,
    pub feasible: bool,
    /// The earliest date the whole quantity ships.
    pub earliest: String,
    /// How many units ship by the due date.
    pub fits_by_due: u32,
    pub promise: PromiseView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CountdownView {
    /// The next cut-off (unix seconds).
    #[ts(type = "number")]
    pub cutoff_at: UnixSeconds,
    pub cutoff_date: String,
    pub cutoff_time: String,
    pub minutes_left: u32,
    /// Whether that cut-off is today.
    pub today: bool,
    /// First production day of an order confirmed now.
    pub starts_on: String,
    /// First production day of an order confirmed after that cut-off.
    pub then_starts_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LastOrderDayView {
    pub method: String,
    pub delivery_days: u32,
    pub ship_by: String,
    pub order_by: String,
    /// On a production day, the cut-off it must be confirmed before.
    pub before: Option<String>,
    /// Days from today to `order_by`.
    pub days_left: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeadlineView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub event_date: String,
    /// Slowest method first; a method whose last day has passed is left out.
    pub methods: Vec<LastOrderDayView>,
}

/// The inbox banner: today's countdown and the next deadline when near.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CutoffBanner {
    pub today: String,
    pub countdown: Option<CountdownView>,
    /// The next seasonal deadline whose first last-order day is within three weeks.
    pub deadline: Option<DeadlineView>,
}

/// One day of the capacity calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CapacityDay {
    pub date: String,
    /// ISO weekday, Monday = 1.
    pub weekday: u8,
    /// A production day (works and not closed).
    pub open: bool,
    /// Why it is closed, when a closed date.
    pub closed: Option<ClosedDate>,
    /// Pieces it can make; `None` when the shop does not plan by capacity.
    pub capacity: Option<u32>,
    pub booked: u32,
}

/// An order's promised date and whether its agreed due date holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrderPromise {
    #[ts(type = "number")]
    pub order_id: i64,
    pub due_date: Option<String>,
    /// Whether it books capacity now (agreed, paid, in production).
    pub booked: bool,
    pub ship_earliest: String,
    pub ship_latest: String,
    /// `Some(false)` when the due date cannot be met with current bookings.
    pub feasible: Option<bool>,
    /// Units of its products that ship by the due date.
    pub fits_by_due: Option<u32>,
    pub units: u32,
}

// ---- saved answers (issue 4): the library, variables, lint, search and suggestions

text_enum!(
    /// The library's topics.
    AnswerFolder {
        /// Address and pickup points.
        Address = "address",
        /// Sizes and measures.
        Sizes = "sizes",
        Payment = "payment",
        /// Delivery and shipping.
        Delivery = "delivery",
        Care = "care",
        /// Stock and made-to-order.
        Stock = "stock",
        Policies = "policies",
        Greetings = "greetings",
    }
);

text_enum!(
    /// Where an answer is pasted: each can have its own version of the text.
    AnswerChannel {
        MlPreSale = "ml_pre_sale",
        MlPostSale = "ml_post_sale",
        Instagram = "instagram",
        Messenger = "messenger",
        WhatsApp = "whatsapp",
        Telegram = "telegram",
        Etsy = "etsy",
        Email = "email",
        Other = "other",
    }
);

text_enum!(
    /// What the channel lint found.
    LintRule {
        /// Longer than the channel takes: the channel cuts or refuses it.
        TooLong = "too_long",
        Phone = "phone",
        Email = "email",
        Url = "url",
        Shortener = "shortener",
        /// `@handle`.
        SocialHandle = "social_handle",
        /// "WhatsApp", "Instagram", "Telegram"… named as a place to continue the talk.
        SocialNetwork = "social_network",
        /// Mercado Pago or PayPal links, payment aliases and CBU/CVU/Pix keys.
        PaymentLink = "payment_link",
        StreetAddress = "street_address",
        /// A `{{…}}` variable whose value is contact or payment data.
        ContactVariable = "contact_variable",
    }
);

text_enum!(
    /// Why a variable has no value.
    MissingReason {
        /// Nothing in this conversation, order or shop gives it a value.
        Undefined = "undefined",
        /// It has a value, but the value is empty.
        Empty = "empty",
        /// Not a variable Mostrador knows (a typo?).
        Unknown = "unknown",
        /// The cut-off engine has no answer (no cut-off or deadline configured).
        NoCutoff = "no_cutoff",
    }
);

text_enum!(
    /// Why an answer is suggested for a message.
    SuggestionReason {
        /// The message has words of the answer's topic.
        TopicKeywords = "topic_keywords",
        /// The message shares words with the answer's text.
        TextSimilarity = "text_similarity",
    }
);

/// One per-channel (and per-language) version of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerVariant {
    pub channel: AnswerChannel,
    pub language: Language,
    pub body: String,
}

/// A file kept with an answer in `<db dir>/answers/<id>/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerAttachment {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    /// Absolute path on this machine.
    pub local_path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedAnswer {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// Without the leading `/`.
    pub shortcut: Option<String>,
    pub folder: Option<AnswerFolder>,
    /// The general version, used where a channel has none of its own.
    pub body: String,
    pub language: Option<Language>,
    pub pinned: bool,
    pub tags: Vec<String>,
    pub variants: Vec<AnswerVariant>,
    pub attachments: Vec<AnswerAttachment>,
    pub use_count: u32,
    #[ts(type = "number | null")]
    pub last_used_at: Option<UnixSeconds>,
    #[ts(type = "number")]
    pub chars_saved: i64,
    #[ts(type = "number")]
    pub created_at: UnixSeconds,
    #[ts(type = "number")]
    pub updated_at: UnixSeconds,
}

/// What the seller edits: an answer without its usage and attachments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerInput {
    pub title: String,
    pub shortcut: Option<String>,
    pub folder: Option<AnswerFolder>,
    pub body: String,
    pub language: Option<Language>,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub variants: Vec<AnswerVariant>,
}

/// Shop facts the variables read that no other screen keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerFacts {
    pub payment_alias: Option<String>,
    /// The usual pickup point, when an order does not name one.
    pub pickup_place: Option<String>,
    pub shop_phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AnswerHit {
    pub answer: SavedAnswer,
    /// Higher is better; only the order matters.
    pub score: u32,
    /// The query is the start of the shortcut.
    pub shortcut_prefix: bool,
}

/// A `{{choose:…}}` or `{{ask:…}}` to resolve when inserting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillPrompt {
    /// `size` in `{{choose:size|S|M|L}}`; answer it in `RenderRequest::fills` under this key.
    pub key: String,
    /// Empty for `ask`.
    pub options: Vec<String>,
}

/// A variable left as it is in the text, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MissingVariable {
    /// As written, without braces: `order.total`.
    pub name: String,
    pub reason: MissingReason,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LintFinding {
    pub rule: LintRule,
    /// Character offsets (not bytes) into the checked text, end exclusive.
    pub start: u32,
    pub end: u32,
    /// The offending text itself.
    pub excerpt: String,
}

/// What a channel would do with a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LintReport {
    pub channel: AnswerChannel,
    /// Characters, or UTF-8 bytes where the channel counts bytes (Instagram, Messenger).
    pub length: u32,
    pub limit: Option<u32>,
    pub counts_bytes: bool,
    pub findings: Vec<LintFinding>,
}

/// One version of an answer checked against the target channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionCheck {
    /// `None`: the general version.
    pub version: Option<AnswerChannel>,
    pub language: Language,
    pub text: String,
    pub lint: LintReport,
}

/// How to fill an answer for a paste.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenderRequest {
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    /// The order whose total, items and dates fill in; `None`: the conversation's newest open order.
    #[ts(type = "number | null")]
    pub order_id: Option<i64>,
    /// The target; `None`: the conversation's channel, or the general version.
    pub channel: Option<AnswerChannel>,
    /// `None`: the answer's language, else the shop's.
    pub language: Option<Language>,
    /// Answers to the fill-in prompts, by key.
    #[serde(default)]
    pub fills: Vec<(String, String)>,
    /// Use this version (`None`: the best one for the channel).
    #[serde(default)]
    pub version: Option<AnswerChannel>,
    /// Use the general version even when the channel has its own.
    #[serde(default)]
    pub general: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RenderedAnswer {
    #[ts(type = "number")]
    pub answer_id: i64,
    pub channel: AnswerChannel,
    pub language: Language,
    /// The version used: `None` is the general one.
    pub version: Option<AnswerChannel>,
    /// Final text; variables without a value stay as `{{…}}` so nothing is dropped silently.
    pub text: String,
    /// Prompts still unanswered (their `{{…}}` remain in `text`).
    pub prompts: Vec<FillPrompt>,
    pub missing: Vec<MissingVariable>,
    pub lint: LintReport,
    /// Every version of the answer checked against the target channel, the used one first.
    pub versions: Vec<VersionCheck>,
    /// A version the channel accepts, when the used one would be blocked or cut.
    pub safe_version: Option<VersionCheck>,
    /// Paths of the answer's attachments, to copy as images.
    pub attachments: Vec<AnswerAttachment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AnswerSuggestion {
    pub answer: SavedAnswer,
    pub score: u32,
    pub reason: SuggestionReason,
    /// The words of the message that matched (topic keywords or shared words).
    pub matched: Vec<String>,
}

/// What an import did (all or nothing: on any error nothing is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnswerImportReport {
    pub added: u32,
    /// Answers whose shortcut already existed, replaced by the imported ones.
    pub replaced: u32,
}

text_enum!(
    AnswerFileFormat {
        Json = "json",
        Csv = "csv",
    }
);

// ---- sync (issue 7): accounts' sync status, channel batches, the outbox, what the composer may do

text_enum!(
    /// How an account's background sync stands, as the last round left it.
    SyncState {
        /// No round has finished yet.
        NeverSynced = "never_synced",
        Ok = "ok",
        /// A temporary failure (rate limit, server error): it retries by itself at `retry_at`.
        Retrying = "retrying",
        /// No connection to the channel: it retries by itself.
        Offline = "offline",
        /// The channel refused the credentials: the seller must connect the account again.
        NeedsReconnect = "needs_reconnect",
        /// Something keeps failing that waiting will not fix by itself.
        Failing = "failing",
    }
);

/// An account's sync status for the accounts screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountSyncStatus {
    pub state: SyncState,
    #[ts(type = "number | null")]
    pub last_success_at: Option<UnixSeconds>,
    #[ts(type = "number | null")]
    pub last_attempt_at: Option<UnixSeconds>,
    /// The connector's stable code for what failed (the UI translates it).
    pub error_code: Option<String>,
    /// The channel's own words, for the details line.
    pub error_detail: Option<String>,
    #[ts(type = "number | null")]
    pub retry_at: Option<UnixSeconds>,
    /// Telegram keeps updates for 24 h: the app was away longer, so some may be gone.
    pub updates_may_be_lost: bool,
}

/// A seller's account with its sync status. Settings never hold secrets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountView {
    #[ts(type = "number")]
    pub id: i64,
    pub channel: ChannelKind,
    pub display_name: String,
    pub external_id: Option<String>,
    #[ts(type = "Record<string, unknown>")]
    pub settings: serde_json::Value,
    pub disabled: bool,
    /// Connected to the demo store's simulator (`{"demo": true}` in its settings).
    pub demo: bool,
    pub sync: AccountSyncStatus,
}

/// How one poll or send round of an account ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncOutcome {
    Ok,
    Retrying {
        code: String,
        detail: String,
        #[ts(type = "number")]
        retry_at: UnixSeconds,
    },
    Offline {
        #[ts(type = "number")]
        retry_at: UnixSeconds,
    },
    NeedsReconnect {
        code: String,
        detail: String,
    },
    Failing {
        code: String,
        detail: String,
        #[ts(type = "number | null")]
        retry_at: Option<UnixSeconds>,
    },
}

/// Where one of an account's feeds left off ("questions", "packs", "orders", "updates"…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CursorUpdate {
    pub stream: String,
    pub cursor: String,
}

/// What the channel says about a conversation besides its messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConversationUpdate {
    pub external_ref: String,
    pub kind: ConversationKind,
    pub subject: Option<String>,
    /// Why the channel does not take replies (Mercado Libre substatus); `None` = open.
    pub blocked_reason: Option<String>,
    /// Until when the channel takes a reply (Telegram Business: 24 h after the buyer's last message).
    #[ts(type = "number | null")]
    pub reply_until: Option<UnixSeconds>,
    /// The listing asked about (Mercado Libre item id).
    pub listing_ref: Option<String>,
}

/// An order as the channel knows it (a Mercado Libre order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChannelOrder {
    /// The channel's order id, unique per account.
    pub external_ref: String,
    /// The conversation that is this order's thread: the pack id (the order id when it has no pack).
    pub thread_ref: Option<String>,
    pub buyer: BuyerIdentityInput,
    pub items: Vec<OrderItem>,
    pub currency: String,
    pub stage: OrderStage,
    pub payment_status: PaymentStatus,
    #[ts(type = "number")]
    pub created_at: UnixSeconds,
}

/// Everything one sync round stores, committed in one transaction with the cursors it covers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncBatch {
    #[serde(default)]
    pub messages: Vec<IngestMessage>,
    #[serde(default)]
    pub cursors: Vec<CursorUpdate>,
    #[serde(default)]
    pub orders: Vec<ChannelOrder>,
    #[serde(default)]
    pub conversations: Vec<ConversationUpdate>,
    /// Channel ids of messages the buyer deleted: their text stays, marked deleted.
    #[serde(default)]
    pub deleted_messages: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncCommitReport {
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Orders created or changed.
    pub orders_upserted: u32,
}

text_enum!(
    /// Where a reply stands in the outbox.
    OutboxState {
        /// Waiting for its turn (or for `retry_at` after a temporary failure).
        Queued = "queued",
        /// Handed to the channel; the outcome is not known yet (after a crash: "in doubt").
        Sending = "sending",
        Sent = "sent",
        /// Failed for good; the seller can retry or cancel it.
        Failed = "failed",
        Cancelled = "cancelled",
    }
);

/// A reply in the outbox, with what the connector needs to send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub channel: ChannelKind,
    pub conversation_kind: ConversationKind,
    /// The conversation's channel key: question id, pack id, chat id.
    pub conversation_ref: String,
    pub buyer_external_id: String,
    pub text: String,
    pub idempotency_key: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub error_code: Option<String>,
    pub error_detail: Option<String>,
    /// The message row that shows this reply in the thread.
    #[ts(type = "number")]
    pub message_id: i64,
    #[ts(type = "number")]
    pub created_at: UnixSeconds,
}

/// What the channel answered to a send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Delivered {
    /// The channel's id of the message it stored.
    pub external_id: String,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    /// `Sent`, `Moderated` or `Rejected`.
    pub status: MessageStatus,
    pub moderation_reason: Option<String>,
}

text_enum!(
    /// How the composer replies in a conversation.
    SendMode {
        /// Mostrador sends it through the channel's API (the outbox).
        Send = "send",
        /// The seller copies the reply and pastes it in the channel's app.
        Copy = "copy",
    }
);

/// What the composer may do in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SendCapability {
    pub mode: SendMode,
    /// Characters the channel takes (counted as characters, not bytes).
    pub max_chars: Option<u32>,
    /// A Mercado Libre answer: public on the listing and cannot be edited or deleted (confirm first).
    pub public_and_permanent: bool,
    /// Why the channel takes no reply now (Mercado Libre substatus such as `blocked_by_time`).
    pub blocked_reason: Option<String>,
    /// Until when the channel takes a reply (Telegram Business 24 h window).
    #[ts(type = "number | null")]
    pub reply_until: Option<UnixSeconds>,
}

// ---- merge dismissals: "not the same person" (GAPS, issue 3)

/// A buyer the seller said is not the same person as the one whose page is open: no longer
/// suggested for a merge; listed so the seller can undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DismissedMerge {
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub name: String,
    /// Where the other buyer writes: two people often share a name, the channels tell them apart.
    pub channels: Vec<ChannelKind>,
    #[ts(type = "number")]
    pub dismissed_at: UnixSeconds,
}
