//! The outbox: the seller's replies on their way through a channel, durable across restarts.
//!
//! - `queued` → claim → `sending` → sent → `sent`
//! - `sending` → failed with a retry time → `queued` (due then)
//! - `sending` → failed for good → `failed` → the seller retries → `queued`
//! - `queued` or `failed` → the seller cancels → `cancelled`
//!
//! Enqueueing stores the reply as an outgoing message right away (status `queued`, external id
//! `outbox:<key>`), so the thread shows it while it goes out; it does not end the buyer's wait until
//! the channel took it (see aggregates.rs). When it is sent the message takes the channel's id; if
//! a poll stored that id first, the placeholder goes and the polled row stays: never two rows for
//! one reply.

use std::path::Path;

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::send_capability::{self, ReplyFacts};
use super::{SendRefusal, idempotency};
use crate::answers::AnswerAttachment;
use crate::conversations::AttachmentInput;
use crate::ingest::{ConversationRef, IngestMessage};
use crate::replies::{Delivered, OutboxItem, OutboxState, PostSaleReasonChoice, ReplyFile, ReplyRoute};
use crate::vocabulary::{ChannelKind, Direction, MessageStatus, UnixSeconds};
use crate::{Error, Result, conversations, ingest};

/// Prefix of a queued reply's external id until the channel gives it its own.
pub(crate) const PLACEHOLDER_PREFIX: &str = "outbox:";

/// Most a mail's files may add up to: providers refuse mails of 20–25 MB, and base64 makes a file
/// a third larger on the way.
pub(crate) const MAX_MAIL_FILES_BYTES: u64 = 15 * 1024 * 1024;

/// Saved answers' attachments to send with a reply, and where the database lives (their copies go
/// beside it).
pub(crate) struct FilesToSend<'a> {
    pub(crate) db_path: &'a Path,
    pub(crate) answer_attachment_ids: &'a [i64],
}

/// What a reply is, besides its text: where it goes, the files with it, and the Mercado Libre
/// reason it opens the conversation with.
pub(crate) struct ReplyParts<'a> {
    pub(crate) route: ReplyRoute,
    pub(crate) files: FilesToSend<'a>,
    pub(crate) reason: Option<&'a PostSaleReasonChoice>,
}

pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    conversation_id: i64,
    text: &str,
    parts: ReplyParts<'_>,
    now: UnixSeconds,
) -> Result<OutboxItem> {
    let ReplyParts { route, files, reason } = parts;
    let facts = send_capability::load(tx, conversation_id)?;
    let text = text.trim();
    if let Some(refusal) = send_capability::refusal(&facts, text, route, reason, now) {
        return Err(refusal.into());
    }
    let chosen = chosen_files(tx, &facts, files.answer_attachment_ids)?;
    let buyer =
        crate::replies::copied::buyer_identity(tx, facts.account_id, facts.buyer_id, conversation_id)?;
    let key = idempotency::new_key(conversation_id, now);
    let external_id = format!("{PLACEHOLDER_PREFIX}{key}");
    let copies = copy_files(files.db_path, &key, &chosen)?;
    let message = IngestMessage {
        account_id: facts.account_id,
        conversation: ConversationRef {
            external_ref: facts.external_ref.clone(),
            kind: facts.kind,
            subject: facts.subject.clone(),
        },
        buyer,
        external_id: external_id.clone(),
        direction: Direction::Outgoing,
        author: facts.me(),
        text: text.to_owned(),
        sent_at: now,
        status: MessageStatus::Queued,
        attachments: copies
            .iter()
            .map(|file| AttachmentInput {
                file_name: file.file_name.clone(),
                mime_type: file.mime_type.clone(),
                size_bytes: Some(file.size_bytes),
                // Relative to the database's folder, as the channels keep their media.
                local_path: Path::new(&file.local_path)
                    .strip_prefix(db_path_folder(files.db_path))
                    .ok()
                    .map(|relative| relative.to_string_lossy().into_owned()),
                remote_ref: None,
                kind: None,
            })
            .collect(),
    };
    ingest::batch::ingest(tx, &[message], now)?;
    let message_id: i64 = tx
        .prepare_cached("SELECT id FROM messages WHERE account_id = ?1 AND external_id = ?2")?
        .query_row(params![facts.account_id, external_id], |row| row.get(0))?;
    tx.prepare_cached(
        "INSERT INTO outbox (conversation_id, account_id, text, idempotency_key, state, attempts, next_attempt_at,
                             message_id, route, reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'queued', 0, ?5, ?6, ?7, ?8, ?5, ?5)",
    )?
    .execute(params![conversation_id, facts.account_id, text, key, now, message_id, route, reason_json(reason)?])?;
    let outbox_id = tx.last_insert_rowid();
    for (position, file) in copies.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO outbox_files (outbox_id, position, file_name, mime_type, size_bytes, local_path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            outbox_id,
            position as i64,
            file.file_name,
            file.mime_type,
            file.size_bytes,
            file.local_path
        ])?;
    }
    conversations::drafts::clear(tx, conversation_id)?;
    item(tx, outbox_id)
}

