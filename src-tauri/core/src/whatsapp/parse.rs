//! Text of an export → messages, system lines and unreadable lines. Never panics: every input
//! either parses or is reported line by line.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::ExportError;
use super::date_order::{self, DateOrder, DateOrderEvidence};
use super::header::{self, BadHeader, RawDate, RawTime};
use super::media::{self, Media};
use super::notice::{self, NoticeKind};
use crate::vocabulary::UnixSeconds;

/// Kept whole up to this many for each reason; beyond it only counted (a wrong file could have
/// millions).
const UNREADABLE_KEPT: usize = 200;
const UNREADABLE_TEXT_CHARS: usize = 160;
/// A "name" longer than this before `: ` is a sentence (a system line that quotes a colon).
const MAX_NAME_CHARS: usize = 60;

#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// The seller's override; `None` infers it from the file.
    pub date_order: Option<DateOrder>,
    /// The order assumed when the file gives no evidence.
    pub fallback_order: DateOrder,
    /// The zone the phone that exported was in: the export's times are its wall-clock times.
    pub time_zone: TimeZone,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { date_order: None, fallback_order: DateOrder::DayFirst, time_zone: TimeZone::UTC }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatMessage {
    /// 1-based line of the header.
    pub line: u32,
    /// The wall-clock time as written (after the day/month decision): stable across time zones.
    pub local_time: DateTime,
    pub sent_at: UnixSeconds,
    pub author: String,
    /// Everything after `Name: `, continuation lines joined with `\n`, marks removed from the start.
    pub text: String,
    pub media: Option<Media>,
}

/// "Messages are end-to-end encrypted", "X created group", "X changed the subject"…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemLine {
    pub line: u32,
    pub sent_at: UnixSeconds,
    pub text: String,
    pub kind: NoticeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct UnreadableLine {
    pub line: u32,
    /// The start of the line, as written.
    pub text: String,
    pub reason: UnreadableReason,
}

/// Why a line was not read as part of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum UnreadableReason {
    /// Text before the first line that starts with a date and a time.
    BeforeFirstMessage,
    /// A header with a time that cannot be (`25:99`, `13:00 PM`), and the lines after it.
    ImpossibleTime,
    /// A date that does not exist in the day/month order used (`13/31`), and the lines after it.
    ImpossibleDate,
}

/// How many unreadable lines there are for each reason; the kept lines stop at a few hundred.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnreadableCounts {
    pub before_first_message: u32,
    pub impossible_time: u32,
    pub impossible_date: u32,
}

impl UnreadableCounts {
    pub fn of(&self, reason: UnreadableReason) -> u32 {
        match reason {
            UnreadableReason::BeforeFirstMessage => self.before_first_message,
            UnreadableReason::ImpossibleTime => self.impossible_time,
            UnreadableReason::ImpossibleDate => self.impossible_date,
        }
    }

    fn add(&mut self, reason: UnreadableReason) {
        let count = match reason {
            UnreadableReason::BeforeFirstMessage => &mut self.before_first_message,
            UnreadableReason::ImpossibleTime => &mut self.impossible_time,
            UnreadableReason::ImpossibleDate => &mut self.impossible_date,
        };
        *count += 1;
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedChat {
    pub messages: Vec<ChatMessage>,
    pub system_lines: Vec<SystemLine>,
    /// The first few hundred for each reason; `unreadable_count` has them all.
    pub unreadable: Vec<UnreadableLine>,
    pub unreadable_count: u32,
    pub unreadable_by_reason: UnreadableCounts,
    pub date_order: DateOrderEvidence,
    pub line_count: u32,
}

impl ParsedChat {
    /// Authors in order of first appearance, with how many messages each wrote.
    pub fn authors(&self) -> Vec<(String, u32)> {
        let mut authors: Vec<(String, u32)> = Vec::new();
        for message in &self.messages {
            match authors.iter_mut().find(|(name, _)| *name == message.author) {
                Some((_, count)) => *count += 1,
                None => authors.push((message.author.clone(), 1)),
            }
        }
        authors
    }
}

/// A header and the continuation lines after it.
struct Entry<'a> {
    line: u32,
    date: RawDate,
    time: RawTime,
    raw: &'a str,
    first: &'a str,
    more: Vec<&'a str>,
}

pub fn parse_text(text: &str, options: &ParseOptions) -> Result<ParsedChat, ExportError> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut unreadable = Unreadable::default();
    let mut line_count = 0u32;
    // After a header with an impossible time, its continuation lines are unreadable too rather
    // than joined to the message before it.
    let mut after_bad_header = false;
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        line_count = number;
        match header::parse(line) {
            Some(Ok(h)) => {
                after_bad_header = false;
                entries.push(Entry {
                    line: number,
                    date: h.date,
                    time: h.time,
                    raw: line,
                    first: h.rest,
                    more: Vec::new(),
                });
            }
            Some(Err(BadHeader::Time)) => {
                after_bad_header = true;
                unreadable.push(number, line, UnreadableReason::ImpossibleTime);
            }
            // Blank lines hold nothing to lose.
            None if after_bad_header && is_blank(line) => {}
            None if after_bad_header => unreadable.push(number, line, UnreadableReason::ImpossibleTime),
            None => match entries.last_mut() {
                Some(entry) => entry.more.push(line),
                None if is_blank(line) => {}
                None => unreadable.push(number, line, UnreadableReason::BeforeFirstMessage),
            },
        }
    }
    if text.ends_with('\n') {
        line_count = line_count.saturating_sub(1);
    }
    if entries.is_empty() {
        return Err(ExportError::NotAnExport);
    }

    let dates: Vec<(u32, RawDate)> = entries.iter().map(|e| (e.line, e.date)).collect();
    let (inferred, reason) = date_order::infer(&dates, options.fallback_order);
    let used = options.date_order.unwrap_or(inferred);
    let date_order = DateOrderEvidence { inferred, reason, used };

    let mut messages = Vec::with_capacity(entries.len());
    let mut system_lines = Vec::new();
    for entry in entries {
        let Some(local_time) = civil(entry.date, entry.time, used) else {
            // Continuation lines follow their header directly, so their numbers are consecutive.
            for (offset, line) in std::iter::once(entry.raw).chain(entry.more.iter().copied()).enumerate() {
                if !is_blank(line) {
                    let number = entry.line.saturating_add(offset as u32);
                    unreadable.push(number, line, UnreadableReason::ImpossibleDate);
                }
            }
            continue;
        };
        let sent_at = to_unix(local_time, &options.time_zone);
        let body = join(entry.first, &entry.more);
        match split_author(&body) {
            Some((author, rest)) if !is_system_text(rest) => {
                let text = rest.trim_start_matches(header::is_mark).trim_end_matches(['\n', '\r']).to_owned();
                let media = media::recognise(text.lines().next().unwrap_or(""));
                messages.push(ChatMessage {
                    line: entry.line,
                    local_time,
                    sent_at,
                    author: author.to_owned(),
                    text,
                    media,
                });
            }
            Some((_, rest)) => system_lines.push(SystemLine::new(entry.line, sent_at, rest)),
            None => system_lines.push(SystemLine::new(entry.line, sent_at, &body)),
        }
    }
    if messages.is_empty() && system_lines.is_empty() {
        return Err(ExportError::NotAnExport);
    }
    unreadable.kept.sort_by_key(|u| u.line);
    Ok(ParsedChat {
        messages,
        system_lines,
        unreadable_count: unreadable.count,
        unreadable_by_reason: unreadable.by_reason,
        unreadable: unreadable.kept,
        date_order,
        line_count,
    })
}

