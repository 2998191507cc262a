//! Forward-only schema migrations, embedded in the binary.
//!
//! Each numbered file in `migrations/` runs once, in its own transaction, and bumps
//! `PRAGMA user_version` to its number. `schema_migrations` keeps each applied file's checksum: a build
//! whose copy of an applied migration differs refuses the database (as Zed's sqlez does), because the
//! schema on disk would not be the one its code expects. An existing database is copied to
//! `<file>.before-v<N>.bak` before it is migrated.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use super::backup::copy_database;
use super::connection::{map_open_error, not_a_database};
use crate::{Error, Result};

pub(crate) struct Migration {
    pub(crate) version: i64,
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/", $name, ".sql")),
        }
    };
}

/// Append only. Never edit a file once it has shipped: add a new one.
pub(crate) const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_inbox"),
    migration!(2, "0002_shop_calendar"),
    migration!(3, "0003_orders"),
    migration!(4, "0004_saved_answers"),
    migration!(5, "0005_sync"),
    migration!(6, "0006_triage"),
    migration!(7, "0007_cutoff"),
    migration!(8, "0008_order_threads"),
    migration!(9, "0009_answers"),
    migration!(10, "0010_sync_engine"),
    // "Not the same person" merge dismissals.
    migration!(11, "0011_merge_dismissals"),
    // Index for the tab counts, search index tuning.
    migration!(12, "0012_inbox_speed"),
    // New buyers indexed for search once per batch.
    migration!(13, "0013_buyer_search_batch"),
    // Status counted by its writers, pack orders joined per batch, one index less.
    migration!(14, "0014_ingest_speed"),
    // Instagram and Messenger: comment conversations, private replies, reactions, short histories.
    migration!(15, "0015_meta_channels"),
    // E-mail: mail left out as not from a buyer, and the seller's marks on senders.
    migration!(16, "0016_mail"),
    // Files sent with a reply (a saved answer's attachments on a mail reply).
    migration!(17, "0017_reply_files"),
    // Mercado Libre's reputation, open claims and visits per month, for the metrics screen.
    migration!(18, "0018_seller_metrics"),
];

pub(crate) const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// FNV-1a 64 of the text with carriage returns dropped, so a checkout with CRLF line endings gives
/// the same sum.
pub(crate) fn checksum(sql: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in sql.bytes().filter(|&b| b != b'\r') {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Reads the schema version and refuses what this build must not touch: a newer schema, a SQLite
/// file that belongs to something else, or changed migrations. Writes nothing.
pub(crate) fn check(conn: &Connection, path: &Path, existed: bool) -> Result<i64> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| map_open_error(path, e))?;
    if version > LATEST_VERSION {
        return Err(Error::DatabaseTooNew { found: version, supported: LATEST_VERSION });
    }
    if version == 0 && existed {
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
        if objects > 0 {
            return Err(not_a_database(path));
        }
    }
    if version > 0 {
        verify_applied(conn, version)?;
    }
    Ok(version)
}

fn verify_applied(conn: &Connection, version: i64) -> Result<()> {
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migrations")?;
    let applied = stmt
        .query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
        if applied.get(&migration.version) != Some(&checksum(migration.sql)) {
            return Err(Error::MigrationChanged { version: migration.version });
        }
    }
    Ok(())
}

/// Applies every migration newer than `version`, backing the file up first when it already holds
/// data.
pub(crate) fn apply_pending(conn: &mut Connection, path: &Path, version: i64) -> Result<()> {
    if version >= LATEST_VERSION {
        return Ok(());
    }
    if version > 0 {
        let dest = backup_path(path, LATEST_VERSION);
        copy_database(conn, &dest).map_err(|e| Error::PreMigrationBackup(e.to_string()))?;
    }
    migrate_to(conn, LATEST_VERSION)
}

