//! Which order each message belongs to (at most one: `order_messages_one_order` in the schema) and
//! the conversation view narrowed to one order or to the messages of none.

use rusqlite::{Transaction, params};

use super::order;
use crate::conversations::messages::{MESSAGE_COLUMNS, attachment_views, message_columns, message_view};
use crate::orders::{ThreadFilter, ThreadMessage};
use crate::{Error, Result};

/// Puts the messages into `order_id` (taking them out of any other order), or into no order.
/// Only messages of the order's buyer can join it, so one buyer's thread never gets another's words.
pub(crate) fn assign(tx: &Transaction<'_>, order_id: Option<i64>, message_ids: &[i64]) -> Result<()> {
    let buyer = order_id.map(|id| order::buyer_of(tx, id)).transpose()?;
    let mut owner = tx.prepare_cached(
        "SELECT c.buyer_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ?1",
    )?;
    let mut unlink = tx.prepare_cached("DELETE FROM order_messages WHERE message_id = ?1")?;
    let mut link = tx.prepare_cached("INSERT INTO order_messages (order_id, message_id) VALUES (?1, ?2)")?;
    for &message_id in message_ids {
        let message_buyer: i64 = owner
            .query_row([message_id], |row| row.get(0))
            .map_err(|_| Error::NotFound { what: format!("message {message_id}") })?;
        if let (Some(order_id), Some(buyer)) = (order_id, buyer) {
            if message_buyer != buyer {
                return Err(Error::InvalidInput(format!(
                    "message {message_id} is not from the buyer of order {order_id}"
                )));
            }
            unlink.execute([message_id])?;
            link.execute(params![order_id, message_id])?;
        } else {
            unlink.execute([message_id])?;
        }
    }
    Ok(())
}

/// A Mercado Libre pack (a post-sale conversation) is one purchase: when its first order is created,
/// the messages so far that belong to no order join it; later ones join through the
/// `messages_join_pack_order` trigger.
pub(crate) fn attach_pack(tx: &Transaction<'_>, conversation_id: i64, order_id: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO order_messages (order_id, message_id)
         SELECT ?2, m.id FROM messages m
          WHERE m.conversation_id = ?1
            AND (SELECT kind FROM conversations WHERE id = ?1) = 'post_sale'
            AND ?2 = (SELECT o.id FROM orders o WHERE o.conversation_id = ?1 ORDER BY o.created_at, o.id LIMIT 1)
            AND NOT EXISTS (SELECT 1 FROM order_messages om WHERE om.message_id = m.id)",
    )?
    .execute(params![conversation_id, order_id])?;
    Ok(())
}

/// The conversation's messages, oldest first, narrowed by `filter`. An order's view also shows its
/// messages from the buyer's other conversations (after a merge, other channels), marked `elsewhere`.
pub(crate) fn messages(
    tx: &Transaction<'_>,
    conversation_id: i64,
    filter: ThreadFilter,
) -> Result<Vec<ThreadMessage>> {
    crate::conversations::status::require(tx, conversation_id)?;
    let (condition, order_id) = match filter {
        // Every statement names both parameters: rusqlite checks the count.
        ThreadFilter::All => ("m.conversation_id = ?1 AND ?2 IS NULL", None),
        ThreadFilter::Unsorted => ("m.conversation_id = ?1 AND ?2 IS NULL AND om.order_id IS NULL", None),
        ThreadFilter::Order { order_id } => {
            order::buyer_of(tx, order_id)?;
            ("om.order_id = ?2 AND ?1 IS NOT NULL", Some(order_id))
        }
    };
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {}, m.conversation_id, a.channel, a.display_name
           FROM messages m
           JOIN accounts a ON a.id = m.account_id
           LEFT JOIN order_messages om ON om.message_id = m.id
          WHERE {condition}
          ORDER BY m.sent_at, m.id",
        message_columns("om.order_id")
    ))?;
    let rows = stmt.query_map(params![conversation_id, order_id], |row| {
        let (message, attachments) = message_view(row)?;
        let from: i64 = row.get(MESSAGE_COLUMNS)?;
        Ok((
            ThreadMessage {
                message,
                conversation_id: from,
                channel: row.get(MESSAGE_COLUMNS + 1)?,
                account_name: row.get(MESSAGE_COLUMNS + 2)?,
                elsewhere: from != conversation_id,
            },
            attachments,
        ))
    })?;
    let mut messages = Vec::new();
    for row in rows {
        let (mut message, attachments) = row?;
        message.message.attachments = attachment_views(&attachments)?;
        messages.push(message);
    }
    Ok(messages)
}
