//! `sendMessage`: plain chats with the bot, and business chats through the business connection
//! (only while the buyer wrote within the last 24 hours).

use serde_json::{Value, json};

use super::bot::RETENTION_SECS;
use super::error::TgError;
use crate::activity::generator::FollowUp;
use crate::params::Params;
use crate::records::SentTelegram;
use crate::state::Shared;

pub(crate) const MAX_TEXT_CHARS: usize = 4096;

pub(crate) fn send_message(sim: &Shared, params: &Params) -> Result<Value, TgError> {
    let chat_id = params.i64("chat_id").ok_or_else(|| TgError::bad_request("chat not found"))?;
    let text = params.str("text").unwrap_or_default();
    if text.trim().is_empty() {
        return Err(TgError::bad_request("message text is empty"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(TgError::bad_request("message is too long"));
    }
    let connection_id = params.str("business_connection_id").filter(|id| !id.is_empty());
    let now = sim.now();
    let mut world = sim.world();
    let chat = world.telegram.chats.get(&chat_id).ok_or_else(|| TgError::bad_request("chat not found"))?;
    let (business, last_buyer_at, chat_json) = (chat.business, chat.last_buyer_at, chat.user.chat_json());
    if chat.blocked_bot && connection_id.is_none() {
        return Err(TgError::new(403, "Forbidden: bot was blocked by the user"));
    }
    match &connection_id {
        Some(id) => {
            let connection = world.telegram.connection.as_ref().filter(|c| &c.id == id);
            let connection = connection.ok_or_else(|| TgError::bad_request("BUSINESS_CONNECTION_INVALID"))?;
            if !connection.is_enabled || !connection.can_reply {
                return Err(TgError::bad_request("BUSINESS_CONNECTION_NOT_ALLOWED"));
            }
            if !business {
                return Err(TgError::bad_request("chat not found"));
            }
            // Telegram's wording for this case is unverified; the rule (24 h) is documented.
            if now - last_buyer_at > RETENTION_SECS {
                return Err(TgError::bad_request(
                    "BUSINESS_PEER_USAGE_MISSING: the chat was not active in the last 24 hours",
                ));
            }
        }
        None if business => return Err(TgError::bad_request("chat not found")),
        None => {}
    }
    world.ids.tg_message += 1;
    let message_id = world.ids.tg_message;
    let mut message = json!({
        "message_id": message_id,
        "from": if connection_id.is_some() { sim.bot.owner_json() } else { sim.bot.user_json() },
        "chat": chat_json,
        "date": now,
        "text": text,
    });
    if let Some(id) = &connection_id {
        message["business_connection_id"] = json!(id);
        message["sender_business_bot"] = sim.bot.user_json();
    }
    world.records.telegram.push(SentTelegram {
        chat_id,
        text,
        business_connection_id: connection_id,
        message_id,
        at: now,
    });
    world.records.totals.telegram_sent += 1;
    world.follow_ups.push(FollowUp::Telegram(chat_id));
    Ok(message)
}
