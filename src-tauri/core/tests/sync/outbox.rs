//! The outbox: enqueue → claim → sent, failures with and without retry, replies in doubt after a
//! crash, and never two rows for one reply.

use mostrador_core::accounts::SyncBatch;
use mostrador_core::inbox::InboxQuery;
use mostrador_core::replies::IN_DOUBT_AFTER_SECS;
use mostrador_core::replies::{Delivered, OutboxState};
use mostrador_core::vocabulary::{ConversationKind, ConversationStatus, Direction, MessageStatus};
use mostrador_core::{Error, Mostrador};

use crate::fixtures::*;

const CHAT: ConversationKind = ConversationKind::Chat;

/// A Telegram chat where the buyer waits since an hour ago.
fn waiting_chat(shop: &Shop) -> i64 {
    shop.app
        .commit_sync(
            shop.telegram,
            &batch(vec![incoming(shop.telegram, "chat-1", CHAT, "u1", NOW - HOUR, "¿Tenés stock?")], vec![]),
            NOW,
        )
        .unwrap();
    conversation_id(shop, shop.telegram, "chat-1")
}

fn delivered(id: &str, at: i64) -> Delivered {
    Delivered { external_id: id.into(), sent_at: at, status: MessageStatus::Sent, moderation_reason: None }
}

fn status(shop: &Shop, conversation_id: i64) -> ConversationStatus {
    shop.app.conversation(conversation_id, NOW).unwrap().summary.status
}

#[test]
fn a_reply_shows_at_once_and_ends_the_wait_only_once_sent() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    shop.app.save_draft(chat, "Sí, hay", NOW).unwrap();
    let item = shop.app.outbox_enqueue(chat, "  Sí, hay stock  ", NOW).unwrap();
    assert_eq!((item.state, item.attempts, item.text.as_str()), (OutboxState::Queued, 0, "Sí, hay stock"));
    assert_eq!((item.conversation_ref.as_str(), item.buyer_external_id.as_str()), ("chat-1", "buyer-chat-1"));
    assert_eq!(item.channel, mostrador_core::vocabulary::ChannelKind::Telegram);
    assert!(shop.app.draft(chat).unwrap().is_none(), "the composer is cleared");

    let thread = messages(&shop, chat);
    assert_eq!(thread.len(), 2);
    assert_eq!(
        (thread[1].id, thread[1].status, thread[1].direction),
        (item.message_id, MessageStatus::Queued, Direction::Outgoing)
    );
    assert_eq!(
        status(&shop, chat),
        ConversationStatus::NeedsReply,
        "a queued reply has not reached the buyer"
    );

    let claimed = shop.app.outbox_claim(shop.telegram, NOW).unwrap().unwrap();
    assert_eq!((claimed.id, claimed.state, claimed.attempts), (item.id, OutboxState::Sending, 1));
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW).unwrap(), None, "one send at a time");
    assert_eq!(messages(&shop, chat)[1].status, MessageStatus::Sending);
    assert_eq!(status(&shop, chat), ConversationStatus::NeedsReply);

    shop.app.outbox_sent(item.id, &delivered("tg-555", NOW + 5), NOW + 5).unwrap();
    let thread = messages(&shop, chat);
    assert_eq!(thread.len(), 2);
    assert_eq!(
        (thread[1].status, thread[1].sent_at, thread[1].failure.clone()),
        (MessageStatus::Sent, NOW + 5, None)
    );
    let summary = shop.app.conversation(chat, NOW + 5).unwrap().summary;
    assert_eq!((summary.status, summary.waiting_since), (ConversationStatus::WaitingForBuyer, None));
    // The sent reply moved the conversation between tabs: the unfiltered tabs (kept counters) say so.
    let tabs = |query: InboxQuery| {
        shop.app.inbox_counts(&query).unwrap().into_iter().map(|c| c.conversations).collect::<Vec<_>>()
    };
    assert_eq!(
        tabs(InboxQuery::default()),
        tabs(InboxQuery { account_id: Some(shop.telegram), ..InboxQuery::default() })
    );
    let after = &shop.app.outbox_for_conversation(chat).unwrap()[0];
    assert_eq!((after.state, after.message_id), (OutboxState::Sent, item.message_id));

    // A poll that brings the same reply under its channel id finds it stored: no second row.
    let mut echo =
        message(shop.telegram, "chat-1", CHAT, "tg-555", Direction::Outgoing, NOW + 5, "Sí, hay stock");
    echo.author = "Taller".into();
    shop.app.commit_sync(shop.telegram, &batch(vec![echo], vec![]), NOW + 60).unwrap();
    assert_eq!(messages(&shop, chat).len(), 2);
    // Sent twice (a retry after a lost answer) changes nothing.
    shop.app.outbox_sent(item.id, &delivered("tg-555", NOW + 5), NOW + 90).unwrap();
    assert_eq!(messages(&shop, chat).len(), 2);
}

