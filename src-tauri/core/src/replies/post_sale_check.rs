//! "Is this message needed?": the check before a seller's message in a Mercado Libre post-sale
//! conversation goes out. Mercado Libre's guide to post-sale messages finds that about half of
//! them could be left unsent: write for a problem with the product, missing variants, a
//! personalised product, billing data, arranging the delivery or a bulky item; not to thank or
//! chat, to report progress Mercado Libre already reports, or to head off a claim.
//!
//! A pure function over the text, in Spanish, Brazilian Portuguese and English, ignoring case and
//! accents (`words.rs`), with phrases written in a small language (`phrases.rs`, `lexicon.rs`).
//! A message with any reason to write, or that asks the buyer something, has no findings: it is
//! needed, whatever else it says. A problem only supposed ("si llega roto", "cualquier
//! inconveniente") is not a reason; an update only promised ("te aviso cuando esté en camino")
//! is not an update. It never changes the text: it explains, and the seller decides.

mod lexicon;
mod phrases;
mod words;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::LazyLock;

use crate::replies::{PostSaleFinding, PostSaleFindingKind, PostSaleSpan};
use lexicon::{ANSWERS, Group, LATER, LEXICON, PORTUGUESE_IF_BEFORE, QUESTION_TAGS, SUPPOSING};
use phrases::Phrase;
use words::Words;

/// The lexicon, parsed once.
static PHRASES: LazyLock<Vec<(Group, Phrase)>> = LazyLock::new(|| {
    LEXICON
        .iter()
        .flat_map(|(group, phrases)| phrases.iter().map(|phrase| (*group, Phrase::parse(phrase))))
        .collect()
});

/// Why `text`, written after a Mercado Libre sale, may be a message the buyer does not need: by
/// kind (thanks only, progress update, anticipating a claim), each with the words that show it.
/// Empty when the message is needed or says nothing the guide advises against.
pub fn post_sale_check(text: &str) -> Vec<PostSaleFinding> {
    let words = Words::of(text);
    let found = Found::in_words(&words);

    // "Sí, hay un problema" reports one: only an unaccented "si" with no comma after it supposes.
    let supposed: Vec<Range<usize>> =
        found.of(Group::HypotheticalProblem).filter(|range| !found.is_yes(range.start)).collect();
    let actual_problem = found.of(Group::Problem).any(|range| {
        !found.overlaps(&range, &[Group::NoProblem, Group::Claim])
            && !supposed.iter().any(|s| overlap(s, &range))
            && !found.preceded_by(&range, SUPPOSING)
    });
    let topic = Group::TOPICS.iter().any(|group| found.of(*group).next().is_some());
    if actual_problem || topic || found.asks_something() || found.answers_the_buyer() {
        return Vec::new();
    }

    // "Cualquier problema" alone is small talk; with "escribime" after it (in the same sentence or
    // the next) it asks the buyer to come to the seller before Mercado Libre.
    let mut claim: Vec<Range<usize>> = found.of(Group::Claim).collect();
    for supposition in &supposed {
        let sentence = words.words[supposition.start].sentence;
        let contacts: Vec<Range<usize>> = found
            .of(Group::Contact)
            .filter(|c| {
                let their = words.words[c.start].sentence;
                their == sentence || their == sentence + 1
            })
            .collect();
        if !contacts.is_empty() {
            claim.push(supposition.clone());
            claim.extend(contacts);
        }
    }

    // Pointing the buyer to the purchase's page, where Mercado Libre shows the shipment, answers
    // "where is my order?" the way the guide asks.
    let progress: Vec<Range<usize>> = if found.of(Group::PointsToMarketplace).next().is_some() {
        Vec::new()
    } else {
        found
            .of(Group::Progress)
            .filter(|range| !found.preceded_by(range, LATER))
            .chain(
                found
                    .of(Group::DidItArrive)
                    .filter(|range| words.is_question(words.words[range.start].sentence))
                    .chain(found.of(Group::TellMeWhenItArrives))
                    .filter(|range| {
                        !found.overlaps(range, &[Group::Problem])
                            && !supposed.iter().any(|s| overlap(s, range))
                    }),
            )
            .collect()
    };

    let thanks: Vec<Range<usize>> = found
        .of(Group::Thanks)
        .chain(found.of(Group::Wish))
        .chain(found.of(Group::Rating))
        .filter(|range| !claim.iter().any(|c| overlap(c, range)))
        .collect();

    [
        (PostSaleFindingKind::ThanksOnly, thanks),
        (PostSaleFindingKind::ProgressUpdate, progress),
        (PostSaleFindingKind::AnticipatesClaim, claim),
    ]
    .into_iter()
    .filter(|(_, ranges)| !ranges.is_empty())
    .map(|(kind, ranges)| PostSaleFinding { kind, spans: spans(text, &words, ranges) })
    .collect()
}

