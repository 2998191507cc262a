//! Committing one sync round: messages through the ingest path, what the channel says about each
//! conversation, orders, messages the buyer deleted, the seller's standing, and then the cursors that cover all of it —
//! in the caller's single transaction, so a crash before the commit loses nothing (the cursors did
//! not move either) and committing the same batch again changes nothing.

use rusqlite::{OptionalExtension, Transaction, params};

use super::channel_orders;
use crate::accounts::{ConversationUpdate, MessageReactions, SyncBatch, SyncCommitReport};
use crate::vocabulary::UnixSeconds;
use crate::{Error, Result, ingest};

pub(crate) fn commit(
    tx: &Transaction<'_>,
    account_id: i64,
    batch: &SyncBatch,
    now: UnixSeconds,
) -> Result<SyncCommitReport> {
    require_account(tx, account_id)?;
    if let Some(stray) = batch.messages.iter().find(|m| m.account_id != account_id) {
        return Err(Error::InvalidInput(format!(
            "message {} belongs to account {}, not to account {account_id}",
            stray.external_id, stray.account_id
        )));
    }
    for cursor in &batch.cursors {
        if cursor.stream.trim().is_empty() {
            return Err(Error::InvalidInput("a cursor's stream must not be empty".into()));
        }
    }

    // Messages first: they create the conversations the rest of the batch talks about.
    let ingested = ingest::batch::ingest(tx, &batch.messages, now)?;
    for update in &batch.conversations {
        apply_conversation(tx, account_id, update, now)?;
    }
    let mut orders_upserted = 0;
    for order in &batch.orders {
        if channel_orders::upsert(tx, account_id, order, now)? {
            orders_upserted += 1;
        }
    }
    orders_upserted += channel_orders::link_waiting(tx, account_id, now)?;
    mark_deleted(tx, account_id, &batch.deleted_messages, now)?;
    set_reactions(tx, account_id, &batch.reactions, now)?;
    crate::mail::left_out::record(tx, account_id, &batch.left_out_mail, &batch.taken_in_mail)?;
    crate::mail::set_quote_starts(tx, account_id, &batch.quote_starts)?;
    if let Some(read) = &batch.seller_metrics {
        crate::metrics::seller::record(tx, account_id, read, now)?;
    }
    for cursor in &batch.cursors {
        tx.prepare_cached(
            "INSERT INTO sync_cursors (account_id, stream, cursor, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (account_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
              WHERE cursor IS NOT excluded.cursor",
        )?
        .execute(params![account_id, cursor.stream, cursor.cursor, now])?;
    }
    Ok(SyncCommitReport {
        inserted: ingested.inserted,
        updated: ingested.updated,
        unchanged: ingested.unchanged,
        orders_upserted,
    })
}

pub(crate) fn cursor(tx: &Transaction<'_>, account_id: i64, stream: &str) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT cursor FROM sync_cursors WHERE account_id = ?1 AND stream = ?2")?
        .query_row(params![account_id, stream], |row| row.get(0))
        .optional()?)
}

/// Blocked or open, reply window, listing, kind and subject, written only when they changed. A
/// conversation not stored yet (no message of it so far) has nothing to update: it comes with its
/// first message.
fn apply_conversation(
    tx: &Transaction<'_>,
    account_id: i64,
    update: &ConversationUpdate,
    now: UnixSeconds,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE conversations
            SET kind = ?3, subject = coalesce(?4, subject), blocked_reason = ?5, reply_until = ?6,
                listing_ref = coalesce(?7, listing_ref), private_reply_until = ?9,
                older_history_unavailable = ?10, updated_at = ?8
          WHERE account_id = ?1 AND external_ref = ?2
            AND (kind IS NOT ?3 OR (?4 IS NOT NULL AND subject IS NOT ?4) OR blocked_reason IS NOT ?5
                 OR reply_until IS NOT ?6 OR (?7 IS NOT NULL AND listing_ref IS NOT ?7)
                 OR private_reply_until IS NOT ?9 OR older_history_unavailable IS NOT ?10)",
    )?
    .execute(params![
        account_id,
        update.external_ref,
        update.kind,
        update.subject,
        update.blocked_reason,
        update.reply_until,
        update.listing_ref,
        now,
        update.private_reply_until,
        update.older_history_unavailable,
    ])?;
    Ok(())
}

/// The buyer deleted these on the channel: the text stays (the seller may have acted on it), marked.
fn mark_deleted(
    tx: &Transaction<'_>,
    account_id: i64,
    external_ids: &[String],
    now: UnixSeconds,
) -> Result<()> {
    let mut mark = tx.prepare_cached(
        "UPDATE messages SET deleted_at = ?3, updated_at = ?3
          WHERE account_id = ?1 AND external_id = ?2 AND deleted_at IS NULL",
    )?;
    for external_id in external_ids {
        mark.execute(params![account_id, external_id, now])?;
    }
    Ok(())
}

/// Reactions replace what a message had: the channel says what is on it now.
fn set_reactions(
    tx: &Transaction<'_>,
    account_id: i64,
    reactions: &[MessageReactions],
    now: UnixSeconds,
) -> Result<()> {
    let mut set = tx.prepare_cached(
        "UPDATE messages SET reactions = ?3, updated_at = ?4
          WHERE account_id = ?1 AND external_id = ?2 AND reactions IS NOT ?3",
    )?;
    for message in reactions {
        set.execute(params![
            account_id,
            message.external_id,
            serde_json::to_string(&message.reactions)?,
            now
        ])?;
    }
    Ok(())
}

fn require_account(tx: &Transaction<'_>, account_id: i64) -> Result<()> {
    tx.prepare_cached("SELECT 1 FROM accounts WHERE id = ?1")?
        .query_row([account_id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("account {account_id}") })
}
