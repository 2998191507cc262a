//! The post-sale check against its corpus of sellers' messages in three languages, and the spans
//! it gives the UI. To tune the lexicon, `show_matches` (ignored) prints what it finds in each line
//! of `POST_SALE_TEXT`: `POST_SALE_TEXT="…" cargo test -p mostrador-core show_matches -- --ignored
//! --nocapture`.

use super::lexicon::{LATER, LEXICON, PORTUGUESE_IF_BEFORE, SUPPOSING};
use super::words::{Words, folded};
use super::*;

fn kinds_of(text: &str) -> Vec<&'static str> {
    post_sale_check(text).iter().map(|f| f.kind.as_str()).collect()
}

/// The words each finding marks, by kind.
fn marked(text: &str) -> Vec<(&'static str, Vec<String>)> {
    post_sale_check(text)
        .into_iter()
        .map(|f| (f.kind.as_str(), f.spans.into_iter().map(|s| s.words).collect()))
        .collect()
}

#[test]
fn the_corpus_gets_its_expected_verdicts() {
    let corpus = include_str!("corpus.txt");
    let mut per_language: Vec<(String, usize, usize)> = Vec::new();
    let mut wrong = Vec::new();
    for line in corpus.lines() {
        if let Some(language) = line.strip_prefix("## ") {
            per_language.push((language.to_owned(), 0, 0));
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (expected, text) = line.split_once(" | ").unwrap_or_else(|| panic!("no verdict in {line}"));
        let expected: Vec<&str> = if expected == "-" { vec![] } else { expected.split(',').collect() };
        let found = kinds_of(text);
        if found != expected {
            wrong.push(format!("expected {expected:?}, found {:?}: {text}", marked(text)));
        }
        let (_, flagged, needed) = per_language.last_mut().expect("a language heading first");
        if expected.is_empty() { *needed += 1 } else { *flagged += 1 }
    }
    assert_eq!(per_language.len(), 3, "{per_language:?}");
    for (language, flagged, needed) in &per_language {
        assert!(*flagged >= 12 && *needed >= 10, "{language}: {flagged} flagged, {needed} needed");
    }
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn spans_mark_the_words_as_written() {
    assert_eq!(
        marked("¡Muchas gracias por tu compra! Que la disfrutes 😊"),
        vec![("thanks_only", vec!["Muchas gracias".to_owned(), "Que la disfrutes".to_owned()])]
    );
    assert_eq!(
        marked("Hola! Te aviso que ya despachamos tu pedido 📦"),
        vec![("progress_update", vec!["ya despachamos tu pedido".to_owned()])]
    );
    assert_eq!(
        marked("Cualquier problema escribime antes de abrir un reclamo"),
        vec![(
            "anticipates_claim",
            vec!["Cualquier problema escribime antes de abrir un reclamo".to_owned()]
        )]
    );
}

#[test]
fn spans_are_utf16_offsets_of_the_text() {
    // Emoji take two UTF-16 units, accented letters one: the UI slices the JS string with these.
    let text = "😊😊 ¡Muchísimas grácias! Ya está en camino 🚚";
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let findings = post_sale_check(text);
    assert_eq!(findings.len(), 2, "{findings:?}");
    for finding in &findings {
        for span in &finding.spans {
            let slice = String::from_utf16(&utf16[span.start as usize..span.end as usize]).unwrap();
            assert_eq!(slice, span.words);
        }
    }
    assert_eq!(findings[0].spans[0].start, 6);
    assert_eq!(findings[0].spans[0].words, "Muchísimas grácias");
    assert_eq!(findings[1].spans[0].words, "Ya está en camino");
}

#[test]
fn case_and_accents_do_not_matter() {
    for text in [
        "Ya despachamos tu pedido",
        "YA DESPACHAMOS TU PEDIDO",
        "Ya despachámos tú pedido",
        // A decomposed accent, as some keyboards and pastes give it.
        "Ya despacha\u{301}mos tu pedido",
    ] {
        assert_eq!(kinds_of(text), vec!["progress_update"], "{text}");
    }
    let decomposed = "Ya despacha\u{301}mos tu pedido";
    let span = &post_sale_check(decomposed)[0].spans[0];
    assert_eq!(span.words, "Ya despacha\u{301}mos tu pedido");
    assert_eq!(span.end as usize, decomposed.encode_utf16().count());
}

#[test]
fn thanks_with_a_reason_to_write_is_needed() {
    for text in [
        "¡Gracias por tu compra! ¿Me confirmás el color?",
        "Gracias!! necesito tu CUIT para la factura",
        "Muchas gracias, lo retirás por el taller o coordinamos un envío?",
        "Gracias por tu compra, lamentablemente se rompió y te mando otra",
        "Obrigada pela compra! Me passa o CPF pra nota fiscal?",
        "Thanks for your order! Sadly it's out of stock in blue, would green work?",
    ] {
        assert!(kinds_of(text).is_empty(), "{text}: {:?}", marked(text));
    }
}

#[test]
fn a_delay_or_a_problem_is_needed_even_when_it_mentions_shipping() {
    for text in [
        "Ya lo despachamos pero se demora por el paro del correo",
        "El envío sale tarde porque se rompió la primera y la hice de nuevo",
        "No tenemos stock, por eso no lo despachamos todavía",
        "Hubo un atraso con el correo, ya está en camino",
        "Seu pedido já foi postado, mas com atraso: desculpa!",
        "It's on its way now, sorry for the delay with the courier",
    ] {
        assert!(kinds_of(text).is_empty(), "{text}: {:?}", marked(text));
    }
}

#[test]
fn a_supposed_problem_is_not_a_reason_to_write() {
    // "si" is "if": the problem has not happened, so the message only heads off a claim.
    assert_eq!(kinds_of("Si llega roto avisame antes de reclamar"), vec!["anticipates_claim"]);
    // "Sí," and "sí" are yes: it did happen.
    assert!(kinds_of("Sí, llegó roto, ya te mando otra. Avisame cuando te llegue").is_empty());
    assert!(kinds_of("Si, llego roto, perdon!").is_empty());
}

#[test]
fn an_empty_or_plain_message_has_no_findings() {
    for text in ["", "   ", "🙂", "Hola", "¿Me confirmás el color?", "Ok"] {
        assert!(post_sale_check(text).is_empty(), "{text:?}");
    }
}

#[test]
fn every_phrase_parses_and_is_written_folded() {
    for (group, phrases) in LEXICON {
        for phrase in *phrases {
            let _ = Phrase::parse(phrase);
            for word in phrase.split_whitespace().flat_map(|s| s.trim_end_matches('?').split('|')) {
                let word = word.trim_end_matches('*');
                assert_eq!(folded(word), word, "{group:?}: {phrase:?} has {word:?} unfolded");
            }
        }
    }
    for word in SUPPOSING.iter().chain(LATER).chain(PORTUGUESE_IF_BEFORE) {
        assert_eq!(&folded(word), word);
    }
}

#[test]
fn words_fold_runs_apostrophes_and_sentences() {
    let words = Words::of("Graciasss!! We've SHIPPED it. ¿Te llegó? Nro. de seguimiento");
    let folded: Vec<&str> = words.words.iter().map(|w| w.folded.as_str()).collect();
    assert_eq!(folded, ["gracias", "weve", "shipped", "it", "te", "llego", "nro", "de", "seguimiento"]);
    let sentences: Vec<usize> = words.words.iter().map(|w| w.sentence).collect();
    // "Nro." does not end the sentence; "¿…?" is a question of its own.
    assert_eq!(sentences[6], sentences[8]);
    assert!(words.is_question(words.words[4].sentence));
    assert!(!words.is_question(words.words[1].sentence));
}
