//! Conversations per status for the tabs: from the kept counters when nothing else filters, counted
//! otherwise. Triggers count conversations in and out; a status change is counted by its writer
//! through [`Moves`] (migration 0014: a trigger per changed row cost ingest a sixth of its time).

use rusqlite::{Transaction, params_from_iter};

use crate::Result;
use crate::inbox::{Filter, count};
use crate::model::{AccountOption, ConversationStatus, InboxQuery, StatusCount};

/// Status changes not yet counted: writers note each change and apply them all before commit, in at
/// most one statement per status.
#[derive(Default)]
pub(crate) struct Moves([i64; ConversationStatus::ALL.len()]);

impl Moves {
    pub(crate) fn note(&mut self, from: ConversationStatus, to: ConversationStatus, conversations: i64) {
        if from != to {
            self.0[from as usize] -= conversations;
            self.0[to as usize] += conversations;
        }
    }

    pub(crate) fn apply(self, tx: &Transaction<'_>) -> Result<()> {
        // `ALL` lists the variants in declaration order, which is what `as usize` numbers.
        for (&status, &delta) in ConversationStatus::ALL.iter().zip(&self.0) {
            if delta != 0 {
                tx.prepare_cached(
                    "UPDATE conversation_status_counts SET conversations = conversations + ?2 WHERE status = ?1",
                )?
                .execute(rusqlite::params![status.as_str(), delta])?;
            }
        }
        Ok(())
    }
}

pub(crate) fn of(tx: &Transaction<'_>, status: ConversationStatus) -> Result<u32> {
    let n: i64 = tx
        .prepare_cached("SELECT conversations FROM conversation_status_counts WHERE status = ?1")?
        .query_row([status.as_str()], |row| row.get(0))?;
    Ok(count(n))
}

pub(crate) fn all(tx: &Transaction<'_>) -> Result<u32> {
    let n: i64 = tx
        .prepare_cached("SELECT coalesce(sum(conversations), 0) FROM conversation_status_counts")?
        .query_row([], |row| row.get(0))?;
    Ok(count(n))
}

/// Every status, zero included, under the query's other filters (its status and search are ignored:
/// the tabs show what each status would hold).
pub(crate) fn per_status(tx: &Transaction<'_>, query: &InboxQuery) -> Result<Vec<StatusCount>> {
    let mut counts: Vec<StatusCount> =
        ConversationStatus::ALL.iter().map(|&status| StatusCount { status, conversations: 0 }).collect();
    if query.has_order == Some(false) {
        // "Without an order" is nearly every conversation, and testing each for an order is a scan
        // of them all: count everything and take away the few with an order (the two filters are
        // complements, see `Filter::new`).
        let everything = grouped(tx, &InboxQuery { has_order: None, ..query.clone() })?;
        let with_order = grouped(tx, &InboxQuery { has_order: Some(true), ..query.clone() })?;
        for entry in &mut counts {
            let n = |list: &[(ConversationStatus, i64)]| {
                list.iter().find(|(status, _)| *status == entry.status).map_or(0, |&(_, n)| n)
            };
            entry.conversations = count((n(&everything) - n(&with_order)).max(0));
        }
        return Ok(counts);
    }
    for (status, n) in grouped(tx, query)? {
        if let Some(entry) = counts.iter_mut().find(|entry| entry.status == status) {
            entry.conversations = count(n);
        }
    }
    Ok(counts)
}

/// Conversations per status under the query's filters other than status and search, from the
/// counters when nothing else filters; statuses without conversations may be missing.
fn grouped(tx: &Transaction<'_>, query: &InboxQuery) -> Result<Vec<(ConversationStatus, i64)>> {
    let filter = Filter::new(query, false);
    let sql = if filter.is_empty() {
        "SELECT status, conversations FROM conversation_status_counts".to_owned()
    } else {
        // With an account or channel filter this reads only the (account_id, status) index
        // (migration 0012).
        format!("SELECT c.status, count(*) FROM conversations c {} GROUP BY c.status", filter.where_clause())
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(filter.values.iter()), |row| {
        Ok((row.get::<_, ConversationStatus>(0)?, row.get::<_, i64>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The accounts the channel filter offers, by channel then name.
pub(crate) fn accounts(tx: &Transaction<'_>) -> Result<Vec<AccountOption>> {
    Ok(tx
        .prepare_cached("SELECT id, channel, display_name FROM accounts WHERE disabled = 0 ORDER BY channel, display_name, id")?
        .query_map([], |row| Ok(AccountOption { id: row.get(0)?, channel: row.get(1)?, display_name: row.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}
