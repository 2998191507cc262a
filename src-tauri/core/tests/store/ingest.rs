//! Ingest: idempotency, waiting times, status changes, out-of-order batches, all-or-nothing.

use mostrador_core::Error;
use mostrador_core::conversations::AttachmentInput;
use mostrador_core::ingest::IngestReport;
use mostrador_core::vocabulary::{ConversationStatus, Direction, MessageStatus};

use crate::fixtures::*;

#[test]
fn the_same_batch_twice_is_stored_once() {
    let shop = shop();
    let batch = [
        incoming(shop.account, "ana", "m1", NOW - 2 * HOUR, "Hola, ¿tenés la taza azul?"),
        outgoing(shop.account, "ana", "m2", NOW - HOUR, "¡Sí! Está a 4500"),
        incoming(shop.account, "bruno", "m3", NOW - 30 * MINUTE, "Buenas"),
    ];
    let first = shop.app.ingest(&batch, NOW).unwrap();
    assert_eq!(first, IngestReport { inserted: 3, updated: 0, unchanged: 0, conversations_touched: 2 });
    let stats = shop.app.stats().unwrap();
    let inbox = all(&shop.app);

    let again = shop.app.ingest(&batch, NOW + MINUTE).unwrap();
    assert_eq!(again, IngestReport { inserted: 0, updated: 0, unchanged: 3, conversations_touched: 0 });
    assert_eq!(shop.app.stats().unwrap(), stats);
    assert_eq!(all(&shop.app), inbox, "unread and every aggregate unchanged");
    assert_eq!(row(&shop.app, shop.account, "bruno").unread, 1);
}

#[test]
fn a_changed_message_is_updated_in_place() {
    let shop = shop();
    let mut message = outgoing(shop.account, "ana", "m1", NOW - HOUR, "Sale mañana");
    message.status = MessageStatus::Queued;
    shop.app.ingest(std::slice::from_ref(&message), NOW).unwrap();

    message.status = MessageStatus::Sent;
    message.text = "Sale el lunes".into();
    message.attachments = vec![AttachmentInput {
        file_name: "envio.pdf".into(),
        mime_type: Some("application/pdf".into()),
        size_bytes: Some(2048),
        local_path: None,
        remote_ref: Some("att-1".into()),
        kind: None,
    }];
    let report = shop.app.ingest(std::slice::from_ref(&message), NOW).unwrap();
    assert_eq!(report, IngestReport { inserted: 0, updated: 1, unchanged: 0, conversations_touched: 1 });

    let view = shop.app.conversation(row(&shop.app, shop.account, "ana").conversation_id, NOW).unwrap();
    assert_eq!(view.messages.len(), 1);
    assert_eq!(view.messages[0].text, "Sale el lunes");
    assert_eq!(view.messages[0].status, MessageStatus::Sent);
    assert_eq!(view.messages[0].attachments[0].file_name, "envio.pdf");
    assert_eq!(search(&shop.app, "lunes").len(), 1);
    assert!(search(&shop.app, "mañana").is_empty(), "the old text is gone from the index");
}

#[test]
fn a_duplicate_inside_one_batch_is_stored_once() {
    let shop = shop();
    let message = incoming(shop.account, "ana", "m1", NOW - HOUR, "Hola");
    let report = shop.app.ingest(&[message.clone(), message], NOW).unwrap();
    assert_eq!(report, IngestReport { inserted: 1, updated: 0, unchanged: 1, conversations_touched: 1 });
    assert_eq!(row(&shop.app, shop.account, "ana").unread, 1);
}

#[test]
fn waiting_starts_with_the_buyer_and_ends_with_a_reply() {
    let shop = shop();
    let (a, t0) = (shop.account, NOW - 3 * HOUR);
    shop.app.ingest(&[incoming(a, "ana", "m1", t0, "Hola")], NOW).unwrap();
    let ana = row(&shop.app, a, "ana");
    assert_eq!(
        (ana.status, ana.waiting_since, ana.waiting_seconds),
        (ConversationStatus::NeedsReply, Some(t0), Some(3 * HOUR))
    );

    shop.app.ingest(&[incoming(a, "ana", "m2", t0 + MINUTE, "¿Hay stock?")], NOW).unwrap();
    assert_eq!(row(&shop.app, a, "ana").waiting_since, Some(t0), "the wait started with the first message");

    shop.app.ingest(&[outgoing(a, "ana", "m3", t0 + HOUR, "¡Sí!")], NOW).unwrap();
    let ana = row(&shop.app, a, "ana");
    assert_eq!(
        (ana.status, ana.waiting_since, ana.waiting_seconds),
        (ConversationStatus::WaitingForBuyer, None, None)
    );
    assert_eq!(ana.last_direction, Some(Direction::Outgoing));
    assert_eq!(ana.unread, 2);

    shop.app.ingest(&[incoming(a, "ana", "m4", t0 + 2 * HOUR, "Genial, la quiero")], NOW).unwrap();
    let ana = row(&shop.app, a, "ana");
    assert_eq!((ana.status, ana.waiting_since), (ConversationStatus::NeedsReply, Some(t0 + 2 * HOUR)));
    assert_eq!(ana.unread, 3);

    shop.app.mark_read(ana.conversation_id).unwrap();
    assert_eq!(row(&shop.app, a, "ana").unread, 0);
}

