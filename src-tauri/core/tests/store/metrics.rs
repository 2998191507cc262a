//! Metrics: first response times per channel on the wall clock and in shop hours, who waits now,
//! conversations that became orders, months and busy hours — all with time passed in, in UTC.

use mostrador_core::cutoff::WorkingDay;
use mostrador_core::metrics::ChannelMetrics;
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
