//! Metrics: first response times per channel on the wall clock and in shop hours, who waits now,
//! conversations that became orders, months and busy hours — all with time passed in, in UTC.

use mostrador_core::accounts::{ChannelOrder, CursorUpdate, SyncBatch};
use mostrador_core::cutoff::WorkingDay;
use mostrador_core::ingest::BuyerIdentityInput;
use mostrador_core::metrics::{
    ChannelMetrics, MonthVisits, RateKind, ReadFailure, ReputationLevel, ReputationRate, SellerMetricsRead,
    SellerReputation,
};
use mostrador_core::orders::NewOrder;
use mostrador_core::vocabulary::{
    ChannelKind, ConversationKind, Direction, MessageStatus, OrderStage, PaymentStatus,
};

use crate::fixtures::*;

/// 2025-03-01 00:00 UTC: the oldest of the four months up to NOW (2025-06-15).
const MARCH: i64 = 1_740_787_200;

fn order(shop: &Shop, conversation: &str, stage: OrderStage) {
    let id = shop.app.conversation_id_by_ref(shop.account, conversation).unwrap().unwrap();
    let buyer_id = shop.app.conversation(id, NOW).unwrap().summary.buyer_id;
    shop.app
        .create_order(
            &NewOrder {
                buyer_id,
                conversation_id: Some(id),
                stage,
                currency: "ARS".into(),
                items: Vec::new(),
                due_date: None,
                delivery: None,
                payment_status: PaymentStatus::Unpaid,
                notes: String::new(),
                messages: Vec::new(),
            },
            NOW,
        )
        .unwrap();
}

