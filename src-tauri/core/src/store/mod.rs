//! The SQLite store: one writer connection behind a mutex, a few read-only connections beside it
//! (WAL lets them read while the writer writes), embedded migrations and backups.

mod backup;
mod connection;
mod migrate;
mod readers;
mod text_enums;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// Commits made through `write`; in-memory indexes (saved answers) rebuild when it moves.
    generation: AtomicU64,
}

impl Store {
    pub(crate) fn open(path: &Path) -> Result<Store> {
        let existed = connection::check_existing_file(path)?;
        let mut writer = connection::open_writer(path)?;
        let version = migrate::check(&writer, path, existed)?;
        connection::configure_writer(&writer)?;
        migrate::apply_pending(&mut writer, path, version)?;
        let readers = ReaderPool::open(path, READERS)?;
        Ok(Store { writer: Mutex::new(writer), readers, generation: AtomicU64::new(0) })
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
        // After the commit: a reader that saw the old number may hold newer data (and rebuilds
        // once more), never the other way round.
        self.generation.fetch_add(1, Ordering::Release);
        Ok(value)
    }

    /// Moves on every committed `write`; read it before opening the read transaction it labels.
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Runs `work` on a read-only connection inside one read transaction, so every query it makes
    /// sees the same snapshot.
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.readers.get();
        let tx = conn.transaction()?;
        work(&tx)
    }
}
