//! Reading and saving the calendar, and the errors a seller can run into.

use mostrador_core::Mostrador;
use mostrador_core::cutoff::{
    CalendarSettings, ClosedDate, ClosedDayKind, MethodDays, ProductProfile, SeasonalDeadline, WorkingDay,
};
use mostrador_core::vocabulary::UnixSeconds;

/// Monday 2026-03-02 10:00 in Buenos Aires.
const NOW: UnixSeconds = 1_772_456_400;

fn shop() -> (tempfile::TempDir, Mostrador) {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.db")).unwrap();
    (dir, app)
}

fn week(hours: Option<(&str, &str)>) -> Vec<WorkingDay> {
    (1..=5)
        .map(|weekday| WorkingDay {
            weekday,
            open: hours.map(|h| h.0.to_string()),
            close: hours.map(|h| h.1.to_string()),
        })
        .collect()
}

fn settings() -> CalendarSettings {
    CalendarSettings {
        time_zone: Some("America/Argentina/Buenos_Aires".into()),
        cutoff_time: "18:00".into(),
        cutoff_day_counts: true,
        working_days: week(Some(("09:00", "18:00"))),
        pieces_per_day: Some(6),
        default_min_days: 1,
        default_max_days: 3,
    }
}

#[test]
fn settings_round_trip_and_bad_ones_are_refused() {
    let (_dir, app) = shop();
    let defaults = app.calendar_settings().unwrap();
    assert_eq!(defaults.cutoff_time, "13:00");
    assert_eq!(defaults.working_days.len(), 5);
    app.save_calendar_settings(&settings()).unwrap();
    assert_eq!(app.calendar_settings().unwrap(), settings());
    assert_eq!(app.settings().unwrap().time_zone.as_deref(), Some("America/Argentina/Buenos_Aires"));

    let bad = [
        CalendarSettings { time_zone: Some("Mars/Olympus".into()), ..settings() },
        CalendarSettings { cutoff_time: "6pm".into(), ..settings() },
        CalendarSettings { cutoff_time: "25:00".into(), ..settings() },
        CalendarSettings { pieces_per_day: Some(0), ..settings() },
        CalendarSettings { default_min_days: 4, default_max_days: 3, ..settings() },
        CalendarSettings { working_days: week(Some(("18:00", "09:00"))), ..settings() },
        CalendarSettings {
            working_days: vec![WorkingDay { weekday: 8, open: None, close: None }],
            ..settings()
        },
    ];
    for settings in bad {
        let error = app.save_calendar_settings(&settings).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{settings:?}");
    }
}

#[test]
fn holiday_presets_keep_the_sellers_own_dates() {
    let (_dir, app) = shop();
    app.save_closed_date(&ClosedDate {
        date: "2026-02-16".into(),
        kind: ClosedDayKind::Vacation,
        reason: "Carnaval en Gualeguaychú".into(),
    })
    .unwrap();
    assert_eq!(app.apply_holiday_preset("AR", 2026).unwrap(), 15);
    assert_eq!(app.apply_holiday_preset("ar", 2026).unwrap(), 0, "applying twice adds nothing");
    let february = app.closed_dates("2026-02-01", "2026-02-28").unwrap();
    assert_eq!(february.len(), 2);
    assert_eq!(
        (february[0].kind, february[0].reason.as_str()),
        (ClosedDayKind::Vacation, "Carnaval en Gualeguaychú")
    );
    assert_eq!(february[1].reason, "Carnaval");
    assert_eq!(app.apply_holiday_preset("ZZ", 2026).unwrap_err().code(), "invalid_input");
    app.delete_closed_date("2026-02-16").unwrap();
    assert_eq!(app.closed_dates("2026-02-01", "2026-02-28").unwrap().len(), 1);
    let bad = ClosedDate { date: "2026-02-30".into(), kind: ClosedDayKind::OneOff, reason: String::new() };
    assert_eq!(app.save_closed_date(&bad).unwrap_err().code(), "invalid_input");
}

fn keyring() -> ProductProfile {
    ProductProfile {
        id: None,
        name: "Llavero tejido".into(),
        category: "Tejidos".into(),
        ready_to_ship: false,
        min_days: 1,
        max_days: 2,
        pieces_per_unit: 1,
    }
}

