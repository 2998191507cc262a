//! The sample shop as plain data, built without touching the store; `mod.rs` then loads it through
//! the facade. Keeping the two apart lets tests check the story itself.

use crate::conversations::AttachmentInput;
use crate::ingest::{BuyerIdentityInput, ConversationRef};
use crate::orders::{Delivery, OrderItem};
use crate::vocabulary::{
    ConversationKind, ConversationStatus, Direction, MessageStatus, OrderStage, PaymentStatus, UnixSeconds,
};

use super::accounts::AccountKey;

#[derive(Debug, Clone)]
pub(super) struct PlannedMessage {
    /// Filled in by `ids::mint` once every thread exists.
    pub external_id: String,
    pub direction: Direction,
    pub author: String,
    pub text: String,
    pub sent_at: UnixSeconds,
    pub status: MessageStatus,
    pub attachments: Vec<AttachmentInput>,
}

#[derive(Debug, Clone)]
pub(super) struct PlannedOrder {
    pub stage: OrderStage,
    pub currency: &'static str,
    pub items: Vec<OrderItem>,
    pub due_date: Option<String>,
    pub delivery: Option<Delivery>,
    pub payment_status: PaymentStatus,
    pub notes: String,
    /// Indices into the thread's messages that belong to this order.
    pub messages: Vec<usize>,
    /// When the order was written down: the story's time, not the load time.
    pub created_at: UnixSeconds,
}

/// What the seller did with the conversation after the messages arrived.
#[derive(Debug, Clone, Default)]
pub(super) struct Finish {
    /// `None` keeps what ingest derived (needs reply / waiting for buyer).
    pub status: Option<(ConversationStatus, Option<UnixSeconds>)>,
    pub read: bool,
    pub pinned: bool,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone)]
pub(super) struct Thread {
    pub account: AccountKey,
    pub conversation: ConversationRef,
    pub buyer: BuyerIdentityInput,
    pub messages: Vec<PlannedMessage>,
    pub orders: Vec<PlannedOrder>,
    pub finish: Finish,
}

impl Thread {
    /// `external_ref` may be left empty: `ids::mint` gives one in the channel's style.
    pub(super) fn new(
        account: AccountKey,
        kind: ConversationKind,
        subject: Option<String>,
        buyer: BuyerIdentityInput,
    ) -> Thread {
        Thread {
            account,
            conversation: ConversationRef { external_ref: String::new(), kind, subject },
            buyer,
            messages: Vec::new(),
            orders: Vec::new(),
            finish: Finish { read: true, ..Finish::default() },
        }
    }

    pub(super) fn buyer_says(&mut self, at: UnixSeconds, text: &str) -> usize {
        let author = self.buyer.display_name.clone();
        self.push(Direction::Incoming, author, at, text, MessageStatus::Received)
    }

    pub(super) fn seller_says(&mut self, at: UnixSeconds, text: &str) -> usize {
        let author = self.account.seller_author().to_string();
        self.push(Direction::Outgoing, author, at, text, MessageStatus::Sent)
    }

    pub(super) fn push(
        &mut self,
        direction: Direction,
        author: String,
        at: UnixSeconds,
        text: &str,
        status: MessageStatus,
    ) -> usize {
        self.messages.push(PlannedMessage {
            external_id: String::new(),
            direction,
            author,
            text: text.to_string(),
            sent_at: at,
            status,
            attachments: Vec::new(),
        });
        self.messages.len() - 1
    }

    pub(super) fn attach(&mut self, message: usize, attachment: AttachmentInput) {
        self.messages[message].attachments.push(attachment);
    }

    pub(super) fn tag(&mut self, tag: &str) {
        if !self.finish.tags.iter().any(|t| t == tag) {
            self.finish.tags.push(tag.to_string());
        }
    }
}

/// Notes and tags for a buyer, keyed by the identity the store knows them by.
#[derive(Debug, Clone)]
pub(super) struct BuyerProfile {
    pub account: AccountKey,
    pub external_id: String,
    pub notes: String,
    pub tags: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct ShopPlan {
    pub threads: Vec<Thread>,
    pub profiles: Vec<BuyerProfile>,
}

impl ShopPlan {
    pub(super) fn profile(&mut self, account: AccountKey, external_id: &str, notes: &str, tags: &[&str]) {
        if self.profiles.iter().any(|p| p.account == account && p.external_id == external_id) {
            return;
        }
        self.profiles.push(BuyerProfile {
            account,
            external_id: external_id.to_string(),
            notes: notes.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        });
    }
}

pub(super) fn attachment(file_name: &str, mime_type: &str, size_bytes: i64) -> AttachmentInput {
    AttachmentInput {
        file_name: file_name.to_string(),
        mime_type: Some(mime_type.to_string()),
        size_bytes: Some(size_bytes),
        local_path: None,
        remote_ref: None,
        kind: None,
    }
}

pub(super) fn item(product: &str, variant: Option<&str>, quantity: u32, unit_price_minor: i64) -> OrderItem {
    OrderItem {
        product: product.to_string(),
        variant: variant.map(str::to_string),
        quantity,
        unit_price_minor,
    }
}
