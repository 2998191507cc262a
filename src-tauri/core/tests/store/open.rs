//! Opening: new, reopened, too new, not a database.

use std::sync::Arc;

use mostrador_core::{Error, Mostrador, SCHEMA_VERSION};
use rusqlite::Connection;

use crate::fixtures::*;

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

fn backups(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".bak"))
        .collect()
}

#[test]
fn a_new_database_gets_the_whole_schema_and_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("mostrador.db");
    let app = Mostrador::open(&path).unwrap();
    assert_eq!(app.db_path(), path);
    assert!(app.is_empty().unwrap());
    drop(app);
    assert_eq!(user_version(&path), SCHEMA_VERSION);

    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let applied: i64 = conn.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0)).unwrap();
    assert_eq!(applied, SCHEMA_VERSION);
}

#[test]
fn reopening_changes_nothing() {
    let shop = shop();
    shop.app.ingest(&[incoming(shop.account, "ana", "m1", NOW - HOUR, "Hola")], NOW).unwrap();
    let before = shop.app.stats().unwrap();
    let path = shop.app.db_path().to_path_buf();
    drop(shop.app);

    let app = Mostrador::open(&path).unwrap();
    assert_eq!(app.stats().unwrap(), before);
    assert!(!app.is_empty().unwrap());
    assert!(backups(shop.dir.path()).is_empty(), "no upgrade, so no backup");
    let applied: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied, SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let shop = shop();
    let path = shop.app.db_path().to_path_buf();
    drop(shop.app);
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let err = Mostrador::open(&path).expect_err("refused");
    assert!(
        matches!(err, Error::DatabaseTooNew { found, supported } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert_eq!(err.code(), "database_too_new");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file is byte for byte the same");
    assert!(backups(shop.dir.path()).is_empty());
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        ("notes.db", b"Lista de precios: taza 4500, mate 7000\n".repeat(20)),
        ("short.db", b"SQLite".to_vec()),
        ("fake.db", [b"SQLite format 3\0".as_slice(), &[0xff; 200]].concat()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &content).unwrap();
        let err = Mostrador::open(&path).expect_err("refused");
        assert!(matches!(err, Error::NotADatabase { .. }), "{name}: {err:?}");
        assert_eq!(err.code(), "not_a_database");
        assert_eq!(std::fs::read(&path).unwrap(), content, "{name} untouched");
    }
}

#[test]
fn an_empty_file_becomes_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mostrador.db");
    std::fs::write(&path, b"").unwrap();
    let app = Mostrador::open(&path).unwrap();
    assert!(app.is_empty().unwrap());
}

#[test]
fn readers_and_the_writer_work_at_the_same_time() {
    fn shared<T: Send + Sync>(_: &T) {}
    let shop = shop();
    shared(&shop.app);
    let app = Arc::new(shop.app);
    let account = shop.account;

    let readers: Vec<_> = (0..6)
        .map(|_| {
            let app = Arc::clone(&app);
            std::thread::spawn(move || {
                for _ in 0..30 {
                    let page = app.inbox(&Default::default(), NOW).unwrap();
                    assert_eq!(page.total as usize, page.rows.len());
                }
            })
        })
        .collect();
    for n in 0..30 {
        let conversation = format!("c{}", n % 7);
        app.ingest(&[incoming(account, &conversation, &format!("m{n}"), NOW - 1000 + n, "hola")], NOW)
            .unwrap();
    }
    for reader in readers {
        reader.join().unwrap();
    }
    assert_eq!(app.stats().unwrap().messages, 30);
    assert_eq!(app.stats().unwrap().conversations, 7);
}
