//! What one WhatsApp import may read and write, in one place: the chat's text, each media file, all
//! the media together, how far a zip entry may expand, and the room it leaves on the disk. The
//! seller's sentences in `ui/src/locales/` quote the sizes (200 MB, 100 MB, 2 GB).

pub(crate) const MB: u64 = 1024 * 1024;

/// The largest export read: a chat of years with a busy buyer is a few MB; 200 MB is not a chat.
pub const MAX_EXPORT_BYTES: u64 = 200 * MB;

/// Limits on the media an import copies out of a zip. `MediaLimits::default()` is what the app and
/// the CLI use; tests lower them, since they cannot write gigabytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaLimits {
    /// One media file. WhatsApp recompresses the photos, videos and voice notes it sends to a few
    /// MB (a video to 16 MB); only a file sent "as a document" can be larger, and a shop's documents
    /// are price lists and invoices. 100 MB takes every real one and refuses the gigabytes a
    /// crafted entry can declare.
    pub file_bytes: u64,
    /// All the media of one import. 2 GB is WhatsApp's own limit for one file (a document), far
    /// more than a shop chat's media, and bounds what one import can write.
    pub total_bytes: u64,
    /// How many times its compressed size an entry may expand. Photos, videos and voice notes are
    /// compressed already (a zip gains a few percent), a PDF or a contact card shrinks a few times;
    /// a deflate bomb expands about a thousand times.
    pub expansion_ratio: u64,
    /// Entries up to this size are not held to the ratio: a small text or contact card can shrink a
    /// lot, and cannot fill a disk.
    pub ratio_free_bytes: u64,
    /// Room left free on the disk after the media: the database, its write-ahead log and the daily
    /// backups grow there too.
    pub free_space_margin: u64,
}

impl Default for MediaLimits {
    fn default() -> MediaLimits {
        MediaLimits {
            file_bytes: 100 * MB,
            total_bytes: 2048 * MB,
            expansion_ratio: 100,
            ratio_free_bytes: MB,
            free_space_margin: 256 * MB,
        }
    }
}

impl MediaLimits {
    /// True when `bytes` out of `compressed` is more than a media file expands.
    pub(crate) fn expands_too_much(&self, bytes: u64, compressed: u64) -> bool {
        bytes > self.ratio_free_bytes && bytes > compressed.saturating_mul(self.expansion_ratio)
    }
}
