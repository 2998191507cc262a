//! The little language the lexicon is written in, so a phrase reads as a seller writes it. Steps
//! are separated by spaces; each is one word out of `a|b|c`, where `pre*` is any word starting
//! with "pre"; a trailing `?` makes the step optional; `…` skips up to `GAP` words. A phrase
//! matches words of one sentence in a row: "ya? lo|la enviamos|despachamos" matches "ya lo
//! enviamos" and "la despachamos".

use std::ops::Range;

use super::words::{Words, folded};

/// Words `…` may skip: "antes de abrir un reclamo", "si tenés algún problema".
const GAP: usize = 4;

#[derive(Debug)]
enum Step {
    Word { alternatives: Vec<Alternative>, optional: bool },
    Gap,
}

#[derive(Debug)]
enum Alternative {
    Exact(String),
    Prefix(String),
}

impl Alternative {
    fn matches(&self, word: &str) -> bool {
        match self {
            Alternative::Exact(exact) => word == exact,
            Alternative::Prefix(prefix) => word.starts_with(prefix.as_str()),
        }
    }
}

#[derive(Debug)]
pub(super) struct Phrase {
    steps: Vec<Step>,
}

impl Phrase {
    /// Panics on a phrase that starts or ends with a gap or has no required word: the lexicon is
    /// code, and its tests parse every phrase.
    pub fn parse(source: &str) -> Phrase {
        let steps: Vec<Step> = source
            .split_whitespace()
            .map(|step| {
                if step == "…" {
                    return Step::Gap;
                }
                let (body, optional) = match step.strip_suffix('?') {
                    Some(body) => (body, true),
                    None => (step, false),
                };
                let alternatives = body
                    .split('|')
                    .map(|alternative| match alternative.strip_suffix('*') {
                        Some(prefix) => Alternative::Prefix(folded(prefix)),
                        None => Alternative::Exact(folded(alternative)),
                    })
                    .collect();
                Step::Word { alternatives, optional }
            })
            .collect();
        assert!(
            !matches!(steps.first(), Some(Step::Gap) | None) && !matches!(steps.last(), Some(Step::Gap)),
            "a phrase starts and ends with a word: {source:?}"
        );
        assert!(
            steps.iter().any(|s| matches!(s, Step::Word { optional: false, .. })),
            "a phrase needs a word that is not optional: {source:?}"
        );
        Phrase { steps }
    }

    /// Every place the phrase matches, as ranges of word indexes; optional words are taken when
    /// present and gaps kept as short as they can be. (A gap right after optional words that are
    /// absent would start a match on a skipped word: the lexicon writes none.)
    pub fn find_in(&self, words: &Words) -> Vec<Range<usize>> {
        (0..words.words.len())
            .filter_map(|start| {
                let sentence = words.words[start].sentence;
                self.match_from(0, words, start, sentence).map(|end| start..end)
            })
            .filter(|range| !range.is_empty())
            .collect()
    }

    fn match_from(&self, step: usize, words: &Words, at: usize, sentence: usize) -> Option<usize> {
        let Some(current) = self.steps.get(step) else {
            return Some(at);
        };
        let in_sentence = |i: usize| words.words.get(i).is_some_and(|w| w.sentence == sentence);
        match current {
            Step::Word { alternatives, optional } => {
                let matched =
                    in_sentence(at) && alternatives.iter().any(|a| a.matches(&words.words[at].folded));
                let taken = if matched { self.match_from(step + 1, words, at + 1, sentence) } else { None };
                taken
                    .or_else(|| if *optional { self.match_from(step + 1, words, at, sentence) } else { None })
            }
            Step::Gap => (0..=GAP)
                .take_while(|&skip| skip == 0 || in_sentence(at + skip - 1))
                .find_map(|skip| self.match_from(step + 1, words, at + skip, sentence)),
        }
    }
}
