//! Properties over random calendars, bookings and times.

use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use super::super::calendar::ShopCalendar;
use super::super::capacity::{Booking, plan};
use super::super::days::Day;
use super::super::promise::{Profile, promise};

const ZONES: [&str; 5] = [
    "America/Argentina/Cordoba",
    "America/Santiago",
    "America/Sao_Paulo",
    "Europe/Madrid",
    "America/New_York",
];
/// 2015-01-01 .. 2030-12-31 in seconds.
const FROM: i64 = 1_420_070_400;
const TO: i64 = 1_924_905_600;

#[derive(Debug, Clone)]
struct Shop {
    calendar: ShopCalendar,
}

fn shop() -> impl Strategy<Value = Shop> {
    (
        0..ZONES.len(),
        prop::array::uniform7(any::<bool>()),
        0_i8..24,
        prop::sample::select(vec![0_i8, 30, 59]),
        any::<bool>(),
        prop::collection::vec(0_i32..400, 0..60),
        prop::option::of(1_u32..12),
        prop::collection::vec((0_i32..400, 0_u32..10), 0..10),
        FROM..TO - 400 * 86_400,
    )
        .prop_map(|(zone, mut works, hour, minute, counts, closed, pieces, overrides, base)| {
            if !works.contains(&true) {
                works[0] = true;
            }
            let mut calendar = ShopCalendar::new(jiff::tz::TimeZone::get(ZONES[zone]).unwrap());
            calendar.works = works;
            calendar.cutoff = jiff::civil::time(hour, minute, 0, 0);
            calendar.cutoff_day_counts = counts;
            let first = Day((base / 86_400) as i32);
            calendar.closed = closed.into_iter().map(|n| first.plus(n)).collect();
            calendar.pieces_per_day = pieces;
            calendar.overrides = overrides.into_iter().map(|(n, p)| (first.plus(n), p)).collect();
            Shop { calendar }
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    prop_oneof![
        (0_u32..=1).prop_map(Profile::ready),
        (0_u32..8, 0_u32..8, 1_u32..3).prop_map(|(a, b, ppu)| Profile {
            pieces_per_unit: ppu,
            ..Profile::made_to_order(a.min(b), a.max(b))
        }),
    ]
}

fn bookings(base: i64) -> impl Strategy<Value = Vec<Booking>> {
    prop::collection::vec((0_i64..60 * 86_400, prop::option::of(0_i32..90), 1_u32..20), 0..30).prop_map(
        move |list| {
            list.into_iter()
                .enumerate()
                .map(|(i, (offset, due, pieces))| Booking {
                    order_id: i as i64,
                    confirmed_at: Timestamp::from_second(base + offset).unwrap(),
                    due: due.map(|n| Day((base / 86_400) as i32 + n)),
                    pieces,
                })
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn never_promises_a_closed_day(shop in shop(), profile in profile(), qty in 1_u32..30, offset in 0_i64..200 * 86_400) {
        let calendar = &shop.calendar;
        let base = calendar.closed.iter().min().map_or(FROM, |d| i64::from(d.0) * 86_400);
        let now = Timestamp::from_second(base + offset).unwrap();
        let ledger = plan(calendar, &[], now);
        if let Ok(p) = promise(calendar, &ledger, profile, qty, now) {
            for day in [p.starts_on, p.ship_earliest, p.ship_latest] {
                prop_assert!(calendar.is_production_day(day), "{day:?} is not a production day");
            }
            prop_assert!(p.ship_earliest <= p.ship_latest);
            prop_assert!(p.starts_on <= p.ship_earliest);
        }
    }

    #[test]
    fn a_later_confirmation_never_gets_an_earlier_date(
        shop in shop(), profile in profile(), qty in 1_u32..30, a in FROM..TO, gap in 0_i64..10 * 86_400,
    ) {
        let calendar = &shop.calendar;
        let (early, late) = (Timestamp::from_second(a).unwrap(), Timestamp::from_second(a + gap).unwrap());
        prop_assert!(calendar.start_day(early) <= calendar.start_day(late));
        let ledger = plan(calendar, &[], early);
        if let (Ok(first), Ok(second)) =
            (promise(calendar, &ledger, profile, qty, early), promise(calendar, &ledger, profile, qty, late))
        {
            prop_assert!(first.ship_earliest <= second.ship_earliest);
            prop_assert!(first.ship_latest <= second.ship_latest);
        }
    }

    #[test]
    fn capacity_is_never_overbooked(shop in shop(), list in bookings(FROM + 100 * 86_400), offset in 0_i64..30 * 86_400) {
        let calendar = &shop.calendar;
        let now = Timestamp::from_second(FROM + 100 * 86_400 + offset).unwrap();
        let ledger = plan(calendar, &list, now);
        let first = ledger.first;
        let mut total = 0_u64;
        for n in 0..super::super::calendar::HORIZON_DAYS {
            let day = first.plus(n);
            let booked = ledger.booked(day);
            if let Some(capacity) = calendar.capacity(day) {
                prop_assert!(booked <= capacity, "{day:?}: {booked} booked of {capacity}");
            }
            if booked > 0 {
                prop_assert!(calendar.is_production_day(day));
            }
            total += u64::from(booked);
        }
        let unplaced: u64 = ledger.placed.values().map(|p| u64::from(p.unplaced)).sum();
        let wanted: u64 = list.iter().map(|b| u64::from(b.pieces)).sum();
        prop_assert_eq!(total + unplaced, wanted);
    }

    #[test]
    fn daylight_saving_never_shifts_the_cut_off(zone in 0..ZONES.len(), n in 16_436_i32..23_741, hour in 0_i8..24, minute in 0_i8..60) {
        // Days 2015-01-01 .. 2034-12-31, every weekday working, no closed dates.
        let mut calendar = ShopCalendar::new(jiff::tz::TimeZone::get(ZONES[zone]).unwrap());
        calendar.works = [true; 7];
        calendar.cutoff = jiff::civil::time(hour, minute, 0, 0);
        let day = Day(n);
        let instant = calendar.cutoff_instant(day);
        let (local_day, local_time) = calendar.local(instant);
        prop_assert_eq!(local_day, day);
        // Only a cut-off inside a skipped hour moves (to the first instant after the gap); one in a
        // repeated hour takes the first of the two.
        let gap = calendar.time_zone.to_ambiguous_timestamp(day.to_date().to_datetime(calendar.cutoff)).is_ambiguous();
        if !gap {
            prop_assert_eq!(local_time, calendar.cutoff);
        }
        prop_assert_eq!(calendar.registration_day(instant - SignedDuration::from_secs(1)), Some(day));
        prop_assert_eq!(calendar.registration_day(instant), Some(day.plus(1)));
    }
}