#[test]
fn a_reply_the_poll_stored_first_is_merged_never_two_rows() {
    let shop = shop();
    shop.app
        .commit_sync(
            shop.ml,
            &batch(
                vec![incoming(
                    shop.ml,
                    "pack-1",
                    ConversationKind::PostSale,
                    "m1",
                    NOW - HOUR,
                    "¿Cuándo sale?",
                )],
                vec![],
            ),
            NOW,
        )
        .unwrap();
    let pack = conversation_id(&shop, shop.ml, "pack-1");
    let item = shop.app.outbox_enqueue(pack, "Sale mañana", NOW).unwrap();
    shop.app.outbox_claim(shop.ml, NOW).unwrap().unwrap();
    // The send went through, then the app died before it heard back; the next poll stored the reply.
    let polled = message(
        shop.ml,
        "pack-1",
        ConversationKind::PostSale,
        "ml-msg-9",
        Direction::Outgoing,
        NOW + 3,
        "Sale mañana",
    );
    shop.app.commit_sync(shop.ml, &batch(vec![polled], vec![cursor("packs", "x")]), NOW + 10).unwrap();
    assert_eq!(messages(&shop, pack).len(), 3, "placeholder and polled row, until the outbox learns the id");

    let reopened = Mostrador::open(shop.app.db_path()).unwrap();
    let doubt = reopened.outbox_in_doubt(shop.ml, NOW + 10 + IN_DOUBT_AFTER_SECS).unwrap();
    assert_eq!(doubt.iter().map(|i| i.id).collect::<Vec<_>>(), [item.id]);
    reopened.outbox_sent(item.id, &delivered("ml-msg-9", NOW + 3), NOW + 20).unwrap();

    let thread = reopened.conversation(pack, NOW + 20).unwrap().messages;
    assert_eq!(thread.iter().filter(|m| m.text == "Sale mañana").count(), 1);
    assert_eq!(thread.len(), 2);
    let after = &reopened.outbox_for_conversation(pack).unwrap()[0];
    assert_eq!(after.state, OutboxState::Sent);
    assert_eq!(after.message_id, thread[1].id, "the outbox points at the row that stayed");
    assert_eq!(
        reopened.conversation(pack, NOW + 20).unwrap().summary.status,
        ConversationStatus::WaitingForBuyer
    );
    assert!(reopened.outbox_in_doubt(shop.ml, NOW + 20 + IN_DOUBT_AFTER_SECS).unwrap().is_empty());
}

#[test]
fn a_failed_send_retries_when_told_and_otherwise_waits_for_the_seller() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    let item = shop.app.outbox_enqueue(chat, "Hola", NOW).unwrap();
    shop.app.outbox_claim(shop.telegram, NOW).unwrap().unwrap();
    shop.app.outbox_failed(item.id, "rate_limited", "429 Too Many Requests", Some(NOW + 30), NOW).unwrap();
    let queued = &shop.app.outbox_for_conversation(chat).unwrap()[0];
    assert_eq!((queued.state, queued.error_code.as_deref()), (OutboxState::Queued, Some("rate_limited")));
    let message = &messages(&shop, chat)[1];
    assert_eq!(
        (message.status, message.failure.clone()),
        (MessageStatus::Queued, None),
        "no failure shown while it retries"
    );
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW + 29).unwrap(), None, "not before retry_at");
    let second = shop.app.outbox_claim(shop.telegram, NOW + 30).unwrap().unwrap();
    assert_eq!(second.attempts, 2);

    shop.app.outbox_failed(item.id, "chat_not_found", "Bad Request: chat not found", None, NOW + 31).unwrap();
    let failed = &shop.app.outbox_for_conversation(chat).unwrap()[0];
    assert_eq!(
        (failed.state, failed.error_detail.as_deref()),
        (OutboxState::Failed, Some("Bad Request: chat not found"))
    );
    let message = &messages(&shop, chat)[1];
    assert_eq!((message.status, message.failure.as_deref()), (MessageStatus::Failed, Some("chat_not_found")));
    assert_eq!(
        status(&shop, chat),
        ConversationStatus::NeedsReply,
        "a failed reply leaves the buyer waiting"
    );
    assert_eq!(
        shop.app.outbox_claim(shop.telegram, NOW + 3600).unwrap(),
        None,
        "failed waits for the seller"
    );

    shop.app.outbox_retry(item.id, NOW + 100).unwrap();
    let retried = &shop.app.outbox_for_conversation(chat).unwrap()[0];
    assert_eq!((retried.state, retried.error_code.clone()), (OutboxState::Queued, None));
    assert_eq!(messages(&shop, chat)[1].failure, None);
    assert_eq!(
        shop.app.outbox_claim(shop.telegram, NOW + 100).unwrap().unwrap().attempts,
        2,
        "a retry starts a fresh count of tries, still knowing it was tried before"
    );
}

