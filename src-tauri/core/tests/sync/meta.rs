//! What Instagram and Messenger bring to the store: comment conversations with their one private
//! reply, Meta's byte limit and reply window, reactions, unsent messages and the short history the
//! API gives.

use mostrador_core::accounts::{ConversationUpdate, MessageReactions, NewAccount, SyncBatch};
use mostrador_core::conversations::{AttachmentInput, AttachmentKind};
use mostrador_core::replies::{OutboxState, ReplyRoute, SendMode, SendRefusal};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, ConversationStatus};
use mostrador_core::{Error, Mostrador};

use crate::fixtures::*;

fn instagram(app: &Mostrador) -> i64 {
    app.add_account(
        &NewAccount {
            channel: ChannelKind::Instagram,
            display_name: "Instagram · @barroylana".into(),
            external_id: Some("17841400000000001".into()),
            settings: serde_json::json!({"api_base": "http://127.0.0.1:9", "username": "barroylana",
                                          "access_expires_at": NOW + 50 * DAY}),
        },
        NOW,
    )
    .unwrap()
}

fn comment_update(thread: &str, private_until: Option<i64>) -> ConversationUpdate {
    ConversationUpdate {
        external_ref: thread.into(),
        kind: ConversationKind::Comment,
        subject: Some("Taza esmaltada azul".into()),
        blocked_reason: None,
        reply_until: None,
        listing_ref: Some("https://www.instagram.com/p/Cx1/".into()),
        private_reply_until: private_until,
        older_history_unavailable: false,
    }
}

