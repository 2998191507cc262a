//! Cases worked out by hand on a calendar, Argentina 2026: Carnival Mon 16–Tue 17 February,
//! Tue 24 March, Thu 2 (Malvinas) and Fri 3 April (Good Friday), Fri 25 December, Fri 1 January.

use jiff::Timestamp;

use super::super::capacity::{Booking, Ledger, plan};
use super::super::countdown::countdown;
use super::super::deadlines::{DeliveryDays, last_order_day};
use super::super::notice::{DeadlineDays, countdown_notice, cutoff_variables, deadline_notice};
use super::super::promise::{Profile, feasibility, promise};
use super::{at, cordoba, day};
use crate::vocabulary::Language;

#[test]
fn start_day_when_the_cut_off_day_counts() {
    let calendar = cordoba(true, false);
    let cases = [
        ("2026-03-02 10:00", "2026-03-02", "Monday morning: today"),
        ("2026-03-02 17:59", "2026-03-02", "a minute before the cut-off"),
        ("2026-03-02 18:00", "2026-03-03", "exactly at the cut-off is too late"),
        ("2026-03-06 18:00", "2026-03-09", "Friday at the cut-off: Monday"),
        ("2026-03-06 19:30", "2026-03-09", "Friday evening: Monday"),
        ("2026-03-07 11:00", "2026-03-09", "Saturday, closed: Monday"),
        ("2026-03-08 23:59", "2026-03-09", "Sunday night: Monday"),
        ("2026-02-13 18:30", "2026-02-18", "Friday before Carnival: Wednesday"),
        ("2026-02-14 12:00", "2026-02-18", "Saturday of the Carnival weekend"),
        ("2026-02-16 10:00", "2026-02-18", "Carnival Monday morning"),
        ("2026-04-02 10:00", "2026-04-06", "Malvinas, before Good Friday"),
        ("2026-04-01 18:01", "2026-04-06", "Wednesday of Holy Week after the cut-off"),
        ("2026-04-01 17:00", "2026-04-01", "Wednesday of Holy Week before the cut-off"),
        ("2026-03-23 18:00", "2026-03-25", "Monday before the 24 March holiday"),
        ("2026-03-24 09:00", "2026-03-25", "a holiday on the cut-off day: no cut-off that day"),
        ("2026-12-24 18:00", "2026-12-28", "Christmas Eve after the cut-off"),
        ("2026-12-31 18:00", "2027-01-04", "New Year's Eve after the cut-off"),
        ("2026-12-31 12:00", "2026-12-31", "New Year's Eve morning"),
        ("2027-01-01 10:00", "2027-01-04", "New Year's Day"),
    ];
    for (confirmed, expected, why) in cases {
        assert_eq!(calendar.start_day(at(confirmed)), Some(day(expected)), "{why} ({confirmed})");
    }
    assert_eq!(
        calendar.start_day(at("2026-03-02 17:59") + jiff::SignedDuration::from_secs(59)),
        Some(day("2026-03-02"))
    );
}

#[test]
fn start_day_when_orders_are_made_the_next_day() {
    let calendar = cordoba(false, false);
    let cases = [
        ("2026-03-02 10:00", "2026-03-03", "before the cut-off: the next day"),
        ("2026-03-02 18:00", "2026-03-04", "at the cut-off: the day after"),
        ("2026-03-06 17:00", "2026-03-09", "Friday before the cut-off: Monday"),
        ("2026-03-06 18:00", "2026-03-10", "Friday after the cut-off: Tuesday"),
        ("2026-03-08 10:00", "2026-03-10", "Sunday counts as Monday after the cut-off"),
        ("2026-02-13 17:00", "2026-02-18", "Friday before Carnival, before the cut-off"),
        ("2026-03-31 17:00", "2026-04-01", "Tuesday of Holy Week"),
        ("2026-03-31 18:00", "2026-04-06", "Tuesday of Holy Week after the cut-off"),
        ("2026-12-23 20:00", "2026-12-28", "registered Christmas Eve, made after Christmas"),
    ];
    for (confirmed, expected, why) in cases {
        assert_eq!(calendar.start_day(at(confirmed)), Some(day(expected)), "{why} ({confirmed})");
    }
}

