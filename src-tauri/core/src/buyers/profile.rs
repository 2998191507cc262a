//! A buyer: who they are on each channel, and what the seller notes about them.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::buyers::{BuyerView, IdentityView};
use crate::ingest::BuyerIdentityInput;
use crate::vocabulary::tags::normalise_tags;
use crate::{Error, Result};

pub(crate) fn view(tx: &Transaction<'_>, buyer_id: i64) -> Result<BuyerView> {
    let (name, notes): (String, String) = tx
        .prepare_cached("SELECT display_name, notes FROM buyers WHERE id = ?1")?
        .query_row([buyer_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or_else(|| not_found(buyer_id))?;
    let tags = tx
        .prepare_cached("SELECT tag FROM buyer_tags WHERE buyer_id = ?1 ORDER BY tag")?
        .query_map([buyer_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let identities = tx
        .prepare_cached(
            "SELECT i.account_id, a.channel, a.display_name, i.external_id, i.display_name, i.handle, i.phone, i.email
               FROM buyer_identities i JOIN accounts a ON a.id = i.account_id
              WHERE i.buyer_id = ?1
              ORDER BY i.id",
        )?
        .query_map([buyer_id], |row| {
            Ok(IdentityView {
                account_id: row.get(0)?,
                channel: row.get(1)?,
                account_name: row.get(2)?,
                external_id: row.get(3)?,
                display_name: row.get(4)?,
                handle: row.get(5)?,
                phone: row.get(6)?,
                email: row.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(BuyerView { id: buyer_id, name, notes, tags, identities })
}

pub(crate) fn id_by_identity(
    tx: &Transaction<'_>,
    account_id: i64,
    external_id: &str,
) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached("SELECT buyer_id FROM buyer_identities WHERE account_id = ?1 AND external_id = ?2")?
        .query_row(params![account_id, external_id], |row| row.get(0))
        .optional()?)
}

/// The identity the buyer writes from on this account, as stored (their own before one merged in),
/// or `None` when they have none there.
pub(crate) fn identity_on(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer_id: i64,
) -> Result<Option<BuyerIdentityInput>> {
    Ok(tx
        .prepare_cached(
            "SELECT external_id, display_name, handle, phone, email FROM buyer_identities
              WHERE account_id = ?1 AND (buyer_id = ?2 OR origin_buyer_id = ?2) ORDER BY buyer_id = ?2 DESC, id LIMIT 1",
        )?
        .query_row(params![account_id, buyer_id], |row| {
            Ok(BuyerIdentityInput {
                external_id: row.get(0)?,
                display_name: row.get(1)?,
                handle: row.get(2)?,
                phone: row.get(3)?,
                email: row.get(4)?,
            })
        })
        .optional()?)
}

pub(crate) fn set_profile(tx: &Transaction<'_>, buyer_id: i64, notes: &str, tags: &[String]) -> Result<()> {
    let tags = normalise_tags(tags)?;
    let changed = tx
        .prepare_cached("UPDATE buyers SET notes = ?2 WHERE id = ?1")?
        .execute(params![buyer_id, notes.trim()])?;
    if changed == 0 {
        return Err(not_found(buyer_id));
    }
    tx.prepare_cached("DELETE FROM buyer_tags WHERE buyer_id = ?1")?.execute([buyer_id])?;
    let mut insert = tx.prepare_cached("INSERT INTO buyer_tags (buyer_id, tag) VALUES (?1, ?2)")?;
    for tag in &tags {
        insert.execute(params![buyer_id, tag])?;
    }
    Ok(())
}

pub(crate) fn require(tx: &Transaction<'_>, buyer_id: i64) -> Result<()> {
    let exists = tx
        .prepare_cached("SELECT 1 FROM buyers WHERE id = ?1")?
        .query_row([buyer_id], |_| Ok(()))
        .optional()?;
    exists.ok_or_else(|| not_found(buyer_id))
}

fn not_found(buyer_id: i64) -> Error {
    Error::NotFound { what: format!("buyer {buyer_id}") }
}
