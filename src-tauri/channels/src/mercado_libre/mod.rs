//! The Mercado Libre connector: pre-sale questions, post-sale pack messages (never marked read),
//! orders, answers and pack replies, with the token refreshed and rotated as it goes; and, every
//! few hours, the seller's reputation, visits and open claims for the metrics screen.

mod buyer_names;
mod client;
mod facts;
pub(crate) mod oauth;
mod orders;
mod packs;
mod questions;
mod seller_metrics;

use std::collections::HashMap;

use mostrador_core::ingest::BuyerIdentityInput;
use mostrador_core::replies::{Delivered, OutboxItem};
use mostrador_core::vocabulary::ConversationKind;
use serde_json::Value;

use crate::sync::adapter::{Cadence, ChannelAdapter, FindSent};
use crate::sync::context::{BoxFuture, Ctx};
use crate::{ChannelError, http, lenient};
use client::MlClient;

/// Who the seller is, from `GET /users/me`.
pub(crate) struct Me {
    pub id: String,
    pub nickname: String,
    pub site_id: Option<String>,
}

pub(crate) async fn users_me(api_base: &str, access_token: &str) -> Result<Me, ChannelError> {
    let request = http::client().get(http::join(api_base, "users/me")).bearer_auth(access_token);
    let body = http::send_json(request).await?;
    let id = lenient::id(&body, "id")
        .ok_or_else(|| ChannelError::MalformedResponse("/users/me has no id".into()))?;
    Ok(Me {
        nickname: lenient::non_empty(&body, "nickname").unwrap_or(&id).to_owned(),
        site_id: lenient::non_empty(&body, "site_id").map(str::to_owned),
        id,
    })
}

/// What the inbox needs to know about a pack besides its messages (from its order).
#[derive(Debug, Clone)]
pub(crate) struct PackInfo {
    pub buyer: BuyerIdentityInput,
    pub subject: Option<String>,
    pub listing: Option<String>,
}

/// What a poll reads, in order.
#[derive(Clone, Copy)]
enum Feed {
    Orders,
    Questions,
    Packs,
    /// Reputation, visits and claims: last, so it never holds up a buyer's message.
    SellerMetrics,
}

pub(crate) struct MercadoLibre {
    client: MlClient,
    seller_id: String,
    seller_name: String,
    site_id: String,
    /// Listing titles by item id (they rarely change; one GET per listing per run).
    item_titles: HashMap<String, Option<String>>,
    /// Buyer and product of each pack, from its order.
    packs: HashMap<String, PackInfo>,
    /// Unread count of each pack when last fetched (packs still listed unread only): an unchanged
    /// count is not fetched again.
    unread_seen: HashMap<String, i64>,
    /// When questions were last re-read two days back (to catch answers and removals made on the site).
    last_rescan_at: Option<i64>,
    /// Nicknames of the buyers who asked (the questions feed gives only their ids).
    buyer_names: buyer_names::BuyerNames,
}

impl MercadoLibre {
    pub(crate) fn from_settings(ctx: &Ctx<'_>) -> Result<MercadoLibre, ChannelError> {
        let api_base = ctx.setting("api_base").unwrap_or_else(|| crate::connect::ML_API_BASE.to_owned());
        let seller_id =
            ctx.setting("seller_id").or_else(|| ctx.account.external_id.clone()).ok_or_else(|| {
                ChannelError::NotConfigured("the Mercado Libre account has no seller id".into())
            })?;
        let client_id = ctx.setting("client_id").ok_or_else(|| {
            ChannelError::NotConfigured("the Mercado Libre account has no client id".into())
        })?;
        Ok(MercadoLibre {
            client: MlClient::new(ctx.account_id(), api_base, client_id, ctx.core.db_path().to_path_buf()),
            seller_id,
            seller_name: ctx.setting("nickname").unwrap_or_else(|| ctx.account.display_name.clone()),
            site_id: ctx.setting("site_id").unwrap_or_else(|| "MLA".to_owned()),
            item_titles: HashMap::new(),
            packs: HashMap::new(),
            unread_seen: HashMap::new(),
            last_rescan_at: None,
            buyer_names: buyer_names::BuyerNames::default(),
        })
    }

