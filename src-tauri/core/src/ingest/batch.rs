//! Storing messages from any channel: idempotent by (account, external id), one transaction per
//! batch, conversation aggregates and status updated in the same transaction.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::identities::{index_buyers, insert_identity, refresh_identity};
use crate::conversations::aggregates::{self, Aggregates, Arrival};
use crate::conversations::status_counts::Moves;
use crate::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage, IngestReport};
use crate::vocabulary::{ConversationStatus, Direction, MessageStatus, UnixSeconds};
use crate::{Error, Result};

pub(crate) fn ingest(
    tx: &Transaction<'_>,
    batch: &[IngestMessage],
    now: UnixSeconds,
) -> Result<IngestReport> {
    let mut report = IngestReport::default();
    let mut known_accounts = HashSet::new();
    // A batch usually holds many messages of the same buyers and conversations: look each up once.
    let mut buyers: HashMap<(i64, &str), (&BuyerIdentityInput, i64)> = HashMap::new();
    let mut conversations: HashMap<(i64, &str), (&ConversationRef, i64)> = HashMap::new();
    let mut touched: BTreeMap<i64, Touch> = BTreeMap::new();
    let mut unindexed: Vec<i64> = Vec::new();
    let mut inserted: Vec<i64> = Vec::new();
    let mut new_buyers: Vec<i64> = Vec::new();

    for message in batch {
        validate(message)?;
        if known_accounts.insert(message.account_id) {
            require_account(tx, message.account_id)?;
        }
        let attachments = if message.attachments.is_empty() {
            String::from("[]")
        } else {
            serde_json::to_string(&message.attachments)?
        };
        let buyer_key = (message.account_id, message.buyer.external_id.as_str());
        let buyer_id = match buyers.get(&buyer_key) {
            Some(&(seen, id)) if *seen == message.buyer => Some(id),
            _ => None,
        };

        match find_message(tx, message)? {
            Some(stored) => {
                if buyer_id.is_none()
                    && let Some(id) = refresh_identity(tx, message.account_id, &message.buyer, now)?
                {
                    buyers.insert(buyer_key, (&message.buyer, id));
                }
                if !stored.changed_by(message, &attachments) {
                    report.unchanged += 1;
                    continue;
                }
                // The update trigger takes the old text out of the search index: it must be in.
                index_text(tx, &mut unindexed)?;
                update_message(tx, stored.id, message, &attachments, now)?;
                report.updated += 1;
                touched.entry(stored.conversation_id).or_default().rewritten = true;
            }
            None => {
                let buyer_id = match buyer_id {
                    Some(id) => id,
                    None => {
                        let id = match refresh_identity(tx, message.account_id, &message.buyer, now)? {
                            Some(id) => id,
                            None => {
                                let id = insert_identity(tx, message.account_id, &message.buyer, now)?;
                                new_buyers.push(id);
                                id
                            }
                        };
                        buyers.insert(buyer_key, (&message.buyer, id));
                        id
                    }
                };
                let conversation_key = (message.account_id, message.conversation.external_ref.as_str());
                let conversation_id = match conversations.get(&conversation_key) {
                    Some(&(seen, id)) if *seen == message.conversation => id,
                    _ => {
                        let id = upsert_conversation(tx, message, buyer_id, now)?;
                        conversations.insert(conversation_key, (&message.conversation, id));
                        id
                    }
                };
                let id = insert_message(tx, conversation_id, message, &attachments, now)?;
                unindexed.push(id);
                inserted.push(id);
                report.inserted += 1;
                touched.entry(conversation_id).or_default().arrivals.push(Arrival {
                    sent_at: message.sent_at,
                    incoming: message.direction == Direction::Incoming,
                    reply: message.direction == Direction::Outgoing && counts_as_reply(message.status),
                });
            }
        }
    }

    let mut moves = Moves::default();
    for (&conversation_id, touch) in &touched {
        settle(tx, conversation_id, touch, now, &mut moves)?;
    }
    moves.apply(tx)?;
    join_pack_orders(tx, &inserted)?;
    index_text(tx, &mut unindexed)?;
    index_buyers(tx, &new_buyers)?;
    report.conversations_touched = touched.len() as u32;
    Ok(report)
}

