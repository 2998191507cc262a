//! Opening the database named by `--db`, with messages that say what to do when it cannot be.

use std::path::Path;

use mostrador_core::Mostrador;

use crate::failure::Failure;

/// Opens a database that must already exist: commands that only read never create a file by accident.
pub fn open_existing(path: &Path) -> Result<Mostrador, Failure> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(is_a_folder(path)),
        Ok(_) => open(path),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(Failure::new(format!(
            "There is no database at {path}. Create one with `mostrador-cli --db {path} init`, or check the \
             --db path.",
            path = path.display()
        ))),
        Err(error) => Err(Failure::from_io(error, &format!("read {}", path.display()))),
    }
}

/// Opens the database, creating it first when the file does not exist. Returns whether it was created.
pub fn open_or_create(path: &Path) -> Result<(Mostrador, bool), Failure> {
    let created = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(is_a_folder(path)),
        Ok(_) => false,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            check_folder_exists(path)?;
            true
        }
        Err(error) => return Err(Failure::from_io(error, &format!("read {}", path.display()))),
    };
    Ok((open(path)?, created))
}

/// Refuses early, with a clear message, when the folder a new file would go into is missing.
pub fn check_folder_exists(file: &Path) -> Result<(), Failure> {
    let folder = folder_of(file);
    if folder.is_dir() {
        Ok(())
    } else {
        Err(Failure::new(format!(
            "The folder {} does not exist. Create it first, or choose a path in an existing folder.",
            folder.display()
        )))
    }
}

/// The folder a file is (or would be) in; a bare file name is in the current folder.
pub fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Refuses, before touching anything, when `file` is already there.
pub fn refuse_existing(file: &Path, what: &str) -> Result<(), Failure> {
    if std::fs::symlink_metadata(file).is_ok() {
        Err(Failure::new(format!(
            "The file {} already exists, and {what} never overwrites a file. Choose another path, or move the \
             existing file away first.",
            file.display()
        )))
    } else {
        Ok(())
    }
}

fn open(path: &Path) -> Result<Mostrador, Failure> {
    Mostrador::open(path)
        .map_err(|error| Failure::from_core(error, &format!("open the database at {}", path.display())))
}

fn is_a_folder(path: &Path) -> Failure {
    Failure::new(format!(
        "{} is a folder, not a database file. Pass the path of a database file with --db.",
        path.display()
    ))
}
