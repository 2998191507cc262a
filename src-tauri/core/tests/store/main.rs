//! The store, exercised through `Mostrador` on real SQLite files in temporary folders.
//! One test binary with a module per area (faster to build and link than one binary per file).

mod fixtures;

mod backup_and_export;
mod conversation;
mod inbox;
mod ingest;
mod open;
mod ordering_properties;
mod search;
