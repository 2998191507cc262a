//! The inbox list: filters, search and the order sellers work through it in.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use super::{fts_query, search_hits};
use crate::Result;
use crate::conversations::AttachmentKind;
use crate::conversations::status_counts::{self, count};
use crate::conversations::targets::{self, TargetRules};
use crate::inbox::{InboxPage, InboxQuery, InboxRow};
use crate::vocabulary::{ConversationStatus, Direction, UnixSeconds};

const PREVIEW_CHARS: usize = 140;

/// Pinned first; then conversations needing a reply, longest wait first (those with no wait last);
/// then the rest, most recent first. The id breaks ties so pages never overlap. Written as the keys of
/// the `conversations_inbox_*` indexes (migration 0006), text for text, so SQLite walks an index in
/// this order and stops at the page instead of sorting every match.
pub(crate) const ORDER: &str = "ORDER BY c.pinned DESC,
                  (c.status = 'needs_reply') DESC,
                  (CASE WHEN c.status = 'needs_reply' THEN coalesce(c.waiting_since, 9223372036854775807)
                        ELSE -coalesce(c.last_message_at, 0) END),
                  c.id DESC";

/// The inbox's filters other than search, as SQL conditions on `conversations c` with their values.
pub(crate) struct Filter {
    pub(crate) conditions: Vec<String>,
    pub(crate) values: Vec<Value>,
}

impl Filter {
    /// `with_status: false` leaves the status out (the tab counts group by it).
    pub(crate) fn new(query: &InboxQuery, with_status: bool) -> Filter {
        let mut filter = Filter { conditions: Vec::new(), values: Vec::new() };
        if let Some(status) = query.status.filter(|_| with_status) {
            filter.push("c.status = ?", Value::Text(status.as_str().into()));
        }
        if let Some(channel) = query.channel {
            filter.push(
                "c.account_id IN (SELECT id FROM accounts WHERE channel = ?)",
                Value::Text(channel.as_str().into()),
            );
        }
        if let Some(account_id) = query.account_id {
            filter.push("c.account_id = ?", Value::Integer(account_id));
        }
        if let Some(tag) = query.tag.as_deref().map(str::trim).filter(|tag| !tag.is_empty()) {
            filter.push(
                "c.id IN (SELECT conversation_id FROM conversation_tags WHERE tag = ?)",
                Value::Text(tag.into()),
            );
        }
        if let Some(stage) = query.order_stage {
            filter.push(
                "c.id IN (SELECT conversation_id FROM orders WHERE stage = ? AND conversation_id IS NOT NULL)",
                Value::Text(stage.as_str().into()),
            );
        }
        match query.has_order {
            // Few conversations have orders: as a list SQLite starts from the orders instead of
            // testing every conversation (the total would otherwise scan all of them).
            Some(true) => filter.conditions.push(
                "c.id IN (SELECT o.conversation_id FROM orders o WHERE o.conversation_id IS NOT NULL)".into(),
            ),
            Some(false) => filter
                .conditions
                .push("NOT EXISTS (SELECT 1 FROM orders o WHERE o.conversation_id = c.id)".into()),
            None => {}
        }
        filter
    }

    /// `?` placeholders become numbered ones, so more values can follow.
    fn push(&mut self, condition: &str, value: Value) {
        self.values.push(value);
        self.conditions.push(condition.replace('?', &format!("?{}", self.values.len())));
    }

    pub(crate) fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conditions.join(" AND "))
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }
}

pub(crate) fn inbox(tx: &Transaction<'_>, query: &InboxQuery, now: UnixSeconds) -> Result<InboxPage> {
    let targets = TargetRules::load(tx)?;
    let needs_reply = status_counts::of(tx, ConversationStatus::NeedsReply)?;
    if let Some(fts) = query.search.as_deref().and_then(fts_query::fts_query) {
        let wanted = query.offset.saturating_add(query.limit) as usize;
        let found = search_hits::find(tx, &fts, &Filter::new(query, true), wanted)?;
        let mut rows = Vec::new();
        for hit in found.hits.iter().skip(query.offset as usize).take(query.limit as usize) {
            if let Some(mut row) = inbox_row_with(tx, hit.conversation_id, now, &targets)? {
                if let (Some(message_id), Some(matched_by)) = (hit.message_id, hit.matched_by.as_deref()) {
                    search_hits::highlight_preview(tx, matched_by, message_id, &mut row)?;
                }
                rows.push(row);
            }
        }
        return Ok(InboxPage {
            rows,
            total: count(found.hits.len() as i64),
            needs_reply,
            total_capped: found.capped,
        });
    }

    let filter = Filter::new(query, true);
    let (total, total_capped) = match (query.status, filter.conditions.len()) {
        (_, 0) => (status_counts::all(tx)?, false),
        (Some(status), 1) => (status_counts::of(tx, status)?, false),
        _ => filtered_total(tx, &filter, query)?,
    };
    let mut values = filter.values.clone();
    values.push(Value::Integer(i64::from(query.limit)));
    values.push(Value::Integer(i64::from(query.offset)));
    let (limit, offset) = (values.len() - 1, values.len());
    // One statement for the page: the subquery walks an inbox index and stops at the page; only its
    // rows get the joins and the last message, order stage and tags; the outer sort is of 50 rows.
    let mut stmt = tx.prepare_cached(&format!(
        "{ROW_COLUMNS}
           FROM (SELECT c.id FROM conversations c {} {ORDER} LIMIT ?{limit} OFFSET ?{offset}) page
           JOIN conversations c ON c.id = page.id
           {ROW_JOINS}
          {ORDER}",
        filter.where_clause()
    ))?;
    let rows = stmt
        .query_map(params_from_iter(values.iter()), read_row)?
        .map(|row| row.map(|row| finish(row, now, &targets)))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(InboxPage { rows, total, needs_reply, total_capped })
}

