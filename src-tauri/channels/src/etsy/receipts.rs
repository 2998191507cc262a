//! Orders: the shop's receipts by last modification, oldest change first, each stored as a channel
//! order with its buyer and items; the buyer's note at checkout becomes the first message of the
//! order's thread. The cursor is the newest `update_timestamp` seen minus an overlap (Etsy's
//! clocks and paging are not exact), committed with the orders it covers; re-read receipts are
//! upserts, so the overlap never duplicates anything.

use mostrador_core::accounts::{ChannelOrder, CursorUpdate, SyncBatch};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::orders::OrderItem;
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus, OrderStage, PaymentStatus};
use serde_json::Value;

use super::Etsy;
use crate::sync::context::Ctx;
use crate::sync::schedule::MAX_RETRY_AFTER_SECS;
use crate::{ChannelError, lenient};

const STREAM: &str = "receipts";
/// Receipts changed this long before the newest one seen are read again.
const OVERLAP_SECS: i64 = 5 * 60;
/// Etsy's largest page.
const PAGE: usize = 100;
/// The first sync reads the receipts changed in this many last days (older ones are settled).
const FIRST_SYNC_DAYS: i64 = 90;
/// Under this many requests left today, polling pauses: the app's 10,000 a day are shared by
/// every shop using the same keystring.
const LOW_REMAINING_TODAY: u64 = 100;

pub(super) async fn poll(etsy: &mut Etsy, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    let stored: Option<i64> = ctx.cursor(STREAM).await?.and_then(|c| c.parse().ok());
    let since = stored.unwrap_or_else(|| ctx.now() - FIRST_SYNC_DAYS * 86_400);
    let mut cursor = stored;
    let path = format!("shops/{}/receipts", etsy.shop_id);
    let mut offset = 0usize;
    loop {
        let query = [
            ("min_last_modified", since.to_string()),
            ("sort_on", "updated".to_owned()),
            ("sort_order", "asc".to_owned()),
            ("limit", PAGE.to_string()),
            ("offset", offset.to_string()),
        ];
        let page = etsy.client.get(ctx, &path, &query).await?;
        let results = lenient::list(&page, "results");
        if page.get("results").is_none_or(|r| !r.is_array()) {
            return Err(ChannelError::MalformedResponse("the receipts answer has no results".into()));
        }
        let mut batch = SyncBatch::default();
        for receipt in results {
            let Some(id) = lenient::id(receipt, "receipt_id") else { continue };
            let order = channel_order(receipt, &id, ctx.now());
            if let Some(note) = buyer_note(receipt, &order, ctx.account_id()) {
                batch.messages.push(note);
            }
            batch.orders.push(order);
            if let Some(updated) = lenient::int(receipt, "update_timestamp") {
                let candidate = updated - OVERLAP_SECS;
                if cursor.is_none_or(|c| candidate > c) {
                    cursor = Some(candidate);
                }
            }
        }
        if let Some(cursor) = cursor
            && Some(cursor) != stored
        {
            batch.cursors.push(CursorUpdate { stream: STREAM.into(), cursor: cursor.to_string() });
        }
        ctx.commit(batch).await?;
        offset += results.len();
        let count = lenient::int(&page, "count").unwrap_or(0);
        if results.len() < PAGE || offset as i64 >= count {
            break;
        }
        if etsy.client.remaining_today.is_some_and(|left| left < LOW_REMAINING_TODAY) {
            break;
        }
    }
    if etsy.client.remaining_today.is_some_and(|left| left < LOW_REMAINING_TODAY) {
        // What was read is stored; the rest waits until the sliding day frees requests.
        return Err(ChannelError::RateLimited { retry_after: Some(MAX_RETRY_AFTER_SECS) });
    }
    Ok(())
}

fn buyer(receipt: &Value) -> BuyerIdentityInput {
    let user = lenient::id(receipt, "buyer_user_id");
    let name = lenient::non_empty(receipt, "name").map(|n| n.trim().to_owned());
    let email = lenient::non_empty(receipt, "buyer_email").map(|e| e.trim().to_owned());
    BuyerIdentityInput {
        external_id: match (&user, &email) {
            (Some(user), _) => format!("etsy-user:{user}"),
            (None, Some(email)) => email.clone(),
            (None, None) => {
                format!("etsy-receipt:{}", lenient::id(receipt, "receipt_id").unwrap_or_default())
            }
        },
        display_name: name.or_else(|| email.clone()).unwrap_or_else(|| "Etsy buyer".to_owned()),
        handle: None,
        phone: None,
        email,
    }
}

/// Money in the currency's minor unit: Etsy gives `amount / divisor`.
fn minor_units(money: Option<&Value>) -> i64 {
    let Some(money) = money else { return 0 };
    let amount = lenient::int(money, "amount").unwrap_or(0);
    let divisor = lenient::int(money, "divisor").filter(|d| *d > 0).unwrap_or(100);
    amount.saturating_mul(100) / divisor
}

fn stage(receipt: &Value) -> (OrderStage, PaymentStatus) {
    let status = lenient::text(receipt, "status").unwrap_or_default().to_ascii_lowercase();
    let paid = lenient::boolean(receipt, "is_paid").unwrap_or(false);
    let shipped = lenient::boolean(receipt, "is_shipped").unwrap_or(false);
    let payment = if paid { PaymentStatus::Paid } else { PaymentStatus::Unpaid };
    match status.as_str() {
        "fully refunded" => (OrderStage::Cancelled, PaymentStatus::Refunded),
        "canceled" | "cancelled" => (OrderStage::Cancelled, payment),
        _ if shipped || status == "completed" => (OrderStage::Shipped, PaymentStatus::Paid),
        _ if paid => (OrderStage::Paid, PaymentStatus::Paid),
        _ => (OrderStage::Agreed, PaymentStatus::Unpaid),
    }
}

