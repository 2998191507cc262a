//! Telegram updates as messages: plain bot chats ("chat:<chat id>") and Telegram Business chats
//! ("biz:<chat id>:<business connection id>"), edits re-stored under the same id, deletions marked.

use std::collections::HashMap;

use mostrador_core::accounts::{ConversationUpdate, SyncBatch};
use mostrador_core::conversations::AttachmentInput;
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus};
use serde_json::Value;

use super::facts;
use crate::lenient;
use crate::sync::context::Ctx;

/// Where a reply goes: a chat, through a business connection or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Thread {
    pub chat_id: String,
    pub business_connection_id: Option<String>,
}

impl Thread {
    pub(crate) fn parse(reference: &str) -> Option<Thread> {
        if let Some(chat) = reference.strip_prefix("chat:") {
            return (!chat.is_empty())
                .then(|| Thread { chat_id: chat.to_owned(), business_connection_id: None });
        }
        let (chat, connection) = reference.strip_prefix("biz:")?.split_once(':')?;
        (!chat.is_empty() && !connection.is_empty())
            .then(|| Thread { chat_id: chat.to_owned(), business_connection_id: Some(connection.to_owned()) })
    }

    fn reference(&self) -> String {
        match &self.business_connection_id {
            None => format!("chat:{}", self.chat_id),
            Some(connection) => format!("biz:{}:{connection}", self.chat_id),
        }
    }

    /// Message ids are unique within a chat; business chats are the seller's own, apart from the bot's.
    pub(crate) fn message_id(&self, message_id: &str) -> String {
        match self.business_connection_id {
            None => format!("chat:{}:{message_id}", self.chat_id),
            Some(_) => format!("biz:{}:{message_id}", self.chat_id),
        }
    }
}

/// One getUpdates page turned into a batch.
#[derive(Default)]
pub(crate) struct Collected {
    batch: SyncBatch,
    /// Newest new buyer message per business conversation (edits do not move the reply window).
    windows: HashMap<String, i64>,
}

impl Collected {
    pub(crate) fn add(&mut self, ctx: &Ctx<'_>, update: &Value) {
        if let Some(message) = lenient::at(update, "message") {
            self.message(ctx, message, false, false);
        } else if let Some(message) = lenient::at(update, "edited_message") {
            self.message(ctx, message, false, true);
        } else if let Some(message) = lenient::at(update, "business_message") {
            self.message(ctx, message, true, false);
        } else if let Some(message) = lenient::at(update, "edited_business_message") {
            self.message(ctx, message, true, true);
        } else if let Some(deleted) = lenient::at(update, "deleted_business_messages") {
            let Some(chat_id) = lenient::id(deleted, "chat/id") else { return };
            let thread =
                Thread { chat_id, business_connection_id: lenient::id(deleted, "business_connection_id") };
            for id in lenient::list(deleted, "message_ids") {
                if let Some(id) = lenient::id(&serde_json::json!({ "id": id }), "id") {
                    self.batch.deleted_messages.push(thread.message_id(&id));
                }
            }
        }
        // business_connection: nothing to store; its chats arrive as business messages.
    }

