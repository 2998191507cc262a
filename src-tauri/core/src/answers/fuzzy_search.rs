//! Fuzzy search over the library with nucleo's matcher, accent-insensitive: both sides are folded
//! (lowercase, no accents) before matching. Title, shortcut and tags match fuzzily (letters in order
//! with gaps); the body matches each query word as a substring, which keeps a search over 10,000
//! long bodies within milliseconds and is what a word found in a text means anyway. Ranked: the
//! query starts a shortcut, then match quality, then use count, then recency.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::lint::fold;
use crate::answers::SavedAnswer;
use crate::vocabulary::UnixSeconds;

/// One answer as the search sees it, its text folded once when the index is built.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub id: i64,
    pub title: String,
    pub shortcut: Option<String>,
    pub body: String,
    pub tags: Vec<String>,
    pub pinned: bool,
    pub use_count: u32,
    pub last_used_at: Option<UnixSeconds>,
    /// The letters and digits in title, shortcut, tags and body (`letters`): a field missing one
    /// of the query's cannot match it, so the matcher is not run on it.
    masks: [u64; 4],
}

/// One bit per ASCII letter and digit in `text` (folded text is mostly ASCII; other characters
/// set no bit, so they never rule a field out).
fn letters(text: &str) -> u64 {
    text.bytes().fold(0, |mask, b| match b {
        b'a'..=b'z' => mask | 1 << (b - b'a'),
        b'0'..=b'9' => mask | 1 << (26 + b - b'0'),
        _ => mask,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ranked {
    pub id: i64,
    pub score: u32,
    pub shortcut_prefix: bool,
}

/// Among shortcuts the query starts, the one it covers most ("/pag": "pago" before "pagamento").
fn prefix_rest(ranked: &Ranked, entry: &Entry) -> usize {
    if ranked.shortcut_prefix {
        entry.shortcut.as_deref().map_or(usize::MAX, |s| s.chars().count())
    } else {
        0
    }
}

pub(crate) fn folded(text: &str) -> String {
    text.chars().map(fold).collect()
}

impl Entry {
    /// Folds the searchable text (lowercase, no accents) so a search does not redo it per answer.
    pub(crate) fn of(answer: &SavedAnswer) -> Entry {
        Entry::new(
            answer.id,
            &answer.title,
            answer.shortcut.as_deref(),
            &answer.body,
            &answer.tags,
            (answer.pinned, answer.use_count, answer.last_used_at),
        )
    }

    fn new(
        id: i64,
        title: &str,
        shortcut: Option<&str>,
        body: &str,
        tags: &[String],
        (pinned, use_count, last_used_at): (bool, u32, Option<UnixSeconds>),
    ) -> Entry {
        let title = folded(title);
        let shortcut = shortcut.map(folded);
        let body = folded(body);
        let tags: Vec<String> = tags.iter().map(|t| folded(t)).collect();
        let masks = [
            letters(&title),
            shortcut.as_deref().map_or(0, letters),
            tags.iter().fold(0, |m, t| m | letters(t)),
            letters(&body),
        ];
        Entry { id, title, shortcut, body, tags, pinned, use_count, last_used_at, masks }
    }
}

/// Ranked matches for `query` (a leading `/` means "shortcut"). An empty query lists pinned answers
/// first, then the most used and most recent.
pub(crate) fn rank(entries: &[Entry], query: &str, limit: usize) -> Vec<Ranked> {
    let query = folded(query.trim());
    let query = query.strip_prefix('/').unwrap_or(&query).trim();
    let mut ranked: Vec<(Ranked, &Entry)> = if query.is_empty() {
        entries.iter().map(|e| (Ranked { id: e.id, score: 0, shortcut_prefix: false }, e)).collect()
    } else {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let words = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        // Words for the plain substring tests; a query with nucleo syntax (`!`, `^`, `$`, `'`, `\\`)
        // goes to the matcher alone.
        let body_words: Vec<&str> = if query.contains(['!', '^', '$', '\'', '\\']) {
            Vec::new()
        } else {
            query.split_whitespace().collect()
        };
        let mut buffer = Vec::new();
        // A negated word ("!pago") matches fields without its letters: no shortcut then.
        let needed = if query.contains('!') { 0 } else { letters(query) };
        let contains_words =
            |text: &str| !body_words.is_empty() && body_words.iter().all(|w| text.contains(w));
        // Title, shortcut and tags: where every query word is in the text as is (a plain, fast
        // test), the substring score; otherwise the fuzzy one, which costs more on each text it
        // matches.
        let mut short = |text: &str, mask: u64| {
            if needed & !mask != 0 {
                return 0;
            }
            let pattern = if contains_words(text) { &words } else { &pattern };
            pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher).unwrap_or(0)
        };
        // Bodies: every word as typed, scored like nucleo scores a substring (16 a character, more
        // at the start of a word) without running it over thousands of long texts.
        let long = |text: &str, mask: u64| -> u32 {
            if needed & !mask != 0 || body_words.is_empty() {
                return 0;
            }
            body_words
                .iter()
                .map(|w| {
                    text.find(w).map(|at| {
                        let starts_word = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
                        16 * w.chars().count() as u32 + if starts_word { 8 } else { 0 }
                    })
                })
                .sum::<Option<u32>>()
                .unwrap_or(0)
        };
        entries
            .iter()
            .filter_map(|e| {
                let shortcut = e.shortcut.as_deref().unwrap_or_default();
                let shortcut_prefix = !shortcut.is_empty() && shortcut.starts_with(query);
                // Title and shortcut count most, tags next, the body least: a word deep in a long
                // text is weaker evidence than the answer's name.
                let best = [
                    short(&e.title, e.masks[0]) * 4,
                    short(shortcut, e.masks[1]) * 4,
                    e.tags.iter().map(|t| short(t, e.masks[2])).max().unwrap_or(0) * 3,
                    long(&e.body, e.masks[3]) * 2,
                ]
                .into_iter()
                .max()
                .unwrap_or(0);
                (best > 0 || shortcut_prefix)
                    .then_some((Ranked { id: e.id, score: best, shortcut_prefix }, e))
            })
            .collect()
    };
    let order = |(a, ea): &(Ranked, &Entry), (b, eb): &(Ranked, &Entry)| {
        b.shortcut_prefix
            .cmp(&a.shortcut_prefix)
            .then(prefix_rest(a, ea).cmp(&prefix_rest(b, eb)))
            .then(b.score.cmp(&a.score))
            .then(eb.pinned.cmp(&ea.pinned))
            .then(eb.use_count.cmp(&ea.use_count))
            .then(eb.last_used_at.cmp(&ea.last_used_at))
            .then(ea.title.cmp(&eb.title))
            .then(ea.id.cmp(&eb.id))
    };
    // Only the first `limit` need an order: pick them, then sort those.
    if limit < ranked.len() {
        ranked.select_nth_unstable_by(limit, order);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(order);
    ranked.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        id: i64,
        title: &str,
        shortcut: &str,
        body: &str,
        tags: &[&str],
        use_count: u32,
        last: i64,
    ) -> Entry {
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        Entry::new(
            id,
            title,
            (!shortcut.is_empty()).then_some(shortcut),
            body,
            &tags,
            (false, use_count, Some(last)),
        )
    }

    fn library() -> Vec<Entry> {
        vec![
            entry(1, "Medios de pago", "pago", "Transferencia o Mercado Pago.", &["pago"], 3, 10),
            entry(2, "Envíos y retiro", "envio", "Enviamos por correo.", &["envíos"], 9, 20),
            entry(3, "Pagos en cuotas", "cuotas", "Hasta 3 cuotas sin interés con tarjeta.", &[], 1, 5),
            entry(
                4,
                "Dirección del taller",
                "direccion",
                "Fragueiro 1150, pagás al retirar.",
                &["retiro"],
                0,
                1,
            ),
            entry(
                5,
                "Colores y variantes",
                "colores",
                "Lo tenemos en azul, verde y arena.",
                &["variantes"],
                2,
                3,
            ),
        ]
    }

    #[test]
    fn a_shortcut_prefix_ranks_first() {
        let ids: Vec<i64> = rank(&library(), "/pa", 10).iter().map(|r| r.id).collect();
        assert_eq!(ids[0], 1);
        assert!(rank(&library(), "/pa", 10)[0].shortcut_prefix);
        let mut lib = library();
        lib.push(entry(7, "Formas de pagamento", "pagamento", "Pix.", &[], 50, 99));
        assert_eq!(rank(&lib, "/pag", 10)[0].id, 1, "the shortcut the query covers most");
    }

    #[test]
    fn matching_is_fuzzy_and_accent_insensitive() {
        let hits = rank(&library(), "direcciòn", 10);
        assert_eq!(hits[0].id, 4);
        let hits = rank(&library(), "ENVIOS", 10);
        assert_eq!(hits[0].id, 2);
        // Letters in order with gaps: "clrs" finds "colores".
        assert_eq!(rank(&library(), "clrs", 10)[0].id, 5);
        // Body words are found too.
        assert!(rank(&library(), "azul", 10).iter().any(|r| r.id == 5));
        assert!(rank(&library(), "qqqzzz", 10).is_empty());
    }

    #[test]
    fn better_matches_come_before_more_used_ones() {
        // "pago" is the whole title word of 1 and only part of 3's title; 2 does not match.
        let ids: Vec<i64> = rank(&library(), "pagos", 10).iter().map(|r| r.id).collect();
        assert_eq!(ids[0], 3);
        assert!(!ids.contains(&2));
    }

    #[test]
    fn ties_go_to_use_count_then_recency_and_an_empty_query_lists_everything() {
        let mut lib = library();
        lib.push(entry(
            6,
            "Colores y variantes",
            "",
            "Lo tenemos en azul, verde y arena.",
            &["variantes"],
            7,
            1,
        ));
        let ids: Vec<i64> = rank(&lib, "colores y variantes", 10).iter().map(|r| r.id).take(2).collect();
        assert_eq!(ids, vec![6, 5]);
        let all: Vec<i64> = rank(&lib, "", 10).iter().map(|r| r.id).collect();
        assert_eq!(all[0], 2);
        assert_eq!(all.len(), 6);
    }
}
