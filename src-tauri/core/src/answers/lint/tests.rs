//! The lint against its corpus of real answers: each line names the rules it must trip, or none.

use super::*;

fn rules_of(text: &str, channel: AnswerChannel) -> Vec<&'static str> {
    let mut rules: Vec<&'static str> =
        lint(text, channel, &[]).findings.iter().map(|f| f.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

#[test]
fn the_corpus_gets_its_expected_verdicts() {
    let corpus = include_str!("corpus.txt");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in corpus.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut parts = line.splitn(3, " | ");
        let (channel, expected, text) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        let channel = AnswerChannel::parse(channel).unwrap_or_else(|| panic!("bad channel in {line}"));
        let mut expected: Vec<&str> = if expected == "-" { vec![] } else { expected.split(',').collect() };
        expected.sort_unstable();
        let found = rules_of(text, channel);
        if found != expected {
            wrong.push(format!("{channel}: expected {expected:?}, found {found:?}: {text}"));
        }
        checked += 1;
    }
    assert!(checked >= 100, "the corpus has only {checked} texts");
    assert!(wrong.is_empty(), "{} of {checked} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn spans_point_at_the_offending_text() {
    let text = "¡Hola Nicolás! Transferí al alias barro.serrano.mp o llamame al 351 555-0142.";
    let report = lint(text, AnswerChannel::MlPostSale, &[]);
    let excerpts: Vec<(&str, &str)> =
        report.findings.iter().map(|f| (f.rule.as_str(), f.excerpt.as_str())).collect();
    assert_eq!(excerpts, vec![("payment_link", "alias barro.serrano.mp"), ("phone", "351 555-0142")]);
    let chars: Vec<char> = text.chars().collect();
    for f in &report.findings {
        assert_eq!(chars[f.start as usize..f.end as usize].iter().collect::<String>(), f.excerpt);
    }
}

#[test]
fn length_counts_characters_or_bytes_per_channel() {
    let text = "ñ".repeat(600);
    let ml = lint(&text, AnswerChannel::MlPostSale, &[]);
    assert_eq!((ml.length, ml.limit), (600, Some(350)));
    assert_eq!((ml.findings[0].start, ml.findings[0].end), (350, 600));
    // 600 ñ are 1200 bytes: over Instagram's 1000; the cut falls after 500 characters.
    let instagram = lint(&text, AnswerChannel::Instagram, &[]);
    assert!(instagram.counts_bytes);
    assert_eq!(instagram.length, 1200);
    assert_eq!(instagram.findings[0].start, 500);
    assert!(lint(&text, AnswerChannel::WhatsApp, &[]).findings.is_empty());
    assert!(lint(&"a".repeat(5000), AnswerChannel::Email, &[]).findings.is_empty());
}

#[test]
fn the_sellers_own_contact_values_and_variables_are_flagged() {
    let report =
        lint("Te paso los datos: barro.serrano.mp", AnswerChannel::MlPostSale, &["barro.serrano.mp"]);
    assert_eq!(report.findings[0].rule, LintRule::ContactVariable);
    let report = lint("Alias {{payment.alias}}", AnswerChannel::MlPreSale, &[]);
    assert_eq!(report.findings.iter().map(|f| f.rule).collect::<Vec<_>>(), vec![LintRule::ContactVariable]);
    assert!(lint("Alias {{payment.alias}}", AnswerChannel::WhatsApp, &[]).findings.is_empty());
}
