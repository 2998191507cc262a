//! Admin endpoints on the Mercado Libre, Instagram, Facebook and Microsoft servers, for the E2E and
//! the bin (never faulted, no token): `GET /_sim/state`, `POST /_sim/generate` (Activity),
//! `POST /_sim/fault` (Fault), `POST /_sim/block_pack {pack_id, substatus}`,
//! `POST /_sim/advance_clock {secs}`, `POST /_sim/ban_question {question_id}`,
//! `POST /_sim/rate_limit {per_minute}`, `POST /_sim/business_edit`, `POST /_sim/business_delete`,
//! `POST /_sim/code {code_challenge}`, `POST /_sim/reputation {level_id, power_seller_status, protected}`
//! (see `ReputationChange`), `POST /_sim/claim {order_id}` (opens one; the newest paid order when
//! absent), `POST /_sim/close_claim {claim_id}`; Meta: `POST /_sim/meta/code {platform}`,
//! `POST /_sim/meta/rate_limit {per_second}`, `POST /_sim/meta/human_agent {enabled}`,
//! `POST /_sim/meta/close_window {conversation_id}`, `POST /_sim/meta/buyer_writes {conversation_id}`,
//! `POST /_sim/meta/unsend {conversation_id}`, `POST /_sim/meta/delete_comment {comment_id}`,
//! `POST /_sim/meta/hide_comment {comment_id, hidden}`; Etsy: `POST /_sim/etsy/code {code_challenge}`,
//! `POST /_sim/etsy/receipt {unpaid}` (a new purchase), `POST /_sim/etsy/receipt_change {receipt_id, change}`,
//! `POST /_sim/etsy/rate_limit {per_second, per_day}`; Microsoft (on its server):
//! `POST /_sim/microsoft/approve {user_code, address}`, `POST /_sim/microsoft/decline {user_code}`,
//! `POST /_sim/microsoft/revoke {address}`, `POST /_sim/microsoft/interval {secs}`.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::activity::{Activity, ActivityReport};
use crate::control::SimSnapshot;
use crate::etsy::store::EtsyReceiptChange;
use crate::faults::Fault;
use crate::meta::identity::Platform;
use crate::ml::reputation::ReputationChange;
use crate::state::Shared;

type Sim = State<Arc<Shared>>;

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_sim/state", get(state))
        .route("/_sim/generate", post(generate))
        .route("/_sim/fault", post(fault))
        .route("/_sim/block_pack", post(block_pack))
        .route("/_sim/advance_clock", post(advance_clock))
        .route("/_sim/ban_question", post(ban_question))
        .route("/_sim/rate_limit", post(rate_limit))
        .route("/_sim/business_edit", post(business_edit))
        .route("/_sim/business_delete", post(business_delete))
        .route("/_sim/code", post(code))
        .route("/_sim/reputation", post(reputation))
        .route("/_sim/claim", post(claim))
        .route("/_sim/close_claim", post(close_claim))
        .route("/_sim/meta/code", post(meta_code))
        .route("/_sim/meta/rate_limit", post(meta_rate_limit))
        .route("/_sim/meta/human_agent", post(meta_human_agent))
        .route("/_sim/meta/close_window", post(meta_close_window))
        .route("/_sim/meta/buyer_writes", post(meta_buyer_writes))
        .route("/_sim/meta/unsend", post(meta_unsend))
        .route("/_sim/meta/delete_comment", post(meta_delete_comment))
        .route("/_sim/meta/hide_comment", post(meta_hide_comment))
        .route("/_sim/etsy/code", post(etsy_code))
        .route("/_sim/etsy/receipt", post(etsy_receipt))
        .route("/_sim/etsy/receipt_change", post(etsy_receipt_change))
        .route("/_sim/etsy/rate_limit", post(etsy_rate_limit))
        .route("/_sim/microsoft/approve", post(microsoft_approve))
        .route("/_sim/microsoft/decline", post(microsoft_decline))
        .route("/_sim/microsoft/revoke", post(microsoft_revoke))
        .route("/_sim/microsoft/interval", post(microsoft_interval))
}