/// The saved answers' attachments asked for, in order, once the channel is known to carry them.
fn chosen_files(tx: &Transaction<'_>, facts: &ReplyFacts, ids: &[i64]) -> Result<Vec<AnswerAttachment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    if facts.channel != ChannelKind::Email {
        return Err(SendRefusal::FilesNotCarried.into());
    }
    let mut chosen: Vec<AnswerAttachment> = Vec::new();
    for &id in ids {
        if !chosen.iter().any(|file| file.id == id) {
            chosen.push(crate::answers::attachment(tx, id)?);
        }
    }
    let bytes: u64 = chosen.iter().map(|file| file.size_bytes.unwrap_or(0).max(0) as u64).sum();
    if bytes > MAX_MAIL_FILES_BYTES {
        return Err(SendRefusal::FilesTooLarge { bytes, max: MAX_MAIL_FILES_BYTES }.into());
    }
    Ok(chosen)
}

fn db_path_folder(db_path: &Path) -> &Path {
    db_path.parent().unwrap_or_else(|| Path::new("."))
}

/// Copies the files to `<db dir>/replies/<reply key>/`, so the reply owns what it sends.
fn copy_files(db_path: &Path, key: &str, chosen: &[AnswerAttachment]) -> Result<Vec<ReplyFile>> {
    if chosen.is_empty() {
        return Ok(Vec::new());
    }
    let folder = db_path_folder(db_path).join("replies").join(key);
    std::fs::create_dir_all(&folder)?;
    chosen
        .iter()
        .enumerate()
        .map(|(position, file)| {
            let copy = folder.join(format!("{position}-{}", file.file_name));
            let size = std::fs::copy(&file.local_path, &copy)?;
            Ok(ReplyFile {
                file_name: file.file_name.clone(),
                mime_type: file.mime_type.clone(),
                size_bytes: i64::try_from(size).unwrap_or(i64::MAX),
                local_path: copy.to_string_lossy().into_owned(),
            })
        })
        .collect()
}

/// The account's oldest due reply, now marked sending (one more attempt). Replies of one
/// conversation go out in the order they were written: one waits while an older one is pending.
pub(crate) fn claim(tx: &Transaction<'_>, account_id: i64, now: UnixSeconds) -> Result<Option<OutboxItem>> {
    let next: Option<i64> = tx
        .prepare_cached(
            "SELECT o.id FROM outbox o
              WHERE o.account_id = ?1 AND o.state = 'queued' AND coalesce(o.next_attempt_at, 0) <= ?2
                AND NOT EXISTS (SELECT 1 FROM outbox p
                                 WHERE p.conversation_id = o.conversation_id AND p.id < o.id
                                   AND p.state IN ('queued', 'sending'))
              ORDER BY o.id LIMIT 1",
        )?
        .query_row(params![account_id, now], |row| row.get(0))
        .optional()?;
    let Some(outbox_id) = next else { return Ok(None) };
    tx.prepare_cached(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![outbox_id, now])?;
    set_message(tx, outbox_id, MessageStatus::Sending, None, now)?;
    item(tx, outbox_id).map(Some)
}

/// How long a claimed reply belongs to the sender that claimed it: longer than any request of a
/// send may take, so a reply another process (or a task being stopped) is still sending is never
/// taken for lost and sent again beside it.
pub const IN_DOUBT_AFTER_SECS: i64 = 120;

/// Moves a reply's claim to `now` while it is still being sent. A send can outlast
/// [`IN_DOUBT_AFTER_SECS`] (a large file, a slow server); without this another process would take
/// the reply for lost and send it beside it.
pub(crate) fn keep_claim(tx: &Transaction<'_>, outbox_id: i64, now: UnixSeconds) -> Result<bool> {
    let renewed = tx
        .prepare_cached(
            "UPDATE outbox SET updated_at = max(updated_at, ?2) WHERE id = ?1 AND state = 'sending'",
        )?
        .execute(params![outbox_id, now])?;
    Ok(renewed == 1)
}

