//! Where a mail belongs, from what is stored.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{BuyerThread, MailThread};
use crate::Result;

/// SQLite's default limit of bound parameters is far above this; a mail referencing more ancestors
/// than that is threaded by its most recent ones.
const MAX_REFERENCES: usize = 200;

pub(crate) fn holding(
    tx: &Transaction<'_>,
    account_id: i64,
    message_ids: &[String],
) -> Result<Option<String>> {
    let mut statement = tx.prepare_cached(
        "SELECT c.external_ref FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.account_id = ?1 AND m.external_id = ?2",
    )?;
    // The most recent references first: the nearest ancestor decides when a thread was split.
    for id in message_ids.iter().rev().take(MAX_REFERENCES) {
        if let Some(reference) = statement.query_row(params![account_id, id], |row| row.get(0)).optional()? {
            return Ok(Some(reference));
        }
    }
    Ok(None)
}

pub(crate) fn of_buyer(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer_external_id: &str,
) -> Result<Vec<BuyerThread>> {
    let mut statement = tx.prepare_cached(
        "SELECT DISTINCT c.external_ref, c.subject, c.last_message_at
           FROM buyer_identities i JOIN conversations c ON c.buyer_id = i.buyer_id AND c.account_id = i.account_id
          WHERE i.account_id = ?1 AND i.external_id = ?2
          ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC",
    )?;
    let threads = statement.query_map(params![account_id, buyer_external_id], |row| {
        Ok(BuyerThread { external_ref: row.get(0)?, subject: row.get(1)?, last_message_at: row.get(2)? })
    })?;
    Ok(threads.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn one(
    tx: &Transaction<'_>,
    account_id: i64,
    conversation_ref: &str,
) -> Result<Option<MailThread>> {
    let Some((id, subject)) = tx
        .prepare_cached("SELECT id, subject FROM conversations WHERE account_id = ?1 AND external_ref = ?2")?
        .query_row(params![account_id, conversation_ref], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let mut statement = tx.prepare_cached(
        "SELECT external_id FROM messages
          WHERE conversation_id = ?1 AND external_id NOT LIKE 'outbox:%'
          ORDER BY sent_at, id",
    )?;
    let message_ids = statement.query_map([id], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Some(MailThread { subject, message_ids }))
}

pub(crate) fn buyer_name(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer_external_id: &str,
) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached(
            "SELECT display_name FROM buyer_identities WHERE account_id = ?1 AND external_id = ?2",
        )?
        .query_row(params![account_id, buyer_external_id], |row| row.get(0))
        .optional()?)
}

/// The account and the buyer's address of a conversation on a mail account.
pub(crate) fn mail_sender_of(tx: &Transaction<'_>, conversation_id: i64) -> Result<(i64, String)> {
    tx.prepare_cached(
        "SELECT c.account_id, i.external_id
           FROM conversations c JOIN accounts a ON a.id = c.account_id
           JOIN buyer_identities i ON i.buyer_id = c.buyer_id AND i.account_id = c.account_id
          WHERE c.id = ?1 AND a.channel = 'email'
          ORDER BY i.id LIMIT 1",
    )?
    .query_row([conversation_id], |row| Ok((row.get(0)?, row.get(1)?)))
    .optional()?
    .ok_or_else(|| crate::Error::NotFound { what: format!("mail conversation {conversation_id}") })
}
