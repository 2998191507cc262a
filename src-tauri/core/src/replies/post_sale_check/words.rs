//! A message cut into words for the post-sale check: each word folded (lowercase, no accents, no
//! apostrophes, letters typed three times or more counted once) and placed in the original text in
//! UTF-16 code units, the unit of JavaScript strings, so the UI marks it without recounting.
//! Sentences end at `.`, `!`, `?`, `;`, `…` and line breaks; `¿` and `¡` start one.

pub(super) struct Word {
    /// Lowercase, without accents or apostrophes: "Enviámos" and "enviamos" read the same.
    pub folded: String,
    /// UTF-16 offsets into the text, end exclusive.
    pub start: u32,
    pub end: u32,
    /// Byte offsets into the text, for the words as written.
    pub byte_start: usize,
    pub byte_end: usize,
    pub sentence: usize,
    /// Written with an accent: "sí" (yes) is not "si" (if).
    pub accented: bool,
    /// Punctuation (a comma, a stop) comes right after it: a bare "si," is "yes", not "if".
    pub before_punctuation: bool,
}

pub(super) struct Words {
    pub words: Vec<Word>,
    /// Per sentence: it asks something (starts with `¿` or ends with `?`).
    pub questions: Vec<bool>,
}

impl Words {
    pub fn of(text: &str) -> Words {
        let mut words: Vec<Word> = Vec::new();
        let mut questions = vec![false];
        let mut current: Option<Word> = None;
        let mut offset: u32 = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let width = c.len_utf16() as u32;
            let next_is_word = chars.peek().is_some_and(|&(_, next)| is_word_char(next));
            if is_word_char(c) || (is_combining(c) && current.is_some()) {
                let word = current.get_or_insert_with(|| Word {
                    folded: String::new(),
                    start: offset,
                    end: offset,
                    byte_start: at,
                    byte_end: at,
                    sentence: questions.len() - 1,
                    accented: false,
                    before_punctuation: false,
                });
                if let Some(plain) = fold(c) {
                    word.folded.push(plain);
                }
                word.accented |= is_combining(c) || fold(c) != c.to_lowercase().next();
                word.end = offset + width;
                word.byte_end = at + c.len_utf8();
            } else if is_apostrophe(c) && current.is_some() && next_is_word {
                // "don't", "we've", "d'água": one word.
            } else {
                if let Some(mut word) = current.take() {
                    word.before_punctuation = !c.is_whitespace();
                    words.push(finish(word));
                }
                match c {
                    '?' => {
                        if let Some(last) = questions.last_mut() {
                            *last = true;
                        }
                        questions.push(false);
                    }
                    '¿' => questions.push(true),
                    '!' | ';' | '…' | '\n' | '¡' => questions.push(false),
                    // "Nro. de seguimiento" is one sentence; "Gracias. Ya salió" is two.
                    '.' if !words.last().is_some_and(|w| ABBREVIATIONS.contains(&w.folded.as_str())) => {
                        questions.push(false)
                    }
                    _ => {}
                }
            }
            offset += width;
        }
        if let Some(word) = current.take() {
            words.push(finish(word));
        }
        Words { words, questions }
    }

    pub fn is_question(&self, sentence: usize) -> bool {
        self.questions.get(sentence).copied().unwrap_or(false)
    }
}

/// Short forms followed by a dot that does not end the sentence.
const ABBREVIATIONS: &[&str] = &["nro", "num", "sr", "sra", "dr", "dra", "depto", "av"];

fn finish(mut word: Word) -> Word {
    word.folded = without_long_runs(&word.folded);
    word
}

/// "Graciasss", "holaaa", "obrigadaaa": three or more of the same letter count as one. Two stay
/// two (Spanish "ll" and "rr", Portuguese "ss").
fn without_long_runs(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        let kept = if run >= 3 { 1 } else { run };
        out.extend(std::iter::repeat_n(chars[i], kept));
        i += run;
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A decomposed accent ("e" + U+0301): part of the word, dropped from its folded form.
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Lowercase without diacritics; `None` for a combining mark.
fn fold(c: char) -> Option<char> {
    if is_combining(c) {
        return None;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' | 'ª' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'º' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        other => other,
    })
}

/// A phrase written by hand (the lexicon) folded the way the words of a message are.
pub(super) fn folded(text: &str) -> String {
    without_long_runs(&text.chars().filter_map(fold).filter(|c| !is_apostrophe(*c)).collect::<String>())
}
