//! Orders agreed with buyers.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::model::{Delivery, DeliveryMethod, NewOrder, OrderItem, OrderView, UnixSeconds};
use crate::{Error, Result, buyers, conversation};

pub(crate) fn create(tx: &Transaction<'_>, order: &NewOrder, now: UnixSeconds) -> Result<i64> {
    validate(order)?;
    buyers::require(tx, order.buyer_id)?;
    if let Some(conversation_id) = order.conversation_id {
        conversation::require(tx, conversation_id)?;
    }
    let delivery = order.delivery.as_ref();
    tx.prepare_cached(
        "INSERT INTO orders (buyer_id, conversation_id, stage, currency, due_date, delivery_method,
                             delivery_address, delivery_place, delivery_time_note, delivery_picked_up_by,
                             payment_status, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?
    .execute(params![
        order.buyer_id,
        order.conversation_id,
        order.stage,
        order.currency.trim().to_ascii_uppercase(),
        order.due_date,
        delivery.map(|d| d.method),
        delivery.and_then(|d| d.address.as_deref()),
        delivery.and_then(|d| d.place.as_deref()),
        delivery.and_then(|d| d.time_note.as_deref()),
        delivery.and_then(|d| d.picked_up_by.as_deref()),
        order.payment_status,
        order.notes.trim(),
        now,
    ])?;
    let order_id = tx.last_insert_rowid();

    let mut item_insert = tx.prepare_cached(
        "INSERT INTO order_items (order_id, position, product, variant, quantity, unit_price_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, item) in order.items.iter().enumerate() {
        item_insert.execute(params![
            order_id,
            position as i64,
            item.product.trim(),
            item.variant,
            item.quantity,
            item.unit_price_minor
        ])?;
    }

    let mut find_message =
        tx.prepare_cached("SELECT id FROM messages WHERE account_id = ?1 AND external_id = ?2")?;
    let mut link =
        tx.prepare_cached("INSERT OR IGNORE INTO order_messages (order_id, message_id) VALUES (?1, ?2)")?;
    for message in &order.messages {
        let message_id: i64 = find_message
            .query_row(params![message.account_id, message.external_id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: format!("message {} of account {}", message.external_id, message.account_id),
            })?;
        link.execute(params![order_id, message_id])?;
    }
    Ok(order_id)
}

fn validate(order: &NewOrder) -> Result<()> {
    let invalid = |why: String| Err(Error::InvalidInput(why));
    let currency = order.currency.trim();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
        return invalid(format!("{:?} is not an ISO 4217 currency code", order.currency));
    }
    if let Some(date) = &order.due_date
        && (date.len() != 10 || date.parse::<jiff::civil::Date>().is_err())
    {
        return invalid(format!("{date:?} is not a date (YYYY-MM-DD)"));
    }
    for item in &order.items {
        if item.product.trim().is_empty() {
            return invalid("an item needs a product".into());
        }
        if item.quantity == 0 {
            return invalid(format!("the quantity of {:?} must be at least 1", item.product));
        }
        if item.unit_price_minor < 0 {
            return invalid(format!("the price of {:?} must not be negative", item.product));
        }
    }
    Ok(())
}

/// The buyer's orders, newest first.
pub(crate) fn of_buyer(tx: &Transaction<'_>, buyer_id: i64) -> Result<Vec<OrderView>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, buyer_id, conversation_id, stage, currency, due_date, delivery_method, delivery_address,
                delivery_place, delivery_time_note, delivery_picked_up_by, payment_status, notes, created_at
           FROM orders WHERE buyer_id = ?1
          ORDER BY created_at DESC, id DESC",
    )?;
    let rows = stmt.query_map([buyer_id], |row| {
        let method: Option<DeliveryMethod> = row.get(6)?;
        Ok(OrderView {
            id: row.get(0)?,
            buyer_id: row.get(1)?,
            conversation_id: row.get(2)?,
            stage: row.get(3)?,
            currency: row.get(4)?,
            items: Vec::new(),
            total_minor: 0,
            due_date: row.get(5)?,
            delivery: match method {
                Some(method) => Some(Delivery {
                    method,
                    address: row.get(7)?,
                    place: row.get(8)?,
                    time_note: row.get(9)?,
                    picked_up_by: row.get(10)?,
                }),
                None => None,
            },
            payment_status: row.get(11)?,
            notes: row.get(12)?,
            created_at: row.get(13)?,
        })
    })?;
    let mut orders = Vec::new();
    for row in rows {
        let mut order = row?;
        order.items = items(tx, order.id)?;
        order.total_minor = order
            .items
            .iter()
            .map(|item| i64::from(item.quantity).saturating_mul(item.unit_price_minor))
            .sum();
        orders.push(order);
    }
    Ok(orders)
}

fn items(tx: &Transaction<'_>, order_id: i64) -> Result<Vec<OrderItem>> {
    Ok(tx
        .prepare_cached(
            "SELECT product, variant, quantity, unit_price_minor FROM order_items
              WHERE order_id = ?1 ORDER BY position",
        )?
        .query_map([order_id], |row| {
            Ok(OrderItem {
                product: row.get(0)?,
                variant: row.get(1)?,
                quantity: row.get(2)?,
                unit_price_minor: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
