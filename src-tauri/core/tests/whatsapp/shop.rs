//! A shop on a real SQLite file in a temporary folder, for the import tests; each test module adds
//! the helpers it needs in its own `impl Shop`.

use std::path::PathBuf;

use mostrador_core::Mostrador;
use tempfile::TempDir;

pub const NOW: i64 = 1_750_000_000;

pub struct Shop {
    pub dir: TempDir,
    pub app: Mostrador,
}

pub fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.sqlite3")).unwrap();
    Shop { dir, app }
}

impl Shop {
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("mostrador.sqlite3")
    }
}
