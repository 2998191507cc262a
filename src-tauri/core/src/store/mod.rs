//! The SQLite store: one writer connection behind a mutex, a few read-only connections beside it
//! (WAL lets them read while the writer writes), embedded migrations and backups.

mod backup;
mod connection;
mod migrate;
mod readers;
mod text_enums;

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::Result;
use readers::ReaderPool;

pub(crate) use backup::copy_database;
pub(crate) use migrate::LATEST_VERSION;

/// Read-only connections: enough for the UI, the CLI and a sync task to read at once.
const READERS: usize = 3;

pub(crate) struct Store {
    // Field order is drop order: the readers close first, so the writer is the last connection
    // and checkpoints the WAL into the database file (read-only connections cannot).
    readers: ReaderPool,
    writer: Mutex<Connection>,
}

impl Store {
    pub(crate) fn open(path: &Path) -> Result<Store> {
        let existed = connection::check_existing_file(path)?;
        let mut writer = connection::open_writer(path)?;
        let version = migrate::check(&writer, path, existed)?;
        connection::configure_writer(&writer)?;
        migrate::apply_pending(&mut writer, path, version)?;
        let readers = ReaderPool::open(path, READERS)?;
        Ok(Store { writer: Mutex::new(writer), readers })
    }

    /// Runs `work` in one IMMEDIATE transaction on the writer: committed when it returns `Ok`,
    /// rolled back when it returns an error (or panics).
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // A panic while holding the lock dropped its transaction (rolled back), so the connection
        // is still good to use.
        let mut conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` on a read-only connection inside one read transaction, so every query it makes
    /// sees the same snapshot.
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.readers.get();
        let tx = conn.transaction()?;
        work(&tx)
    }
}
