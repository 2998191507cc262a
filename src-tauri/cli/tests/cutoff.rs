//! `mostrador-cli cutoff …` against the sample shop (loaded at the real "now", so the tests check
//! relations between dates rather than fixed ones) and against a calendar set up through the core.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use mostrador_core::Mostrador;
use mostrador_core::cutoff::{CalendarSettings, MethodDays, ProductProfile, SeasonalDeadline, WorkingDay};
use serde_json::Value;
use tempfile::TempDir;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mostrador-cli"))
        .env_remove("MOSTRADOR_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("mostrador-cli runs")
}

fn succeed(db: &Path, args: &[&str]) -> String {
    let output = run(db, args);
    assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn fail(db: &Path, args: &[&str]) -> String {
    let output = run(db, args);
    assert_eq!(output.status.code(), Some(1), "{args:?} should fail");
    assert!(output.stdout.is_empty());
    String::from_utf8(output.stderr).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&succeed(db, args)).unwrap()
}

fn demo(dir: &TempDir) -> PathBuf {
    let db = dir.path().join("shop.db");
    succeed(&db, &["demo"]);
    db
}

/// A shop in Buenos Aires, Monday–Friday, cut-off 18:00, 6 pieces a day, one product, Christmas.
fn plain_shop(dir: &TempDir) -> PathBuf {
    let db = dir.path().join("plain.db");
    let app = Mostrador::open(&db).unwrap();
    app.save_calendar_settings(&CalendarSettings {
        time_zone: Some("America/Argentina/Buenos_Aires".into()),
        cutoff_time: "18:00".into(),
        cutoff_day_counts: true,
        working_days: (1..=5).map(|weekday| WorkingDay { weekday, open: None, close: None }).collect(),
        pieces_per_day: Some(6),
        default_min_days: 1,
        default_max_days: 3,
    })
    .unwrap();
    app.apply_holiday_preset("AR", 2026).unwrap();
    let keyring = ProductProfile {
        id: None,
        name: "Llavero tejido".into(),
        category: String::new(),
        ready_to_ship: false,
        min_days: 1,
        max_days: 3,
        pieces_per_unit: 1,
    };
    app.save_product(&keyring, 0).unwrap();
    let methods = vec![MethodDays { method: "Correo Argentino".into(), days: 7 }];
    let christmas =
        SeasonalDeadline { id: None, name: "Navidad".into(), event_date: "2099-12-25".into(), methods };
    app.save_seasonal_deadline(&christmas, 0).unwrap();
    db
}

#[test]
fn promise_prints_dates_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_shop(&dir);
    // Friday 13 February 2026 after the cut-off, before Carnival.
    let at = "2026-02-13T18:30:00-03:00";
    let text = succeed(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "15", "--at", at]);
    assert!(text.contains("15 × Llavero tejido"), "{text}");
    assert!(text.contains("starts on      2026-02-18"), "{text}");
    let promise =
        json(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "15", "--at", at, "--json"]);
    // Wednesday 6, Thursday 6, Friday 3: ships Monday 23; at most 3 days: Monday too.
    assert_eq!(promise["product"], "Llavero tejido");
    assert_eq!(promise["pieces"], 15);
    assert_eq!(promise["made_by"], "2026-02-20");
    assert_eq!(
        (promise["ship_earliest"].as_str(), promise["ship_latest"].as_str()),
        (Some("2026-02-23"), Some("2026-02-23"))
    );

    let answer = json(
        &db,
        &["cutoff", "promise", "--product", "llavero", "--qty", "15", "--due", "2000-01-03", "--json"],
    );
    assert_eq!(answer["feasible"], false);
    assert_eq!(answer["fits_by_due"], 0);
    let no =
        succeed(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "15", "--due", "2000-01-03"]);
    assert!(no.starts_with("No: 15 × Llavero tejido cannot ship by 2000-01-03. Earliest: "), "{no}");
    let yes =
        succeed(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "2", "--due", "2099-01-01"]);
    assert!(yes.starts_with("Yes: 2 × Llavero tejido ship by 2099-01-01"), "{yes}");
}

#[test]
fn deadline_and_calendar_read_the_shop() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_shop(&dir);
    let deadline = json(&db, &["cutoff", "deadline", "--event", "navidad", "--json"]);
    assert_eq!(deadline["name"], "Navidad");
    let correo = &deadline["methods"][0];
    // 2099-12-25 is a Friday: leave by Friday the 18th, 3 days of work: order by Tuesday the 15th.
    assert_eq!(
        (correo["ship_by"].as_str(), correo["order_by"].as_str()),
        (Some("2099-12-18"), Some("2099-12-15"))
    );
    let text = succeed(&db, &["cutoff", "deadline", "--event", "Navidad"]);
    assert!(text.contains("Correo Argentino") && text.contains("order by 2099-12-15 before 18:00"), "{text}");

    let days = json(&db, &["cutoff", "calendar", "--from", "2026-03-23", "--to", "2026-03-29", "--json"]);
    let days = days.as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[1]["closed"]["reason"], "Día Nacional de la Memoria por la Verdad y la Justicia");
    let text = succeed(&db, &["cutoff", "calendar", "--from", "2026-03-23", "--to", "2026-03-29"]);
    assert!(text.contains("2026-03-24 Tue  closed: Día Nacional de la Memoria"), "{text}");
    assert!(text.contains("2026-03-28 Sat  closed"), "{text}");
}

#[test]
fn the_sample_shop_answers_the_fifteen_keyrings() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir);
    let answer = json(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "15", "--json"]);
    assert_eq!(answer["product"], "Amigurumi mini llavero (8 cm)");
    assert!(answer["starts_on"].as_str().unwrap() < answer["ship_earliest"].as_str().unwrap());
    let deadline = json(&db, &["cutoff", "deadline", "--event", "enamorados", "--json"]);
    assert_eq!(deadline["methods"].as_array().unwrap().len(), 3);
    let today = jiff::ZonedDateTime::now().date();
    let later = today.checked_add(jiff::Span::new().days(89)).unwrap();
    let days = json(
        &db,
        &["cutoff", "calendar", "--from", &today.to_string(), "--to", &later.to_string(), "--json"],
    );
    assert_eq!(days.as_array().unwrap().len(), 90);
}

#[test]
fn mistakes_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_shop(&dir);
    let error = fail(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "2", "--at", "mañana"]);
    assert!(error.contains("is not an RFC 3339 time"), "{error}");
    let error = fail(&db, &["cutoff", "promise", "--product", "taza", "--qty", "2"]);
    assert!(error.contains("product \"taza\" was not found"), "{error}");
    let error = fail(&db, &["cutoff", "promise", "--product", "llavero", "--qty", "0"]);
    assert!(error.contains("quantity must be between 1 and 100000"), "{error}");
    let error = fail(&db, &["cutoff", "deadline", "--event", "pascua"]);
    assert!(error.contains("no upcoming seasonal deadline called \"pascua\". Upcoming: Navidad."), "{error}");
    let error = fail(&db, &["cutoff", "calendar", "--from", "2026-03-10", "--to", "2026-03-01"]);
    assert!(error.contains("must go forward"), "{error}");
    let error = fail(&db, &["cutoff", "calendar", "--from", "10/03/2026", "--to", "2026-03-01"]);
    assert!(error.contains("is not a date (YYYY-MM-DD)"), "{error}");
    let error = fail(
        &dir.path().join("missing.db"),
        &["cutoff", "calendar", "--from", "2026-03-01", "--to", "2026-03-02"],
    );
    assert!(error.contains("There is no database at"), "{error}");
}
