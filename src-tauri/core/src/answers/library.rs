//! The library in SQLite: answers with their versions and attachments, CRUD, usage and shop facts.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::answers::{
    AnswerAttachment, AnswerChannel, AnswerFacts, AnswerFolder, AnswerInput, AnswerVariant, SavedAnswer,
};
use crate::vocabulary::{Language, UnixSeconds};
use crate::{Error, Result};

const COLUMNS: &str = "id, title, shortcut, folder, body, language, pinned, tags, use_count, last_used_at, chars_saved, created_at, updated_at";

/// Checks and tidies what the seller typed; the error says which field is wrong.
pub(crate) fn normalized(input: &AnswerInput) -> Result<AnswerInput> {
    let title = input.title.trim().to_string();
    if title.is_empty() {
        return Err(Error::InvalidInput("an answer needs a title".into()));
    }
    if input.body.trim().is_empty() && input.variants.iter().all(|v| v.body.trim().is_empty()) {
        return Err(Error::InvalidInput(format!("the answer \"{title}\" has no text")));
    }
    let shortcut = match input.shortcut.as_deref().map(|s| s.trim().trim_start_matches('/')) {
        None | Some("") => None,
        Some(s)
            if s.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && s.chars().count() <= 40 =>
        {
            Some(s.to_string())
        }
        Some(s) => {
            return Err(Error::InvalidInput(format!(
                "the shortcut \"/{s}\" may only have letters, digits, '-', '_' or '.', at most 40"
            )));
        }
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in input.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            tags.push(tag.to_string());
        }
    }
    let mut variants: Vec<AnswerVariant> = Vec::new();
    for v in input.variants.iter().filter(|v| !v.body.trim().is_empty()) {
        if variants.iter().any(|w| w.channel == v.channel && w.language == v.language) {
            return Err(Error::InvalidInput(format!(
                "the answer \"{title}\" has two {} versions in {}",
                v.channel, v.language
            )));
        }
        variants.push(v.clone());
    }
    Ok(AnswerInput {
        title,
        shortcut,
        folder: input.folder,
        body: input.body.clone(),
        language: input.language,
        pinned: input.pinned,
        tags,
        variants,
    })
}

pub(crate) fn create(tx: &Transaction<'_>, input: &AnswerInput, now: UnixSeconds) -> Result<i64> {
    create_keyed(tx, input, None, now)
}

pub(crate) fn create_keyed(
    tx: &Transaction<'_>,
    input: &AnswerInput,
    starter_key: Option<&str>,
    now: UnixSeconds,
) -> Result<i64> {
    let input = normalized(input)?;
    check_shortcut_free(tx, input.shortcut.as_deref(), None)?;
    tx.prepare_cached(
        "INSERT INTO saved_answers (title, shortcut, folder, body, language, pinned, tags, created_at, updated_at, starter_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
    )?
    .execute(params![
        input.title,
        input.shortcut,
        input.folder.map_or("", AnswerFolder::as_str),
        input.body,
        input.language.map(Language::as_str),
        input.pinned,
        serde_json::to_string(&input.tags)?,
        now,
        starter_key,
    ])?;
    let id = tx.last_insert_rowid();
    write_variants(tx, id, &input.variants)?;
    Ok(id)
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, input: &AnswerInput, now: UnixSeconds) -> Result<()> {
    require(tx, id)?;
    let input = normalized(input)?;
    check_shortcut_free(tx, input.shortcut.as_deref(), Some(id))?;
    tx.prepare_cached(
        "UPDATE saved_answers SET title = ?2, shortcut = ?3, folder = ?4, body = ?5, language = ?6, pinned = ?7,
         tags = ?8, updated_at = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id,
        input.title,
        input.shortcut,
        input.folder.map_or("", AnswerFolder::as_str),
        input.body,
        input.language.map(Language::as_str),
        input.pinned,
        serde_json::to_string(&input.tags)?,
        now,
    ])?;
    tx.prepare_cached("DELETE FROM saved_answer_variants WHERE answer_id = ?1")?.execute([id])?;
    write_variants(tx, id, &input.variants)
}

