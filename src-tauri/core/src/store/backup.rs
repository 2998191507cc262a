//! Consistent copies of the live database through SQLite's online backup API (a raw file copy of a
//! WAL database can miss committed pages that are still in the -wal file).

use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::no_room;
use crate::{Error, Result};

/// A copy is written under its name plus this suffix and takes its name only when complete, so a
/// full disk or a crash mid-copy never leaves a file that looks like a backup.
pub(crate) const PARTIAL_SUFFIX: &str = ".partial";

/// Copies the database `source` is connected to into a new file at `dest`. Never overwrites: an
/// existing `dest` is refused. On any failure nothing is left at `dest` nor beside it.
pub(crate) fn copy_database(source: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(already_exists(dest));
    }
    let partial = partial_path(dest);
    // A partial copy of the same name can only be what an interrupted copy left.
    let _ = std::fs::remove_file(&partial);
    let copied = copy_into(source, &partial).and_then(|()| put_in_place(&partial, dest));
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(journal_path(&partial));
    }
    copied
}

fn copy_into(source: &Connection, dest: &Path) -> Result<()> {
    // create_new makes "does it exist?" and "create it" one step, so nothing is ever clobbered.
    std::fs::OpenOptions::new().write(true).create_new(true).open(dest)?;
    let mut target = Connection::open(dest).map_err(no_room::recognise)?;
    {
        let backup = Backup::new(source, &mut target).map_err(no_room::recognise)?;
        // All pages in one step: one read transaction on the source, so the copy is one snapshot.
        let mut attempts = 0;
        loop {
            match backup.step(-1).map_err(no_room::recognise)? {
                StepResult::Done => break,
                StepResult::More => continue,
                StepResult::Busy | StepResult::Locked if attempts < 50 => {
                    attempts += 1;
                    sleep(Duration::from_millis(100));
                }
                _ => return Err(Error::InvalidInput("the database stayed busy during the backup".into())),
            }
        }
    }
    target.close().map_err(|(_, e)| no_room::recognise(e))?;
    Ok(())
}

/// Gives the complete copy its name without replacing a file that appeared there meanwhile: a hard
/// link fails when the name is taken. File systems without hard links (FAT and exFAT, as on many
/// USB sticks) get a rename after one more look.
fn put_in_place(partial: &Path, dest: &Path) -> Result<()> {
    match std::fs::hard_link(partial, dest) {
        Ok(()) => {
            let _ = std::fs::remove_file(partial);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(already_exists(dest)),
        Err(_) if !dest.exists() => Ok(std::fs::rename(partial, dest)?),
        Err(e) => Err(e.into()),
    }
}

fn partial_path(dest: &Path) -> PathBuf {
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(PARTIAL_SUFFIX);
    dest.with_file_name(name)
}

/// SQLite's rollback journal beside a database file being written.
fn journal_path(database: &Path) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_os_string();
    name.push("-journal");
    database.with_file_name(name)
}

fn already_exists(dest: &Path) -> Error {
    Error::InvalidInput(format!("{} already exists", dest.display()))
}
