//! Mail left out as not from a buyer, and the seller's marks on senders.

use rusqlite::{Transaction, params};

use super::{LeftOutMail, SenderMark};
use crate::vocabulary::UnixSeconds;
use crate::{Error, Result};

/// Stored with the round that read it (same transaction as its cursor); mail taken in after all
/// leaves the list.
pub(crate) fn record(
    tx: &Transaction<'_>,
    account_id: i64,
    left_out: &[LeftOutMail],
    taken_in: &[String],
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO mail_left_out
             (account_id, message_id, sender, sender_name, subject, reason, received_at, mailbox, uidvalidity, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (account_id, message_id) DO UPDATE SET
             reason = excluded.reason, mailbox = excluded.mailbox,
             uidvalidity = excluded.uidvalidity, uid = excluded.uid",
    )?;
    for mail in left_out {
        insert.execute(params![
            account_id,
            mail.message_id,
            mail.sender.to_lowercase(),
            mail.sender_name,
            mail.subject,
            mail.reason,
            mail.received_at,
            mail.mailbox,
            mail.uidvalidity,
            mail.uid
        ])?;
    }
    let mut delete =
        tx.prepare_cached("DELETE FROM mail_left_out WHERE account_id = ?1 AND message_id = ?2")?;
    for message_id in taken_in {
        delete.execute(params![account_id, message_id])?;
    }
    Ok(())
}

pub(crate) fn list(tx: &Transaction<'_>, account_id: i64, limit: u32) -> Result<Vec<LeftOutMail>> {
    let mut statement = tx.prepare_cached(
        "SELECT message_id, sender, sender_name, subject, reason, received_at, mailbox, uidvalidity, uid
           FROM mail_left_out WHERE account_id = ?1 ORDER BY received_at DESC, message_id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![account_id, limit], |row| {
        Ok(LeftOutMail {
            message_id: row.get(0)?,
            sender: row.get(1)?,
            sender_name: row.get(2)?,
            subject: row.get(3)?,
            reason: row.get(4)?,
            received_at: row.get(5)?,
            mailbox: row.get(6)?,
            uidvalidity: row.get(7)?,
            uid: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn marks(tx: &Transaction<'_>, account_id: i64) -> Result<Vec<SenderMark>> {
    let mut statement = tx.prepare_cached(
        "SELECT pattern, is_buyer, marked_at FROM mail_sender_marks WHERE account_id = ?1 ORDER BY pattern",
    )?;
    let rows = statement.query_map([account_id], |row| {
        Ok(SenderMark { pattern: row.get(0)?, is_buyer: row.get(1)?, marked_at: row.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An address or `@domain`, lowercased; anything else is refused so a typo cannot hide all mail.
fn pattern(raw: &str) -> Result<String> {
    let pattern = raw.trim().to_lowercase();
    let valid = match pattern.split_once('@') {
        Some(("", domain)) | Some((_, domain)) => domain.contains('.') && !domain.contains('@'),
        None => false,
    } && !pattern.contains(char::is_whitespace);
    if valid {
        Ok(pattern)
    } else {
        Err(Error::InvalidInput(format!("{raw:?} is not an address or @domain")))
    }
}

pub(crate) fn mark(
    tx: &Transaction<'_>,
    account_id: i64,
    raw: &str,
    is_buyer: bool,
    now: UnixSeconds,
) -> Result<()> {
    let pattern = pattern(raw)?;
    tx.prepare_cached(
        "INSERT INTO mail_sender_marks (account_id, pattern, is_buyer, marked_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (account_id, pattern) DO UPDATE SET is_buyer = excluded.is_buyer, marked_at = excluded.marked_at",
    )?
    .execute(params![account_id, pattern, is_buyer, now])?;
    Ok(())
}

pub(crate) fn unmark(tx: &Transaction<'_>, account_id: i64, raw: &str) -> Result<()> {
    let pattern = pattern(raw)?;
    tx.prepare_cached("DELETE FROM mail_sender_marks WHERE account_id = ?1 AND pattern = ?2")?
        .execute(params![account_id, pattern])?;
    Ok(())
}