fn refusal(error: Error) -> SendRefusal {
    match error {
        Error::SendRefused(refusal) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_comment_is_a_conversation_that_takes_public_replies_and_one_private_reply() {
    let shop = shop();
    let ig = instagram(&shop.app);
    assert_eq!(shop.app.account(ig).unwrap().access_expires_at, Some(NOW + 50 * DAY));
    let thread = "comment:1790:1780";
    let batch = SyncBatch {
        messages: vec![incoming(
            ig,
            thread,
            ConversationKind::Comment,
            "comment:1780",
            NOW - HOUR,
            "precio?",
        )],
        conversations: vec![comment_update(thread, Some(NOW - HOUR + 7 * DAY))],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(ig, &batch, NOW).unwrap();
    let comment = conversation_id(&shop, ig, thread);
    let view = shop.app.conversation(comment, NOW).unwrap();
    assert_eq!(view.summary.kind, ConversationKind::Comment);
    assert_eq!(view.summary.status, ConversationStatus::NeedsReply, "a comment waits like a message");
    assert_eq!(view.summary.subject.as_deref(), Some("Taza esmaltada azul"), "which post");
    let send = view.send;
    assert_eq!(
        (send.mode, send.public, send.max_chars, send.max_bytes),
        (SendMode::Send, true, Some(2200), None)
    );
    assert_eq!(send.private_reply_until, Some(NOW - HOUR + 7 * DAY));
    assert!(send.opens_in_app);

    let public =
        shop.app.outbox_enqueue(comment, "¡Hola! Sale $14.900, te escribo por privado", NOW).unwrap();
    assert_eq!(public.route, ReplyRoute::Thread);
    let private =
        shop.app.outbox_enqueue_private_reply(comment, "Hola Caro, la taza azul sale $14.900", NOW).unwrap();
    assert_eq!(private.route, ReplyRoute::PrivateReply);
    assert_eq!(shop.app.conversation(comment, NOW).unwrap().send.private_reply_until, None, "taken");
    assert_eq!(
        refusal(shop.app.outbox_enqueue_private_reply(comment, "otra vez", NOW).unwrap_err()),
        SendRefusal::PrivateReplyUnavailable,
        "a comment takes one private reply"
    );

    // A private reply that failed for good may be tried again: it is still the comment's only one.
    let claimed = shop.app.outbox_claim(ig, NOW).unwrap().unwrap();
    assert_eq!(claimed.id, public.id, "replies of one conversation go in order");
    shop.app.outbox_failed(public.id, "server_error", "x", None, NOW).unwrap();
    shop.app.outbox_cancel(public.id, NOW).unwrap();
    let claimed = shop.app.outbox_claim(ig, NOW).unwrap().unwrap();
    assert_eq!((claimed.id, claimed.route), (private.id, ReplyRoute::PrivateReply));
    shop.app.outbox_failed(private.id, "server_error", "x", None, NOW).unwrap();
    shop.app.outbox_retry(private.id, NOW).unwrap();
    assert_eq!(shop.app.outbox_for_conversation(comment).unwrap()[1].state, OutboxState::Queued);

    // Cancelled, the chance comes back; once the 7 days are over it is gone.
    shop.app.outbox_cancel(private.id, NOW).unwrap();
    assert!(shop.app.conversation(comment, NOW).unwrap().send.private_reply_until.is_some());
    assert_eq!(
        refusal(shop.app.outbox_enqueue_private_reply(comment, "tarde", NOW + 7 * DAY).unwrap_err()),
        SendRefusal::PrivateReplyUnavailable
    );
}

#[test]
fn direct_messages_count_bytes_and_close_with_their_window() {
    let shop = shop();
    let ig = instagram(&shop.app);
    let thread = "ig:aWdfX2:IGSID1";
    let batch = SyncBatch {
        messages: vec![incoming(
            ig,
            thread,
            ConversationKind::Chat,
            "mid:1",
            NOW - HOUR,
            "hola! tenés la taza?",
        )],
        conversations: vec![ConversationUpdate {
            external_ref: thread.into(),
            kind: ConversationKind::Chat,
            subject: None,
            blocked_reason: None,
            reply_until: Some(NOW - HOUR + DAY),
            listing_ref: None,
            private_reply_until: None,
            older_history_unavailable: true,
        }],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(ig, &batch, NOW).unwrap();
    let chat = conversation_id(&shop, ig, thread);
    let view = shop.app.conversation(chat, NOW).unwrap();
    assert!(view.older_history_unavailable, "the conversation says its beginning is not here");
    assert_eq!((view.send.max_chars, view.send.max_bytes, view.send.public), (None, Some(1000), false));
    assert_eq!(view.send.reply_until, Some(NOW - HOUR + DAY));
    assert_eq!(
        refusal(shop.app.outbox_enqueue(chat, &"ñ".repeat(501), NOW).unwrap_err()),
        SendRefusal::TooManyBytes { bytes: 1002, max: 1000 }
    );
    assert_eq!(
        refusal(shop.app.outbox_enqueue_private_reply(chat, "hola", NOW).unwrap_err()),
        SendRefusal::PrivateReplyUnavailable,
        "only a comment takes a private reply"
    );
    shop.app.outbox_enqueue(chat, &"ñ".repeat(500), NOW).unwrap();
    assert_eq!(
        refusal(shop.app.outbox_enqueue(chat, "hola", NOW - HOUR + DAY + 1).unwrap_err()),
        SendRefusal::WindowClosed { until: NOW - HOUR + DAY }
    );
}

#[test]
fn reactions_story_replies_and_unsent_messages_are_kept_as_the_channel_says() {
    let shop = shop();
    let ig = instagram(&shop.app);
    let thread = "ig:aWdfX3:IGSID2";
    let mut story_reply = incoming(ig, thread, ConversationKind::Chat, "mid:10", NOW - HOUR, "¡qué lindo!");
    story_reply.attachments = vec![AttachmentInput {
        file_name: "story".into(),
        mime_type: None,
        size_bytes: None,
        local_path: None,
        remote_ref: Some("https://lookaside.example/story/1".into()),
        kind: Some(AttachmentKind::StoryReply),
    }];
    let plain = incoming(ig, thread, ConversationKind::Chat, "mid:11", NOW - HOUR + 1, "¿la hacés en verde?");
    shop.app
        .commit_sync(ig, &SyncBatch { messages: vec![story_reply, plain], ..SyncBatch::default() }, NOW)
        .unwrap();
    let chat = conversation_id(&shop, ig, thread);

    let again = SyncBatch {
        reactions: vec![MessageReactions { external_id: "mid:10".into(), reactions: vec!["❤️".into()] }],
        deleted_messages: vec!["mid:11".into()],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(ig, &again, NOW + 60).unwrap();
    let thread = messages(&shop, chat);
    assert_eq!(thread[0].attachments[0].kind, Some(AttachmentKind::StoryReply));
    assert_eq!(thread[0].reactions, vec!["❤️".to_owned()]);
    assert_eq!(thread[1].deleted_at, Some(NOW + 60), "unsent: kept, marked");

    let cleared = SyncBatch {
        reactions: vec![MessageReactions { external_id: "mid:10".into(), reactions: vec![] }],
        ..SyncBatch::default()
    };
    shop.app.commit_sync(ig, &cleared, NOW + 120).unwrap();
    assert!(messages(&shop, chat)[0].reactions.is_empty());
}