#[test]
fn a_conversation_the_seller_starts_waits_for_the_buyer() {
    let shop = shop();
    shop.app.ingest(&[outgoing(shop.account, "ana", "m1", NOW - HOUR, "Tu pedido está listo")], NOW).unwrap();
    let ana = row(&shop.app, shop.account, "ana");
    assert_eq!((ana.status, ana.waiting_since, ana.unread), (ConversationStatus::WaitingForBuyer, None, 0));
}

#[test]
fn a_reply_that_failed_leaves_the_buyer_waiting() {
    let shop = shop();
    let a = shop.account;
    let mut reply = outgoing(a, "ana", "m2", NOW - HOUR, "¡Sí!");
    reply.status = MessageStatus::Failed;
    shop.app.ingest(&[incoming(a, "ana", "m1", NOW - 2 * HOUR, "Hola"), reply.clone()], NOW).unwrap();
    let ana = row(&shop.app, a, "ana");
    assert_eq!((ana.status, ana.waiting_since), (ConversationStatus::NeedsReply, Some(NOW - 2 * HOUR)));

    reply.status = MessageStatus::Sent;
    shop.app.ingest(&[reply.clone()], NOW).unwrap();
    assert_eq!(row(&shop.app, a, "ana").status, ConversationStatus::WaitingForBuyer);

    // The channel reports later that the reply was moderated away: the buyer is waiting again.
    reply.status = MessageStatus::Moderated;
    shop.app.ingest(&[reply], NOW).unwrap();
    let ana = row(&shop.app, a, "ana");
    assert_eq!((ana.status, ana.waiting_since), (ConversationStatus::NeedsReply, Some(NOW - 2 * HOUR)));
}

#[test]
fn a_new_message_from_the_buyer_reopens_done_and_snoozed_conversations() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a1", NOW - 5 * HOUR, "Hola"),
                outgoing(a, "ana", "a2", NOW - 4 * HOUR, "Hola Ana"),
                incoming(a, "ana", "a3", NOW - 3 * HOUR, "¡Gracias!"),
                incoming(a, "bruno", "b1", NOW - 5 * HOUR, "¿Precio?"),
            ],
            NOW,
        )
        .unwrap();
    let ana = row(&shop.app, a, "ana").conversation_id;
    let bruno = row(&shop.app, a, "bruno").conversation_id;

    // "¡Gracias!" needs no answer: done without replying ends the wait.
    shop.app.set_status(ana, ConversationStatus::Done, None, NOW).unwrap();
    let row_ana = row(&shop.app, a, "ana");
    assert_eq!((row_ana.status, row_ana.waiting_since), (ConversationStatus::Done, None));
    shop.app.set_status(bruno, ConversationStatus::Snoozed, Some(NOW + 24 * HOUR), NOW).unwrap();
    assert_eq!(row(&shop.app, a, "bruno").status, ConversationStatus::Snoozed);

    // A reply does not reopen a done conversation.
    shop.app.ingest(&[outgoing(a, "ana", "a4", NOW - 2 * HOUR, "¡A vos!")], NOW).unwrap();
    assert_eq!(row(&shop.app, a, "ana").status, ConversationStatus::Done);

    shop.app
        .ingest(
            &[
                incoming(a, "ana", "a5", NOW - HOUR, "Una consulta más"),
                incoming(a, "bruno", "b2", NOW - HOUR, "¿?"),
            ],
            NOW,
        )
        .unwrap();
    let row_ana = row(&shop.app, a, "ana");
    assert_eq!(row_ana.status, ConversationStatus::NeedsReply);
    assert_eq!(
        row_ana.waiting_since,
        Some(NOW - HOUR),
        "the wait starts with the new message, not the old thanks"
    );
    let row_bruno = row(&shop.app, a, "bruno");
    assert_eq!(
        (row_bruno.status, row_bruno.waiting_since),
        (ConversationStatus::NeedsReply, Some(NOW - 5 * HOUR))
    );
}

#[test]
fn a_reply_moves_a_snoozed_conversation_to_waiting_for_the_buyer() {
    let shop = shop();
    let a = shop.account;
    shop.app.ingest(&[incoming(a, "ana", "m1", NOW - 2 * HOUR, "Hola")], NOW).unwrap();
    let ana = row(&shop.app, a, "ana").conversation_id;
    shop.app.set_status(ana, ConversationStatus::Snoozed, None, NOW).unwrap();
    shop.app.ingest(&[outgoing(a, "ana", "m2", NOW - HOUR, "Hola Ana")], NOW).unwrap();
    assert_eq!(row(&shop.app, a, "ana").status, ConversationStatus::WaitingForBuyer);
}

