//! The seller's accounts on each channel.

use rusqlite::{Transaction, params};

use crate::model::{NewAccount, UnixSeconds};
use crate::{Error, Result};

pub(crate) fn add(tx: &Transaction<'_>, account: &NewAccount, now: UnixSeconds) -> Result<i64> {
    let name = account.display_name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("an account needs a name".into()));
    }
    let settings = match &account.settings {
        serde_json::Value::Null => serde_json::json!({}),
        value @ serde_json::Value::Object(_) => value.clone(),
        _ => return Err(Error::InvalidInput("an account's settings must be a JSON object".into())),
    };
    let external_id = account.external_id.as_deref().map(str::trim).filter(|id| !id.is_empty());
    tx.prepare_cached(
        "INSERT INTO accounts (channel, display_name, external_id, settings, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![account.channel, name, external_id, settings.to_string(), now])?;
    Ok(tx.last_insert_rowid())
}
