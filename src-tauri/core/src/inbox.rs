//! The inbox list: filters, search and the order sellers work through it in.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use crate::model::{Direction, InboxPage, InboxQuery, InboxRow, UnixSeconds};
use crate::{Result, search};

const PREVIEW_CHARS: usize = 140;

/// Pinned first; then conversations needing a reply, longest wait first; then the rest, most recent
/// first. The id breaks ties so pages never overlap.
const ORDER: &str = "ORDER BY c.pinned DESC,
                  c.status = 'needs_reply' DESC,
                  CASE WHEN c.status = 'needs_reply' THEN c.waiting_since END ASC NULLS LAST,
                  c.last_message_at DESC NULLS LAST,
                  c.id DESC";

pub(crate) fn inbox(tx: &Transaction<'_>, query: &InboxQuery, now: UnixSeconds) -> Result<InboxPage> {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    if let Some(status) = query.status {
        values.push(Value::Text(status.as_str().into()));
        conditions.push(format!("c.status = ?{}", values.len()));
    }
    if let Some(channel) = query.channel {
        values.push(Value::Text(channel.as_str().into()));
        conditions.push(format!("a.channel = ?{}", values.len()));
    }
    if let Some(account_id) = query.account_id {
        values.push(Value::Integer(account_id));
        conditions.push(format!("c.account_id = ?{}", values.len()));
    }
    if let Some(fts) = query.search.as_deref().and_then(search::fts_query) {
        values.push(Value::Text(fts));
        let n = values.len();
        conditions.push(format!(
            "(c.id IN (SELECT m.conversation_id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
                        WHERE messages_fts MATCH ?{n})
              OR c.buyer_id IN (SELECT rowid FROM buyers_fts WHERE buyers_fts MATCH ?{n}))"
        ));
    }
    let filter =
        if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    let from = format!("FROM conversations c JOIN accounts a ON a.id = c.account_id {filter}");

    let total: i64 = tx
        .prepare_cached(&format!("SELECT count(*) {from}"))?
        .query_row(params_from_iter(values.iter()), |row| row.get(0))?;

    values.push(Value::Integer(i64::from(query.limit)));
    values.push(Value::Integer(i64::from(query.offset)));
    let (limit, offset) = (values.len() - 1, values.len());
    let ids = tx
        .prepare_cached(&format!("SELECT c.id {from} {ORDER} LIMIT ?{limit} OFFSET ?{offset}"))?
        .query_map(params_from_iter(values.iter()), |row| row.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Details only for the page: the last message, order and tags are looked up per row instead of
    // for every matching conversation before sorting.
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = inbox_row(tx, id, now)? {
            rows.push(row);
        }
    }
    let needs_reply: i64 = tx
        .prepare_cached("SELECT count(*) FROM conversations WHERE status = 'needs_reply'")?
        .query_row([], |row| row.get(0))?;
    Ok(InboxPage { rows, total: count(total), needs_reply: count(needs_reply) })
}

/// One inbox line; `None` when the conversation does not exist.
pub(crate) fn inbox_row(
    tx: &Transaction<'_>,
    conversation_id: i64,
    now: UnixSeconds,
) -> Result<Option<InboxRow>> {
    let row = tx
        .prepare_cached(
            "SELECT c.id, c.buyer_id, b.display_name, a.channel, a.id, a.display_name, c.kind, c.status, c.subject,
                    c.last_message_at, c.waiting_since, c.unread_count, c.pinned,
                    (SELECT o.stage FROM orders o
                      WHERE o.conversation_id = c.id AND o.stage <> 'cancelled'
                      ORDER BY o.created_at DESC, o.id DESC LIMIT 1)
               FROM conversations c
               JOIN accounts a ON a.id = c.account_id
               JOIN buyers b ON b.id = c.buyer_id
              WHERE c.id = ?1",
        )?
        .query_row([conversation_id], |row| {
            let waiting_since: Option<i64> = row.get(10)?;
            Ok(InboxRow {
                conversation_id: row.get(0)?,
                buyer_id: row.get(1)?,
                buyer_name: row.get(2)?,
                channel: row.get(3)?,
                account_id: row.get(4)?,
                account_name: row.get(5)?,
                kind: row.get(6)?,
                status: row.get(7)?,
                subject: row.get(8)?,
                preview: String::new(),
                last_direction: None,
                last_message_at: row.get(9)?,
                waiting_since,
                waiting_seconds: waiting_since.map(|since| (now - since).max(0)),
                order_stage: row.get(13)?,
                tags: Vec::new(),
                unread: u32::try_from(row.get::<_, i64>(11)?).unwrap_or(u32::MAX),
                pinned: row.get(12)?,
            })
        })
        .optional()?;
    let Some(mut row) = row else { return Ok(None) };

    let last: Option<(String, Direction, String)> = tx
        .prepare_cached(
            "SELECT text, direction, attachments FROM messages
              WHERE conversation_id = ?1 ORDER BY sent_at DESC, id DESC LIMIT 1",
        )?
        .query_row([conversation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((text, direction, attachments)) = last {
        row.preview = preview(&text, &attachments);
        row.last_direction = Some(direction);
    }
    row.tags = conversation_tags(tx, conversation_id)?;
    Ok(Some(row))
}

pub(crate) fn conversation_tags(tx: &Transaction<'_>, conversation_id: i64) -> Result<Vec<String>> {
    Ok(tx
        .prepare_cached("SELECT tag FROM conversation_tags WHERE conversation_id = ?1 ORDER BY tag")?
        .query_map([conversation_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The first non-blank line, at most 140 characters (an ellipsis marks a cut). A message with only
/// attachments shows the first file's name.
pub(crate) fn preview(text: &str, attachments_json: &str) -> String {
    let line = text.lines().map(str::trim).find(|line| !line.is_empty());
    let line = match line {
        Some(line) => line.to_owned(),
        None => serde_json::from_str::<Vec<serde_json::Value>>(attachments_json)
            .ok()
            .and_then(|list| list.first()?.get("file_name")?.as_str().map(str::to_owned))
            .unwrap_or_default(),
    };
    if line.chars().count() <= PREVIEW_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::preview;

    #[test]
    fn preview_is_the_first_line_cut_on_a_char_boundary() {
        assert_eq!(preview("\n  Hola!  \nsegunda línea", "[]"), "Hola!");
        let long = "ñ".repeat(200);
        let cut = preview(&long, "[]");
        assert_eq!(cut.chars().count(), 140);
        assert!(cut.ends_with('…'));
        assert_eq!(preview(&"é".repeat(140), "[]").chars().count(), 140);
    }

    #[test]
    fn a_message_with_only_an_attachment_previews_its_name() {
        assert_eq!(preview("", r#"[{"file_name":"foto.jpg"}]"#), "foto.jpg");
        assert_eq!(preview("", "[]"), "");
    }
}
