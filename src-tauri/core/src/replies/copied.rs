//! A reply the seller copied to paste into the channel's own app: stored as an outgoing message with
//! status `copied` through the ingest path, so the wait stops, the first reply is timed and the
//! history stays complete.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use crate::vocabulary::{ConversationKind, Direction, MessageStatus, UnixSeconds};
use crate::{Error, Result, conversations, ingest};

/// Records `text` as the seller's reply in `conversation_id` at `now`; returns the new message's id.
/// The draft of the conversation is cleared in the same transaction.
pub(crate) fn record(
    tx: &Transaction<'_>,
    conversation_id: i64,
    text: &str,
    now: UnixSeconds,
) -> Result<i64> {
    if text.trim().is_empty() {
        return Err(Error::InvalidInput("a reply must not be empty".into()));
    }
    type Row = (i64, String, ConversationKind, Option<String>, i64, String);
    let (account_id, external_ref, kind, subject, buyer_id, account_settings): Row = tx
        .prepare_cached(
            "SELECT c.account_id, c.external_ref, c.kind, c.subject, c.buyer_id, a.settings
               FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?1",
        )?
        .query_row([conversation_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("conversation {conversation_id}") })?;

    let buyer = buyer_identity(tx, account_id, buyer_id, conversation_id)?;

    // Unique per account without a random source: the next row id cannot repeat in this store.
    let next_id: i64 = tx
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM messages")?
        .query_row([], |row| row.get(0))?;
    let external_id = format!("mostrador-copied-{conversation_id}-{now}-{next_id}");
    let author = serde_json::from_str::<serde_json::Value>(&account_settings)
        .ok()
        .and_then(|settings| settings.get("me")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let message = IngestMessage {
        account_id,
        conversation: ConversationRef { external_ref, kind, subject },
        buyer,
        external_id: external_id.clone(),
        direction: Direction::Outgoing,
        author,
        text: text.to_owned(),
        sent_at: now,
        status: MessageStatus::Copied,
        attachments: Vec::new(),
    };
    ingest::batch::ingest(tx, &[message], now)?;
    conversations::drafts::clear(tx, conversation_id)?;
    Ok(tx
        .prepare_cached("SELECT id FROM messages WHERE account_id = ?1 AND external_id = ?2")?
        .query_row(params![account_id, external_id], |row| row.get(0))?)
}

/// The identity the buyer writes from on this account, as stored, so recording the seller's reply
/// through ingest changes nothing on it (copied replies and the outbox's queued ones).
pub(crate) fn buyer_identity(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer_id: i64,
    conversation_id: i64,
) -> Result<BuyerIdentityInput> {
    crate::buyers::profile::identity_on(tx, account_id, buyer_id)?
        .ok_or_else(|| Error::NotFound { what: format!("the buyer of conversation {conversation_id}") })
}