/// What a batch did to one conversation.
#[derive(Default)]
struct Touch {
    /// Messages newly stored, in batch order.
    arrivals: Vec<Arrival>,
    /// Some stored message changed: the aggregates must be recomputed from all messages.
    rewritten: bool,
}

/// An outgoing message that never reached the buyer leaves them waiting (see aggregates.rs), and so
/// does one still in the outbox (queued or sending).
fn counts_as_reply(status: MessageStatus) -> bool {
    !matches!(
        status,
        MessageStatus::Failed
            | MessageStatus::Rejected
            | MessageStatus::Moderated
            | MessageStatus::Queued
            | MessageStatus::Sending
    )
}

/// Recomputes a conversation's aggregates and status after one of its messages changed outside a
/// batch (the outbox re-keyed, merged or failed a reply).
pub(crate) fn recount(tx: &Transaction<'_>, conversation_id: i64, now: UnixSeconds) -> Result<()> {
    let mut moves = Moves::default();
    settle(tx, conversation_id, &Touch { arrivals: Vec::new(), rewritten: true }, now, &mut moves)?;
    moves.apply(tx)
}

fn validate(message: &IngestMessage) -> Result<()> {
    let blank = |what: &str| Err(Error::InvalidInput(format!("{what} must not be empty")));
    if message.external_id.trim().is_empty() {
        return blank("a message's external id");
    }
    if message.conversation.external_ref.trim().is_empty() {
        return blank("a conversation's external ref");
    }
    if message.buyer.external_id.trim().is_empty() {
        return blank("a buyer's external id");
    }
    Ok(())
}

fn require_account(tx: &Transaction<'_>, account_id: i64) -> Result<()> {
    let exists = tx
        .prepare_cached("SELECT 1 FROM accounts WHERE id = ?1")?
        .query_row([account_id], |_| Ok(()))
        .optional()?
        .is_some();
    if exists { Ok(()) } else { Err(Error::NotFound { what: format!("account {account_id}") }) }
}

/// Brings a touched conversation's aggregates and status up to date, with one read and one write
/// when new messages were appended in order (the usual case), or a full recount otherwise.
///
/// The status is a function of the messages and of the last status the seller set by hand, so it
/// ends the same whatever order batches arrive in. Without a manual status it follows the messages
/// (as Chatwoot): needs-reply while the buyer waits, waiting-for-buyer once answered. A manual status
/// holds until a newer message arrives: from the buyer for "done"; from either side otherwise. So a
/// new message from the buyer reopens done and snoozed conversations, and a reply moves everything
/// but "done" to waiting-for-buyer.
///
/// A status change is noted in `moves`, for the caller to count.
fn settle(
    tx: &Transaction<'_>,
    conversation_id: i64,
    touch: &Touch,
    now: UnixSeconds,
    moves: &mut Moves,
) -> Result<()> {
    let stored = tx
        .prepare_cached(
            "SELECT status, manual_status_through, unread_count, handled_through, last_message_at,
                    last_incoming_at, last_outgoing_at, first_reply_at, waiting_since
               FROM conversations WHERE id = ?1",
        )?
        .query_row([conversation_id], |row| {
            Ok(StoredConversation {
                status: row.get(0)?,
                manual_through: row.get(1)?,
                unread: row.get(2)?,
                handled_through: row.get(3)?,
                aggregates: Aggregates {
                    last_message_at: row.get(4)?,
                    last_incoming_at: row.get(5)?,
                    last_reply_at: row.get(6)?,
                    first_reply_at: row.get(7)?,
                    waiting_since: row.get(8)?,
                },
            })
        })?;
    let appended = if touch.rewritten {
        None
    } else {
        aggregates::advance(&stored.aggregates, stored.handled_through, &touch.arrivals)
    };
    let after = match appended {
        Some(after) => after,
        None => aggregates::refresh(tx, conversation_id)?,
    };

    let follows_messages = match stored.manual_through {
        None => true,
        Some(through) => {
            after.last_incoming_at > Some(through)
                || (stored.status != ConversationStatus::Done && after.last_reply_at > Some(through))
        }
    };
    let next = if !follows_messages {
        stored.status
    } else if after.waiting_since.is_some() {
        ConversationStatus::NeedsReply
    } else {
        ConversationStatus::WaitingForBuyer
    };
    let new_incoming = touch.arrivals.iter().filter(|a| a.incoming).count() as i64;
    let keeps_snooze = next == ConversationStatus::Snoozed;
    // Only the indexed columns that change are written: each one set makes SQLite rewrite the
    // entries of every index over it (the inbox orders, status, last activity), changed or not. The
    // row ends the same: an unchanged status also leaves the snooze fields as they are (the table's
    // CHECK keeps them empty unless snoozed, and a snoozed conversation keeps them).
    let status_changes = next != stored.status;
    moves.note(stored.status, next, 1);
    let waiting_changes = after.waiting_since != stored.aggregates.waiting_since;
    let last_changes = after.last_message_at != stored.aggregates.last_message_at;
    let sql = settle_update(status_changes, waiting_changes, last_changes);
    tx.prepare_cached(&sql)?.execute(params![
        conversation_id,
        next,
        keeps_snooze,
        after.last_message_at,
        after.waiting_since,
        stored.unread + new_incoming,
        now,
        after.last_incoming_at,
        after.last_reply_at,
        after.first_reply_at,
    ])?;
    Ok(())
}

