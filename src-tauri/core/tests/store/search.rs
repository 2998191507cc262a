//! Search: accents and case ignored, buyer names included, typed syntax harmless.

use mostrador_core::inbox::InboxQuery;

use crate::fixtures::*;

fn searchable_shop() -> Shop {
    let shop = shop();
    let a = shop.account;
    let mut joao = from_buyer(
        incoming(a, "joao", "j1", NOW - HOUR, "Oi, vocês enviam para o Brasil?"),
        "55119",
        "João Silva",
    );
    joao.buyer.handle = Some("@joao.ceramica".into());
    shop.app
        .ingest(
            &[
                incoming(a, "lucia", "l1", NOW - 2 * HOUR, "¿Tenés tazas para Café con leche?"),
                joao,
                incoming(a, "marta", "m1", NOW - 3 * HOUR, "Quiero un mate de cerámica"),
            ],
            NOW,
        )
        .unwrap();
    shop
}

#[test]
fn accents_and_case_do_not_matter() {
    let shop = searchable_shop();
    assert_eq!(search(&shop.app, "cafe"), ["Buyer lucia"]);
    assert_eq!(search(&shop.app, "CAFÉ"), ["Buyer lucia"]);
    assert_eq!(search(&shop.app, "mate ceramica"), ["Buyer marta"]);
    assert_eq!(search(&shop.app, "voces enviam"), ["João Silva"]);
}

#[test]
fn buyer_names_and_handles_are_searched() {
    let shop = searchable_shop();
    assert_eq!(search(&shop.app, "joao"), ["João Silva"]);
    assert_eq!(search(&shop.app, "silva"), ["João Silva"]);
    assert_eq!(search(&shop.app, "joao.ceramica"), ["João Silva"], "the handle");
    assert!(search(&shop.app, "joao marta").is_empty(), "every word must match");
}

#[test]
fn the_last_word_matches_as_a_prefix() {
    let shop = searchable_shop();
    assert_eq!(search(&shop.app, "caf"), ["Buyer lucia"]);
    assert_eq!(search(&shop.app, "taz"), ["Buyer lucia"]);
    assert!(search(&shop.app, "caf leche").is_empty(), "only the last word is a prefix");
    assert_eq!(search(&shop.app, "cafe lec"), ["Buyer lucia"]);
}

#[test]
fn typed_search_syntax_never_errors() {
    let shop = searchable_shop();
    for text in [
        "\"",
        "\"\"",
        "AND OR",
        "AND",
        "OR NOT",
        "*",
        "(",
        ")",
        "-",
        "-cafe",
        "NEAR(",
        "NEAR(cafe leche, 2)",
        "cafe\"",
        "\"cafe",
        "lucia:cafe",
        "^cafe",
        "cafe*",
        "{cafe}",
        "'",
        ";DROP TABLE messages;--",
        "%",
        "_",
        "\\",
        "\0",
        "🙂",
        "     ",
    ] {
        let page = shop.app.inbox(&InboxQuery { search: Some(text.into()), ..InboxQuery::default() }, NOW);
        assert!(page.is_ok(), "{text:?}: {page:?}");
    }
    assert_eq!(search(&shop.app, "-cafe"), ["Buyer lucia"], "a minus is not an operator");
    assert_eq!(search(&shop.app, "(").len(), 3, "nothing searchable filters nothing");
    assert_eq!(shop.app.stats().unwrap().messages, 3);
}

#[test]
fn a_message_edited_in_its_own_batch_or_a_later_one_is_found_by_its_new_text_only() {
    let shop = shop();
    let a = shop.account;
    // Indexed per batch: the edit in the same batch must find the first text already indexed.
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a1", NOW - HOUR, "Quiero la taza azul"),
                incoming(a, "bea", "b1", NOW - HOUR, "Un mate de calabaza"),
                incoming(a, "ana", "a1", NOW - HOUR, "Mejor la verde"),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(search(&shop.app, "azul"), Vec::<String>::new());
    assert_eq!(search(&shop.app, "verde"), vec!["Buyer ana"]);
    assert_eq!(search(&shop.app, "calabaza"), vec!["Buyer bea"]);

    shop.app
        .ingest(
            &[
                incoming(a, "caro", "c1", NOW, "Hola"),
                incoming(a, "bea", "b1", NOW - HOUR, "Un mate de madera"),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(search(&shop.app, "calabaza"), Vec::<String>::new());
    assert_eq!(search(&shop.app, "madera"), vec!["Buyer bea"]);
    assert_eq!(search(&shop.app, "hola"), vec!["Buyer caro"]);
    // The index agrees with its content table.
    let db = rusqlite::Connection::open(shop.dir.path().join("mostrador.db")).unwrap();
    db.execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 1)", []).unwrap();
}
