//! A full disk while the seller's data is written: ingest, a sync round, a WhatsApp import with its
//! media, an on-demand backup and the daily copy. Each must say `disk_full`, leave the database as
//! it was (and sound) with nothing half written beside it, and work again once there is room.
//!
//! The lack of room is real: a file-size limit on a child process (`file_size_limit`), which needs
//! no root and no mount, so it runs for any user on CI. A full disk inside SQLite's own page
//! allocation (SQLITE_FULL mid-statement) is covered by the store's unit tests, which can cap the
//! writer's `max_page_count`.

#![cfg(unix)]

mod file_size_limit;
mod fixtures;

mod backups;
mod ingest;
mod whatsapp_import;
