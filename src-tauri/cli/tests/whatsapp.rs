//! `mostrador-cli import whatsapp`: the real binary on the committed export fixtures.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/whatsapp").join(name)
}

const CAROLINA: &str = "WhatsApp Chat with Carolina Paz.txt";
const BEATRIZ: &str = "WhatsApp Chat - Beatriz Santos.zip";

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mostrador-cli"))
        .env_remove("MOSTRADOR_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("mostrador-cli runs")
}

fn import(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", "whatsapp", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(db, &args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn messages(db: &Path) -> u64 {
    let stats: Value = serde_json::from_slice(&run(db, &["stats", "--json"]).stdout).unwrap();
    stats["messages"].as_u64().unwrap()
}

#[test]
fn without_me_it_lists_the_authors_and_asks_for_me() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let output = import(&db, &fixture(CAROLINA), &["--tz", "America/Argentina/Cordoba"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("Carolina Paz") && stdout.contains("Taller Lucía"), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("--me"), "{stderr}");
    assert_eq!(messages(&db), 0);
}

#[test]
fn imports_once_and_a_second_time_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let args = ["--me", "Taller Lucía", "--tz", "America/Argentina/Cordoba", "--json"];
    let output = import(&db, &fixture(CAROLINA), &args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let first: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(first["report"]["inserted"], 7);
    assert_eq!(first["preview"]["date_order"]["used"], "day_first");
    assert_eq!(first["preview"]["first_messages"][0]["author"], "Carolina Paz");
    // 12/03/2025 09:11 a. m. in Córdoba = 12:11 UTC.
    assert_eq!(first["preview"]["first_messages"][0]["sent_at"], 1_741_781_460);

    let again: Value = serde_json::from_slice(&import(&db, &fixture(CAROLINA), &args).stdout).unwrap();
    assert_eq!(again["report"]["inserted"], 0);
    assert_eq!(again["preview"]["already_imported"], 7);
    assert_eq!(messages(&db), 7);
}

#[test]
fn a_zip_with_media_and_me_remembered_from_the_first_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    assert!(import(&db, &fixture(CAROLINA), &["--me", "Taller Lucía"]).status.success());
    // Same account, same seller: no --me needed now.
    let output = import(&db, &fixture(BEATRIZ), &["--tz", "America/Sao_Paulo"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("5 new message(s)") && stdout.contains("1 media file(s) kept"), "{stdout}");
    assert!(dir.path().join("media/whatsapp/1").is_dir());
}

#[test]
fn dry_run_and_date_order_override_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let output = import(&db, &fixture(CAROLINA), &["--dry-run", "--month-first"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("using month/day as asked"), "{stdout}");
    assert!(stdout.contains("Nothing was written"), "{stdout}");
    // 13/03 cannot be month first: those lines are reported, not misdated.
    assert!(stdout.contains("Unreadable lines: 2"), "{stdout}");
    assert_eq!(messages(&db), 0);
}

#[test]
fn not_an_export_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.sqlite3");
    let garbage = dir.path().join("lista.txt");
    std::fs::write(&garbage, "Lista de precios\nTaza 15000\n").unwrap();
    let output = import(&db, &garbage, &["--me", "Yo"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("not a WhatsApp chat export"), "{}", text(&output.stderr));
    let conflicting = import(&db, &fixture(CAROLINA), &["--day-first", "--month-first"]);
    assert_eq!(conflicting.status.code(), Some(2));
}
