//! A conversation's messages, a window at a time: the newest when it opens, older ones on demand.

use rusqlite::{Transaction, params};

use crate::Result;
use crate::conversations::AttachmentInput;
use crate::conversations::{AttachmentView, MessageView};

/// Messages the conversation screen opens with: a few screens' worth, newest; older ones on demand.
pub(crate) const MESSAGE_WINDOW: u32 = 200;

/// Columns [`message_columns`] selects, so a caller knows where its own columns start.
pub(crate) const MESSAGE_COLUMNS: usize = 13;

/// A message's columns over `messages m`, with the order it belongs to as `{order_id}`; read back by
/// [`message_view`] from the first [`MESSAGE_COLUMNS`] columns of a row.
pub(crate) fn message_columns(order_id: &str) -> String {
    format!(
        "m.id, m.direction, m.author, m.text, m.sent_at, m.status, m.attachments, {order_id},
         m.failure_code, m.moderation_reason, m.deleted_at, m.reactions, m.quote_start"
    )
}

/// The message of a row selected with [`message_columns`]; its attachments are still JSON, to be
/// decoded by [`attachment_views`] outside the row callback (a decoding error is not SQLite's).
pub(crate) fn message_view(row: &rusqlite::Row<'_>) -> rusqlite::Result<(MessageView, String)> {
    let text: String = row.get(3)?;
    let quote_start = row.get::<_, Option<i64>>(12)?.and_then(|start| quote_start_utf16(&text, start));
    Ok((
        MessageView {
            id: row.get(0)?,
            direction: row.get(1)?,
            author: row.get(2)?,
            text,
            sent_at: row.get(4)?,
            status: row.get(5)?,
            attachments: Vec::new(),
            order_id: row.get(7)?,
            failure: row.get(8)?,
            moderation_reason: row.get(9)?,
            deleted_at: row.get(10)?,
            // Written only by this crate as a JSON list of strings; anything else reads as none.
            reactions: serde_json::from_str(&row.get::<_, String>(11)?).unwrap_or_default(),
            quote_start,
        },
        row.get(6)?,
    ))
}

/// The stored byte offset as the UI counts (UTF-16 units); none when it does not fall inside the
/// text on a character boundary.
fn quote_start_utf16(text: &str, start: i64) -> Option<u32> {
    let start = usize::try_from(start).ok()?;
    let before = text.get(..start)?;
    (start < text.len()).then(|| before.encode_utf16().count() as u32)
}

/// The attachments a message stores as JSON, as the UI lists them (name, type, size, kept file).
pub(crate) fn attachment_views(json: &str) -> Result<Vec<AttachmentView>> {
    Ok(serde_json::from_str::<Vec<AttachmentInput>>(json)?
        .into_iter()
        .map(|a| AttachmentView {
            file_name: a.file_name,
            mime_type: a.mime_type,
            size_bytes: a.size_bytes,
            local_path: a.local_path,
            kind: a.kind,
        })
        .collect())
}

/// Up to `limit` messages before `before_message_id` (or the newest), oldest first, and whether more
/// exist before them. Messages in the same second keep the order they were stored in.
pub(crate) fn messages(
    tx: &Transaction<'_>,
    conversation_id: i64,
    before_message_id: Option<i64>,
    limit: u32,
) -> Result<(Vec<MessageView>, bool)> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {}
           FROM messages m
          WHERE m.conversation_id = ?1
            AND (?2 IS NULL OR (m.sent_at, m.id) < (SELECT b.sent_at, b.id FROM messages b WHERE b.id = ?2))
          ORDER BY m.sent_at DESC, m.id DESC
          LIMIT ?3",
        message_columns("(SELECT min(om.order_id) FROM order_messages om WHERE om.message_id = m.id)")
    ))?;
    let rows =
        stmt.query_map(params![conversation_id, before_message_id, i64::from(limit) + 1], message_view)?;
    let mut messages = Vec::new();
    for row in rows {
        let (mut message, attachments) = row?;
        message.attachments = attachment_views(&attachments)?;
        messages.push(message);
    }
    let has_older = messages.len() > limit as usize;
    messages.truncate(limit as usize);
    messages.reverse();
    Ok((messages, has_older))
}