pub(super) fn thread_ref(receipt_id: &str) -> String {
    format!("etsy-receipt:{receipt_id}")
}

fn channel_order(receipt: &Value, id: &str, now: i64) -> ChannelOrder {
    let transactions = lenient::list(receipt, "transactions");
    let items = transactions
        .iter()
        .map(|line| {
            let variant = lenient::list(line, "variations")
                .iter()
                .filter_map(|v| {
                    let value = lenient::non_empty(v, "formatted_value")?;
                    Some(match lenient::non_empty(v, "formatted_name") {
                        Some(name) => format!("{name}: {value}"),
                        None => value.to_owned(),
                    })
                })
                .collect::<Vec<_>>()
                .join(", ");
            OrderItem {
                product: lenient::non_empty(line, "title").unwrap_or("—").to_owned(),
                variant: (!variant.is_empty()).then_some(variant),
                quantity: lenient::int(line, "quantity").unwrap_or(1).clamp(1, i64::from(u32::MAX)) as u32,
                unit_price_minor: minor_units(line.get("price")),
            }
        })
        .collect();
    let currency = lenient::non_empty(receipt, "grandtotal/currency_code")
        .or_else(|| transactions.first().and_then(|t| lenient::non_empty(t, "price/currency_code")))
        .unwrap_or("USD")
        .to_owned();
    let (stage, payment_status) = stage(receipt);
    // Each line has its own processing time: the order ships when its earliest line must.
    let ship_by = transactions
        .iter()
        .filter_map(|line| lenient::int(line, "expected_ship_date"))
        .filter(|at| *at > 0)
        .min();
    ChannelOrder {
        external_ref: id.to_owned(),
        thread_ref: Some(thread_ref(id)),
        buyer: buyer(receipt),
        items,
        currency,
        stage,
        payment_status,
        created_at: lenient::int(receipt, "create_timestamp")
            .or_else(|| lenient::int(receipt, "created_timestamp"))
            .unwrap_or(now),
        ship_by,
    }
}

/// The note the buyer left at checkout, as their first message in the order's thread.
fn buyer_note(receipt: &Value, order: &ChannelOrder, account_id: i64) -> Option<IngestMessage> {
    let text = lenient::non_empty(receipt, "message_from_buyer")?.trim();
    if text.is_empty() {
        return None;
    }
    Some(IngestMessage {
        account_id,
        conversation: ConversationRef {
            external_ref: order.thread_ref.clone().unwrap_or_default(),
            kind: ConversationKind::PostSale,
            subject: order.items.first().map(|item| item.product.clone()),
        },
        buyer: order.buyer.clone(),
        external_id: format!("etsy-receipt-note:{}", order.external_ref),
        direction: Direction::Incoming,
        author: order.buyer.display_name.clone(),
        text: text.to_owned(),
        sent_at: order.created_at,
        status: MessageStatus::Received,
        attachments: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn receipts_become_orders_with_the_buyer_and_items() {
        let receipt = json!({
            "receipt_id": 3100000123_i64, "buyer_user_id": 901, "name": "Emily Carter", "buyer_email": "",
            "status": "Paid", "is_paid": true, "is_shipped": false, "create_timestamp": 1_700_000_000,
            "message_from_buyer": "  Gift wrap please ",
            "grandtotal": { "amount": 9600, "divisor": 100, "currency_code": "EUR" },
            "transactions": [{ "title": "Mug", "quantity": 2, "price": { "amount": 48000, "divisor": 1000 },
                               "expected_ship_date": 1_700_500_000,
                               "variations": [{ "formatted_name": "Colour", "formatted_value": "Sage" }] },
                             { "title": "Bowl", "quantity": 1, "price": { "amount": 1500, "divisor": 100 },
                               "expected_ship_date": 1_700_300_000 }],
        });
        let order = channel_order(&receipt, "3100000123", 5);
        assert_eq!(order.buyer.external_id, "etsy-user:901");
        assert_eq!((order.buyer.display_name.as_str(), order.buyer.email.as_deref()), ("Emily Carter", None));
        assert_eq!((order.stage, order.payment_status), (OrderStage::Paid, PaymentStatus::Paid));
        assert_eq!(order.currency, "EUR");
        assert_eq!(order.items[0].unit_price_minor, 4800);
        assert_eq!(order.items[0].variant.as_deref(), Some("Colour: Sage"));
        assert_eq!(order.created_at, 1_700_000_000);
        assert_eq!(order.ship_by, Some(1_700_300_000), "the earliest line's ship-by");
        let note = buyer_note(&receipt, &order, 7).expect("a note");
        assert_eq!(
            (note.text.as_str(), note.conversation.external_ref.as_str()),
            ("Gift wrap please", "etsy-receipt:3100000123")
        );
    }

    #[test]
    fn statuses_become_stages() {
        let at = |status: &str, paid: bool, shipped: bool| {
            stage(&json!({ "status": status, "is_paid": paid, "is_shipped": shipped }))
        };
        assert_eq!(at("Open", false, false), (OrderStage::Agreed, PaymentStatus::Unpaid));
        assert_eq!(at("Completed", true, true), (OrderStage::Shipped, PaymentStatus::Paid));
        assert_eq!(at("Canceled", true, false), (OrderStage::Cancelled, PaymentStatus::Paid));
        assert_eq!(at("Fully Refunded", true, false), (OrderStage::Cancelled, PaymentStatus::Refunded));
    }
}
