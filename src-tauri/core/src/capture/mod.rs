//! Manual capture: conversations from sites without an API (classifieds, Facebook Marketplace), a
//! fair or the phone. `split` turns pasted text into a draft the seller corrects; `save` stores the
//! draft as a new conversation, or one message into an existing one, through ingest.

mod save;
mod split;

pub use save::{BuyerOption, CaptureBuyer, CaptureInput, CaptureSaved, QuickMessage};
pub(crate) use save::{add_message, buyers, save, sources};
pub use split::{CaptureDraft, DraftMessage, SplitOptions, split};
