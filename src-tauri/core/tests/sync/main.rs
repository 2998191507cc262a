//! Live sync's core side on real SQLite files: committing channel batches, channel
//! orders, the outbox, accounts' sync status and what the composer may do.

mod fixtures;

mod accounts;
mod commit;
mod meta;
mod orders;
mod outbox;
mod properties;
mod send_capability;
