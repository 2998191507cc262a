//! Search results for the inbox: conversations whose messages or buyer names match, newest match
//! first, each with the matching message as its preview and the matched words' ranges in it.
//!
//! FTS5 walks its matches newest-stored first and stops after `CAP` conversations, so a word that
//! appears in half a million messages costs as little as a rare one; `capped` says the count stopped.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};

use crate::Result;
use crate::inbox::list::Filter;
use crate::inbox::{InboxRow, TextRange};

/// Conversations a search collects at most before it stops counting.
pub(crate) const CAP: usize = 1000;
const PREVIEW_CHARS: usize = 140;
/// Characters kept before the first match when a long line is cut.
const LEAD_CHARS: usize = 30;
/// What FTS5's `highlight()` puts around matched words: control characters no message shows.
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

pub(crate) struct Hit {
    pub(crate) conversation_id: i64,
    /// The FTS query that matched it (highlighting with the same one is quick).
    pub(crate) matched_by: Option<String>,
    /// The newest matching message; `None` when only the buyer's name matched.
    pub(crate) message_id: Option<i64>,
    /// When the match was written (the conversation's last activity for a name match).
    key: i64,
}

pub(crate) struct Found {
    pub(crate) hits: Vec<Hit>,
    pub(crate) capped: bool,
}