/// Replies left in `sending` for longer than [`IN_DOUBT_AFTER_SECS`]: the sender stopped between
/// handing them over and hearing back. The connector checks the remote thread for each before
/// sending it again.
pub(crate) fn in_doubt(tx: &Transaction<'_>, account_id: i64, now: UnixSeconds) -> Result<Vec<OutboxItem>> {
    let claimed_before = now - IN_DOUBT_AFTER_SECS;
    items_where(
        tx,
        &format!("o.account_id = ?1 AND o.state = 'sending' AND o.updated_at < {claimed_before}"),
        account_id,
    )
}

/// Whether a reply of the account was claimed within [`IN_DOUBT_AFTER_SECS`] and is still sending.
pub(crate) fn being_sent(tx: &Transaction<'_>, account_id: i64, now: UnixSeconds) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE account_id = ?1 AND state = 'sending' AND updated_at >= ?2)",
        )?
        .query_row(params![account_id, now - IN_DOUBT_AFTER_SECS], |row| row.get(0))?)
}

/// Whether the channel message `external_id` is what another reply than `outbox_id` went out as (a
/// reply looked for after a crash must not take a twin's message for its own).
pub(crate) fn message_taken(
    tx: &Transaction<'_>,
    account_id: i64,
    external_id: &str,
    outbox_id: i64,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox o JOIN messages m ON m.id = o.message_id
                             WHERE o.account_id = ?1 AND m.external_id = ?2 AND o.id <> ?3 AND o.state = 'sent')",
        )?
        .query_row(params![account_id, external_id, outbox_id], |row| row.get(0))?)
}

pub(crate) fn for_conversation(tx: &Transaction<'_>, conversation_id: i64) -> Result<Vec<OutboxItem>> {
    items_where(tx, "o.conversation_id = ?1", conversation_id)
}

/// The channel took the reply (maybe moderating it). Idempotent: a reply already sent stays as is.
pub(crate) fn sent(
    tx: &Transaction<'_>,
    outbox_id: i64,
    delivered: &Delivered,
    now: UnixSeconds,
) -> Result<()> {
    if !matches!(delivered.status, MessageStatus::Sent | MessageStatus::Moderated | MessageStatus::Rejected) {
        return Err(Error::InvalidInput(format!("a delivered reply cannot be {}", delivered.status)));
    }
    if delivered.external_id.trim().is_empty() || delivered.external_id.starts_with(PLACEHOLDER_PREFIX) {
        return Err(Error::InvalidInput("a delivered reply needs the channel's id".into()));
    }
    let row = row(tx, outbox_id)?;
    match row.state {
        OutboxState::Sent => return Ok(()),
        // A cancelled reply was never handed over (only queued or failed ones can be cancelled).
        OutboxState::Cancelled => return Err(Error::OutboxWrongState { outbox_id, state: row.state }),
        OutboxState::Queued | OutboxState::Sending | OutboxState::Failed => {}
    }
    let polled: Option<i64> = tx
        .prepare_cached("SELECT id FROM messages WHERE account_id = ?1 AND external_id = ?2")?
        .query_row(params![row.account_id, delivered.external_id], |r| r.get(0))
        .optional()?;
    let message_id = match (polled, row.message_id) {
        // A poll already stored the reply under the channel's id: that row stays (it is the newer
        // word on it), takes the placeholder's order, and the placeholder goes.
        (Some(polled), Some(placeholder)) if polled != placeholder => {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO order_messages (order_id, message_id)
                 SELECT order_id, ?2 FROM order_messages WHERE message_id = ?1",
            )?
            .execute(params![placeholder, polled])?;
            tx.prepare_cached("DELETE FROM messages WHERE id = ?1")?.execute([placeholder])?;
            tx.prepare_cached(
                "UPDATE messages SET moderation_reason = coalesce(moderation_reason, ?2), failure_code = NULL
                  WHERE id = ?1",
            )?
            .execute(params![polled, delivered.moderation_reason])?;
            polled
        }
        (Some(polled), _) => polled,
        (None, Some(placeholder)) => {
            tx.prepare_cached(
                "UPDATE messages
                    SET external_id = ?2, status = ?3, sent_at = ?4, moderation_reason = ?5, failure_code = NULL,
                        updated_at = ?6
                  WHERE id = ?1",
            )?
            .execute(params![
                placeholder,
                delivered.external_id,
                delivered.status,
                delivered.sent_at,
                delivered.moderation_reason,
                now
            ])?;
            placeholder
        }
        (None, None) => {
            return Err(Error::NotFound { what: format!("the message of reply {outbox_id}") });
        }
    };
    tx.prepare_cached(
        "UPDATE outbox SET state = 'sent', message_id = ?2, error_code = NULL, last_error = NULL,
                next_attempt_at = NULL, updated_at = ?3
          WHERE id = ?1",
    )?
    .execute(params![outbox_id, message_id, now])?;
    ingest::batch::recount(tx, row.conversation_id, now)
}

