//! Import and export of the library as JSON or CSV. An import is checked whole before anything is
//! written and runs in one transaction: a file with any bad row changes nothing, and the error names
//! the row and the field.

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use super::library;
use crate::answers::{
    AnswerChannel, AnswerFileFormat, AnswerFolder, AnswerImportReport, AnswerInput, AnswerVariant,
    SavedAnswer,
};
use crate::vocabulary::{Language, UnixSeconds};
use crate::{Error, Result};

const FORMAT: &str = "mostrador-answers";

#[derive(Serialize, Deserialize)]
struct JsonFile {
    format: String,
    version: u32,
    answers: Vec<AnswerInput>,
}

fn invalid(row: Option<usize>, message: impl Into<String>) -> Error {
    Error::AnswerImport { row: row.map(|r| u32::try_from(r).unwrap_or(u32::MAX)), message: message.into() }
}

pub(crate) fn export(answers: &[SavedAnswer], format: AnswerFileFormat) -> Result<String> {
    let inputs: Vec<AnswerInput> = answers.iter().map(input_of).collect();
    export_inputs(&inputs, format)
}

pub(crate) fn export_inputs(inputs: &[AnswerInput], format: AnswerFileFormat) -> Result<String> {
    match format {
        AnswerFileFormat::Json => Ok(serde_json::to_string_pretty(&JsonFile {
            format: FORMAT.into(),
            version: 1,
            answers: inputs.to_vec(),
        })?),
        AnswerFileFormat::Csv => export_csv(inputs),
    }
}

fn input_of(answer: &SavedAnswer) -> AnswerInput {
    AnswerInput {
        title: answer.title.clone(),
        shortcut: answer.shortcut.clone(),
        folder: answer.folder,
        body: answer.body.clone(),
        language: answer.language,
        pinned: answer.pinned,
        tags: answer.tags.clone(),
        variants: answer.variants.clone(),
    }
}

const CSV_FIXED: [&str; 7] = ["title", "shortcut", "folder", "language", "pinned", "tags", "body"];

/// One column per (channel, language) version present: `version:ml_post_sale:es`. Tags are
/// separated by `|`.
fn export_csv(inputs: &[AnswerInput]) -> Result<String> {
    let mut version_columns: Vec<(AnswerChannel, Language)> = Vec::new();
    for v in inputs.iter().flat_map(|i| &i.variants) {
        if !version_columns.contains(&(v.channel, v.language)) {
            version_columns.push((v.channel, v.language));
        }
    }
    version_columns.sort_by_key(|(c, l)| (c.as_str(), l.as_str()));
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = CSV_FIXED.iter().map(|s| s.to_string()).collect();
    header.extend(version_columns.iter().map(|(c, l)| format!("version:{c}:{l}")));
    writer.write_record(&header).map_err(csv_error)?;
    for input in inputs {
        let mut record = vec![
            input.title.clone(),
            input.shortcut.clone().unwrap_or_default(),
            input.folder.map(|f| f.as_str().to_string()).unwrap_or_default(),
            input.language.map(|l| l.as_str().to_string()).unwrap_or_default(),
            if input.pinned { "yes".into() } else { "no".into() },
            input.tags.join("|"),
            input.body.clone(),
        ];
        for (channel, language) in &version_columns {
            let body = input.variants.iter().find(|v| v.channel == *channel && v.language == *language);
            record.push(body.map(|v| v.body.clone()).unwrap_or_default());
        }
        writer.write_record(&record).map_err(csv_error)?;
    }
    let bytes = writer.into_inner().map_err(|e| Error::InvalidInput(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::InvalidInput(e.to_string()))
}

fn csv_error(e: csv::Error) -> Error {
    let row = e.position().map(|p| usize::try_from(p.line()).unwrap_or(0));
    invalid(row, format!("not a readable CSV file: {e}"))
}

/// Parses a file into answers, checking every one; the row numbers are 1-based (CSV: the line,
/// counting the header; JSON: the answer's position).
pub(crate) fn parse(text: &str, format: AnswerFileFormat) -> Result<Vec<AnswerInput>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(invalid(None, "the file is empty"));
    }
    let inputs = match format {
        AnswerFileFormat::Json => parse_json(text)?,
        AnswerFileFormat::Csv => parse_csv(text)?,
    };
    let mut checked: Vec<AnswerInput> = Vec::new();
    for (i, input) in inputs.into_iter().enumerate() {
        let row = match format {
            AnswerFileFormat::Json => i + 1,
            AnswerFileFormat::Csv => i + 2,
        };
        let input = library::normalized(&input).map_err(|e| match e {
            Error::InvalidInput(message) => invalid(Some(row), message),
            other => other,
        })?;
        if let Some(shortcut) = &input.shortcut
            && let Some(first) = checked
                .iter()
                .position(|c| c.shortcut.as_ref().is_some_and(|s| s.eq_ignore_ascii_case(shortcut)))
        {
            let first_row = match format {
                AnswerFileFormat::Json => first + 1,
                AnswerFileFormat::Csv => first + 2,
            };
            return Err(invalid(
                Some(row),
                format!("the shortcut /{shortcut} is also used in row {first_row}"),
            ));
        }
        checked.push(input);
    }
    if checked.is_empty() {
        return Err(invalid(None, "the file has no answers"));
    }
    Ok(checked)
}

