//! Mostrador's core: the domain and the local SQLite store.
//!
//! [`Mostrador::open`] is the one entry point used by the desktop shell, the CLI and the
//! tests alike. This crate never depends on tauri or on HTTP (checked by `cargo xtask test`).
//! Time is always passed in as `now`; nothing here reads the clock.
//!
//! The crate is organised by area: each folder owns its types (`types.rs`), its SQL and its own
//! `impl Mostrador` block of public methods (in its `mod.rs`). Areas that are read together live in
//! `pages`, so no two areas import each other. `vocabulary` holds the words every area shares and
//! `store` the connections and migrations.

pub mod error;
pub mod vocabulary;

mod store;

pub mod accounts;
pub mod answers;
pub mod backups;
pub mod buyers;
pub mod capture;
pub mod conversations;
pub mod cutoff;
pub mod inbox;
pub mod ingest;
pub mod mail;
pub mod metrics;
pub mod orders;
pub mod pages;
pub mod replies;
mod sample_shop;
pub mod settings;
pub mod whatsapp;

#[doc(hidden)]
pub mod fuzzing;

pub use error::{ERROR_CODES, Error, Result};

use std::path::{Path, PathBuf};

use rusqlite::Transaction;
use store::Store;

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = store::LATEST_VERSION;

/// The store: one writer connection behind a mutex and a few read-only connections beside it.
/// `Send + Sync`: share it in an `Arc` and call it from blocking threads.
pub struct Mostrador {
    db_path: PathBuf,
    store: Store,
    /// Saved answers kept in memory for search and suggestions.
    answers_index: answers::IndexCache,
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
        let app = Mostrador {
            db_path: db_path.to_path_buf(),
            store: Store::open(db_path)?,
            answers_index: answers::IndexCache::default(),
        };
        // Media an import staged before it died: moved in if its rows committed, else removed.
        app.settle_abandoned_imports();
        Ok(app)
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// The folder beside the database where files the store points at are kept (media, answer
    /// attachments, exports, backups).
    pub(crate) fn data_dir(&self) -> &Path {
        self.db_path.parent().unwrap_or_else(|| Path::new("."))
    }

    /// One IMMEDIATE write transaction on the writer: committed when `work` returns `Ok`, rolled
    /// back when it returns an error.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.store.write(work)
    }

    /// One read transaction on a read-only connection: every query in `work` sees one snapshot.
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.store.read(work)
    }
}