/// Every phrase of the lexicon found in a message.
struct Found<'a> {
    words: &'a Words,
    matches: Vec<(Group, Range<usize>)>,
}

impl<'a> Found<'a> {
    fn in_words(words: &'a Words) -> Found<'a> {
        let matches = PHRASES
            .iter()
            .flat_map(|(group, phrase)| phrase.find_in(words).into_iter().map(|range| (*group, range)))
            .collect();
        Found { words, matches }
    }

    fn of(&self, group: Group) -> impl Iterator<Item = Range<usize>> + '_ {
        self.matches.iter().filter(move |(g, _)| *g == group).map(|(_, range)| range.clone())
    }

    fn overlaps(&self, range: &Range<usize>, groups: &[Group]) -> bool {
        self.matches.iter().any(|(group, other)| groups.contains(group) && overlap(other, range))
    }

    /// A word of `markers` comes before `range` in its sentence.
    fn preceded_by(&self, range: &Range<usize>, markers: &[&str]) -> bool {
        let sentence = self.words.words[range.start].sentence;
        (0..range.start).rev().take_while(|&i| self.words.words[i].sentence == sentence).any(|i| {
            let word = &self.words.words[i];
            match word.folded.as_str() {
                "si" => markers.contains(&"si") && !self.is_yes(i),
                "se" => self.words.words.get(i + 1).is_some_and(|next| {
                    next.sentence == sentence && PORTUGUESE_IF_BEFORE.contains(&next.folded.as_str())
                }),
                other => markers.contains(&other),
            }
        })
    }

    /// A sentence opens with yes or no: an answer to something the buyer asked.
    fn answers_the_buyer(&self) -> bool {
        self.words.words.iter().enumerate().any(|(i, word)| {
            let opens = i == 0 || self.words.words[i - 1].sentence != word.sentence;
            opens
                && ANSWERS.contains(&word.folded.as_str())
                && (word.before_punctuation
                    || word.accented
                    || !matches!(word.folded.as_str(), "si" | "no" | "nao"))
        })
    }

    /// "Sí" or "si," is yes, not if.
    fn is_yes(&self, index: usize) -> bool {
        let word = &self.words.words[index];
        word.folded == "si" && (word.accented || word.before_punctuation)
    }

    /// A question that asks the buyer something (which colour, which day, "¿lo querés envuelto?"):
    /// not small talk, not "did it arrive?", not a rating, not thanks, not a statement ending in
    /// "…, viu?".
    fn asks_something(&self) -> bool {
        const ASKING_NOTHING: &[Group] = &[
            Group::SmallTalkQuestion,
            Group::DidItArrive,
            Group::TellMeWhenItArrives,
            Group::Rating,
            Group::Thanks,
            Group::Wish,
            Group::Claim,
            Group::HypotheticalProblem,
        ];
        (0..self.words.questions.len()).filter(|&sentence| self.words.is_question(sentence)).any(|sentence| {
            let first = self.words.words.iter().position(|w| w.sentence == sentence);
            let last = self.words.words.iter().rposition(|w| w.sentence == sentence);
            match (first, last) {
                (Some(first), Some(last)) => {
                    !QUESTION_TAGS.contains(&self.words.words[last].folded.as_str())
                        && !self.overlaps(&(first..last + 1), ASKING_NOTHING)
                }
                _ => false,
            }
        })
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Ranges of words as spans of the text, in order; overlapping ones, and ones that follow each
/// other in a sentence ("Cualquier problema" + "escribime"), are one.
fn spans(text: &str, words: &Words, mut ranges: Vec<Range<usize>>) -> Vec<PostSaleSpan> {
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last)
                if range.start <= last.end
                    && words.words[range.start].sentence == words.words[last.end - 1].sentence =>
            {
                last.end = last.end.max(range.end)
            }
            _ => merged.push(range),
        }
    }
    merged
        .into_iter()
        .map(|range| {
            let (first, last) = (&words.words[range.start], &words.words[range.end - 1]);
            PostSaleSpan {
                start: first.start,
                end: last.end,
                words: text[first.byte_start..last.byte_end].to_owned(),
            }
        })
        .collect()
}
