//! Opening connections: file checks and the pragmas every connection needs.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::{Error, Result};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);
const STATEMENT_CACHE: usize = 64;

/// Whether `path` already holds a database. A file that exists but is not SQLite is refused before
/// SQLite touches it.
pub(crate) fn check_existing_file(path: &Path) -> Result<bool> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    let mut header = [0u8; 16];
    match file.read_exact(&mut header) {
        Ok(()) if &header == SQLITE_HEADER => Ok(true),
        Ok(()) => Err(not_a_database(path)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(not_a_database(path)),
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn open_writer(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| map_open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// Pragmas that change the file (WAL) are set only after the schema version was found acceptable,
/// so a database from a newer Mostrador is left exactly as it was.
pub(crate) fn configure_writer(conn: &Connection) -> Result<()> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::InvalidInput(format!("the database could not switch to WAL mode ({mode})")));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Every statement of a batch that fires triggers keeps a statement journal; on
    // disk (the default) writing it took a quarter of ingest. In memory it costs a few pages of RAM.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Ingest updates conversations and their inbox indexes all over a large file: the same 16 MiB
    // page cache as the readers keeps them from being read back from the OS for every batch.
    conn.pragma_update(None, "cache_size", -16_384)?;
    Ok(())
}

pub(crate) fn open_reader(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| map_open_error(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "foreign_keys", true)?;
    // An inbox page reads rows scattered over a large file: a bigger page cache (16 MiB) and reads
    // straight from the OS's file cache keep repeated pages from going back to disk.
    conn.pragma_update(None, "cache_size", -16_384)?;
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
    Ok(conn)
}

/// SQLite reports a non-database file only when it first reads it.
pub(crate) fn map_open_error(path: &Path, e: rusqlite::Error) -> Error {
    if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) { not_a_database(path) } else { e.into() }
}

pub(crate) fn not_a_database(path: &Path) -> Error {
    Error::NotADatabase { path: path.to_path_buf() }
}
