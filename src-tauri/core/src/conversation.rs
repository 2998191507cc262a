//! One conversation: the screen that shows it, and what the seller does to it.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::model::{
    AttachmentInput, AttachmentView, ConversationStatus, ConversationView, MessageView, UnixSeconds,
};
use crate::tags::normalise_tags;
use crate::triage::status_counts;
use crate::{Error, Result, aggregates, buyers, inbox, orders};

/// Messages the conversation screen opens with: a few screens' worth, newest; older ones on demand.
pub(crate) const MESSAGE_WINDOW: u32 = 200;

pub(crate) fn view(tx: &Transaction<'_>, conversation_id: i64, now: UnixSeconds) -> Result<ConversationView> {
    let targets = crate::triage::targets::TargetRules::load(tx)?;
    let summary = inbox::inbox_row_with(tx, conversation_id, now, &targets)?
        .ok_or_else(|| not_found(conversation_id))?;
    let buyer = buyers::view(tx, summary.buyer_id)?;
    let orders = orders::of_buyer(tx, summary.buyer_id)?;
    let (messages, has_older_messages) = messages(tx, conversation_id, None, MESSAGE_WINDOW)?;
    let send = crate::sync::send_capability::of_conversation(tx, conversation_id)?;
    Ok(ConversationView { summary, buyer, messages, has_older_messages, orders, send })
}

/// Up to `limit` messages before `before_message_id` (or the newest), oldest first, and whether more
/// exist before them. Messages in the same second keep the order they were stored in.
pub(crate) fn messages(
    tx: &Transaction<'_>,
    conversation_id: i64,
    before_message_id: Option<i64>,
    limit: u32,
) -> Result<(Vec<MessageView>, bool)> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.id, m.direction, m.author, m.text, m.sent_at, m.status, m.attachments,
                (SELECT min(om.order_id) FROM order_messages om WHERE om.message_id = m.id),
                m.failure_code, m.moderation_reason, m.deleted_at
           FROM messages m
          WHERE m.conversation_id = ?1
            AND (?2 IS NULL OR (m.sent_at, m.id) < (SELECT b.sent_at, b.id FROM messages b WHERE b.id = ?2))
          ORDER BY m.sent_at DESC, m.id DESC
          LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![conversation_id, before_message_id, i64::from(limit) + 1], |row| {
        Ok((
            MessageView {
                id: row.get(0)?,
                direction: row.get(1)?,
                author: row.get(2)?,
                text: row.get(3)?,
                sent_at: row.get(4)?,
                status: row.get(5)?,
                attachments: Vec::new(),
                order_id: row.get(7)?,
                failure: row.get(8)?,
                moderation_reason: row.get(9)?,
                deleted_at: row.get(10)?,
            },
            row.get::<_, String>(6)?,
        ))
    })?;
    let mut messages = Vec::new();
    for row in rows {
        let (mut message, attachments) = row?;
        message.attachments = serde_json::from_str::<Vec<AttachmentInput>>(&attachments)?
            .into_iter()
            .map(|a| AttachmentView {
                file_name: a.file_name,
                mime_type: a.mime_type,
                size_bytes: a.size_bytes,
                local_path: a.local_path,
            })
            .collect();
        messages.push(message);
    }
    let has_older = messages.len() > limit as usize;
    messages.truncate(limit as usize);
    messages.reverse();
    Ok((messages, has_older))
}

pub(crate) fn id_by_ref(tx: &Transaction<'_>, account_id: i64, external_ref: &str) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM conversations WHERE account_id = ?1 AND external_ref = ?2")?
        .query_row(params![account_id, external_ref], |row| row.get(0))
        .optional()?)
}

/// The seller's status holds until a newer message changes it (see `ingest::settle_status`).
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

fn not_found(conversation_id: i64) -> Error {
    Error::NotFound { what: format!("conversation {conversation_id}") }
}