#[test]
fn a_short_saturday_has_its_cut_off_at_closing_time() {
    let calendar = cordoba(true, true);
    let cases = [
        ("2026-03-07 12:59", "2026-03-07", "Saturday before closing"),
        ("2026-03-07 13:00", "2026-03-09", "Saturday at closing: Monday"),
        ("2026-03-06 18:00", "2026-03-07", "Friday after the cut-off: Saturday"),
        ("2026-02-14 11:00", "2026-02-14", "the Saturday before Carnival works"),
        ("2026-04-04 11:00", "2026-04-04", "Holy Saturday is not a holiday in Argentina"),
    ];
    for (confirmed, expected, why) in cases {
        assert_eq!(calendar.start_day(at(confirmed)), Some(day(expected)), "{why} ({confirmed})");
    }
}

fn empty(calendar: &super::super::calendar::ShopCalendar, now: Timestamp) -> Ledger {
    plan(calendar, &[], now)
}

#[test]
fn ship_dates_follow_processing_time() {
    let calendar = cordoba(true, false);
    let made = Profile::made_to_order(3, 5);
    let cases = [
        (made, "2026-03-02 10:00", "2026-03-02", "2026-03-05", "2026-03-09", "Monday, 3–5 days"),
        (made, "2026-02-13 18:30", "2026-02-18", "2026-02-23", "2026-02-25", "over Carnival"),
        (
            Profile::ready(1),
            "2026-04-01 18:00",
            "2026-04-06",
            "2026-04-06",
            "2026-04-07",
            "stock over Easter",
        ),
        (
            Profile::made_to_order(2, 3),
            "2026-03-31 10:00",
            "2026-03-31",
            "2026-04-06",
            "2026-04-07",
            "Holy Week",
        ),
        (
            Profile::made_to_order(1, 2),
            "2026-12-30 10:00",
            "2026-12-30",
            "2026-12-31",
            "2027-01-04",
            "year end",
        ),
    ];
    for (profile, confirmed, starts, earliest, latest, why) in cases {
        let now = at(confirmed);
        let p = promise(&calendar, &empty(&calendar, now), profile, 1, now).unwrap();
        assert_eq!(
            (p.starts_on, p.ship_earliest, p.ship_latest),
            (day(starts), day(earliest), day(latest)),
            "{why}"
        );
    }
}

fn six_a_day() -> super::super::calendar::ShopCalendar {
    let mut calendar = cordoba(true, false);
    calendar.pieces_per_day = Some(6);
    calendar
}

#[test]
fn capacity_pushes_big_orders_later() {
    let calendar = six_a_day();
    let now = at("2026-03-02 10:00");
    let profile = Profile::made_to_order(1, 3);
    let ledger = empty(&calendar, now);
    let p = promise(&calendar, &ledger, profile, 15, now).unwrap();
    // 6 Monday, 6 Tuesday, 3 Wednesday: ships Thursday.
    assert_eq!(p.made_by, Some(day("2026-03-04")));
    assert_eq!((p.ship_earliest, p.ship_latest), (day("2026-03-05"), day("2026-03-05")));

    let by_wednesday = feasibility(&calendar, &ledger, profile, 15, now, day("2026-03-04")).unwrap();
    assert!(!by_wednesday.feasible);
    assert_eq!(by_wednesday.promise.ship_earliest, day("2026-03-05"));
    assert_eq!(by_wednesday.fits_by_due, 12, "12 are made Monday and Tuesday and ship Wednesday");
    let by_friday = feasibility(&calendar, &ledger, profile, 15, now, day("2026-03-06")).unwrap();
    assert!(by_friday.feasible);
    assert_eq!(by_friday.fits_by_due, 15);
    let by_monday = feasibility(&calendar, &ledger, profile, 15, now, day("2026-03-02")).unwrap();
    assert_eq!(by_monday.fits_by_due, 0, "a one-day product cannot ship the day it is ordered");
}

