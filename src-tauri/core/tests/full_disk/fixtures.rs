//! A shop in a temporary folder, batches big enough to outgrow the room left, and the checks every
//! scenario makes afterwards.

use std::path::{Path, PathBuf};

use mostrador_core::Mostrador;
use mostrador_core::accounts::NewAccount;
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus, UnixSeconds};
use tempfile::TempDir;

/// 2025-06-15 12:00 UTC.
pub const NOW: UnixSeconds = 1_750_000_000;
pub const DAY: i64 = 24 * 3600;

const DATABASE: &str = "mostrador.sqlite3";

pub struct Shop {
    pub dir: TempDir,
    pub app: Mostrador,
    pub account: i64,
}

pub fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join(DATABASE)).unwrap();
    let account = app
        .add_account(
            &NewAccount {
                channel: ChannelKind::MercadoLibre,
                display_name: "Taller".into(),
                external_id: None,
                settings: serde_json::json!({}),
            },
            NOW,
        )
        .unwrap();
    Shop { dir, app, account }
}

impl Shop {
    pub fn database(&self) -> PathBuf {
        self.dir.path().join(DATABASE)
    }

    /// The database and its WAL: the files every write grows.
    pub fn database_files(&self) -> [PathBuf; 2] {
        let database = self.database();
        let mut wal = database.clone().into_os_string();
        wal.push("-wal");
        [database, wal.into()]
    }

    /// The limit for "the next big write does not fit": `room` bytes past the database's files.
    pub fn leave_room(&self, room: u64) {
        let [database, wal] = self.database_files();
        crate::file_size_limit::leave_room(room, &[&database, &wal]);
    }
}

/// `count` buyers' questions of about a kilobyte each: several megabytes once indexed.
pub fn questions(account_id: i64, prefix: &str, count: usize) -> Vec<IngestMessage> {
    (0..count)
        .map(|i| IngestMessage {
            account_id,
            conversation: ConversationRef {
                external_ref: format!("{prefix}-{}", i / 4),
                kind: ConversationKind::Chat,
                subject: None,
            },
            buyer: BuyerIdentityInput {
                external_id: format!("{prefix}-buyer-{}", i / 4),
                display_name: format!("Compradora {i}"),
                handle: None,
                phone: None,
                email: None,
            },
            external_id: format!("{prefix}-m{i}"),
            direction: Direction::Incoming,
            author: format!("Compradora {i}"),
            text: format!("Hola, ¿tenés la taza número {i} en azul? ").repeat(24),
            sent_at: NOW - 3600 + i as i64,
            status: MessageStatus::Received,
            attachments: Vec::new(),
        })
        .collect()
}

/// SQLite's own check of every page and index of the file, from a connection of its own.
pub fn assert_sound(database: &Path) {
    let conn =
        rusqlite::Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");
}

/// Every file under `folder`, relative to it, sorted; the imports' empty lock file is not content.
pub fn files_under(folder: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if !path.ends_with(".staging.lock") {
                files.push(path.strip_prefix(folder).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files
}