/// Applies pending migrations up to `target`, each in its own transaction.
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    for migration in MIGRATIONS.iter().filter(|m| m.version <= target) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let current: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if current >= migration.version {
            continue;
        }
        tx.execute_batch(migration.sql)?;
        // applied_at is bookkeeping for people reading the file, not domain logic, so SQLite's clock
        // is fine here.
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, unixepoch())",
            (migration.version, migration.name, checksum(migration.sql)),
        )?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
    }
    Ok(())
}

/// `<file name>.before-v<N>.bak` beside the database; an earlier backup of the same name (from an
/// upgrade that failed half-way) is kept and the new one gets a number.
pub(crate) fn backup_path(db: &Path, target: i64) -> PathBuf {
    let name =
        db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "mostrador.db".into());
    let first = db.with_file_name(format!("{name}.before-v{target}.bak"));
    if !first.exists() {
        return first;
    }
    (1..)
        .map(|n| db.with_file_name(format!("{name}.before-v{target}.{n}.bak")))
        .find(|p| !p.exists())
        .expect("some numbered name is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::connection::{check_existing_file, configure_writer, open_writer};

    fn user_version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap()
    }

    /// Builds a database the way an older build left it: migrations up to `version` only.
    fn database_at(path: &Path, version: i64) {
        let mut conn = open_writer(path).unwrap();
        configure_writer(&conn).unwrap();
        migrate_to(&mut conn, version).unwrap();
        conn.execute(
            "INSERT INTO accounts (channel, display_name, created_at) VALUES ('etsy', 'Old shop', 1)",
            [],
        )
        .unwrap();
    }

    #[test]
    fn migrations_are_numbered_in_order_and_named_after_their_files() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1);
            assert!(migration.name.starts_with(&format!("{:04}_", migration.version)));
            assert!(!migration.sql.trim().is_empty());
        }
        let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap().count();
        assert_eq!(files, MIGRATIONS.len(), "every file in migrations/ is listed in MIGRATIONS");
    }

    #[test]
    fn checksum_is_stable_and_ignores_carriage_returns() {
        assert_eq!(checksum(""), "cbf29ce484222325");
        assert_eq!(checksum("a"), "af63dc4c8601ec8c");
        assert_eq!(checksum("CREATE TABLE t (x);\r\n"), checksum("CREATE TABLE t (x);\n"));
        assert_ne!(checksum("CREATE TABLE t (x);"), checksum("CREATE TABLE t (y);"));
    }

    #[test]
    fn an_old_database_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        database_at(&path, 1);

        let store = crate::store::Store::open(&path).unwrap();
        let backup = dir.path().join(format!("shop.db.before-v{LATEST_VERSION}.bak"));
        assert!(backup.exists());

        let old = Connection::open(&backup).unwrap();
        assert_eq!(user_version(&old), 1);
        let accounts: i64 = old.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0)).unwrap();
        assert_eq!(accounts, 1);

        let version = store.read(|tx| Ok(user_version(tx))).unwrap();
        assert_eq!(version, LATEST_VERSION);
        let kept: i64 =
            store.read(|tx| Ok(tx.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?)).unwrap();
        assert_eq!(kept, 1);
        let recorded: i64 = store
            .read(|tx| Ok(tx.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(recorded, LATEST_VERSION);
    }

    #[test]
    fn comments_become_a_kind_of_conversation_without_touching_stored_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        database_at(&path, 14);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO buyers (display_name, created_at, updated_at) VALUES ('Caro', 1, 1);
             INSERT INTO conversations (account_id, buyer_id, external_ref, kind, created_at, updated_at)
             VALUES (1, 1, 'chat:1', 'chat', 1, 1);",
        )
        .unwrap();
        let refused = conn.execute(
            "INSERT INTO conversations (account_id, buyer_id, external_ref, kind, created_at, updated_at)
             VALUES (1, 1, 'comment:1', 'comment', 1, 1)",
            [],
        );
        assert!(refused.is_err(), "version 14 knows no comments");
        drop(conn);

        let store = crate::store::Store::open(&path).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO conversations (account_id, buyer_id, external_ref, kind, created_at, updated_at)
                     VALUES (1, 1, 'comment:1', 'comment', 1, 1)",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        let bogus = store.write(|tx| {
            tx.execute(
                "INSERT INTO conversations (account_id, buyer_id, external_ref, kind, created_at, updated_at)
                 VALUES (1, 1, 'x:1', 'bogus', 1, 1)",
                [],
            )?;
            Ok(())
        });
        assert!(bogus.is_err(), "the list is widened, not dropped");
        let (kinds, check): (String, String) = store
            .read(|tx| {
                let kinds = tx.query_row(
                    "SELECT group_concat(kind, ',') FROM (SELECT kind FROM conversations ORDER BY id)",
                    [],
                    |r| r.get(0),
                )?;
                Ok((kinds, tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
            })
            .unwrap();
        assert_eq!((kinds.as_str(), check.as_str()), ("chat,comment", "ok"));
    }

    #[test]
    fn an_account_from_before_seller_metrics_takes_them_and_drops_them_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        database_at(&path, 17);
        let store = crate::store::Store::open(&path).unwrap();
        let read = crate::metrics::SellerMetricsRead {
            open_claims: Some(1),
            visits: vec![crate::metrics::MonthVisits { month: "2026-05".into(), visits: 80 }],
            ..Default::default()
        };
        store.write(|tx| crate::metrics::seller::record(tx, 1, &read, 10)).unwrap();
        let (claims, visits): (i64, i64) = store
            .read(|tx| {
                Ok(tx.query_row(
                    "SELECT r.open_claims, v.visits FROM seller_reputation r
                       JOIN listing_visits_by_month v ON v.account_id = r.account_id WHERE r.account_id = 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?)
            })
            .unwrap();
        assert_eq!((claims, visits), (1, 80));
        store.write(|tx| Ok(tx.execute("DELETE FROM accounts WHERE id = 1", [])?)).unwrap();
        let left: i64 = store
            .read(|tx| Ok(tx.query_row("SELECT count(*) FROM listing_visits_by_month", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(left, 0);
    }

    #[test]
    fn an_earlier_backup_of_the_same_upgrade_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        database_at(&path, 2);
        let first = dir.path().join(format!("shop.db.before-v{LATEST_VERSION}.bak"));
        std::fs::write(&first, b"an earlier backup").unwrap();

        crate::store::Store::open(&path).unwrap();
        assert_eq!(std::fs::read(&first).unwrap(), b"an earlier backup");
        assert!(dir.path().join(format!("shop.db.before-v{LATEST_VERSION}.1.bak")).exists());
    }

    #[test]
    fn a_new_or_current_database_is_not_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        drop(crate::store::Store::open(&path).unwrap());
        drop(crate::store::Store::open(&path).unwrap());
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".bak"))
            .collect();
        assert!(files.is_empty(), "{files:?}");
    }

    #[test]
    fn a_changed_migration_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.db");
        drop(crate::store::Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute("UPDATE schema_migrations SET checksum = '0000000000000000' WHERE version = 2", [])
            .unwrap();
        drop(conn);

        let err = crate::store::Store::open(&path).err().expect("refused");
        assert!(matches!(err, Error::MigrationChanged { version: 2 }), "{err:?}");
    }

    #[test]
    fn a_sqlite_file_of_another_program_is_not_a_mostrador_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT)").unwrap();
        drop(conn);
        assert!(check_existing_file(&path).unwrap());

        let err = crate::store::Store::open(&path).err().expect("refused");
        assert_eq!(err.code(), "not_a_database");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn), 0);
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 1, "nothing was added to it");
    }

    #[test]
    fn backup_paths_sit_beside_the_database() {
        let path = Path::new("/data/mostrador.db");
        assert_eq!(backup_path(path, 7), Path::new("/data/mostrador.db.before-v7.bak"));
    }
}