#[test]
fn a_slow_send_keeps_its_claim_and_is_not_taken_for_lost() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    let item = shop.app.outbox_enqueue(chat, "Te mando la guía de talles", NOW).unwrap();
    shop.app.outbox_claim(shop.telegram, NOW).unwrap().unwrap();
    let later = NOW + IN_DOUBT_AFTER_SECS + 30;
    assert_eq!(shop.app.outbox_in_doubt(shop.telegram, later).unwrap().len(), 1, "unrenewed, it is in doubt");

    assert!(shop.app.outbox_keep_claim(item.id, NOW + 100).unwrap());
    assert!(shop.app.outbox_in_doubt(shop.telegram, later).unwrap().is_empty(), "renewed at +100 s");
    assert!(shop.app.outbox_being_sent(shop.telegram, later).unwrap());
    // A clock that went back never shortens the claim.
    assert!(shop.app.outbox_keep_claim(item.id, NOW + 10).unwrap());
    assert!(shop.app.outbox_in_doubt(shop.telegram, later).unwrap().is_empty());

    shop.app
        .outbox_sent(
            item.id,
            &Delivered {
                external_id: "tg:1:99".into(),
                status: MessageStatus::Sent,
                sent_at: NOW + 101,
                moderation_reason: None,
            },
            NOW + 101,
        )
        .unwrap();
    assert!(!shop.app.outbox_keep_claim(item.id, NOW + 140).unwrap(), "a sent reply has no claim to keep");
}

#[test]
fn cancelling_takes_the_reply_out_and_gives_the_text_back() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    let item = shop.app.outbox_enqueue(chat, "Te paso el precio", NOW).unwrap();
    shop.app.outbox_claim(shop.telegram, NOW).unwrap().unwrap();
    let in_flight = shop.app.outbox_cancel(item.id, NOW);
    assert!(
        matches!(in_flight, Err(Error::OutboxWrongState { state: OutboxState::Sending, .. })),
        "{in_flight:?}"
    );
    assert_eq!(in_flight.unwrap_err().code(), "outbox_wrong_state");

    shop.app.outbox_failed(item.id, "server_error", "500", None, NOW).unwrap();
    shop.app.outbox_cancel(item.id, NOW + 1).unwrap();
    assert_eq!(shop.app.outbox_for_conversation(chat).unwrap()[0].state, OutboxState::Cancelled);
    assert_eq!(messages(&shop, chat).len(), 1, "the reply never went out: it leaves the thread");
    assert_eq!(shop.app.draft(chat).unwrap().unwrap().text, "Te paso el precio");
    assert!(shop.app.outbox_retry(item.id, NOW + 2).is_err());
}