#[test]
fn earlier_bookings_take_their_share_first() {
    let calendar = six_a_day();
    let now = at("2026-03-02 10:00");
    let undated = Booking { order_id: 1, confirmed_at: at("2026-03-02 09:00"), due: None, pieces: 10 };
    let ledger = plan(&calendar, &[undated], now);
    assert_eq!((ledger.booked(day("2026-03-02")), ledger.booked(day("2026-03-03"))), (6, 4));
    let p = promise(&calendar, &ledger, Profile::made_to_order(1, 3), 15, now).unwrap();
    // Tuesday 2, Wednesday 6, Thursday 6, Friday 1: ships Monday.
    assert_eq!(p.ship_earliest, day("2026-03-09"));

    // An order due Friday 13 is made as late as it can be (Thursday 12) and leaves this week free.
    let dated = Booking {
        order_id: 2,
        confirmed_at: at("2026-03-02 09:00"),
        due: Some(day("2026-03-13")),
        pieces: 6,
    };
    let ledger = plan(&calendar, &[dated], now);
    assert_eq!(ledger.booked(day("2026-03-12")), 6);
    assert_eq!(ledger.booked(day("2026-03-02")), 0);
    let p = promise(&calendar, &ledger, Profile::made_to_order(1, 3), 15, now).unwrap();
    assert_eq!(p.ship_earliest, day("2026-03-05"));
}

#[test]
fn overrides_holidays_and_late_fridays_with_capacity() {
    let mut calendar = six_a_day();
    calendar.overrides.insert(day("2026-03-03"), 0);
    let now = at("2026-03-02 10:00");
    let p = promise(&calendar, &empty(&calendar, now), Profile::made_to_order(1, 3), 15, now).unwrap();
    assert_eq!(p.ship_earliest, day("2026-03-06"), "Monday 6, Tuesday none, Wednesday 6, Thursday 3");

    let calendar = six_a_day();
    let friday_late = at("2026-03-06 18:30");
    let p = promise(&calendar, &empty(&calendar, friday_late), Profile::made_to_order(1, 3), 8, friday_late)
        .unwrap();
    assert_eq!((p.starts_on, p.ship_earliest), (day("2026-03-09"), day("2026-03-11")));

    let holiday = at("2026-03-24 12:00");
    let p = promise(&calendar, &empty(&calendar, holiday), Profile::made_to_order(1, 3), 6, holiday).unwrap();
    assert_eq!((p.starts_on, p.ship_earliest), (day("2026-03-25"), day("2026-03-26")));
}

#[test]
fn the_countdown_names_the_next_cut_off() {
    let calendar = cordoba(true, false);
    let c = countdown(&calendar, at("2026-03-02 17:20")).unwrap();
    assert_eq!((c.minutes_left, c.today), (40, true));
    assert_eq!((c.starts_on, c.then_starts_on), (day("2026-03-02"), day("2026-03-03")));
    assert_eq!(c.cutoff_at, at("2026-03-02 18:00"));

    let c = countdown(&calendar, at("2026-03-02 18:00")).unwrap();
    assert_eq!((c.cutoff_at, c.today, c.minutes_left), (at("2026-03-03 18:00"), false, 1440));

    let c = countdown(&calendar, at("2026-02-13 19:00")).unwrap();
    assert_eq!(c.cutoff_at, at("2026-02-18 18:00"), "after Friday's cut-off, over Carnival");

    let next_day = cordoba(false, false);
    let c = countdown(&next_day, at("2026-03-09 17:20")).unwrap();
    assert_eq!((c.starts_on, c.then_starts_on), (day("2026-03-10"), day("2026-03-11")));
    let cutoff = jiff::civil::time(18, 0, 0, 0);
    assert_eq!(
        countdown_notice(Language::Es, &c, day("2026-03-09"), cutoff),
        "Los pedidos confirmados antes de las 18:00 (faltan 40 min) empiezan a prepararse mañana, martes 10; los que lleguen después, miércoles 11 de marzo."
    );
    assert_eq!(
        countdown_notice(Language::En, &c, day("2026-03-09"), cutoff),
        "Orders confirmed before 18:00 (40 min left) start tomorrow, Tuesday 10; orders after that start Wednesday, March 11."
    );
    assert_eq!(
        countdown_notice(Language::PtBr, &c, day("2026-03-09"), cutoff),
        "Pedidos confirmados antes das 18:00 (faltam 40 min) começam a ser preparados amanhã, terça-feira, dia 10; os que chegarem depois, quarta-feira, 11 de março."
    );
}