    async fn get(
        &mut self,
        ctx: &Ctx<'_>,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Value, ChannelError> {
        self.client.get(ctx.secrets, ctx.now(), path, query).await
    }

    async fn post(
        &mut self,
        ctx: &Ctx<'_>,
        path: &str,
        query: &[(&str, String)],
        body: &Value,
    ) -> Result<Value, ChannelError> {
        self.client.post(ctx.secrets, ctx.now(), path, query, body).await
    }

    /// The listing's title, fetched once per item (`None` when the listing cannot be read).
    async fn item_title(&mut self, ctx: &Ctx<'_>, item_id: &str) -> Result<Option<String>, ChannelError> {
        if let Some(title) = self.item_titles.get(item_id) {
            return Ok(title.clone());
        }
        let title = match self.get(ctx, &format!("items/{item_id}"), &[]).await {
            Ok(item) => lenient::non_empty(&item, "title").map(str::to_owned),
            // A closed or foreign listing: the question still shows, without a title.
            Err(ChannelError::Rejected { status: 403 | 404, .. }) => None,
            Err(e) => return Err(e),
        };
        self.item_titles.insert(item_id.to_owned(), title.clone());
        Ok(title)
    }

    async fn poll_all(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        // Orders first: they name the buyer of each pack the messages then belong to. A feed that
        // fails does not keep the others from the seller; only what stops every call (slow down,
        // no connection, no authorisation) ends the poll early; else the first error is the round's.
        let mut first_error = None;
        for feed in [Feed::Orders, Feed::Questions, Feed::Packs, Feed::SellerMetrics] {
            let result = match feed {
                Feed::Orders => orders::poll(self, ctx).await,
                Feed::Questions => questions::poll(self, ctx).await,
                Feed::Packs => packs::poll(self, ctx).await,
                Feed::SellerMetrics => seller_metrics::poll(self, ctx).await,
            };
            if let Err(e) = result {
                let stops_all = matches!(e, ChannelError::RateLimited { .. } | ChannelError::Offline(_))
                    || e.needs_reconnect();
                if stops_all {
                    // It decides when to try again (Retry-After, reconnect), so it is the one told.
                    return Err(e);
                }
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    async fn send_reply(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        match item.conversation_kind {
            ConversationKind::PreSaleQuestion => questions::answer(self, ctx, item).await,
            _ => packs::send(self, ctx, item).await,
        }
    }

    async fn find(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<FindSent, ChannelError> {
        match item.conversation_kind {
            ConversationKind::PreSaleQuestion => questions::find_answer(self, ctx, item).await,
            _ => packs::find_sent(self, ctx, item).await,
        }
    }
}

impl ChannelAdapter for MercadoLibre {
    fn poll<'a>(&'a mut self, ctx: &'a Ctx<'a>) -> BoxFuture<'a, Result<(), ChannelError>> {
        Box::pin(self.poll_all(ctx))
    }

    fn send<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<Delivered, ChannelError>> {
        Box::pin(self.send_reply(ctx, item))
    }

    fn find_sent<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<FindSent, ChannelError>> {
        Box::pin(self.find(ctx, item))
    }

    fn cadence(&self) -> Cadence {
        // channels.md: poll unanswered questions and unread packs every 1–2 minutes.
        Cadence { active_secs: 10, idle_secs: 90 }
    }
}

/// A user id as JSON: a number when it is one (ML's own type), else the string.
pub(crate) fn user_id_json(id: &str) -> Value {
    id.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(id))
}

/// The currency of a site when an order does not say.
pub(crate) fn site_currency(site_id: &str) -> &'static str {
    match site_id {
        "MLB" => "BRL",
        "MLM" => "MXN",
        "MLC" => "CLP",
        "MCO" => "COP",
        "MLU" => "UYU",
        "MPE" => "PEN",
        "MEC" => "USD",
        "MLV" => "VES",
        _ => "ARS",
    }
}
