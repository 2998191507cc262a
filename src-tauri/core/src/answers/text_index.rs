//! Full-text similarity for suggestions, in memory: the words of each answer's title, shortcut and
//! body (folded like SQLite's `unicode61 remove_diacritics` tokenizer does) and FTS5's own bm25
//! with the same column weights, so the points match what `saved_answers_fts` would give — without
//! a query that scores thousands of rows when a message shares a common word with them.

use std::collections::HashMap;

use super::fuzzy_search::folded;
use crate::answers::SavedAnswer;

/// bm25 parameters and column weights (title, shortcut, body), as FTS5 uses them.
const K1: f64 = 1.2;
const B: f64 = 0.75;
const WEIGHTS: [f64; 3] = [4.0, 4.0, 1.0];

pub(crate) struct TextIndex {
    /// Word → (answer position, occurrences in title, shortcut, body).
    postings: HashMap<String, Vec<(usize, [u16; 3])>>,
    /// Words per answer, all columns together.
    lengths: Vec<u32>,
    average_length: f64,
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    folded(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

impl TextIndex {
    pub(crate) fn build(answers: &[SavedAnswer]) -> TextIndex {
        let mut postings: HashMap<String, Vec<(usize, [u16; 3])>> = HashMap::new();
        let mut lengths = Vec::with_capacity(answers.len());
        for (i, answer) in answers.iter().enumerate() {
            let mut counts: HashMap<String, [u16; 3]> = HashMap::new();
            let mut length = 0u32;
            let columns =
                [answer.title.as_str(), answer.shortcut.as_deref().unwrap_or(""), answer.body.as_str()];
            for (column, text) in columns.iter().enumerate() {
                for token in tokens(text) {
                    length += 1;
                    let count = &mut counts.entry(token).or_default()[column];
                    *count = count.saturating_add(1);
                }
            }
            for (token, count) in counts {
                postings.entry(token).or_default().push((i, count));
            }
            lengths.push(length);
        }
        let total: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
        let average_length =
            if lengths.is_empty() { 1.0 } else { (total as f64 / lengths.len() as f64).max(1.0) };
        TextIndex { postings, lengths, average_length }
    }

    /// The best `limit` answers sharing any of `terms`: (position, bm25 as a positive number, the
    /// terms it has), best first.
    pub(crate) fn rank(&self, terms: &[&str], limit: usize) -> Vec<(usize, f64, Vec<String>)> {
        let documents = self.lengths.len() as f64;
        let mut scores: HashMap<usize, (f64, Vec<String>)> = HashMap::new();
        for term in terms {
            let Some(list) = self.postings.get(*term) else { continue };
            let hits = list.len() as f64;
            // FTS5 floors a word found in most rows at a tiny positive weight.
            let idf = (((documents - hits + 0.5) / (hits + 0.5)).ln()).max(1e-6);
            for &(i, counts) in list {
                let frequency: f64 = counts.iter().zip(WEIGHTS).map(|(&c, w)| f64::from(c) * w).sum();
                let length = f64::from(self.lengths[i]);
                let score = idf * frequency * (K1 + 1.0)
                    / (frequency + K1 * (1.0 - B + B * length / self.average_length));
                let entry = scores.entry(i).or_default();
                entry.0 += score;
                entry.1.push((*term).to_string());
            }
        }
        let mut ranked: Vec<(usize, f64, Vec<String>)> =
            scores.into_iter().map(|(i, (score, shared))| (i, score, shared)).collect();
        let order = |a: &(usize, f64, Vec<String>), b: &(usize, f64, Vec<String>)| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        };
        if limit < ranked.len() {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::AnswerFolder;

    fn answer(id: i64, title: &str, shortcut: &str, body: &str) -> SavedAnswer {
        SavedAnswer {
            id,
            title: title.into(),
            shortcut: Some(shortcut.into()),
            folder: Some(AnswerFolder::Payment),
            body: body.into(),
            language: None,
            pinned: false,
            tags: vec![],
            variants: vec![],
            attachments: vec![],
            use_count: 0,
            last_used_at: None,
            chars_saved: 0,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn a_word_in_the_title_outweighs_the_same_word_in_a_body_and_accents_do_not_matter() {
        let answers = vec![
            answer(1, "Envíos", "envio", "Mandamos por correo a todo el país."),
            answer(2, "Pagos", "pago", "Transferencia; el envío se paga aparte."),
            answer(3, "Cuidados", "cuidado", "Lavar a mano."),
        ];
        let index = TextIndex::build(&answers);
        let ranked = index.rank(&["envios"], 10);
        assert_eq!(ranked.iter().map(|r| r.0).collect::<Vec<_>>(), vec![0]);
        let ranked = index.rank(&["envio", "correo"], 10);
        assert_eq!(ranked[0].0, 0, "title, shortcut and body");
        assert_eq!(ranked[1].0, 1);
        assert!(ranked[0].1 > ranked[1].1);
        assert_eq!(ranked[0].2, vec!["envio".to_string(), "correo".to_string()]);
        assert!(index.rank(&["tarjeta"], 10).is_empty());
        assert_eq!(index.rank(&["envio"], 1).len(), 1);
    }
}
