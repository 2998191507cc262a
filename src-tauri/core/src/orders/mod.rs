//! Orders agreed with buyers: created from a conversation's messages or by a channel, edited on the
//! order card, moved through the stages (`stages`), with what each still needs (`checklist`), the
//! messages that belong to each (`threads`) and the open ones by due date (`today`).

pub(crate) mod checklist;
pub(crate) mod order;
mod stages;
pub(crate) mod threads;
pub(crate) mod today;
mod types;

pub use types::*;

use crate::vocabulary::{OrderStage, UnixSeconds};
use crate::{Mostrador, Result};

impl Mostrador {
    pub fn create_order(&self, order: &NewOrder, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| order::create(tx, order, now))
    }

    /// Creates an order and moves the given messages (store ids) into it.
    pub fn create_order_from_messages(
        &self,
        order: &NewOrder,
        message_ids: &[i64],
        now: UnixSeconds,
    ) -> Result<i64> {
        self.write(|tx| {
            let order_id = order::create(tx, order, now)?;
            threads::assign(tx, Some(order_id), message_ids)?;
            Ok(order_id)
        })
    }

    pub fn order(&self, order_id: i64) -> Result<OrderView> {
        self.read(|tx| order::view(tx, order_id))
    }

    pub fn update_order(&self, order_id: i64, order: &OrderUpdate, now: UnixSeconds) -> Result<()> {
        self.write(|tx| order::update(tx, order_id, order, now))
    }

    pub fn set_order_stage(&self, order_id: i64, stage: OrderStage, now: UnixSeconds) -> Result<()> {
        self.write(|tx| order::set_stage(tx, order_id, stage, now))
    }

    /// Moves messages into an order (out of any other), or with `None` into no order ("unsorted").
    pub fn assign_messages(&self, order_id: Option<i64>, message_ids: &[i64]) -> Result<()> {
        self.write(|tx| threads::assign(tx, order_id, message_ids))
    }

    /// The conversation's messages narrowed to one order (across the buyer's channels) or to none.
    pub fn thread_messages(&self, conversation_id: i64, filter: ThreadFilter) -> Result<Vec<ThreadMessage>> {
        self.read(|tx| threads::messages(tx, conversation_id, filter))
    }

    /// Agreed orders not yet handed over, by due date, overdue first, dated in the shop's time zone.
    pub fn today(&self, now: UnixSeconds) -> Result<TodayView> {
        self.read(|tx| today::today(tx, now))
    }
}