impl SystemLine {
    fn new(line: u32, sent_at: UnixSeconds, text: &str) -> SystemLine {
        let text = text.trim_start_matches(header::is_mark).trim_end().to_owned();
        SystemLine { line, sent_at, kind: notice::kind_of(&text), text }
    }
}

#[derive(Default)]
struct Unreadable {
    kept: Vec<UnreadableLine>,
    count: u32,
    by_reason: UnreadableCounts,
}

impl Unreadable {
    fn push(&mut self, line: u32, text: &str, reason: UnreadableReason) {
        self.count += 1;
        self.by_reason.add(reason);
        if self.by_reason.of(reason) as usize <= UNREADABLE_KEPT {
            let text = text.chars().take(UNREADABLE_TEXT_CHARS).collect();
            self.kept.push(UnreadableLine { line, text, reason });
        }
    }
}

fn is_blank(line: &str) -> bool {
    line.trim_matches(|c: char| c.is_whitespace() || header::is_mark(c)).is_empty()
}

fn join(first: &str, more: &[&str]) -> String {
    let mut body = String::with_capacity(first.len() + more.iter().map(|l| l.len() + 1).sum::<usize>());
    body.push_str(first);
    for line in more {
        body.push('\n');
        body.push_str(line);
    }
    body
}

/// `Name: text` → (name, text). A header with no such name is a system line.
fn split_author(body: &str) -> Option<(&str, &str)> {
    let first_line = body.split('\n').next().unwrap_or("");
    let colon = first_line.find(": ").or_else(|| first_line.strip_suffix(':').map(str::len))?;
    let name = body[..colon].trim_matches(|c: char| c.is_whitespace() || header::is_mark(c));
    let plausible = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !name.contains(['"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}']);
    if !plausible {
        return None;
    }
    let rest = body[colon + 1..].strip_prefix(' ').unwrap_or(&body[colon + 1..]);
    Some((name, rest))
}

/// iOS writes its notices under the chat's name (in a one-to-one chat, the buyer's), the text
/// starting with a left-to-right mark. It puts the same mark before what people send that has no
/// words of their own: files, omitted media, documents, shared locations. Those are messages: a
/// notice never names a file and never carries a link.
fn is_system_text(rest: &str) -> bool {
    if !rest.starts_with('\u{200e}') {
        return false;
    }
    let first_line = rest.lines().next().unwrap_or("");
    media::recognise(first_line).is_none() && !first_line.contains("://")
}

fn civil(date: RawDate, time: RawTime, order: DateOrder) -> Option<DateTime> {
    let [a, b, c] = date.parts;
    let (year, month, day) = if date.year_first {
        (a, b, c)
    } else {
        let year = if c < 100 { 2000 + c } else { c };
        match order {
            DateOrder::DayFirst => (year, b, a),
            DateOrder::MonthFirst => (year, a, b),
        }
    };
    let year = i16::try_from(year).ok()?;
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    let date = Date::new(year, month, day).ok()?;
    // Seconds are at most 59 and hours at most 23 (checked by the header parser).
    Some(date.at(time.hour as i8, time.minute as i8, time.second as i8, 0))
}

/// Wall-clock time in the export's zone → unix seconds; in a daylight-saving gap or fold the
/// earlier reading is taken, as clocks do.
fn to_unix(local: DateTime, zone: &TimeZone) -> UnixSeconds {
    match zone.to_ambiguous_timestamp(local).compatible() {
        Ok(timestamp) => timestamp.as_second(),
        Err(_) => {
            TimeZone::UTC.to_ambiguous_timestamp(local).compatible().map(|t| t.as_second()).unwrap_or(0)
        }
    }
}
