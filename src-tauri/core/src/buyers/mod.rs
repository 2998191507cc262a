//! Buyers across channels: one person may write from Mercado Libre, WhatsApp and e-mail. Who they
//! are on each channel and the seller's notes (`profile`), buyers who are probably the same person
//! (`suggestions`, from phones read with libphonenumber, e-mails and names), merging them and
//! undoing it exactly (`merge`), and pairs the seller said are two people (`dismissals`).

pub(crate) mod dismissals;
pub(crate) mod merge;
pub(crate) mod phone_keys;
mod phones;
pub(crate) mod profile;
pub(crate) mod suggestions;
mod types;
mod written_contacts;

pub use types::*;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

impl Mostrador {
    pub fn buyer_id_by_identity(&self, account_id: i64, external_id: &str) -> Result<Option<i64>> {
        self.read(|tx| profile::id_by_identity(tx, account_id, external_id))
    }

    pub fn set_buyer_profile(&self, buyer_id: i64, notes: &str, tags: &[String]) -> Result<()> {
        self.write(|tx| profile::set_profile(tx, buyer_id, notes, tags))
    }

    /// Merges `source` into `target` (nothing is deleted); returns the merge id for [`Self::undo_merge`].
    pub fn merge_buyers(
        &self,
        target: i64,
        source: i64,
        reasons: &[MergeReason],
        now: UnixSeconds,
    ) -> Result<i64> {
        self.write(|tx| merge::merge(tx, target, source, reasons, now))
    }

    pub fn undo_merge(&self, merge_id: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| merge::undo(tx, merge_id, now))
    }

    /// The seller says `buyer` and `other` are two people: the pair is no longer suggested for a
    /// merge, from either buyer's page. The order of the two ids does not matter.
    pub fn dismiss_merge_suggestion(&self, buyer: i64, other: i64, now: UnixSeconds) -> Result<()> {
        self.write(|tx| dismissals::dismiss(tx, buyer, other, now))
    }

    /// Undoes [`Self::dismiss_merge_suggestion`]: the pair may be suggested again.
    pub fn undo_merge_dismissal(&self, buyer: i64, other: i64) -> Result<()> {
        self.write(|tx| dismissals::restore(tx, buyer, other))
    }
}
