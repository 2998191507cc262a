//! Keeps `identity_phone_keys` in step with the identities' phones. Ingest stores the phone as
//! typed; parsing it with libphonenumber happens here, before merge suggestions are read, for only
//! the identities whose phone (or the shop's region) changed since the last time.

use rusqlite::{Transaction, params};

use super::phones;
use crate::{Result, settings};

/// The shop's region for numbers written without a country code.
pub(crate) fn shop_region(tx: &Transaction<'_>) -> Result<&'static str> {
    Ok(phones::region_of_time_zone(settings::load(tx)?.time_zone.as_deref()))
}

/// Computes the keys of new or changed phones; returns how many were (re)computed.
pub(crate) fn refresh(tx: &Transaction<'_>) -> Result<usize> {
    let region = shop_region(tx)?;
    tx.prepare_cached(
        "DELETE FROM identity_phone_keys
          WHERE identity_id IN (SELECT id FROM buyer_identities WHERE phone IS NULL OR trim(phone) = '')",
    )?
    .execute([])?;
    let stale: Vec<(i64, String)> = tx
        .prepare_cached(
            "SELECT i.id, i.phone FROM buyer_identities i
               LEFT JOIN identity_phone_keys k ON k.identity_id = i.id
              WHERE i.phone IS NOT NULL AND trim(i.phone) <> ''
                AND (k.identity_id IS NULL OR k.phone <> i.phone OR k.region <> ?1)",
        )?
        .query_map([region], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut upsert = tx.prepare_cached(
        "INSERT INTO identity_phone_keys (identity_id, phone, region, e164, match_key) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (identity_id) DO UPDATE
            SET phone = excluded.phone, region = excluded.region, e164 = excluded.e164, match_key = excluded.match_key",
    )?;
    for (identity_id, phone) in &stale {
        let parsed = phones::parse(phone, region);
        upsert.execute(params![
            identity_id,
            phone,
            region,
            parsed.as_ref().map(|p| p.e164.as_str()),
            parsed.as_ref().map(|p| p.match_key.as_str())
        ])?;
    }
    Ok(stale.len())
}
