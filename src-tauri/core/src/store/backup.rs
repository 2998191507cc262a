//! Consistent copies of the live database through SQLite's online backup API (a raw file copy of a
//! WAL database can miss committed pages that are still in the -wal file).

use std::path::Path;
use std::thread::sleep;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::{Error, Result};

/// Copies the database `source` is connected to into a new file at `dest`. Never overwrites: an
/// existing `dest` is refused, and a half-written copy is removed on failure.
pub(crate) fn copy_database(source: &Connection, dest: &Path) -> Result<()> {
    // create_new makes "does it exist?" and "create it" one step, so nothing is ever clobbered.
    match std::fs::OpenOptions::new().write(true).create_new(true).open(dest) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::InvalidInput(format!("{} already exists", dest.display())));
        }
        Err(e) => return Err(e.into()),
    }
    let copied = copy_into(source, dest);
    if copied.is_err() {
        let _ = std::fs::remove_file(dest);
    }
    copied
}

fn copy_into(source: &Connection, dest: &Path) -> Result<()> {
    let mut target = Connection::open(dest)?;
    {
        let backup = Backup::new(source, &mut target)?;
        // All pages in one step: one read transaction on the source, so the copy is one snapshot.
        let mut attempts = 0;
        loop {
            match backup.step(-1)? {
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
    target.close().map_err(|(_, e)| e)?;
    Ok(())
}
