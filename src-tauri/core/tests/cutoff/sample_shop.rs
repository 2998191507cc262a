//! The sample shop's calendar answers the seller's real questions.

use mostrador_core::Mostrador;
use mostrador_core::vocabulary::{Language, OrderStage, UnixSeconds};

/// The sample shop's reference morning: Tuesday 2026-03-10, 09:12 in Córdoba.
pub const NOW: UnixSeconds = 1_773_144_720;

pub fn sample() -> (tempfile::TempDir, Mostrador) {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.db")).unwrap();
    app.load_sample_shop(NOW).unwrap();
    (dir, app)
}

#[test]
fn fifteen_keyrings_in_two_days_get_an_honest_date() {
    let (_dir, app) = sample();
    // Tuesday morning: made from Wednesday, 6 a day, 2–3 days each: not by Thursday.
    let answer = app.feasibility("llavero", 15, "2026-03-12", NOW, NOW).unwrap();
    assert!(!answer.feasible);
    assert_eq!(answer.promise.product, "Amigurumi mini llavero (8 cm)");
    assert_eq!(answer.promise.starts_on, "2026-03-11");
    assert_eq!(answer.promise.made_by.as_deref(), Some("2026-03-13"));
    assert_eq!(answer.earliest, "2026-03-14", "Saturday: the workshop opens 10–13");
    assert_eq!(answer.fits_by_due, 0);
    let by_monday = app.feasibility("llavero", 15, "2026-03-16", NOW, NOW).unwrap();
    assert!(by_monday.feasible);
    assert_eq!(by_monday.fits_by_due, 15);

    // The inquiry in the rush conversation carries the same answer to its order card.
    let promises = app.order_promises(None, NOW).unwrap();
    let rush =
        promises.iter().find(|p| p.units == 15 && p.due_date.as_deref() == Some("2026-03-12")).unwrap();
    assert!(!rush.booked);
    assert_eq!(
        (rush.ship_earliest.as_str(), rush.feasible, rush.fits_by_due),
        ("2026-03-14", Some(false), Some(0))
    );
}

#[test]
fn the_countdown_and_variables_read_the_sample_calendar() {
    let (_dir, app) = sample();
    let countdown = app.cutoff_countdown(NOW).unwrap().unwrap();
    assert_eq!((countdown.cutoff_date.as_str(), countdown.cutoff_time.as_str()), ("2026-03-10", "18:00"));
    assert_eq!(countdown.minutes_left, 8 * 60 + 48);
    assert_eq!(
        (countdown.starts_on.as_str(), countdown.then_starts_on.as_str()),
        ("2026-03-11", "2026-03-12")
    );
    let banner = app.cutoff_banner(NOW).unwrap();
    assert_eq!(banner.today, "2026-03-10");
    assert!(banner.deadline.is_none(), "Christmas is months away in March");

    let vars = app.cutoff_variables(Language::Es, NOW).unwrap();
    let get = |key: &str| vars.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap();
    assert_eq!(get("cutoff.next_ship_date"), "mañana, miércoles 11");
    assert!(
        get("cutoff.notice").starts_with("Los pedidos confirmados antes de las 18:00 (faltan 8 h 48 min)")
    );
    assert!(
        get("cutoff.last_order_day:Navidad")
            .contains("Correo Argentino, viernes 4 de diciembre (antes de las 18:00)")
    );

    // Three weeks before the first Christmas date, the banner names it.
    let late_november = NOW + 264 * 86_400; // 2026-11-29
    let banner = app.cutoff_banner(late_november).unwrap();
    let deadline = banner.deadline.unwrap();
    assert_eq!(deadline.name, "Navidad");
    assert_eq!(deadline.methods[0].method, "Correo Argentino");
    assert_eq!(deadline.methods[0].order_by, "2026-12-04");
}

#[test]
fn the_calendar_marks_closed_days_and_cancelling_frees_capacity() {
    let (_dir, app) = sample();
    let days = app.capacity_calendar("2026-03-09", "2026-04-05", NOW).unwrap();
    assert_eq!(days.len(), 28);
    let on = |date: &str| days.iter().find(|d| d.date == date).unwrap();
    assert!(!on("2026-03-24").open, "Día de la Memoria");
    assert_eq!(
        on("2026-03-24").closed.as_ref().unwrap().reason,
        "Día Nacional de la Memoria por la Verdad y la Justicia"
    );
    assert!(!on("2026-03-28").open, "the fair");
    assert_eq!(on("2026-03-27").capacity, Some(3), "glazing the day before the fair");
    assert!(!on("2026-04-02").open && !on("2026-04-03").open, "Malvinas and Good Friday");
    assert_eq!(on("2026-03-14").capacity, Some(6), "Saturday mornings count");
    assert!(days.iter().all(|d| d.capacity.is_none_or(|c| d.booked <= c)));
    let booked: u32 = days.iter().map(|d| d.booked).sum();
    assert!(booked > 0);

    for promise in app.order_promises(None, NOW).unwrap().iter().filter(|p| p.booked) {
        app.set_order_stage(promise.order_id, OrderStage::Cancelled, NOW).unwrap();
    }
    let days = app.capacity_calendar("2026-03-09", "2026-04-05", NOW).unwrap();
    assert_eq!(days.iter().map(|d| d.booked).sum::<u32>(), 0, "cancelled orders book nothing");
}

#[test]
fn near_christmas_the_cutoff_notice_names_the_last_day_to_order() {
    let (_dir, app) = sample();
    let notice = |now: UnixSeconds, language: Language| {
        let vars = app.cutoff_variables(language, now).unwrap();
        vars.into_iter().find(|(k, _)| k == "cutoff.notice").map(|(_, v)| v).unwrap()
    };
    // March: Christmas is far, the notice is only about today's cut-off.
    assert!(!notice(NOW, Language::Es).contains("Navidad"));

    // Monday 30 November: the open methods, first one Friday 4 December.
    let monday = NOW + 265 * 86_400; // 2026-11-30, 09:12
    let text = notice(monday, Language::Es);
    assert!(text.starts_with("Los pedidos confirmados antes de las 18:00"), "{text}");
    assert!(
        text.contains("Para Navidad, los últimos días para pedir son: Correo Argentino, viernes 4 de diciembre (antes de las 18:00)"),
        "{text}"
    );

    // Sunday 20 December: with 7–10 days of making, no method arrives any more; said honestly.
    let december_20 = NOW + 285 * 86_400; // 2026-12-20
    let text = notice(december_20, Language::Es);
    assert!(
        text.contains("Para Navidad ya no llegamos con pedidos nuevos: el último día para pedir fue el "),
        "{text}"
    );
    assert!(text.contains("viernes 11 de diciembre. Para Reyes, "), "then the next event it reaches: {text}");
    assert!(notice(december_20, Language::En).contains("New orders can no longer make it for Navidad"));
}
