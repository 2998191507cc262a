//! `export`: every table's user data as one JSON document, to stdout or to a new file.

use std::io::{BufWriter, Write};
use std::path::Path;

use mostrador_core::Mostrador;

use crate::database;
use crate::failure::Failure;

pub fn run(db: &Path, out_path: Option<&Path>, json: bool, stdout: &mut impl Write) -> Result<(), Failure> {
    match out_path {
        None => {
            let store = database::open_existing(db)?;
            let mut writer = BufWriter::new(&mut *stdout);
            store
                .export_json(&mut writer)
                .map_err(|error| Failure::from_core(error, "export the database"))?;
            writer.flush().map_err(Failure::from_stdout)
        }
        Some(path) => {
            // Checked before opening, so a refused export leaves everything as it was.
            database::refuse_existing(path, "export")?;
            database::check_folder_exists(path)?;
            let store = database::open_existing(db)?;
            let bytes = export_to_file(&store, path)?;
            if json {
                let report = serde_json::json!({ "path": path.display().to_string(), "bytes": bytes });
                writeln!(stdout, "{report}").map_err(Failure::from_stdout)
            } else {
                writeln!(stdout, "Exported {} to {} ({bytes} bytes).", db.display(), path.display())
                    .map_err(Failure::from_stdout)
            }
        }
    }
}

/// Writes to a temp file in the target's folder and renames it into place only once it is complete and
/// on disk, so nobody ever finds a half-written export (the temp file is deleted if anything fails).
/// The file keeps the temp file's owner-only permissions: it holds buyers' names and messages.
fn export_to_file(store: &Mostrador, path: &Path) -> Result<u64, Failure> {
    let folder = database::folder_of(path);
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let writing = format!("write the export to {}", path.display());

    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(|error| Failure::from_io(error, &writing))?;
    {
        let mut writer = BufWriter::new(temp.as_file_mut());
        store.export_json(&mut writer).map_err(|error| Failure::from_core(error, "export the database"))?;
        writer.flush().map_err(|error| Failure::from_io(error, &writing))?;
    }
    temp.as_file().sync_all().map_err(|error| Failure::from_io(error, &writing))?;
    let bytes = temp.as_file().metadata().map_err(|error| Failure::from_io(error, &writing))?.len();

    // No-clobber rename: a file that appeared at `path` meanwhile is still never overwritten.
    temp.persist_noclobber(path).map_err(|persist| {
        if persist.error.kind() == std::io::ErrorKind::AlreadyExists {
            database::refuse_existing(path, "export")
                .err()
                .unwrap_or_else(|| Failure::from_io(persist.error, &writing))
        } else {
            Failure::from_io(persist.error, &writing)
        }
    })?;
    Ok(bytes)
}
