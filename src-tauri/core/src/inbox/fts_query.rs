//! Turning what a seller types into a safe FTS5 query.
//!
//! User text is never passed to MATCH as is: quotes, `AND`/`OR`/`NOT`, `*`, `(`, `-`, `NEAR(` and
//! column filters are FTS5 syntax. The text is split into words the way the `unicode61` tokenizer
//! splits it (letters and digits), each word becomes a quoted phrase (implicit AND), and the last one
//! matches as a prefix so results follow the typing.

/// More words than this adds nothing to a search box and only costs time.
const MAX_WORDS: usize = 16;

/// `None` when the text holds no searchable word (then there is nothing to filter by).
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).take(MAX_WORDS).collect();
    let (last, rest) = words.split_last()?;
    let mut query = String::new();
    for word in rest {
        // Words hold only letters and digits, so no `"` needs escaping inside the quotes.
        query.push_str(&format!("\"{word}\" "));
    }
    query.push_str(&format!("\"{last}\"*"));
    Some(query)
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn words_become_quoted_phrases_with_a_prefix_on_the_last() {
        assert_eq!(fts_query("café con leche").as_deref(), Some("\"café\" \"con\" \"leche\"*"));
        assert_eq!(fts_query("joao").as_deref(), Some("\"joao\"*"));
    }

    #[test]
    fn syntax_is_dropped() {
        assert_eq!(fts_query("\"a\" AND (b OR -c*)").as_deref(), Some("\"a\" \"AND\" \"b\" \"OR\" \"c\"*"));
        assert_eq!(fts_query("NEAR(x y)").as_deref(), Some("\"NEAR\" \"x\" \"y\"*"));
        assert_eq!(fts_query("body:hi").as_deref(), Some("\"body\" \"hi\"*"));
    }

    #[test]
    fn nothing_searchable_is_no_query() {
        for text in ["", "   ", "\"", "*", "(", "-", "()\"*-:^"] {
            assert_eq!(fts_query(text), None, "{text:?}");
        }
    }
}
