//! The conversations open as tabs, in their order, kept across restarts whether or not they hold a
//! draft. One JSON list in `settings`.

use rusqlite::{OptionalExtension, Transaction};

use crate::Result;

const KEY: &str = "triage.open_tabs";
/// More tabs than this is a list nobody reads; the oldest are dropped.
pub(crate) const MAX_TABS: usize = 30;

/// Keeps `ids` in order, without repeats, at most the last `MAX_TABS`.
pub(crate) fn save(tx: &Transaction<'_>, ids: &[i64]) -> Result<()> {
    let mut kept: Vec<i64> = Vec::with_capacity(ids.len());
    for &id in ids {
        if !kept.contains(&id) {
            kept.push(id);
        }
    }
    let kept = &kept[kept.len().saturating_sub(MAX_TABS)..];
    tx.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute((KEY, serde_json::to_string(kept)?))?;
    Ok(())
}

/// The saved tabs whose conversations still exist (a merge or an import may have removed some).
pub(crate) fn load(tx: &Transaction<'_>) -> Result<Vec<i64>> {
    let json: Option<String> = tx
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |row| row.get(0))
        .optional()?;
    let saved: Vec<i64> = match json {
        Some(json) => serde_json::from_str(&json)?,
        None => return Ok(Vec::new()),
    };
    let mut exists = tx.prepare_cached("SELECT 1 FROM conversations WHERE id = ?1")?;
    let mut open = Vec::with_capacity(saved.len());
    for id in saved {
        if exists.exists([id])? {
            open.push(id);
        }
    }
    Ok(open)
}
