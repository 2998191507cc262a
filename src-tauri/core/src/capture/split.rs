//! Pasted text → draft messages. Sites without an API (classifieds, Facebook Marketplace) and notes
//! from a fair or a call arrive as copied text; where a line starts with a speaker (and maybe a
//! time) it starts a message, every other line continues the one before. A `Name:` with no time
//! only counts as a speaker when it is the seller ("Yo:", "Eu:", "Me:", the shop's name), the
//! buyer, or appears at least twice — so "Precio: 3000" inside a message stays text.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::Direction;

/// Words a seller writes for themself when noting a conversation down.
const ME_WORDS: &[&str] = &["yo", "eu", "me", "i", "vendedor", "vendedora"];
const MAX_NAME_CHARS: usize = 40;
const MAX_NAME_WORDS: usize = 5;

/// Who is who, to tell the seller's lines from the buyer's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SplitOptions {
    /// The buyer's name, when already picked: their `Name:` lines count at once.
    pub buyer_name: Option<String>,
    /// Names the seller writes as (the shop's name); `Yo`/`Eu`/`Me` always count.
    pub me_names: Vec<String>,
}

/// One message of the draft; the seller fixes any field before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftMessage {
    pub author: String,
    pub direction: Direction,
    /// `HH:MM` (24 h) as read from the text, if it had one.
    pub time: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaptureDraft {
    pub messages: Vec<DraftMessage>,
    /// False when no speaker was recognised and the whole text is one message.
    pub recognised: bool,
}

/// A line that may start a message.
struct Header<'a> {
    name: &'a str,
    time: Option<String>,
    rest: &'a str,
}

pub fn split(text: &str, options: &SplitOptions) -> CaptureDraft {
    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<Option<Header<'_>>> = lines.iter().map(|line| header(line.trim())).collect();
    let mut name_counts: HashMap<String, u32> = HashMap::new();
    for header in headers.iter().flatten() {
        *name_counts.entry(header.name.to_lowercase()).or_default() += 1;
    }
    let buyer = options.buyer_name.as_deref().map(str::trim).filter(|b| !b.is_empty());
    let is_me = |name: &str| {
        let lower = name.to_lowercase();
        ME_WORDS.contains(&lower.as_str())
            || options.me_names.iter().any(|m| m.trim().to_lowercase() == lower)
    };
    let is_buyer = |name: &str| buyer.is_some_and(|b| b.to_lowercase() == name.to_lowercase());
    let counts = |header: &Header<'_>| {
        header.time.is_some()
            || is_me(header.name)
            || is_buyer(header.name)
            || name_counts.get(&header.name.to_lowercase()).copied().unwrap_or(0) >= 2
    };

    let mut messages: Vec<DraftMessage> = Vec::new();
    let mut recognised = false;
    for (line, header) in lines.iter().zip(&headers) {
        match header {
            Some(header) if counts(header) => {
                recognised = true;
                messages.push(DraftMessage {
                    author: header.name.to_owned(),
                    direction: if is_me(header.name) { Direction::Outgoing } else { Direction::Incoming },
                    time: header.time.clone(),
                    text: header.rest.to_owned(),
                });
            }
            _ => match messages.last_mut() {
                Some(last) => {
                    last.text.push('\n');
                    last.text.push_str(line.trim_end());
                }
                None if line.trim().is_empty() => {}
                None => messages.push(DraftMessage {
                    author: buyer.unwrap_or_default().to_owned(),
                    direction: Direction::Incoming,
                    time: None,
                    text: line.trim_end().to_owned(),
                }),
            },
        }
    }
    for message in &mut messages {
        message.text = message.text.trim().to_owned();
    }
    messages.retain(|m| !m.text.is_empty());
    CaptureDraft { messages, recognised }
}

