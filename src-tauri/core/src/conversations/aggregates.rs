//! A conversation's aggregates, derived from its messages rather than counted up message by message,
//! so batches that arrive late or out of order end in the same state.
//!
//! A "reply" is an outgoing message that reached the buyer (or was copied to paste it): a reply that
//! failed, was rejected or moderated, or still waits in the outbox (queued, sending) leaves the
//! buyer waiting.

use rusqlite::{OptionalExtension, Transaction};

use crate::Result;
use crate::vocabulary::UnixSeconds;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Aggregates {
    pub(crate) last_message_at: Option<UnixSeconds>,
    pub(crate) last_incoming_at: Option<UnixSeconds>,
    pub(crate) last_reply_at: Option<UnixSeconds>,
    pub(crate) first_reply_at: Option<UnixSeconds>,
    /// The earliest incoming message after both the latest reply and `handled_through`.
    pub(crate) waiting_since: Option<UnixSeconds>,
}

/// A message this batch newly stored, as the aggregates see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arrival {
    pub(crate) sent_at: UnixSeconds,
    pub(crate) incoming: bool,
    pub(crate) reply: bool,
}

/// The aggregates after `arrivals` were appended, computed from the stored ones without reading the
/// conversation's messages — the common case of new messages arriving in order. `None` when some
/// arrival is older than the newest stored message: then only a full [`refresh`] is right.
pub(crate) fn advance(
    before: &Aggregates,
    handled_through: Option<UnixSeconds>,
    arrivals: &[Arrival],
) -> Option<Aggregates> {
    if arrivals.iter().any(|a| before.last_message_at.is_some_and(|last| a.sent_at < last)) {
        return None;
    }
    let newest = |keep: fn(&Arrival) -> bool| arrivals.iter().filter(|a| keep(a)).map(|a| a.sent_at).max();
    let last_reply_at = before.last_reply_at.max(newest(|a| a.reply));
    let answered_through = last_reply_at.max(handled_through).unwrap_or(i64::MIN);
    // Stored incoming messages are no newer than any arrival, so a reply among the arrivals answers
    // all of them; otherwise the stored wait (if any) still started first.
    let earliest_new_wait =
        arrivals.iter().filter(|a| a.incoming && a.sent_at > answered_through).map(|a| a.sent_at).min();
    let waiting_since = match before.waiting_since {
        Some(since) if since > answered_through => Some(since),
        _ => earliest_new_wait,
    };
    Some(Aggregates {
        last_message_at: before.last_message_at.max(newest(|_| true)),
        last_incoming_at: before.last_incoming_at.max(newest(|a| a.incoming)),
        last_reply_at,
        first_reply_at: before
            .first_reply_at
            .or_else(|| arrivals.iter().filter(|a| a.reply).map(|a| a.sent_at).min()),
        waiting_since,
    })
}

/// SQL condition on `messages` for "this outgoing message counts as a reply".
const IS_REPLY: &str =
    "direction = 'outgoing' AND status NOT IN ('failed', 'rejected', 'moderated', 'queued', 'sending')";

/// Recomputes and stores the aggregates of one conversation; returns them.
pub(crate) fn refresh(tx: &Transaction<'_>, conversation_id: i64) -> Result<Aggregates> {
    let sql = format!(
        "SELECT max(sent_at),
                max(CASE WHEN direction = 'incoming' THEN sent_at END),
                max(CASE WHEN {IS_REPLY} THEN sent_at END),
                min(CASE WHEN {IS_REPLY} THEN sent_at END)
           FROM messages WHERE conversation_id = ?1"
    );
    type Row = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    let (last_message_at, last_incoming_at, last_reply_at, first_reply_at): Row = tx
        .prepare_cached(&sql)?
        .query_row([conversation_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?;
    let handled_through: Option<i64> = tx
        .prepare_cached("SELECT handled_through FROM conversations WHERE id = ?1")?
        .query_row([conversation_id], |row| row.get(0))
        .optional()?
        .flatten();
    // Strictly after: an incoming message in the same second as a reply counts as answered, which
    // keeps the result independent of the order messages were stored in.
    let answered_through = last_reply_at.max(handled_through).unwrap_or(i64::MIN);
    let waiting_since: Option<i64> = tx
        .prepare_cached(
            "SELECT min(sent_at) FROM messages
              WHERE conversation_id = ?1 AND direction = 'incoming' AND sent_at > ?2",
        )?
        .query_row((conversation_id, answered_through), |row| row.get(0))?;

    tx.prepare_cached(
        "UPDATE conversations
            SET last_message_at = ?2, last_incoming_at = ?3, last_outgoing_at = ?4,
                first_reply_at = ?5, waiting_since = ?6
          WHERE id = ?1",
    )?
    .execute((
        conversation_id,
        last_message_at,
        last_incoming_at,
        last_reply_at,
        first_reply_at,
        waiting_since,
    ))?;
    Ok(Aggregates { last_message_at, last_incoming_at, last_reply_at, first_reply_at, waiting_since })
}
