//! Actions on many conversations at once, all or nothing: one transaction for the whole selection.

use rusqlite::{Transaction, params};

use super::status;
use crate::conversations::BulkAction;
use crate::conversations::snooze::ShopClock;
use crate::vocabulary::tags::normalise_tags;
use crate::vocabulary::{ConversationStatus, UnixSeconds};
use crate::{Error, Result};

/// More than a seller can select by hand; a guard against a runaway caller.
const MAX_SELECTION: usize = 10_000;

/// Applies `action` to every id; returns how many conversations it touched. Any missing id fails the
/// whole selection (nothing changes).
pub(crate) fn apply(tx: &Transaction<'_>, ids: &[i64], action: &BulkAction, now: UnixSeconds) -> Result<u32> {
    if ids.len() > MAX_SELECTION {
        return Err(Error::InvalidInput(format!("at most {MAX_SELECTION} conversations at once")));
    }
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    match action {
        BulkAction::SetStatus { status: ConversationStatus::Snoozed } => {
            return Err(Error::InvalidInput("snoozing needs a time or \"until they reply\"".into()));
        }
        BulkAction::SetStatus { status } => {
            for &id in &ids {
                status::set_status(tx, id, *status, None, now)?;
            }
        }
        BulkAction::Snooze { choice } => {
            let until = ShopClock::load(tx)?.until(choice, now)?;
            for &id in &ids {
                status::set_status(tx, id, ConversationStatus::Snoozed, until, now)?;
            }
        }
        BulkAction::AddTag { tag } => {
            let tag = one_tag(tag)?;
            for &id in &ids {
                status::require(tx, id)?;
                // A tag that differs only in case is the same tag: keep the stored spelling.
                tx.prepare_cached(
                    "INSERT INTO conversation_tags (conversation_id, tag)
                     SELECT ?1, ?2 WHERE NOT EXISTS
                         (SELECT 1 FROM conversation_tags WHERE conversation_id = ?1 AND lower(tag) = lower(?2))",
                )?
                .execute(params![id, tag])?;
            }
        }
        BulkAction::RemoveTag { tag } => {
            let tag = one_tag(tag)?;
            for &id in &ids {
                status::require(tx, id)?;
                tx.prepare_cached(
                    "DELETE FROM conversation_tags WHERE conversation_id = ?1 AND lower(tag) = lower(?2)",
                )?
                .execute(params![id, tag])?;
            }
        }
        BulkAction::Pin { pinned } => {
            for &id in &ids {
                status::set_pinned(tx, id, *pinned)?;
            }
        }
    }
    Ok(ids.len() as u32)
}

fn one_tag(tag: &str) -> Result<String> {
    normalise_tags(&[tag.to_owned()])?
        .pop()
        .ok_or_else(|| Error::InvalidInput("a tag must not be empty".into()))
}
