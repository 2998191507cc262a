//! The Instagram and Messenger connector, over Meta's Graph API: direct conversations read through
//! the Conversations API within its 2 calls per second per account (`conversations`), comments on
//! the shop's posts as conversations of their own (`comments`), replies, public comment replies and
//! the one private reply a comment takes, and Instagram's long-lived token refreshed well before its
//! 60 days are over. An Instagram account is connected with Instagram Login (`graph.instagram.com`,
//! paths under `me`); a Messenger account is a Facebook Page (`graph.facebook.com`, paths under the
//! Page's id) with the Page's token, which does not expire.

mod comments;
mod conversations;
pub(crate) mod facts;
pub(crate) mod graph;
pub(crate) mod login;

use mostrador_core::replies::{Delivered, OutboxItem, ReplyRoute};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, MessageStatus};
use serde_json::{Value, json};

use crate::keys::Keys;
use crate::sync::adapter::{Cadence, ChannelAdapter, FindSent};
use crate::sync::context::{BoxFuture, Ctx, blocking};
use crate::{ChannelError, lenient};
use graph::{Counted, Graph};

/// Which of Meta's messaging products an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Platform {
    Instagram,
    Messenger,
}

impl Platform {
    pub(crate) fn of(channel: ChannelKind) -> Option<Platform> {
        match channel {
            ChannelKind::Instagram => Some(Platform::Instagram),
            ChannelKind::Messenger => Some(Platform::Messenger),
            _ => None,
        }
    }

    /// The `platform` parameter of the conversations list.
    fn api_name(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Messenger => "messenger",
        }
    }

    /// The first part of a direct conversation's reference.
    fn ref_prefix(self) -> &'static str {
        match self {
            Platform::Instagram => "ig",
            Platform::Messenger => "fb",
        }
    }
}

pub(crate) struct Meta {
    platform: Platform,
    graph: Graph,
    /// Where the account's collections hang: `me` (Instagram Login) or the Page's id.
    owner: String,
    /// The shop's own id on the platform (the Instagram account's user id, the Page's id): what it
    /// wrote is the seller's.
    shop_id: String,
    /// How replies are signed in the thread.
    shop_name: String,
    /// The seller's Meta app may tag a human agent's reply (7 days to answer instead of 24 h).
    human_agent: bool,
    keys: Keys,
    /// When the Instagram token stops working (settings `access_expires_at`).
    access_expires_at: Option<i64>,
    seen: comments::Seen,
    /// Changed conversations are still waiting to be read: the engine comes back at once.
    backlog: bool,
    loaded_token: bool,
}

impl Meta {
    pub(crate) fn from_settings(ctx: &Ctx<'_>) -> Result<Meta, ChannelError> {
        let platform = Platform::of(ctx.account.channel)
            .ok_or_else(|| ChannelError::NotConfigured("not an Instagram or Messenger account".into()))?;
        let api_base = ctx.setting("api_base").unwrap_or_else(|| match platform {
            Platform::Instagram => crate::connect::INSTAGRAM_GRAPH_BASE.to_owned(),
            Platform::Messenger => crate::connect::FACEBOOK_GRAPH_BASE.to_owned(),
        });
        let (owner, shop_id) = match platform {
            Platform::Instagram => {
                let id = ctx.setting("ig_user_id").or_else(|| ctx.account.external_id.clone()).ok_or_else(
                    || ChannelError::NotConfigured("the Instagram account has no user id".into()),
                )?;
                ("me".to_owned(), id)
            }
            Platform::Messenger => {
                let page =
                    ctx.setting("page_id").or_else(|| ctx.account.external_id.clone()).ok_or_else(|| {
                        ChannelError::NotConfigured("the Messenger account has no Page id".into())
                    })?;
                (page.clone(), page)
            }
        };
        Ok(Meta {
            platform,
            graph: Graph::new(&api_base, String::new(), &shop_id),
            owner,
            shop_id,
            shop_name: ctx
                .setting("username")
                .map(|u| format!("@{u}"))
                .or_else(|| ctx.setting("page_name"))
                .unwrap_or_else(|| ctx.account.display_name.clone()),
            human_agent: lenient::boolean(&ctx.account.settings, "human_agent") == Some(true),
            keys: Keys::new(ctx.account_id()),
            access_expires_at: lenient::int(&ctx.account.settings, "access_expires_at"),
            seen: comments::Seen::default(),
            backlog: false,
            loaded_token: false,
        })
    }

