//! The seller's accounts on each channel, as the accounts screen shows them: settings (never
//! secrets), paused or not, and how the last sync round ended.

use rusqlite::{OptionalExtension, Row, Transaction, params};

use crate::accounts::{AccountSyncStatus, AccountView, NewAccount, SyncOutcome, SyncState};
use crate::vocabulary::{ChannelKind, UnixSeconds};
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

/// Telegram keeps undelivered updates on its servers for 24 h.
pub const UPDATES_RETENTION_SECONDS: i64 = 24 * 3600;

/// True when updates may have been dropped by the channel before the app fetched them: a Telegram
/// account whose last successful round is older than the server keeps updates.
pub fn updates_may_be_lost(
    channel: ChannelKind,
    last_success_at: Option<UnixSeconds>,
    now: UnixSeconds,
) -> bool {
    channel == ChannelKind::Telegram
        && last_success_at.is_some_and(|success| now - success > UPDATES_RETENTION_SECONDS)
}

/// The warning stays up for a day after the round that found the gap, so a seller who comes back
/// after a long absence sees it even though sync is fine again.
fn warning_stands(
    channel: ChannelKind,
    last_success_at: Option<UnixSeconds>,
    last_attempt_at: Option<UnixSeconds>,
    gap_noticed_at: Option<UnixSeconds>,
) -> bool {
    let Some(attempt) = last_attempt_at else { return false };
    updates_may_be_lost(channel, last_success_at, attempt)
        || (channel == ChannelKind::Telegram
            && gap_noticed_at.is_some_and(|noticed| attempt - noticed < UPDATES_RETENTION_SECONDS))
}

const COLUMNS: &str = "id, channel, display_name, external_id, settings, disabled, sync_status,
     last_sync_success_at, last_sync_attempt_at, sync_error_code, sync_error_detail, sync_retry_at,
     sync_gap_noticed_at";

fn read(row: &Row<'_>) -> rusqlite::Result<(AccountView, String)> {
    let channel: ChannelKind = row.get(1)?;
    let last_success_at = row.get(7)?;
    let last_attempt_at = row.get(8)?;
    let gap_noticed_at = row.get(12)?;
    Ok((
        AccountView {
            id: row.get(0)?,
            channel,
            display_name: row.get(2)?,
            external_id: row.get(3)?,
            settings: serde_json::Value::Null,
            disabled: row.get(5)?,
            demo: false,
            access_expires_at: None,
            sync: AccountSyncStatus {
                state: row.get(6)?,
                last_success_at,
                last_attempt_at,
                error_code: row.get(9)?,
                error_detail: row.get(10)?,
                retry_at: row.get(11)?,
                updates_may_be_lost: warning_stands(
                    channel,
                    last_success_at,
                    last_attempt_at,
                    gap_noticed_at,
                ),
            },
        },
        row.get(4)?,
    ))
}

fn complete((mut view, settings): (AccountView, String)) -> Result<AccountView> {
    view.settings = serde_json::from_str(&settings)?;
    view.demo = view.settings.get("demo").and_then(serde_json::Value::as_bool).unwrap_or(false);
    view.access_expires_at = view.settings.get("access_expires_at").and_then(serde_json::Value::as_i64);
    Ok(view)
}

pub(crate) fn all(tx: &Transaction<'_>) -> Result<Vec<AccountView>> {
    let mut stmt =
        tx.prepare_cached(&format!("SELECT {COLUMNS} FROM accounts ORDER BY channel, display_name, id"))?;
    let rows = stmt.query_map([], read)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(complete).collect()
}

pub(crate) fn one(tx: &Transaction<'_>, account_id: i64) -> Result<AccountView> {
    let row = tx
        .prepare_cached(&format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"))?
        .query_row([account_id], read)
        .optional()?
        .ok_or_else(|| not_found(account_id))?;
    complete(row)
}

/// Keys that would hold a secret: those live in the OS keychain, never in SQLite.
fn looks_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["token", "secret", "password", "passwd", "verifier"].iter().any(|word| key.contains(word))
}

pub(crate) fn update_settings(
    tx: &Transaction<'_>,
    account_id: i64,
    settings: &serde_json::Value,
) -> Result<()> {
    let serde_json::Value::Object(map) = settings else {
        return Err(Error::InvalidInput("an account's settings must be a JSON object".into()));
    };
    if let Some(key) = map.keys().find(|key| looks_secret(key)) {
        return Err(Error::InvalidInput(format!(
            "{key:?} looks like a secret: secrets go to the keychain, never into account settings"
        )));
    }
    let changed = tx
        .prepare_cached("UPDATE accounts SET settings = ?2 WHERE id = ?1")?
        .execute(params![account_id, settings.to_string()])?;
    if changed == 0 { Err(not_found(account_id)) } else { Ok(()) }
}

