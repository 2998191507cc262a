//! Orders: `/orders/search` since the last `date_last_updated` seen, imported with items, buyer and
//! stage; each order's thread is its pack's conversation (the order's own id when it has no pack).

use mostrador_core::accounts::{ChannelOrder, CursorUpdate, SyncBatch};
use mostrador_core::ingest::BuyerIdentityInput;
use mostrador_core::orders::OrderItem;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{MercadoLibre, PackInfo, facts, packs};
use crate::sync::context::Ctx;
use crate::{ChannelError, lenient};

const STREAM: &str = "orders";

/// The newest `date_last_updated` stored, and the orders updated at that very second (the filter
/// is inclusive, so those come back and are skipped).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Mark {
    updated_at: i64,
    ids: Vec<String>,
}

pub(super) async fn poll(ml: &mut MercadoLibre, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    let stored: Option<Mark> = ctx.cursor(STREAM).await?.and_then(|c| serde_json::from_str(&c).ok());
    let mut mark = Mark { updated_at: stored.as_ref().map_or(i64::MIN, |m| m.updated_at), ids: Vec::new() };
    if let Some(stored) = &stored {
        mark.ids = stored.ids.clone();
    }
    let mut offset = 0u32;
    loop {
        let mut query = vec![
            ("seller", ml.seller_id.clone()),
            ("sort", "date_desc".to_owned()),
            ("limit", facts::ORDERS_PAGE.to_string()),
            ("offset", offset.to_string()),
        ];
        if let Some(stored) = &stored {
            query.push(("order.date_last_updated.from", lenient::ml_date(stored.updated_at)));
        }
        let page = match ml.get(ctx, "orders/search", &query).await {
            Ok(page) => page,
            Err(ChannelError::Rejected { status: 400, .. }) if offset > 0 => break,
            Err(e) => return Err(e),
        };
        let results = lenient::list(&page, "results");
        let mut batch = SyncBatch::default();
        for order in results {
            let Some(id) = lenient::id(order, "id") else { continue };
            let updated =
                lenient::time(order, "date_last_updated").or_else(|| lenient::time(order, "date_created"));
            if let (Some(stored), Some(updated)) = (&stored, updated)
                && updated == stored.updated_at
                && stored.ids.contains(&id)
            {
                continue;
            }
            if let Some(updated) = updated {
                if updated > mark.updated_at {
                    mark = Mark { updated_at: updated, ids: vec![id.clone()] };
                } else if updated == mark.updated_at && !mark.ids.contains(&id) {
                    mark.ids.push(id.clone());
                }
            }
            let pack_id = lenient::id(order, "pack_id").unwrap_or_else(|| id.clone());
            ml.packs.insert(pack_id, pack_info(order));
            batch.orders.push(channel_order(order, &id, &ml.site_id, ctx.now()));
        }
        ctx.commit(batch).await?;
        offset += results.len() as u32;
        let total = lenient::int(&page, "paging/total").unwrap_or(0);
        if results.is_empty() || i64::from(offset) >= total {
            break;
        }
    }
    if mark.updated_at != i64::MIN
        && stored.as_ref().is_none_or(|s| s.updated_at != mark.updated_at || s.ids != mark.ids)
    {
        let cursor = serde_json::to_string(&mark).map_err(|e| ChannelError::Store(e.to_string()))?;
        ctx.commit(SyncBatch {
            cursors: vec![CursorUpdate { stream: STREAM.into(), cursor }],
            ..SyncBatch::default()
        })
        .await?;
    }
    Ok(())
}

fn buyer(order: &Value) -> BuyerIdentityInput {
    let id = lenient::id(order, "buyer/id").unwrap_or_else(|| "unknown".to_owned());
    let nickname = lenient::non_empty(order, "buyer/nickname").map(str::to_owned);
    let full_name =
        [lenient::non_empty(order, "buyer/first_name"), lenient::non_empty(order, "buyer/last_name")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
    BuyerIdentityInput {
        display_name: if full_name.is_empty() {
            nickname.clone().unwrap_or_else(|| id.clone())
        } else {
            full_name
        },
        external_id: id,
        handle: nickname,
        phone: None,
        email: None,
    }
}

/// The pack's buyer and product, from one of its orders.
pub(super) fn pack_info(order: &Value) -> PackInfo {
    let first_item = lenient::list(order, "order_items").first();
    PackInfo {
        buyer: buyer(order),
        subject: first_item.and_then(|i| lenient::non_empty(i, "item/title")).map(str::to_owned),
        listing: first_item.and_then(|i| lenient::id(i, "item/id")),
    }
}

fn channel_order(order: &Value, id: &str, site_id: &str, now: i64) -> ChannelOrder {
    let items: Vec<OrderItem> = lenient::list(order, "order_items")
        .iter()
        .map(|line| {
            let variant = lenient::list(line, "item/variation_attributes")
                .iter()
                .filter_map(|a| {
                    let value = lenient::non_empty(a, "value_name")?;
                    Some(match lenient::non_empty(a, "name") {
                        Some(name) => format!("{name}: {value}"),
                        None => value.to_owned(),
                    })
                })
                .collect::<Vec<_>>()
                .join(", ");
            OrderItem {
                product: lenient::non_empty(line, "item/title").unwrap_or("—").to_owned(),
                variant: (!variant.is_empty()).then_some(variant),
                quantity: lenient::int(line, "quantity").unwrap_or(1).clamp(1, i64::from(u32::MAX)) as u32,
                unit_price_minor: (lenient::float(line, "unit_price").unwrap_or(0.0) * 100.0).round() as i64,
            }
        })
        .collect();
    let currency = lenient::non_empty(order, "currency_id")
        .or_else(|| {
            lenient::list(order, "order_items").first().and_then(|i| lenient::non_empty(i, "currency_id"))
        })
        .unwrap_or(super::site_currency(site_id))
        .to_owned();
    let delivered = lenient::list(order, "tags").iter().any(|tag| tag.as_str() == Some("delivered"));
    let (stage, payment_status) =
        facts::order_stage(lenient::text(order, "status").unwrap_or_default(), delivered);
    let thread = lenient::id(order, "pack_id").unwrap_or_else(|| id.to_owned());
    ChannelOrder {
        external_ref: id.to_owned(),
        thread_ref: Some(packs::conversation_ref(&thread)),
        buyer: buyer(order),
        items,
        currency,
        stage,
        payment_status,
        created_at: lenient::time(order, "date_created").unwrap_or(now),
        ship_by: None,
    }
}
