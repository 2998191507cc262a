//! What the CLI says when something goes wrong: one sentence saying what happened and what to do.

use std::fmt;
use std::io;
use std::path::Path;

use mostrador_core::Error;

#[derive(Debug)]
pub enum Failure {
    /// A complete sentence for stderr.
    Message(String),
    /// The reader of stdout went away (a closed pipe); not worth an error message.
    StdoutClosed,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure::Message(message.into())
    }

    /// A failed write to stdout.
    pub fn from_stdout(error: io::Error) -> Failure {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::StdoutClosed
        } else {
            Failure::new(format!("Could not write to standard output: {error}."))
        }
    }

    /// A core error met while `doing` something ("open the database at …"), in words a user can act on.
    pub fn from_core(error: Error, doing: &str) -> Failure {
        match &error {
            Error::NotADatabase { path } => not_a_database(path),
            Error::DatabaseTooNew { .. } => Failure::new(sentence(&error.to_string())),
            Error::PreMigrationBackup(reason) => Failure::new(format!(
                "Could not {doing}: the safety copy made before upgrading the database failed ({reason}), \
                 so the database was not upgraded. Check the free disk space and the folder's permissions, \
                 then try again."
            )),
            Error::Io(io) if io.kind() == io::ErrorKind::BrokenPipe => Failure::StdoutClosed,
            Error::DiskFull(_) => Failure::new(format!(
                "Could not {doing} because the disk is full. Free some space and try again."
            )),
            _ => Failure::new(format!("Could not {doing}: {}.", trim_period(&error.to_string()))),
        }
    }

    /// A file-system error met while `doing` something.
    pub fn from_io(error: io::Error, doing: &str) -> Failure {
        if mostrador_core::error::is_no_room(&error) {
            Failure::new(format!(
                "Could not {doing} because the disk is full. Free some space and try again."
            ))
        } else {
            Failure::new(format!("Could not {doing}: {error}."))
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Message(message) => f.write_str(message),
            Failure::StdoutClosed => f.write_str("standard output was closed"),
        }
    }
}

fn not_a_database(path: &Path) -> Failure {
    Failure::new(format!(
        "The file {} is not a Mostrador database (it is another kind of file, or it is damaged); it was \
         left untouched. Check the --db path.",
        path.display()
    ))
}

/// The core's messages are lower-case clauses; on their own they read better as a sentence.
fn sentence(clause: &str) -> String {
    let mut chars = clause.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    format!("{first}{}.", trim_period(chars.as_str()))
}

fn trim_period(text: &str) -> &str {
    text.trim_end_matches('.')
}