/// Deletes the row (versions and attachment rows cascade); returns the attachment paths so the
/// caller removes the files once the transaction has committed.
pub(crate) fn delete(tx: &Transaction<'_>, id: i64) -> Result<Vec<String>> {
    require(tx, id)?;
    let paths = attachments(tx, id)?.into_iter().map(|a| a.local_path).collect();
    tx.prepare_cached("DELETE FROM saved_answers WHERE id = ?1")?.execute([id])?;
    Ok(paths)
}

fn write_variants(tx: &Transaction<'_>, id: i64, variants: &[AnswerVariant]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO saved_answer_variants (answer_id, channel_variant, language, body) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for v in variants {
        insert.execute(params![id, v.channel.as_str(), v.language.as_str(), v.body])?;
    }
    Ok(())
}

fn check_shortcut_free(tx: &Transaction<'_>, shortcut: Option<&str>, except: Option<i64>) -> Result<()> {
    let Some(shortcut) = shortcut else { return Ok(()) };
    let owner: Option<i64> = tx
        .prepare_cached("SELECT id FROM saved_answers WHERE shortcut = ?1")?
        .query_row([shortcut], |row| row.get(0))
        .optional()?;
    match owner {
        Some(owner) if Some(owner) != except => Err(Error::ShortcutTaken { shortcut: shortcut.to_string() }),
        _ => Ok(()),
    }
}

pub(crate) fn id_by_shortcut(tx: &Transaction<'_>, shortcut: &str) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT id FROM saved_answers WHERE shortcut = ?1")?
        .query_row([shortcut], |row| row.get(0))
        .optional()?)
}

pub(crate) fn require(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let found = tx
        .prepare_cached("SELECT 1 FROM saved_answers WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?;
    found.ok_or_else(|| Error::NotFound { what: format!("saved answer {id}") })
}

pub(crate) fn get(tx: &Transaction<'_>, id: i64) -> Result<SavedAnswer> {
    let mut answer = tx
        .prepare_cached(&format!("SELECT {COLUMNS} FROM saved_answers WHERE id = ?1"))?
        .query_row([id], row_to_answer)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("saved answer {id}") })?;
    answer.variants = variants(tx, id)?;
    answer.attachments = attachments(tx, id)?;
    Ok(answer)
}

/// Every answer with its versions and attachments, by folder then title.
pub(crate) fn all(tx: &Transaction<'_>) -> Result<Vec<SavedAnswer>> {
    let mut answers: Vec<SavedAnswer> = tx
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM saved_answers ORDER BY folder, title COLLATE NOCASE, id"
        ))?
        .query_map([], row_to_answer)?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_id: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (i, a) in answers.iter().enumerate() {
        by_id.insert(a.id, i);
    }
    let mut stmt = tx.prepare_cached(
        "SELECT answer_id, channel_variant, language, body FROM saved_answer_variants ORDER BY answer_id, channel_variant, language",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, variant_from(row, 1)?)))?;
    for row in rows {
        let (id, variant) = row?;
        if let Some(&i) = by_id.get(&id) {
            answers[i].variants.push(variant);
        }
    }
    let mut stmt = tx.prepare_cached(
        "SELECT answer_id, id, file_name, mime_type, size_bytes, local_path FROM saved_answer_attachments ORDER BY answer_id, position",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, attachment_from(row, 1)?)))?;
    for row in rows {
        let (id, attachment) = row?;
        if let Some(&i) = by_id.get(&id) {
            answers[i].attachments.push(attachment);
        }
    }
    Ok(answers)
}

