//! The inbox: every conversation in the order sellers work through it (pinned, then who has
//! waited longest), filtered and searched, the tab counts, and what desktop notifications say.

pub(crate) mod alerts;
mod counts;
mod fts_query;
pub(crate) mod list;
mod search_hits;
mod types;

pub use types::*;

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

impl Mostrador {
    pub fn inbox(&self, query: &InboxQuery, now: UnixSeconds) -> Result<InboxPage> {
        self.read(|tx| list::inbox(tx, query, now))
    }

    /// Conversations per status under the query's other filters (its status and search ignored).
    pub fn inbox_counts(&self, query: &InboxQuery) -> Result<Vec<StatusCount>> {
        self.read(|tx| counts::per_status(tx, query))
    }

    /// The accounts the channel filter offers.
    pub fn inbox_accounts(&self) -> Result<Vec<AccountOption>> {
        self.read(counts::accounts)
    }

    /// New incoming messages after `after_message_id` (grouped) and conversations that passed their
    /// reply target in `(since, now]`, for desktop notifications.
    pub fn triage_alerts(
        &self,
        after_message_id: Option<i64>,
        since: UnixSeconds,
        now: UnixSeconds,
    ) -> Result<TriageAlerts> {
        self.read(|tx| alerts::since(tx, after_message_id, since, now))
    }
}
