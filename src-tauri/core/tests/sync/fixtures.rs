//! A shop with a connected Mercado Libre account, a connected Telegram bot and a WhatsApp account.

use mostrador_core::Mostrador;
use mostrador_core::accounts::{CursorUpdate, NewAccount, SyncBatch};
use mostrador_core::conversations::MessageView;
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus, UnixSeconds};
use tempfile::TempDir;

/// 2025-06-15 12:00 UTC.
pub const NOW: UnixSeconds = 1_750_000_000;
pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 3600;
pub const DAY: i64 = 24 * HOUR;

pub struct Shop {
    pub _dir: TempDir,
    pub app: Mostrador,
    pub ml: i64,
    pub telegram: i64,
    pub whatsapp: i64,
}

pub fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.db")).unwrap();
    let connected = |channel, name: &str| NewAccount {
        channel,
        display_name: name.into(),
        external_id: Some("318456902".into()),
        settings: serde_json::json!({"api_base": "http://127.0.0.1:9", "site_id": "MLA", "me": "Taller"}),
    };
    let ml = app.add_account(&connected(ChannelKind::MercadoLibre, "ML · TALLER"), NOW).unwrap();
    let telegram = app.add_account(&connected(ChannelKind::Telegram, "Telegram · @taller_bot"), NOW).unwrap();
    let whatsapp = app
        .add_account(
            &NewAccount {
                channel: ChannelKind::WhatsApp,
                display_name: "WhatsApp".into(),
                external_id: None,
                settings: serde_json::json!({"me": "Taller"}),
            },
            NOW,
        )
        .unwrap();
    Shop { _dir: dir, app, ml, telegram, whatsapp }
}

pub fn buyer(id: &str) -> BuyerIdentityInput {
    BuyerIdentityInput {
        external_id: format!("buyer-{id}"),
        display_name: format!("Buyer {id}"),
        handle: None,
        phone: None,
        email: None,
    }
}

/// A message in conversation `thread` of `kind` (its buyer derived from the thread).
pub fn message(
    account_id: i64,
    thread: &str,
    kind: ConversationKind,
    id: &str,
    direction: Direction,
    sent_at: UnixSeconds,
    text: &str,
) -> IngestMessage {
    IngestMessage {
        account_id,
        conversation: ConversationRef { external_ref: thread.into(), kind, subject: None },
        buyer: buyer(thread),
        external_id: id.into(),
        direction,
        author: match direction {
            Direction::Incoming => format!("Buyer {thread}"),
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

pub fn incoming(
    account_id: i64,
    thread: &str,
    kind: ConversationKind,
    id: &str,
    at: UnixSeconds,
    text: &str,
) -> IngestMessage {
    message(account_id, thread, kind, id, Direction::Incoming, at, text)
}

pub fn cursor(stream: &str, value: &str) -> CursorUpdate {
    CursorUpdate { stream: stream.into(), cursor: value.into() }
}

pub fn batch(messages: Vec<IngestMessage>, cursors: Vec<CursorUpdate>) -> SyncBatch {
    SyncBatch { messages, cursors, ..SyncBatch::default() }
}

pub fn conversation_id(shop: &Shop, account: i64, thread: &str) -> i64 {
    shop.app.conversation_id_by_ref(account, thread).unwrap().expect("conversation stored")
}

pub fn messages(shop: &Shop, conversation_id: i64) -> Vec<MessageView> {
    shop.app.conversation(conversation_id, NOW).unwrap().messages
}
