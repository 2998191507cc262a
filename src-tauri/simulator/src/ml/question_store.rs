//! Questions by id (ids grow with time, so id order is date order), indexed by status and by
//! listing so that a page walks only what it returns.

use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum QuestionStatus {
    Unanswered,
    Answered,
    ClosedUnanswered,
    UnderReview,
    Banned,
    Deleted,
    Disabled,
}

impl QuestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::Unanswered => "UNANSWERED",
            QuestionStatus::Answered => "ANSWERED",
            QuestionStatus::ClosedUnanswered => "CLOSED_UNANSWERED",
            QuestionStatus::UnderReview => "UNDER_REVIEW",
            QuestionStatus::Banned => "BANNED",
            QuestionStatus::Deleted => "DELETED",
            QuestionStatus::Disabled => "DISABLED",
        }
    }

    pub fn parse(text: &str) -> Option<QuestionStatus> {
        [
            QuestionStatus::Unanswered,
            QuestionStatus::Answered,
            QuestionStatus::ClosedUnanswered,
            QuestionStatus::UnderReview,
            QuestionStatus::Banned,
            QuestionStatus::Deleted,
            QuestionStatus::Disabled,
        ]
        .into_iter()
        .find(|status| status.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub text: String,
    pub created: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Question {
    pub id: i64,
    pub item_id: String,
    pub from: i64,
    pub text: String,
    pub status: QuestionStatus,
    pub created: i64,
    pub answer: Option<Answer>,
    pub hold: bool,
    pub deleted_from_listing: bool,
}

/// Questions by id (ids grow with time, so id order is date order) with indexes by status and item.
#[derive(Default)]
pub(crate) struct QuestionStore {
    by_id: BTreeMap<i64, Question>,
    by_status: HashMap<QuestionStatus, BTreeSet<i64>>,
    by_item: HashMap<String, BTreeSet<i64>>,
}

impl QuestionStore {
    pub fn insert(&mut self, question: Question) {
        self.by_status.entry(question.status).or_default().insert(question.id);
        self.by_item.entry(question.item_id.clone()).or_default().insert(question.id);
        self.by_id.insert(question.id, question);
    }

    pub fn get(&self, id: i64) -> Option<&Question> {
        self.by_id.get(&id)
    }

    /// Mean minutes from question to answer, for questions asked since `since`.
    pub fn average_answer_minutes(&self, since: i64) -> Option<i64> {
        let ids = self.by_status.get(&QuestionStatus::Answered)?;
        let waits: Vec<i64> = ids
            .iter()
            .rev()
            .filter_map(|id| self.by_id.get(id))
            .take_while(|question| question.created >= since)
            .filter_map(|question| question.answer.as_ref().map(|answer| answer.created - question.created))
            .collect();
        (!waits.is_empty()).then(|| waits.iter().sum::<i64>() / waits.len() as i64 / 60)
    }

    pub fn set_status(&mut self, id: i64, status: QuestionStatus) -> Option<&mut Question> {
        let question = self.by_id.get_mut(&id)?;
        if let Some(set) = self.by_status.get_mut(&question.status) {
            set.remove(&id);
        }
        question.status = status;
        self.by_status.entry(status).or_default().insert(id);
        Some(question)
    }

    /// Ids matching the filters, in the requested order (lazily: paging walks only what it needs).
    pub fn ids<'a>(
        &'a self,
        status: Option<QuestionStatus>,
        item: Option<&'a str>,
        newest_first: bool,
        before: Option<i64>,
    ) -> (usize, Box<dyn Iterator<Item = i64> + 'a>) {
        static EMPTY: BTreeSet<i64> = BTreeSet::new();
        let base: &BTreeSet<i64> = match (item, status) {
            (Some(item), _) => self.by_item.get(item).unwrap_or(&EMPTY),
            (None, Some(status)) => self.by_status.get(&status).unwrap_or(&EMPTY),
            (None, None) => {
                let total = self.by_id.len();
                let keys = self.by_id.keys().copied();
                let iter: Box<dyn Iterator<Item = i64>> = match (newest_first, before) {
                    (true, Some(cursor)) => Box::new(self.by_id.range(..cursor).rev().map(|(id, _)| *id)),
                    (false, Some(cursor)) => Box::new(self.by_id.range(cursor + 1..).map(|(id, _)| *id)),
                    (true, None) => Box::new(keys.rev()),
                    (false, None) => Box::new(keys),
                };
                return (total, iter);
            }
        };
        let keep = move |id: &i64| match (item, status) {
            (Some(_), Some(status)) => self.by_id.get(id).is_some_and(|q| q.status == status),
            _ => true,
        };
        let total = if item.is_some() && status.is_some() {
            base.iter().filter(|id| keep(id)).count()
        } else {
            base.len()
        };
        let iter: Box<dyn Iterator<Item = i64>> = match (newest_first, before) {
            (true, Some(cursor)) => Box::new(base.range(..cursor).rev().copied().filter(keep)),
            (false, Some(cursor)) => Box::new(base.range(cursor + 1..).copied().filter(keep)),
            (true, None) => Box::new(base.iter().rev().copied().filter(keep)),
            (false, None) => Box::new(base.iter().copied().filter(keep)),
        };
        (total, iter)
    }
}
