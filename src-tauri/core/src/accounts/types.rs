//! What the accounts area speaks: a seller's accounts on each channel, how their last sync ended,
//! and the batches a connector commits.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ingest::{BuyerIdentityInput, IngestMessage};
use crate::orders::OrderItem;
use crate::vocabulary::text_enum;
use crate::vocabulary::{ChannelKind, ConversationKind, OrderStage, PaymentStatus, UnixSeconds};

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
    /// When the channel's access stops working unless it is refreshed first (Instagram's long-lived
    /// token: 60 days), from `access_expires_at` in its settings; `None` when it does not expire.
    #[ts(type = "number | null")]
    pub access_expires_at: Option<UnixSeconds>,
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
    /// The listing asked about (Mercado Libre item id), or the post a comment is on (its link).
    pub listing_ref: Option<String>,
    /// Until when the one private reply to a comment may be sent (Instagram, Facebook: 7 days after
    /// the comment); `None` when the conversation takes none.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub private_reply_until: Option<UnixSeconds>,
    /// The channel keeps older messages than these from its API (Instagram and Messenger give the
    /// 20 most recent): the conversation says its beginning is not here rather than hide it.
    #[serde(default)]
    pub older_history_unavailable: bool,
}

/// What people reacted to a stored message with, as the channel names the reactions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageReactions {
    /// The message's channel id (as in `IngestMessage::external_id`).
    pub external_id: String,
    /// Every reaction now on it; an empty list clears them.
    pub reactions: Vec<String>,
}

/// An order as the channel knows it (a Mercado Libre order, an Etsy receipt).
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
    /// When the channel says the order must ship (Etsy's ship-by date): it becomes the order's
    /// due date, the shop's day of that instant, so the capacity calendar plans it.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub ship_by: Option<UnixSeconds>,
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
    /// Reactions as they stand now, for messages of this batch or stored before.
    #[serde(default)]
    pub reactions: Vec<MessageReactions>,
    /// Mail read and not taken as a buyer's (e-mail accounts), so the seller can see it.
    #[serde(default)]
    pub left_out_mail: Vec<crate::mail::LeftOutMail>,
    /// Message ids of mail left out before that this batch takes in after all.
    #[serde(default)]
    pub taken_in_mail: Vec<String>,
    /// Where each mail's quoted history starts, for messages of this batch.
    #[serde(default)]
    pub quote_starts: Vec<crate::mail::QuoteStart>,
    /// What the marketplace said of the seller's standing (Mercado Libre's reputation, claims,
    /// visits), for the metrics screen.
    #[serde(default)]
    pub seller_metrics: Option<crate::metrics::SellerMetricsRead>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncCommitReport {
    pub inserted: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Orders created or changed.
    pub orders_upserted: u32,
}

crate::store::text_enums::text_column!(SyncState);
