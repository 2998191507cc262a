//! Mostrador's core: the domain and the local SQLite store.
//!
//! [`Mostrador::open`] is the one entry point used by the desktop shell, the CLI and the
//! tests alike. This crate never depends on tauri or on HTTP (checked by `cargo xtask test`).
//! Time is always passed in as `now`; nothing here reads the clock.

pub mod error;
pub mod model;

mod accounts;
mod aggregates;
mod buyers;
mod conversation;
mod export;
mod inbox;
mod ingest;
mod orders;
mod sample_shop;
mod search;
mod settings;
mod stats;
mod store;
mod tags;

pub use error::{ERROR_CODES, Error, Result};

use std::path::{Path, PathBuf};

use model::{
    ConversationStatus, ConversationView, InboxPage, InboxQuery, IngestMessage, IngestReport, NewAccount,
    NewOrder, Settings, Stats, UnixSeconds,
};
use rusqlite::Transaction;
use store::Store;

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = store::LATEST_VERSION;

/// The store: one writer connection behind a mutex and a few read-only connections beside it.
/// `Send + Sync`: share it in an `Arc` and call it from blocking threads.
pub struct Mostrador {
    db_path: PathBuf,
    store: Store,
}

impl std::fmt::Debug for Mostrador {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mostrador").field("db_path", &self.db_path).finish_non_exhaustive()
    }
}

impl Mostrador {
    /// Creates the file if missing; refuses a newer schema (Error::DatabaseTooNew); backs the file up
    /// (`<db>.before-v<N>.bak` next to it) before applying pending migrations to an existing database.
    pub fn open(db_path: &Path) -> Result<Mostrador> {
        Ok(Mostrador { db_path: db_path.to_path_buf(), store: Store::open(db_path)? })
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// True when there are no accounts and no conversations (first-run screen).
    pub fn is_empty(&self) -> Result<bool> {
        self.read(stats::is_empty)
    }

    pub fn add_account(&self, account: &NewAccount, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| accounts::add(tx, account, now))
    }

    /// Idempotent upsert by (account, external id); buyer identity upserted by (account, buyer.external_id);
    /// conversation by (account, conversation.external_ref). Aggregates (last_message_at, waiting_since,
    /// first_reply_at, unread, status reopen) updated in the SAME transaction. One transaction per batch.
    pub fn ingest(&self, batch: &[IngestMessage], now: UnixSeconds) -> Result<IngestReport> {
        self.write(|tx| ingest::ingest(tx, batch, now))
    }

    pub fn inbox(&self, query: &InboxQuery, now: UnixSeconds) -> Result<InboxPage> {
        self.read(|tx| inbox::inbox(tx, query, now))
    }

    pub fn conversation(&self, conversation_id: i64, now: UnixSeconds) -> Result<ConversationView> {
        self.read(|tx| conversation::view(tx, conversation_id, now))
    }

    pub fn conversation_id_by_ref(&self, account_id: i64, external_ref: &str) -> Result<Option<i64>> {
        self.read(|tx| conversation::id_by_ref(tx, account_id, external_ref))
    }

    /// `snoozed_until` only with `Snoozed` (then `None` snoozes until the buyer writes).
    pub fn set_status(
        &self,
        conversation_id: i64,
        status: ConversationStatus,
        snoozed_until: Option<UnixSeconds>,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| conversation::set_status(tx, conversation_id, status, snoozed_until, now))
    }

    pub fn set_tags(&self, conversation_id: i64, tags: &[String]) -> Result<()> {
        self.write(|tx| conversation::set_tags(tx, conversation_id, tags))
    }

    pub fn set_pinned(&self, conversation_id: i64, pinned: bool) -> Result<()> {
        self.write(|tx| conversation::set_pinned(tx, conversation_id, pinned))
    }

    pub fn mark_read(&self, conversation_id: i64) -> Result<()> {
        self.write(|tx| conversation::mark_read(tx, conversation_id))
    }

    pub fn buyer_id_by_identity(&self, account_id: i64, external_id: &str) -> Result<Option<i64>> {
        self.read(|tx| buyers::id_by_identity(tx, account_id, external_id))
    }

    pub fn set_buyer_profile(&self, buyer_id: i64, notes: &str, tags: &[String]) -> Result<()> {
        self.write(|tx| buyers::set_profile(tx, buyer_id, notes, tags))
    }

    pub fn create_order(&self, order: &NewOrder, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| orders::create(tx, order, now))
    }

    pub fn settings(&self) -> Result<Settings> {
        self.read(settings::load)
    }

    pub fn save_settings(&self, settings: &Settings) -> Result<()> {
        self.write(|tx| settings::save(tx, settings))
    }

    pub fn stats(&self) -> Result<Stats> {
        self.read(stats::stats)
    }

    /// Full export of every table's user data as one JSON document (never secrets), from one
    /// consistent snapshot.
    pub fn export_json(&self, out: &mut dyn std::io::Write) -> Result<()> {
        self.read(|tx| export::export(tx, out))
    }

    /// Consistent copy via the online backup API; never overwrites an existing file
    /// (Error::InvalidInput). The copy opens with [`Mostrador::open`].
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.read(|tx| store::copy_database(tx, dest))
    }

    /// Loads the sample shop in one go; times relative to `now`.
    pub fn load_sample_shop(&self, now: UnixSeconds) -> Result<Stats> {
        // Mixing invented buyers into a real shop would be worse than refusing.
        if !self.is_empty()? {
            return Err(Error::InvalidInput(
                "the sample shop can only be loaded into an empty database".into(),
            ));
        }
        sample_shop::load(self, now)?;
        self.stats()
    }

    /// One write transaction on the store, for modules of this crate (the sample shop) that need
    /// tables without a public method yet.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.store.write(work)
    }

    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.store.read(work)
    }
}
