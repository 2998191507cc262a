//! One token renewal at a time across processes. Mercado Libre, Etsy and Microsoft hand out a new
//! refresh token with every renewal and spend the old one: when the app and `mostrador-cli sync`
//! renew at once, the one that reads the token second holds a spent one and would take the
//! account for disconnected. Renewals therefore hold an exclusive lock on a file beside the
//! database, and read the refresh token only once they hold it.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::ChannelError;

/// Longer than a renewal takes (one HTTP request with its timeout): a holder that takes longer
/// has hung, and this round gives up for now rather than wait behind it.
const WAIT_AT_MOST: Duration = Duration::from_secs(60);

/// Held while a renewal runs; the lock goes with it (and with the process, if it dies).
pub(crate) struct RenewalLock {
    _file: File,
}

/// The lock file of a database: `<database>.renewal.lock`.
pub(crate) fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".renewal.lock");
    db_path.with_file_name(name)
}

/// Waits (off the async workers) until no other process or task renews a token of this database.
pub(crate) async fn hold(db_path: &Path) -> Result<RenewalLock, ChannelError> {
    let path = lock_path(db_path);
    tokio::task::spawn_blocking(move || hold_blocking(&path, WAIT_AT_MOST))
        .await
        .map_err(|e| ChannelError::SecretStore(e.to_string()))?
}

fn hold_blocking(path: &Path, wait_at_most: Duration) -> Result<RenewalLock, ChannelError> {
    let unavailable = |e: std::io::Error| {
        ChannelError::SecretStore(format!("the token renewal lock {} cannot be used: {e}", path.display()))
    };
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(path).map_err(unavailable)?;
    let deadline = Instant::now() + wait_at_most;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(RenewalLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(ChannelError::SecretStore(
                    "another Mostrador has been renewing this account's access for a minute".into(),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(unavailable(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_released_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("mostrador.sqlite3");
        assert_eq!(lock_path(&db), dir.path().join("mostrador.sqlite3.renewal.lock"));
        let first = hold_blocking(&lock_path(&db), Duration::from_millis(10)).unwrap();
        // A second open of the file is another holder, as another process would be.
        let second = hold_blocking(&lock_path(&db), Duration::from_millis(200));
        assert!(matches!(second, Err(ChannelError::SecretStore(_))), "held: the second waits, then gives up");
        drop(first);
        hold_blocking(&lock_path(&db), Duration::from_millis(10)).expect("free once the first is dropped");
    }

    #[test]
    fn a_waiting_renewal_goes_on_as_soon_as_the_holder_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let path = lock_path(&dir.path().join("mostrador.sqlite3"));
        let first = hold_blocking(&path, Duration::from_millis(10)).unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                hold_blocking(&path, Duration::from_secs(5)).map(|_| started.elapsed())
            })
        };
        std::thread::sleep(Duration::from_millis(300));
        drop(first);
        let waited = waiter.join().unwrap().expect("the waiter gets the lock");
        assert!(waited >= Duration::from_millis(250) && waited < Duration::from_secs(2), "{waited:?}");
    }
}