#[test]
fn an_older_batch_arriving_late_does_not_move_anything_backwards() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "m3", NOW - HOUR, "¿Llegó?"),
                outgoing(a, "ana", "m4", NOW - 30 * MINUTE, "Sí"),
            ],
            NOW,
        )
        .unwrap();
    let before = row(&shop.app, a, "ana");
    assert_eq!((before.status, before.waiting_since), (ConversationStatus::WaitingForBuyer, None));

    // History from the day before, fetched afterwards.
    let report = shop
        .app
        .ingest(
            &[
                incoming(a, "ana", "m1", NOW - 26 * HOUR, "Hola"),
                outgoing(a, "ana", "m2", NOW - 25 * HOUR, "Hola!"),
            ],
            NOW,
        )
        .unwrap();
    assert_eq!(report.inserted, 2);
    let after = row(&shop.app, a, "ana");
    assert_eq!(after.last_message_at, Some(NOW - 30 * MINUTE));
    assert_eq!(after.preview, "Sí");
    assert_eq!((after.status, after.waiting_since), (ConversationStatus::WaitingForBuyer, None));

    // An old unanswered message from before the last reply does not start a wait either.
    shop.app.ingest(&[incoming(a, "ana", "m0", NOW - 27 * HOUR, "¿Hola?")], NOW).unwrap();
    let after = row(&shop.app, a, "ana");
    assert_eq!((after.status, after.waiting_since), (ConversationStatus::WaitingForBuyer, None));
    let messages = shop.app.conversation(after.conversation_id, NOW).unwrap().messages;
    let order: Vec<i64> = messages.iter().map(|m| m.sent_at).collect();
    assert!(order.is_sorted(), "oldest first: {order:?}");
}

#[test]
fn a_reply_in_the_same_second_counts_as_an_answer() {
    let shop = shop();
    let a = shop.account;
    shop.app
        .ingest(
            &[outgoing(a, "ana", "m2", NOW - HOUR, "¡Sí!"), incoming(a, "ana", "m1", NOW - HOUR, "¿Hay?")],
            NOW,
        )
        .unwrap();
    assert_eq!(row(&shop.app, a, "ana").waiting_since, None);
}

#[test]
fn a_batch_with_a_bad_message_writes_nothing() {
    let shop = shop();
    let a = shop.account;
    let good = incoming(a, "ana", "m1", NOW - HOUR, "Hola");
    let unknown_account = incoming(a + 99, "bruno", "m2", NOW - HOUR, "Hola");
    let err = shop.app.ingest(&[good.clone(), unknown_account], NOW).expect_err("refused");
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");

    let mut blank = incoming(a, "carla", "m3", NOW - HOUR, "Hola");
    blank.external_id = "  ".into();
    let err = shop.app.ingest(&[good.clone(), blank], NOW).expect_err("refused");
    assert_eq!(err.code(), "invalid_input");

    let stats = shop.app.stats().unwrap();
    assert_eq!((stats.buyers, stats.conversations, stats.messages), (0, 0, 0));
    assert!(search(&shop.app, "hola").is_empty());

    let report = shop.app.ingest(&[good], NOW).unwrap();
    assert_eq!(report.inserted, 1, "the good message was not half-stored before");
}

#[test]
fn identities_are_shared_by_conversations_and_follow_name_changes() {
    let shop = shop();
    let a = shop.account;
    let mut first = from_buyer(incoming(a, "pedido-1", "m1", NOW - 2 * HOUR, "Hola"), "549351", "Ana");
    first.buyer.phone = Some("+54 9 351 555-1234".into());
    let second = from_buyer(incoming(a, "pedido-2", "m2", NOW - HOUR, "Otra cosa"), "549351", "Ana María");
    shop.app.ingest(&[first, second], NOW).unwrap();

    let buyer = shop.app.buyer_id_by_identity(a, "549351").unwrap().expect("known");
    assert_eq!(row(&shop.app, a, "pedido-1").buyer_id, buyer);
    assert_eq!(row(&shop.app, a, "pedido-2").buyer_id, buyer);
    assert_eq!(shop.app.stats().unwrap().buyers, 1);

    let view = shop.app.conversation(row(&shop.app, a, "pedido-1").conversation_id, NOW).unwrap();
    assert_eq!(view.buyer.name, "Ana María");
    assert_eq!(view.buyer.identities.len(), 1);
    assert_eq!(
        view.buyer.identities[0].phone.as_deref(),
        Some("+54 9 351 555-1234"),
        "kept when not sent again"
    );
    assert_eq!(search(&shop.app, "maria").len(), 2);
    assert_eq!(shop.app.buyer_id_by_identity(a, "nobody").unwrap(), None);
}