pub(crate) fn set_identity(
    tx: &Transaction<'_>,
    account_id: i64,
    external_id: &str,
    display_name: &str,
) -> Result<()> {
    let (external_id, name) = (external_id.trim(), display_name.trim());
    if external_id.is_empty() || name.is_empty() {
        return Err(Error::InvalidInput("an account's identity needs an id and a name".into()));
    }
    let changed = tx
        .prepare_cached("UPDATE accounts SET external_id = ?2, display_name = ?3 WHERE id = ?1")?
        .execute(params![account_id, external_id, name])?;
    if changed == 0 { Err(not_found(account_id)) } else { Ok(()) }
}

pub(crate) fn set_disabled(tx: &Transaction<'_>, account_id: i64, disabled: bool) -> Result<()> {
    let changed = tx
        .prepare_cached("UPDATE accounts SET disabled = ?2 WHERE id = ?1")?
        .execute(params![account_id, disabled])?;
    if changed == 0 { Err(not_found(account_id)) } else { Ok(()) }
}

/// Stores how a round ended. A success clears the error; a failure keeps the last success.
pub(crate) fn record_outcome(
    tx: &Transaction<'_>,
    account_id: i64,
    outcome: &SyncOutcome,
    now: UnixSeconds,
) -> Result<()> {
    let (channel, last_success_at): (ChannelKind, Option<i64>) = tx
        .prepare_cached("SELECT channel, last_sync_success_at FROM accounts WHERE id = ?1")?
        .query_row([account_id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .ok_or_else(|| not_found(account_id))?;
    let gap_now = updates_may_be_lost(channel, last_success_at, now);
    let (state, code, detail, retry_at): (SyncState, Option<&str>, Option<&str>, Option<i64>) = match outcome
    {
        SyncOutcome::Ok => (SyncState::Ok, None, None, None),
        SyncOutcome::Retrying { code, detail, retry_at } => {
            (SyncState::Retrying, Some(code), Some(detail), Some(*retry_at))
        }
        SyncOutcome::Offline { retry_at } => (SyncState::Offline, None, None, Some(*retry_at)),
        SyncOutcome::NeedsReconnect { code, detail } => {
            (SyncState::NeedsReconnect, Some(code), Some(detail), None)
        }
        SyncOutcome::Failing { code, detail, retry_at } => {
            (SyncState::Failing, Some(code), Some(detail), *retry_at)
        }
    };
    tx.prepare_cached(
        "UPDATE accounts
            SET sync_status = ?2, last_sync_attempt_at = ?3,
                last_sync_success_at = CASE WHEN ?2 = 'ok' THEN ?3 ELSE last_sync_success_at END,
                sync_error_code = ?4, sync_error_detail = ?5, sync_retry_at = ?6,
                sync_gap_noticed_at = CASE WHEN ?7 THEN ?3 ELSE sync_gap_noticed_at END
          WHERE id = ?1",
    )?
    .execute(params![account_id, state, now, code, detail, retry_at, gap_now])?;
    Ok(())
}

fn not_found(account_id: i64) -> Error {
    Error::NotFound { what: format!("account {account_id}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 3600;

    #[test]
    fn only_telegram_loses_updates_and_only_after_a_day() {
        let now = 1_750_000_000;
        assert!(!updates_may_be_lost(ChannelKind::Telegram, None, now), "never synced: nothing to lose yet");
        assert!(!updates_may_be_lost(ChannelKind::Telegram, Some(now - DAY), now));
        assert!(updates_may_be_lost(ChannelKind::Telegram, Some(now - DAY - 1), now));
        assert!(!updates_may_be_lost(ChannelKind::MercadoLibre, Some(now - 30 * DAY), now));
    }

    #[test]
    fn the_warning_stays_a_day_after_the_gap_was_found() {
        let t = 1_750_000_000;
        let tg = ChannelKind::Telegram;
        // Back after three days: the round at t found the gap and succeeded.
        assert!(warning_stands(tg, Some(t), Some(t), Some(t)));
        assert!(warning_stands(tg, Some(t + DAY - 60), Some(t + DAY - 60), Some(t)));
        assert!(!warning_stands(tg, Some(t + DAY), Some(t + DAY), Some(t)));
        // Still failing two days after the last success.
        assert!(warning_stands(tg, Some(t - 2 * DAY), Some(t), None));
        assert!(!warning_stands(ChannelKind::MercadoLibre, Some(t - 2 * DAY), Some(t), Some(t)));
    }
}
