//! What the seller does to one conversation: its status (done, waiting, snoozed, needs reply),
//! tags, pin and read mark, and finding it by the channel's reference.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::conversations::{aggregates, status_counts};
use crate::vocabulary::tags::normalise_tags;
use crate::vocabulary::{ConversationStatus, UnixSeconds};
use crate::{Error, Result};

pub(crate) fn id_by_ref(tx: &Transaction<'_>, account_id: i64, external_ref: &str) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM conversations WHERE account_id = ?1 AND external_ref = ?2")?
        .query_row(params![account_id, external_ref], |row| row.get(0))
        .optional()?)
}

/// The conversation's account and its key on the channel (question id, pack id, chat id).
pub(crate) fn channel_ref(tx: &Transaction<'_>, conversation_id: i64) -> Result<(i64, String)> {
    tx.prepare_cached("SELECT account_id, external_ref FROM conversations WHERE id = ?1")?
        .query_row([conversation_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or_else(|| crate::Error::NotFound { what: format!("conversation {conversation_id}") })
}

/// The seller's status holds until a newer message changes it (see `ingest::batch::settle`).
/// Done and waiting-for-buyer also mark every message so far as handled, so the wait ends and only a
/// newer message from the buyer starts one again; needs-reply forgets that mark. Snoozing without a
/// time snoozes until the buyer writes.
pub(crate) fn set_status(
    tx: &Transaction<'_>,
    conversation_id: i64,
    status: ConversationStatus,
    snoozed_until: Option<UnixSeconds>,
    now: UnixSeconds,
) -> Result<()> {
    let before: ConversationStatus = tx
        .prepare_cached("SELECT status FROM conversations WHERE id = ?1")?
        .query_row([conversation_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| not_found(conversation_id))?;
    match (status, snoozed_until) {
        (ConversationStatus::Snoozed, Some(until)) if until <= now => {
            return Err(Error::InvalidInput("a snooze must end in the future".into()));
        }
        (ConversationStatus::Snoozed, _) => {}
        (_, Some(_)) => {
            return Err(Error::InvalidInput("only a snoozed conversation has a snooze time".into()));
        }
        (_, None) => {}
    }
    let handled = match status {
        ConversationStatus::Done | ConversationStatus::WaitingForBuyer => "last_message_at",
        ConversationStatus::NeedsReply => "NULL",
        ConversationStatus::Snoozed => "handled_through",
    };
    tx.prepare_cached(&format!(
        "UPDATE conversations
            SET status = ?2, snoozed_until = ?3, snooze_until_reply = ?4, handled_through = {handled},
                manual_status_through = last_message_at, updated_at = ?5
          WHERE id = ?1"
    ))?
    .execute(params![
        conversation_id,
        status,
        snoozed_until,
        status == ConversationStatus::Snoozed && snoozed_until.is_none(),
        now
    ])?;
    let mut moves = status_counts::Moves::default();
    moves.note(before, status, 1);
    moves.apply(tx)?;
    aggregates::refresh(tx, conversation_id)?;
    Ok(())
}

pub(crate) fn set_tags(tx: &Transaction<'_>, conversation_id: i64, tags: &[String]) -> Result<()> {
    require(tx, conversation_id)?;
    let tags = normalise_tags(tags)?;
    tx.prepare_cached("DELETE FROM conversation_tags WHERE conversation_id = ?1")?
        .execute([conversation_id])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO conversation_tags (conversation_id, tag) VALUES (?1, ?2)")?;
    for tag in &tags {
        insert.execute(params![conversation_id, tag])?;
    }
    Ok(())
}

pub(crate) fn set_pinned(tx: &Transaction<'_>, conversation_id: i64, pinned: bool) -> Result<()> {
    let changed = tx
        .prepare_cached("UPDATE conversations SET pinned = ?2 WHERE id = ?1")?
        .execute(params![conversation_id, pinned])?;
    if changed == 0 { Err(not_found(conversation_id)) } else { Ok(()) }
}

pub(crate) fn mark_read(tx: &Transaction<'_>, conversation_id: i64) -> Result<()> {
    let changed = tx
        .prepare_cached("UPDATE conversations SET unread_count = 0 WHERE id = ?1")?
        .execute([conversation_id])?;
    if changed == 0 { Err(not_found(conversation_id)) } else { Ok(()) }
}

pub(crate) fn require(tx: &Transaction<'_>, conversation_id: i64) -> Result<()> {
    let exists = tx
        .prepare_cached("SELECT 1 FROM conversations WHERE id = ?1")?
        .query_row([conversation_id], |_| Ok(()))
        .optional()?
        .is_some();
    if exists { Ok(()) } else { Err(not_found(conversation_id)) }
}

pub(crate) fn not_found(conversation_id: i64) -> Error {
    Error::NotFound { what: format!("conversation {conversation_id}") }
}
