//! The `{{…}}` language of saved answers: parsing and filling, with no knowledge of where values come
//! from. A variable without a value stays in the text as written and is reported, never dropped.

use crate::answers::{FillPrompt, MissingReason, MissingVariable};

/// One piece of an answer's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    /// `{{name}}` or `{{name || 'fallback'}}`.
    Variable {
        raw: &'a str,
        name: &'a str,
        fallback: Option<&'a str>,
    },
    /// `{{choose:size|S|M|L}}`.
    Choose {
        raw: &'a str,
        key: &'a str,
        options: Vec<&'a str>,
    },
    /// `{{ask:color}}`.
    Ask {
        raw: &'a str,
        key: &'a str,
    },
}

/// Splits a text into literal text and `{{…}}` pieces. An unclosed `{{` is literal text.
pub(crate) fn parse(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else { break };
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        let raw = &rest[open..open + 2 + close + 2];
        pieces.push(piece(raw, rest[open + 2..open + 2 + close].trim()));
        rest = &rest[open + 2 + close + 2..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

fn piece<'a>(raw: &'a str, inner: &'a str) -> Piece<'a> {
    if let Some(spec) = inner.strip_prefix("choose:") {
        let mut parts = spec.split('|').map(str::trim);
        let key = parts.next().unwrap_or_default();
        return Piece::Choose { raw, key, options: parts.filter(|o| !o.is_empty()).collect() };
    }
    if let Some(key) = inner.strip_prefix("ask:") {
        return Piece::Ask { raw, key: key.trim() };
    }
    match inner.split_once("||") {
        Some((name, fallback)) => {
            Piece::Variable { raw, name: name.trim(), fallback: Some(unquote(fallback.trim())) }
        }
        None => Piece::Variable { raw, name: inner, fallback: None },
    }
}

fn unquote(text: &str) -> &str {
    for quote in ['\'', '"', '‘', '“'] {
        if let Some(inner) = text.strip_prefix(quote) {
            let closing = match quote {
                '‘' => '’',
                '“' => '”',
                other => other,
            };
            return inner.strip_suffix(closing).unwrap_or(inner);
        }
    }
    text
}

/// What the source of values says about one variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup {
    Value(String),
    Missing(MissingReason),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Filled {
    pub text: String,
    pub prompts: Vec<FillPrompt>,
    pub missing: Vec<MissingVariable>,
}

/// Fills a text: variables from `lookup`, prompts from `fills` (by key). Unanswered prompts and
/// variables without a value or fallback keep their `{{…}}`; each is listed once.
pub(crate) fn fill(text: &str, lookup: &dyn Fn(&str) -> Lookup, fills: &[(String, String)]) -> Filled {
    let mut out = Filled::default();
    for piece in parse(text) {
        match piece {
            Piece::Text(text) => out.text.push_str(text),
            Piece::Variable { raw, name, fallback } => {
                let reason = match lookup(name) {
                    Lookup::Value(value) if !value.trim().is_empty() => {
                        out.text.push_str(&value);
                        continue;
                    }
                    Lookup::Value(_) => MissingReason::Empty,
                    Lookup::Missing(reason) => reason,
                };
                // A fallback covers a value that is absent or empty, not a typo in the name.
                match fallback {
                    Some(fallback) if reason != MissingReason::Unknown => out.text.push_str(fallback),
                    _ => {
                        out.text.push_str(raw);
                        if !out.missing.iter().any(|m| m.name == name) {
                            out.missing.push(MissingVariable { name: name.to_string(), reason });
                        }
                    }
                }
            }
            Piece::Choose { raw, key, options } => match answer(fills, key) {
                Some(value) => out.text.push_str(value),
                None => {
                    out.text.push_str(raw);
                    push_prompt(&mut out.prompts, key, options.iter().map(|o| o.to_string()).collect());
                }
            },
            Piece::Ask { raw, key } => match answer(fills, key) {
                Some(value) => out.text.push_str(value),
                None => {
                    out.text.push_str(raw);
                    push_prompt(&mut out.prompts, key, Vec::new());
                }
            },
        }
    }
    out
}

fn answer<'a>(fills: &'a [(String, String)], key: &str) -> Option<&'a str> {
    fills.iter().find(|(k, v)| k == key && !v.trim().is_empty()).map(|(_, v)| v.as_str())
}

