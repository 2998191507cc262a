//! Media copied before the import's transaction, into `media/whatsapp/.staging-<id>/`: beside the
//! final folders and on the same disk, so that once the rows commit each file moves in with a
//! rename, and on any failure the folder is simply removed. While its staging exists an import
//! holds a shared lock on `media/whatsapp/.staging.lock`; whoever gets that lock exclusively knows
//! every staging folder there is from an import that died (a crash, a kill). The import's
//! transaction records where its staging goes (a setting, committed with the rows): a dead
//! import's staging with that record committed is moved in, as the import would have done; one
//! without it belongs to no row and is removed.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

use rusqlite::Transaction;

use crate::Result;

/// Where WhatsApp media is kept, relative to the database's folder.
pub(crate) const MEDIA_ROOT: &str = "media/whatsapp";
const LOCK_FILE: &str = ".staging.lock";
const PREFIX: &str = ".staging-";

/// A staging folder of a running import: removed when dropped.
pub(crate) struct Staging {
    dir: PathBuf,
    /// Its import committed but the files could not be moved in: the folder stays for the next
    /// settling to move.
    keep: bool,
    /// Released only after `drop` has removed the folder (fields drop after it).
    _lock: File,
}

impl Staging {
    /// A new, empty staging folder under `root` (created if missing), once what crashed imports
    /// left there is gone.
    pub(crate) fn create(root: &Path) -> Result<Staging> {
        fs::create_dir_all(root)?;
        let lock = open_lock(root)?;
        lock.lock_shared()?;
        loop {
            // Random, so no other process (nor one that reuses a dead one's id) picks the same name.
            let id = RandomState::new().hash_one(std::process::id());
            let dir = root.join(format!("{PREFIX}{id:016x}"));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(Staging { dir, keep: false, _lock: lock }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder's name, which the import's transaction records with its destination.
    pub(crate) fn name(&self) -> String {
        self.dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// Moves every staged file into `folder` (created if missing), replacing one of the same name.
    /// Called once the rows are in: when it fails the folder stays, for the next settling.
    pub(crate) fn place(mut self, folder: &Path) -> Result<()> {
        let moved = move_files(&self.dir, folder);
        self.keep = moved.is_err();
        moved
    }
}

fn move_files(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        fs::rename(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        // What cannot be removed now is removed by the next import or the next opening.
        if !self.keep {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// What became of the staging folders of imports that died.
#[derive(Debug, Default)]
pub(crate) struct Settled {
    /// Folders whose rows had committed: their files were moved to where the rows say.
    pub(crate) placed: Vec<String>,
    /// Folders that belonged to no row, removed.
    pub(crate) removed: Vec<String>,
}

/// Settles the staging folders under `root` that no running import holds: one whose import
/// committed (`recorded`, read once no import can commit any more, gives its destination relative
/// to `data_dir`) is moved in, any other is removed. Nothing happens while an import runs (it
/// holds the lock) or when the records cannot be read; best effort otherwise, and what fails now
/// is tried again next time.
pub(crate) fn settle_abandoned(
    root: &Path,
    data_dir: &Path,
    recorded: &dyn Fn() -> Option<HashMap<String, String>>,
) -> Settled {
    let mut settled = Settled::default();
    let Ok(entries) = fs::read_dir(root) else { return settled };
    let stagings: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(PREFIX))
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .map(|entry| entry.path())
        .collect();
    if stagings.is_empty() {
        return settled;
    }
    let Ok(lock) = open_lock(root) else { return settled };
    // Held by a running import (in this process or another): its folder is live; the abandoned
    // ones beside it wait for a moment when no import runs.
    if lock.try_lock().is_err() {
        return settled;
    }
    let Some(recorded) = recorded() else { return settled };
    for dir in stagings {
        let name = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        match recorded.get(&name) {
            Some(destination) => {
                if move_files(&dir, &data_dir.join(destination)).is_ok() && fs::remove_dir(&dir).is_ok() {
                    settled.placed.push(name);
                }
            }
            None => {
                if fs::remove_dir_all(&dir).is_ok() {
                    settled.removed.push(name);
                }
            }
        }
    }
    settled
}

/// Settings key of a staging whose import committed: the value is its destination folder.
const DESTINATION_KEY: &str = "whatsapp_staging:";

/// In the import's transaction: where the staging named `name` goes once the rows are in.
pub(crate) fn record_destination(tx: &Transaction<'_>, name: &str, relative: &str) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, json_quote(?2))")?
        .execute((format!("{DESTINATION_KEY}{name}"), relative))?;
    Ok(())
}

/// Every committed staging's destination, by staging name.
pub(crate) fn recorded_destinations(tx: &Transaction<'_>) -> Result<HashMap<String, String>> {
    let mut statement = tx.prepare_cached(
        "SELECT substr(key, length(?1) + 1), value ->> '$' FROM settings WHERE key GLOB ?1 || '*'",
    )?;
    let rows = statement.query_map([DESTINATION_KEY], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The staging named `name` is placed (or gone): its record goes.
pub(crate) fn forget_destination(tx: &Transaction<'_>, name: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM settings WHERE key = ?1")?
        .execute([format!("{DESTINATION_KEY}{name}")])?;
    Ok(())
}

fn open_lock(root: &Path) -> std::io::Result<File> {
    OpenOptions::new().create(true).truncate(false).write(true).open(root.join(LOCK_FILE))
}

/// Bytes this user may still write on the disk that holds `path`.
#[cfg(unix)]
pub(crate) fn available_bytes(path: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(path).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

/// Not asked elsewhere: there is no safe call for it in the dependencies (the workspace forbids
/// unsafe code). The caps still bound what an import writes, and a disk that fills up while the
/// media is staged fails the import before any row is written, leaving nothing behind.
#[cfg(not(unix))]
pub(crate) fn available_bytes(_path: &Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staging_is_removed_when_dropped_and_its_files_move_in_when_placed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(MEDIA_ROOT);
        let failed = Staging::create(&root).unwrap();
        fs::write(failed.dir().join("a.jpg"), b"a").unwrap();
        let failed_dir = failed.dir().to_path_buf();
        drop(failed);
        assert!(!failed_dir.exists());

        let staging = Staging::create(&root).unwrap();
        fs::write(staging.dir().join("b.jpg"), b"b").unwrap();
        let staged_dir = staging.dir().to_path_buf();
        staging.place(&root.join("1/key")).unwrap();
        assert_eq!(fs::read(root.join("1/key/b.jpg")).unwrap(), b"b");
        assert!(!staged_dir.exists());
    }

    #[test]
    fn a_live_staging_is_not_abandoned() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(MEDIA_ROOT);
        let live = Staging::create(&root).unwrap();
        // A second import (this process or another) cleans up before it stages: the live one stays.
        let other = Staging::create(&root).unwrap();
        let settled = settle_abandoned(&root, dir.path(), &|| Some(HashMap::new()));
        assert!(settled.removed.is_empty() && settled.placed.is_empty());
        assert!(live.dir().exists() && other.dir().exists());
        assert_ne!(live.dir(), other.dir());
    }

    #[cfg(unix)]
    #[test]
    fn the_disk_says_how_much_room_it_has() {
        let dir = tempfile::tempdir().unwrap();
        assert!(available_bytes(dir.path()).is_some_and(|bytes| bytes > 0));
    }
}
