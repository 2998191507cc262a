//! Telling "no room to write" apart from SQLite's other I/O failures. SQLite reports a full disk
//! (ENOSPC) as SQLITE_FULL, which converts to [`Error::DiskFull`] by itself; a used-up quota
//! (EDQUOT) or a file-size limit (EFBIG) it reports only as a plain I/O error, with the reason left
//! in the thread's `errno`. That is where SQLite itself reads it for `sqlite3_system_errno`, which
//! this crate cannot call (no unsafe code), so it is read here the same way.

use rusqlite::ErrorCode;

use crate::Error;
use crate::error::is_no_room;

/// `error`, or [`Error::DiskFull`] when it is an SQLite I/O error whose OS reason was a lack of
/// room. Call it right after the failing call, before anything else runs on the connection (a
/// rollback first could leave another `errno`). At worst a stale `errno` names a failed write a
/// full disk: both leave the data as it was.
pub(crate) fn recognise(error: impl Into<Error>) -> Error {
    let error = error.into();
    let Error::Database(sqlite) = &error else { return error };
    if sqlite.sqlite_error_code() != Some(ErrorCode::SystemIoFailure) {
        return error;
    }
    let os = std::io::Error::last_os_error();
    if is_no_room(&os) { Error::DiskFull(format!("{sqlite} ({os})")) } else { error }
}
