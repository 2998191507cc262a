//! The copies the app keeps by itself: one a day in a folder beside the database, the newest
//! [`KEPT`] kept. A seller never has to remember a backup, and a bad day (a broken disk sector, a
//! wrong bulk action) can be undone from yesterday's copy.
//!
//! A copy is written under a `.partial` name and renamed when complete (`Mostrador::backup_to`), so
//! a full disk or a crash mid-copy never leaves something that looks like a backup. Old copies are
//! deleted only once a new one is complete, never to make room for it; only this module's own file
//! names are ever deleted.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::backups::BackupFile;
use crate::store::PARTIAL_SUFFIX;
use crate::vocabulary::UnixSeconds;
use crate::{Error, Mostrador, Result};

/// How many daily copies stay; older ones are deleted after a new one is complete.
pub const KEPT: usize = 7;
/// A new copy is due this long after the newest one.
pub const EVERY_SECS: i64 = 24 * 3600;

const PREFIX: &str = "mostrador-";
const SUFFIX: &str = ".sqlite3";

/// The folder the copies go to: `backups/` beside the database.
pub fn folder_for(database: &Path) -> PathBuf {
    database.parent().unwrap_or_else(|| Path::new(".")).join("backups")
}

/// The copies in `folder`, newest first. A missing folder has none.
pub fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(taken_at) = taken_at(&name) else { continue };
        let size_bytes = entry.metadata()?.len();
        files.push(BackupFile {
            path: entry.path().to_string_lossy().into_owned(),
            name,
            taken_at,
            size_bytes,
        });
    }
    files.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.name.cmp(&a.name)));
    Ok(files)
}

/// Whether a new copy is due at `now`: none yet, or the newest is a day old (or from the future,
/// after a clock was set back).
pub fn due(files: &[BackupFile], now: UnixSeconds) -> bool {
    files.first().is_none_or(|newest| now - newest.taken_at >= EVERY_SECS || newest.taken_at > now)
}

/// Writes a copy now, then deletes the copies beyond the newest [`KEPT`] and any `.partial` left by
/// a crash. Returns the new copy.
pub fn take(app: &Mostrador, folder: &Path, now: UnixSeconds) -> Result<BackupFile> {
    std::fs::create_dir_all(folder)?;
    let name = file_name(now)?;
    let path = folder.join(&name);
    if path.exists() {
        // Two copies in the same minute: the one there is as good.
        return list(folder)?
            .into_iter()
            .find(|f| f.name == name)
            .ok_or_else(|| Error::InvalidInput(format!("{} is not a backup", path.display())));
    }
    app.backup_to(&path)?;
    prune(folder, &name)?;
    list(folder)?.into_iter().find(|f| f.name == name).ok_or_else(|| Error::NotFound { what: name })
}

/// Takes a copy when one is due; returns it, or `None` when the newest is recent enough.
pub fn take_if_due(app: &Mostrador, folder: &Path, now: UnixSeconds) -> Result<Option<BackupFile>> {
    if due(&list(folder)?, now) { take(app, folder, now).map(Some) } else { Ok(None) }
}

fn prune(folder: &Path, keep_name: &str) -> Result<()> {
    for old in list(folder)?.iter().filter(|f| f.name != keep_name).skip(KEPT - 1) {
        std::fs::remove_file(&old.path)?;
    }
    for entry in std::fs::read_dir(folder)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.strip_suffix(PARTIAL_SUFFIX).and_then(taken_at).is_some() {
            let _ = std::fs::remove_file(folder.join(name));
        }
    }
    Ok(())
}

/// `mostrador-2026-11-27-0930.sqlite3`, in UTC so names sort by time wherever the seller travels.
fn file_name(now: UnixSeconds) -> Result<String> {
    let at = Timestamp::from_second(now).map_err(|e| Error::InvalidInput(format!("bad time {now}: {e}")))?;
    Ok(format!("{PREFIX}{}{SUFFIX}", at.strftime("%Y-%m-%d-%H%M")))
}

/// The time in a name this module wrote, or `None` for any other file.
fn taken_at(name: &str) -> Option<UnixSeconds> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (date, time) = stamp.rsplit_once('-')?;
    if time.len() != 4 || !time.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = format!("{date}T{}:{}:00Z", &time[..2], &time[2..]);
    text.parse::<Timestamp>().ok().map(|t| t.as_second())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_utc_minute_and_only_ours_are_read_back() {
        let name = file_name(1_790_000_000).unwrap();
        assert_eq!(name, "mostrador-2026-09-21-1413.sqlite3");
        assert_eq!(taken_at(&name), Some(1_790_000_000 - 20));
        for other in [
            "mostrador.sqlite3",
            "mostrador-2026-09-21-1413.sqlite3.partial",
            "mostrador-2026-09-21.sqlite3",
            "mostrador-2026-13-40-9999.sqlite3",
            "notes.txt",
        ] {
            assert_eq!(taken_at(other), None, "{other}");
        }
    }

    #[test]
    fn a_copy_is_due_daily_and_after_the_clock_went_back() {
        let at = |taken_at| BackupFile { path: String::new(), name: String::new(), taken_at, size_bytes: 0 };
        assert!(due(&[], 1000));
        assert!(!due(&[at(1000)], 1000 + EVERY_SECS - 1));
        assert!(due(&[at(1000)], 1000 + EVERY_SECS));
        assert!(due(&[at(5000)], 1000), "a copy from the future");
    }
}
