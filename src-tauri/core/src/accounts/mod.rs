//! The seller's accounts on each channel and the core's side of live sync: adding accounts, their
//! non-secret settings and how their last sync round ended (`account`), committing what a
//! connector fetched together with the cursors that cover it (`sync_commit`), the channel's orders
//! (`channel_orders`) and the buyers a channel already named (`known_buyers`).
//!
//! Connectors live in `mostrador-channels`: this module never talks to the network and never
//! reads the clock. Secrets are never here: tokens live in the OS keychain.

pub(crate) mod account;
mod channel_orders;
mod known_buyers;
mod stored_messages;
mod sync_commit;
mod types;

pub use account::{UPDATES_RETENTION_SECONDS, updates_may_be_lost};
pub use types::*;

use std::collections::HashMap;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

/// Whether an account's settings say a connector reaches it: an API's base address, or a mailbox's
/// IMAP server. Sample and hand-made accounts have neither.
pub fn has_connector(settings: &serde_json::Value) -> bool {
    ["api_base", "imap_host"].iter().any(|key| {
        settings.get(*key).and_then(serde_json::Value::as_str).is_some_and(|v| !v.trim().is_empty())
    })
}

impl Mostrador {
    pub fn add_account(&self, account: &NewAccount, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| account::add(tx, account, now))
    }

    /// Every account with its settings (never secrets) and how its last sync round ended.
    pub fn accounts(&self) -> Result<Vec<AccountView>> {
        self.read(account::all)
    }

    pub fn account(&self, account_id: i64) -> Result<AccountView> {
        self.read(|tx| account::one(tx, account_id))
    }

    /// Replaces the account's non-secret settings (a JSON object; keys that look like secrets are
    /// refused: those belong in the keychain).
    pub fn update_account_settings(&self, account_id: i64, settings: &serde_json::Value) -> Result<()> {
        self.write(|tx| account::update_settings(tx, account_id, settings))
    }

    /// Names an account made before its channel said who it is (the Etsy account its notice
    /// e-mails made, once the shop connects Etsy's API).
    pub fn set_account_identity(&self, account_id: i64, external_id: &str, display_name: &str) -> Result<()> {
        self.write(|tx| account::set_identity(tx, account_id, external_id, display_name))
    }

    /// A paused account is not synced and replies in it are copied, not sent.
    pub fn set_account_disabled(&self, account_id: i64, disabled: bool) -> Result<()> {
        self.write(|tx| account::set_disabled(tx, account_id, disabled))
    }

    pub fn record_sync_outcome(
        &self,
        account_id: i64,
        outcome: &SyncOutcome,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| account::record_outcome(tx, account_id, outcome, now))
    }

    /// Where a feed of the account left off, as the last committed batch set it.
    /// The conversation of a channel order (its Mercado Libre pack), started empty when nobody
    /// has written in it yet so the seller can open it. Refused for orders not from a channel.
    pub fn start_order_thread(&self, order_id: i64, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| channel_orders::start_thread(tx, order_id, now))
    }

    pub fn sync_cursor(&self, account_id: i64, stream: &str) -> Result<Option<String>> {
        self.read(|tx| sync_commit::cursor(tx, account_id, stream))
    }

    /// Stores one sync round in ONE transaction: messages (through ingest), conversation facts,
    /// orders (upserted by account and channel id, joined to their thread), deletions, then the
    /// cursors. Committing the same batch again changes nothing; a failed batch moves no cursor.
    pub fn commit_sync(
        &self,
        account_id: i64,
        batch: &SyncBatch,
        now: UnixSeconds,
    ) -> Result<SyncCommitReport> {
        self.write(|tx| sync_commit::commit(tx, account_id, batch, now))
    }

    /// Channel ids of the messages stored in the account's conversations whose reference starts with
    /// `prefix`, not marked deleted: a connector compares them with what the channel still shows.
    pub fn message_ids_in(&self, account_id: i64, prefix: &str) -> Result<Vec<String>> {
        self.read(|tx| stored_messages::ids_in(tx, account_id, prefix))
    }

    /// The stored names of the account's buyers among `external_ids` that the channel named already
    /// (their identity has a nickname), by external id: a connector skips looking those up.
    pub fn buyer_names_known(
        &self,
        account_id: i64,
        external_ids: &[String],
    ) -> Result<HashMap<String, String>> {
        self.read(|tx| known_buyers::named(tx, account_id, external_ids))
    }
}