    /// The token from the secret store, once per run; Instagram's refreshed ahead of its expiry.
    async fn ready(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        if !self.loaded_token {
            let token = crate::secrets::get_off_thread(ctx.secrets, self.keys.access_token())
                .await?
                .filter(|t| !t.is_empty())
                .ok_or_else(|| ChannelError::SecretMissing("access_token".into()))?;
            self.graph.set_token(token);
            self.loaded_token = true;
        }
        if self.platform == Platform::Instagram
            && let Some(expires_at) = self.access_expires_at
        {
            let now = ctx.now();
            if expires_at <= now {
                return Err(ChannelError::TokenRevoked(
                    "the Instagram access expired (60 days without a refresh)".into(),
                ));
            }
            if expires_at - now < facts::REFRESH_WHEN_LEFT_SECS {
                self.refresh(ctx).await?;
            }
        }
        Ok(())
    }

    /// A new 60-day Instagram token: stored before it is used, its expiry kept in the settings.
    async fn refresh(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        let base = ctx.setting("api_base").unwrap_or_else(|| crate::connect::INSTAGRAM_GRAPH_BASE.to_owned());
        let fresh = match login::instagram_refresh(&base, self.graph.token()).await {
            Ok(fresh) => fresh,
            // Too young to refresh (issued less than 24 h ago, by another process): use it as it is.
            Err(ChannelError::Rejected { .. }) => return Ok(()),
            Err(e) => return Err(e),
        };
        crate::secrets::set_off_thread(ctx.secrets, self.keys.access_token(), fresh.access_token.clone())
            .await?;
        let expires_at = ctx.now() + fresh.expires_in;
        let mut settings = match &ctx.account.settings {
            Value::Object(map) => map.clone(),
            _ => serde_json::Map::new(),
        };
        settings.insert("access_expires_at".into(), json!(expires_at));
        let account_id = ctx.account_id();
        let settings = Value::Object(settings);
        blocking(ctx.core, move |core| core.update_account_settings(account_id, &settings)).await?;
        self.graph.set_token(fresh.access_token);
        self.access_expires_at = Some(expires_at);
        Ok(())
    }

    async fn poll_all(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        self.ready(ctx).await?;
        conversations::poll(self, ctx).await?;
        comments::poll(self, ctx).await
    }

    async fn send_reply(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        self.ready(ctx).await?;
        match (item.route, item.conversation_kind) {
            (ReplyRoute::PrivateReply, _) => self.private_reply(ctx, item).await,
            (ReplyRoute::Thread, ConversationKind::Comment) => self.public_reply(ctx, item).await,
            (ReplyRoute::Thread, _) => self.message(ctx, item).await,
        }
    }

