//! The kept counters of conversations per status, which the inbox tabs read when nothing else
//! filters. Triggers count conversations in and out; a status change is counted by its writer
//! through [`Moves`], because a trigger per changed row cost ingest a sixth of its time.

use rusqlite::Transaction;

use crate::Result;
use crate::vocabulary::ConversationStatus;

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

/// A count from SQL as the UI's number (saturating: no shop has four billion conversations).
pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
