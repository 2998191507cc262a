//! The library against a real temporary SQLite file, and the sample shop's scenarios 2 and 3.

use crate::answers::{
    AnswerChannel, AnswerFileFormat, AnswerFolder, AnswerInput, AnswerVariant, LintRule, MissingReason,
    RenderRequest, SuggestionReason,
};
use crate::inbox::InboxQuery;
use crate::vocabulary::{ConversationKind, Language, UnixSeconds};
use crate::{Error, Mostrador};

const NOW: UnixSeconds = 1_773_144_720;

fn open() -> (tempfile::TempDir, Mostrador) {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = Mostrador::open(&dir.path().join("answers.sqlite")).expect("open");
    (dir, app)
}

fn sample() -> (tempfile::TempDir, Mostrador) {
    let (dir, app) = open();
    app.load_sample_shop(NOW).expect("sample shop");
    (dir, app)
}

fn input(title: &str, shortcut: Option<&str>, body: &str) -> AnswerInput {
    AnswerInput {
        title: title.into(),
        shortcut: shortcut.map(str::to_string),
        folder: Some(AnswerFolder::Payment),
        body: body.into(),
        language: Some(Language::Es),
        pinned: false,
        tags: vec!["pago".into()],
        variants: vec![],
    }
}

#[test]
fn crud_keeps_versions_and_refuses_a_taken_shortcut() {
    let (_dir, app) = open();
    let mut payment = input("Pago", Some("/pago"), "Transferencia al alias {{payment.alias}}.");
    payment.variants.push(AnswerVariant {
        channel: AnswerChannel::MlPostSale,
        language: Language::Es,
        body: "El pago se hace por Mercado Pago.".into(),
    });
    let id = app.create_answer(&payment, NOW).unwrap();
    let stored = app.answer(id).unwrap();
    assert_eq!(stored.shortcut.as_deref(), Some("pago"), "the leading / is not part of the shortcut");
    assert_eq!(stored.variants.len(), 1);

    let clash = app.create_answer(&input("Otro", Some("PAGO"), "x"), NOW).unwrap_err();
    assert_eq!(clash.code(), "answers_shortcut_taken");
    assert_eq!(app.create_answer(&input(" ", None, "x"), NOW).unwrap_err().code(), "invalid_input");
    assert_eq!(
        app.create_answer(&input("x", Some("con espacio"), "x"), NOW).unwrap_err().code(),
        "invalid_input"
    );

    payment.variants.clear();
    payment.title = "Medios de pago".into();
    app.update_answer(id, &payment, NOW + 1).unwrap();
    let stored = app.answer(id).unwrap();
    assert_eq!(
        (stored.title.as_str(), stored.variants.len(), stored.updated_at),
        ("Medios de pago", 0, NOW + 1)
    );

    app.record_answer_use(id, "Transferencia al alias barro.mp.", NOW + 5).unwrap();
    let stored = app.answer(id).unwrap();
    assert_eq!((stored.use_count, stored.last_used_at), (1, Some(NOW + 5)));
    assert_eq!(stored.chars_saved, 32 - 5, "the 5 characters of \"/pago\" were typed");

    app.delete_answer(id).unwrap();
    assert!(matches!(app.answer(id), Err(Error::NotFound { .. })));
}

#[test]
fn the_starter_pack_installs_once_per_language() {
    let (_dir, app) = open();
    for language in Language::ALL {
        let added = app.install_starter_answers(*language, NOW).unwrap();
        assert_eq!(added as usize, super::starter::starter_count(*language));
    }
    let count = app.answers().unwrap().len();
    assert_eq!(count, 30);
    // Again: nothing; and a deleted starter answer does not come back.
    let first = app.answers().unwrap()[0].id;
    app.delete_answer(first).unwrap();
    assert_eq!(app.install_starter_answers(Language::Es, NOW).unwrap(), 0);
    assert_eq!(app.answers().unwrap().len(), 29);
    // Every starter text parses and its general version is clean for Mercado Libre pre-sale,
    // except the payment answer whose general version names the alias only through a variable.
    for answer in app.answers().unwrap() {
        for version in answer
            .variants
            .iter()
            .filter(|v| matches!(v.channel, AnswerChannel::MlPostSale | AnswerChannel::MlPreSale))
        {
            let report = super::lint(&version.body, version.channel, &[]);
            assert!(report.findings.is_empty(), "{}: {:?}", answer.title, report.findings);
        }
    }
}