#[test]
fn a_moderated_reply_shows_why_and_the_buyer_still_waits() {
    let shop = shop();
    shop.app
        .commit_sync(
            shop.ml,
            &batch(
                vec![incoming(
                    shop.ml,
                    "pack-1",
                    ConversationKind::PostSale,
                    "m1",
                    NOW - HOUR,
                    "¿Me pasás tu número?",
                )],
                vec![],
            ),
            NOW,
        )
        .unwrap();
    let pack = conversation_id(&shop, shop.ml, "pack-1");
    let item = shop.app.outbox_enqueue(pack, "Escribime al 351 555 1234", NOW).unwrap();
    shop.app.outbox_claim(shop.ml, NOW).unwrap().unwrap();
    let moderated = Delivered {
        external_id: "ml-msg-1".into(),
        sent_at: NOW + 2,
        status: MessageStatus::Moderated,
        moderation_reason: Some("phone_number".into()),
    };
    shop.app.outbox_sent(item.id, &moderated, NOW + 2).unwrap();
    let reply = &messages(&shop, pack)[1];
    assert_eq!(
        (reply.status, reply.moderation_reason.as_deref()),
        (MessageStatus::Moderated, Some("phone_number"))
    );
    assert_eq!(status(&shop, pack), ConversationStatus::NeedsReply);
}

#[test]
fn replies_left_sending_by_a_crash_are_in_doubt_after_reopening() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    let first = shop.app.outbox_enqueue(chat, "Uno", NOW).unwrap();
    let second = shop.app.outbox_enqueue(chat, "Dos", NOW + 1).unwrap();
    assert_ne!(first.idempotency_key, second.idempotency_key);
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW + 1).unwrap().unwrap().id, first.id, "oldest first");
    let path = shop.app.db_path().to_path_buf();
    drop(shop.app);

    let app = Mostrador::open(&path).unwrap();
    // Claimed a moment ago: another process may still be sending it, so it is not in doubt yet.
    assert!(app.outbox_in_doubt(shop.telegram, NOW + 60).unwrap().is_empty());
    assert!(app.outbox_being_sent(shop.telegram, NOW + 60).unwrap());
    let doubt = app.outbox_in_doubt(shop.telegram, NOW + 2 + IN_DOUBT_AFTER_SECS).unwrap();
    assert_eq!(doubt.len(), 1);
    assert_eq!((doubt[0].id, doubt[0].idempotency_key.as_str()), (first.id, first.idempotency_key.as_str()));
    // Not found on the channel: the connector lets it go again.
    let later = NOW + 2 + IN_DOUBT_AFTER_SECS;
    app.outbox_failed(first.id, "not_delivered", "not in the remote thread", Some(later), later).unwrap();
    assert!(app.outbox_in_doubt(shop.telegram, later).unwrap().is_empty());
    assert!(!app.outbox_being_sent(shop.telegram, later).unwrap());
    assert_eq!(app.outbox_claim(shop.telegram, later).unwrap().unwrap().id, first.id);
}

