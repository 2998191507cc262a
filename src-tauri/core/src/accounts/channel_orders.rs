//! Orders the channel knows (Mercado Libre orders), upserted by (account, the channel's order id)
//! and tied to their thread: the conversation whose external ref is the pack (or the order when it
//! has no pack). Messages of the thread that belong to no order join it; a message stays in at
//! most one order.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::accounts::ChannelOrder;
use crate::orders::{NewOrder, OrderItem};
use crate::vocabulary::{OrderStage, PaymentStatus, UnixSeconds};
use crate::{Error, Result, ingest, orders};

/// Creates or brings up to date one channel order; returns whether anything changed.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    account_id: i64,
    order: &ChannelOrder,
    now: UnixSeconds,
) -> Result<bool> {
    if order.external_ref.trim().is_empty() {
        return Err(Error::InvalidInput("a channel order's external ref must not be empty".into()));
    }
    let thread_ref = order.thread_ref.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let thread = match thread_ref {
        Some(thread_ref) => thread_of(tx, account_id, thread_ref)?,
        None => None,
    };
    // The buyer's identity is refreshed (names change); the order belongs to whoever the thread's
    // buyer is now (after a merge, the merged buyer), so its messages can join it.
    let identity_buyer = ingest::identities::upsert_identity(tx, account_id, &order.buyer, now)?;

    let existing = tx
        .prepare_cached(
            "SELECT id, stage, payment_status, currency, conversation_id, thread_ref, due_date
               FROM orders WHERE account_id = ?1 AND external_ref = ?2",
        )?
        .query_row(params![account_id, order.external_ref], |row| {
            Ok(Stored {
                id: row.get(0)?,
                stage: row.get(1)?,
                payment_status: row.get(2)?,
                currency: row.get(3)?,
                conversation_id: row.get(4)?,
                thread_ref: row.get(5)?,
                due_date: row.get(6)?,
            })
        })
        .optional()?;

    let Some(stored) = existing else {
        let new = NewOrder {
            buyer_id: thread.map_or(identity_buyer, |(_, buyer)| buyer),
            conversation_id: thread.map(|(id, _)| id),
            stage: order.stage,
            currency: order.currency.clone(),
            items: order.items.clone(),
            due_date: ship_by_day(tx, order)?,
            delivery: None,
            payment_status: order.payment_status,
            notes: String::new(),
            messages: Vec::new(),
        };
        // Dated when the buyer bought, so the thread's first order is the oldest purchase.
        let order_id = orders::order::create(tx, &new, order.created_at)?;
        tx.prepare_cached(
            "UPDATE orders SET account_id = ?2, external_ref = ?3, thread_ref = ?4, updated_at = ?5 WHERE id = ?1",
        )?
        .execute(params![order_id, account_id, order.external_ref, thread_ref, now])?;
        if let Some((conversation_id, _)) = thread {
            attach_thread(tx, conversation_id)?;
        }
        return Ok(true);
    };

    let mut changed = false;
    // The seller moves the order along in Mostrador too (in production, shipped…): the channel
    // only moves it forward, or cancels it.
    let stage = later_stage(stored.stage, order.stage);
    let currency = order.currency.trim().to_ascii_uppercase();
    if stage != stored.stage || order.payment_status != stored.payment_status || currency != stored.currency {
        let cancelled_from = (stage == OrderStage::Cancelled).then_some(stored.stage);
        tx.prepare_cached(
            "UPDATE orders SET stage = ?2, payment_status = ?3, currency = ?4,
                    cancelled_from = CASE WHEN ?2 = 'cancelled' THEN ?5 ELSE cancelled_from END, updated_at = ?6
              WHERE id = ?1",
        )?
        .execute(params![stored.id, stage, order.payment_status, currency, cancelled_from, now])?;
        changed = true;
    }
    let items = normalised(&order.items);
    if crate::orders::order::items(tx, stored.id)? != items {
        replace_items(tx, stored.id, &items)?;
        changed = true;
    }
    // A date the seller set (agreed with the buyer) stands; the channel's only fills an empty one.
    if stored.due_date.is_none()
        && let Some(day) = ship_by_day(tx, order)?
    {
        tx.prepare_cached("UPDATE orders SET due_date = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![stored.id, day, now])?;
        changed = true;
    }
    if stored.thread_ref.as_deref() != thread_ref {
        tx.prepare_cached("UPDATE orders SET thread_ref = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![stored.id, thread_ref, now])?;
        changed = true;
    }
    if stored.conversation_id.is_none()
        && let Some((conversation_id, _)) = thread
    {
        tx.prepare_cached("UPDATE orders SET conversation_id = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![stored.id, conversation_id, now])?;
        changed = true;
    }
    if let Some(conversation_id) = stored.conversation_id.or(thread.map(|(id, _)| id)) {
        changed |= attach_thread(tx, conversation_id)? > 0;
    }
    Ok(changed)
}

/// Orders whose thread had not arrived when they were stored, linked now that it has (orders and
/// messages come from different feeds, in any order). Returns how many were linked.
pub(crate) fn link_waiting(tx: &Transaction<'_>, account_id: i64, now: UnixSeconds) -> Result<u32> {
    let waiting: Vec<(i64, i64)> = tx
        .prepare_cached(
            "SELECT o.id, c.id FROM orders o
               JOIN conversations c ON c.account_id = o.account_id AND c.external_ref = o.thread_ref
              WHERE o.account_id = ?1 AND o.conversation_id IS NULL AND o.thread_ref IS NOT NULL
                AND o.buyer_id = c.buyer_id",
        )?
        .query_map([account_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for &(order_id, conversation_id) in &waiting {
        tx.prepare_cached("UPDATE orders SET conversation_id = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![order_id, conversation_id, now])?;
        attach_thread(tx, conversation_id)?;
    }
    Ok(waiting.len() as u32)
}

/// The channel order's thread, started empty when nobody has written in it yet, so the seller can
/// open it (on Mercado Libre, with one of its reasons). Returns the conversation's id.
pub(crate) fn start_thread(tx: &Transaction<'_>, order_id: i64, now: UnixSeconds) -> Result<i64> {
    // (conversation, account, thread ref, buyer, first product)
    type OrderThread = (Option<i64>, Option<i64>, Option<String>, i64, Option<String>);
    let found: Option<OrderThread> = tx
        .prepare_cached(
            "SELECT o.conversation_id, o.account_id, o.thread_ref, o.buyer_id,
                    (SELECT i.product FROM order_items i WHERE i.order_id = o.id ORDER BY i.position LIMIT 1)
               FROM orders o WHERE o.id = ?1",
        )?
        .query_row([order_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)))
        .optional()?;
    let Some((conversation_id, account_id, thread_ref, buyer_id, product)) = found else {
        return Err(Error::NotFound { what: format!("order {order_id}") });
    };
    if let Some(conversation_id) = conversation_id {
        return Ok(conversation_id);
    }
    let (Some(account_id), Some(thread_ref)) = (account_id, thread_ref) else {
        return Err(Error::InvalidInput("this order has no conversation on a channel to start".into()));
    };
    let conversation_id = match thread_of(tx, account_id, &thread_ref)? {
        Some((id, _)) => id,
        None => {
            tx.prepare_cached(
                // Nobody waits for an answer in it: it does not count as one to reply to.
                "INSERT INTO conversations (account_id, buyer_id, external_ref, kind, subject, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'post_sale', ?4, 'done', ?5, ?5)",
            )?
            .execute(params![account_id, buyer_id, thread_ref, product, now])?;
            tx.last_insert_rowid()
        }
    };
    // This order and the others of the same purchase (a cart shares one pack).
    link_waiting(tx, account_id, now)?;
    Ok(conversation_id)
}

/// Puts the thread's messages into the conversation's first order (oldest purchase): those in no
/// order, and those another channel order of the same thread took first (a cart of several orders
/// shares one pack, and the orders can arrive in any order). Orders the seller made by hand keep
/// their messages. Returns how many messages moved.
fn attach_thread(tx: &Transaction<'_>, conversation_id: i64) -> Result<usize> {
    let first: Option<i64> = tx
        .prepare_cached("SELECT id FROM orders WHERE conversation_id = ?1 ORDER BY created_at, id LIMIT 1")?
        .query_row([conversation_id], |row| row.get(0))
        .optional()?;
    let Some(first) = first else { return Ok(0) };
    let moved = tx
        .prepare_cached(
            "UPDATE order_messages SET order_id = ?2
              WHERE order_id <> ?2
                AND order_id IN (SELECT id FROM orders WHERE conversation_id = ?1 AND external_ref IS NOT NULL)
                AND message_id IN (SELECT id FROM messages WHERE conversation_id = ?1)",
        )?
        .execute(params![conversation_id, first])?;
    let joined = tx
        .prepare_cached(
            "INSERT INTO order_messages (order_id, message_id)
             SELECT ?2, m.id FROM messages m
              WHERE m.conversation_id = ?1
                AND NOT EXISTS (SELECT 1 FROM order_messages om WHERE om.message_id = m.id)",
        )?
        .execute(params![conversation_id, first])?;
    Ok(moved + joined)
}

struct Stored {
    id: i64,
    stage: OrderStage,
    payment_status: PaymentStatus,
    currency: String,
    conversation_id: Option<i64>,
    thread_ref: Option<String>,
    due_date: Option<String>,
}

/// The channel's ship-by as the shop's day.
fn ship_by_day(tx: &Transaction<'_>, order: &ChannelOrder) -> Result<Option<String>> {
    order.ship_by.map(|at| crate::cutoff::tables::shop_day_of(tx, at)).transpose()
}

/// The conversation (and its buyer) with this external ref on the account.
fn thread_of(tx: &Transaction<'_>, account_id: i64, thread_ref: &str) -> Result<Option<(i64, i64)>> {
    Ok(tx
        .prepare_cached("SELECT id, buyer_id FROM conversations WHERE account_id = ?1 AND external_ref = ?2")?
        .query_row(params![account_id, thread_ref], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?)
}

/// The further of two stages along the pipeline (cancelled is the end of it).
fn later_stage(stored: OrderStage, channel: OrderStage) -> OrderStage {
    let rank = |stage: OrderStage| OrderStage::ALL.iter().position(|&s| s == stage).unwrap_or(0);
    if rank(channel) > rank(stored) { channel } else { stored }
}

/// Items as the store keeps them (see `orders::create`), so an unchanged order compares equal.
fn normalised(items: &[OrderItem]) -> Vec<OrderItem> {
    items
        .iter()
        .map(|item| OrderItem {
            product: item.product.trim().to_owned(),
            variant: item.variant.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned),
            quantity: item.quantity,
            unit_price_minor: item.unit_price_minor,
        })
        .collect()
}

fn replace_items(tx: &Transaction<'_>, order_id: i64, items: &[OrderItem]) -> Result<()> {
    tx.prepare_cached("DELETE FROM order_items WHERE order_id = ?1")?.execute([order_id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO order_items (order_id, position, product, variant, quantity, unit_price_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, item) in items.iter().enumerate() {
        if item.product.trim().is_empty() || item.quantity == 0 || item.unit_price_minor < 0 {
            return Err(Error::InvalidInput(format!("order item {:?} is not valid", item.product)));
        }
        insert.execute(params![
            order_id,
            position as i64,
            item.product,
            item.variant,
            item.quantity,
            item.unit_price_minor
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::later_stage;
    use crate::vocabulary::OrderStage::*;

    #[test]
    fn the_channel_moves_an_order_forward_or_cancels_it() {
        assert_eq!(later_stage(Agreed, Paid), Paid);
        assert_eq!(later_stage(Shipped, Paid), Shipped, "the seller's shipped stays");
        assert_eq!(later_stage(InProduction, Cancelled), Cancelled);
    }
}
