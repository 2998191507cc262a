//! The ceiling the sync benches compare against: the synced messages inserted plainly into SQLite.

use std::time::{Duration, Instant};

/// The ceiling: the same rows (read back from the synced database) inserted plainly into one table
/// with a unique key, same pragmas, one transaction.
pub fn raw_insert(synced: &std::path::Path, raw: &std::path::Path) -> Duration {
    let source = rusqlite::Connection::open(synced).expect("synced db");
    let rows: Vec<(String, i64, String, String, i64)> = source
        .prepare("SELECT external_id, conversation_id, author, text, sent_at FROM messages")
        .expect("select")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)))
        .expect("rows")
        .map(|row| row.expect("row"))
        .collect();
    let mut db = rusqlite::Connection::open(raw).expect("raw db");
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE TABLE m(id INTEGER PRIMARY KEY, account_id INTEGER, external_id TEXT, conversation INTEGER,
                        author TEXT, text TEXT, sent_at INTEGER, UNIQUE(account_id, external_id));",
    )
    .expect("raw schema");
    let started = Instant::now();
    let tx = db.transaction().expect("tx");
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO m(account_id, external_id, conversation, author, text, sent_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            )
            .expect("prepare");
        for row in &rows {
            insert.execute((&row.0, row.1, &row.2, &row.3, row.4)).expect("insert");
        }
    }
    tx.commit().expect("commit");
    started.elapsed()
}
