//! The library in memory for search and suggestions: every answer, its folded search text and its
//! topic marks, built from one snapshot and rebuilt when anything has committed to the file since
//! (`Store::generation`, SQLite's `data_version`): this process, or another one — the CLI's
//! `answers import`, a second app on the same file. At 10,000 answers reading and folding the
//! library costs tens of milliseconds; a search over the kept copy costs a few.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Transaction;

use super::fuzzy_search::Entry;
use super::text_index::TextIndex;
use super::{library, suggest};
use crate::Result;
use crate::answers::SavedAnswer;

pub(crate) struct Index {
    generation: u64,
    pub answers: Vec<SavedAnswer>,
    /// Parallel to `answers`.
    pub entries: Vec<Entry>,
    /// Parallel to `answers`: the suggestion topics each belongs to.
    pub topics: Vec<suggest::TopicBits>,
    pub text: TextIndex,
    by_id: HashMap<i64, usize>,
}

impl Index {
    fn build(tx: &Transaction<'_>, generation: u64) -> Result<Index> {
        let answers = library::all(tx)?;
        let entries = answers.iter().map(Entry::of).collect();
        let topics = answers.iter().map(suggest::topic_bits).collect();
        let text = TextIndex::build(&answers);
        let by_id = answers.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        Ok(Index { generation, answers, entries, topics, text, by_id })
    }

    pub(crate) fn answer(&self, id: i64) -> Option<&SavedAnswer> {
        self.by_id.get(&id).map(|&i| &self.answers[i])
    }
}

/// The kept index; empty until the first search.
#[derive(Default)]
pub(crate) struct IndexCache(Mutex<Option<Arc<Index>>>);

impl IndexCache {
    /// The index for `generation`, rebuilt from `tx` when the kept one is older. `generation` must
    /// be read before `tx` began, so the snapshot is never older than the number it is kept under.
    pub(crate) fn get(&self, tx: &Transaction<'_>, generation: u64) -> Result<Arc<Index>> {
        if let Some(index) = self.0.lock().unwrap_or_else(PoisonError::into_inner).as_ref()
            && index.generation == generation
        {
            return Ok(Arc::clone(index));
        }
        // Built outside the lock: a search waiting on a rebuild would gain nothing from it.
        let index = Arc::new(Index::build(tx, generation)?);
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.as_ref().is_none_or(|k| k.generation <= generation) {
            *kept = Some(Arc::clone(&index));
        }
        Ok(index)
    }
}
