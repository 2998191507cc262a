//! `backup`: a consistent copy of the database in a new file, taken while it may be in use.

use std::io::Write;
use std::path::Path;

use crate::database;
use crate::failure::Failure;

pub fn run(db: &Path, file: &Path, json: bool, out: &mut impl Write) -> Result<(), Failure> {
    // Checked before opening, so a refused backup leaves everything as it was.
    database::refuse_existing(file, "backup")?;
    database::check_folder_exists(file)?;
    let store = database::open_existing(db)?;
    store
        .backup_to(file)
        .map_err(|error| Failure::from_core(error, &format!("back up the database to {}", file.display())))?;

    if json {
        let report = serde_json::json!({
            "database": db.display().to_string(),
            "backup": file.display().to_string(),
        });
        writeln!(out, "{report}").map_err(Failure::from_stdout)
    } else {
        writeln!(out, "Backed up {} to {}.", db.display(), file.display()).map_err(Failure::from_stdout)
    }
}
