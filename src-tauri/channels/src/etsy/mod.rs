//! The Etsy connector: orders only. Etsy has no messaging API (its conversations reach the seller
//! as notice e-mails, read by the e-mail connector into this same account); the Open API v3's
//! receipts bring the shop's orders, with the buyer and the items, into the buyer's page and the
//! capacity calendar. Replies to Etsy buyers are copied and sent on etsy.com.

pub(crate) mod client;
mod receipts;

use mostrador_core::replies::{Delivered, OutboxItem};

use crate::sync::adapter::{Cadence, ChannelAdapter, FindSent};
use crate::sync::context::{BoxFuture, Ctx};
use crate::{ChannelError, lenient};
use client::EtsyClient;

/// Who connected, from `GET /v3/application/users/me`, and the shop's name.
pub(crate) struct Me {
    pub user_id: String,
    pub shop_id: String,
    pub shop_name: Option<String>,
}

pub(crate) async fn users_me(
    api_base: &str,
    keystring: &str,
    access_token: &str,
) -> Result<Me, ChannelError> {
    let (me, _) = client::get(api_base, keystring, access_token, "users/me", &[]).await?;
    let user_id = lenient::id(&me, "user_id")
        .ok_or_else(|| ChannelError::MalformedResponse("users/me has no user_id".into()))?;
    let shop_id = lenient::id(&me, "shop_id")
        .ok_or_else(|| ChannelError::NotConfigured("this Etsy user has no shop".into()))?;
    // The name only labels the account: without it the account is still usable.
    let shop_name =
        match client::get(api_base, keystring, access_token, &format!("shops/{shop_id}"), &[]).await {
            Ok((shop, _)) => lenient::non_empty(&shop, "shop_name").map(str::to_owned),
            Err(_) => None,
        };
    Ok(Me { user_id, shop_id, shop_name })
}

fn no_messaging() -> ChannelError {
    ChannelError::Rejected {
        status: 405,
        detail: "Etsy has no messaging API: copy the reply and send it on etsy.com".into(),
    }
}

pub(crate) struct Etsy {
    client: EtsyClient,
    shop_id: String,
}

impl Etsy {
    pub(crate) fn from_settings(ctx: &Ctx<'_>) -> Result<Etsy, ChannelError> {
        let not_set =
            |what: &str| ChannelError::NotConfigured(format!("the Etsy account has no {what}: connect Etsy"));
        let api_base = ctx.setting("api_base").ok_or_else(|| not_set("API address"))?;
        let keystring = ctx.setting("keystring").ok_or_else(|| not_set("app keystring"))?;
        let shop_id = ctx.setting("shop_id").ok_or_else(|| not_set("shop id"))?;
        Ok(Etsy { client: EtsyClient::new(ctx.account_id(), api_base, keystring), shop_id })
    }
}

impl ChannelAdapter for Etsy {
    fn poll<'a>(&'a mut self, ctx: &'a Ctx<'a>) -> BoxFuture<'a, Result<(), ChannelError>> {
        Box::pin(receipts::poll(self, ctx))
    }

    fn send<'a>(
        &'a mut self,
        _ctx: &'a Ctx<'a>,
        _item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<Delivered, ChannelError>> {
        Box::pin(async { Err(no_messaging()) })
    }

    fn find_sent<'a>(
        &'a mut self,
        _ctx: &'a Ctx<'a>,
        _item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<FindSent, ChannelError>> {
        Box::pin(async { Err(no_messaging()) })
    }

    fn cadence(&self) -> Cadence {
        // Orders, not chat: every few minutes keeps well inside 10,000 requests a day per app.
        Cadence { active_secs: 120, idle_secs: 300 }
    }
}
