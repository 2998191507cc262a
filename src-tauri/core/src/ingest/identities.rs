//! Buyers' identities as channels give them: one per (account, the channel's id for the buyer),
//! created on first sight and kept up to date, with the buyer search index and phones in E.164.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::Result;
use crate::ingest::BuyerIdentityInput;
use crate::vocabulary::UnixSeconds;

/// Finds the buyer behind (account, external id), creating buyer and identity on first sight.
pub(crate) fn upsert_identity(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer: &BuyerIdentityInput,
    now: UnixSeconds,
) -> Result<i64> {
    if let Some(buyer_id) = refresh_identity(tx, account_id, buyer, now)? {
        return Ok(buyer_id);
    }
    let buyer_id = insert_identity(tx, account_id, buyer, now)?;
    index_buyers(tx, &[buyer_id])?;
    Ok(buyer_id)
}

/// Creates a buyer and their first identity; returns the buyer. Not in the buyer search index yet:
/// the caller must pass it to [`index_buyers`] before the transaction ends.
pub(super) fn insert_identity(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer: &BuyerIdentityInput,
    now: UnixSeconds,
) -> Result<i64> {
    let name = display_name(buyer);
    tx.prepare_cached("INSERT INTO buyers (display_name, created_at, updated_at) VALUES (?1, ?2, ?2)")?
        .execute(params![name, now])?;
    let buyer_id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO buyer_identities (buyer_id, origin_buyer_id, account_id, external_id, display_name, handle,
                                       phone, phone_e164, email, created_at, updated_at)
         VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        buyer_id,
        account_id,
        buyer.external_id,
        name,
        buyer.handle,
        buyer.phone,
        buyer.phone.as_deref().and_then(phone_e164),
        buyer.email.as_deref().map(normalise_email),
        now
    ])?;
    Ok(buyer_id)
}

/// Rebuilds the buyer search rows of these buyers from their names, in one statement for all
/// (migration 0013 dropped the insert triggers: a statement per buyer wrote a segment per buyer).
/// Whoever adds a buyer or an identity calls it; updates and deletes keep their triggers.
pub(crate) fn index_buyers(tx: &Transaction<'_>, buyer_ids: &[i64]) -> Result<()> {
    if buyer_ids.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(buyer_ids)?;
    // An update trigger may already have written some of them during the batch.
    tx.prepare_cached("DELETE FROM buyers_fts WHERE rowid IN (SELECT value FROM json_each(?1))")?
        .execute([&ids])?;
    tx.prepare_cached(
        "INSERT INTO buyers_fts (rowid, names)
         SELECT buyer_id, names FROM buyer_search_names
          WHERE buyer_id IN (SELECT value FROM json_each(?1))",
    )?
    .execute([&ids])?;
    Ok(())
}

/// Brings a known identity up to date (names change, phones get added); returns its buyer, or `None`
/// when the identity is not known yet. A field the channel did not send this time is kept.
pub(super) fn refresh_identity(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer: &BuyerIdentityInput,
    now: UnixSeconds,
) -> Result<Option<i64>> {
    type Row = (i64, i64, String, Option<String>, Option<String>, Option<String>);
    let existing: Option<Row> = tx
        .prepare_cached(
            "SELECT id, buyer_id, display_name, handle, phone, email
               FROM buyer_identities WHERE account_id = ?1 AND external_id = ?2",
        )?
        .query_row((account_id, &buyer.external_id), |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
        })
        .optional()?;
    let Some((id, buyer_id, old_name, old_handle, old_phone, old_email)) = existing else {
        return Ok(None);
    };
    let name = if buyer.display_name.trim().is_empty() { old_name.clone() } else { display_name(buyer) };
    let handle = buyer.handle.clone().or(old_handle.clone());
    let phone = buyer.phone.clone().or(old_phone.clone());
    let email = buyer.email.as_deref().map(normalise_email).or(old_email.clone());
    if name == old_name && handle == old_handle && phone == old_phone && email == old_email {
        return Ok(Some(buyer_id));
    }
    tx.prepare_cached(
        "UPDATE buyer_identities
            SET display_name = ?2, handle = ?3, phone = ?4, phone_e164 = ?5, email = ?6, updated_at = ?7
          WHERE id = ?1",
    )?
    .execute(params![id, name, handle, phone, phone.as_deref().and_then(phone_e164), email, now])?;
    // The buyer's name follows the channel's until the seller gives it another one.
    if name != old_name {
        tx.prepare_cached(
            "UPDATE buyers SET display_name = ?2, updated_at = ?4 WHERE id = ?1 AND display_name = ?3",
        )?
        .execute(params![buyer_id, name, old_name, now])?;
    }
    Ok(Some(buyer_id))
}

fn display_name(buyer: &BuyerIdentityInput) -> String {
    let name = buyer.display_name.trim();
    if !name.is_empty() {
        return name.to_owned();
    }
    buyer
        .handle
        .as_deref()
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .unwrap_or(buyer.external_id.trim())
        .to_owned()
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// `+54 9 351 555-1234` → `+5493515551234`. Only numbers written in international form are
/// normalised: without the country code a local number cannot be matched across channels.
pub(crate) fn phone_e164(phone: &str) -> Option<String> {
    let trimmed = phone.trim();
    let international = trimmed.starts_with('+') || trimmed.starts_with("00");
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let digits = if trimmed.starts_with("00") { &digits[2..] } else { &digits[..] };
    (international && (8..=15).contains(&digits.len())).then(|| format!("+{digits}"))
}

#[cfg(test)]
mod tests {
    use super::phone_e164;

    #[test]
    fn phones_in_international_form_are_normalised() {
        assert_eq!(phone_e164("+54 9 351 555-1234").as_deref(), Some("+5493515551234"));
        assert_eq!(phone_e164("0055 (11) 91234-5678").as_deref(), Some("+5511912345678"));
        assert_eq!(phone_e164("351 555-1234"), None);
        assert_eq!(phone_e164("+12"), None);
    }
}
