//! Manual capture: conversations from sites without an API (classifieds, Facebook Marketplace), a
//! fair or the phone. `split` turns pasted text into a draft the seller corrects; `save` stores the
//! draft as a new conversation, or one message into an existing one, through ingest.

mod save;
mod split;

pub use save::{BuyerOption, CaptureBuyer, CaptureInput, CaptureSaved, QuickMessage};
use save::{add_message, buyers, save, sources};
pub use split::{CaptureDraft, DraftMessage, SplitOptions, split};

use crate::inbox::AccountOption;
use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

impl Mostrador {
    /// Splits text pasted from a site without an API into a draft of messages (writes nothing).
    pub fn capture_split(&self, text: &str, options: &SplitOptions) -> CaptureDraft {
        split(text, options)
    }

    /// Saves a captured draft as a new conversation on the `other` account named after its source.
    pub fn capture_save(&self, input: &CaptureInput, now: UnixSeconds) -> Result<CaptureSaved> {
        self.write(|tx| save(tx, input, now))
    }

    /// Adds one incoming or outgoing message to an existing conversation; returns its id.
    pub fn capture_add_message(&self, message: &QuickMessage, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| add_message(tx, message, now))
    }

    /// Buyers for the capture screen's picker.
    pub fn capture_buyers(&self, query: &str) -> Result<Vec<BuyerOption>> {
        self.read(|tx| buyers(tx, query))
    }

    /// The hand-captured sources used so far (accounts of channel `other`).
    pub fn capture_sources(&self) -> Result<Vec<AccountOption>> {
        self.read(sources)
    }
}
