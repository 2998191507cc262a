//! Conversations per status for the tabs: from the kept counters when nothing else filters, counted
//! otherwise; and the accounts the channel filter offers.

use rusqlite::{Transaction, params_from_iter};

use super::list::Filter;
use crate::Result;
use crate::conversations::status_counts::count;
use crate::inbox::{AccountOption, InboxQuery, StatusCount};
use crate::vocabulary::ConversationStatus;

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