    /// A direct message; past 24 h, tagged as a human agent's reply when the seller's app may.
    async fn message(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        if item.text.len() > facts::MAX_MESSAGE_BYTES {
            return Err(ChannelError::TooLong { limit: facts::MAX_MESSAGE_BYTES as u32 });
        }
        let (_, recipient) = conversations::parse_reference(&item.conversation_ref).ok_or_else(|| {
            ChannelError::NotConfigured(format!("{} is not a direct conversation", item.conversation_ref))
        })?;
        let path = format!("{}/messages", self.owner);
        let body = json!({ "recipient": { "id": recipient }, "messaging_type": "RESPONSE", "message": { "text": item.text } });
        let sent = match self.graph.post_json(&path, &body, Counted::Yes).await {
            Err(ChannelError::ReplyWindowClosed) if self.human_agent => {
                let tagged = json!({
                    "recipient": { "id": recipient },
                    "messaging_type": "MESSAGE_TAG",
                    "tag": "HUMAN_AGENT",
                    "message": { "text": item.text },
                });
                match self.graph.post_json(&path, &tagged, Counted::Yes).await {
                    // The app lacks the feature after all: the window is what closed.
                    Err(ChannelError::Rejected { detail, .. })
                        if detail.contains(&facts::TAG_UNAVAILABLE_SUBCODE.to_string()) =>
                    {
                        return Err(ChannelError::ReplyWindowClosed);
                    }
                    other => other?,
                }
            }
            Err(ChannelError::MalformedResponse(_)) => return Err(ChannelError::DeliveryUnknown),
            other => other?,
        };
        let mid = lenient::id(&sent, "message_id")
            .ok_or_else(|| ChannelError::MalformedResponse("the send answer has no message_id".into()))?;
        Ok(Delivered {
            external_id: format!("mid:{mid}"),
            sent_at: ctx.now(),
            status: MessageStatus::Sent,
            moderation_reason: None,
        })
    }

    /// The one private message a comment takes; it shows in the comment's thread under its own id
    /// (the direct conversation it opens keeps Meta's message id for the same words).
    async fn private_reply(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        let (_, comment) = comments::comment_of(&item.conversation_ref).ok_or_else(|| {
            ChannelError::NotConfigured(format!("{} is not a comment", item.conversation_ref))
        })?;
        if item.text.len() > facts::MAX_MESSAGE_BYTES {
            return Err(ChannelError::TooLong { limit: facts::MAX_MESSAGE_BYTES as u32 });
        }
        let path = format!("{}/messages", self.owner);
        let body = json!({ "recipient": { "comment_id": comment }, "message": { "text": item.text } });
        match self.graph.post_json(&path, &body, Counted::Yes).await {
            Ok(_) => {}
            Err(ChannelError::MalformedResponse(_)) => return Err(ChannelError::DeliveryUnknown),
            Err(e) => return Err(e),
        }
        Ok(Delivered {
            external_id: format!("private:{comment}"),
            sent_at: ctx.now(),
            status: MessageStatus::Sent,
            moderation_reason: None,
        })
    }

    /// A reply under the comment that started the thread, for everyone to read.
    async fn public_reply(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        let (_, comment) = comments::comment_of(&item.conversation_ref).ok_or_else(|| {
            ChannelError::NotConfigured(format!("{} is not a comment", item.conversation_ref))
        })?;
        let path = match self.platform {
            Platform::Instagram => format!("{comment}/replies"),
            Platform::Messenger => format!("{comment}/comments"),
        };
        let created = match self.graph.post_form(&path, &[("message", item.text.as_str())], Counted::No).await
        {
            Ok(created) => created,
            Err(ChannelError::MalformedResponse(_)) => return Err(ChannelError::DeliveryUnknown),
            Err(e) => return Err(e),
        };
        let id = lenient::id(&created, "id")
            .ok_or_else(|| ChannelError::MalformedResponse("the comment reply answer has no id".into()))?;
        Ok(Delivered {
            external_id: format!("comment:{id}"),
            sent_at: ctx.now(),
            status: MessageStatus::Sent,
            moderation_reason: None,
        })
    }

