//! Saved answers: the library the seller copies from all day. The library and its usage live in
//! SQLite (`library`); the `{{…}}` language (`template`), money and dates per language (`formats`),
//! the channel lint (`lint`), fuzzy search (`fuzzy_search`) and suggestions (`suggest`) are pure or
//! read-only; `render` puts them together for one paste.

mod attachments;
mod formats;
mod fuzzy_search;
mod index;
mod library;
pub(crate) use library::attachment;
pub mod lint;
mod render;
mod starter;
mod suggest;
mod template;
mod text_index;
pub(crate) mod transfer;
mod types;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use crate::vocabulary::{Language, UnixSeconds};
use crate::{Mostrador, Result};

pub(crate) use index::IndexCache;
pub use lint::lint;
pub use render::VARIABLES;
pub use types::*;

impl Mostrador {
    /// Every saved answer with its versions and attachments, by folder then title.
    pub fn answers(&self) -> Result<Vec<SavedAnswer>> {
        self.read(library::all)
    }

    pub fn answer(&self, answer_id: i64) -> Result<SavedAnswer> {
        self.read(|tx| library::get(tx, answer_id))
    }

    /// Creates an answer; a shortcut already in use is `Error::ShortcutTaken`.
    pub fn create_answer(&self, input: &AnswerInput, now: UnixSeconds) -> Result<i64> {
        self.write(|tx| library::create(tx, input, now))
    }

    /// Replaces the answer's fields and versions (usage and attachments stay).
    pub fn update_answer(&self, answer_id: i64, input: &AnswerInput, now: UnixSeconds) -> Result<()> {
        self.write(|tx| library::update(tx, answer_id, input, now))
    }

    /// Deletes the answer and, once that is committed, its attachment files.
    pub fn delete_answer(&self, answer_id: i64) -> Result<()> {
        let files = self.write(|tx| library::delete(tx, answer_id))?;
        attachments::delete_files(&files);
        Ok(())
    }

    /// Fuzzy search (accent-insensitive) ranked by shortcut prefix, match, use count and recency,
    /// from the in-memory index kept for the snapshot the search reads.
    pub fn search_answers(&self, query: &str, limit: u32) -> Result<Vec<AnswerHit>> {
        let generation = self.store.generation()?;
        self.read(|tx| {
            let index = self.answers_index.get(tx, generation)?;
            let ranked = fuzzy_search::rank(&index.entries, query, limit as usize);
            Ok(ranked
                .into_iter()
                .filter_map(|r| {
                    let answer = index.answer(r.id)?.clone();
                    Some(AnswerHit { answer, score: r.score, shortcut_prefix: r.shortcut_prefix })
                })
                .collect())
        })
    }

    /// Answers for what an incoming message asks, each with the reason it was suggested.
    pub fn suggest_answers(&self, message: &str, limit: u32) -> Result<Vec<AnswerSuggestion>> {
        let generation = self.store.generation()?;
        self.read(|tx| {
            let index = self.answers_index.get(tx, generation)?;
            Ok(suggest::suggest(&index.answers, &index.topics, &index.text, message, limit as usize))
        })
    }

    /// Fills an answer for a conversation and order, picks the version for the channel and lints
    /// every version against it.
    pub fn render_answer(
        &self,
        answer_id: i64,
        request: &RenderRequest,
        now: UnixSeconds,
    ) -> Result<RenderedAnswer> {
        self.read(|tx| render::render(tx, answer_id, request, now))
    }

    /// Counts a use: last used, and the characters the pasted `text` saved typing.
    pub fn record_answer_use(&self, answer_id: i64, text: &str, now: UnixSeconds) -> Result<()> {
        self.write(|tx| library::record_use(tx, answer_id, text, now))
    }

    /// Installs the starter pack of a language once (later calls add nothing); returns how many.
    pub fn install_starter_answers(&self, language: Language, now: UnixSeconds) -> Result<u32> {
        self.write(|tx| starter::install(tx, language, now))
    }

    pub fn answer_facts(&self) -> Result<AnswerFacts> {
        self.read(library::facts)
    }

    pub fn save_answer_facts(&self, facts: &AnswerFacts) -> Result<()> {
        self.write(|tx| library::save_facts(tx, facts))
    }

    pub fn export_answers(&self, format: AnswerFileFormat) -> Result<String> {
        self.read(|tx| transfer::export(&library::all(tx)?, format))
    }

    /// Writes the export to `<db dir>/exports/answers-<now>.<json|csv>` and returns its path.
    pub fn export_answers_to_folder(&self, format: AnswerFileFormat, now: UnixSeconds) -> Result<PathBuf> {
        let text = self.export_answers(format)?;
        let dir = self.data_dir().join("exports");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("answers-{now}.{format}"));
        std::fs::write(&path, text)?;
        Ok(path)
    }

    /// All or nothing: a file with any invalid answer is `Error::AnswerImport` and changes nothing.
    /// The whole file is checked first, then written in one transaction.
    pub fn import_answers(
        &self,
        text: &str,
        format: AnswerFileFormat,
        now: UnixSeconds,
    ) -> Result<AnswerImportReport> {
        let inputs = transfer::parse(text, format)?;
        self.write(|tx| transfer::import(tx, &inputs, now))
    }

    /// Copies a file into `<db dir>/answers/<id>/` and lists it with the answer.
    pub fn add_answer_attachment(&self, answer_id: i64, source: &Path) -> Result<i64> {
        self.write(|tx| attachments::add(tx, &self.db_path, answer_id, source))
    }

    /// One attachment (its file's path is on this machine), e.g. to copy it as an image.
    pub fn answer_attachment(&self, attachment_id: i64) -> Result<AnswerAttachment> {
        self.read(|tx| library::attachment(tx, attachment_id))
    }

    pub fn remove_answer_attachment(&self, attachment_id: i64) -> Result<()> {
        let file = self.write(|tx| attachments::remove(tx, attachment_id))?;
        attachments::delete_files(&[file]);
        Ok(())
    }
}

/// The sample shop's library: the Spanish and Portuguese starter packs (Lucía sells in Argentina
/// and Brazil) and the facts their variables read, so the payment answer's WhatsApp version has an
/// alias and a phone and its Mercado Libre version has neither.
pub(crate) fn load_sample(
    app: &Mostrador,
    payment_alias: &str,
    shop_phone: &str,
    pickup_place: &str,
    now: UnixSeconds,
) -> Result<()> {
    app.install_starter_answers(Language::Es, now)?;
    app.install_starter_answers(Language::PtBr, now)?;
    app.save_answer_facts(&AnswerFacts {
        payment_alias: Some(payment_alias.to_string()),
        pickup_place: Some(pickup_place.to_string()),
        shop_phone: Some(shop_phone.to_string()),
    })
}
