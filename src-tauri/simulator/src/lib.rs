//! A real local stand-in for Mercado Libre's API and Telegram's Bot API: HTTP servers on
//! 127.0.0.1 speaking the shapes of `shared/design/channels.md`, with seeded buyer activity in
//! Spanish and Portuguese, faults on demand and a record of what the seller's side sent. It
//! serves the connectors' tests, the sync bench and the app's demo store. No tauri here.
//!
//! Mercado Libre (`ml_base_url`, bearer token on everything but the OAuth endpoints, 500 reads
//! and 500 writes a minute, then 429 + `Retry-After`):
//! `POST /oauth/token` (authorization_code with optional PKCE S256, refresh_token single use),
//! `GET /authorization` (approves at once, 302 to the redirect URI), `GET /users/me`,
//! `GET /users/<id>`, `GET /questions/search` (api_version=4, status, item, limit ≤ 100,
//! offset < 1000, `search_type=scan` + `scroll_id`, sort by date_created), `GET /questions/<id>`,
//! `POST /answers`, `GET /items/<id>`, `GET /items?ids=`, `GET /messages/unread?role=…`,
//! `GET|POST /messages/packs/<pack>/sellers/<seller>?tag=post_sale`, `GET /orders/search`,
//! `GET /orders/<id>`, `GET /packs/<id>`; admin JSON under `/_sim/` (see `admin.rs`).
//!
//! Telegram (`telegram_base_url`, `/bot<token>/<method>`): getMe, getUpdates, setWebhook,
//! deleteWebhook, getWebhookInfo, sendMessage.
//!
//! Faults ([`FaultKind`]): 429, 500, slow, dropped connection, truncated JSON, expired access
//! tokens, revoked grant, PolicyAgent 403.

mod activity;
mod admin;
mod clock;
mod config;
mod control;
mod faults;
mod ids;
mod ml;
mod params;
mod records;
mod serve;
mod simulator;
mod site;
mod state;
mod telegram;

pub use activity::{Activity, ActivityReport};
pub use config::{MlApp, SimConfig};
pub use control::SimSnapshot;
pub use faults::{Api, Fault, FaultKind};
pub use records::{ReceivedAnswer, ReceivedMessage, SentTelegram, SimTotals};
pub use simulator::Simulator;

/// Moderation reason codes of seller post-sale messages (`message_moderation.reason`).
pub const MODERATION_REASONS: &[&str] = ml::moderation::REASONS;
/// Characters allowed in a pre-sale answer, a seller post-sale message, a Telegram message.
pub const ML_ANSWER_MAX_CHARS: usize = ml::questions::ANSWER_MAX_CHARS;
pub const ML_POST_SALE_MAX_CHARS: usize = ml::packs::SELLER_MAX_CHARS;
/// The messaging agent's user id on MLB/MLC packs that have one.
pub const ML_AGENT_USER_ID: i64 = ml::threads::AGENT_USER_ID;
