//! Saved answers: the library the seller copies from all day. The library and its usage live in
//! SQLite (`library`); the `{{…}}` language (`template`), money and dates per language (`formats`),
//! the channel lint (`lint`), fuzzy search (`search`) and suggestions (`suggest`) are pure or
//! read-only; `render` puts them together for one paste.

mod attachments;
mod formats;
mod index;
mod library;
pub mod lint;
mod render;
mod search;
mod starter;
mod suggest;
mod template;
mod text_index;
mod transfer;

#[cfg(test)]
mod tests;

use std::path::Path;

use rusqlite::Transaction;

use crate::Result;
use crate::model::{
    AnswerFacts, AnswerFileFormat, AnswerHit, AnswerImportReport, AnswerInput, AnswerSuggestion, Language,
    RenderRequest, RenderedAnswer, SavedAnswer, UnixSeconds,
};

pub(crate) use index::IndexCache;
pub use lint::lint;
pub use render::VARIABLES;

pub(crate) fn all(tx: &Transaction<'_>) -> Result<Vec<SavedAnswer>> {
    library::all(tx)
}

pub(crate) fn get(tx: &Transaction<'_>, id: i64) -> Result<SavedAnswer> {
    library::get(tx, id)
}

pub(crate) fn create(tx: &Transaction<'_>, input: &AnswerInput, now: UnixSeconds) -> Result<i64> {
    library::create(tx, input, now)
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, input: &AnswerInput, now: UnixSeconds) -> Result<()> {
    library::update(tx, id, input, now)
}

pub(crate) fn delete(tx: &Transaction<'_>, id: i64) -> Result<Vec<String>> {
    library::delete(tx, id)
}

/// Ranked hits from the in-memory index (`index`, kept for the snapshot `tx` reads).
pub(crate) fn search(
    tx: &Transaction<'_>,
    cache: &IndexCache,
    generation: u64,
    query: &str,
    limit: u32,
) -> Result<Vec<AnswerHit>> {
    let index = cache.get(tx, generation)?;
    let ranked = search::rank(&index.entries, query, limit as usize);
    Ok(ranked
        .into_iter()
        .filter_map(|r| {
            let answer = index.answer(r.id)?.clone();
            Some(AnswerHit { answer, score: r.score, shortcut_prefix: r.shortcut_prefix })
        })
        .collect())
}

pub(crate) fn suggestions(
    tx: &Transaction<'_>,
    cache: &IndexCache,
    generation: u64,
    message: &str,
    limit: u32,
) -> Result<Vec<AnswerSuggestion>> {
    let index = cache.get(tx, generation)?;
    Ok(suggest::suggest(&index.answers, &index.topics, &index.text, message, limit as usize))
}

pub(crate) fn render(
    tx: &Transaction<'_>,
    id: i64,
    request: &RenderRequest,
    now: UnixSeconds,
) -> Result<RenderedAnswer> {
    render::render(tx, id, request, now)
}

pub(crate) fn record_use(tx: &Transaction<'_>, id: i64, text: &str, now: UnixSeconds) -> Result<()> {
    library::record_use(tx, id, text, now)
}

pub(crate) fn install_starter(tx: &Transaction<'_>, language: Language, now: UnixSeconds) -> Result<u32> {
    starter::install(tx, language, now)
}

pub(crate) fn facts(tx: &Transaction<'_>) -> Result<AnswerFacts> {
    library::facts(tx)
}

pub(crate) fn save_facts(tx: &Transaction<'_>, facts: &AnswerFacts) -> Result<()> {
    library::save_facts(tx, facts)
}

pub(crate) fn export(tx: &Transaction<'_>, format: AnswerFileFormat) -> Result<String> {
    transfer::export(&library::all(tx)?, format)
}

/// Checks the whole file first, then writes it in the caller's transaction.
pub(crate) fn import(
    tx: &Transaction<'_>,
    text: &str,
    format: AnswerFileFormat,
    now: UnixSeconds,
) -> Result<AnswerImportReport> {
    let inputs = transfer::parse(text, format)?;
    transfer::import(tx, &inputs, now)
}

pub(crate) fn add_attachment(
    tx: &Transaction<'_>,
    db_path: &Path,
    answer_id: i64,
    source: &Path,
) -> Result<i64> {
    attachments::add(tx, db_path, answer_id, source)
}

pub(crate) fn attachment(tx: &Transaction<'_>, attachment_id: i64) -> Result<crate::model::AnswerAttachment> {
    library::attachment(tx, attachment_id)
}

pub(crate) fn remove_attachment(tx: &Transaction<'_>, attachment_id: i64) -> Result<String> {
    attachments::remove(tx, attachment_id)
}

pub(crate) fn delete_files(paths: &[String]) {
    attachments::delete_files(paths);
}

/// The sample shop's library: the Spanish and Portuguese starter packs (Lucía sells in Argentina
/// and Brazil) and the facts their variables read, so the payment answer's WhatsApp version has an
/// alias and a phone and its Mercado Libre version has neither.
pub(crate) fn load_sample(
    app: &crate::Mostrador,
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
