//! Merging two buyers into one, and undoing it exactly.
//!
//! A merge moves the source buyer's identities, conversations and orders to the target and marks
//! the source `merged_into` the target; nothing is deleted, so no message can be lost. The moved ids
//! are recorded in `buyer_merges`, so undoing moves back exactly those rows.

use rusqlite::{OptionalExtension, Transaction, params};

use super::profile;
use crate::buyers::{MergeReason, MergeRecord};
use crate::vocabulary::UnixSeconds;
use crate::vocabulary::tags::normalise_tags;
use crate::{Error, Result};

/// Merges `source` into `target`; returns the merge's id (for undo).
pub(crate) fn merge(
    tx: &Transaction<'_>,
    target: i64,
    source: i64,
    reasons: &[MergeReason],
    now: UnixSeconds,
) -> Result<i64> {
    if target == source {
        return Err(Error::InvalidInput("a buyer cannot be merged with itself".into()));
    }
    for buyer in [target, source] {
        profile::require(tx, buyer)?;
        if merged_into(tx, buyer)?.is_some() {
            return Err(Error::InvalidInput(format!("buyer {buyer} was already merged into another one")));
        }
    }
    let identity_ids = move_rows(tx, "buyer_identities", source, target)?;
    let conversation_ids = move_rows(tx, "conversations", source, target)?;
    let order_ids = move_rows(tx, "orders", source, target)?;

    let (target_notes, target_tags) = profile(tx, target)?;
    let (source_notes, source_tags) = profile(tx, source)?;
    let notes = if source_notes.is_empty() || target_notes.contains(&source_notes) {
        target_notes.clone()
    } else if target_notes.is_empty() {
        source_notes
    } else {
        format!("{target_notes}\n\n{source_notes}")
    };
    let tags = normalise_tags(&[target_tags.clone(), source_tags].concat())?;
    profile::set_profile(tx, target, &notes, &tags)?;
    let (notes_after, tags_after) = profile(tx, target)?;

    tx.prepare_cached("UPDATE buyers SET merged_into = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![source, target, now])?;
    tx.prepare_cached(
        "INSERT INTO buyer_merges (target_buyer_id, source_buyer_id, identity_ids, conversation_ids, order_ids,
                                   target_notes_before, target_tags_before, target_notes_after, target_tags_after,
                                   reasons, merged_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        target,
        source,
        serde_json::to_string(&identity_ids)?,
        serde_json::to_string(&conversation_ids)?,
        serde_json::to_string(&order_ids)?,
        target_notes,
        serde_json::to_string(&target_tags)?,
        notes_after,
        serde_json::to_string(&tags_after)?,
        serde_json::to_string(reasons)?,
        now,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Undoes a merge: the recorded identities, conversations and orders go back to the source buyer.
/// The target's notes and tags return to what they were unless the seller has edited them since.
/// A message the seller put into the other buyer's order meanwhile goes back to no order, because an
/// order only holds its own buyer's messages.
pub(crate) fn undo(tx: &Transaction<'_>, merge_id: i64, now: UnixSeconds) -> Result<()> {
    type Recorded = (i64, i64, String, String, String, String, String, String, String);
    let (
        target,
        source,
        identities,
        conversations,
        orders,
        notes_before,
        tags_before,
        notes_after,
        tags_after,
    ): Recorded = tx
        .prepare_cached(
            "SELECT target_buyer_id, source_buyer_id, identity_ids, conversation_ids, order_ids,
                    target_notes_before, target_tags_before, target_notes_after, target_tags_after
               FROM buyer_merges WHERE id = ?1 AND undone_at IS NULL",
        )?
        .query_row([merge_id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("merge {merge_id}") })?;
    if merged_into(tx, target)?.is_some() {
        return Err(Error::InvalidInput(
            "this buyer was merged into another one since: undo that merge first".into(),
        ));
    }
    for (table, ids) in
        [("buyer_identities", identities), ("conversations", conversations), ("orders", orders)]
    {
        let ids: Vec<i64> = serde_json::from_str(&ids)?;
        let mut update = tx.prepare_cached(&format!("UPDATE {table} SET buyer_id = ?2 WHERE id = ?1"))?;
        for id in ids {
            update.execute(params![id, source])?;
        }
    }
    tx.prepare_cached(
        "DELETE FROM order_messages
          WHERE message_id IN (
                SELECT om.message_id FROM order_messages om
                  JOIN orders o ON o.id = om.order_id
                  JOIN messages m ON m.id = om.message_id
                  JOIN conversations c ON c.id = m.conversation_id
                 WHERE o.buyer_id IN (?1, ?2) AND c.buyer_id <> o.buyer_id)",
    )?
    .execute(params![target, source])?;

    let (notes_now, tags_now) = profile(tx, target)?;
    let tags_after: Vec<String> = serde_json::from_str(&tags_after)?;
    if notes_now == notes_after && tags_now == tags_after {
        let tags_before: Vec<String> = serde_json::from_str(&tags_before)?;
        profile::set_profile(tx, target, &notes_before, &tags_before)?;
    }
    tx.prepare_cached("UPDATE buyers SET merged_into = NULL, updated_at = ?2 WHERE id = ?1")?
        .execute(params![source, now])?;
    tx.prepare_cached("UPDATE buyer_merges SET undone_at = ?2 WHERE id = ?1")?
        .execute(params![merge_id, now])?;
    Ok(())
}

/// Merges into `target` still in place, newest first.
pub(crate) fn records(tx: &Transaction<'_>, target: i64) -> Result<Vec<MergeRecord>> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.id, m.source_buyer_id, b.display_name, m.reasons, m.merged_at,
                json_array_length(m.identity_ids), json_array_length(m.conversation_ids),
                json_array_length(m.order_ids)
           FROM buyer_merges m JOIN buyers b ON b.id = m.source_buyer_id
          WHERE m.target_buyer_id = ?1 AND m.undone_at IS NULL
          ORDER BY m.merged_at DESC, m.id DESC",
    )?;
    let rows = stmt.query_map([target], |row| {
        Ok((
            MergeRecord {
                id: row.get(0)?,
                source_buyer_id: row.get(1)?,
                source_name: row.get(2)?,
                reasons: Vec::new(),
                merged_at: row.get(4)?,
                identities: row.get(5)?,
                conversations: row.get(6)?,
                orders: row.get(7)?,
            },
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut records = Vec::new();
    for row in rows {
        let (mut record, reasons) = row?;
        record.reasons = serde_json::from_str(&reasons)?;
        records.push(record);
    }
    Ok(records)
}

/// The buyer a merged buyer now lives in (following chains), or the buyer itself.
pub(crate) fn current(tx: &Transaction<'_>, buyer_id: i64) -> Result<i64> {
    let mut buyer = buyer_id;
    // A chain cannot be longer than the number of merges; the bound guards against a cycle.
    for _ in 0..1_000 {
        match merged_into(tx, buyer)? {
            Some(next) => buyer = next,
            None => return Ok(buyer),
        }
    }
    Err(Error::InvalidInput(format!("buyer {buyer_id} is merged in a cycle")))
}

fn merged_into(tx: &Transaction<'_>, buyer_id: i64) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT merged_into FROM buyers WHERE id = ?1")?
        .query_row([buyer_id], |row| row.get(0))
        .optional()?
        .flatten())
}

/// Moves the source's rows of `table` to the target; returns their ids in id order.
fn move_rows(tx: &Transaction<'_>, table: &str, source: i64, target: i64) -> Result<Vec<i64>> {
    let ids: Vec<i64> = tx
        .prepare_cached(&format!("SELECT id FROM {table} WHERE buyer_id = ?1 ORDER BY id"))?
        .query_map([source], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached(&format!("UPDATE {table} SET buyer_id = ?2 WHERE buyer_id = ?1"))?
        .execute(params![source, target])?;
    Ok(ids)
}

fn profile(tx: &Transaction<'_>, buyer_id: i64) -> Result<(String, Vec<String>)> {
    let notes: String = tx
        .prepare_cached("SELECT notes FROM buyers WHERE id = ?1")?
        .query_row([buyer_id], |row| row.get(0))?;
    let tags = tx
        .prepare_cached("SELECT tag FROM buyer_tags WHERE buyer_id = ?1 ORDER BY tag")?
        .query_map([buyer_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((notes, tags))
}
