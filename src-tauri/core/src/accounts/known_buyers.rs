//! Which buyers a channel has named already: a connector that only gets a buyer's numeric id (Mercado
//! Libre questions) looks the nickname up once, not again for a buyer the store knows by name.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction};

use crate::Result;

/// The stored names of those of `external_ids` whose identity on the account carries a handle (the
/// channel's nickname), by external id. Identities known only by number are left out.
pub(crate) fn named(
    tx: &Transaction<'_>,
    account_id: i64,
    external_ids: &[String],
) -> Result<HashMap<String, String>> {
    let mut statement = tx.prepare_cached(
        "SELECT display_name FROM buyer_identities
          WHERE account_id = ?1 AND external_id = ?2 AND TRIM(COALESCE(handle, '')) <> ''",
    )?;
    let mut names = HashMap::new();
    for id in external_ids {
        if let Some(name) = statement.query_row((account_id, id), |row| row.get::<_, String>(0)).optional()? {
            names.insert(id.clone(), name);
        }
    }
    Ok(names)
}
