//! The bot, its chats, the business connection and the queue of pending updates (kept at most
//! 24 hours, as Telegram keeps them).

use std::collections::{HashMap, VecDeque};

use serde_json::{Value, json};

use crate::activity::catalog::Catalog;
use crate::ids::{alnum, mix64};
use crate::site::Lang;

pub(crate) const RETENTION_SECS: i64 = 24 * 3600;

pub(crate) struct BotIdentity {
    pub id: i64,
    pub token: String,
    pub username: String,
    pub first_name: String,
    /// The seller's own Telegram account (the business account the bot is connected to).
    pub owner_id: i64,
    pub owner_first_name: String,
}

impl BotIdentity {
    pub fn new(seed: u64, catalog: &Catalog) -> BotIdentity {
        let id = 7_000_000_000 + (mix64(seed ^ 0xb07) % 900_000_000) as i64;
        BotIdentity {
            id,
            token: format!("{id}:AA{}", alnum(seed, 0x70ce, 33)),
            username: format!("{}_bot", catalog.seller_nickname.to_lowercase()),
            first_name: format!("{} {}", catalog.seller_first_name, catalog.seller_last_name),
            owner_id: 400_000_000 + (mix64(seed ^ 0x0fe) % 90_000_000) as i64,
            owner_first_name: catalog.seller_first_name.clone(),
        }
    }

    pub fn user_json(&self) -> Value {
        json!({ "id": self.id, "is_bot": true, "first_name": self.first_name, "username": self.username })
    }

    pub fn owner_json(&self) -> Value {
        json!({ "id": self.owner_id, "is_bot": false, "first_name": self.owner_first_name })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TgUser {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub lang: Lang,
}

impl TgUser {
    pub fn user_json(&self) -> Value {
        let mut user = json!({
            "id": self.id,
            "is_bot": false,
            "first_name": self.first_name,
            "language_code": if self.lang == Lang::Pt { "pt-br" } else { "es" },
        });
        if let Some(last) = &self.last_name {
            user["last_name"] = json!(last);
        }
        if let Some(username) = &self.username {
            user["username"] = json!(username);
        }
        user
    }

    pub fn chat_json(&self) -> Value {
        let mut chat = json!({ "id": self.id, "type": "private", "first_name": self.first_name });
        if let Some(last) = &self.last_name {
            chat["last_name"] = json!(last);
        }
        if let Some(username) = &self.username {
            chat["username"] = json!(username);
        }
        chat
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Chat {
    pub user: TgUser,
    /// A private chat of the seller's business account (reached through the business connection).
    pub business: bool,
    /// When the buyer last wrote: business replies are allowed for 24 h after it.
    pub last_buyer_at: i64,
    /// (message_id, text) of the buyer's messages, oldest first.
    pub messages: Vec<(i64, String)>,
    /// The buyer blocked the bot: sends fail with 403.
    pub blocked_bot: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct BusinessConnection {
    pub id: String,
    pub date: i64,
    pub can_reply: bool,
    pub is_enabled: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Update {
    pub id: i64,
    pub date: i64,
    /// "message", "business_connection", "business_message", …
    pub kind: &'static str,
    /// The whole update object, `update_id` included.
    pub body: Value,
}

/// Update kinds delivered when `allowed_updates` is empty or absent.
const DEFAULT_KINDS: &[&str] = &[
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "inline_query",
    "callback_query",
];

pub(crate) struct TelegramStore {
    pub updates: VecDeque<Update>,
    pub chats: HashMap<i64, Chat>,
    pub plain_chat_ids: Vec<i64>,
    pub business_chat_ids: Vec<i64>,
    pub connection: Option<BusinessConnection>,
    /// Set by getUpdates' `allowed_updates`; remembered until changed.
    pub allowed: Option<Vec<String>>,
    pub webhook: Option<String>,
    /// Bumped by every getUpdates: an older long poll still waiting ends with 409.
    pub poll_generation: u64,
}

impl TelegramStore {
    pub fn new() -> TelegramStore {
        TelegramStore {
            updates: VecDeque::new(),
            chats: HashMap::new(),
            plain_chat_ids: Vec::new(),
            business_chat_ids: Vec::new(),
            connection: None,
            allowed: None,
            webhook: None,
            poll_generation: 0,
        }
    }

    pub fn push(&mut self, id: i64, date: i64, kind: &'static str, payload: Value) {
        let mut body = json!({ "update_id": id });
        body[kind] = payload;
        self.updates.push_back(Update { id, date, kind, body });
    }

    /// Forgets what Telegram would have dropped: older than 24 h, or confirmed by `offset`.
    pub fn confirm(&mut self, offset: Option<i64>, now: i64) {
        while self.updates.front().is_some_and(|update| update.date < now - RETENTION_SECS) {
            self.updates.pop_front();
        }
        match offset {
            Some(offset) if offset > 0 => {
                while self.updates.front().is_some_and(|update| update.id < offset) {
                    self.updates.pop_front();
                }
            }
            // A negative offset keeps only the last -offset updates.
            Some(offset) if offset < 0 => {
                let keep = offset.unsigned_abs() as usize;
                while self.updates.len() > keep {
                    self.updates.pop_front();
                }
            }
            _ => {}
        }
    }

    pub fn deliverable(&self, limit: usize) -> Vec<Value> {
        let allowed = |kind: &str| match &self.allowed {
            Some(kinds) if !kinds.is_empty() => kinds.iter().any(|allowed| allowed == kind),
            _ => DEFAULT_KINDS.contains(&kind),
        };
        self.updates
            .iter()
            .filter(|update| allowed(update.kind))
            .take(limit)
            .map(|update| update.body.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_confirm_and_old_updates_expire() {
        let mut store = TelegramStore::new();
        for id in 1..=5 {
            store.push(id, 1_000 + id, "message", json!({ "text": id }));
        }
        store.confirm(Some(3), 2_000);
        assert_eq!(store.deliverable(100).len(), 3);
        store.confirm(Some(-1), 2_000);
        assert_eq!(store.deliverable(100)[0]["update_id"], 5);
        store.confirm(None, 1_005 + RETENTION_SECS + 1);
        assert!(store.deliverable(100).is_empty());
    }
}