/// The send failed: with `retry_at` it goes back to the queue for then; without, it failed for good
/// (the seller sees why, and can retry or cancel).
pub(crate) fn failed(
    tx: &Transaction<'_>,
    outbox_id: i64,
    code: &str,
    detail: &str,
    retry_at: Option<UnixSeconds>,
    now: UnixSeconds,
) -> Result<()> {
    let row = row(tx, outbox_id)?;
    if !matches!(row.state, OutboxState::Queued | OutboxState::Sending) {
        return Err(Error::OutboxWrongState { outbox_id, state: row.state });
    }
    let code = code.trim();
    if code.is_empty() {
        return Err(Error::InvalidInput("a failed send needs an error code".into()));
    }
    // The thread shows a failure only once it is final; a retry keeps its reason in the outbox.
    let (state, status, failure) = match retry_at {
        Some(_) => (OutboxState::Queued, MessageStatus::Queued, None),
        None => (OutboxState::Failed, MessageStatus::Failed, Some(code)),
    };
    tx.prepare_cached(
        "UPDATE outbox SET state = ?2, next_attempt_at = ?3, error_code = ?4, last_error = ?5, updated_at = ?6
          WHERE id = ?1",
    )?
    .execute(params![outbox_id, state, retry_at, code, detail, now])?;
    set_message(tx, outbox_id, status, failure, now)?;
    ingest::batch::recount(tx, row.conversation_id, now)
}

/// The seller sends a failed reply again (or a queued one sooner).
pub(crate) fn retry(tx: &Transaction<'_>, outbox_id: i64, now: UnixSeconds) -> Result<()> {
    let row = row(tx, outbox_id)?;
    if !matches!(row.state, OutboxState::Failed | OutboxState::Queued) {
        return Err(Error::OutboxWrongState { outbox_id, state: row.state });
    }
    // The channel may have closed the conversation meanwhile: say so now rather than fail later.
    let mut facts = send_capability::load(tx, row.conversation_id)?;
    // The private reply being retried is the one that took the comment's only chance.
    facts.private_reply_taken = false;
    if let Some(refusal) = send_capability::refusal(&facts, &row.text, row.route, row.reason.as_ref(), now)
        && refusal != SendRefusal::Empty
    {
        return Err(refusal.into());
    }
    // The seller's retry gives the reply a fresh set of tries; an attempt made before still counts
    // once, so the next send looks in the remote thread first (it may have landed).
    tx.prepare_cached(
        "UPDATE outbox SET state = 'queued', next_attempt_at = ?2, error_code = NULL, last_error = NULL,
                attempts = min(attempts, 1), updated_at = ?2
          WHERE id = ?1",
    )?
    .execute(params![outbox_id, now])?;
    set_message(tx, outbox_id, MessageStatus::Queued, None, now)?;
    ingest::batch::recount(tx, row.conversation_id, now)
}

