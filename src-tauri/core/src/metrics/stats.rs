//! Counts for the first-run screen, the CLI and the tests.

use rusqlite::Transaction;

use crate::Result;
use crate::conversations::status_counts::count;
use crate::inbox::StatusCount;
use crate::metrics::{ChannelCount, Stats};
use crate::vocabulary::{ChannelKind, ConversationStatus};

pub(crate) fn stats(tx: &Transaction<'_>) -> Result<Stats> {
    let total = |table: &str| -> Result<u32> {
        let n: i64 =
            tx.prepare_cached(&format!("SELECT count(*) FROM {table}"))?.query_row([], |row| row.get(0))?;
        Ok(count(n))
    };

    // Every channel that has an account, in the model's order.
    let mut per_channel = Vec::new();
    let mut stmt = tx.prepare_cached(
        "SELECT a.channel, count(*),
                (SELECT count(*) FROM conversations c JOIN accounts ca ON ca.id = c.account_id
                  WHERE ca.channel = a.channel),
                (SELECT count(*) FROM messages m JOIN accounts ma ON ma.id = m.account_id
                  WHERE ma.channel = a.channel)
           FROM accounts a GROUP BY a.channel",
    )?;
    let rows = stmt.query_map([], |row| {
        Ok(ChannelCount {
            channel: row.get(0)?,
            accounts: count(row.get(1)?),
            conversations: count(row.get(2)?),
            messages: count(row.get(3)?),
        })
    })?;
    for row in rows {
        per_channel.push(row?);
    }
    per_channel.sort_by_key(|c| ChannelKind::ALL.iter().position(|k| *k == c.channel));

    // Every status, zero included, so the UI can show a fixed set of counters.
    let mut per_status: Vec<StatusCount> =
        ConversationStatus::ALL.iter().map(|&status| StatusCount { status, conversations: 0 }).collect();
    let mut stmt = tx.prepare_cached("SELECT status, count(*) FROM conversations GROUP BY status")?;
    let rows = stmt.query_map([], |row| Ok((row.get::<_, ConversationStatus>(0)?, row.get::<_, i64>(1)?)))?;
    for row in rows {
        let (status, n) = row?;
        if let Some(entry) = per_status.iter_mut().find(|s| s.status == status) {
            entry.conversations = count(n);
        }
    }

    Ok(Stats {
        accounts: total("accounts")?,
        buyers: total("buyers WHERE merged_into IS NULL")?,
        conversations: total("conversations")?,
        messages: total("messages")?,
        orders: total("orders")?,
        per_channel,
        per_status,
    })
}

pub(crate) fn is_empty(tx: &Transaction<'_>) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT NOT EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM conversations)",
        )?
        .query_row([], |row| row.get(0))?)
}
