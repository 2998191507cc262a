//! `cargo xtask bench`: cut-off answers with a year of bookings, next to a raw SQLite primary-key
//! select measured in the same run. Targets: a promise < 1 ms, the 90-day calendar < 10 ms.
//! Prints; asserts nothing.

use std::time::{Duration, Instant};

use mostrador_core::Mostrador;
use mostrador_core::accounts::NewAccount;
use mostrador_core::cutoff::{Booking, Day, Profile, ShopCalendar, plan, promise};
use mostrador_core::cutoff::{CalendarSettings, MethodDays, ProductProfile, SeasonalDeadline, WorkingDay};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::orders::{NewOrder, OrderItem};
use mostrador_core::vocabulary::{
    ChannelKind, ConversationKind, Direction, MessageStatus, OrderStage, PaymentStatus,
};

/// Monday 2026-03-02 10:00 in Córdoba.
const NOW: i64 = 1_772_456_400;
/// A year of work at 6 pieces a day: about 300 orders of 1–9 pieces, due across the year.
const ORDERS: usize = 300;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cutoff.sqlite3");
    let app = shop(&path);
    println!("Mostrador cut-off benchmark: {ORDERS} open orders booking a year of capacity");

    let raw_db = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("raw db");
    let raw = median(2000, || raw_select_by_key(&raw_db));
    let engine = engine_only(&app);
    report("promise, engine only (plan + promise)", engine, raw, 1.0);
    let facade = median(200, || {
        app.promise("Pieza", 12, NOW, NOW).expect("promise");
    });
    report("promise through Mostrador (reads orders, plans, promises)", facade, raw, 1.0);
    let feasible = median(100, || {
        app.feasibility("Pieza", 40, "2026-03-20", NOW, NOW).expect("feasibility");
    });
    report("\"can I make 40 by the 20th?\" through Mostrador", feasible, raw, 1.0);
    let calendar = median(100, || {
        app.capacity_calendar("2026-03-02", "2026-05-30", NOW).expect("calendar");
    });
    report("capacity calendar, 90 days, through Mostrador", calendar, raw, 10.0);
    let banner = median(200, || {
        app.cutoff_banner(NOW).expect("banner");
    });
    report("inbox banner (countdown + next deadline)", banner, raw, 1.0);
}