fn by(method: &str, days: u32) -> DeliveryDays {
    DeliveryDays { method: method.to_string(), days }
}

#[test]
fn last_day_to_order_for_christmas_and_reyes() {
    let calendar = cordoba(true, false);
    let christmas = day("2026-12-25");
    let cases = [
        (christmas, by("Correo Argentino", 7), "2026-12-18", "2026-12-15"),
        (christmas, by("Andreani", 4), "2026-12-21", "2026-12-16"),
        (christmas, by("Retiro en el taller", 1), "2026-12-24", "2026-12-21"),
        (day("2027-01-06"), by("Correo Argentino", 7), "2026-12-30", "2026-12-24"),
    ];
    for (event, method, ship_by, order_by) in cases {
        let last = last_order_day(&calendar, 3, event, &method).unwrap();
        assert_eq!((last.ship_by, last.order_by), (day(ship_by), day(order_by)), "{}", method.method);
        assert_eq!(last.before, Some(jiff::civil::time(18, 0, 0, 0)));
    }
    // Ready stock for pickup on the 24th: order on the 24th itself, before the cut-off.
    let last = last_order_day(&calendar, 0, christmas, &by("Retiro", 1)).unwrap();
    assert_eq!(last.order_by, day("2026-12-24"));

    let list = [last_order_day(&calendar, 3, christmas, &by("Andreani", 4)).unwrap()];
    assert_eq!(
        deadline_notice(Language::Es, "Navidad", &list),
        "Para Navidad, el último día para pedir es: Andreani, miércoles 16 de diciembre (antes de las 18:00)."
    );
    let c = countdown(&calendar, at("2026-12-14 10:00")).unwrap();
    let vars = cutoff_variables(
        Language::En,
        Some(&c),
        day("2026-12-14"),
        jiff::civil::time(18, 0, 0, 0),
        &[DeadlineDays { name: "Christmas", days: &list }],
    );
    let names: Vec<&str> = vars.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["cutoff.notice", "cutoff.next_ship_date", "cutoff.last_order_day:Christmas"]);
    assert_eq!(vars[1].1, "today, Monday 14");
    assert_eq!(
        vars[2].1,
        "For Christmas, the last day to order is: Andreani, Wednesday, December 16 (before 18:00)."
    );
}

#[test]
fn daylight_saving_changes_do_not_move_the_cut_off() {
    use jiff::tz::TimeZone;
    // (zone, a production day on or right after a change, its 18:00 in UTC)
    let cases = [
        ("America/Sao_Paulo", "2018-11-05", "2018-11-05T20:00:00Z"), // DST began 4 Nov (UTC−2)
        ("America/Sao_Paulo", "2018-11-02", "2018-11-02T21:00:00Z"), // still UTC−3
        ("America/Santiago", "2026-04-06", "2026-04-06T22:00:00Z"),  // DST ended 5 Apr (UTC−4)
        ("America/Santiago", "2026-09-07", "2026-09-07T21:00:00Z"),  // DST began 6 Sep (UTC−3)
        ("Europe/Madrid", "2026-03-30", "2026-03-30T16:00:00Z"),     // CEST
        ("Europe/Madrid", "2026-10-26", "2026-10-26T17:00:00Z"),     // CET
        ("America/New_York", "2026-03-09", "2026-03-09T22:00:00Z"),  // EDT
        ("America/New_York", "2026-11-02", "2026-11-02T23:00:00Z"),  // EST
    ];
    for (zone, date, utc) in cases {
        let mut calendar = cordoba(true, false);
        calendar.time_zone = TimeZone::get(zone).unwrap();
        calendar.closed.clear();
        let cutoff: Timestamp = utc.parse().unwrap();
        assert_eq!(calendar.cutoff_instant(day(date)), cutoff, "{zone} {date}");
        let second = jiff::SignedDuration::from_secs(1);
        assert_eq!(calendar.start_day(cutoff - second), Some(day(date)), "{zone} {date} just before");
        assert!(calendar.start_day(cutoff).unwrap() > day(date), "{zone} {date} at the cut-off");
    }
}
