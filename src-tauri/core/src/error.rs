//! Errors with stable codes: the shell serialises them as `{code, message}` and the UI
//! branches on `code` (translating it), never on the English message.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database was written by a newer Mostrador; opening it could damage it.
    #[error(
        "this database was created by a newer version of Mostrador (schema {found}, this version knows up to {supported}); update Mostrador to open it"
    )]
    DatabaseTooNew { found: i64, supported: i64 },
    #[error("the file {path} is not a Mostrador database")]
    NotADatabase { path: PathBuf },
    #[error("{what} was not found")]
    NotFound { what: String },
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("could not back up the database before upgrading it: {0}")]
    PreMigrationBackup(String),
    /// An applied migration's text differs from the one this build embeds: the schema on disk is not
    /// the one this code expects, so opening it could damage it.
    #[error(
        "database migration {version} differs from the one applied to this database; refusing to open it"
    )]
    MigrationChanged { version: i64 },
    /// No room for a write: the disk is full, the user's quota is used up or a file-size limit
    /// was reached. The write that met it was abandoned whole (a transaction rolled back, a file
    /// removed), so what was stored before is intact. Made by the `From` conversions below and by
    /// the store, which knows the reason behind SQLite's plain I/O errors.
    #[error("the disk is full: {0}")]
    DiskFull(String),
    /// Any other SQLite failure (a full disk becomes [`Error::DiskFull`]).
    #[error("database error: {0}")]
    Database(#[source] rusqlite::Error),
    /// Any other file failure (a full disk becomes [`Error::DiskFull`]).
    #[error("file error: {0}")]
    Io(#[source] std::io::Error),
    #[error("data error: {0}")]
    Json(#[from] serde_json::Error),
    // ---- whatsapp: a file that cannot be imported as a chat (codes from ExportError::code)
    #[error(transparent)]
    ChatExport(#[from] crate::whatsapp::ExportError),
    // ---- answers
    #[error("the shortcut /{shortcut} is already used by another answer")]
    ShortcutTaken { shortcut: String },
    /// Nothing was imported.
    #[error("the answers file cannot be imported{}: {message}", row.map(|r| format!(" (row {r})")).unwrap_or_default())]
    AnswerImport { row: Option<u32>, message: String },
    // ---- sync: a reply the outbox refuses, and outbox actions out of turn
    #[error(transparent)]
    SendRefused(#[from] crate::replies::SendRefusal),
    #[error("reply {outbox_id} is {state}: that cannot be done to it now")]
    OutboxWrongState { outbox_id: i64, state: crate::replies::OutboxState },
}

/// Every code [`Error::code`] can return, plus `internal` (the shell's own failures). The UI's
/// bindings are generated from this list and every locale must have a sentence for each.
pub const ERROR_CODES: &[&str] = &[
    "database_too_new",
    "not_a_database",
    "not_found",
    "invalid_input",
    "pre_migration_backup_failed",
    "migration_changed",
    "disk_full",
    "database",
    "io",
    "data",
    "internal",
    // ---- whatsapp
    "whatsapp_not_an_export",
    "whatsapp_empty",
    "whatsapp_binary",
    "whatsapp_too_large",
    "whatsapp_zip_without_chat",
    "whatsapp_bad_zip",
    "whatsapp_choose_me",
    "whatsapp_me_not_an_author",
    "whatsapp_unknown_time_zone",
    "whatsapp_media_too_large",
    "whatsapp_media_total_too_large",
    "whatsapp_no_space_for_media",
    // ---- answers
    "answers_shortcut_taken",
    "answers_import_invalid",
    // ---- the shell's global shortcut for the quick picker: the keys do not parse
    // or lack Ctrl/Alt/Cmd; the system refused them (another program holds them).
    "global_shortcut_invalid",
    "global_shortcut_taken",
    // ---- sync
    "send_copy_mode",
    "send_account_disabled",
    "send_blocked",
    "send_too_long",
    "send_too_many_bytes",
    "send_private_reply_unavailable",
    "send_empty",
    "send_window_closed",
    "send_already_answered",
    "send_files_not_carried",
    "send_files_too_large",
    "send_needs_reason",
    "send_reason_not_needed",
    "outbox_wrong_state",
];

impl Error {
    /// A stable, machine-readable code. Never change an existing one: the UI's locales key on it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::NotFound { .. } => "not_found",
            Error::InvalidInput(_) => "invalid_input",
            Error::PreMigrationBackup(_) => "pre_migration_backup_failed",
            Error::MigrationChanged { .. } => "migration_changed",
            Error::DiskFull(_) => "disk_full",
            Error::Database(_) => "database",
            Error::Io(_) => "io",
            Error::Json(_) => "data",
            Error::ChatExport(e) => e.code(),
            Error::ShortcutTaken { .. } => "answers_shortcut_taken",
            Error::AnswerImport { .. } => "answers_import_invalid",
            Error::SendRefused(refusal) => refusal.code(),
            Error::OutboxWrongState { .. } => "outbox_wrong_state",
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        // SQLite says SQLITE_FULL when the OS said ENOSPC (or a `max_page_count` was reached).
        if error.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            Error::DiskFull(error.to_string())
        } else {
            Error::Database(error)
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        if is_no_room(&error) { Error::DiskFull(error.to_string()) } else { Error::Io(error) }
    }
}

/// Whether a file-system error means there is no room to write: a full disk (ENOSPC, Windows'
/// ERROR_DISK_FULL), a used-up quota (EDQUOT) or a file-size limit (EFBIG). For the seller all
/// three read the same: free some space and try again.
pub fn is_no_room(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{FileTooLarge, QuotaExceeded, StorageFull};
    matches!(error.kind(), StorageFull | QuotaExceeded | FileTooLarge)
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_for_the_ui() {
        let samples = [
            Error::DatabaseTooNew { found: 2, supported: 1 },
            Error::NotADatabase { path: "x".into() },
            Error::NotFound { what: "x".into() },
            Error::InvalidInput("x".into()),
            Error::PreMigrationBackup("x".into()),
            Error::MigrationChanged { version: 1 },
            Error::Database(rusqlite::Error::ExecuteReturnedResults),
            Error::DiskFull("x".into()),
            Error::Io(std::io::Error::other("x")),
            Error::Json(serde_json::from_str::<i32>("x").unwrap_err()),
            Error::ChatExport(crate::whatsapp::ExportError::NotAnExport),
            Error::ChatExport(crate::whatsapp::ExportError::Empty),
            Error::ChatExport(crate::whatsapp::ExportError::Binary),
            Error::ChatExport(crate::whatsapp::ExportError::TooLarge { bytes: 2, limit: 1 }),
            Error::ChatExport(crate::whatsapp::ExportError::ZipWithoutChat),
            Error::ChatExport(crate::whatsapp::ExportError::BadZip("x".into())),
            Error::ChatExport(crate::whatsapp::ExportError::ChooseMe { authors: vec![] }),
            Error::ChatExport(crate::whatsapp::ExportError::MeNotAnAuthor {
                me: "x".into(),
                authors: vec![],
            }),
            Error::ChatExport(crate::whatsapp::ExportError::UnknownTimeZone("x".into())),
            Error::ChatExport(crate::whatsapp::ExportError::MediaTooLarge {
                file_name: "x".into(),
                limit: 1,
            }),
            Error::ChatExport(crate::whatsapp::ExportError::MediaTotalTooLarge { limit: 1 }),
            Error::ChatExport(crate::whatsapp::ExportError::NoSpaceForMedia { needed: 1 }),
            Error::ShortcutTaken { shortcut: "x".into() },
            Error::AnswerImport { row: Some(2), message: "x".into() },
            Error::SendRefused(crate::replies::SendRefusal::CopyMode),
            Error::SendRefused(crate::replies::SendRefusal::AccountDisabled),
            Error::SendRefused(crate::replies::SendRefusal::Blocked { reason: "x".into() }),
            Error::SendRefused(crate::replies::SendRefusal::TooLong { length: 2, max: 1 }),
            Error::SendRefused(crate::replies::SendRefusal::TooManyBytes { bytes: 2, max: 1 }),
            Error::SendRefused(crate::replies::SendRefusal::PrivateReplyUnavailable),
            Error::SendRefused(crate::replies::SendRefusal::Empty),
            Error::SendRefused(crate::replies::SendRefusal::WindowClosed { until: 1 }),
            Error::SendRefused(crate::replies::SendRefusal::AlreadyAnswered),
            Error::SendRefused(crate::replies::SendRefusal::NeedsReason),
            Error::SendRefused(crate::replies::SendRefusal::ReasonNotNeeded),
            Error::OutboxWrongState { outbox_id: 1, state: crate::replies::OutboxState::Sent },
        ];
        for error in samples {
            assert!(ERROR_CODES.contains(&error.code()), "{} is not in ERROR_CODES", error.code());
        }
    }

    #[test]
    fn a_full_disk_quota_or_file_size_limit_is_one_error() {
        let sqlite_full =
            rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL), None);
        assert_eq!(Error::from(sqlite_full).code(), "disk_full");
        let sqlite_io =
            rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_IOERR), None);
        assert_eq!(Error::from(sqlite_io).code(), "database");
        for kind in [
            std::io::ErrorKind::StorageFull,
            std::io::ErrorKind::QuotaExceeded,
            std::io::ErrorKind::FileTooLarge,
        ] {
            assert_eq!(Error::from(std::io::Error::from(kind)).code(), "disk_full", "{kind:?}");
        }
        // As the OS gives them: ENOSPC, EDQUOT and EFBIG carry only their number.
        #[cfg(target_os = "linux")]
        for errno in [28, 122, 27] {
            assert_eq!(Error::from(std::io::Error::from_raw_os_error(errno)).code(), "disk_full", "{errno}");
        }
        assert_eq!(Error::from(std::io::Error::from(std::io::ErrorKind::PermissionDenied)).code(), "io");
    }
}