/// The seller gives up on a reply that has not gone out: it leaves the thread and its text goes
/// back to the composer (unless the seller is already writing something else there).
pub(crate) fn cancel(tx: &Transaction<'_>, outbox_id: i64, now: UnixSeconds) -> Result<()> {
    let row = row(tx, outbox_id)?;
    if !matches!(row.state, OutboxState::Queued | OutboxState::Failed) {
        return Err(Error::OutboxWrongState { outbox_id, state: row.state });
    }
    tx.prepare_cached(
        "UPDATE outbox SET state = 'cancelled', next_attempt_at = NULL, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![outbox_id, now])?;
    if let Some(message_id) = row.message_id {
        tx.prepare_cached("DELETE FROM messages WHERE id = ?1")?.execute([message_id])?;
    }
    if conversations::drafts::get(tx, row.conversation_id)?.is_none() {
        conversations::drafts::save(tx, row.conversation_id, &row.text, now)?;
    }
    ingest::batch::recount(tx, row.conversation_id, now)
}

struct OutboxRow {
    conversation_id: i64,
    account_id: i64,
    text: String,
    state: OutboxState,
    message_id: Option<i64>,
    route: ReplyRoute,
    reason: Option<PostSaleReasonChoice>,
}

fn row(tx: &Transaction<'_>, outbox_id: i64) -> Result<OutboxRow> {
    tx.prepare_cached(
        "SELECT conversation_id, account_id, text, state, message_id, route, reason FROM outbox WHERE id = ?1",
    )?
    .query_row([outbox_id], |r| {
        Ok(OutboxRow {
            conversation_id: r.get(0)?,
            account_id: r.get(1)?,
            text: r.get(2)?,
            state: r.get(3)?,
            message_id: r.get(4)?,
            route: r.get(5)?,
            reason: parse_reason(r.get(6)?),
        })
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: format!("reply {outbox_id}") })
}

/// The reply's message row follows the outbox: its status, and the failure code the UI explains.
fn set_message(
    tx: &Transaction<'_>,
    outbox_id: i64,
    status: MessageStatus,
    failure: Option<&str>,
    now: UnixSeconds,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE messages SET status = ?2, failure_code = ?3, updated_at = ?4
          WHERE id = (SELECT message_id FROM outbox WHERE id = ?1)",
    )?
    .execute(params![outbox_id, status, failure, now])?;
    Ok(())
}

const ITEM_COLUMNS: &str = "o.id, o.conversation_id, o.account_id, a.channel, c.kind, c.external_ref,
     (SELECT i.external_id FROM buyer_identities i
       WHERE i.account_id = o.account_id AND (i.buyer_id = c.buyer_id OR i.origin_buyer_id = c.buyer_id)
       ORDER BY i.buyer_id = c.buyer_id DESC, i.id LIMIT 1),
     o.text, o.idempotency_key, o.state, o.attempts, o.error_code, o.last_error, coalesce(o.message_id, 0),
     o.created_at, o.route, o.reason";

fn read_item(row: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    Ok(OutboxItem {
        id: row.get(0)?,
        conversation_id: row.get(1)?,
        account_id: row.get(2)?,
        channel: row.get(3)?,
        conversation_kind: row.get(4)?,
        conversation_ref: row.get(5)?,
        buyer_external_id: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
        text: row.get(7)?,
        idempotency_key: row.get(8)?,
        state: row.get(9)?,
        attempts: row.get(10)?,
        error_code: row.get(11)?,
        error_detail: row.get(12)?,
        message_id: row.get(13)?,
        created_at: row.get(14)?,
        route: row.get(15)?,
        files: Vec::new(),
        reason: parse_reason(row.get(16)?),
    })
}

fn reason_json(reason: Option<&PostSaleReasonChoice>) -> Result<Option<String>> {
    Ok(reason.map(serde_json::to_string).transpose()?)
}

/// Stored by this code as JSON; unreadable only if edited by hand, and then sent without it (the
/// channel says so if it needed one).
fn parse_reason(json: Option<String>) -> Option<PostSaleReasonChoice> {
    json.and_then(|json| serde_json::from_str(&json).ok())
}

fn item(tx: &Transaction<'_>, outbox_id: i64) -> Result<OutboxItem> {
    items_where(tx, "o.id = ?1", outbox_id)?
        .pop()
        .ok_or_else(|| Error::NotFound { what: format!("reply {outbox_id}") })
}

fn items_where(tx: &Transaction<'_>, condition: &str, value: i64) -> Result<Vec<OutboxItem>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM outbox o
           JOIN conversations c ON c.id = o.conversation_id
           JOIN accounts a ON a.id = o.account_id
          WHERE {condition}
          ORDER BY o.created_at, o.id"
    ))?;
    let mut items: Vec<OutboxItem> = stmt.query_map([value], read_item)?.collect::<rusqlite::Result<_>>()?;
    let mut files = tx.prepare_cached(
        "SELECT file_name, mime_type, size_bytes, local_path FROM outbox_files WHERE outbox_id = ?1 ORDER BY position",
    )?;
    for item in &mut items {
        item.files = files
            .query_map([item.id], |row| {
                Ok(ReplyFile {
                    file_name: row.get(0)?,
                    mime_type: row.get(1)?,
                    size_bytes: row.get(2)?,
                    local_path: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(items)
}
