//! Conversations per status for the tabs: from the trigger-kept counters when nothing else filters,
//! counted otherwise.

use rusqlite::{Transaction, params_from_iter};

use crate::Result;
use crate::inbox::{Filter, count};
use crate::model::{AccountOption, ConversationStatus, InboxQuery, StatusCount};

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
    let filter = Filter::new(query, false);
    let mut counts: Vec<StatusCount> =
        ConversationStatus::ALL.iter().map(|&status| StatusCount { status, conversations: 0 }).collect();
    if filter.is_empty() {
        for entry in &mut counts {
            entry.conversations = of(tx, entry.status)?;
        }
        return Ok(counts);
    }
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT c.status, count(*) FROM conversations c {} GROUP BY c.status",
        filter.where_clause()
    ))?;
    let rows = stmt.query_map(params_from_iter(filter.values.iter()), |row| {
        Ok((row.get::<_, ConversationStatus>(0)?, row.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (status, n) = row?;
        if let Some(entry) = counts.iter_mut().find(|entry| entry.status == status) {
            entry.conversations = count(n);
        }
    }
    Ok(counts)
}

/// The accounts the channel filter offers, by channel then name.
pub(crate) fn accounts(tx: &Transaction<'_>) -> Result<Vec<AccountOption>> {
    Ok(tx
        .prepare_cached("SELECT id, channel, display_name FROM accounts WHERE disabled = 0 ORDER BY channel, display_name, id")?
        .query_map([], |row| Ok(AccountOption { id: row.get(0)?, channel: row.get(1)?, display_name: row.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}
