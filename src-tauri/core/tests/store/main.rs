//! The store, exercised through `Mostrador` on real SQLite files in temporary folders.
//! One test binary with a module per area (faster to build and link than one binary per file).

mod fixtures;

mod backup_and_export;
mod buyer_merge;
mod conversation;
mod inbox;
mod ingest;
mod metrics;
mod open;
mod order_threads;
mod ordering_properties;
mod search;
mod triage;