#[test]
fn first_responses_waits_orders_months_and_busy_hours() {
    let shop = shop();
    let a = shop.account;
    // Months and hours are the shop's: UTC here, whatever this computer's zone is.
    let mut calendar = shop.app.calendar_settings().unwrap();
    calendar.time_zone = Some("UTC".into());
    shop.app.save_calendar_settings(&calendar).unwrap();
    let ml = shop.app.add_account(&account(ChannelKind::MercadoLibre, "ML"), NOW).unwrap();
    let question = |id: &str, direction, sent_at, status| {
        let mut m = message(ml, "q1", id, direction, sent_at, "¿Viene en azul?");
        m.conversation.kind = ConversationKind::PreSaleQuestion;
        m.status = status;
        m
    };
    let ml_messages = [
        // Saturday 10:00; a moderated answer reached no one, the one at 12:00 did.
        question("q1-1", Direction::Incoming, 1_749_895_200, MessageStatus::Received),
        question("q1-2", Direction::Outgoing, 1_749_898_800, MessageStatus::Moderated),
        question("q1-3", Direction::Outgoing, 1_749_902_400, MessageStatus::Sent),
    ];
    shop.app
        .ingest(
            &[
                // Friday 17:00, answered in 30 min.
                incoming(a, "ana", "ana1", 1_749_834_000, "Hola"),
                outgoing(a, "ana", "ana2", 1_749_835_800, "¡Hola!"),
                // Thursday 17:50, answered Friday 10:00: 16 h 10 min, 1 h 10 min of it in shop hours.
                incoming(a, "bea", "bea1", 1_749_750_600, "¿Precio?"),
                outgoing(a, "bea", "bea2", 1_749_808_800, "$ 5.000"),
                // May, never answered: the oldest wait.
                incoming(a, "caro", "caro1", 1_746_889_200, "¿Hacés envíos?"),
                // The seller wrote first; the buyer at 11:00, answered at 11:20.
                outgoing(a, "dani", "dani1", 1_743_501_600, "Llegaron las tazas"),
                incoming(a, "dani", "dani2", 1_743_505_200, "¡Quiero una!"),
                outgoing(a, "dani", "dani3", 1_743_506_400, "Te la guardo"),
                // Started in February (before the period), waiting again since this morning.
                incoming(a, "eli", "eli1", 1_740_042_000, "Hola"),
                outgoing(a, "eli", "eli2", 1_740_043_800, "Hola"),
                incoming(a, "eli", "eli3", 1_749_978_000, "¿Sigue en pie?"),
            ],
            NOW,
        )
        .unwrap();
    shop.app.ingest(&ml_messages, NOW).unwrap();
    order(&shop, "ana", OrderStage::Agreed);
    order(&shop, "bea", OrderStage::Cancelled);

    let wall = shop.app.metrics(NOW).unwrap();
    assert_eq!((wall.since, wall.shop_hours), (MARCH, false));
    assert_eq!(
        wall.months.iter().map(|m| (m.month.as_str(), m.conversations)).collect::<Vec<_>>(),
        [("2025-03", 0), ("2025-04", 1), ("2025-05", 1), ("2025-06", 3)]
    );
    assert_eq!(wall.months[3].first_response_median, Some(7200));
    assert_eq!(wall.months[3].with_order, 1);
    assert_eq!(wall.months[1].first_response_median, Some(1200));

    let whatsapp = wall.channels.iter().find(|c| c.channel == Some(ChannelKind::WhatsApp)).unwrap();
    assert_eq!(
        whatsapp,
        &ChannelMetrics {
            channel: Some(ChannelKind::WhatsApp),
            conversations: 4,
            answered: 3,
            first_response_median: Some(1800),
            first_response_p90: Some(58_200),
            first_response_median_shop_hours: None,
            first_response_p90_shop_hours: None,
            unanswered_now: 2,
            oldest_waiting_since: Some(1_746_889_200),
            with_order: 1,
        }
    );
    let mercado_libre = wall.channels.iter().find(|c| c.channel == Some(ChannelKind::MercadoLibre)).unwrap();
    assert_eq!((mercado_libre.answered, mercado_libre.first_response_median), (1, Some(7200)));
    assert_eq!(wall.channels[0].channel, Some(ChannelKind::MercadoLibre), "channels in a fixed order");
    assert_eq!((wall.total.conversations, wall.total.answered), (5, 4));
    assert_eq!((wall.total.first_response_median, wall.total.first_response_p90), (Some(1800), Some(58_200)));
    assert_eq!((wall.total.unanswered_now, wall.total.oldest_waiting_since), (2, Some(1_746_889_200)));

    // Buyers' messages in the period by weekday and hour: February's is left out.
    assert_eq!(wall.busiest.len(), 7 * 24);
    let at = |weekday: u8, hour: u8| {
        wall.busiest.iter().find(|h| (h.weekday, h.hour) == (weekday, hour)).unwrap().messages
    };
    assert_eq!(wall.busiest.iter().map(|h| h.messages).sum::<u32>(), 6);
    assert_eq!((at(4, 17), at(3, 17), at(5, 10), at(6, 9), at(1, 11)), (1, 1, 1, 1, 1));

    // With opening hours (Monday to Friday, 9 to 18) the same replies count only shop time.
    calendar.working_days = (1..=5)
        .map(|weekday| WorkingDay { weekday, open: Some("09:00".into()), close: Some("18:00".into()) })
        .collect();
    shop.app.save_calendar_settings(&calendar).unwrap();
    let shop_hours = shop.app.metrics(NOW).unwrap();
    assert!(shop_hours.shop_hours);
    let whatsapp = shop_hours.channels.iter().find(|c| c.channel == Some(ChannelKind::WhatsApp)).unwrap();
    assert_eq!(
        (whatsapp.first_response_median_shop_hours, whatsapp.first_response_p90_shop_hours),
        (Some(1800), Some(4200))
    );
    assert_eq!(whatsapp.first_response_median, Some(1800), "the wall clock figures stay");
    let mercado_libre =
        shop_hours.channels.iter().find(|c| c.channel == Some(ChannelKind::MercadoLibre)).unwrap();
    assert_eq!(mercado_libre.first_response_median_shop_hours, Some(0), "answered on a Saturday");
}

#[test]
fn an_empty_shop_has_no_figures_yet() {
    let shop = shop();
    let metrics = shop.app.metrics(NOW).unwrap();
    assert!(metrics.channels.is_empty());
    assert_eq!((metrics.total.conversations, metrics.total.first_response_median), (0, None));
    assert_eq!(metrics.months.len(), 4);
    assert!(metrics.busiest.iter().all(|h| h.messages == 0));
}

