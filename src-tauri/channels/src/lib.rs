//! Mostrador's live channels: the Mercado Libre, Telegram, Instagram and Messenger connectors, the
//! per-account sync engine and the outbox that sends the seller's replies.
//!
//! Everything a channel says enters the core through `Mostrador::commit_sync` (data and cursors in
//! one transaction); replies leave through the core's outbox. Base URLs come from each account's
//! settings (`api_base`), so the simulator and production share one code path. No tauri here.

pub mod connect;
pub mod secrets;

mod email;
mod error;
mod http;
mod keys;
mod lenient;
mod mercado_libre;
mod meta;
mod sync;
mod telegram;

pub use error::{CHANNEL_ERROR_CODES, ChannelError};
pub use sync::{Engine, sync_once};

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The wall clock, in unix seconds. Passed in so tests and the shell's E2E clock decide the time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Where the engine reports what happened (the shell forwards it to the UI and notifications).
pub type EventSink = Arc<dyn Fn(SyncEvent) + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SyncEvent {
    /// Conversations, messages, orders or outbox rows of this account changed.
    StoreChanged { account_id: i64 },
    /// The account's sync status changed (ok, retrying, offline, needs reconnect…).
    StatusChanged { account_id: i64 },
    /// New messages from buyers arrived.
    NewIncoming { account_id: i64, count: u32 },
}

/// What one sync round did (the CLI prints it as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSummary {
    /// Messages the channel returned.
    pub fetched: u32,
    /// Messages stored for the first time.
    pub new: u32,
    /// Messages whose text or status changed.
    pub updated: u32,
    /// Replies sent from the outbox.
    pub sent: u32,
    /// Error codes and details, `"code: detail"`.
    pub errors: Vec<String>,
}