async fn reputation(State(sim): Sim, Json(change): Json<ReputationChange>) -> Json<Value> {
    sim.set_reputation(change);
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
struct OpenClaim {
    #[serde(default)]
    order_id: Option<i64>,
}

async fn claim(State(sim): Sim, Json(body): Json<OpenClaim>) -> Json<Value> {
    Json(json!({ "claim_id": sim.open_claim(body.order_id) }))
}

#[derive(Deserialize)]
struct CloseClaim {
    claim_id: i64,
}

async fn close_claim(State(sim): Sim, Json(body): Json<CloseClaim>) -> Json<Value> {
    Json(json!({ "ok": sim.close_claim(body.claim_id) }))
}

#[derive(Deserialize)]
struct MicrosoftApproval {
    user_code: String,
    #[serde(default)]
    address: String,
}

async fn microsoft_approve(State(sim): Sim, Json(body): Json<MicrosoftApproval>) -> Json<Value> {
    Json(json!({ "ok": sim.microsoft_approve(&body.user_code, &body.address) }))
}

async fn microsoft_decline(State(sim): Sim, Json(body): Json<MicrosoftApproval>) -> Json<Value> {
    Json(json!({ "ok": sim.microsoft_decline(&body.user_code) }))
}

#[derive(Deserialize)]
struct MicrosoftAccount {
    address: String,
}

async fn microsoft_revoke(State(sim): Sim, Json(body): Json<MicrosoftAccount>) -> Json<Value> {
    Json(json!({ "revoked": sim.microsoft_revoke(&body.address) }))
}

#[derive(Deserialize)]
struct PollInterval {
    secs: u64,
}

async fn microsoft_interval(State(sim): Sim, Json(body): Json<PollInterval>) -> Json<Value> {
    sim.world().microsoft.interval = body.secs;
    Json(json!({ "ok": true }))
}

async fn state(State(sim): Sim) -> Json<SimSnapshot> {
    Json(sim.snapshot())
}

async fn generate(State(sim): Sim, Json(activity): Json<Activity>) -> Json<ActivityReport> {
    Json(sim.generate(activity))
}

async fn fault(State(sim): Sim, Json(fault): Json<Fault>) -> Json<Value> {
    sim.inject(fault);
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
struct BlockPack {
    pack_id: i64,
    substatus: String,
}

async fn block_pack(State(sim): Sim, Json(body): Json<BlockPack>) -> Json<Value> {
    Json(json!({ "ok": sim.block_pack(body.pack_id, &body.substatus) }))
}

#[derive(Deserialize)]
struct Advance {
    secs: i64,
}

async fn advance_clock(State(sim): Sim, Json(body): Json<Advance>) -> Json<Value> {
    sim.clock.advance(body.secs);
    Json(json!({ "now": sim.now() }))
}

#[derive(Deserialize)]
struct Ban {
    question_id: i64,
}

async fn ban_question(State(sim): Sim, Json(body): Json<Ban>) -> Json<Value> {
    Json(json!({ "ok": sim.ban_question(body.question_id) }))
}

#[derive(Deserialize)]
struct RateLimit {
    per_minute: Option<u32>,
}

async fn rate_limit(State(sim): Sim, Json(body): Json<RateLimit>) -> Json<Value> {
    sim.rate().set_limit(body.per_minute);
    Json(json!({ "ok": true }))
}

async fn business_edit(State(sim): Sim) -> Json<Value> {
    Json(json!({ "update_id": sim.edit_business_message() }))
}

async fn business_delete(State(sim): Sim) -> Json<Value> {
    Json(json!({ "update_id": sim.delete_business_message() }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Code {
    code_challenge: Option<String>,
}

async fn code(State(sim): Sim, body: Option<Json<Code>>) -> Json<Value> {
    let challenge = body.and_then(|Json(body)| body.code_challenge);
    Json(json!({ "code": sim.issue_code(challenge.as_deref()) }))
}

#[derive(Deserialize)]
struct MetaCode {
    platform: Platform,
}

async fn meta_code(State(sim): Sim, Json(body): Json<MetaCode>) -> Json<Value> {
    Json(json!({ "code": sim.meta_issue_code(body.platform) }))
}

#[derive(Deserialize)]
struct MetaRateLimit {
    per_second: Option<u32>,
}

async fn meta_rate_limit(State(sim): Sim, Json(body): Json<MetaRateLimit>) -> Json<Value> {
    sim.meta_rate().set_limit(body.per_second);
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
struct HumanAgent {
    enabled: bool,
}

async fn meta_human_agent(State(sim): Sim, Json(body): Json<HumanAgent>) -> Json<Value> {
    sim.world().meta.app.human_agent = body.enabled;
    Json(json!({ "ok": true }))
}

#[derive(Deserialize)]
struct ConversationRef {
    conversation_id: String,
}

async fn meta_close_window(State(sim): Sim, Json(body): Json<ConversationRef>) -> Json<Value> {
    Json(json!({ "ok": sim.meta_close_window(&body.conversation_id) }))
}

async fn meta_buyer_writes(State(sim): Sim, Json(body): Json<ConversationRef>) -> Json<Value> {
    Json(json!({ "ok": sim.meta_buyer_writes(&body.conversation_id) }))
}

async fn meta_unsend(State(sim): Sim, Json(body): Json<ConversationRef>) -> Json<Value> {
    Json(json!({ "message_id": sim.meta_unsend(&body.conversation_id) }))
}

#[derive(Deserialize)]
struct CommentRef {
    comment_id: String,
    #[serde(default = "yes")]
    hidden: bool,
}

fn yes() -> bool {
    true
}

async fn meta_delete_comment(State(sim): Sim, Json(body): Json<CommentRef>) -> Json<Value> {
    Json(json!({ "ok": sim.meta_delete_comment(&body.comment_id) }))
}

async fn meta_hide_comment(State(sim): Sim, Json(body): Json<CommentRef>) -> Json<Value> {
    Json(json!({ "ok": sim.meta_hide_comment(&body.comment_id, body.hidden) }))
}

#[derive(Deserialize)]
struct EtsyCode {
    code_challenge: String,
}

async fn etsy_code(State(sim): Sim, Json(body): Json<EtsyCode>) -> Json<Value> {
    let now = sim.now();
    Json(json!({ "code": sim.etsy().issue_code(&body.code_challenge, now) }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EtsyPurchase {
    unpaid: bool,
}

async fn etsy_receipt(State(sim): Sim, body: Option<Json<EtsyPurchase>>) -> Json<Value> {
    let unpaid = body.is_some_and(|Json(body)| body.unpaid);
    let now = sim.now();
    Json(json!({ "receipt_id": sim.etsy().add_receipt(now, unpaid) }))
}

#[derive(Deserialize)]
struct EtsyChange {
    receipt_id: i64,
    change: EtsyReceiptChange,
}

async fn etsy_receipt_change(State(sim): Sim, Json(body): Json<EtsyChange>) -> Json<Value> {
    let now = sim.now();
    Json(json!({ "ok": sim.etsy().change(body.receipt_id, body.change, now) }))
}

#[derive(Deserialize)]
struct EtsyRateLimit {
    per_second: Option<u32>,
    per_day: Option<u32>,
}

async fn etsy_rate_limit(State(sim): Sim, Json(body): Json<EtsyRateLimit>) -> Json<Value> {
    sim.etsy().set_limits(body.per_second, body.per_day);
    Json(json!({ "ok": true }))
}
