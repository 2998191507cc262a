//! The one door for messages: every channel, import and capture stores messages through
//! [`Mostrador::ingest`], so buyers, conversations, their aggregates and the search index stay
//! consistent whichever way a message arrived.

pub(crate) mod batch;
pub(crate) mod identities;
mod types;

pub use types::*;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

impl Mostrador {
    /// Idempotent upsert by (account, external id); buyer identity upserted by (account, buyer.external_id);
    /// conversation by (account, conversation.external_ref). Aggregates (last_message_at, waiting_since,
    /// first_reply_at, unread, status reopen) updated in the SAME transaction. One transaction per batch.
    pub fn ingest(&self, batch: &[IngestMessage], now: UnixSeconds) -> Result<IngestReport> {
        self.write(|tx| batch::ingest(tx, batch, now))
    }
}
