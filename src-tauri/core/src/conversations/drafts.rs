//! What the seller is writing in each conversation, kept across restarts (one draft per
//! conversation; an empty draft is no draft).

use rusqlite::{OptionalExtension, Transaction, params};

use super::status;
use crate::Result;
use crate::conversations::Draft;
use crate::vocabulary::UnixSeconds;

pub(crate) fn save(tx: &Transaction<'_>, conversation_id: i64, text: &str, now: UnixSeconds) -> Result<()> {
    status::require(tx, conversation_id)?;
    if text.trim().is_empty() {
        return clear(tx, conversation_id);
    }
    tx.prepare_cached(
        "INSERT INTO conversation_drafts (conversation_id, text, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (conversation_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
    )?
    .execute(params![conversation_id, text, now])?;
    Ok(())
}

pub(crate) fn clear(tx: &Transaction<'_>, conversation_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM conversation_drafts WHERE conversation_id = ?1")?
        .execute([conversation_id])?;
    Ok(())
}

pub(crate) fn get(tx: &Transaction<'_>, conversation_id: i64) -> Result<Option<Draft>> {
    Ok(tx
        .prepare_cached(
            "SELECT conversation_id, text, updated_at FROM conversation_drafts WHERE conversation_id = ?1",
        )?
        .query_row([conversation_id], draft)
        .optional()?)
}

/// Every draft, most recently edited first (the tabs to reopen after a restart).
pub(crate) fn all(tx: &Transaction<'_>) -> Result<Vec<Draft>> {
    Ok(tx
        .prepare_cached("SELECT conversation_id, text, updated_at FROM conversation_drafts ORDER BY updated_at DESC, conversation_id")?
        .query_map([], draft)?
        .collect::<rusqlite::Result<_>>()?)
}

fn draft(row: &rusqlite::Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft { conversation_id: row.get(0)?, text: row.get(1)?, updated_at: row.get(2)? })
}
