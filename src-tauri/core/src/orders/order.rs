//! Orders agreed with buyers: creating, editing, moving through the pipeline, reading.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{stages, threads};
use crate::orders::checklist::{OrderFacts, checklist};
use crate::orders::{Delivery, NewOrder, OrderItem, OrderUpdate, OrderView};
use crate::vocabulary::{DeliveryMethod, OrderStage, UnixSeconds};
use crate::{Error, Result};

pub(crate) fn create(tx: &Transaction<'_>, order: &NewOrder, now: UnixSeconds) -> Result<i64> {
    check_fields(&order.currency, &order.items, order.due_date.as_deref())?;
    crate::buyers::profile::require(tx, order.buyer_id)?;
    if let Some(conversation_id) = order.conversation_id {
        crate::conversations::status::require(tx, conversation_id)?;
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
        delivery.and_then(|d| clean(&d.address)),
        delivery.and_then(|d| clean(&d.place)),
        delivery.and_then(|d| clean(&d.time_note)),
        delivery.and_then(|d| clean(&d.picked_up_by)),
        order.payment_status,
        order.notes.trim(),
        now,
    ])?;
    let order_id = tx.last_insert_rowid();
    write_items(tx, order_id, &order.items)?;

    let mut find_message =
        tx.prepare_cached("SELECT id FROM messages WHERE account_id = ?1 AND external_id = ?2")?;
    let mut message_ids = Vec::with_capacity(order.messages.len());
    for message in &order.messages {
        let message_id: i64 = find_message
            .query_row(params![message.account_id, message.external_id], |row| row.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: format!("message {} of account {}", message.external_id, message.account_id),
            })?;
        message_ids.push(message_id);
    }
    threads::assign(tx, Some(order_id), &message_ids)?;
    if let Some(conversation_id) = order.conversation_id {
        threads::attach_pack(tx, conversation_id, order_id)?;
    }
    Ok(order_id)
}

/// Replaces what the seller edits on the order card; the stage has its own rules (`set_stage`).
pub(crate) fn update(
    tx: &Transaction<'_>,
    order_id: i64,
    order: &OrderUpdate,
    now: UnixSeconds,
) -> Result<()> {
    check_fields(&order.currency, &order.items, order.due_date.as_deref())?;
    let delivery = order.delivery.as_ref();
    let changed = tx
        .prepare_cached(
            "UPDATE orders
                SET currency = ?2, due_date = ?3, delivery_method = ?4, delivery_address = ?5, delivery_place = ?6,
                    delivery_time_note = ?7, delivery_picked_up_by = ?8, payment_status = ?9, notes = ?10,
                    updated_at = ?11
              WHERE id = ?1",
        )?
        .execute(params![
            order_id,
            order.currency.trim().to_ascii_uppercase(),
            order.due_date,
            delivery.map(|d| d.method),
            delivery.and_then(|d| clean(&d.address)),
            delivery.and_then(|d| clean(&d.place)),
            delivery.and_then(|d| clean(&d.time_note)),
            delivery.and_then(|d| clean(&d.picked_up_by)),
            order.payment_status,
            order.notes.trim(),
            now,
        ])?;
    if changed == 0 {
        return Err(not_found(order_id));
    }
    tx.prepare_cached("DELETE FROM order_items WHERE order_id = ?1")?.execute([order_id])?;
    write_items(tx, order_id, &order.items)
}

