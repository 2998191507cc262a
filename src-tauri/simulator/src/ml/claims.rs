//! Claims (mediations) buyers opened on the seller's orders: `GET /post-purchase/v1/claims/search`
//! filtered by player, status, resource and stage, refused without any filter as the real one is.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use serde_json::{Value, json};

use super::error::{MlError, MlResult};
use crate::ids::mix64;
use crate::params::Params;
use crate::state::Shared;

/// The search's page size when none is asked for, and its largest.
const DEFAULT_LIMIT: i64 = 30;
const MAX_LIMIT: i64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClaimStatus {
    Opened,
    Closed,
}

impl ClaimStatus {
    fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Opened => "opened",
            ClaimStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Claim {
    pub id: i64,
    pub order_id: i64,
    pub buyer_id: i64,
    pub status: ClaimStatus,
    /// "PNR…" (the product did not arrive) or "PDD…" (different or defective).
    pub reason_id: &'static str,
    pub created: i64,
    pub last_updated: i64,
}

/// Claims by id; at most one per order.
#[derive(Default)]
pub(crate) struct ClaimStore {
    pub claims: BTreeMap<i64, Claim>,
}

impl ClaimStore {
    /// Opens a claim on an order (the one it already has, if any); its id.
    pub fn open(&mut self, seed: u64, order_id: i64, buyer_id: i64, at: i64, status: ClaimStatus) -> i64 {
        if let Some(claim) = self.claims.values().find(|claim| claim.order_id == order_id) {
            return claim.id;
        }
        // Derived from the order, so a seed gives the same claim ids without touching the id
        // sequences the rest of the activity draws from.
        let hash = mix64(seed ^ (order_id as u64).rotate_left(21) ^ 0xc1a1);
        let id = 5_000_000_000 + (hash % 900_000_000) as i64;
        let reason_id = if hash.is_multiple_of(2) { "PNR3430" } else { "PDD9939" };
        self.claims
            .insert(id, Claim { id, order_id, buyer_id, status, reason_id, created: at, last_updated: at });
        id
    }
}

fn claim_json(sim: &Shared, claim: &Claim) -> Value {
    let seller_actions = match claim.status {
        ClaimStatus::Opened => json!([
            { "action": "send_message_to_complainant", "mandatory": false, "due_date": null },
            { "action": "refund", "mandatory": false, "due_date": null },
        ]),
        ClaimStatus::Closed => json!([]),
    };
    let resolution = match claim.status {
        ClaimStatus::Opened => Value::Null,
        ClaimStatus::Closed => json!({
            "reason": "item_returned",
            "date_created": sim.ml_date(claim.last_updated),
            "benefited": ["complainant"],
            "closed_by": "mediator",
            "applied_coverage": false,
        }),
    };
    json!({
        "id": claim.id,
        "resource_id": claim.order_id,
        "status": claim.status.as_str(),
        "type": "mediations",
        "stage": "claim",
        "parent_id": null,
        "resource": "order",
        "reason_id": claim.reason_id,
        "fulfilled": true,
        "quantity_type": "total",
        "players": [
            { "role": "complainant", "type": "buyer", "user_id": claim.buyer_id, "available_actions": [] },
            { "role": "respondent", "type": "seller", "user_id": sim.app.seller_id, "available_actions": seller_actions },
        ],
        "resolution": resolution,
        "site_id": sim.site.id,
        "date_created": sim.ml_date(claim.created),
        "last_updated": sim.ml_date(claim.last_updated),
    })
}

/// The value of a filter under either of its names (`players.role` or `player_role`).
fn either(params: &Params, dotted: &str, flat: &str) -> Option<String> {
    params.str(dotted).or_else(|| params.str(flat)).map(|value| value.trim().to_owned())
}

/// `GET /post-purchase/v1/claims/search?players.role=respondent&players.user_id=<id>&status=opened
/// [&resource_id][&stage][&limit][&offset]`, newest first.
pub(crate) async fn search(
    State(sim): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> MlResult<Json<Value>> {
    let params = Params::from_query(&query);
    let role = either(&params, "players.role", "player_role");
    let user = either(&params, "players.user_id", "player_user_id");
    let status = params.str("status");
    let resource_id = params.str("resource_id");
    let stage = params.str("stage");
    if role.is_none() && user.is_none() && status.is_none() && resource_id.is_none() && stage.is_none() {
        return Err(MlError::invalid_query("at least one filter is required"));
    }
    if let Some(role) = role.as_deref()
        && !matches!(role, "respondent" | "complainant")
    {
        return Err(MlError::invalid_query(format!("invalid players.role {role}")));
    }
    let user = match user.as_deref() {
        Some(text) => Some(
            text.parse::<i64>()
                .map_err(|_| MlError::invalid_query(format!("invalid players.user_id {text}")))?,
        ),
        None => None,
    };
    if user.is_some_and(|user| user != sim.app.seller_id) {
        return Err(MlError::forbidden("the caller is not this user", Vec::new()));
    }
    let status = match status.as_deref() {
        None => None,
        Some("opened") => Some(ClaimStatus::Opened),
        Some("closed") => Some(ClaimStatus::Closed),
        Some(other) => return Err(MlError::invalid_query(format!("invalid status {other}"))),
    };
    let resource_id = match resource_id.as_deref() {
        Some(text) => Some(
            text.parse::<i64>().map_err(|_| MlError::invalid_query(format!("invalid resource_id {text}")))?,
        ),
        None => None,
    };
    let limit = params.i64("limit").unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(MlError::invalid_query(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    let offset = params.i64("offset").unwrap_or(0).max(0);
    // The seller is only ever the respondent of a claim on their sales.
    let seller_role = role.as_deref().is_none_or(|role| role == "respondent");

    let world = sim.world();
    let matching: Vec<&Claim> = world
        .claims
        .claims
        .values()
        .rev()
        .filter(|_| seller_role)
        .filter(|claim| status.is_none_or(|status| claim.status == status))
        .filter(|claim| resource_id.is_none_or(|id| claim.order_id == id))
        .filter(|_| stage.as_deref().is_none_or(|stage| stage == "claim"))
        .collect();
    let data: Vec<Value> = matching
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|claim| claim_json(&sim, claim))
        .collect();
    Ok(Json(json!({
        "paging": { "total": matching.len(), "offset": offset, "limit": limit },
        "data": data,
    })))
}