/// Conversations beyond the page that a filtered total counts before it stops: the list only needs
/// to know that more follow, and counting every match of a broad filter costs a full scan.
const COUNT_AHEAD: u32 = 1000;

/// The total under filters the status counters cannot answer, counted up to `COUNT_AHEAD` past the
/// page; `true` when it stopped there (the total is then a lower bound).
fn filtered_total(tx: &Transaction<'_>, filter: &Filter, query: &InboxQuery) -> Result<(u32, bool)> {
    let cap = i64::from(query.offset.saturating_add(query.limit).saturating_add(COUNT_AHEAD));
    let mut values = filter.values.clone();
    values.push(Value::Integer(cap + 1));
    let n: i64 = tx
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM conversations c {} LIMIT ?{})",
            filter.where_clause(),
            values.len()
        ))?
        .query_row(params_from_iter(values.iter()), |row| row.get(0))?;
    Ok((count(n.min(cap)), n > cap))
}

/// An inbox line's columns over `conversations c` and [`ROW_JOINS`], read by [`read_row`].
const ROW_COLUMNS: &str = "SELECT c.id, c.buyer_id, b.display_name, a.channel, a.id, a.display_name, c.kind,
                c.status, c.subject, c.last_message_at, c.waiting_since, c.unread_count, c.pinned,
                (SELECT o.stage FROM orders o
                  WHERE o.conversation_id = c.id AND o.stage <> 'cancelled'
                  ORDER BY o.created_at DESC, o.id DESC LIMIT 1),
                m.text, m.direction, m.attachments,
                (SELECT json_group_array(t.tag) FROM conversation_tags t WHERE t.conversation_id = c.id)";

/// The last message comes by its id from the (conversation_id, sent_at, id) index.
const ROW_JOINS: &str = "JOIN accounts a ON a.id = c.account_id
           JOIN buyers b ON b.id = c.buyer_id
           LEFT JOIN messages m ON m.id = (SELECT lm.id FROM messages lm WHERE lm.conversation_id = c.id
                                           ORDER BY lm.sent_at DESC, lm.id DESC LIMIT 1)";

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<InboxRow> {
    let text: Option<String> = row.get(14)?;
    let attachments: Option<String> = row.get(16)?;
    let tags_json: Option<String> = row.get(17)?;
    let mut tags: Vec<String> =
        tags_json.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default();
    tags.sort();
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
        preview: text
            .as_deref()
            .map(|text| preview(text, attachments.as_deref().unwrap_or("[]")))
            .unwrap_or_default(),
        preview_attachment: text
            .as_deref()
            .and_then(|text| preview_attachment(text, attachments.as_deref().unwrap_or("[]"))),
        last_direction: row.get::<_, Option<Direction>>(15)?,
        last_message_at: row.get(9)?,
        waiting_since: row.get(10)?,
        waiting_seconds: None,
        order_stage: row.get(13)?,
        tags,
        unread: u32::try_from(row.get::<_, i64>(11)?).unwrap_or(u32::MAX),
        pinned: row.get(12)?,
        target_seconds: 0,
        target_waiting_seconds: None,
        target_level: None,
        highlights: Vec::new(),
    })
}

/// The wait and its level at `now`: wall-clock for display, as the target counts it for the level.
fn finish(mut row: InboxRow, now: UnixSeconds, rules: &TargetRules) -> InboxRow {
    row.waiting_seconds = row.waiting_since.map(|since| (now - since).max(0));
    row.target_seconds = targets::target_for(&rules.targets, row.channel, row.kind);
    row.target_waiting_seconds =
        row.waiting_since.map(|since| rules.clock.counted(since, now, row.target_seconds));
    row.target_level = targets::level(row.status, row.target_waiting_seconds, row.target_seconds);
    row
}

/// One inbox line, with the reply targets loaded once by the caller; `None` when the conversation
/// does not exist.
pub(crate) fn inbox_row_with(
    tx: &Transaction<'_>,
    conversation_id: i64,
    now: UnixSeconds,
    targets: &TargetRules,
) -> Result<Option<InboxRow>> {
    Ok(tx
        .prepare_cached(&format!("{ROW_COLUMNS} FROM conversations c {ROW_JOINS} WHERE c.id = ?1"))?
        .query_row([conversation_id], read_row)
        .optional()?
        .map(|row| finish(row, now, targets)))
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

/// What the preview stands for when the last message is only a story reply, a mention, a shared
/// post or something the channel's API cannot show: the UI says it in the seller's language.
pub(crate) fn preview_attachment(text: &str, attachments_json: &str) -> Option<AttachmentKind> {
    if !text.trim().is_empty() {
        return None;
    }
    let list: Vec<serde_json::Value> = serde_json::from_str(attachments_json).ok()?;
    list.first()?.get("kind")?.as_str().and_then(AttachmentKind::parse)
}

#[cfg(test)]
mod tests {
    use super::{preview, preview_attachment};

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

    #[test]
    fn a_story_reply_without_words_says_what_it_is() {
        let story = r#"[{"file_name":"story","kind":"story_reply"}]"#;
        assert_eq!(preview_attachment("", story), Some(crate::conversations::AttachmentKind::StoryReply));
        assert_eq!(preview_attachment("¡qué lindo!", story), None, "the words say it");
        assert_eq!(preview_attachment("", r#"[{"file_name":"foto.jpg"}]"#), None);
    }
}