    /// A reply whose send was interrupted: looked for where it would be.
    async fn find(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<FindSent, ChannelError> {
        self.ready(ctx).await?;
        match (item.route, item.conversation_kind) {
            // A private reply lands in a conversation that may not be listed until the buyer
            // answers: the seller decides rather than the buyer getting two.
            (ReplyRoute::PrivateReply, _) => Ok(FindSent::Unknowable),
            (ReplyRoute::Thread, ConversationKind::Comment) => self.find_public_reply(ctx, item).await,
            (ReplyRoute::Thread, _) => self.find_message(ctx, item).await,
        }
    }

    async fn find_message(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<FindSent, ChannelError> {
        let Some((conversation_id, _)) = conversations::parse_reference(&item.conversation_ref) else {
            return Ok(FindSent::NotSent);
        };
        let conversation = conversations::fetch(self, conversation_id).await?;
        let messages = lenient::list(&conversation, "messages/data");
        let claimed = item.created_at - 60;
        for message in messages {
            let ours = lenient::id(message, "from/id").is_some_and(|from| from == self.shop_id);
            if ours
                && lenient::text(message, "message").is_some_and(|t| t.trim() == item.text.trim())
                && lenient::time(message, "created_time").is_some_and(|at| at >= claimed)
                && let Some(mid) = lenient::id(message, "id")
            {
                let external_id = format!("mid:{mid}");
                let taken = {
                    let (account_id, outbox_id, id) = (ctx.account_id(), item.id, external_id.clone());
                    blocking(ctx.core, move |core| core.outbox_message_taken(account_id, &id, outbox_id))
                        .await?
                };
                if !taken {
                    return Ok(FindSent::Delivered(Delivered {
                        external_id,
                        sent_at: lenient::time(message, "created_time").unwrap_or(item.created_at),
                        status: MessageStatus::Sent,
                        moderation_reason: None,
                    }));
                }
            }
        }
        // The 20 messages read reach back before the reply was written: it is not there.
        let oldest = messages.iter().filter_map(|m| lenient::time(m, "created_time")).min();
        let covered =
            messages.len() < facts::MESSAGES_PER_CONVERSATION as usize || oldest.is_some_and(|t| t < claimed);
        Ok(if covered { FindSent::NotSent } else { FindSent::Unknowable })
    }

    async fn find_public_reply(
        &mut self,
        ctx: &Ctx<'_>,
        item: &OutboxItem,
    ) -> Result<FindSent, ChannelError> {
        let Some((_, comment)) = comments::comment_of(&item.conversation_ref) else {
            return Ok(FindSent::NotSent);
        };
        let (path, fields) = match self.platform {
            Platform::Instagram => (format!("{comment}/replies"), "id,text,timestamp,username,from"),
            Platform::Messenger => (format!("{comment}/comments"), "id,message,created_time,from"),
        };
        let page = self
            .graph
            .get(&path, &[("fields", fields.to_owned()), ("limit", "100".to_owned())], Counted::No)
            .await?;
        for reply in lenient::list(&page, "data") {
            let ours = lenient::id(reply, "from/id").is_some_and(|from| from == self.shop_id);
            let text = lenient::text(reply, "text").or_else(|| lenient::text(reply, "message"));
            if ours
                && text.is_some_and(|t| t.trim() == item.text.trim())
                && let Some(id) = lenient::id(reply, "id")
            {
                let external_id = format!("comment:{id}");
                let (account_id, outbox_id, taken_id) = (ctx.account_id(), item.id, external_id.clone());
                if !blocking(ctx.core, move |core| {
                    core.outbox_message_taken(account_id, &taken_id, outbox_id)
                })
                .await?
                {
                    return Ok(FindSent::Delivered(Delivered {
                        external_id,
                        sent_at: lenient::time(reply, "timestamp")
                            .or_else(|| lenient::time(reply, "created_time"))
                            .unwrap_or(item.created_at),
                        status: MessageStatus::Sent,
                        moderation_reason: None,
                    }));
                }
            }
        }
        Ok(FindSent::NotSent)
    }
}

impl ChannelAdapter for Meta {
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
        // channels.md: poll every 60–120 s; the engine adds no jitter of its own between rounds.
        Cadence { active_secs: 60, idle_secs: 120 }
    }

    fn backlog(&self) -> bool {
        self.backlog
    }
}
