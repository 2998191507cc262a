//! A real local stand-in for Mercado Libre's API, Telegram's Bot API and Meta's Graph API
//! (Instagram Direct, Messenger, comments): HTTP servers on 127.0.0.1 speaking the shapes of
//! `shared/design/channels.md` and `tools/meta-contract.md`, with seeded buyer activity in Spanish
//! and Portuguese, faults on demand and a record of what the seller's side sent. It serves the
//! connectors' tests, the sync bench and the app's demo store. No tauri here.
//!
//! Mercado Libre (`ml_base_url`, bearer token on everything but the OAuth endpoints, 500 reads
//! and 500 writes a minute, then 429 + `Retry-After`):
//! `POST /oauth/token` (authorization_code with optional PKCE S256, refresh_token single use),
//! `GET /authorization` (approves at once, 302 to the redirect URI), `GET /users/me`,
//! `GET /users/<id>`, `GET /questions/search` (api_version=4, status, item, limit ≤ 100,
//! offset < 1000, `search_type=scan` + `scroll_id`, sort by date_created), `GET /questions/<id>`,
//! `POST /answers`, `GET /items/<id>`, `GET /items?ids=`, `GET /messages/unread?role=…`,
//! `GET|POST /messages/packs/<pack>/sellers/<seller>?tag=post_sale`, `GET /orders/search`,
//! `GET /orders/<id>`, `GET /packs/<id>`, `GET /users/<id>/items_visits?date_from&date_to` (at most
//! 150 days apart; visits per listing and day derived from the seed), `GET /post-purchase/v1/claims/search`
//! (`players.role`/`player_role`, `players.user_id`/`player_user_id`, `status`, `resource_id`,
//! `stage`, `limit` ≤ 100, `offset`; 400 `invalid_query` without any filter); the seller's
//! `GET /users/<id>` carries a `seller_reputation` worked out from the orders and claims (or set by
//! a test); admin JSON under `/_sim/` (see `admin.rs`).
//!
//! Telegram (`telegram_base_url`, `/bot<token>/<method>`): getMe, getUpdates, setWebhook,
//! deleteWebhook, getWebhookInfo, sendMessage.
//!
//! Instagram (`instagram_base_url`; any `/vNN.N/` prefix; token as `Authorization: Bearer` or
//! `access_token`): `GET /oauth/authorize` (302 with `#_`), `POST /oauth/access_token` (code →
//! 1-hour token), `GET /access_token?grant_type=ig_exchange_token` (60 days),
//! `GET /refresh_access_token` (once a day old), `GET /me`, `GET /me/conversations?platform=instagram`
//! (cursor paging, newest first), `GET /<conversation-id>?fields=participants,messages.limit(20){…}`
//! (the 20 latest), `GET /<IGSID>`, `POST /me/messages` (DMs within 24 h, 7 days with HUMAN_AGENT
//! when the app has it, ≤ 1000 bytes; private replies by `comment_id`, once, within 7 days),
//! `GET /me/media`, `GET /<media-id>/comments`, `GET|POST /<comment-id>/replies`,
//! `POST /<comment-id>?hide=true`.
//!
//! Facebook (`facebook_base_url`): `GET /dialog/oauth` (302 with `#_=_`), `GET /oauth/access_token`
//! (code → user token, `fb_exchange_token` → long-lived), `GET /me`, `GET /me/accounts` (the Page
//! token, never expiring from a long-lived user token), `GET /<page-id>/conversations?platform=messenger`,
//! `GET /<conversation-id>`, `GET /<PSID>`, `POST /<page-id>/messages`, `GET /<page-id>/feed`,
//! `GET /<post-id>/comments`, `GET|POST /<comment-id>/comments`, `POST /<comment-id>` (`is_hidden`).
//! The Conversations API calls (lists, a conversation, sends) take 2 per second per account, then
//! 613 with `X-Business-Use-Case-Usage`. Admin JSON under `/_sim/` on both Meta servers too.
//!
//! Etsy (`etsy_base_url`, Open API v3, orders only): `GET /oauth/connect` (PKCE S256 required,
//! 302 with the code and the state), `POST /v3/public/oauth/token` (authorization_code with
//! `code_verifier`; refresh_token rotating: the one used dies, each lives 90 days; 1-hour access
//! tokens `<user_id>.<…>`), then with `x-api-key` (403 without) and the bearer token:
//! `GET /v3/application/users/me`, `GET /v3/application/shops/<id>`,
//! `GET /v3/application/shops/<id>/receipts` (`min_last_modified`, `max_last_modified`, `sort_on`,
//! `sort_order`, `limit` ≤ 100, `offset`). 10 requests a second and 10,000 per sliding 24 h, then 429
//! and `retry-after`; `x-remaining-today` on every admitted answer.
//!
//! Microsoft identity platform (`microsoft_base_url`, tenant `consumers`, a public client):
//! `POST /consumers/oauth2/v2.0/devicecode`, `POST /consumers/oauth2/v2.0/token` (device_code
//! grant with authorization_pending, slow_down, authorization_declined, expired_token and
//! bad_verification_code; refresh_token grant, the refresh token rotating on every use), and
//! `POST /_sim/microsoft/introspect` for the test mail server. The seller's approval comes from
//! `/_sim/microsoft/approve` or [`Simulator::microsoft_approve`].
//!
//! Faults ([`FaultKind`]): 429, 500, slow, dropped connection, truncated JSON, expired access
//! tokens, revoked grant, PolicyAgent 403; on Meta each in the Graph API's shape (613, 4, 17, 32,
//! 190/463, 190/460, 10, 200, 100/33, 500).

mod activity;
mod admin;
mod clock;
mod config;
mod control;
mod etsy;
mod faults;
mod ids;
mod meta;
mod microsoft;
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
pub use etsy::store::{EtsyApp, EtsyReceiptChange};
pub use faults::{Api, Fault, FaultKind};
pub use meta::identity::{FacebookPage, FacebookUser, InstagramAccount, MetaApp, Platform};
pub use meta::snapshot::{MetaCommentState, MetaConversationState, MetaMessageState, MetaSnapshot};
pub use microsoft::store::MicrosoftApp;
pub use ml::reputation::ReputationChange;
pub use records::{CommentReply, MetaSent, ReceivedAnswer, ReceivedMessage, SentTelegram, SimTotals};
pub use simulator::Simulator;

/// Moderation reason codes of seller post-sale messages (`message_moderation.reason`).
pub const MODERATION_REASONS: &[&str] = ml::moderation::REASONS;
/// Characters allowed in a pre-sale answer, a seller post-sale message, a Telegram message.
pub const ML_ANSWER_MAX_CHARS: usize = ml::questions::ANSWER_MAX_CHARS;
pub const ML_POST_SALE_MAX_CHARS: usize = ml::packs::SELLER_MAX_CHARS;
/// The messaging agent's user id on MLB/MLC packs that have one.
pub const ML_AGENT_USER_ID: i64 = ml::threads::AGENT_USER_ID;
