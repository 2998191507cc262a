//! `answers list | search | lint | starter | import | export`: the saved-answers library from the
//! command line, over the same core as the app.

use std::io::Write;
use std::path::Path;

use mostrador_core::answers::{AnswerChannel, AnswerFileFormat};
use mostrador_core::vocabulary::Language;

use crate::database;
use crate::failure::Failure;

pub enum Request<'a> {
    List,
    Search { query: &'a str },
    Lint { channel: &'a str, text: &'a str },
    Starter { language: &'a str },
    Import { file: &'a Path },
    Export { format: &'a str },
}

fn write_json(out: &mut impl Write, value: serde_json::Result<serde_json::Value>) -> Result<(), Failure> {
    let text =
        value.and_then(|v| serde_json::to_string_pretty(&v)).map_err(|e| Failure::new(e.to_string()))?;
    writeln!(out, "{text}").map_err(Failure::from_stdout)
}

fn format_of(name: &str) -> Result<AnswerFileFormat, Failure> {
    AnswerFileFormat::parse(&name.to_ascii_lowercase())
        .ok_or_else(|| Failure::new(format!("unknown format {name:?}: json or csv")))
}

pub fn run(
    db: &Path,
    request: &Request<'_>,
    now: i64,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    if let Request::Lint { channel, text } = request {
        let channel = AnswerChannel::parse(channel).ok_or_else(|| {
            Failure::new(format!(
                "unknown channel {channel:?} (ml_pre_sale, ml_post_sale, instagram, whatsapp…)"
            ))
        })?;
        let report = mostrador_core::answers::lint(text, channel, &[]);
        if json {
            return write_json(out, serde_json::to_value(&report));
        }
        let limit = report.limit.map(|l| format!(" of {l}")).unwrap_or_default();
        writeln!(out, "{}: {}{limit}", report.channel, report.length).map_err(Failure::from_stdout)?;
        for f in &report.findings {
            writeln!(out, "  {} at {}..{}: {:?}", f.rule, f.start, f.end, f.excerpt)
                .map_err(Failure::from_stdout)?;
        }
        return Ok(());
    }
    let store = database::open_existing(db)?;
    match request {
        Request::List => {
            let answers = store.answers().map_err(|e| Failure::from_core(e, "list the answers"))?;
            if json {
                return write_json(out, serde_json::to_value(&answers));
            }
            for a in &answers {
                let shortcut = a.shortcut.as_deref().map(|s| format!("/{s}")).unwrap_or_default();
                writeln!(out, "{:>5}  {shortcut:<14} {}  ({} uses)", a.id, a.title, a.use_count)
                    .map_err(Failure::from_stdout)?;
            }
        }
        Request::Search { query } => {
            let hits =
                store.search_answers(query, 20).map_err(|e| Failure::from_core(e, "search the answers"))?;
            if json {
                return write_json(out, serde_json::to_value(&hits));
            }
            for h in &hits {
                let shortcut = h.answer.shortcut.as_deref().map(|s| format!("/{s}")).unwrap_or_default();
                writeln!(out, "{:>5}  {shortcut:<14} {}", h.answer.id, h.answer.title)
                    .map_err(Failure::from_stdout)?;
            }
        }
        Request::Starter { language } => {
            let language = Language::parse(language)
                .ok_or_else(|| Failure::new(format!("unknown language {language:?}: es, pt-BR or en")))?;
            let added = store
                .install_starter_answers(language, now)
                .map_err(|e| Failure::from_core(e, "install the starter answers"))?;
            writeln!(out, "{added} answers added").map_err(Failure::from_stdout)?;
        }
        Request::Import { file } => {
            let format = format_of(file.extension().and_then(|e| e.to_str()).unwrap_or("json"))?;
            let text = std::fs::read_to_string(file)
                .map_err(|e| Failure::from_io(e, &format!("read {}", file.display())))?;
            let report = store
                .import_answers(&text, format, now)
                .map_err(|e| Failure::from_core(e, &format!("import {}", file.display())))?;
            if json {
                return write_json(out, serde_json::to_value(&report));
            }
            writeln!(out, "{} added, {} replaced", report.added, report.replaced)
                .map_err(Failure::from_stdout)?;
        }
        Request::Export { format } => {
            let text = store
                .export_answers(format_of(format)?)
                .map_err(|e| Failure::from_core(e, "export the answers"))?;
            write!(out, "{text}").map_err(Failure::from_stdout)?;
        }
        Request::Lint { .. } => {}
    }
    Ok(())
}
