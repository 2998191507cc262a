//! The daily copies the app keeps as the settings screen lists them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::UnixSeconds;

/// A copy of the database the app made by itself (`backups/daily.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    pub taken_at: UnixSeconds,
    pub size_bytes: u64,
}
