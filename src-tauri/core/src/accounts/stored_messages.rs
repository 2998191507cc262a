//! What a connector already stored, for channels that do not say what was deleted: a re-read that
//! no longer shows a comment means it is gone, and the store knows which ones it had.

use rusqlite::Transaction;

use crate::Result;

/// Channel ids of the messages not marked deleted in the account's conversations whose reference
/// starts with `prefix` (`comment:<post id>:` — one post's comment threads), replies queued by the
/// app and not yet sent left out.
pub(crate) fn ids_in(tx: &Transaction<'_>, account_id: i64, prefix: &str) -> Result<Vec<String>> {
    let mut statement = tx.prepare_cached(
        "SELECT m.external_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.account_id = ?1 AND substr(c.external_ref, 1, length(?2)) = ?2
            AND m.deleted_at IS NULL AND m.external_id NOT LIKE 'outbox:%'
          ORDER BY m.id",
    )?;
    let ids = statement.query_map((account_id, prefix), |row| row.get::<_, String>(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}
