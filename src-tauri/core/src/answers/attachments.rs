//! Files kept with an answer (a size chart, a payment QR, a map): copied into
//! `<db dir>/answers/<answer id>/`, described in `saved_answer_attachments`.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Transaction, params};

use super::library;
use crate::{Error, Result};

/// Largest file kept: a chart or a photo, not a video.
const MAX_BYTES: u64 = 25 * 1024 * 1024;

pub(crate) fn folder(db_path: &Path, answer_id: i64) -> PathBuf {
    db_path.parent().unwrap_or_else(|| Path::new(".")).join("answers").join(answer_id.to_string())
}

fn mime_of(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        _ => return None,
    })
}

/// Copies `source` next to the database and records it; returns the attachment id. The copy is
/// made before the row, so a failed copy leaves no row behind.
pub(crate) fn add(tx: &Transaction<'_>, db_path: &Path, answer_id: i64, source: &Path) -> Result<i64> {
    library::require(tx, answer_id)?;
    let meta = std::fs::metadata(source)?;
    if !meta.is_file() {
        return Err(Error::InvalidInput(format!("{} is not a file", source.display())));
    }
    if meta.len() > MAX_BYTES {
        return Err(Error::InvalidInput(format!("{} is larger than 25 MB", source.display())));
    }
    let file_name = source
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.is_empty())
        .ok_or_else(|| Error::InvalidInput(format!("{} has no usable file name", source.display())))?
        .to_string();
    let position: i64 = tx
        .prepare_cached(
            "SELECT coalesce(max(position) + 1, 0) FROM saved_answer_attachments WHERE answer_id = ?1",
        )?
        .query_row([answer_id], |row| row.get(0))?;
    let dir = folder(db_path, answer_id);
    std::fs::create_dir_all(&dir)?;
    // The position keeps two files with the same name apart.
    let dest = dir.join(format!("{position}-{file_name}"));
    std::fs::copy(source, &dest)?;
    tx.prepare_cached(
        "INSERT INTO saved_answer_attachments (answer_id, position, file_name, mime_type, size_bytes, local_path)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        answer_id,
        position,
        file_name,
        mime_of(&file_name),
        i64::try_from(meta.len()).unwrap_or(i64::MAX),
        dest.to_string_lossy(),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Removes the row; returns the file path for the caller to delete after the commit.
pub(crate) fn remove(tx: &Transaction<'_>, attachment_id: i64) -> Result<String> {
    let path: String = tx
        .prepare_cached("SELECT local_path FROM saved_answer_attachments WHERE id = ?1")?
        .query_row([attachment_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("answer attachment {attachment_id}") })?;
    tx.prepare_cached("DELETE FROM saved_answer_attachments WHERE id = ?1")?.execute([attachment_id])?;
    Ok(path)
}

/// Deletes files whose rows are gone; a file already missing is not an error.
pub(crate) fn delete_files(paths: &[String]) {
    for path in paths {
        let path = Path::new(path);
        // Best effort: the row is what the app reads; a leftover file only costs disk space.
        let _ = std::fs::remove_file(path);
        if let Some(dir) = path.parent() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}