/// `fts` is the prefix query of `search::fts_query`. Whole words are looked up first: FTS5 streams
/// them newest first, while a prefix (`"hol"*`) makes it gather every match before the first one.
/// The prefix runs only when whole words do not fill `wanted` rows.
pub(crate) fn find(tx: &Transaction<'_>, fts: &str, filter: &Filter, wanted: usize) -> Result<Found> {
    let mut best: HashMap<i64, Hit> = HashMap::new();
    let mut admitted: HashMap<i64, bool> = HashMap::new();
    let exact = fts.strip_suffix('*').unwrap_or(fts);
    let mut capped = collect_messages(tx, exact, filter, &mut best, &mut admitted)?;
    if !capped && exact != fts {
        if best.len() < wanted {
            capped = collect_messages(tx, fts, filter, &mut best, &mut admitted)?;
        } else {
            // Longer words starting with the last one were not counted: the total is a lower bound.
            capped = true;
        }
    }

    if !capped {
        let mut names = tx.prepare_cached(
            "SELECT c.id, coalesce(c.last_message_at, 0) FROM buyers_fts JOIN conversations c ON c.buyer_id = buyers_fts.rowid
              WHERE buyers_fts MATCH ?1 ORDER BY buyers_fts.rowid DESC LIMIT ?2",
        )?;
        let found: Vec<(i64, i64)> = names
            .query_map(params![fts, CAP as i64], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (conversation_id, last_message_at) in found {
            if best.contains_key(&conversation_id) {
                continue;
            }
            if best.len() >= CAP {
                capped = true;
                break;
            }
            if passes(tx, filter, conversation_id, &mut admitted)? {
                best.insert(
                    conversation_id,
                    Hit { conversation_id, matched_by: None, message_id: None, key: last_message_at },
                );
            }
        }
    }

    let mut hits: Vec<Hit> = best.into_values().collect();
    hits.sort_by(|a, b| b.key.cmp(&a.key).then(b.conversation_id.cmp(&a.conversation_id)));
    Ok(Found { hits, capped })
}

/// Adds the conversations of messages matching `fts`, newest stored first, until `CAP`; returns
/// whether it stopped there.
fn collect_messages(
    tx: &Transaction<'_>,
    fts: &str,
    filter: &Filter,
    best: &mut HashMap<i64, Hit>,
    admitted: &mut HashMap<i64, bool>,
) -> Result<bool> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.conversation_id, m.sent_at, m.id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
          WHERE messages_fts MATCH ?1 ORDER BY messages_fts.rowid DESC",
    )?;
    let mut rows = stmt.query([fts])?;
    while let Some(row) = rows.next()? {
        let (conversation_id, sent_at, message_id): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
        match best.entry(conversation_id) {
            Entry::Occupied(mut hit) => {
                if sent_at > hit.get().key {
                    let hit = hit.get_mut();
                    hit.key = sent_at;
                    hit.message_id = Some(message_id);
                    hit.matched_by = Some(fts.to_owned());
                }
            }
            Entry::Vacant(slot) => {
                if passes(tx, filter, conversation_id, admitted)? {
                    slot.insert(Hit {
                        conversation_id,
                        matched_by: Some(fts.to_owned()),
                        message_id: Some(message_id),
                        key: sent_at,
                    });
                }
            }
        }
        if best.len() >= CAP {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether the conversation passes the other filters (remembered: a conversation is asked once).
fn passes(
    tx: &Transaction<'_>,
    filter: &Filter,
    conversation_id: i64,
    seen: &mut HashMap<i64, bool>,
) -> Result<bool> {
    if filter.is_empty() {
        return Ok(true);
    }
    if let Some(&known) = seen.get(&conversation_id) {
        return Ok(known);
    }
    let mut values = filter.values.clone();
    values.push(Value::Integer(conversation_id));
    let sql = format!("SELECT 1 FROM conversations c {} AND c.id = ?{}", filter.where_clause(), values.len());
    let ok =
        tx.prepare_cached(&sql)?.query_row(params_from_iter(values.iter()), |_| Ok(())).optional()?.is_some();
    seen.insert(conversation_id, ok);
    Ok(ok)
}

/// Shows the matching message in the row, its matched words marked.
pub(crate) fn highlight_preview(
    tx: &Transaction<'_>,
    fts: &str,
    message_id: i64,
    row: &mut InboxRow,
) -> Result<()> {
    let marked: Option<String> = tx
        .prepare_cached(
            "SELECT highlight(messages_fts, 0, char(2), char(3)) FROM messages_fts
              WHERE messages_fts MATCH ?1 AND rowid = ?2",
        )?
        .query_row(params![fts, message_id], |row| row.get(0))
        .optional()?;
    if let Some(marked) = marked {
        let (preview, highlights) = marked_preview(&marked);
        row.preview = preview;
        row.highlights = highlights;
    }
    Ok(())
}

/// The line with the first match (or the first non-blank one), cut to 140 characters around the
/// first match, with the marked ranges in UTF-16 code units of the result.
pub(crate) fn marked_preview(marked: &str) -> (String, Vec<TextRange>) {
    let line = marked
        .lines()
        .find(|line| line.contains(OPEN))
        .or_else(|| marked.lines().find(|line| !line.replace([OPEN, CLOSE], "").trim().is_empty()))
        .unwrap_or("");
    let mut chars: Vec<(char, bool)> = Vec::new();
    let mut inside = false;
    for c in line.chars() {
        match c {
            OPEN => inside = true,
            CLOSE => inside = false,
            c => chars.push((c, inside)),
        }
    }
    while chars.first().is_some_and(|(c, _)| c.is_whitespace()) {
        chars.remove(0);
    }
    while chars.last().is_some_and(|(c, _)| c.is_whitespace()) {
        chars.pop();
    }

    let mut window: Vec<(char, bool)> = Vec::with_capacity(PREVIEW_CHARS);
    if chars.len() <= PREVIEW_CHARS {
        window = chars;
    } else {
        let first = chars.iter().position(|&(_, marked)| marked).unwrap_or(0);
        let start = first.saturating_sub(LEAD_CHARS).min(chars.len() - (PREVIEW_CHARS - 1));
        if start > 0 {
            window.push(('…', false));
        }
        let room = PREVIEW_CHARS - window.len();
        let end = start + room;
        if end < chars.len() {
            window.extend_from_slice(&chars[start..end - 1]);
            window.push(('…', false));
        } else {
            window.extend_from_slice(&chars[start..]);
        }
    }

    let mut text = String::new();
    let mut ranges: Vec<TextRange> = Vec::new();
    let mut offset = 0u32;
    let mut previous = false;
    for (c, marked) in window {
        let width = c.len_utf16() as u32;
        if marked {
            match ranges.last_mut() {
                Some(range) if previous => range.end += width,
                _ => ranges.push(TextRange { start: offset, end: offset + width }),
            }
        }
        previous = marked;
        text.push(c);
        offset += width;
    }
    (text, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> String {
        text.replace('[', "\u{2}").replace(']', "\u{3}")
    }

    #[test]
    fn ranges_are_utf16_offsets_of_the_marked_words() {
        let (text, ranges) = marked_preview(&marked("¿La [taza] viene en [azúl]? 🙂 [sí]"));
        assert_eq!(text, "¿La taza viene en azúl? 🙂 sí");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let words: Vec<String> = ranges
            .iter()
            .map(|r| String::from_utf16(&utf16[r.start as usize..r.end as usize]).unwrap())
            .collect();
        assert_eq!(words, ["taza", "azúl", "sí"]);
    }

    #[test]
    fn the_line_with_the_match_is_shown_cut_around_it() {
        let long = format!("{} [mate] {}", "palabra ".repeat(30), "fin ".repeat(30));
        let (text, ranges) = marked_preview(&marked(&format!("Hola\n{long}")));
        assert_eq!(text.chars().count(), PREVIEW_CHARS);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&utf16[ranges[0].start as usize..ranges[0].end as usize]).unwrap(),
            "mate"
        );
        let (text, ranges) = marked_preview("  Sin coincidencias  \nsegunda");
        assert_eq!((text.as_str(), ranges.len()), ("Sin coincidencias", 0));
    }
}