    fn message(&mut self, ctx: &Ctx<'_>, message: &Value, business: bool, edited: bool) {
        let (Some(chat_id), Some(message_id)) =
            (lenient::id(message, "chat/id"), lenient::id(message, "message_id"))
        else {
            return;
        };
        let connection = if business { lenient::id(message, "business_connection_id") } else { None };
        if business && connection.is_none() {
            return;
        }
        let thread = Thread { chat_id: chat_id.clone(), business_connection_id: connection };
        let from_id = lenient::id(message, "from/id");
        // In a private business chat the chat id is the buyer's user id: anything else is the seller
        // (or this bot on the seller's behalf). In a plain bot chat every update is someone writing in.
        let incoming = if business {
            from_id.as_deref().is_none_or(|f| f == chat_id)
        } else {
            lenient::boolean(message, "from/is_bot") != Some(true)
        };
        let private = lenient::text(message, "chat/type").is_none_or(|t| t == "private");
        let buyer_source = if private {
            lenient::at(message, "chat").unwrap_or(message)
        } else {
            message.get("from").unwrap_or(message)
        };
        let buyer = BuyerIdentityInput {
            external_id: lenient::id(buyer_source, "id").unwrap_or_else(|| chat_id.clone()),
            display_name: person_name(buyer_source).unwrap_or_else(|| chat_id.clone()),
            handle: lenient::non_empty(buyer_source, "username").map(|u| format!("@{u}")),
            phone: None,
            email: None,
        };
        let author = match (incoming, message.get("from")) {
            (true, _) => buyer.display_name.clone(),
            (false, Some(from)) => person_name(from).unwrap_or_else(|| ctx.account.display_name.clone()),
            (false, None) => ctx.account.display_name.clone(),
        };
        let sent_at = lenient::int(message, "date").unwrap_or_else(|| ctx.now());
        let reference = thread.reference();
        if business && incoming && !edited {
            let until = self.windows.entry(reference.clone()).or_insert(sent_at);
            *until = (*until).max(sent_at);
        }
        self.batch.messages.push(IngestMessage {
            account_id: ctx.account_id(),
            conversation: ConversationRef {
                external_ref: reference,
                kind: ConversationKind::Chat,
                subject: if private {
                    None
                } else {
                    lenient::non_empty(message, "chat/title").map(str::to_owned)
                },
            },
            buyer,
            external_id: thread.message_id(&message_id),
            direction: if incoming { Direction::Incoming } else { Direction::Outgoing },
            author,
            text: lenient::text(message, "text")
                .or_else(|| lenient::text(message, "caption"))
                .unwrap_or_default()
                .to_owned(),
            sent_at,
            status: if incoming { MessageStatus::Received } else { MessageStatus::Sent },
            attachments: attachments(message),
        });
    }

    pub(crate) fn into_batch(mut self) -> SyncBatch {
        for (reference, last_incoming) in self.windows {
            self.batch.conversations.push(ConversationUpdate {
                external_ref: reference,
                kind: ConversationKind::Chat,
                subject: None,
                blocked_reason: None,
                reply_until: Some(last_incoming + facts::BUSINESS_REPLY_WINDOW_SECS),
                listing_ref: None,
                private_reply_until: None,
                older_history_unavailable: false,
            });
        }
        self.batch
    }
}

fn person_name(person: &Value) -> Option<String> {
    let name = [lenient::non_empty(person, "first_name"), lenient::non_empty(person, "last_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    if !name.is_empty() {
        return Some(name);
    }
    lenient::non_empty(person, "title")
        .map(str::to_owned)
        .or_else(|| lenient::non_empty(person, "username").map(|u| format!("@{u}")))
}

/// Photos and documents listed by Telegram's file id (not downloaded).
fn attachments(message: &Value) -> Vec<AttachmentInput> {
    let mut found = Vec::new();
    if let Some(photo) = lenient::list(message, "photo").last() {
        found.push(AttachmentInput {
            file_name: "photo.jpg".into(),
            mime_type: Some("image/jpeg".into()),
            size_bytes: lenient::int(photo, "file_size"),
            local_path: None,
            remote_ref: lenient::id(photo, "file_id"),
            kind: None,
        });
    }
    if let Some(document) = lenient::at(message, "document") {
        found.push(AttachmentInput {
            file_name: lenient::non_empty(document, "file_name").unwrap_or("file").to_owned(),
            mime_type: lenient::non_empty(document, "mime_type").map(str::to_owned),
            size_bytes: lenient::int(document, "file_size"),
            local_path: None,
            remote_ref: lenient::id(document, "file_id"),
            kind: None,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_references() {
        let plain = Thread::parse("chat:-100").unwrap();
        assert_eq!(plain.business_connection_id, None);
        assert_eq!(plain.message_id("5"), "chat:-100:5");
        let business = Thread::parse("biz:42:AbC:d").unwrap();
        assert_eq!(business.chat_id, "42");
        assert_eq!(business.business_connection_id.as_deref(), Some("AbC:d"));
        assert_eq!(business.reference(), "biz:42:AbC:d");
        assert_eq!(business.message_id("7"), "biz:42:7");
        assert_eq!(Thread::parse("pack:1"), None);
        assert_eq!(Thread::parse("biz:42"), None);
    }
}
