//! Tags as sellers type them: trimmed, blank ones dropped, duplicates (ignoring case) dropped.

use crate::{Error, Result};

const MAX_TAG_CHARS: usize = 60;

pub(crate) fn normalise_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Error::InvalidInput(format!(
                "the tag {tag:?} is longer than {MAX_TAG_CHARS} characters"
            )));
        }
        if !kept.iter().any(|k| k.to_lowercase() == tag.to_lowercase()) {
            kept.push(tag);
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::normalise_tags;

    #[test]
    fn tags_are_trimmed_and_deduplicated() {
        let tags = ["  mayorista ", "", "Mayorista", "regalo  de  boda"].map(String::from);
        assert_eq!(normalise_tags(&tags).unwrap(), ["mayorista", "regalo de boda"]);
        assert!(normalise_tags(&["x".repeat(61)]).is_err());
    }
}