/// `[12:30] Name: text`, `12:30 - Name: text`, `Name (12:30): text`, `Name: text`.
fn header(line: &str) -> Option<Header<'_>> {
    if let Some(inner_and_rest) = line.strip_prefix('[') {
        let (inner, rest) = inner_and_rest.split_once(']')?;
        let time = find_time(inner)?;
        let (name, rest) = speaker(rest.trim_start().trim_start_matches(['-', '–']).trim_start())?;
        return Some(Header { name, time: Some(time), rest });
    }
    if let Some((time, after)) = leading_time(line) {
        let after = after.trim_start().trim_start_matches(['-', '–', '·']).trim_start();
        let (name, rest) = speaker(after)?;
        return Some(Header { name, time: Some(time), rest });
    }
    let (name, rest) = speaker(line)?;
    // `Name (12:30)`: the time in parentheses after the name.
    if let Some((before, inside)) = name.strip_suffix(')').and_then(|n| n.rsplit_once('('))
        && let Some(time) = find_time(inside)
    {
        let name = before.trim_end();
        return valid_name(name).then_some(Header { name, time: Some(time), rest });
    }
    Some(Header { name, time: None, rest })
}

/// `Name: rest` where Name looks like a person or a shop, not a sentence or a link.
fn speaker(line: &str) -> Option<(&str, &str)> {
    // The first colon outside parentheses: `Name (12:30): text`.
    let mut depth = 0_i32;
    let colon = line.char_indices().find_map(|(i, c)| {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth == 0 => return Some(i),
            _ => {}
        }
        None
    })?;
    let (name, rest) = (line[..colon].trim(), &line[colon + 1..]);
    // "https://…" and "12:30" split at a colon that is no speaker's.
    if rest.starts_with("//") || name.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let plain_name = match name.rsplit_once('(') {
        Some((before, _)) if name.ends_with(')') => before.trim_end(),
        _ => name,
    };
    valid_name(plain_name).then_some((name, rest.trim_start()))
}

fn valid_name(name: &str) -> bool {
    let chars = name.chars().count();
    (1..=MAX_NAME_CHARS).contains(&chars)
        && name.split_whitespace().count() <= MAX_NAME_WORDS
        && name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '+' || c == '@')
        && !name.contains(['.', '?', '!', ',', ';', '"'])
}

/// A time at the very start of the line, and what follows it.
fn leading_time(line: &str) -> Option<(String, &str)> {
    let (time, length) = time_at(line)?;
    Some((time, &line[length..]))
}

/// The first time anywhere in `text` (`[27/11 14:05]`, `(3:05 p. m.)`).
fn find_time(text: &str) -> Option<String> {
    text.char_indices()
        .filter(|(i, c)| {
            c.is_ascii_digit() && (*i == 0 || !text[..*i].ends_with(|p: char| p.is_ascii_digit()))
        })
        .find_map(|(i, _)| time_at(&text[i..]).map(|(time, _)| time))
}

