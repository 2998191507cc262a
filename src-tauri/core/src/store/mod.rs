//! The SQLite store: one writer connection behind a mutex, a few read-only connections beside it
//! (WAL lets them read while the writer writes), embedded migrations and backups.

mod backup;
mod connection;
mod migrate;
mod no_room;
mod readers;
pub(crate) mod text_enums;

use std::path::Path;
use std::sync::{Mutex, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::Result;
use readers::ReaderPool;

pub(crate) use backup::{PARTIAL_SUFFIX, copy_database};
pub(crate) use migrate::LATEST_VERSION;

/// Read-only connections: enough for the UI, the CLI and a sync task to read at once.
const READERS: usize = 3;

pub(crate) struct Store {
    // Field order is drop order: the readers close first, so the writer is the last connection
    // and checkpoints the WAL into the database file (read-only connections cannot).
    readers: ReaderPool,
    /// A read-only connection that only asks `PRAGMA data_version`, which moves whenever ANY other
    /// connection commits: this store's writer, or another process on the same file (the CLI's
    /// `answers import`, a second app). In-memory indexes (saved answers) rebuild when it moves.
    watcher: Mutex<Connection>,
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
        let watcher = Mutex::new(connection::open_reader(path)?);
        Ok(Store { writer: Mutex::new(writer), readers, watcher })
    }

    /// Runs `work` in one IMMEDIATE transaction on the writer: committed when it returns `Ok`,
    /// rolled back when it returns an error (or panics).
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // A panic while holding the lock dropped its transaction (rolled back), so the connection
        // is still good to use.
        let mut conn = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let tx =
            conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(no_room::recognise)?;
        // Recognised before `tx` drops: its rollback could change what the OS last said.
        let value = work(&tx).map_err(no_room::recognise)?;
        tx.commit().map_err(no_room::recognise)?;
        Ok(value)
    }

    /// Moves on every commit to the file, by this process or another. Read it before opening the
    /// read transaction it labels: that snapshot is then never older than the number (at worst
    /// newer, and the next look rebuilds once more). One pragma, a few microseconds.
    pub(crate) fn generation(&self) -> Result<u64> {
        let watcher = self.watcher.lock().unwrap_or_else(PoisonError::into_inner);
        let version: i64 = watcher.prepare_cached("PRAGMA data_version")?.query_row([], |row| row.get(0))?;
        Ok(version as u64)
    }

    /// Runs `work` on a read-only connection inside one read transaction, so every query it makes
    /// sees the same snapshot.
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.readers.get();
        let tx = conn.transaction()?;
        work(&tx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generation_moves_on_any_commit_to_the_file_and_only_then() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("generation.sqlite");
        let store = Store::open(&path).unwrap();
        let start = store.generation().unwrap();
        store
            .read(|tx| Ok(tx.query_row("SELECT count(*) FROM saved_answers", [], |r| r.get::<_, i64>(0))?))
            .unwrap();
        assert_eq!(store.generation().unwrap(), start, "reads move nothing");

        store.write(|tx| Ok(tx.execute("INSERT INTO saved_answer_packs VALUES ('es', 1)", [])?)).unwrap();
        let after_own = store.generation().unwrap();
        assert_ne!(after_own, start, "this store's own commit");
        assert_eq!(store.generation().unwrap(), after_own);

        // Another process: a plain connection of its own on the same file.
        let other = rusqlite::Connection::open(&path).unwrap();
        other.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
        other.execute("INSERT INTO saved_answer_packs VALUES ('en', 2)", []).unwrap();
        assert_ne!(store.generation().unwrap(), after_own, "another connection's commit");
    }

    #[test]
    fn a_write_that_finds_no_page_free_is_a_full_disk_and_leaves_nothing() {
        // A cap on the file's pages makes SQLite answer SQLITE_FULL mid-statement, exactly as it
        // answers ENOSPC, without needing a full disk (the file-size limit of the `full_disk`
        // tests fails the WAL's writes instead, at commit).
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("full.sqlite")).unwrap();
        let cap_pages = |extra: Option<i64>| {
            let writer = store.writer.lock().unwrap();
            let pages: i64 = writer.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
            let cap = extra.map_or(i64::from(u32::MAX - 1), |extra| pages + extra);
            writer.pragma_update_and_check(None, "max_page_count", cap, |r| r.get::<_, i64>(0)).unwrap();
        };
        let settings = || {
            store
                .read(|tx| Ok(tx.query_row("SELECT count(*) FROM settings", [], |r| r.get::<_, i64>(0))?))
                .unwrap()
        };
        let write_many = || {
            store.write(|tx| {
                for i in 0..400 {
                    tx.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, json_quote(?2))",
                        (format!("bulk.{i}"), "x".repeat(4000)),
                    )?;
                }
                Ok(())
            })
        };
        let before = settings();

        cap_pages(Some(20));
        let error = write_many().unwrap_err();
        assert!(matches!(error, crate::Error::DiskFull(_)), "{error:?}");
        assert_eq!(settings(), before, "the rows written before the disk filled were rolled back too");
        let check: String =
            store.read(|tx| Ok(tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)).unwrap();
        assert_eq!(check, "ok");

        cap_pages(None);
        write_many().unwrap();
        assert_eq!(settings(), before + 400);
    }
}
