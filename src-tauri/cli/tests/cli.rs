//! Runs the built `mostrador-cli` binary against real SQLite files in temp folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mostrador_core::vocabulary::ChannelKind;
use serde_json::Value;
use tempfile::TempDir;

fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mostrador-cli"));
    // A developer's own MOSTRADOR_DB must never leak into a test.
    command.env_remove("MOSTRADOR_DB");
    command
}

fn run(db: &Path, args: &[&str]) -> Output {
    command().arg("--db").arg(db).args(args).output().expect("mostrador-cli runs")
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs a command that must succeed and returns its stdout.
fn succeed(db: &Path, args: &[&str]) -> String {
    let output = run(db, args);
    assert!(output.status.success(), "{args:?} failed: {}", stderr_of(&output));
    stdout_of(&output)
}

fn stats_json(db: &Path) -> Value {
    serde_json::from_str(&succeed(db, &["stats", "--json"])).expect("stats --json prints JSON")
}

fn demo_db(dir: &TempDir) -> PathBuf {
    let db = dir.path().join("shop.db");
    succeed(&db, &["demo"]);
    db
}

fn count(stats: &Value, field: &str) -> u64 {
    stats[field].as_u64().unwrap_or_else(|| panic!("stats has a numeric {field}: {stats}"))
}

/// The rows of one table in an export (`{"format": "mostrador-export", "tables": {name: [rows]}}`).
fn exported_rows(export: &Value, table: &str) -> usize {
    assert_eq!(export["format"], "mostrador-export");
    export["tables"][table].as_array().unwrap_or_else(|| panic!("the export has a `{table}` array")).len()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn init_creates_the_database_and_says_where_it_is() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("new.db");

    let first: Value = serde_json::from_str(&succeed(&db, &["init", "--json"])).unwrap();
    assert!(db.is_file(), "init created the file");
    assert_eq!(first["created"], true);
    let path = first["path"].as_str().unwrap();
    assert!(Path::new(path).is_absolute() && path.ends_with("new.db"), "{path}");

    let again = succeed(&db, &["init"]);
    assert!(again.contains("is ready"), "{again}");
    assert_eq!(count(&stats_json(&db), "conversations"), 0);
}

#[test]
fn demo_loads_a_shop_with_every_channel() {
    let dir = TempDir::new().unwrap();
    let stats = stats_json(&demo_db(&dir));

    assert!(count(&stats, "conversations") > 250, "{stats}");
    let per_channel = stats["per_channel"].as_array().expect("per_channel is an array");
    // The channels the sample shop sells on (Messenger, Telegram and hand-captured "other" have no
    // account in it); each must come with accounts, conversations and messages.
    let sold_on = [
        ChannelKind::MercadoLibre,
        ChannelKind::Etsy,
        ChannelKind::Instagram,
        ChannelKind::WhatsApp,
        ChannelKind::Email,
    ];
    for channel in sold_on {
        assert!(
            per_channel.iter().any(|row| row["channel"] == channel.as_str()),
            "{channel} is in per_channel: {stats}"
        );
    }
    for row in per_channel {
        for field in ["accounts", "conversations", "messages"] {
            assert!(count(row, field) > 0, "{field} in {row}");
        }
    }
}

#[test]
fn demo_refuses_a_database_that_already_has_data() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir);
    let before = stats_json(&db);

    let second = run(&db, &["demo"]);
    assert_eq!(second.status.code(), Some(1));
    assert!(stderr_of(&second).contains("already has"), "{}", stderr_of(&second));
    assert!(second.stdout.is_empty());
    assert_eq!(stats_json(&db), before, "nothing was added");
}

#[test]
fn stats_prints_a_table_for_people() {
    let dir = TempDir::new().unwrap();
    let table = succeed(&demo_db(&dir), &["stats"]);
    for word in ["conversations", "mercado_libre", "needs_reply", "orders"] {
        assert!(table.contains(word), "{word} in:\n{table}");
    }
}

#[test]
fn metrics_cover_the_sample_shop_as_a_table_and_as_json() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir);
    let table = succeed(&db, &["metrics"]);
    for word in ["conversations", "mercado_libre", "all", "median"] {
        assert!(table.contains(word), "{word} in:\n{table}");
    }
    let json: Value = serde_json::from_str(&succeed(&db, &["metrics", "--json"])).unwrap();
    let total = &json["total"];
    assert!(total["conversations"].as_u64().unwrap() > 100, "{total}");
    assert!(total["first_response_median"].as_i64().unwrap() > 0, "{total}");
    assert_eq!(json["months"].as_array().unwrap().len(), 4);
    assert_eq!(json["busiest"].as_array().unwrap().len(), 7 * 24);
}

#[test]
fn export_counts_match_stats_on_stdout_and_in_a_file() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir);
    let stats = stats_json(&db);

    let export: Value = serde_json::from_str(&succeed(&db, &["export"])).expect("export is valid JSON");
    for table in ["accounts", "buyers", "conversations", "messages", "orders"] {
        assert_eq!(exported_rows(&export, table) as u64, count(&stats, table), "{table}");
    }

    let file = dir.path().join("export.json");
    let report: Value =
        serde_json::from_str(&succeed(&db, &["export", "--out", file.to_str().unwrap(), "--json"])).unwrap();
    let written: Value = serde_json::from_slice(&fs::read(&file).unwrap()).expect("the file is valid JSON");
    assert_eq!(written, export);
    assert_eq!(report["bytes"].as_u64(), Some(fs::metadata(&file).unwrap().len()));
    assert_eq!(files_in(dir.path()).iter().filter(|name| name.ends_with(".partial")).count(), 0);
}

#[test]
fn export_refuses_to_overwrite_a_file() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir);
    let file = dir.path().join("precious.json");
    fs::write(&file, b"keep me").unwrap();
    let before = files_in(dir.path());

    let output = run(&db, &["export", "--out", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("already exists"), "{}", stderr_of(&output));
    assert_eq!(fs::read(&file).unwrap(), b"keep me");
    assert_eq!(files_in(dir.path()), before, "no temp file left behind");
}

#[test]
fn backup_is_a_copy_with_the_same_stats() {
    let dir = TempDir::new().unwrap();
    let db = demo_db(&dir);
    let copy = dir.path().join("copy.db");

    succeed(&db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(stats_json(&copy), stats_json(&db));

    let again = run(&db, &["backup", copy.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr_of(&again).contains("already exists"), "{}", stderr_of(&again));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let garbage = dir.path().join("notes.db");
    let bytes: Vec<u8> = b"shopping list: clay, glaze, wool\n".iter().copied().cycle().take(8192).collect();
    fs::write(&garbage, &bytes).unwrap();

    for args in [&["init"][..], &["stats"], &["demo"], &["export"], &["stats", "--json"]] {
        let output = run(&garbage, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = stderr_of(&output);
        assert!(stderr.contains("is not a Mostrador database"), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed nothing on stdout");
    }
    assert_eq!(fs::read(&garbage).unwrap(), bytes, "byte-identical afterwards");
    assert_eq!(files_in(dir.path()), ["notes.db"], "no side files either");
}

#[test]
fn read_only_commands_do_not_create_a_missing_database() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("typo.db");

    let output = run(&db, &["stats"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output).contains("There is no database"), "{}", stderr_of(&output));
    assert!(!db.exists());
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("env.db");
    let output = command().env("MOSTRADOR_DB", &db).arg("init").output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(db.is_file());
}

#[test]
fn a_missing_db_argument_is_a_usage_error() {
    let output = command().arg("stats").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--db"), "{}", stderr_of(&output));
}