/// `H:MM`, `HH:MM`, `HH.MM` with optional seconds and `am`/`pm`/`a. m.`/`p. m.` → (`HH:MM`, bytes read).
fn time_at(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let digits = |from: usize| bytes[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let hour_len = digits(0);
    if !(1..=2).contains(&hour_len) {
        return None;
    }
    let separator = *bytes.get(hour_len)?;
    if separator != b':' && separator != b'.' {
        return None;
    }
    let minute_start = hour_len + 1;
    if digits(minute_start) != 2 {
        return None;
    }
    let mut end = minute_start + 2;
    if bytes.get(end) == Some(&b':') && digits(end + 1) == 2 {
        end += 3;
    }
    let mut hour: u32 = text[..hour_len].parse().ok()?;
    let minute: u32 = text[minute_start..minute_start + 2].parse().ok()?;
    // A meridiem after optional spaces (ordinary, no-break, narrow no-break).
    let after = &text[end..];
    let spaces = after.len() - after.trim_start_matches([' ', '\u{a0}', '\u{202f}']).len();
    let compact: String = after[spaces..]
        .chars()
        .take(6)
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}'))
        .take(2)
        .collect::<String>()
        .to_lowercase();
    if compact == "am" || compact == "pm" {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (compact.as_str(), hour) {
            ("am", 12) => 0,
            ("pm", h) if h < 12 => h + 12,
            (_, h) => h,
        };
        // Consume the meridiem with its dots and inner space ("p. m.").
        let mut taken = 0;
        let mut letters = 0;
        for c in after[spaces..].chars() {
            if letters == 2 && c != '.' {
                break;
            }
            if c.is_alphabetic() {
                letters += 1;
            } else if !matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}') {
                break;
            }
            taken += c.len_utf8();
        }
        end += spaces + taken;
    }
    (hour < 24 && minute < 60).then(|| (format!("{hour:02}:{minute:02}"), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> SplitOptions {
        SplitOptions { buyer_name: None, me_names: vec!["Telar del Sur".into()] }
    }

    fn row(author: &str, direction: Direction, time: Option<&str>, text: &str) -> DraftMessage {
        DraftMessage { author: author.into(), direction, time: time.map(str::to_owned), text: text.into() }
    }

    #[test]
    fn named_lines_with_repeated_speakers_become_messages() {
        let draft = split(
            "Marta: Hola, ¿sigue disponible el poncho?\nYo: Sí, queda uno gris\nMarta: ¿Precio?\nque incluya envío\nYo: 18.000 con envío",
            &options(),
        );
        assert!(draft.recognised);
        assert_eq!(
            draft.messages,
            vec![
                row("Marta", Direction::Incoming, None, "Hola, ¿sigue disponible el poncho?"),
                row("Yo", Direction::Outgoing, None, "Sí, queda uno gris"),
                row("Marta", Direction::Incoming, None, "¿Precio?\nque incluya envío"),
                row("Yo", Direction::Outgoing, None, "18.000 con envío"),
            ]
        );
    }

    #[test]
    fn times_in_brackets_parentheses_and_at_the_start_are_read() {
        let draft = split(
            "[14:05] Joana: Oi, tem em azul?\nTelar del Sur (2:10 p. m.): Tenho sim\n09.30 - Joana: Obrigada",
            &options(),
        );
        assert_eq!(
            draft.messages,
            vec![
                row("Joana", Direction::Incoming, Some("14:05"), "Oi, tem em azul?"),
                row("Telar del Sur", Direction::Outgoing, Some("14:10"), "Tenho sim"),
                row("Joana", Direction::Incoming, Some("09:30"), "Obrigada"),
            ]
        );
    }

    #[test]
    fn a_single_label_inside_a_message_is_text_not_a_speaker() {
        let draft = split(
            "Hola! Vi tu publicación.\nPrecio: 3000\nVer más en https://example.com/x",
            &SplitOptions { buyer_name: Some("Ana".into()), me_names: vec![] },
        );
        assert!(!draft.recognised);
        assert_eq!(
            draft.messages,
            vec![row(
                "Ana",
                Direction::Incoming,
                None,
                "Hola! Vi tu publicación.\nPrecio: 3000\nVer más en https://example.com/x"
            )]
        );
    }

    #[test]
    fn the_buyers_name_counts_at_once_and_lines_before_any_speaker_are_theirs() {
        let draft = split(
            "(copiado de Marketplace)\nAna: ¿Hacés envíos?\nEu: Sim",
            &SplitOptions { buyer_name: Some("ana".into()), me_names: vec![] },
        );
        assert_eq!(draft.messages.len(), 3);
        assert_eq!(draft.messages[0].author, "ana");
        assert_eq!(draft.messages[1], row("Ana", Direction::Incoming, None, "¿Hacés envíos?"));
        assert_eq!(draft.messages[2].direction, Direction::Outgoing);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in
            ["", ":", "[", "[]", "[12:3] a: b", "99:99 X: y", "1:", "ñ:ñ", "12:00\u{202f}p", "Me: ", "a.m."]
        {
            let _ = split(text, &options());
        }
        assert!(split("", &options()).messages.is_empty());
        assert_eq!(time_at("12:00 a. m. x"), Some(("00:00".into(), 11)));
        assert_eq!(time_at("7:45\u{202f}PM"), Some(("19:45".into(), 9)));
    }
}