#[test]
fn import_and_export_round_trip_in_json_and_csv() {
    let (_dir, app) = open();
    app.install_starter_answers(Language::Es, NOW).unwrap();
    let before = app.answers().unwrap();
    for format in [AnswerFileFormat::Json, AnswerFileFormat::Csv] {
        let file = app.export_answers(format).unwrap();
        let (_other_dir, other) = open();
        let report = other.import_answers(&file, format, NOW).unwrap();
        assert_eq!((report.added, report.replaced), (10, 0), "{format}");
        let after = other.answers().unwrap();
        let strip = |answers: &[crate::answers::SavedAnswer]| -> Vec<_> {
            answers
                .iter()
                .map(|a| {
                    (
                        a.title.clone(),
                        a.shortcut.clone(),
                        a.folder,
                        a.body.clone(),
                        a.language,
                        a.pinned,
                        a.tags.clone(),
                        a.variants.clone(),
                    )
                })
                .collect()
        };
        assert_eq!(strip(&before), strip(&after), "{format}");
        // Importing again replaces by shortcut instead of duplicating.
        let report = other.import_answers(&file, format, NOW).unwrap();
        assert_eq!((report.added, report.replaced), (0, 10));
    }
}

#[test]
fn malformed_files_are_refused_whole_with_the_row() {
    let (_dir, app) = open();
    let cases: &[(AnswerFileFormat, &str, Option<u32>, &str)] = &[
        (AnswerFileFormat::Json, "", None, "empty"),
        (AnswerFileFormat::Json, "{\"answers\": [", None, "not valid JSON"),
        (AnswerFileFormat::Json, "{\"format\": \"other\", \"answers\": []}", None, "not a Mostrador"),
        (
            AnswerFileFormat::Json,
            "[{\"title\": \"Ok\", \"shortcut\": null, \"folder\": null, \"body\": \"a\", \"language\": null}, {\"title\": \"\", \"shortcut\": null, \"folder\": null, \"body\": \"b\", \"language\": null}]",
            Some(2),
            "title",
        ),
        (
            AnswerFileFormat::Json,
            "[{\"title\": \"A\", \"shortcut\": null, \"folder\": \"kitchen\", \"body\": \"a\", \"language\": null}]",
            Some(1),
            "kitchen",
        ),
        (AnswerFileFormat::Csv, "title,body\nHola,Texto\nChau,\n", Some(3), "no text"),
        (AnswerFileFormat::Csv, "title,body,color\nHola,Texto,azul\n", Some(1), "unknown column"),
        (AnswerFileFormat::Csv, "title,body,folder\nHola,Texto,cocina\n", Some(2), "unknown folder"),
        (AnswerFileFormat::Csv, "title,shortcut,body\nA,pago,x\nB,Pago,y\n", Some(3), "row 2"),
        (AnswerFileFormat::Csv, "title,body,version:fax:es\nA,b,c\n", Some(1), "unknown channel"),
        (AnswerFileFormat::Csv, "title,body\nA,b,extra\n", None, "CSV"),
    ];
    for (format, text, row, needle) in cases {
        let error = app.import_answers(text, *format, NOW).unwrap_err();
        assert_eq!(error.code(), "answers_import_invalid", "{text}: {error}");
        let Error::AnswerImport { row: found, message } = &error else { unreachable!() };
        if row.is_some() {
            assert_eq!(found, row, "{text}: {error}");
        }
        assert!(error.to_string().contains(needle) || message.contains(needle), "{text}: {error}");
        assert!(app.answers().unwrap().is_empty(), "nothing may be half-imported from {text}");
    }
}

