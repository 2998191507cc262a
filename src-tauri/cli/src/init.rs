//! `init`: create the database or bring it up to date, and say where it is.

use std::io::Write;
use std::path::Path;

use crate::database;
use crate::failure::Failure;

pub fn run(db: &Path, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    let (store, created) = database::open_or_create(db)?;
    // The absolute path, so the answer is useful from any folder.
    let location = std::fs::canonicalize(store.db_path()).unwrap_or_else(|_| store.db_path().to_path_buf());

    if json {
        let report = serde_json::json!({ "path": location.display().to_string(), "created": created });
        writeln!(out, "{report}").map_err(Failure::from_stdout)
    } else if created {
        writeln!(out, "Created a new Mostrador database at {}.", location.display())
            .map_err(Failure::from_stdout)
    } else {
        writeln!(out, "The Mostrador database at {} is ready and up to date.", location.display())
            .map_err(Failure::from_stdout)
    }
}
