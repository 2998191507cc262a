//! Phones and e-mail addresses buyers write in their messages ("mi cel es 351 555-1234"). A buyer
//! who writes on Instagram the WhatsApp number another buyer writes from is probably that person:
//! merge suggestions read these both ways — what this buyer wrote, and who else wrote this buyer's
//! number or address — found through the message search index, then read with libphonenumber.

use rusqlite::{Transaction, params};

use super::phones::{self, Phone};
use crate::Result;

/// Messages of one buyer read for contacts at most (the newest).
const OWN_MESSAGES: i64 = 300;
/// Messages of other buyers that may mention a number or address, read at most.
const OTHER_MESSAGES: i64 = 200;

/// What a buyer wrote: phones (read in the shop's region) and e-mail addresses (lower case).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Written {
    pub(crate) phones: Vec<Phone>,
    pub(crate) emails: Vec<String>,
}

/// Contacts in one text: runs of at least 8 digits with the usual separators, and words with an
/// `@` and a dotted domain.
pub(crate) fn in_text(text: &str, region: &str, found: &mut Written) {
    let mut run = String::new();
    let mut digits = 0;
    let flush = |run: &mut String, digits: &mut usize, found: &mut Written| {
        if *digits >= 8
            && let Some(phone) = phones::parse(run, region)
            && !found.phones.iter().any(|p| p.match_key == phone.match_key)
        {
            found.phones.push(phone);
        }
        run.clear();
        *digits = 0;
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            digits += 1;
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{a0}') && (!run.is_empty() || c == '+') {
            run.push(c);
        } else {
            flush(&mut run, &mut digits, found);
        }
    }
    flush(&mut run, &mut digits, found);

    for word in
        text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '<' | '>' | '(' | ')'))
    {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some((local, domain)) = word.split_once('@') else { continue };
        let dotted = domain.split('.').count() >= 2 && domain.split('.').all(|part| !part.is_empty());
        if !local.is_empty() && dotted && !domain.contains('@') {
            let email = word.to_lowercase();
            if !found.emails.contains(&email) {
                found.emails.push(email);
            }
        }
    }
}

/// What `buyer_id` wrote in their newest messages.
pub(crate) fn of_buyer(tx: &Transaction<'_>, buyer_id: i64, region: &str) -> Result<Written> {
    let mut statement = tx.prepare_cached(
        "SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.buyer_id = ?1 AND m.direction = 'incoming'
          ORDER BY m.sent_at DESC LIMIT ?2",
    )?;
    let mut found = Written::default();
    for text in statement.query_map(params![buyer_id, OWN_MESSAGES], |row| row.get::<_, String>(0))? {
        in_text(&text?, region, &mut found);
    }
    Ok(found)
}

/// Other buyers who wrote `phone` in a message. The search index finds candidate messages by the
/// spellings' words (the last four digits, the national number, the subscriber's number); each is
/// then read to be sure it is the same line.
pub(crate) fn who_wrote_phone(
    tx: &Transaction<'_>,
    phone: &Phone,
    buyer_id: i64,
    region: &str,
) -> Result<Vec<i64>> {
    let national: String = phone.match_key.trim_start_matches('+').chars().skip(2).collect();
    if national.len() < 8 {
        return Ok(Vec::new());
    }
    let last4 = &national[national.len() - 4..];
    let subscriber = &national[national.len().saturating_sub(7)..];
    let query = format!("\"{last4}\" OR \"{national}\" OR \"{subscriber}\"");
    let mut who = Vec::new();
    for (other, text) in candidates(tx, &query, buyer_id)? {
        let mut found = Written::default();
        in_text(&text, region, &mut found);
        if found.phones.iter().any(|p| p.match_key == phone.match_key) && !who.contains(&other) {
            who.push(other);
        }
    }
    Ok(who)
}

/// Other buyers who wrote `email` in a message.
pub(crate) fn who_wrote_email(tx: &Transaction<'_>, email: &str, buyer_id: i64) -> Result<Vec<i64>> {
    let words: Vec<&str> = email.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return Ok(Vec::new());
    }
    let query = format!("\"{}\"", words.join(" "));
    let mut who = Vec::new();
    for (other, text) in candidates(tx, &query, buyer_id)? {
        let mut found = Written::default();
        in_text(&text, "", &mut found);
        if found.emails.iter().any(|e| e.eq_ignore_ascii_case(email)) && !who.contains(&other) {
            who.push(other);
        }
    }
    Ok(who)
}

/// Incoming messages of other (not merged-away) buyers matching an FTS query, with their buyer.
fn candidates(tx: &Transaction<'_>, query: &str, buyer_id: i64) -> Result<Vec<(i64, String)>> {
    let mut statement = tx.prepare_cached(
        "SELECT c.buyer_id, m.text FROM messages_fts
           JOIN messages m ON m.id = messages_fts.rowid
           JOIN conversations c ON c.id = m.conversation_id
           JOIN buyers b ON b.id = c.buyer_id
          WHERE messages_fts MATCH ?1 AND m.direction = 'incoming' AND c.buyer_id <> ?2 AND b.merged_into IS NULL
          LIMIT ?3",
    )?;
    let rows = statement
        .query_map(params![query, buyer_id, OTHER_MESSAGES], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_addresses_as_buyers_write_them() {
        let mut found = Written::default();
        in_text(
            "Hola! mi cel es 351 555-1234, o escribime a Caro.Mendez@Gmail.com. Quiero 2 tazas de 350 ml.",
            "AR",
            &mut found,
        );
        assert_eq!(found.phones.iter().map(|p| p.match_key.as_str()).collect::<Vec<_>>(), ["+543515551234"]);
        assert_eq!(found.emails, ["caro.mendez@gmail.com"]);

        let mut found = Written::default();
        in_text("Meu WhatsApp: +55 (11) 91234-5678 — pedido 12345678 não é telefone", "BR", &mut found);
        assert_eq!(found.phones.len(), 1, "{found:?}");
        assert_eq!(found.phones[0].e164, "+5511912345678");
        assert!(found.emails.is_empty());

        let mut found = Written::default();
        in_text("Precio $14.900, talle 38, a las 18:30 @barroylana", "AR", &mut found);
        assert_eq!(found, Written::default(), "prices, sizes, times and handles are none of them");
    }
}