fn push_prompt(prompts: &mut Vec<FillPrompt>, key: &str, options: Vec<String>) {
    if !prompts.iter().any(|p| p.key == key) {
        prompts.push(FillPrompt { key: key.to_string(), options });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(name: &str) -> Lookup {
        match name {
            "buyer.first_name" => Lookup::Value("Nicolás".into()),
            "product" => Lookup::Value("Taza esmaltada".into()),
            "order.total" => Lookup::Missing(MissingReason::Undefined),
            "pickup.place" => Lookup::Value("  ".into()),
            "cutoff.notice" => Lookup::Missing(MissingReason::NoCutoff),
            _ => Lookup::Missing(MissingReason::Unknown),
        }
    }

    #[test]
    fn variables_fill_in_and_fallbacks_cover_missing_values() {
        let filled = fill("¡Hola {{buyer.first_name}}! La {{ product }} está.", &values, &[]);
        assert_eq!(filled.text, "¡Hola Nicolás! La Taza esmaltada está.");
        assert!(filled.missing.is_empty());

        let filled =
            fill("{{order.total || 'a confirmar'}} y {{pickup.place || \"el taller\"}}", &values, &[]);
        assert_eq!(filled.text, "a confirmar y el taller");
        assert!(filled.missing.is_empty());
    }

    #[test]
    fn missing_variables_stay_visible_and_are_reported_once() {
        let filled = fill(
            "Total {{order.total}}. Otra vez {{order.total}}. {{pickup.place}} {{buyer.nmae}}",
            &values,
            &[],
        );
        assert_eq!(
            filled.text,
            "Total {{order.total}}. Otra vez {{order.total}}. {{pickup.place}} {{buyer.nmae}}"
        );
        assert_eq!(
            filled.missing,
            vec![
                MissingVariable { name: "order.total".into(), reason: MissingReason::Undefined },
                MissingVariable { name: "pickup.place".into(), reason: MissingReason::Empty },
                MissingVariable { name: "buyer.nmae".into(), reason: MissingReason::Unknown },
            ]
        );
    }

    #[test]
    fn a_fallback_does_not_hide_a_typo() {
        let filled = fill("{{buyer.frist_name || 'hola'}}", &values, &[]);
        assert_eq!(filled.text, "{{buyer.frist_name || 'hola'}}");
        assert_eq!(filled.missing[0].reason, MissingReason::Unknown);
    }

    #[test]
    fn prompts_are_returned_until_answered() {
        let text = "Talle {{choose:size|S|M|L}} en {{ask:color}}, talle {{choose:size|S|M|L}}";
        let filled = fill(text, &values, &[]);
        assert_eq!(filled.text, text);
        assert_eq!(
            filled.prompts,
            vec![
                FillPrompt { key: "size".into(), options: vec!["S".into(), "M".into(), "L".into()] },
                FillPrompt { key: "color".into(), options: vec![] },
            ]
        );
        let fills = vec![("size".to_string(), "M".to_string()), ("color".to_string(), "azul".to_string())];
        let filled = fill(text, &values, &fills);
        assert_eq!(filled.text, "Talle M en azul, talle M");
        assert!(filled.prompts.is_empty());
    }

    #[test]
    fn unclosed_braces_and_cutoff_arguments_parse() {
        assert_eq!(parse("a {{b"), vec![Piece::Text("a {{b")]);
        assert_eq!(
            parse("{{cutoff.last_order_day:Navidad}}"),
            vec![Piece::Variable {
                raw: "{{cutoff.last_order_day:Navidad}}",
                name: "cutoff.last_order_day:Navidad",
                fallback: None
            }]
        );
    }
}
