//! The composite screens: a conversation with its buyer, orders and sending rules, and a buyer with
//! everything known about them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::buyers::{BuyerView, DismissedMerge, MergeRecord, MergeSuggestion};
use crate::conversations::MessageView;
use crate::inbox::InboxRow;
use crate::orders::OrderView;
use crate::replies::SendCapability;

/// Everything the conversation screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConversationView {
    pub summary: InboxRow,
    pub buyer: BuyerView,
    /// The newest messages, oldest first (see `has_older_messages`).
    pub messages: Vec<MessageView>,
    /// Older messages exist than the ones in `messages` (fetch them with `older_messages`).
    pub has_older_messages: bool,
    /// The channel keeps older messages that its API does not give (Instagram and Messenger: the 20
    /// most recent): the conversation's beginning is not in Mostrador.
    pub older_history_unavailable: bool,
    /// The listing asked about (Mercado Libre item id) or the post a comment is on (its link).
    pub listing_ref: Option<String>,
    /// The buyer's orders, newest first.
    pub orders: Vec<OrderView>,
    /// Whether the composer sends through the channel or copies (and the channel's limits).
    pub send: SendCapability,
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
