//! WhatsApp chat exports: the app has no API a desktop program can read, so sellers export chats
//! (`.txt`, or `.zip` with the chat and its media) and Mostrador imports them.
//!
//! Layers: `decode` (bytes → text, refusing what is not text), `header` (one line's header),
//! `date_order` (day/month for the whole file), `media` (attachment markers), `notice` (what kind
//! each of WhatsApp's own lines is), `parse` (messages, system lines, unreadable lines),
//! `source` (a file or a zip on disk), `limits` (what an import may read and write), `staging`
//! (media copied before the transaction, moved in after it), `import` (preview and the
//! one-transaction import through ingest). `export_writer` writes exports back, for tests and the
//! benchmark.

mod date_order;
mod decode;
mod export_writer;
mod header;
mod import;
mod limits;
mod media;
mod notice;
mod parse;
mod source;
mod staging;

pub use date_order::{DateOrder, DateOrderEvidence, DateOrderReason};
pub use export_writer::ExportStyle;
pub use import::{
    AuthorCount, LeftOutGroup, LeftOutLine, LeftOutReason, PreviewMessage, WhatsAppImportOptions,
    WhatsAppImportReport, WhatsAppPreview,
};
pub use limits::{MAX_EXPORT_BYTES, MediaLimits};
pub use media::Media;
pub use notice::NoticeKind;
pub use parse::{
    ChatMessage, ParseOptions, ParsedChat, SystemLine, UnreadableCounts, UnreadableLine, UnreadableReason,
};
pub use source::{ChatSource, chat_name_from_file_name, read_source};

use std::path::Path;

use limits::MB;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

impl Mostrador {
    /// Reads and parses a WhatsApp export (`.txt` or `.zip`) and says what importing it would do.
    /// Writes nothing.
    pub fn whatsapp_preview(&self, path: &Path, options: &WhatsAppImportOptions) -> Result<WhatsAppPreview> {
        self.read(|tx| import::preview(tx, path, options))
    }

    /// Imports a WhatsApp export in one transaction through ingest: creates or reuses the WhatsApp
    /// account, remembers "me" there, copies the zip's media to `<db dir>/media/whatsapp/…`.
    /// Importing the same chat again, or an overlapping newer export, adds only new messages.
    /// A failed import leaves neither rows nor files.
    pub fn whatsapp_import(
        &self,
        path: &Path,
        options: &WhatsAppImportOptions,
        now: UnixSeconds,
    ) -> Result<WhatsAppImportReport> {
        self.whatsapp_import_with_limits(path, options, &MediaLimits::default(), now)
    }

    /// [`Mostrador::whatsapp_import`] with other limits on media, for tests.
    #[doc(hidden)]
    pub fn whatsapp_import_with_limits(
        &self,
        path: &Path,
        options: &WhatsAppImportOptions,
        limits: &MediaLimits,
        now: UnixSeconds,
    ) -> Result<WhatsAppImportReport> {
        // The file is read and its media copied before the write transaction: the app and the CLI
        // keep writing meanwhile, and a failure there leaves no rows (the staging goes with it).
        self.settle_abandoned_imports();
        let prepared = self.read(|tx| import::prepare(tx, path, options))?;
        let media = import::stage_media(&self.db_path, &prepared, limits)?;
        let (report, folder) =
            self.write(|tx| import::write_rows(tx, &self.db_path, &prepared, options, &media, now))?;
        // The rows are in, with the staging's destination: the files follow by rename. Should this
        // process die first, the next import or opening moves them in.
        let name = media.staging_name();
        match media.place(&folder) {
            Ok(()) => {
                if let Some(name) = name {
                    // Left behind, the record only names a folder that no longer exists: the next
                    // settling forgets it.
                    let _ = self.write(|tx| staging::forget_destination(tx, &name));
                }
            }
            // The messages are in and their media waits, staged, for the next import or opening
            // to move it: the import itself succeeded.
            Err(e) => eprintln!("mostrador: the imported chat's media stays staged for now: {e}"),
        }
        Ok(report)
    }

    /// Finishes what imports that died (a crash, a kill) left staged: media whose rows committed
    /// is moved to where the rows say, media of no row is removed. Best effort, and nothing is
    /// touched while an import runs in this process or another.
    pub(crate) fn settle_abandoned_imports(&self) {
        let data_dir = self.data_dir();
        let root = data_dir.join(staging::MEDIA_ROOT);
        staging::settle_abandoned(&root, data_dir, &|| self.read(staging::recorded_destinations).ok());
        // The records of placed folders go, and those of folders already gone (their import
        // placed them but died before forgetting).
        let Ok(recorded) = self.read(staging::recorded_destinations) else { return };
        let gone: Vec<&String> = recorded.keys().filter(|name| !root.join(name).exists()).collect();
        if !gone.is_empty() {
            let _ = self.write(|tx| gone.iter().try_for_each(|name| staging::forget_destination(tx, name)));
        }
    }
}

/// Why a file cannot be imported as a WhatsApp chat. Each has a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("the file is not a WhatsApp chat export (no line starts with a date and a time)")]
    NotAnExport,
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text (a picture, a document or damaged data)")]
    Binary,
    #[error("the file has {bytes} bytes; a chat export can have at most {limit}")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("the .zip file has no chat in it (_chat.txt or \"WhatsApp Chat with ….txt\")")]
    ZipWithoutChat,
    #[error("the .zip file cannot be read: {0}")]
    BadZip(String),
    #[error("say which author is you: {}", .authors.join(", "))]
    ChooseMe { authors: Vec<String> },
    #[error("{me:?} did not write in this chat; the authors are: {}", .authors.join(", "))]
    MeNotAnAuthor { me: String, authors: Vec<String> },
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
    #[error(
        "{file_name} in the .zip has more than {} MB, more than WhatsApp sends; export the chat without media to import its messages",
        .limit / MB
    )]
    MediaTooLarge { file_name: String, limit: u64 },
    #[error(
        "the media in the .zip add up to more than {} MB; export the chat without media to import its messages",
        .limit / MB
    )]
    MediaTotalTooLarge { limit: u64 },
    #[error(
        "the chat's media need {} MB free on the disk (counting room for the database); free some space, or export the chat without media",
        .needed.div_ceil(MB)
    )]
    NoSpaceForMedia { needed: u64 },
}

impl ExportError {
    /// Stable codes (listed in `crate::ERROR_CODES`).
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::NotAnExport => "whatsapp_not_an_export",
            ExportError::Empty => "whatsapp_empty",
            ExportError::Binary => "whatsapp_binary",
            ExportError::TooLarge { .. } => "whatsapp_too_large",
            ExportError::ZipWithoutChat => "whatsapp_zip_without_chat",
            ExportError::BadZip(_) => "whatsapp_bad_zip",
            ExportError::ChooseMe { .. } => "whatsapp_choose_me",
            ExportError::MeNotAnAuthor { .. } => "whatsapp_me_not_an_author",
            ExportError::UnknownTimeZone(_) => "whatsapp_unknown_time_zone",
            ExportError::MediaTooLarge { .. } => "whatsapp_media_too_large",
            ExportError::MediaTotalTooLarge { .. } => "whatsapp_media_total_too_large",
            ExportError::NoSpaceForMedia { .. } => "whatsapp_no_space_for_media",
        }
    }
}

/// Bytes of a chat export (UTF-8 with or without BOM, UTF-16 LE/BE) → the chat. Pure; never panics.
pub fn parse_export(bytes: &[u8], options: &ParseOptions) -> Result<ParsedChat, ExportError> {
    let text = decode::decode(bytes)?;
    parse::parse_text(&text, options)
}
