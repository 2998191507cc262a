//! The inbox list: order, filters, counts, and what each line shows.

use mostrador_core::inbox::InboxQuery;
use mostrador_core::orders::{NewOrder, OrderItem};
use mostrador_core::vocabulary::{ChannelKind, ConversationStatus, OrderStage, PaymentStatus};

use crate::fixtures::*;

fn names(rows: &[mostrador_core::inbox::InboxRow]) -> Vec<&str> {
    rows.iter().map(|row| row.buyer_name.as_str()).collect()
}

#[test]
fn pinned_first_then_the_longest_wait_then_the_most_recent() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[
                // Waiting 2 hours and 5 hours.
                incoming(a, "short-wait", "s1", NOW - 2 * HOUR, "Hola"),
                incoming(a, "long-wait", "l1", NOW - 5 * HOUR, "Hola"),
                // Answered: ordered by their last message, newest first.
                incoming(a, "old-answered", "o1", NOW - 9 * HOUR, "Hola"),
                outgoing(a, "old-answered", "o2", NOW - 8 * HOUR, "Hola!"),
                incoming(a, "new-answered", "n1", NOW - 4 * HOUR, "Hola"),
                outgoing(a, "new-answered", "n2", NOW - MINUTE, "Hola!"),
                outgoing(a, "pinned", "p1", NOW - 20 * HOUR, "Tu pedido"),
            ],
            NOW,
        )
        .unwrap();
    shop.app.set_pinned(row(&shop.app, a, "pinned").conversation_id, true).unwrap();

    let page = shop.app.inbox(&InboxQuery::default(), NOW).unwrap();
    assert_eq!(
        names(&page.rows),
        ["Buyer pinned", "Buyer long-wait", "Buyer short-wait", "Buyer new-answered", "Buyer old-answered"]
    );
    assert!(page.rows[0].pinned);
    assert_eq!((page.total, page.needs_reply), (5, 2));

    let second_page =
        shop.app.inbox(&InboxQuery { limit: 2, offset: 2, ..InboxQuery::default() }, NOW).unwrap();
    assert_eq!(names(&second_page.rows), ["Buyer short-wait", "Buyer new-answered"]);
    assert_eq!(second_page.total, 5, "total counts every match, not the page");
}

#[test]
fn filters_by_status_channel_and_account() {
    let shop = shop();
    let etsy = shop.app.add_account(&account(ChannelKind::Etsy, "Etsy shop"), NOW).unwrap();
    shop.app
        .ingest(
            &[
                incoming(shop.account, "ana", "w1", NOW - HOUR, "Hola"),
                incoming(etsy, "bob", "e1", NOW - HOUR, "Hi"),
                outgoing(etsy, "carol", "e2", NOW - HOUR, "Shipped"),
            ],
            NOW,
        )
        .unwrap();

    let query = |query: InboxQuery| shop.app.inbox(&query, NOW).unwrap();
    let etsy_only = query(InboxQuery { channel: Some(ChannelKind::Etsy), ..InboxQuery::default() });
    assert_eq!(names(&etsy_only.rows), ["Buyer bob", "Buyer carol"]);
    assert_eq!((etsy_only.total, etsy_only.needs_reply), (2, 2), "needs_reply counts the whole store");
    assert!(
        etsy_only.rows.iter().all(|row| row.channel == ChannelKind::Etsy && row.account_name == "Etsy shop")
    );

    let waiting = query(InboxQuery { status: Some(ConversationStatus::NeedsReply), ..InboxQuery::default() });
    assert_eq!(waiting.total, 2);
    let account = query(InboxQuery {
        account_id: Some(etsy),
        status: Some(ConversationStatus::WaitingForBuyer),
        ..InboxQuery::default()
    });
    assert_eq!(names(&account.rows), ["Buyer carol"]);
    let nothing = query(InboxQuery { channel: Some(ChannelKind::Telegram), ..InboxQuery::default() });
    assert_eq!((nothing.total, nothing.rows.len()), (0, 0));
}

#[test]
fn a_line_shows_preview_wait_order_stage_tags_and_unread() {
    let shop = shop();
    let a = shop.account;
    let long_first_line = "x".repeat(150);
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "m1", NOW - 3 * HOUR, "Hola"),
                incoming(a, "ana", "m2", NOW - 2 * HOUR, &format!("\n{long_first_line}\nsegunda línea")),
            ],
            NOW,
        )
        .unwrap();
    let ana = row(&shop.app, a, "ana");
    assert_eq!(ana.preview.chars().count(), 140);
    assert!(ana.preview.starts_with("xxx") && ana.preview.ends_with('…'));
    assert_eq!((ana.waiting_seconds, ana.unread), (Some(3 * HOUR), 2));
    assert_eq!(ana.order_stage, None);

    let order = |stage| NewOrder {
        buyer_id: ana.buyer_id,
        conversation_id: Some(ana.conversation_id),
        stage,
        currency: "ARS".into(),
        items: vec![OrderItem {
            product: "Taza".into(),
            variant: None,
            quantity: 1,
            unit_price_minor: 450_000,
        }],
        due_date: None,
        delivery: None,
        payment_status: PaymentStatus::Unpaid,
        notes: String::new(),
        messages: Vec::new(),
    };
    shop.app.create_order(&order(OrderStage::Agreed), NOW - HOUR).unwrap();
    shop.app.create_order(&order(OrderStage::Cancelled), NOW).unwrap();
    assert_eq!(
        row(&shop.app, a, "ana").order_stage,
        Some(OrderStage::Agreed),
        "cancelled orders do not count"
    );
    shop.app.create_order(&order(OrderStage::Paid), NOW).unwrap();
    assert_eq!(row(&shop.app, a, "ana").order_stage, Some(OrderStage::Paid));

    shop.app
        .set_tags(ana.conversation_id, &["  regalo ".into(), "Mayorista".into(), "regalo".into()])
        .unwrap();
    assert_eq!(row(&shop.app, a, "ana").tags, ["Mayorista", "regalo"]);
    shop.app.set_tags(ana.conversation_id, &[]).unwrap();
    assert!(row(&shop.app, a, "ana").tags.is_empty());
}