fn parse_json(text: &str) -> Result<Vec<AnswerInput>> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| invalid(None, format!("not valid JSON (line {}): {e}", e.line())))?;
    let answers = match &value {
        serde_json::Value::Array(_) => value,
        serde_json::Value::Object(object) => {
            if object.get("format").and_then(|f| f.as_str()).is_some_and(|f| f != FORMAT) {
                return Err(invalid(None, "this JSON file is not a Mostrador answers file"));
            }
            object
                .get("answers")
                .cloned()
                .ok_or_else(|| invalid(None, "the JSON file has no \"answers\" list"))?
        }
        _ => return Err(invalid(None, "the JSON file must hold a list of answers")),
    };
    let serde_json::Value::Array(items) = answers else {
        return Err(invalid(None, "\"answers\" must be a list"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| serde_json::from_value(item).map_err(|e| invalid(Some(i + 1), e.to_string())))
        .collect()
}

fn parse_csv(text: &str) -> Result<Vec<AnswerInput>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header: Vec<String> =
        reader.headers().map_err(csv_error)?.iter().map(|h| h.trim().to_lowercase()).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let title_at = column("title").ok_or_else(|| invalid(Some(1), "the CSV has no \"title\" column"))?;
    let body_at = column("body").ok_or_else(|| invalid(Some(1), "the CSV has no \"body\" column"))?;
    let mut versions: Vec<(usize, AnswerChannel, Language)> = Vec::new();
    for (at, name) in header.iter().enumerate() {
        if CSV_FIXED.contains(&name.as_str()) {
            continue;
        }
        let parts: Vec<&str> = name.split(':').collect();
        match parts.as_slice() {
            ["version", channel, language] => {
                let channel = AnswerChannel::parse(channel)
                    .ok_or_else(|| invalid(Some(1), format!("unknown channel in column \"{name}\"")))?;
                let language = parse_language(language)
                    .ok_or_else(|| invalid(Some(1), format!("unknown language in column \"{name}\"")))?;
                versions.push((at, channel, language));
            }
            _ => return Err(invalid(Some(1), format!("unknown column \"{name}\""))),
        }
    }
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = record.map_err(csv_error)?;
        let cell = |at: Option<usize>| at.and_then(|at| record.get(at)).map(str::trim).unwrap_or_default();
        let folder = match cell(column("folder")) {
            "" => None,
            f => Some(
                AnswerFolder::parse(f)
                    .ok_or_else(|| invalid(Some(row), format!("unknown folder \"{f}\"")))?,
            ),
        };
        let language = match cell(column("language")) {
            "" => None,
            l => Some(
                parse_language(l).ok_or_else(|| invalid(Some(row), format!("unknown language \"{l}\"")))?,
            ),
        };
        let pinned = match cell(column("pinned")).to_lowercase().as_str() {
            "" | "no" | "false" | "0" => false,
            "yes" | "true" | "1" => true,
            other => {
                return Err(invalid(Some(row), format!("\"pinned\" must be yes or no, not \"{other}\"")));
            }
        };
        let variants = versions
            .iter()
            .filter_map(|&(at, channel, language)| {
                let body = record.get(at).unwrap_or_default();
                (!body.trim().is_empty()).then(|| AnswerVariant { channel, language, body: body.to_string() })
            })
            .collect();
        out.push(AnswerInput {
            title: record.get(title_at).unwrap_or_default().to_string(),
            shortcut: Some(cell(column("shortcut")).to_string()).filter(|s| !s.is_empty()),
            folder,
            body: record.get(body_at).unwrap_or_default().to_string(),
            language,
            pinned,
            tags: cell(column("tags"))
                .split('|')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            variants,
        });
    }
    Ok(out)
}

fn parse_language(text: &str) -> Option<Language> {
    match text.trim().to_lowercase().as_str() {
        "es" => Some(Language::Es),
        "pt-br" | "pt" => Some(Language::PtBr),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// Writes checked answers; an answer whose shortcut exists replaces that answer. All in the
/// caller's transaction.
pub(crate) fn import(
    tx: &Transaction<'_>,
    inputs: &[AnswerInput],
    now: UnixSeconds,
) -> Result<AnswerImportReport> {
    let mut report = AnswerImportReport { added: 0, replaced: 0 };
    for input in inputs {
        let existing = match &input.shortcut {
            Some(shortcut) => library::id_by_shortcut(tx, shortcut)?,
            None => None,
        };
        match existing {
            Some(id) => {
                library::update(tx, id, input, now)?;
                report.replaced += 1;
            }
            None => {
                library::create(tx, input, now)?;
                report.added += 1;
            }
        }
    }
    Ok(report)
}