fn shop(path: &std::path::Path) -> Mostrador {
    let app = Mostrador::open(path).expect("open");
    app.save_calendar_settings(&CalendarSettings {
        time_zone: Some("America/Argentina/Cordoba".into()),
        cutoff_time: "18:00".into(),
        cutoff_day_counts: false,
        working_days: (1..=6).map(|weekday| WorkingDay { weekday, open: None, close: None }).collect(),
        pieces_per_day: Some(6),
        default_min_days: 2,
        default_max_days: 5,
    })
    .expect("calendar");
    for year in [2026, 2027] {
        app.apply_holiday_preset("AR", year).expect("holidays");
    }
    let piece = ProductProfile {
        id: None,
        name: "Pieza".into(),
        category: String::new(),
        ready_to_ship: false,
        min_days: 2,
        max_days: 5,
        pieces_per_unit: 1,
    };
    app.save_product(&piece, NOW).expect("product");
    let methods = vec![
        MethodDays { method: "Correo".into(), days: 7 },
        MethodDays { method: "Retiro".into(), days: 1 },
    ];
    app.save_seasonal_deadline(
        &SeasonalDeadline { id: None, name: "Navidad".into(), event_date: "2026-12-25".into(), methods },
        NOW,
    )
    .expect("deadline");

    let account = app
        .add_account(
            &NewAccount {
                channel: ChannelKind::WhatsApp,
                display_name: "Bench".into(),
                external_id: None,
                settings: serde_json::json!({}),
            },
            NOW,
        )
        .expect("account");
    let messages: Vec<IngestMessage> = (0..ORDERS)
        .map(|i| IngestMessage {
            account_id: account,
            conversation: ConversationRef {
                external_ref: format!("c{i}"),
                kind: ConversationKind::Chat,
                subject: None,
            },
            buyer: BuyerIdentityInput {
                external_id: format!("b{i}"),
                display_name: format!("Compradora {i}"),
                handle: None,
                phone: None,
                email: None,
            },
            external_id: format!("m{i}"),
            direction: Direction::Incoming,
            author: format!("Compradora {i}"),
            text: "Quiero encargar".into(),
            sent_at: NOW - 86_400,
            status: MessageStatus::Received,
            attachments: Vec::new(),
        })
        .collect();
    app.ingest(&messages, NOW).expect("ingest");
    for i in 0..ORDERS {
        let buyer_id =
            app.buyer_id_by_identity(account, &format!("b{i}")).expect("buyer").expect("buyer exists");
        let due = Day::from_date(jiff::civil::date(2026, 3, 9)).plus((i * 365 / ORDERS) as i32);
        let order = NewOrder {
            buyer_id,
            conversation_id: None,
            stage: if i % 3 == 0 { OrderStage::InProduction } else { OrderStage::Paid },
            currency: "ARS".into(),
            items: vec![OrderItem {
                product: "Pieza".into(),
                variant: None,
                quantity: 1 + (i % 9) as u32,
                unit_price_minor: 100_000,
            }],
            due_date: if i % 10 == 0 { None } else { Some(due.iso()) },
            delivery: None,
            payment_status: PaymentStatus::Paid,
            notes: String::new(),
            messages: Vec::new(),
        };
        app.create_order(&order, NOW - 86_400 + i as i64).expect("order");
    }
    app
}

/// The engine alone, on the same year of bookings, without SQLite.
fn engine_only(app: &Mostrador) -> Duration {
    let mut calendar = ShopCalendar::new(jiff::tz::TimeZone::get("America/Argentina/Cordoba").expect("zone"));
    calendar.works = [true, true, true, true, true, true, false];
    calendar.cutoff_day_counts = false;
    calendar.pieces_per_day = Some(6);
    for closed in app.closed_dates("2026-01-01", "2027-12-31").expect("closed") {
        calendar.closed.insert(Day::parse(&closed.date).expect("date"));
    }
    let now = jiff::Timestamp::from_second(NOW).expect("now");
    let bookings: Vec<Booking> = (0..ORDERS)
        .map(|i| Booking {
            order_id: i as i64,
            confirmed_at: jiff::Timestamp::from_second(NOW - 86_400 + i as i64).expect("t"),
            due: (i % 10 != 0)
                .then(|| Day::from_date(jiff::civil::date(2026, 3, 9)).plus((i * 365 / ORDERS) as i32)),
            pieces: 1 + (i % 9) as u32,
        })
        .collect();
    median(500, || {
        let ledger = plan(&calendar, &bookings, now);
        promise(&calendar, &ledger, Profile::made_to_order(2, 5), 12, now).expect("promise");
    })
}

/// The floor: one indexed select by primary key on an open connection, as the store's readers do.
fn raw_select_by_key(db: &rusqlite::Connection) {
    let mut statement = db.prepare_cached("SELECT * FROM orders WHERE id = ?1").expect("prepare");
    assert!(statement.query_row([150], |_| Ok(())).is_ok());
}

fn median(runs: usize, mut run: impl FnMut()) -> Duration {
    run();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(what: &str, took: Duration, raw: Duration, target_ms: f64) {
    let ms = took.as_secs_f64() * 1000.0;
    println!(
        "{what:<58} {ms:>8.3} ms median (target < {target_ms} ms: {}; {:.0}× a raw primary-key select at {:.3} ms)",
        if ms < target_ms { "met" } else { "MISSED" },
        took.as_secs_f64() / raw.as_secs_f64(),
        raw.as_secs_f64() * 1000.0
    );
}