#[test]
fn attachments_live_next_to_the_database() {
    let (dir, app) = open();
    let id = app.create_answer(&input("Talles", Some("talles"), "Tabla de talles adjunta."), NOW).unwrap();
    let chart = dir.path().join("tabla.png");
    std::fs::write(&chart, b"\x89PNG fake").unwrap();
    let attachment = app.add_answer_attachment(id, &chart).unwrap();
    let stored = app.answer(id).unwrap().attachments;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].mime_type.as_deref(), Some("image/png"));
    let copy = std::path::PathBuf::from(&stored[0].local_path);
    assert!(copy.starts_with(dir.path().join("answers").join(id.to_string())));
    assert_eq!(std::fs::read(&copy).unwrap(), b"\x89PNG fake");
    app.remove_answer_attachment(attachment).unwrap();
    assert!(!copy.exists());
    assert!(app.answer(id).unwrap().attachments.is_empty());
    assert!(app.add_answer_attachment(id, &dir.path().join("missing.png")).is_err());
}

#[test]
fn rendering_without_a_conversation_reports_what_is_missing() {
    let (_dir, app) = open();
    let id = app
        .create_answer(&input("x", None, "Hola {{buyer.first_name || 'hola'}}, total {{order.total}}, hoy {{today}}, {{cutoff.last_order_day:Navidad}} {{choose:talle|S|M}} {{shop.nombre}}"), NOW)
        .unwrap();
    let rendered = app.render_answer(id, &RenderRequest::default(), NOW).unwrap();
    assert!(rendered.text.starts_with("Hola hola, total {{order.total}}, hoy "));
    let missing: Vec<(&str, MissingReason)> =
        rendered.missing.iter().map(|m| (m.name.as_str(), m.reason)).collect();
    assert_eq!(
        missing,
        vec![
            ("order.total", MissingReason::Undefined),
            ("cutoff.last_order_day:Navidad", MissingReason::NoCutoff),
            ("shop.nombre", MissingReason::Unknown),
        ]
    );
    assert_eq!(rendered.prompts[0].key, "talle");
    let filled = app
        .render_answer(
            id,
            &RenderRequest { fills: vec![("talle".into(), "M".into())], ..RenderRequest::default() },
            NOW,
        )
        .unwrap();
    assert!(filled.prompts.is_empty() && filled.text.contains(" M "));
}

fn conversation(app: &Mostrador, kind: ConversationKind, buyer: &str) -> i64 {
    let page = app.inbox(&InboxQuery { limit: 1000, ..InboxQuery::default() }, NOW).unwrap();
    page.rows
        .iter()
        .find(|r| r.kind == kind && r.buyer_name == buyer)
        .unwrap_or_else(|| panic!("no {kind} conversation with {buyer}"))
        .conversation_id
}

#[test]
fn scenario_2_the_blue_question_suggests_the_variants_answer_with_the_product() {
    let (_dir, app) = sample();
    let suggestions = app.suggest_answers("¿Lo tenés en azul?", 5).unwrap();
    let top = &suggestions[0];
    assert_eq!(top.answer.shortcut.as_deref(), Some("colores"), "{suggestions:#?}");
    assert_eq!(top.reason, SuggestionReason::TopicKeywords);
    assert!(top.matched.contains(&"azul".to_string()));

    let id = conversation(&app, ConversationKind::PreSaleQuestion, "GABIROMERO_CBA");
    let rendered = app
        .render_answer(
            top.answer.id,
            &RenderRequest { conversation_id: Some(id), ..RenderRequest::default() },
            NOW,
        )
        .unwrap();
    assert_eq!(rendered.channel, AnswerChannel::MlPreSale);
    assert!(
        rendered.text.contains("Taza Cerámica Artesanal Esmaltada 350 Ml Hecha A Mano"),
        "{}",
        rendered.text
    );
    assert!(rendered.missing.is_empty() && rendered.lint.findings.is_empty(), "{rendered:#?}");

    // Portuguese questions find the Portuguese answers.
    let pt = app.suggest_answers("Qual o prazo de entrega para Porto Alegre?", 3).unwrap();
    assert_eq!(pt[0].answer.language, Some(Language::PtBr), "{pt:#?}");
}