/// The UPDATE of [`settle`], setting status (with the snooze fields), `last_message_at` and
/// `waiting_since` only when asked. The columns always set take the last parameters, so every
/// variant binds the same ten (SQLite counts parameters up to the highest number used).
fn settle_update(status: bool, waiting: bool, last: bool) -> String {
    let mut sets = vec![];
    if status {
        sets.extend([
            "status = ?2",
            "snoozed_until = CASE WHEN ?3 THEN snoozed_until END",
            "snooze_until_reply = CASE WHEN ?3 THEN snooze_until_reply ELSE 0 END",
        ]);
    }
    if last {
        sets.push("last_message_at = ?4");
    }
    if waiting {
        sets.push("waiting_since = ?5");
    }
    sets.extend([
        "unread_count = ?6",
        "updated_at = ?7",
        "last_incoming_at = ?8",
        "last_outgoing_at = ?9",
        "first_reply_at = ?10",
    ]);
    format!("UPDATE conversations SET {} WHERE id = ?1", sets.join(", "))
}

struct StoredConversation {
    status: ConversationStatus,
    manual_through: Option<UnixSeconds>,
    unread: i64,
    handled_through: Option<UnixSeconds>,
    aggregates: Aggregates,
}

struct StoredMessage {
    id: i64,
    conversation_id: i64,
    direction: Direction,
    author: String,
    text: String,
    sent_at: UnixSeconds,
    status: MessageStatus,
    attachments: String,
}

impl StoredMessage {
    fn changed_by(&self, message: &IngestMessage, attachments: &str) -> bool {
        self.direction != message.direction
            || self.author != message.author
            || self.text != message.text
            || self.sent_at != message.sent_at
            || self.status != message.status
            || self.attachments != attachments
    }
}

fn find_message(tx: &Transaction<'_>, message: &IngestMessage) -> Result<Option<StoredMessage>> {
    Ok(tx
        .prepare_cached(
            "SELECT id, conversation_id, direction, author, text, sent_at, status, attachments
               FROM messages WHERE account_id = ?1 AND external_id = ?2",
        )?
        .query_row((message.account_id, &message.external_id), |row| {
            Ok(StoredMessage {
                id: row.get(0)?,
                conversation_id: row.get(1)?,
                direction: row.get(2)?,
                author: row.get(3)?,
                text: row.get(4)?,
                sent_at: row.get(5)?,
                status: row.get(6)?,
                attachments: row.get(7)?,
            })
        })
        .optional()?)
}

