//! Orders as the seller and the UI see them: items, delivery, the checklist, threads and the today
//! view.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::conversations::MessageView;
use crate::ingest::MessageRef;
use crate::vocabulary::text_enum;
use crate::vocabulary::{ChannelKind, DeliveryMethod, OrderStage, PaymentStatus, UnixSeconds};

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
    /// A Mercado Libre purchase nobody has written about yet: the seller can open its
    /// conversation (with one of Mercado Libre's reasons).
    pub starts_thread: bool,
}

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