#[test]
fn scenario_3_post_sale_on_mercado_libre_gets_the_safe_payment_version() {
    let (_dir, app) = sample();
    let payment = app.search_answers("/pago", 1).unwrap().remove(0).answer;
    assert_eq!(payment.shortcut.as_deref(), Some("pago"));
    let id = conversation(&app, ConversationKind::PostSale, "Nicolás Herrera");
    let request = RenderRequest { conversation_id: Some(id), ..RenderRequest::default() };
    let rendered = app.render_answer(payment.id, &request, NOW).unwrap();
    assert_eq!(rendered.channel, AnswerChannel::MlPostSale);
    assert_eq!(rendered.version, Some(AnswerChannel::MlPostSale));
    assert!(rendered.text.starts_with("¡Hola, Nicolás!"), "{}", rendered.text);
    assert!(rendered.lint.findings.is_empty(), "{:?}", rendered.lint);

    // The WhatsApp version would be blocked: the alias and the phone, each with its span.
    let whatsapp = rendered.versions.iter().find(|v| v.version == Some(AnswerChannel::WhatsApp)).unwrap();
    let rules: Vec<LintRule> = whatsapp.lint.findings.iter().map(|f| f.rule).collect();
    assert!(
        rules.contains(&LintRule::PaymentLink) || rules.contains(&LintRule::ContactVariable),
        "{rules:?}"
    );
    assert!(whatsapp.lint.findings.iter().any(|f| f.excerpt.contains("barro.serrano.mp")));
    assert!(
        whatsapp.lint.findings.iter().any(|f| f.excerpt == "351 555-0142"),
        "{:?}",
        whatsapp.lint.findings
    );

    // Choosing the WhatsApp version on purpose: the safe one is offered.
    let forced = app
        .render_answer(
            payment.id,
            &RenderRequest { version: Some(AnswerChannel::WhatsApp), ..request.clone() },
            NOW,
        )
        .unwrap();
    assert!(!forced.lint.findings.is_empty());
    assert_eq!(forced.safe_version.map(|v| v.version), Some(Some(AnswerChannel::MlPostSale)));

    // On WhatsApp the WhatsApp version is used as it is.
    let on_whatsapp = app
        .render_answer(payment.id, &RenderRequest { channel: Some(AnswerChannel::WhatsApp), ..request }, NOW)
        .unwrap();
    assert!(on_whatsapp.text.contains("barro.serrano.mp") && on_whatsapp.lint.findings.is_empty());
}

#[test]
fn search_ranks_the_sample_library() {
    let (_dir, app) = sample();
    let hits = app.search_answers("envio", 5).unwrap();
    assert_eq!(hits[0].answer.shortcut.as_deref(), Some("envio"));
    let hits = app.search_answers("señá", 5).unwrap();
    assert_eq!(hits[0].answer.shortcut.as_deref(), Some("sena"), "accents folded on both sides");
    let all = app.search_answers("", 100).unwrap();
    assert!(all[0].answer.pinned);
}

