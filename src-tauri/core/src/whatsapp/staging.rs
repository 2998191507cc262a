//! Media copied before the import's transaction, into `media/whatsapp/.staging-<id>/`: beside the
//! final folders and on the same disk, so that once the rows commit each file moves in with a
//! rename, and on any failure the folder is simply removed. While its staging exists an import
//! holds a shared lock on `media/whatsapp/.staging.lock`; whoever gets that lock exclusively knows
//! every staging folder there is from an import that died (a crash, a kill), and removes them.

use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

use crate::Result;

/// Where WhatsApp media is kept, relative to the database's folder.
pub(crate) const MEDIA_ROOT: &str = "media/whatsapp";
const LOCK_FILE: &str = ".staging.lock";
const PREFIX: &str = ".staging-";

/// A staging folder of a running import: removed when dropped.
pub(crate) struct Staging {
    dir: PathBuf,
    /// Released only after `drop` has removed the folder (fields drop after it).
    _lock: File,
}

impl Staging {
    /// A new, empty staging folder under `root` (created if missing), once what crashed imports
    /// left there is gone.
    pub(crate) fn create(root: &Path) -> Result<Staging> {
        fs::create_dir_all(root)?;
        remove_abandoned(root);
        let lock = open_lock(root)?;
        lock.lock_shared()?;
        loop {
            // Random, so no other process (nor one that reuses a dead one's id) picks the same name.
            let id = RandomState::new().hash_one(std::process::id());
            let dir = root.join(format!("{PREFIX}{id:016x}"));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(Staging { dir, _lock: lock }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Moves every staged file into `folder` (created if missing), replacing one of the same name.
    pub(crate) fn place(self, folder: &Path) -> Result<()> {
        fs::create_dir_all(folder)?;
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            fs::rename(entry.path(), folder.join(entry.file_name()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // What cannot be removed now is removed by the next import or the next opening.
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Removes the staging folders under `root` that no running import holds. Best effort: one that
/// cannot be removed now is tried again next time.
pub(crate) fn remove_abandoned(root: &Path) {
    let Ok(entries) = fs::read_dir(root) else { return };
    let stagings: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(PREFIX))
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .map(|entry| entry.path())
        .collect();
    if stagings.is_empty() {
        return;
    }
    let Ok(lock) = open_lock(root) else { return };
    // Held by a running import (in this process or another): its folder is live; the abandoned
    // ones beside it wait for a moment when no import runs.
    if lock.try_lock().is_err() {
        return;
    }
    for dir in stagings {
        let _ = fs::remove_dir_all(dir);
    }
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
        remove_abandoned(&root);
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
