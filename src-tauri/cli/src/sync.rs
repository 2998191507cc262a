//! `sync --account ID --once`: one sync round of one account, exactly as the app's engine runs it
//! (replies in doubt checked, new messages fetched and committed with their cursors, queued replies
//! sent), with the account's tokens from the configured secret store.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use mostrador_channels::secrets::{self, SecretError};
use mostrador_channels::{Clock, SyncSummary};
use mostrador_core::accounts::AccountView;

use crate::database;
use crate::failure::Failure;

pub fn once(db: &Path, account_id: i64, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let store = Arc::new(database::open_existing(db)?);
    let account = store.account(account_id).map_err(|error| {
        if error.code() == "not_found" {
            Failure::new(format!(
                "There is no account {account_id} in {}. `mostrador-cli --db {} accounts list` shows the accounts \
                 and their ids.",
                db.display(),
                db.display()
            ))
        } else {
            Failure::from_core(error, "read the account")
        }
    })?;
    if account.disabled {
        return Err(Failure::new(format!(
            "Account {account_id} ({}) is paused, so it is not synced. Resume it in the app first.",
            account.display_name
        )));
    }
    let allow_file = store
        .secrets_file_fallback_allowed()
        .map_err(|error| Failure::from_core(error, "read the secret store setting"))?;
    // The app keeps the fallback file in its data folder, which is where its database lives.
    let configured =
        secrets::open_configured(database::folder_of(db), allow_file).map_err(secrets_failure)?;
    if let Some(path) = &configured.set_aside {
        eprintln!(
            "The secrets file could not be decrypted (damaged, or its key is gone); it was moved to {}. \
             Connect the accounts it held again in the app.",
            path.display()
        );
    }
    // This database's own names in the store: another database's tokens are never read.
    let secrets = secrets::for_database(configured.store, &store).map_err(secrets_failure)?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::new(format!("Could not start the network runtime: {error}.")))?;
    // The CLI reads the clock (the core never does).
    let clock: Clock = Arc::new(|| jiff::Timestamp::now().as_second());
    let summary = runtime.block_on(mostrador_channels::sync_once(&store, &secrets, account_id, &clock));
    let after = store.account(account_id).unwrap_or(account);

    if json {
        write_json(&summary, &after, out)?;
    } else {
        write_text(&summary, &after, out).map_err(Failure::from_stdout)?;
    }
    if summary.errors.is_empty() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "The sync of account {account_id} ended with {} error{}: {}.",
            summary.errors.len(),
            if summary.errors.len() == 1 { "" } else { "s" },
            summary.errors.join("; ").trim_end_matches('.')
        )))
    }
}

fn write_json(summary: &SyncSummary, account: &AccountView, out: &mut impl Write) -> Result<(), Failure> {
    let mut report = serde_json::to_value(summary).map_err(|error| Failure::new(error.to_string()))?;
    report["account_id"] = account.id.into();
    report["status"] =
        serde_json::to_value(&account.sync).map_err(|error| Failure::new(error.to_string()))?;
    writeln!(out, "{report}").map_err(Failure::from_stdout)
}

fn write_text(summary: &SyncSummary, account: &AccountView, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "Account {} ({}, {}): fetched {}, {} new, {} updated, {} {} sent.",
        account.id,
        account.display_name,
        account.channel.as_str(),
        summary.fetched,
        summary.new,
        summary.updated,
        summary.sent,
        if summary.sent == 1 { "reply" } else { "replies" }
    )?;
    let state = serde_json::to_value(account.sync.state).ok();
    writeln!(out, "Sync status: {}", state.as_ref().and_then(|s| s.as_str()).unwrap_or("unknown"))
}

/// The store could not be opened: say where tokens live and the three ways forward.
fn secrets_failure(error: SecretError) -> Failure {
    match error {
        SecretError::KeychainUnavailable(reason) => Failure::new(format!(
            "Could not reach the account's tokens: no system keychain is available ({reason}). Start one \
             (GNOME Keyring, KWallet), or allow the encrypted secrets file in the app (Settings → Accounts), \
             or set {}=file:<path> for a non-interactive run.",
            secrets::SECRETS_ENV
        )),
        other => Failure::new(format!("Could not open the secret store: {other}.")),
    }
}
