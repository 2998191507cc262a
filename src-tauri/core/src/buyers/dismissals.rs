//! "Not the same person": the seller's answer to a merge suggestion that is wrong (two Carolina
//! Méndez, a shared family phone). A dismissed pair is never suggested again, whichever of the two
//! buyer pages is open; undoing the dismissal brings the suggestion back.

use std::collections::HashSet;

use rusqlite::{Transaction, params};

use crate::buyers::DismissedMerge;
use crate::buyers::profile::require;
use crate::vocabulary::UnixSeconds;
use crate::{Error, Result};

/// The pair as stored: smaller id first.
fn ordered(a: i64, b: i64) -> (i64, i64) {
    if a < b { (a, b) } else { (b, a) }
}

/// Records that `buyer` and `other` are different people. Dismissing again keeps the first date.
pub(crate) fn dismiss(tx: &Transaction<'_>, buyer: i64, other: i64, now: UnixSeconds) -> Result<()> {
    if buyer == other {
        return Err(Error::InvalidInput("a buyer is always the same person as themselves".into()));
    }
    require(tx, buyer)?;
    require(tx, other)?;
    let (low, high) = ordered(buyer, other);
    tx.prepare_cached(
        "INSERT INTO merge_dismissals (buyer_low, buyer_high, dismissed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
    )?
    .execute(params![low, high, now])?;
    Ok(())
}

/// Undoes [`dismiss`]: the pair can be suggested again. Undoing a pair that was not dismissed is
/// not an error (a second click, or another window got there first).
pub(crate) fn restore(tx: &Transaction<'_>, buyer: i64, other: i64) -> Result<()> {
    let (low, high) = ordered(buyer, other);
    tx.prepare_cached("DELETE FROM merge_dismissals WHERE buyer_low = ?1 AND buyer_high = ?2")?
        .execute(params![low, high])?;
    Ok(())
}

/// The buyers `buyer` was said not to be.
pub(crate) fn others(tx: &Transaction<'_>, buyer: i64) -> Result<HashSet<i64>> {
    Ok(tx
        .prepare_cached(
            "SELECT buyer_high FROM merge_dismissals WHERE buyer_low = ?1
             UNION ALL
             SELECT buyer_low FROM merge_dismissals WHERE buyer_high = ?1",
        )?
        .query_map([buyer], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The dismissals of `buyer`'s page, newest first, with the other buyer's name and channels for
/// the undo list.
pub(crate) fn list(tx: &Transaction<'_>, buyer: i64) -> Result<Vec<DismissedMerge>> {
    let mut dismissed: Vec<DismissedMerge> = tx
        .prepare_cached(
            "SELECT d.other, b.display_name, d.dismissed_at FROM (
                SELECT buyer_high AS other, dismissed_at FROM merge_dismissals WHERE buyer_low = ?1
                UNION ALL
                SELECT buyer_low, dismissed_at FROM merge_dismissals WHERE buyer_high = ?1
             ) d JOIN buyers b ON b.id = d.other
             ORDER BY d.dismissed_at DESC, d.other",
        )?
        .query_map([buyer], |row| {
            Ok(DismissedMerge {
                buyer_id: row.get(0)?,
                name: row.get(1)?,
                channels: Vec::new(),
                dismissed_at: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut channels = tx.prepare_cached(
        "SELECT a.channel FROM buyer_identities i JOIN accounts a ON a.id = i.account_id
          WHERE i.buyer_id = ?1 GROUP BY a.channel ORDER BY min(i.id)",
    )?;
    for row in &mut dismissed {
        row.channels = channels.query_map([row.buyer_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(dismissed)
}
