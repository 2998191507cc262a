//! Copies of the seller's data: a consistent copy of the database on demand, the daily copies the
//! app keeps by itself (`daily`), and the full export of every table as one JSON document
//! (`export`). None of them ever holds a secret: the store keeps none.

pub mod daily;
mod export;
mod types;

pub use types::*;

use std::path::Path;

use crate::{Mostrador, Result, store};

impl Mostrador {
    /// Consistent copy via the online backup API; never overwrites an existing file
    /// (Error::InvalidInput). The copy opens with [`Mostrador::open`]. It is written under
    /// `<dest>.partial` and named `dest` only when complete, so a failure (a full disk:
    /// Error::DiskFull) leaves nothing behind and the live database is only read.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.read(|tx| store::copy_database(tx, dest))
    }

    /// Full export of every table's user data as one JSON document (never secrets), from one
    /// consistent snapshot.
    pub fn export_json(&self, out: &mut dyn std::io::Write) -> Result<()> {
        self.read(|tx| export::export(tx, out))
    }
}