/// The in-memory index follows every write: create, edit, use, attach, import and delete.
#[test]
fn search_and_suggestions_follow_every_write() {
    let (dir, app) = open();
    let titles = |query: &str| -> Vec<String> {
        app.search_answers(query, 10).unwrap().into_iter().map(|h| h.answer.title).collect()
    };
    assert!(titles("pago").is_empty(), "the index starts from an empty library");

    let id = app.create_answer(&input("Medios de pago", Some("pago"), "Transferencia."), NOW).unwrap();
    assert_eq!(titles("pago"), vec!["Medios de pago"]);
    let suggested = app.suggest_answers("¿Cómo te pago?", 3).unwrap();
    assert_eq!(suggested[0].answer.id, id);

    app.update_answer(id, &input("Formas de cobro", Some("cobro"), "Transferencia."), NOW + 1).unwrap();
    assert_eq!(titles("cobro"), vec!["Formas de cobro"]);
    assert!(titles("medios").is_empty(), "the old title is gone from the index");

    app.record_answer_use(id, "Transferencia.", NOW + 2).unwrap();
    assert_eq!(app.search_answers("cobro", 1).unwrap()[0].answer.use_count, 1);

    let chart = dir.path().join("talles.png");
    std::fs::write(&chart, b"png").unwrap();
    app.add_answer_attachment(id, &chart).unwrap();
    assert_eq!(app.search_answers("cobro", 1).unwrap()[0].answer.attachments.len(), 1);

    let other = app.create_answer(&input("Envíos", Some("envio"), "Por correo."), NOW + 3).unwrap();
    app.delete_answer(id).unwrap();
    assert!(titles("cobro").is_empty());
    assert_eq!(titles("envio"), vec!["Envíos"]);
    assert_eq!(app.search_answers("", 10).unwrap().len(), 1);
    assert_eq!(app.search_answers("", 10).unwrap()[0].answer.id, other);
}

#[test]
fn an_attachment_is_read_back_by_its_id_and_removed_with_its_file() {
    let (dir, app) = open();
    let id = app.create_answer(&input("Talles", Some("talles"), "Mirá la tabla."), NOW).unwrap();
    let chart = dir.path().join("tabla de talles.png");
    std::fs::write(&chart, b"png").unwrap();
    let attachment_id = app.add_answer_attachment(id, &chart).unwrap();
    let stored = app.answer_attachment(attachment_id).unwrap();
    assert_eq!(stored.file_name, "tabla de talles.png");
    assert_eq!(stored.mime_type.as_deref(), Some("image/png"));
    assert!(std::path::Path::new(&stored.local_path).exists(), "copied into the data folder");
    app.remove_answer_attachment(attachment_id).unwrap();
    assert!(!std::path::Path::new(&stored.local_path).exists());
    assert_eq!(app.answer_attachment(attachment_id).unwrap_err().code(), "not_found");
}

/// The app keeps the library in memory; the CLI's `answers import` (or a second app) writes the
/// same file from another connection. The next search must see what that one committed.
#[test]
fn a_search_sees_what_another_process_wrote_to_the_same_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.sqlite");
    let app = Mostrador::open(&path).unwrap();
    let cli = Mostrador::open(&path).unwrap();
    let titles = |query: &str| -> Vec<String> {
        app.search_answers(query, 10).unwrap().into_iter().map(|hit| hit.answer.title).collect()
    };
    assert!(titles("retiro").is_empty(), "the app's index is built (and empty) before the import");

    let mut source = input("Retiro en el taller", Some("retiro"), "Retirás en Nueva Córdoba de 10 a 18.");
    source.folder = Some(AnswerFolder::Address);
    let (_source_dir, other) = open();
    other.create_answer(&source, NOW).unwrap();
    let file = other.export_answers(AnswerFileFormat::Json).unwrap();
    assert_eq!(cli.import_answers(&file, AnswerFileFormat::Json, NOW).unwrap().added, 1);
    assert_eq!(titles("retiro"), vec!["Retiro en el taller".to_string()]);
    let suggested = app.suggest_answers("Hola, ¿dónde queda el taller para retirar?", 3).unwrap();
    assert_eq!(suggested.first().map(|s| s.answer.title.as_str()), Some("Retiro en el taller"));

    let id = cli.answers().unwrap()[0].id;
    source.title = "Punto de retiro".into();
    cli.update_answer(id, &source, NOW + 60).unwrap();
    assert_eq!(titles("retiro"), vec!["Punto de retiro".to_string()]);

    cli.delete_answer(id).unwrap();
    assert!(titles("retiro").is_empty());

    // The app's own writes still show at once, and searching twice without writes keeps the index.
    app.create_answer(&input("Retiro express", Some("express"), "En una hora."), NOW).unwrap();
    assert_eq!(titles("retiro"), vec!["Retiro express".to_string()]);
    assert_eq!(titles("retiro"), vec!["Retiro express".to_string()]);
}