fn row_to_answer(row: &rusqlite::Row<'_>) -> rusqlite::Result<SavedAnswer> {
    let folder: String = row.get(3)?;
    let language: Option<String> = row.get(5)?;
    Ok(SavedAnswer {
        id: row.get(0)?,
        title: row.get(1)?,
        shortcut: row.get(2)?,
        folder: AnswerFolder::parse(&folder),
        body: row.get(4)?,
        language: language.as_deref().and_then(Language::parse),
        pinned: row.get(6)?,
        tags: tags_from(&row.get::<_, String>(7)?),
        variants: Vec::new(),
        attachments: Vec::new(),
        use_count: row.get(8)?,
        last_used_at: row.get(9)?,
        chars_saved: row.get(10)?,
        created_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

fn tags_from(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

fn variants(tx: &Transaction<'_>, id: i64) -> Result<Vec<AnswerVariant>> {
    Ok(tx
        .prepare_cached(
            "SELECT channel_variant, language, body FROM saved_answer_variants WHERE answer_id = ?1 ORDER BY channel_variant, language",
        )?
        .query_map([id], |row| variant_from(row, 0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn variant_from(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<AnswerVariant> {
    let channel: String = row.get(at)?;
    let language: String = row.get(at + 1)?;
    let bad = |what: &str, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            at,
            rusqlite::types::Type::Text,
            format!("unknown {what} {text}").into(),
        )
    };
    Ok(AnswerVariant {
        channel: AnswerChannel::parse(&channel).ok_or_else(|| bad("channel", &channel))?,
        language: Language::parse(&language).ok_or_else(|| bad("language", &language))?,
        body: row.get(at + 2)?,
    })
}

pub(crate) fn attachments(tx: &Transaction<'_>, id: i64) -> Result<Vec<AnswerAttachment>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, file_name, mime_type, size_bytes, local_path FROM saved_answer_attachments WHERE answer_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| attachment_from(row, 0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// One attachment by its own id.
pub(crate) fn attachment(tx: &Transaction<'_>, attachment_id: i64) -> Result<AnswerAttachment> {
    tx.prepare_cached(
        "SELECT id, file_name, mime_type, size_bytes, local_path FROM saved_answer_attachments WHERE id = ?1",
    )?
    .query_row([attachment_id], |row| attachment_from(row, 0))
    .optional()?
    .ok_or_else(|| Error::NotFound { what: format!("answer attachment {attachment_id}") })
}

fn attachment_from(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<AnswerAttachment> {
    Ok(AnswerAttachment {
        id: row.get(at)?,
        file_name: row.get(at + 1)?,
        mime_type: row.get(at + 2)?,
        size_bytes: row.get(at + 3)?,
        local_path: row.get(at + 4)?,
    })
}

/// One use: count, time and the characters the seller did not type (the text minus the shortcut
/// they typed to get it).
pub(crate) fn record_use(tx: &Transaction<'_>, id: i64, text: &str, now: UnixSeconds) -> Result<()> {
    require(tx, id)?;
    let typed: i64 = tx
        .prepare_cached("SELECT coalesce(length(shortcut) + 1, 0) FROM saved_answers WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?;
    let saved = (i64::try_from(text.chars().count()).unwrap_or(i64::MAX) - typed).max(0);
    tx.prepare_cached(
        "UPDATE saved_answers SET use_count = use_count + 1, last_used_at = ?2, chars_saved = chars_saved + ?3 WHERE id = ?1",
    )?
    .execute(params![id, now, saved])?;
    Ok(())
}

pub(crate) fn facts(tx: &Transaction<'_>) -> Result<AnswerFacts> {
    let mut facts = AnswerFacts::default();
    let mut stmt = tx.prepare_cached("SELECT key, value FROM saved_answer_facts")?;
    for row in stmt.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))? {
        let (key, value) = row?;
        match key.as_str() {
            "payment.alias" => facts.payment_alias = Some(value),
            "pickup.place" => facts.pickup_place = Some(value),
            "shop.phone" => facts.shop_phone = Some(value),
            _ => {}
        }
    }
    Ok(facts)
}

pub(crate) fn save_facts(tx: &Transaction<'_>, facts: &AnswerFacts) -> Result<()> {
    for (key, value) in [
        ("payment.alias", &facts.payment_alias),
        ("pickup.place", &facts.pickup_place),
        ("shop.phone", &facts.shop_phone),
    ] {
        match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(value) => tx
                .prepare_cached(
                    "INSERT INTO saved_answer_facts (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )?
                .execute([key, value])?,
            None => tx.prepare_cached("DELETE FROM saved_answer_facts WHERE key = ?1")?.execute([key])?,
        };
    }
    Ok(())
}
