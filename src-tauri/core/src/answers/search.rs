//! Fuzzy search over the library with nucleo's matcher, accent-insensitive: both sides are folded
//! (lowercase, no accents) before matching. Ranked: the query starts a shortcut, then match quality,
//! then use count, then recency.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::lint::fold;
use crate::model::UnixSeconds;

/// One answer as the search sees it.
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
        let mut buffer = Vec::new();
        let mut score =
            |text: &str| pattern.score(Utf32Str::new(text, &mut buffer), &mut matcher).unwrap_or(0);
        entries
            .iter()
            .filter_map(|e| {
                let shortcut = e.shortcut.as_deref().map(folded).unwrap_or_default();
                let shortcut_prefix = !shortcut.is_empty() && shortcut.starts_with(query);
                // Title and shortcut count most, tags next, the body least: a word deep in a long
                // text is weaker evidence than the answer's name.
                let best = [
                    score(&folded(&e.title)) * 4,
                    score(&shortcut) * 4,
                    e.tags.iter().map(|t| score(&folded(t))).max().unwrap_or(0) * 3,
                    score(&folded(&e.body)) * 2,
                ]
                .into_iter()
                .max()
                .unwrap_or(0);
                (best > 0 || shortcut_prefix)
                    .then_some((Ranked { id: e.id, score: best, shortcut_prefix }, e))
            })
            .collect()
    };
    ranked.sort_by(|(a, ea), (b, eb)| {
        b.shortcut_prefix
            .cmp(&a.shortcut_prefix)
            .then(prefix_rest(a, ea).cmp(&prefix_rest(b, eb)))
            .then(b.score.cmp(&a.score))
            .then(eb.pinned.cmp(&ea.pinned))
            .then(eb.use_count.cmp(&ea.use_count))
            .then(eb.last_used_at.cmp(&ea.last_used_at))
            .then(ea.title.cmp(&eb.title))
    });
    ranked.into_iter().take(limit).map(|(r, _)| r).collect()
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
        Entry {
            id,
            title: title.into(),
            shortcut: (!shortcut.is_empty()).then(|| shortcut.into()),
            body: body.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            pinned: false,
            use_count,
            last_used_at: Some(last),
        }
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
