//! `import whatsapp FILE`: preview a WhatsApp export and import it (or only preview, `--dry-run`).

use std::io::Write;
use std::path::Path;

use mostrador_core::Error;
use mostrador_core::whatsapp::{
    DateOrder, DateOrderReason, ExportError, PreviewMessage, WhatsAppImportOptions, WhatsAppPreview,
};

use crate::database;
use crate::failure::Failure;

pub struct Request<'a> {
    pub file: &'a Path,
    pub options: WhatsAppImportOptions,
    pub dry_run: bool,
}

pub fn run(
    db: &Path,
    request: &Request<'_>,
    now: i64,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let (store, _) = database::open_or_create(db)?;
    let doing = format!("import {}", request.file.display());
    let preview = store.whatsapp_preview(request.file, &request.options).map_err(|e| failure(e, &doing))?;
    if preview.needs_me && !request.dry_run {
        if !json {
            write_preview(&preview, out).map_err(Failure::from_stdout)?;
        }
        return Err(choose_me(&preview.authors.iter().map(|a| a.name.clone()).collect::<Vec<_>>()));
    }
    let report = if request.dry_run {
        None
    } else {
        Some(store.whatsapp_import(request.file, &request.options, now).map_err(|e| failure(e, &doing))?)
    };
    if json {
        let value = serde_json::json!({ "preview": preview, "report": report });
        return serde_json::to_writer_pretty(&mut *out, &value)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
            .map_err(Failure::from_stdout);
    }
    write_preview(&preview, out)
        .and_then(|()| match &report {
            None => writeln!(out, "\nNothing was written (--dry-run)."),
            Some(report) => writeln!(
                out,
                "\nImported into conversation #{} ({}): {} new message(s), {} already there{}.",
                report.conversation_id,
                report.chat_name,
                report.inserted,
                report.unchanged + report.updated,
                if report.media_copied > 0 {
                    format!(", {} media file(s) kept", report.media_copied)
                } else {
                    String::new()
                }
            ),
        })
        .map_err(Failure::from_stdout)
}

fn choose_me(authors: &[String]) -> Failure {
    Failure::new(format!(
        "This chat has several authors ({}). Say which one is you with --me NAME, for example --me {:?}.",
        authors.join(", "),
        authors.last().map(String::as_str).unwrap_or("")
    ))
}

fn failure(error: Error, doing: &str) -> Failure {
    match &error {
        Error::ChatExport(ExportError::ChooseMe { authors }) => choose_me(authors),
        Error::ChatExport(ExportError::MeNotAnAuthor { me, authors }) => Failure::new(format!(
            "{me:?} did not write in this chat. The authors are: {}. Pass one of them with --me.",
            authors.join(", ")
        )),
        Error::ChatExport(ExportError::UnknownTimeZone(zone)) => Failure::new(format!(
            "{zone:?} is not a time zone this computer knows. Use an IANA name such as \
             America/Argentina/Buenos_Aires with --tz."
        )),
        Error::ChatExport(ExportError::NotAnExport | ExportError::Empty | ExportError::Binary) => {
            Failure::new(format!(
                "Could not {doing}: {error}. Export the chat from WhatsApp (Export chat) and pass that file."
            ))
        }
        _ => Failure::from_core(error, doing),
    }
}

fn write_preview(preview: &WhatsAppPreview, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "File:       {}", preview.file_name)?;
    match &preview.chat_name {
        Some(name) => writeln!(out, "Chat:       {name}{}", if preview.is_group { " (group)" } else { "" })?,
        None => writeln!(out, "Chat:       (say which author is you to know)")?,
    }
    writeln!(
        out,
        "Messages:   {} in {} lines ({} system line(s) left out, {} with media)",
        preview.message_count, preview.line_count, preview.system_line_count, preview.media_count
    )?;
    if preview.already_imported > 0 {
        writeln!(out, "            {} already imported before", preview.already_imported)?;
    }
    writeln!(out, "Authors:")?;
    for author in &preview.authors {
        let me = if preview.me.as_deref() == Some(author.name.as_str()) { "  <- me" } else { "" };
        writeln!(out, "  {:<32} {:>6} message(s){me}", author.name, author.messages)?;
    }
    let order = |o: DateOrder| if o == DateOrder::DayFirst { "day/month" } else { "month/day" };
    let why = match &preview.date_order.reason {
        DateOrderReason::YearFirst => "the year comes first".to_owned(),
        DateOrderReason::NumberAbove12 { line, date } => format!("line {line} has {date}"),
        DateOrderReason::Chronology { backwards_day_first, backwards_month_first } => format!(
            "read day first the dates go back {backwards_day_first} time(s), month first {backwards_month_first}"
        ),
        DateOrderReason::ChangesMoreOften { first_changes, second_changes } => {
            format!("the first number changes {first_changes} time(s), the second {second_changes}")
        }
        DateOrderReason::NoEvidence => "nothing in the file tells; assumed".to_owned(),
    };
    write!(out, "Dates:      {} ({why})", order(preview.date_order.inferred))?;
    if preview.date_order.used != preview.date_order.inferred {
        write!(out, "; using {} as asked", order(preview.date_order.used))?;
    }
    writeln!(out)?;
    writeln!(out, "Time zone:  {}", preview.time_zone)?;
    writeln!(out, "First:")?;
    for message in &preview.first_messages {
        write_message(message, &preview.time_zone, out)?;
    }
    if !preview.last_messages.is_empty() {
        writeln!(out, "Last:")?;
        for message in &preview.last_messages {
            write_message(message, &preview.time_zone, out)?;
        }
    }
    if preview.unreadable_count > 0 {
        writeln!(out, "Unreadable lines: {}", preview.unreadable_count)?;
        for line in preview.unreadable.iter().take(10) {
            writeln!(out, "  line {}: {}", line.line, line.text)?;
        }
    }
    Ok(())
}

/// Times in the export's own zone, as the seller saw them on the phone.
fn write_message(message: &PreviewMessage, zone: &str, out: &mut impl Write) -> std::io::Result<()> {
    let when = jiff::Timestamp::from_second(message.sent_at)
        .ok()
        .and_then(|t| t.in_tz(zone).ok())
        .map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default();
    let first_line = message.text.lines().next().unwrap_or("");
    writeln!(out, "  line {:>6}  {when}  {}: {first_line}", message.line, message.author)
}
