//! What a connector gets for one round: the store (its blocking calls run on tokio's blocking
//! pool), the secrets, the clock, the account, and a tally of what it stored.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, SyncBatch, SyncCommitReport};
use mostrador_core::vocabulary::Direction;
use tokio::sync::Notify;

use crate::secrets::SecretStore;
use crate::{ChannelError, Clock};

pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the round stored, for the summary and the events.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally {
    pub fetched: u32,
    pub inserted: u32,
    pub updated: u32,
    pub orders: u32,
    /// New messages from buyers (at most the inserted ones of each batch).
    pub new_incoming: u32,
    /// Newest buyer message seen, for adaptive polling.
    pub last_incoming_at: Option<i64>,
    pub sent: u32,
    /// Snapshots of the seller's standing stored (the metrics screen reads them).
    pub seller_metrics: u32,
}

impl Tally {
    pub(crate) fn changed(&self) -> bool {
        self.inserted + self.updated + self.orders + self.sent + self.seller_metrics > 0
    }
}

pub(crate) struct Ctx<'a> {
    pub core: &'a Arc<Mostrador>,
    pub secrets: &'a Arc<dyn SecretStore>,
    pub clock: &'a Clock,
    pub account: &'a AccountView,
    /// Signalled when the seller queued a reply: a long poll returns early.
    pub interrupt: Option<&'a Notify>,
    tally: Mutex<Tally>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        core: &'a Arc<Mostrador>,
        secrets: &'a Arc<dyn SecretStore>,
        clock: &'a Clock,
        account: &'a AccountView,
        interrupt: Option<&'a Notify>,
    ) -> Ctx<'a> {
        Ctx { core, secrets, clock, account, interrupt, tally: Mutex::new(Tally::default()) }
    }

    pub(crate) fn now(&self) -> i64 {
        (self.clock)()
    }

    pub(crate) fn account_id(&self) -> i64 {
        self.account.id
    }

    /// A string setting of the account ("api_base", "seller_id"…), ids as strings or numbers.
    pub(crate) fn setting(&self, key: &str) -> Option<String> {
        crate::lenient::id(&self.account.settings, key)
    }

    pub(crate) fn tally(&self) -> Tally {
        *self.tally.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn count_sent(&self) {
        self.tally.lock().unwrap_or_else(|e| e.into_inner()).sent += 1;
    }

    pub(crate) async fn cursor(&self, stream: &str) -> Result<Option<String>, ChannelError> {
        let account_id = self.account.id;
        let stream = stream.to_owned();
        blocking(self.core, move |core| core.sync_cursor(account_id, &stream)).await
    }

    /// Stores a batch (data and cursors in one transaction) and counts it.
    pub(crate) async fn commit(&self, batch: SyncBatch) -> Result<SyncCommitReport, ChannelError> {
        if batch.messages.is_empty()
            && batch.cursors.is_empty()
            && batch.orders.is_empty()
            && batch.conversations.is_empty()
            && batch.deleted_messages.is_empty()
            && batch.left_out_mail.is_empty()
            && batch.seller_metrics.is_none()
        {
            return Ok(SyncCommitReport::default());
        }
        let incoming: Vec<i64> =
            batch.messages.iter().filter(|m| m.direction == Direction::Incoming).map(|m| m.sent_at).collect();
        let fetched = batch.messages.len() as u32;
        let seller_metrics = u32::from(batch.seller_metrics.is_some());
        let account_id = self.account.id;
        let now = self.now();
        let report = blocking(self.core, move |core| core.commit_sync(account_id, &batch, now)).await?;
        let mut tally = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        tally.fetched += fetched;
        tally.inserted += report.inserted;
        tally.updated += report.updated;
        tally.orders += report.orders_upserted;
        tally.seller_metrics += seller_metrics;
        tally.new_incoming += report.inserted.min(incoming.len() as u32);
        if let Some(last) = incoming.iter().max() {
            tally.last_incoming_at = Some(tally.last_incoming_at.map_or(*last, |t| t.max(*last)));
        }
        Ok(report)
    }
}

/// Runs a core call on the blocking pool (the core's calls wait on SQLite).
pub(crate) async fn blocking<T: Send + 'static>(
    core: &Arc<Mostrador>,
    work: impl FnOnce(&Mostrador) -> mostrador_core::Result<T> + Send + 'static,
) -> Result<T, ChannelError> {
    let core = Arc::clone(core);
    tokio::task::spawn_blocking(move || work(&core))
        .await
        .map_err(|e| ChannelError::Store(e.to_string()))?
        .map_err(ChannelError::from)
}
