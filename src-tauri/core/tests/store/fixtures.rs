//! A fresh shop with one account, and messages that read like the scenario.

use mostrador_core::Mostrador;
use mostrador_core::accounts::NewAccount;
use mostrador_core::inbox::{InboxQuery, InboxRow};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus, UnixSeconds};
use tempfile::TempDir;

/// 2025-06-15 12:00 UTC, a Sunday.
pub const NOW: UnixSeconds = 1_750_000_000;
pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 3600;

pub struct Shop {
    pub dir: TempDir,
    pub app: Mostrador,
    /// A WhatsApp account.
    pub account: i64,
}

pub fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.db")).unwrap();
    let account = app.add_account(&account(ChannelKind::WhatsApp, "Taller WhatsApp"), NOW).unwrap();
    Shop { dir, app, account }
}

pub fn account(channel: ChannelKind, name: &str) -> NewAccount {
    NewAccount {
        channel,
        display_name: name.into(),
        external_id: None,
        settings: serde_json::json!({ "me": "Taller" }),
    }
}

/// A message from the buyer of `conversation` (buyer id and name derived from it).
pub fn incoming(
    account: i64,
    conversation: &str,
    id: &str,
    sent_at: UnixSeconds,
    text: &str,
) -> IngestMessage {
    message(account, conversation, id, Direction::Incoming, sent_at, text)
}

/// The seller's reply in `conversation`.
pub fn outgoing(
    account: i64,
    conversation: &str,
    id: &str,
    sent_at: UnixSeconds,
    text: &str,
) -> IngestMessage {
    message(account, conversation, id, Direction::Outgoing, sent_at, text)
}

pub fn message(
    account_id: i64,
    conversation: &str,
    id: &str,
    direction: Direction,
    sent_at: UnixSeconds,
    text: &str,
) -> IngestMessage {
    IngestMessage {
        account_id,
        conversation: ConversationRef {
            external_ref: conversation.into(),
            kind: ConversationKind::Chat,
            subject: None,
        },
        buyer: BuyerIdentityInput {
            external_id: format!("buyer-{conversation}"),
            display_name: format!("Buyer {conversation}"),
            handle: None,
            phone: None,
            email: None,
        },
        external_id: id.into(),
        direction,
        author: match direction {
            Direction::Incoming => format!("Buyer {conversation}"),
            Direction::Outgoing => "Taller".into(),
        },
        text: text.into(),
        sent_at,
        status: match direction {
            Direction::Incoming => MessageStatus::Received,
            Direction::Outgoing => MessageStatus::Sent,
        },
        attachments: Vec::new(),
    }
}

pub fn from_buyer(mut message: IngestMessage, external_id: &str, name: &str) -> IngestMessage {
    message.buyer.external_id = external_id.into();
    message.buyer.display_name = name.into();
    if message.direction == Direction::Incoming {
        message.author = name.into();
    }
    message
}

/// The inbox line of `conversation` on `account`.
pub fn row(app: &Mostrador, account: i64, conversation: &str) -> InboxRow {
    let id = app.conversation_id_by_ref(account, conversation).unwrap().expect("the conversation exists");
    app.conversation(id, NOW).unwrap().summary
}

pub fn all(app: &Mostrador) -> Vec<InboxRow> {
    app.inbox(&InboxQuery::default(), NOW).unwrap().rows
}

pub fn search(app: &Mostrador, text: &str) -> Vec<String> {
    let page = app.inbox(&InboxQuery { search: Some(text.into()), ..InboxQuery::default() }, NOW).unwrap();
    page.rows.into_iter().map(|row| row.buyer_name).collect()
}

pub fn export(app: &Mostrador) -> serde_json::Value {
    let mut out = Vec::new();
    app.export_json(&mut out).unwrap();
    serde_json::from_slice(&out).expect("the export is JSON")
}
