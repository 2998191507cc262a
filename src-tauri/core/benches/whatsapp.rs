//! `cargo xtask bench`: parse and import a 100,000-line WhatsApp export (target < 2 s), next to
//! plain SQLite inserts of the same rows measured in the same run. Prints; asserts nothing.

use std::time::Instant;

use jiff::civil::DateTime;
use mostrador_core::Mostrador;
use mostrador_core::whatsapp::{ExportStyle, ParseOptions, WhatsAppImportOptions, parse_export};

const LINES: usize = 100_000;
const NOW: i64 = 1_790_000_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (export, messages) = export();
    let path = dir.path().join("WhatsApp Chat with Ana Gómez.txt");
    std::fs::write(&path, &export).expect("write export");
    println!(
        "WhatsApp import benchmark: {LINES} lines ({messages} messages, {:.1} MB), Android Spanish 12 h",
        export.len() as f64 / 1e6
    );

    let started = Instant::now();
    let parsed = parse_export(export.as_bytes(), &ParseOptions::default()).expect("parse");
    let parse = started.elapsed().as_secs_f64();
    assert_eq!(parsed.messages.len(), messages);

    let app = Mostrador::open(&dir.path().join("bench.sqlite3")).expect("open");
    let options = WhatsAppImportOptions {
        me: Some("Lucía".into()),
        time_zone: Some("America/Argentina/Cordoba".into()),
        ..WhatsAppImportOptions::default()
    };
    let started = Instant::now();
    let report = app.whatsapp_import(&path, &options, NOW).expect("import");
    let import = started.elapsed().as_secs_f64();
    assert_eq!(report.inserted as usize, messages);

    let started = Instant::now();
    let again = app.whatsapp_import(&path, &options, NOW).expect("re-import");
    let reimport = started.elapsed().as_secs_f64();
    assert_eq!(again.inserted, 0);

    let raw = raw_insert_seconds(&dir.path().join("raw.sqlite3"), &parsed.messages);
    println!("{:<56} {:>8.3} s", "parse only", parse);
    println!(
        "{:<56} {:>8.3} s   (target < 2 s: {})",
        "read + parse + import (one transaction through ingest)",
        import,
        if import < 2.0 { "met" } else { "MISSED" }
    );
    println!("{:<56} {:>8.3} s", "re-import of the same export (adds nothing)", reimport);
    println!(
        "{:<56} {:>8.3} s   (import is {:.1}× raw; ingest alone ≈ {:.0} messages/s)",
        "raw SQLite: plain INSERTs of the same messages",
        raw,
        import / raw,
        messages as f64 / (import - parse).max(1e-9)
    );
}

/// A two-person chat, about one message in five spanning two lines.
fn export() -> (String, usize) {
    let mut out = String::with_capacity(LINES * 80);
    let mut at = DateTime::constant(2024, 1, 2, 9, 0, 0, 0);
    let (mut lines, mut messages) = (0, 0);
    while lines < LINES {
        let buyer = messages % 3 != 2;
        let author = if buyer { "Ana Gómez" } else { "Lucía" };
        let text = if messages % 5 == 0 && lines + 2 <= LINES {
            lines += 2;
            format!("¿La taza {messages} viene en azul?\nY en verde también, gracias")
        } else {
            lines += 1;
            format!("Mensaje número {messages}, ¿hacés envíos a Córdoba?")
        };
        ExportStyle::AndroidEs12.message(at, author, &text, &mut out);
        messages += 1;
        at = at.checked_add(jiff::Span::new().minutes(7)).expect("time");
    }
    (out, messages)
}

/// The ceiling: plain INSERTs of the parsed rows into one table with a unique key, one transaction.
fn raw_insert_seconds(path: &std::path::Path, messages: &[mostrador_core::whatsapp::ChatMessage]) -> f64 {
    let mut db = rusqlite::Connection::open(path).expect("raw db");
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE TABLE m(id INTEGER PRIMARY KEY, external_id TEXT UNIQUE, author TEXT, text TEXT, sent_at INTEGER);",
    )
    .expect("raw schema");
    let started = Instant::now();
    let tx = db.transaction().expect("tx");
    {
        let mut insert = tx
            .prepare("INSERT INTO m(external_id, author, text, sent_at) VALUES (?1, ?2, ?3, ?4)")
            .expect("prepare");
        for (i, m) in messages.iter().enumerate() {
            insert.execute((format!("wa:{i}"), &m.author, &m.text, m.sent_at)).expect("insert");
        }
    }
    tx.commit().expect("commit");
    started.elapsed().as_secs_f64()
}
