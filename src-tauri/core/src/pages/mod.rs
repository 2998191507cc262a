//! The composite screens, each read in one snapshot from several areas: the conversation screen
//! and the buyer page. They live apart so that the areas they join never import each other.

pub(crate) mod buyer;
pub(crate) mod conversation;
mod types;

pub use types::*;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result, buyers};

impl Mostrador {
    pub fn conversation(&self, conversation_id: i64, now: UnixSeconds) -> Result<ConversationView> {
        self.read(|tx| conversation::view(tx, conversation_id, now))
    }

    /// Identities, conversations, orders, merge suggestions and undoable merges. A merged-away buyer
    /// opens as the buyer it was merged into. Writes only the phone keys of new or changed phones.
    pub fn buyer_page(&self, buyer_id: i64, now: UnixSeconds) -> Result<BuyerPage> {
        self.write(|tx| {
            buyers::phone_keys::refresh(tx)?;
            buyer::page(tx, buyer_id, now)
        })
    }
}
