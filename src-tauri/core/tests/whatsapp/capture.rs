//! Manual capture into a real store: split, fix, save as a new conversation under a new or picked
//! buyer on a per-source `other` account; quick add of one message.

use mostrador_core::Mostrador;
use mostrador_core::capture::{CaptureBuyer, CaptureInput, QuickMessage, SplitOptions};
use mostrador_core::settings::Settings;
use mostrador_core::vocabulary::{ChannelKind, ConversationStatus, Direction};

const NOW: i64 = 1_750_000_000;

fn store() -> (tempfile::TempDir, Mostrador) {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.sqlite3")).unwrap();
    app.save_settings(&Settings {
        language: None,
        shop_name: Some("Telar del Sur".into()),
        time_zone: Some("America/Argentina/Cordoba".into()),
    })
    .unwrap();
    (dir, app)
}

const PASTED: &str = "\
Marta (10:02): Hola, ¿sigue disponible el poncho gris?
Yo (10:05): Sí! Queda uno.
Marta (10:07): ¿Hacés envíos a Rosario?
Yo (10:09): Sí, por correo, sale 4.500";

#[test]
fn a_pasted_dialogue_is_split_fixed_and_saved_as_a_new_conversation() {
    let (_dir, app) = store();
    let mut draft = app.capture_split(PASTED, &SplitOptions::default());
    assert!(draft.recognised);
    assert_eq!(draft.messages.len(), 4);
    assert_eq!(draft.messages[1].direction, Direction::Outgoing);
    // The seller fixes one author before saving.
    draft.messages[2].author = "Marta Ríos".into();

    let saved = app
        .capture_save(
            &CaptureInput {
                buyer: CaptureBuyer::New {
                    name: "Marta Ríos".into(),
                    phone: Some("+54 9 341 555-0101".into()),
                    email: None,
                },
                source: "Facebook Marketplace".into(),
                date: Some("2025-06-14".into()),
                messages: draft.messages.clone(),
            },
            NOW,
        )
        .unwrap();
    assert_eq!(saved.inserted, 4);

    let view = app.conversation(saved.conversation_id, NOW).unwrap();
    assert_eq!(view.summary.channel, ChannelKind::Other);
    assert_eq!(view.summary.account_name, "Facebook Marketplace");
    assert_eq!(view.buyer.name, "Marta Ríos");
    let texts: Vec<&str> = view.messages.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Hola, ¿sigue disponible el poncho gris?",
            "Sí! Queda uno.",
            "¿Hacés envíos a Rosario?",
            "Sí, por correo, sale 4.500"
        ]
    );
    assert_eq!(view.messages[2].author, "Marta Ríos");
    // 10:02 in Córdoba (UTC-3) on 2025-06-14 is 13:02 UTC.
    assert_eq!(view.messages[0].sent_at, 1_749_906_120);
    assert!(view.messages.windows(2).all(|w| w[0].sent_at < w[1].sent_at));
    // The seller answered last: the buyer is not waiting.
    assert_eq!(view.summary.status, ConversationStatus::WaitingForBuyer);

    // A second capture from the same source reuses the account and, by phone, the buyer.
    let again = app
        .capture_save(
            &CaptureInput {
                buyer: CaptureBuyer::New {
                    name: "Marta".into(),
                    phone: Some("+5493415550101".into()),
                    email: None,
                },
                source: "facebook marketplace".into(),
                date: None,
                messages: app.capture_split("¿Me lo reservás?", &SplitOptions::default()).messages,
            },
            NOW,
        )
        .unwrap();
    assert_eq!(again.account_id, saved.account_id);
    assert_eq!(again.buyer_id, saved.buyer_id);
    assert_ne!(again.conversation_id, saved.conversation_id);
    assert_eq!(app.capture_sources().unwrap().len(), 1);
}

#[test]
fn a_picked_buyer_gets_the_conversation_and_quick_add_appends_messages() {
    let (_dir, app) = store();
    let first = app
        .capture_save(
            &CaptureInput {
                buyer: CaptureBuyer::New {
                    name: "Julián Paz".into(),
                    phone: None,
                    email: Some("JP@example.com".into()),
                },
                source: "Feria del sábado".into(),
                date: Some("2025-06-14".into()),
                messages: app.capture_split("Quiere dos tazas verdes", &SplitOptions::default()).messages,
            },
            NOW,
        )
        .unwrap();
    let found = app.capture_buyers("julián").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, first.buyer_id);
    assert_eq!(found[0].channels, vec![ChannelKind::Other]);
    assert_eq!(app.capture_buyers("example.com").unwrap().len(), 1);
    assert!(app.capture_buyers("nadie").unwrap().is_empty());

    let second = app
        .capture_save(
            &CaptureInput {
                buyer: CaptureBuyer::Existing { buyer_id: first.buyer_id },
                source: "Teléfono".into(),
                date: Some("2025-06-14".into()),
                messages: app
                    .capture_split(
                        "Julián: ¿Ya están?\nYo: Mañana",
                        &SplitOptions { buyer_name: Some("Julián".into()), me_names: vec![] },
                    )
                    .messages,
            },
            NOW,
        )
        .unwrap();
    assert_eq!(second.buyer_id, first.buyer_id);
    assert_ne!(second.account_id, first.account_id);

    let added = app
        .capture_add_message(
            &QuickMessage {
                conversation_id: second.conversation_id,
                direction: Direction::Incoming,
                text: "Paso a las 18".into(),
                date: None,
                time: None,
            },
            NOW,
        )
        .unwrap();
    let view = app.conversation(second.conversation_id, NOW).unwrap();
    assert_eq!(view.messages.len(), 3);
    let last = view.messages.last().unwrap();
    assert_eq!((last.id, last.direction, last.sent_at), (added, Direction::Incoming, NOW));
    assert_eq!(view.summary.status, ConversationStatus::NeedsReply);
    assert_eq!(view.buyer.identities.len(), 2);
}

#[test]
fn nothing_is_written_for_bad_input() {
    let (_dir, app) = store();
    let input = |source: &str, text: &str, time: Option<&str>| {
        let mut messages = app.capture_split(text, &SplitOptions::default()).messages;
        if let Some(m) = messages.first_mut() {
            m.time = time.map(str::to_owned);
        }
        CaptureInput {
            buyer: CaptureBuyer::New { name: "Ana".into(), phone: None, email: None },
            source: source.into(),
            date: None,
            messages,
        }
    };
    for bad in [
        input("Marketplace", "   ", None),
        input(" ", "hola", None),
        input("Marketplace", "hola", Some("25:61")),
    ] {
        assert_eq!(app.capture_save(&bad, NOW).unwrap_err().code(), "invalid_input");
    }
    assert!(app.capture_sources().unwrap().is_empty());
    assert_eq!(app.stats().unwrap().messages, 0);
    let missing = QuickMessage {
        conversation_id: 99,
        direction: Direction::Outgoing,
        text: "x".into(),
        date: None,
        time: None,
    };
    assert_eq!(app.capture_add_message(&missing, NOW).unwrap_err().code(), "not_found");
}