#[test]
fn the_outbox_refuses_what_the_channel_would_refuse() {
    let shop = shop();
    let code =
        |result: mostrador_core::Result<mostrador_core::replies::OutboxItem>| result.unwrap_err().code();

    let chat = waiting_chat(&shop);
    assert_eq!(code(shop.app.outbox_enqueue(chat, "   ", NOW)), "send_empty");
    assert!(shop.app.outbox_enqueue(chat, &"ñ".repeat(4096), NOW).is_ok());
    assert_eq!(code(shop.app.outbox_enqueue(chat, &"ñ".repeat(4097), NOW)), "send_too_long");

    let ml = |thread: &str, kind| {
        shop.app
            .commit_sync(
                shop.ml,
                &batch(vec![incoming(shop.ml, thread, kind, thread, NOW, "Hola")], vec![]),
                NOW,
            )
            .unwrap();
        conversation_id(&shop, shop.ml, thread)
    };
    let question = ml("q-1", ConversationKind::PreSaleQuestion);
    assert_eq!(code(shop.app.outbox_enqueue(question, &"a".repeat(2001), NOW)), "send_too_long");
    assert!(shop.app.outbox_enqueue(question, &"a".repeat(2000), NOW).is_ok());
    assert_eq!(code(shop.app.outbox_enqueue(question, "Otra respuesta", NOW)), "send_already_answered");
    let pack = ml("pack-1", ConversationKind::PostSale);
    assert!(shop.app.outbox_enqueue(pack, &"é".repeat(350), NOW).is_ok());
    assert_eq!(code(shop.app.outbox_enqueue(pack, &"é".repeat(351), NOW)), "send_too_long");

    let blocked = SyncBatch {
        conversations: vec![mostrador_core::accounts::ConversationUpdate {
            external_ref: "pack-1".into(),
            kind: ConversationKind::PostSale,
            subject: None,
            blocked_reason: Some("blocked_by_mediation".into()),
            reply_until: None,
            listing_ref: None,
            private_reply_until: None,
            older_history_unavailable: false,
        }],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(shop.ml, &blocked, NOW).unwrap();
    assert_eq!(code(shop.app.outbox_enqueue(pack, "Hola", NOW)), "send_blocked");

    let business = SyncBatch {
        conversations: vec![mostrador_core::accounts::ConversationUpdate {
            external_ref: "chat-1".into(),
            kind: CHAT,
            subject: None,
            blocked_reason: None,
            reply_until: Some(NOW + HOUR),
            listing_ref: None,
            private_reply_until: None,
            older_history_unavailable: false,
        }],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(shop.telegram, &business, NOW).unwrap();
    assert!(shop.app.outbox_enqueue(chat, "A tiempo", NOW + HOUR).is_ok());
    assert_eq!(code(shop.app.outbox_enqueue(chat, "Tarde", NOW + HOUR + 1)), "send_window_closed");

    shop.app.ingest(&[incoming(shop.whatsapp, "wa-1", CHAT, "w1", NOW, "Hola")], NOW).unwrap();
    let whatsapp = conversation_id(&shop, shop.whatsapp, "wa-1");
    assert_eq!(code(shop.app.outbox_enqueue(whatsapp, "Hola", NOW)), "send_copy_mode");

    shop.app.set_account_disabled(shop.ml, true).unwrap();
    assert_eq!(code(shop.app.outbox_enqueue(question, "Hola", NOW)), "send_account_disabled");
    let before = shop.app.stats().unwrap().messages;
    assert!(shop.app.outbox_enqueue(question, "Hola", NOW).is_err());
    assert_eq!(shop.app.stats().unwrap().messages, before, "a refused reply stores nothing");
}

#[test]
fn replies_of_one_conversation_go_out_in_the_order_they_were_written() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    shop.app
        .commit_sync(
            shop.telegram,
            &batch(vec![incoming(shop.telegram, "chat-2", CHAT, "v1", NOW, "Hola")], vec![]),
            NOW,
        )
        .unwrap();
    let other = conversation_id(&shop, shop.telegram, "chat-2");
    let first = shop.app.outbox_enqueue(chat, "Primero", NOW).unwrap();
    let second = shop.app.outbox_enqueue(chat, "Después", NOW).unwrap();
    let elsewhere = shop.app.outbox_enqueue(other, "Hola", NOW).unwrap();
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW).unwrap().unwrap().id, first.id);
    shop.app.outbox_failed(first.id, "rate_limited", "429", Some(NOW + 60), NOW).unwrap();
    // The first waits for its retry: the second of its chat waits behind it, another chat goes on.
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW + 1).unwrap().unwrap().id, elsewhere.id);
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW + 2).unwrap(), None);
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW + 60).unwrap().unwrap().id, first.id);
    shop.app.outbox_sent(first.id, &delivered("tg-1", NOW + 60), NOW + 60).unwrap();
    assert_eq!(shop.app.outbox_claim(shop.telegram, NOW + 61).unwrap().unwrap().id, second.id);
}

#[test]
fn files_go_only_where_the_channel_carries_them() {
    let shop = shop();
    let chat = waiting_chat(&shop);
    let answer = shop
        .app
        .create_answer(
            &mostrador_core::answers::AnswerInput {
                title: "Talles".into(),
                shortcut: None,
                folder: None,
                body: "La tabla de talles".into(),
                language: None,
                pinned: false,
                tags: Vec::new(),
                variants: Vec::new(),
            },
            NOW,
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("talles.pdf");
    std::fs::write(&chart, b"%PDF-1.4").unwrap();
    let file = shop.app.add_answer_attachment(answer, &chart).unwrap();

    let refused = shop.app.outbox_enqueue_with_files(chat, "La tabla de talles", &[file], NOW);
    assert!(
        matches!(refused, Err(Error::SendRefused(mostrador_core::replies::SendRefusal::FilesNotCarried))),
        "{refused:?}"
    );
    assert_eq!(messages(&shop, chat).len(), 1, "nothing was queued");
    assert!(shop.app.outbox_enqueue_with_files(chat, "Sin archivos", &[], NOW).unwrap().files.is_empty());
}