/// Moves the order along the pipeline (see `order_stages` for what is allowed).
pub(crate) fn set_stage(tx: &Transaction<'_>, order_id: i64, to: OrderStage, now: UnixSeconds) -> Result<()> {
    let (from, cancelled_from): (OrderStage, Option<OrderStage>) = tx
        .prepare_cached("SELECT stage, cancelled_from FROM orders WHERE id = ?1")?
        .query_row([order_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or_else(|| not_found(order_id))?;
    if !stages::allowed(from, to, cancelled_from) {
        return Err(Error::InvalidInput(format!("an order cannot go from {from} to {to}")));
    }
    let cancelled_from = (to == OrderStage::Cancelled).then_some(from);
    tx.prepare_cached("UPDATE orders SET stage = ?2, cancelled_from = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![order_id, to, cancelled_from, now])?;
    Ok(())
}

fn write_items(tx: &Transaction<'_>, order_id: i64, items: &[OrderItem]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO order_items (order_id, position, product, variant, quantity, unit_price_minor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, item) in items.iter().enumerate() {
        insert.execute(params![
            order_id,
            position as i64,
            item.product.trim(),
            clean(&item.variant),
            item.quantity,
            item.unit_price_minor
        ])?;
    }
    Ok(())
}

/// Blank optional text is "not given".
fn clean(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn check_fields(currency: &str, items: &[OrderItem], due_date: Option<&str>) -> Result<()> {
    let invalid = |why: String| Err(Error::InvalidInput(why));
    let code = currency.trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return invalid(format!("{currency:?} is not an ISO 4217 currency code"));
    }
    if let Some(date) = due_date
        && (date.len() != 10 || date.parse::<jiff::civil::Date>().is_err())
    {
        return invalid(format!("{date:?} is not a date (YYYY-MM-DD)"));
    }
    for item in items {
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

const ORDER_COLUMNS: &str =
    "o.id, o.buyer_id, o.conversation_id, o.stage, o.currency, o.due_date, o.delivery_method,
     o.delivery_address, o.delivery_place, o.delivery_time_note, o.delivery_picked_up_by, o.payment_status,
     o.notes, o.created_at, o.cancelled_from,
     (SELECT count(*) FROM order_messages om WHERE om.order_id = o.id),
     o.conversation_id IS NULL AND o.thread_ref IS NOT NULL
       AND (SELECT a.channel FROM accounts a WHERE a.id = o.account_id) = 'mercado_libre'";

/// The buyer's orders, newest first.
pub(crate) fn of_buyer(tx: &Transaction<'_>, buyer_id: i64) -> Result<Vec<OrderView>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders o WHERE o.buyer_id = ?1 ORDER BY o.created_at DESC, o.id DESC"
    ))?;
    let rows = stmt.query_map([buyer_id], read_order)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|row| complete(tx, row)).collect()
}

pub(crate) fn view(tx: &Transaction<'_>, order_id: i64) -> Result<OrderView> {
    let row = tx
        .prepare_cached(&format!("SELECT {ORDER_COLUMNS} FROM orders o WHERE o.id = ?1"))?
        .query_row([order_id], read_order)
        .optional()?
        .ok_or_else(|| not_found(order_id))?;
    complete(tx, row)
}

/// Orders the seller has committed to and not yet handed over, for the today view. Inquiries are
/// left out: a question with a wished-for date is not work to do yet, and old ones would bury the
/// real orders as "overdue".
pub(crate) fn committed(tx: &Transaction<'_>) -> Result<Vec<OrderView>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders o
          WHERE o.stage IN ('agreed', 'paid', 'in_production', 'ready')
          ORDER BY o.due_date IS NULL, o.due_date, o.created_at, o.id"
    ))?;
    let rows = stmt.query_map([], read_order)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|row| complete(tx, row)).collect()
}

/// An order row before its items are read.
type OrderRow = (OrderView, Option<OrderStage>);

fn read_order(row: &Row<'_>) -> rusqlite::Result<OrderRow> {
    let method: Option<DeliveryMethod> = row.get(6)?;
    let view = OrderView {
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
        checklist: Vec::new(),
        next_stages: Vec::new(),
        message_count: row.get(15)?,
        starts_thread: row.get(16)?,
    };
    Ok((view, row.get(14)?))
}

fn complete(tx: &Transaction<'_>, (mut order, cancelled_from): OrderRow) -> Result<OrderView> {
    order.items = items(tx, order.id)?;
    order.total_minor =
        order.items.iter().map(|item| i64::from(item.quantity).saturating_mul(item.unit_price_minor)).sum();
    order.checklist = checklist(&OrderFacts {
        stage: order.stage,
        items: &order.items,
        due_date: order.due_date.as_deref(),
        delivery: order.delivery.as_ref(),
        payment_status: order.payment_status,
    });
    order.next_stages = stages::next(order.stage, cancelled_from);
    Ok(order)
}

/// An order's items in their order (also what a channel's order is compared with before an update).
pub(crate) fn items(tx: &Transaction<'_>, order_id: i64) -> Result<Vec<OrderItem>> {
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

pub(crate) fn buyer_of(tx: &Transaction<'_>, order_id: i64) -> Result<i64> {
    tx.prepare_cached("SELECT buyer_id FROM orders WHERE id = ?1")?
        .query_row([order_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| not_found(order_id))
}

fn not_found(order_id: i64) -> Error {
    Error::NotFound { what: format!("order {order_id}") }
}
