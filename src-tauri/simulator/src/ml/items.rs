//! `GET /items/<id>` and the multiget `GET /items?ids=A,B`: the listing's title, price and the
//! MANUFACTURING_TIME sale term.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use crate::activity::catalog::Listing;
use crate::state::Shared;

fn listing_json(sim: &Shared, listing: &Listing) -> Value {
    let domain =
        if sim.site.id == "MLB" { "produto.mercadolivre.com.br" } else { "articulo.mercadolibre.com.ar" };
    let number = listing.id.trim_start_matches(char::is_alphabetic);
    let days_label = if sim.site.id == "MLB" { "dias" } else { "días" };
    let sale_terms: Vec<Value> = listing
        .manufacturing_days
        .map(|days| {
            json!({
                "id": "MANUFACTURING_TIME",
                "name": if sim.site.id == "MLB" { "Disponibilidade de estoque" } else { "Disponibilidad de stock" },
                "value_name": format!("{days} {days_label}"),
                "value_struct": { "number": days, "unit": days_label },
            })
        })
        .into_iter()
        .collect();
    json!({
        "id": listing.id,
        "site_id": sim.site.id,
        "title": listing.title,
        "seller_id": sim.app.seller_id,
        "category_id": format!("{}1234", sim.site.id),
        "price": listing.price,
        "currency_id": sim.site.currency,
        "available_quantity": 5,
        "buying_mode": "buy_it_now",
        "listing_type_id": "gold_special",
        "condition": "new",
        "permalink": format!("https://{domain}/{}-{number}", sim.site.id),
        "thumbnail": format!("http://http2.mlstatic.com/D_{number}-I.jpg"),
        "status": "active",
        "sale_terms": sale_terms,
    })
}

/// `GET /items/<id>`.
pub(crate) async fn one(State(sim): State<Arc<Shared>>, Path(id): Path<String>) -> MlResult<Json<Value>> {
    let world = sim.world();
    let listing = world
        .catalog
        .listing(&id)
        .ok_or_else(|| MlError::not_found(format!("Item with id {id} not found")))?;
    Ok(Json(listing_json(&sim, listing)))
}

/// `GET /items?ids=A,B` (at most 20): one `{code, body}` per id.
pub(crate) async fn many(
    State(sim): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let ids: Vec<&str> = query
        .get("ids")
        .map(|ids| ids.split(',').map(str::trim).filter(|id| !id.is_empty()).collect())
        .unwrap_or_default();
    if ids.is_empty() || ids.len() > 20 {
        return Err(MlError::bad_request("ids must list 1 to 20 items"));
    }
    let world = sim.world();
    let results: Vec<Value> = ids
        .iter()
        .map(|id| match world.catalog.listing(id) {
            Some(listing) => json!({ "code": 200, "body": listing_json(&sim, listing) }),
            None => json!({ "code": 404, "body": { "message": format!("Item with id {id} not found"), "error": "not_found", "status": 404, "cause": [] } }),
        })
        .collect();
    Ok(Json(Value::Array(results)))
}