/// Adds newly stored messages to the search index in one statement (migration 0012 dropped the
/// per-row trigger). FTS5 writes its pending terms out as a new segment at every statement that
/// opens a savepoint, so a row-by-row insert made one segment per message and most of ingest's
/// time went into merging them; one statement per batch makes one segment.
fn index_text(tx: &Transaction<'_>, ids: &mut Vec<i64>) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO messages_fts (rowid, text)
         SELECT id, text FROM messages WHERE id IN (SELECT value FROM json_each(?1))",
    )?
    .execute([serde_json::to_string(ids)?])?;
    // Batches write bigger, fewer segments than rows did, and FTS5's automerge does work only in
    // proportion to what was written: without some explicit merging the index is left in more
    // pieces and a search seeks in each. Half a page of merging per new message (doing nothing when
    // no level holds two segments, migration 0012) kept search as fast as before.
    let pages = i64::try_from(ids.len() / 2).unwrap_or(i64::MAX).max(1);
    tx.prepare_cached("INSERT INTO messages_fts (messages_fts, rank) VALUES ('merge', ?1)")?
        .execute([pages])?;
    ids.clear();
    Ok(())
}

/// Where the channel knows the order (a Mercado Libre pack: one post-sale conversation per
/// purchase), the batch's new messages of that conversation join the conversation's first order. One
/// statement per batch (migration 0014 replaced a per-row trigger that cost two lookups per message).
fn join_pack_orders(tx: &Transaction<'_>, inserted: &[i64]) -> Result<()> {
    if inserted.is_empty() {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT OR IGNORE INTO order_messages (order_id, message_id)
         SELECT (SELECT o.id FROM orders o WHERE o.conversation_id = m.conversation_id
                  ORDER BY o.created_at, o.id LIMIT 1), m.id
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.id IN (SELECT value FROM json_each(?1)) AND c.kind = 'post_sale'
            AND EXISTS (SELECT 1 FROM orders o WHERE o.conversation_id = m.conversation_id)",
    )?
    .execute([serde_json::to_string(inserted)?])?;
    Ok(())
}

/// Stores a new message; returns its id.
fn insert_message(
    tx: &Transaction<'_>,
    conversation_id: i64,
    message: &IngestMessage,
    attachments: &str,
    now: UnixSeconds,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO messages (conversation_id, account_id, external_id, direction, author, text, sent_at,
                               status, attachments, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        conversation_id,
        message.account_id,
        message.external_id,
        message.direction,
        message.author,
        message.text,
        message.sent_at,
        message.status,
        attachments,
        now,
    ])?;
    Ok(tx.last_insert_rowid())
}

fn update_message(
    tx: &Transaction<'_>,
    id: i64,
    message: &IngestMessage,
    attachments: &str,
    now: UnixSeconds,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE messages
            SET direction = ?2, author = ?3, text = ?4, sent_at = ?5, status = ?6, attachments = ?7, updated_at = ?8
          WHERE id = ?1",
    )?
    .execute(params![
        id,
        message.direction,
        message.author,
        message.text,
        message.sent_at,
        message.status,
        attachments,
        now
    ])?;
    Ok(())
}

/// Finds the conversation by (account, external ref) or starts it with this message's buyer.
fn upsert_conversation(
    tx: &Transaction<'_>,
    message: &IngestMessage,
    buyer_id: i64,
    now: UnixSeconds,
) -> Result<i64> {
    let conversation = &message.conversation;
    let existing: Option<(i64, Option<String>)> = tx
        .prepare_cached("SELECT id, subject FROM conversations WHERE account_id = ?1 AND external_ref = ?2")?
        .query_row((message.account_id, &conversation.external_ref), |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    if let Some((id, subject)) = existing {
        if conversation.subject.is_some() && conversation.subject != subject {
            tx.prepare_cached("UPDATE conversations SET subject = ?2, updated_at = ?3 WHERE id = ?1")?
                .execute(params![id, conversation.subject, now])?;
        }
        return Ok(id);
    }
    tx.prepare_cached(
        "INSERT INTO conversations (account_id, buyer_id, external_ref, kind, subject, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        message.account_id,
        buyer_id,
        conversation.external_ref,
        conversation.kind,
        conversation.subject,
        now
    ])?;
    Ok(tx.last_insert_rowid())
}
