//! Orders and packs: `GET /orders/search` (seller, newest first, `order.date_last_updated.from`),
//! `GET /orders/<id>` and `GET /packs/<id>` → `orders[]`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use crate::activity::catalog::Person;
use crate::clock::parse_date;
use crate::params::Params;
use crate::state::Shared;

/// Mercado Libre caps order search pages at 51.
const ORDERS_MAX_LIMIT: i64 = 51;

#[derive(Debug, Clone)]
pub(crate) struct OrderLine {
    pub item_id: String,
    pub title: String,
    pub quantity: u32,
    pub unit_price: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct Order {
    pub id: i64,
    pub pack_id: Option<i64>,
    pub buyer_id: i64,
    pub lines: Vec<OrderLine>,
    /// confirmed, payment_required, payment_in_process, paid, cancelled, …
    pub status: &'static str,
    pub created: i64,
    pub last_updated: i64,
    pub shipping_id: i64,
    /// The buyer received it (tag `delivered`): older orders of the seeded history.
    pub delivered: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Pack {
    pub id: i64,
    pub order_ids: Vec<i64>,
    pub buyer_id: i64,
    pub created: i64,
    pub shipping_id: i64,
}

#[derive(Default)]
pub(crate) struct OrderStore {
    pub orders: BTreeMap<i64, Order>,
    pub packs: HashMap<i64, Pack>,
}

fn order_json(sim: &Shared, order: &Order, buyer: Option<&Person>) -> Value {
    let currency = sim.site.currency;
    let total: f64 = order.lines.iter().map(|line| line.unit_price * f64::from(line.quantity)).sum();
    let paid = matches!(order.status, "paid" | "partially_refunded");
    json!({
        "id": order.id,
        "status": order.status,
        "status_detail": null,
        "date_created": sim.ml_date(order.created),
        "date_closed": if paid { json!(sim.ml_date(order.created)) } else { Value::Null },
        "last_updated": sim.ml_date(order.last_updated),
        "date_last_updated": sim.ml_date(order.last_updated),
        "order_items": order.lines.iter().map(|line| json!({
            "item": { "id": line.item_id, "title": line.title, "variation_id": null, "seller_sku": null },
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "full_unit_price": line.unit_price,
            "currency_id": currency,
        })).collect::<Vec<_>>(),
        "total_amount": total,
        "paid_amount": if paid { total } else { 0.0 },
        "currency_id": currency,
        "buyer": buyer.map(|buyer| json!({
            "id": buyer.id,
            "nickname": buyer.nickname,
            "first_name": buyer.first_name,
            "last_name": buyer.last_name,
        })).unwrap_or_else(|| json!({ "id": order.buyer_id })),
        "seller": { "id": sim.app.seller_id },
        "pack_id": order.pack_id,
        "shipping": { "id": order.shipping_id },
        "payments": [{
            "id": order.id + 7_000_000_000,
            "status": if paid { "approved" } else if order.status == "cancelled" { "cancelled" } else { "in_process" },
            "transaction_amount": total,
            "currency_id": currency,
        }],
        "tags": match (paid, order.delivered) {
            (true, true) => json!(["paid", "delivered"]),
            (true, false) => json!(["paid", "not_delivered"]),
            (false, _) => json!(["not_delivered"]),
        },
        "context": { "site": sim.site.id, "channel": "marketplace", "flows": [] },
    })
}

/// `GET /orders/search?seller=<id>&sort=date_desc[&order.date_last_updated.from][&order.status][&limit][&offset]`.
pub(crate) async fn search(
    State(sim): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let params = Params::from_query(&query);
    match params.i64("seller") {
        Some(seller) if seller == sim.app.seller_id => {}
        Some(_) => return Err(MlError::forbidden("the caller is not the seller", Vec::new())),
        None => return Err(MlError::bad_request("seller is required")),
    }
    let newest_first = match params.str("sort").as_deref() {
        None | Some("date_desc") => true,
        Some("date_asc") => false,
        Some(other) => return Err(MlError::bad_request(format!("invalid sort {other}"))),
    };
    let updated_from = match params.str("order.date_last_updated.from") {
        Some(text) => Some(
            parse_date(&text).ok_or_else(|| MlError::bad_request("invalid order.date_last_updated.from"))?,
        ),
        None => None,
    };
    let updated_to = match params.str("order.date_last_updated.to") {
        Some(text) => Some(
            parse_date(&text).ok_or_else(|| MlError::bad_request("invalid order.date_last_updated.to"))?,
        ),
        None => None,
    };
    let status = params.str("order.status");
    let limit = params.i64("limit").unwrap_or(ORDERS_MAX_LIMIT).clamp(1, ORDERS_MAX_LIMIT) as usize;
    let offset = params.i64("offset").unwrap_or(0).max(0) as usize;
    let world = sim.world();
    let keep = |order: &&Order| {
        updated_from.is_none_or(|from| order.last_updated >= from)
            && updated_to.is_none_or(|to| order.last_updated <= to)
            && status.as_deref().is_none_or(|status| order.status == status)
    };
    // Order ids grow with creation time, so id order is date order.
    let all: Box<dyn Iterator<Item = &Order>> = if newest_first {
        Box::new(world.orders.orders.values().rev())
    } else {
        Box::new(world.orders.orders.values())
    };
    let filtered: Vec<&Order> = all.filter(keep).collect();
    let total = filtered.len();
    let results: Vec<Value> = filtered
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|order| order_json(&sim, order, world.catalog.buyer(order.buyer_id)))
        .collect();
    let (sort_id, sort_name) =
        if newest_first { ("date_desc", "Date descending") } else { ("date_asc", "Date ascending") };
    Ok(Json(json!({
        "query": null,
        "results": results,
        "sort": { "id": sort_id, "name": sort_name },
        "available_sorts": [{ "id": "date_asc", "name": "Date ascending" }, { "id": "date_desc", "name": "Date descending" }],
        "filters": [],
        "paging": { "total": total, "offset": offset, "limit": limit },
        "display": "complete",
    })))
}

/// `GET /orders/<id>`.
pub(crate) async fn one(State(sim): State<Arc<Shared>>, Path(id): Path<String>) -> MlResult<Json<Value>> {
    let id: i64 = id.parse().map_err(|_| MlError::not_found("order not found"))?;
    let world = sim.world();
    let order =
        world.orders.orders.get(&id).ok_or_else(|| MlError::not_found(format!("order {id} not found")))?;
    Ok(Json(order_json(&sim, order, world.catalog.buyer(order.buyer_id))))
}

/// `GET /packs/<id>` → the pack and its `orders[]` (404 for an order id: single orders have no pack).
pub(crate) async fn pack(State(sim): State<Arc<Shared>>, Path(id): Path<String>) -> MlResult<Json<Value>> {
    let id: i64 = id.parse().map_err(|_| MlError::not_found("pack not found"))?;
    let pack = sim
        .world()
        .orders
        .packs
        .get(&id)
        .cloned()
        .ok_or_else(|| MlError::not_found(format!("pack {id} not found")))?;
    Ok(Json(json!({
        "id": pack.id,
        "status": "released",
        "status_detail": null,
        "shipment": { "id": pack.shipping_id },
        "orders": pack.order_ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>(),
        "buyer": { "id": pack.buyer_id },
        "date_created": sim.ml_date(pack.created),
        "last_updated": sim.ml_date(pack.created),
    })))
}
