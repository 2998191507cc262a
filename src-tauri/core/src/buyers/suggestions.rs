//! Buyers who are probably the same person: the same phone line however it was written, the same
//! e-mail address ignoring case — on their identities, or written in a message by one of them — or
//! the same full name on two different channels ignoring case and accents. Only suggested: the
//! seller decides.

use std::collections::BTreeMap;

use rusqlite::{Transaction, params};

use super::phones::Phone;
use super::{dismissals, phone_keys, written_contacts};
use crate::Result;
use crate::buyers::{MergeReason, MergeReasonKind, MergeSuggestion};
use crate::vocabulary::ChannelKind;

struct Identity {
    channel: ChannelKind,
    display_name: String,
    email: Option<String>,
    e164: Option<String>,
    match_key: Option<String>,
}

/// At most this many buyers share a name before the name stops telling anyone apart.
const NAME_CANDIDATES: i64 = 50;

/// Suggestions for `buyer_id`, strongest first. Needs `phone_keys::refresh` to have run.
pub(crate) fn for_buyer(tx: &Transaction<'_>, buyer_id: i64) -> Result<Vec<MergeSuggestion>> {
    let mine = identities(tx, buyer_id)?;
    let mut found: BTreeMap<i64, Vec<MergeReason>> = BTreeMap::new();
    let mut add = |other: i64, kind: MergeReasonKind, value: &str| {
        let reasons = found.entry(other).or_default();
        if !reasons.iter().any(|r| r.kind == kind) {
            reasons.push(MergeReason { kind, value: value.to_string() });
        }
    };

    let mut same_phone = tx.prepare_cached(
        "SELECT DISTINCT i.buyer_id FROM identity_phone_keys k
           JOIN buyer_identities i ON i.id = k.identity_id
           JOIN buyers b ON b.id = i.buyer_id
          WHERE k.match_key = ?1 AND i.buyer_id <> ?2 AND b.merged_into IS NULL",
    )?;
    let mut same_email = tx.prepare_cached(
        "SELECT DISTINCT i.buyer_id FROM buyer_identities i JOIN buyers b ON b.id = i.buyer_id
          WHERE i.email = ?1 COLLATE NOCASE AND i.buyer_id <> ?2 AND b.merged_into IS NULL",
    )?;
    for identity in &mine {
        if let (Some(key), Some(e164)) = (&identity.match_key, &identity.e164) {
            for other in same_phone.query_map(params![key, buyer_id], |row| row.get(0))? {
                add(other?, MergeReasonKind::SamePhone, e164);
            }
        }
        if let Some(email) = identity.email.as_deref().map(str::trim).filter(|e| e.contains('@')) {
            for other in same_email.query_map(params![email, buyer_id], |row| row.get(0))? {
                add(other?, MergeReasonKind::SameEmail, &email.to_lowercase());
            }
        }
    }

    // Contacts written in messages: what this buyer wrote, and who wrote this buyer's own.
    let region = phone_keys::shop_region(tx)?;
    let written = written_contacts::of_buyer(tx, buyer_id, region)?;
    for phone in &written.phones {
        for other in same_phone.query_map(params![phone.match_key, buyer_id], |row| row.get(0))? {
            add(other?, MergeReasonKind::SamePhone, &phone.e164);
        }
    }
    for email in &written.emails {
        for other in same_email.query_map(params![email, buyer_id], |row| row.get(0))? {
            add(other?, MergeReasonKind::SameEmail, email);
        }
    }
    for identity in &mine {
        if let (Some(key), Some(e164)) = (&identity.match_key, &identity.e164) {
            let phone = Phone { e164: e164.clone(), match_key: key.clone() };
            for other in written_contacts::who_wrote_phone(tx, &phone, buyer_id, region)? {
                add(other, MergeReasonKind::SamePhone, e164);
            }
        }
        if let Some(email) = identity.email.as_deref().map(str::trim).filter(|e| e.contains('@')) {
            for other in written_contacts::who_wrote_email(tx, email, buyer_id)? {
                add(other, MergeReasonKind::SameEmail, &email.to_lowercase());
            }
        }
    }

    let mut by_name = tx.prepare_cached(
        "SELECT f.rowid FROM buyers_fts f JOIN buyers b ON b.id = f.rowid
          WHERE buyers_fts MATCH ?1 AND f.rowid <> ?2 AND b.merged_into IS NULL
          LIMIT ?3",
    )?;
    for identity in &mine {
        let key = name_key(&identity.display_name);
        if key.split(' ').count() < 2 {
            continue; // "Lu" or "Caro" alone names too many people.
        }
        let phrase = format!("\"{key}\"");
        let candidates: Vec<i64> = by_name
            .query_map(params![phrase, buyer_id, NAME_CANDIDATES], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for other in candidates {
            let on_another_channel = identities(tx, other)?
                .iter()
                .any(|theirs| theirs.channel != identity.channel && name_key(&theirs.display_name) == key);
            if on_another_channel {
                add(other, MergeReasonKind::SameName, identity.display_name.trim());
            }
        }
    }

    // Pairs the seller said are two people ("not the same person") are never suggested again.
    let dismissed = dismissals::others(tx, buyer_id)?;
    found.retain(|other, _| !dismissed.contains(other));

    let mut suggestions = Vec::with_capacity(found.len());
    for (other, reasons) in found {
        let theirs = identities(tx, other)?;
        let name: String = tx
            .prepare_cached("SELECT display_name FROM buyers WHERE id = ?1")?
            .query_row([other], |r| r.get(0))?;
        let mut channels: Vec<ChannelKind> = Vec::new();
        for identity in theirs {
            if !channels.contains(&identity.channel) {
                channels.push(identity.channel);
            }
        }
        suggestions.push(MergeSuggestion { buyer_id: other, name, channels, reasons });
    }
    suggestions.sort_by(|a, b| b.reasons.len().cmp(&a.reasons.len()).then(a.buyer_id.cmp(&b.buyer_id)));
    Ok(suggestions)
}

fn identities(tx: &Transaction<'_>, buyer_id: i64) -> Result<Vec<Identity>> {
    Ok(tx
        .prepare_cached(
            "SELECT a.channel, i.display_name, i.email, k.e164, k.match_key
               FROM buyer_identities i
               JOIN accounts a ON a.id = i.account_id
               LEFT JOIN identity_phone_keys k ON k.identity_id = i.id
              WHERE i.buyer_id = ?1 ORDER BY i.id",
        )?
        .query_map([buyer_id], |row| {
            Ok(Identity {
                channel: row.get(0)?,
                display_name: row.get(1)?,
                email: row.get(2)?,
                e164: row.get(3)?,
                match_key: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Lower case, accents dropped, anything but letters and digits as single spaces:
/// "  Carolina  MÉNDEZ 🌸" → "carolina mendez".
pub(crate) fn name_key(name: &str) -> String {
    let mut words = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match fold_accent(c) {
            Some(base) => words.push(base),
            None if c.is_alphanumeric() => words.push(c),
            // Combining marks (a decomposed "é") vanish; everything else separates words.
            None if ('\u{300}'..='\u{36f}').contains(&c) => {}
            None => words.push(' '),
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The letters with diacritics that Spanish, Portuguese and their neighbours write.
fn fold_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::name_key;

    #[test]
    fn names_compare_without_case_accents_or_decoration() {
        assert_eq!(name_key("  Carolina  MÉNDEZ 🌸"), "carolina mendez");
        assert_eq!(name_key("Carolina Me\u{301}ndez"), "carolina mendez");
        assert_eq!(name_key("João Conceição"), "joao conceicao");
        assert_eq!(name_key("María-José Núñez"), "maria jose nunez");
        assert_eq!(name_key("🙂"), "");
    }
}