fn ml_order(external_ref: &str, created_at: i64, stage: OrderStage) -> ChannelOrder {
    ChannelOrder {
        external_ref: external_ref.into(),
        thread_ref: None,
        buyer: BuyerIdentityInput {
            display_name: format!("Comprador {external_ref}"),
            external_id: format!("buyer-{external_ref}"),
            handle: None,
            phone: None,
            email: None,
        },
        items: Vec::new(),
        currency: "ARS".into(),
        stage,
        payment_status: PaymentStatus::Paid,
        created_at,
        ship_by: None,
    }
}

fn rate(kind: RateKind, rate: f64, value: u32) -> ReputationRate {
    ReputationRate { kind, period: Some("60 days".into()), rate, value, real_rate: None, real_value: None }
}

#[test]
fn mercado_libre_standing_with_sales_visits_and_conversion_per_month() {
    let shop = shop();
    let mut calendar = shop.app.calendar_settings().unwrap();
    calendar.time_zone = Some("UTC".into());
    shop.app.save_calendar_settings(&calendar).unwrap();
    let mut connected = account(ChannelKind::MercadoLibre, "TALLERLUCIA");
    connected.settings = serde_json::json!({ "api_base": "http://127.0.0.1:9", "site_id": "MLA" });
    let ml = shop.app.add_account(&connected, NOW).unwrap();
    // A sample shop's account (no connector) is not one Mercado Libre reads.
    shop.app.add_account(&account(ChannelKind::MercadoLibre, "Muestra"), NOW).unwrap();

    // Orders of the months: two in March, one in April besides a cancelled one, one in June at
    // this very second; one from February is before the period.
    let orders = vec![
        ml_order("1", 1_740_000_000, OrderStage::Paid),
        ml_order("2", MARCH, OrderStage::Paid),
        ml_order("3", 1_741_500_000, OrderStage::Delivered),
        ml_order("4", 1_744_000_000, OrderStage::Paid),
        ml_order("5", 1_744_100_000, OrderStage::Cancelled),
        ml_order("6", NOW, OrderStage::Agreed),
    ];
    shop.app.commit_sync(ml, &SyncBatch { orders, ..SyncBatch::default() }, NOW).unwrap();

    // Not read yet: the account is listed with its sales, waiting for Mercado Libre.
    let waiting = shop.app.metrics(NOW).unwrap().mercado_libre;
    assert_eq!(waiting.len(), 1, "{waiting:#?}");
    assert_eq!((waiting[0].account_id, waiting[0].fetched_at, waiting[0].level), (ml, None, None));
    assert!(waiting[0].failure.is_none() && waiting[0].rates.is_empty());
    let sales: Vec<(&str, u32)> = waiting[0].months.iter().map(|m| (m.month.as_str(), m.sales)).collect();
    assert_eq!(sales, [("2025-03", 2), ("2025-04", 1), ("2025-05", 0), ("2025-06", 1)]);

    let read = SellerMetricsRead {
        reputation: Some(SellerReputation {
            site_id: Some("MLA".into()),
            level_id: Some("4_light_green".into()),
            power_seller_status: None,
            real_level: None,
            protection_end: None,
            sales_period: Some("60 days".into()),
            sales_completed: Some(71),
            rates: vec![
                rate(RateKind::Cancellations, 0.0, 0),
                rate(RateKind::Claims, 0.012, 1),
                rate(RateKind::DelayedHandlingTime, 0.05, 3),
            ],
        }),
        open_claims: Some(2),
        visits: vec![
            MonthVisits { month: "2025-03".into(), visits: 1000 },
            MonthVisits { month: "2025-04".into(), visits: 0 },
            MonthVisits { month: "2025-06".into(), visits: 400 },
        ],
        failure: None,
    };
    let cursor = CursorUpdate { stream: "seller_metrics".into(), cursor: "{\"next_at\":1}".into() };
    let batch =
        SyncBatch { seller_metrics: Some(read.clone()), cursors: vec![cursor], ..SyncBatch::default() };
    shop.app.commit_sync(ml, &batch, NOW).unwrap();
    assert_eq!(shop.app.sync_cursor(ml, "seller_metrics").unwrap().as_deref(), Some("{\"next_at\":1}"));

    let standing = &shop.app.metrics(NOW).unwrap().mercado_libre[0];
    assert_eq!(standing.fetched_at, Some(NOW));
    assert_eq!(standing.level, Some(ReputationLevel::LightGreen));
    assert_eq!((standing.period.as_deref(), standing.period_days), (Some("60 days"), Some(60)));
    assert_eq!((standing.sales_completed, standing.open_claims), (Some(71), Some(2)));
    let kinds: Vec<RateKind> = standing.rates.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RateKind::Claims, RateKind::DelayedHandlingTime, RateKind::Cancellations]);
    let claims = &standing.rates[0];
    assert_eq!(
        (claims.band, claims.limit, claims.limit_level),
        (Some(ReputationLevel::LightGreen), Some(0.015), Some(ReputationLevel::LightGreen))
    );
    assert_eq!(standing.rates[1].band, Some(ReputationLevel::Green));
    // Claims use 80 % of what light green allows, late handling 62.5 % of green's 8 %.
    assert_eq!(standing.closest, Some(RateKind::Claims));
    let months: Vec<(&str, u32, Option<u32>, Option<f64>)> =
        standing.months.iter().map(|m| (m.month.as_str(), m.sales, m.visits, m.conversion)).collect();
    assert_eq!(
        months,
        [
            ("2025-03", 2, Some(1000), Some(0.002)),
            ("2025-04", 1, Some(0), None),
            ("2025-05", 0, None, None),
            ("2025-06", 1, Some(400), Some(0.0025)),
        ]
    );

    // A read that failed keeps what was read before and says why; the next good one clears it.
    let failed = SellerMetricsRead {
        failure: Some(ReadFailure { code: "permission_missing".into(), detail: "PA_UNAUTHORIZED".into() }),
        ..SellerMetricsRead::default()
    };
    let later = NOW + 3600;
    shop.app
        .commit_sync(ml, &SyncBatch { seller_metrics: Some(failed), ..SyncBatch::default() }, later)
        .unwrap();
    let standing = &shop.app.metrics(later).unwrap().mercado_libre[0];
    assert_eq!(
        standing.failure.as_ref().map(|f| (f.code.as_str(), f.at)),
        Some(("permission_missing", later))
    );
    assert_eq!(
        (standing.fetched_at, standing.level, standing.open_claims),
        (Some(NOW), Some(ReputationLevel::LightGreen), Some(2))
    );
    assert_eq!(standing.months[3].visits, Some(400));
    shop.app
        .commit_sync(ml, &SyncBatch { seller_metrics: Some(read), ..SyncBatch::default() }, later)
        .unwrap();
    assert!(shop.app.metrics(later).unwrap().mercado_libre[0].failure.is_none());

    // A bad month is refused, and the whole round with it.
    let bad = SellerMetricsRead {
        visits: vec![MonthVisits { month: "June".into(), visits: 1 }],
        ..SellerMetricsRead::default()
    };
    assert!(
        shop.app
            .commit_sync(ml, &SyncBatch { seller_metrics: Some(bad), ..SyncBatch::default() }, later)
            .is_err()
    );

    // The export carries what Mercado Libre said.
    let export = export(&shop.app);
    assert_eq!(export["tables"]["seller_reputation"][0]["level_id"], "4_light_green");
    assert_eq!(export["tables"]["seller_reputation_rates"].as_array().map(Vec::len), Some(3));
    assert_eq!(export["tables"]["listing_visits_by_month"].as_array().map(Vec::len), Some(3));
}

#[test]
fn the_months_a_connector_reads_are_the_metrics_months() {
    let shop = shop();
    let mut calendar = shop.app.calendar_settings().unwrap();
    calendar.time_zone = Some("UTC".into());
    shop.app.save_calendar_settings(&calendar).unwrap();
    let months = shop.app.metrics_months(NOW).unwrap();
    let spans: Vec<(&str, &str, &str)> =
        months.iter().map(|m| (m.month.as_str(), m.first_day.as_str(), m.last_day.as_str())).collect();
    assert_eq!(
        spans,
        [
            ("2025-03", "2025-03-01", "2025-03-31"),
            ("2025-04", "2025-04-01", "2025-04-30"),
            ("2025-05", "2025-05-01", "2025-05-31"),
            ("2025-06", "2025-06-01", "2025-06-15"),
        ]
    );
}
