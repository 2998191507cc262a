//! WhatsApp chat exports: the app has no API a desktop program can read, so sellers export chats
//! (`.txt`, or `.zip` with the chat and its media) and Mostrador imports them.
//!
//! Layers: `decode` (bytes → text, refusing what is not text), `header` (one line's header),
//! `date_order` (day/month for the whole file), `media` (attachment markers), `notice` (what kind
//! each of WhatsApp's own lines is), `parse` (messages, system lines, unreadable lines),
//! `source` (a file or a zip on disk), `import` (preview and the one-transaction import through
//! ingest). `render` writes exports back, for tests and the benchmark.

mod date_order;
mod decode;
mod export_writer;
mod header;
mod import;
mod media;
mod notice;
mod parse;
mod source;

pub use date_order::{DateOrder, DateOrderEvidence, DateOrderReason};
pub use decode::MAX_EXPORT_BYTES;
pub use export_writer::ExportStyle;
pub use import::{
    AuthorCount, LeftOutGroup, LeftOutLine, LeftOutReason, PreviewMessage, WhatsAppImportOptions,
    WhatsAppImportReport, WhatsAppPreview,
};
pub use media::Media;
pub use notice::NoticeKind;
pub use parse::{
    ChatMessage, ParseOptions, ParsedChat, SystemLine, UnreadableCounts, UnreadableLine, UnreadableReason,
};
pub use source::{ChatSource, chat_name_from_file_name, read_source};

use std::path::Path;

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
    /// A failed import (a full disk) leaves neither rows nor the media it copied.
    pub fn whatsapp_import(
        &self,
        path: &Path,
        options: &WhatsAppImportOptions,
        now: UnixSeconds,
    ) -> Result<WhatsAppImportReport> {
        let mut new_media = Vec::new();
        let imported = self.write(|tx| import::import(tx, &self.db_path, path, options, now, &mut new_media));
        if imported.is_err() {
            // The rows that would point at these files were rolled back.
            for file in new_media {
                let _ = std::fs::remove_file(file);
            }
        }
        imported
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
        }
    }
}

/// Bytes of a chat export (UTF-8 with or without BOM, UTF-16 LE/BE) → the chat. Pure; never panics.
pub fn parse_export(bytes: &[u8], options: &ParseOptions) -> Result<ParsedChat, ExportError> {
    let text = decode::decode(bytes)?;
    parse::parse_text(&text, options)
}
