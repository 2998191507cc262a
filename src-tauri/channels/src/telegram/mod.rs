//! The Telegram connector: getUpdates long polling (the offset is stored in the same commit as the
//! updates it confirms), plain bot chats and Telegram Business chats with edits and deletions;
//! replies with sendMessage (with `business_connection_id` in a business chat).

pub(crate) mod api;
mod facts;
mod updates;

use std::time::Duration;

use mostrador_core::accounts::CursorUpdate;
use mostrador_core::replies::{Delivered, OutboxItem};
use mostrador_core::vocabulary::MessageStatus;
use serde_json::json;

use crate::keys::Keys;
use crate::sync::adapter::{Cadence, ChannelAdapter, FindSent};
use crate::sync::context::{BoxFuture, Ctx};
use crate::{ChannelError, lenient};

/// The stream whose cursor is the next getUpdates offset (last update_id + 1).
const STREAM: &str = "updates";
/// getUpdates calls in one round when the server keeps returning full pages.
const MAX_PAGES_PER_ROUND: u32 = 200;

pub(crate) struct Telegram {
    api_base: String,
    keys: Keys,
    token: Option<String>,
    long_poll_secs: u64,
}

impl Telegram {
    pub(crate) fn from_settings(ctx: &Ctx<'_>) -> Result<Telegram, ChannelError> {
        Ok(Telegram {
            api_base: ctx.setting("api_base").unwrap_or_else(|| crate::connect::TELEGRAM_API_BASE.to_owned()),
            keys: Keys::new(ctx.account_id()),
            token: None,
            long_poll_secs: lenient::int(&ctx.account.settings, "long_poll_secs")
                .map_or(facts::LONG_POLL_SECS, |s| s.clamp(0, 50) as u64),
        })
    }

    async fn token(&mut self, ctx: &Ctx<'_>) -> Result<String, ChannelError> {
        if let Some(token) = &self.token {
            return Ok(token.clone());
        }
        let token = crate::secrets::get_off_thread(ctx.secrets, self.keys.bot_token())
            .await?
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ChannelError::SecretMissing("bot_token".into()))?;
        self.token = Some(token.clone());
        Ok(token)
    }

    async fn poll_updates(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        let token = self.token(ctx).await?;
        let mut offset: Option<i64> = ctx.cursor(STREAM).await?.and_then(|c| c.trim().parse().ok());
        for page in 0..MAX_PAGES_PER_ROUND {
            // Wait for news only on the first call of an engine round; later calls drain what is
            // queued. A one-shot round (`sync --once`, no interrupt) has nobody waiting on it: it
            // drains and returns instead of holding the caller for the long poll.
            let wait = if page == 0 && ctx.interrupt.is_some() { self.long_poll_secs } else { 0 };
            let request = api::get_updates(&self.api_base, &token, offset, wait);
            let answer = match ctx.interrupt {
                Some(interrupt) => tokio::select! {
                    updates = request => updates,
                    // The seller queued a reply: send it now; the offset did not move, nothing is lost.
                    () = interrupt.notified() => return Ok(()),
                },
                None => request.await,
            };
            let updates = match answer {
                // Someone set a webhook since the account was connected: getUpdates needs none.
                Err(ChannelError::Rejected { status: 409, detail }) if detail.contains("webhook") => {
                    api::delete_webhook(&self.api_base, &token).await?;
                    api::get_updates(&self.api_base, &token, offset, 0).await?
                }
                // Another poller of this bot (the CLI beside the app) asked after us: Telegram
                // answers it instead. Nothing was confirmed; the next round asks again.
                Err(ChannelError::Rejected { status: 409, detail })
                    if detail.contains("terminated by other getUpdates") =>
                {
                    return Ok(());
                }
                other => other?,
            };
            let Some(last) = updates.iter().filter_map(|u| lenient::int(u, "update_id")).max() else { break };
            let mut collected = updates::Collected::default();
            for update in &updates {
                collected.add(ctx, update);
            }
            let mut batch = collected.into_batch();
            // Stored first: the next call confirms these updates with offset = last + 1.
            batch.cursors.push(CursorUpdate { stream: STREAM.into(), cursor: (last + 1).to_string() });
            ctx.commit(batch).await?;
            offset = Some(last + 1);
            if updates.len() < facts::UPDATES_PAGE as usize {
                break;
            }
        }
        Ok(())
    }

    async fn send_message(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        let token = self.token(ctx).await?;
        if item.text.chars().count() > facts::MAX_CHARS {
            return Err(ChannelError::TooLong { limit: facts::MAX_CHARS as u32 });
        }
        let thread = updates::Thread::parse(&item.conversation_ref).ok_or_else(|| {
            ChannelError::NotConfigured(format!("{} is not a Telegram chat", item.conversation_ref))
        })?;
        let mut body =
            json!({ "chat_id": crate::mercado_libre::user_id_json(&thread.chat_id), "text": item.text });
        if let Some(connection) = &thread.business_connection_id {
            body["business_connection_id"] = json!(connection);
        }
        let sent = match api::call(&self.api_base, &token, "sendMessage", &body, Duration::ZERO).await {
            Ok(sent) => sent,
            Err(ChannelError::Rejected { status: 403, .. }) => {
                return Err(ChannelError::BlockedConversation("blocked_by_user".into()));
            }
            Err(ChannelError::Rejected { status: 400, detail })
                if thread.business_connection_id.is_some()
                    && !detail.to_ascii_lowercase().contains("too long") =>
            {
                return Err(ChannelError::ReplyWindowClosed);
            }
            // Telegram carried the request out but its answer was garbled: it may be in the chat, and
            // a bot cannot look; the seller decides rather than the buyer getting it twice.
            Err(ChannelError::MalformedResponse(_)) => return Err(ChannelError::DeliveryUnknown),
            Err(e) => return Err(e),
        };
        let message_id = lenient::id(&sent, "message_id")
            .ok_or_else(|| ChannelError::MalformedResponse("sendMessage returned no message_id".into()))?;
        Ok(Delivered {
            external_id: thread.message_id(&message_id),
            sent_at: lenient::int(&sent, "date").unwrap_or_else(|| ctx.now()),
            status: MessageStatus::Sent,
            moderation_reason: None,
        })
    }
}

impl ChannelAdapter for Telegram {
    fn poll<'a>(&'a mut self, ctx: &'a Ctx<'a>) -> BoxFuture<'a, Result<(), ChannelError>> {
        Box::pin(self.poll_updates(ctx))
    }

    fn send<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<Delivered, ChannelError>> {
        Box::pin(self.send_message(ctx, item))
    }

    fn find_sent<'a>(
        &'a mut self,
        _ctx: &'a Ctx<'a>,
        _item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<FindSent, ChannelError>> {
        // A bot cannot read a chat's history, and its own messages do not come back in updates.
        Box::pin(async { Ok(FindSent::Unknowable) })
    }

    fn cadence(&self) -> Cadence {
        // The long poll itself waits for news; between calls only a short pause.
        Cadence { active_secs: 1, idle_secs: 2 }
    }
}