#[test]
fn products_overrides_and_promises() {
    let (_dir, app) = shop();
    app.save_calendar_settings(&settings()).unwrap();
    app.apply_holiday_preset("AR", 2026).unwrap();
    let id = app.save_product(&keyring(), NOW).unwrap();
    app.save_product(
        &ProductProfile { name: "Mate".into(), ready_to_ship: true, min_days: 0, max_days: 1, ..keyring() },
        NOW,
    )
    .unwrap();
    assert_eq!(app.products().unwrap().len(), 2);

    // Monday 10:00: 6 Monday, 6 Tuesday, 3 Wednesday; ships Thursday.
    let promise = app.promise("llavero", 15, NOW, NOW).unwrap();
    assert_eq!((promise.starts_on.as_str(), promise.ship_earliest.as_str()), ("2026-03-02", "2026-03-05"));
    app.set_capacity_override("2026-03-03", Some(0)).unwrap();
    assert_eq!(app.promise("llavero", 15, NOW, NOW).unwrap().ship_earliest, "2026-03-06");
    app.set_capacity_override("2026-03-03", None).unwrap();
    assert!(app.capacity_overrides().unwrap().is_empty());

    let stock = app.promise("mate", 3, NOW, NOW).unwrap();
    assert_eq!(
        (stock.pieces, stock.ship_earliest.as_str(), stock.ship_latest.as_str()),
        (0, "2026-03-02", "2026-03-03")
    );

    app.save_product(&ProductProfile { id: Some(id), min_days: 3, max_days: 5, ..keyring() }, NOW).unwrap();
    assert_eq!(app.promise("Llavero tejido", 1, NOW, NOW).unwrap().ship_latest, "2026-03-09");

    assert_eq!(app.promise("taza", 1, NOW, NOW).unwrap_err().code(), "not_found");
    assert_eq!(app.promise("llavero", 0, NOW, NOW).unwrap_err().code(), "invalid_input");
    let too_slow = ProductProfile { ready_to_ship: true, max_days: 3, ..keyring() };
    assert_eq!(app.save_product(&too_slow, NOW).unwrap_err().code(), "invalid_input");
    app.delete_product(id).unwrap();
    assert_eq!(app.products().unwrap().len(), 1);
}

#[test]
fn deadlines_give_the_last_day_per_method() {
    let (_dir, app) = shop();
    app.save_calendar_settings(&settings()).unwrap();
    app.apply_holiday_preset("AR", 2026).unwrap();
    let methods = vec![
        MethodDays { method: "Andreani".into(), days: 4 },
        MethodDays { method: "Correo Argentino".into(), days: 7 },
    ];
    let id = app
        .save_seasonal_deadline(
            &SeasonalDeadline { id: None, name: "Navidad".into(), event_date: "2026-12-25".into(), methods },
            NOW,
        )
        .unwrap();
    let list = app.upcoming_deadlines(None, NOW).unwrap();
    assert_eq!(list.len(), 1);
    let slowest = &list[0].methods[0];
    assert_eq!(
        (slowest.method.as_str(), slowest.ship_by.as_str(), slowest.order_by.as_str()),
        ("Correo Argentino", "2026-12-18", "2026-12-15")
    );
    assert_eq!(slowest.before.as_deref(), Some("18:00"));
    assert_eq!(list[0].methods[1].order_by, "2026-12-16");

    let after = 1_798_761_600; // 2027-01-01: Christmas has passed
    assert!(app.upcoming_deadlines(None, after).unwrap().is_empty());
    app.delete_seasonal_deadline(id).unwrap();
    assert!(app.seasonal_deadlines().unwrap().is_empty());
    let nameless =
        SeasonalDeadline { id: None, name: " ".into(), event_date: "2026-12-25".into(), methods: vec![] };
    assert_eq!(app.save_seasonal_deadline(&nameless, NOW).unwrap_err().code(), "invalid_input");
    assert_eq!(app.capacity_calendar("2026-03-10", "2026-03-01", NOW).unwrap_err().code(), "invalid_input");
}
