//! Instagram and Messenger against the simulated Graph API: connecting, direct messages of every
//! kind, the reply window and the human agent tag, comments with public and private replies, the
//! rate limit kept, the token's life, and every fault recovered without loss or duplicates.

mod shop;

use mostrador_channels::connect;
use mostrador_core::accounts::SyncState;
use mostrador_core::replies::{OutboxState, ReplyRoute, SendRefusal};
use mostrador_core::vocabulary::{ConversationKind, ConversationStatus, MessageStatus};
use mostrador_simulator::{Activity, Api, Fault, FaultKind, Platform};
use shop::Shop;

fn conversation_of(shop: &Shop, account: i64, meta_id: &str) -> i64 {
    shop.query_i64(
        "SELECT id FROM conversations WHERE account_id = ?1 AND external_ref LIKE ?2",
        (account, format!("%:{meta_id}:%")),
    )
    .unwrap_or_else(|| panic!("conversation {meta_id} is stored"))
}

fn fault(api: Api, kind: FaultKind, times: u32) -> Fault {
    Fault { api, path_contains: None, kind, times }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instagram_messages_of_every_kind_arrive_once_and_replies_go_out_once() {
    let shop = Shop::start().await;
    let ig = shop.connect_instagram(false).await;
    let account = shop.core.account(ig).unwrap();
    assert_eq!(account.display_name, format!("@{}", shop.sim.meta_app().instagram.username));
    assert!(account.access_expires_at.is_some_and(|at| at > shop.now() + 50 * 86_400), "a 60-day token");

    let report = shop.generate(Activity { instagram_messages: 40, ..Activity::default() });
    shop.sync_until_quiet(ig, 5).await;
    assert_eq!(shop.status(ig).state, SyncState::Ok);
    shop.assert_meta_ledger(ig, Platform::Instagram);

    // What the buyers sent beyond text is said as such; reactions and unsent messages are kept.
    let snapshot = shop.sim.snapshot().meta;
    let kinds = |kind: &str| {
        snapshot.conversations.iter().flat_map(|c| &c.messages).filter(|m| m.kind == kind).count()
    };
    let stored_kind = |kind: &str| {
        shop.query_i64(
            "SELECT count(*) FROM messages WHERE account_id = ?1 AND attachments LIKE ?2",
            (ig, format!("%\"{kind}\"%")),
        )
        .unwrap_or(0) as usize
    };
    for kind in ["story_reply", "story_mention", "share", "unsupported"] {
        assert_eq!(stored_kind(kind), kinds(kind), "{kind}");
    }
    let unsent = kinds("deleted");
    let marked = shop
        .query_i64("SELECT count(*) FROM messages WHERE account_id = ?1 AND deleted_at IS NOT NULL", [ig])
        .unwrap_or(0) as usize;
    assert_eq!(marked, unsent, "unsent messages are kept, marked");
    let reacted =
        snapshot.conversations.iter().flat_map(|c| &c.messages).filter(|m| !m.reactions.is_empty()).count();
    let stored_reactions = shop
        .query_i64("SELECT count(*) FROM messages WHERE account_id = ?1 AND reactions <> '[]'", [ig])
        .unwrap_or(0) as usize;
    assert_eq!(stored_reactions, reacted);

    // A reply goes out once, ends the wait and keeps Meta's id; another round changes nothing.
    let conversation = conversation_of(&shop, ig, &report.instagram_conversation_ids[0]);
    let view = shop.core.conversation(conversation, shop.now()).unwrap();
    assert_eq!(view.summary.status, ConversationStatus::NeedsReply);
    assert_eq!(view.send.max_bytes, Some(1000));
    assert!(view.send.reply_until.is_some_and(|until| until > shop.now()), "the 24 h window is open");
    let item = shop.enqueue(conversation, "¡Hola! Sí, la tenemos en azul y en verde 🌿");
    shop.sync(ig).await;
    assert_eq!(shop.sim.instagram_sent().len(), 1);
    let sent = shop.core.outbox_for_conversation(conversation).unwrap();
    assert_eq!(sent[0].state, OutboxState::Sent);
    let reply = shop.core.conversation(conversation, shop.now()).unwrap();
    assert_eq!(reply.summary.status, ConversationStatus::WaitingForBuyer);
    assert!(reply.messages.iter().any(|m| m.id == item.message_id && m.status == MessageStatus::Sent));
    shop.sync_until_quiet(ig, 3).await;
    shop.assert_meta_ledger(ig, Platform::Instagram);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_closes_after_a_day_unless_the_app_may_tag_a_human_agent() {
    let shop = Shop::start().await;
    let ig = shop.connect_instagram(false).await;
    let report = shop.generate(Activity { instagram_messages: 4, ..Activity::default() });
    shop.sync(ig).await;
    let meta_id = report.instagram_conversation_ids[0].clone();
    let conversation = conversation_of(&shop, ig, &meta_id);

    // A reply queued in time whose window closes before it goes out fails with the reason.
    shop.enqueue(conversation, "Te respondo ahora");
    assert!(shop.sim.meta_close_window(&meta_id));
    shop.sync(ig).await;
    let failed = shop.core.outbox_for_conversation(conversation).unwrap();
    assert_eq!(
        (failed[0].state, failed[0].error_code.as_deref()),
        (OutboxState::Failed, Some("reply_window_closed"))
    );
    assert!(shop.sim.instagram_sent().is_empty());
    // A day after the buyer's last message the composer refuses before anything is sent.
    shop.sim.meta_buyer_writes(&meta_id);
    shop.sync(ig).await;
    shop.core.outbox_cancel(failed[0].id, shop.now()).unwrap();
    shop.advance(25 * 3600);
    let refused = shop.core.outbox_enqueue(conversation, "¿Sigue ahí?", shop.now()).unwrap_err();
    assert!(
        matches!(refused, mostrador_core::Error::SendRefused(SendRefusal::WindowClosed { .. })),
        "{refused:?}"
    );

    // With the human agent feature the window is 7 days, and the reply goes out tagged past 24 h.
    let shop = Shop::start().await;
    shop.sim.set_meta_human_agent(true);
    let ig = shop.connect_instagram(true).await;
    let report = shop.generate(Activity { instagram_messages: 3, ..Activity::default() });
    let meta_id = report.instagram_conversation_ids[0].clone();
    assert!(shop.sim.meta_age_conversation(&meta_id, 30 * 3600));
    shop.sync(ig).await;
    let conversation = conversation_of(&shop, ig, &meta_id);
    let send = shop.core.conversation(conversation, shop.now()).unwrap().send;
    assert!(send.reply_until.is_some_and(|until| until > shop.now() + 5 * 86_400), "{send:?}");
    shop.enqueue(conversation, "Perdón la demora: ya está lista");
    shop.sync(ig).await;
    let sent = shop.sim.instagram_sent();
    assert_eq!((sent.len(), sent[0].tag.as_deref()), (1, Some("HUMAN_AGENT")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_are_doors_public_replies_and_one_private_reply() {
    let shop = Shop::start().await;
    let ig = shop.connect_instagram(false).await;
    let report = shop.generate(Activity { instagram_comments: 6, ..Activity::default() });
    shop.sync(ig).await;
    shop.assert_meta_ledger(ig, Platform::Instagram);
    let comment_id = report.comment_ids[0].clone();
    let thread = shop
        .query_i64(
            "SELECT id FROM conversations WHERE account_id = ?1 AND kind = 'comment' AND external_ref LIKE ?2",
            (ig, format!("comment:%:{comment_id}")),
        )
        .expect("the comment is a conversation");
    let view = shop.core.conversation(thread, shop.now()).unwrap();
    assert_eq!(view.summary.kind, ConversationKind::Comment);
    assert_eq!(view.summary.status, ConversationStatus::NeedsReply, "a comment waits for an answer");
    assert!(view.summary.subject.is_some(), "which post");
    assert!(view.listing_ref.as_deref().is_some_and(|l| l.starts_with("https://www.instagram.com/")));
    assert!(view.send.public && view.send.private_reply_until.is_some());

    shop.enqueue(thread, "¡Hola! Te escribimos por privado 😊");
    let private = shop
        .core
        .outbox_enqueue_private_reply(thread, "Hola, la taza sale $14.900 y hacemos envíos", shop.now())
        .unwrap();
    assert_eq!(private.route, ReplyRoute::PrivateReply);
    shop.sync(ig).await;
    let replies = shop.sim.snapshot().meta.comment_replies;
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].comment_id, comment_id);
    let sent = shop.sim.instagram_sent();
    assert_eq!((sent.len(), sent[0].comment_id.as_deref()), (1, Some(comment_id.as_str())));
    assert!(shop.core.conversation(thread, shop.now()).unwrap().send.private_reply_until.is_none(), "once");

    // The public reply comes back with the comments: one row, not two.
    shop.advance(10 * 60);
    shop.sync(ig).await;
    shop.assert_meta_ledger(ig, Platform::Instagram);
    let public_rows = shop
        .query_i64(
            "SELECT count(*) FROM messages WHERE conversation_id = ?1 AND text LIKE '%por privado%'",
            [thread],
        )
        .unwrap();
    assert_eq!(public_rows, 1);

    // A hidden comment shows as such; a deleted one is kept, marked.
    let (hidden, deleted) = (report.comment_ids[1].clone(), report.comment_ids[2].clone());
    assert!(shop.sim.meta_hide_comment(&hidden, true));
    assert!(shop.sim.meta_delete_comment(&deleted));
    shop.generate(Activity { instagram_comments: 1, ..Activity::default() });
    shop.advance(10 * 60);
    shop.sync(ig).await;
    let status_of = |id: &str| {
        shop.read_only()
            .query_row(
                "SELECT status, deleted_at IS NOT NULL FROM messages WHERE account_id = ?1 AND external_id = ?2",
                (ig, format!("comment:{id}")),
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, bool>(1)?)),
            )
            .unwrap()
    };
    assert_eq!(status_of(&hidden), ("moderated".to_owned(), false));
    assert!(status_of(&deleted).1, "a deleted comment is kept, marked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facebook_page_is_a_messenger_account_with_its_comments() {
    let shop = Shop::start().await;
    let page = shop.connect_messenger(false).await;
    let account = shop.core.account(page).unwrap();
    assert_eq!(account.display_name, shop.sim.meta_app().page.name);
    assert_eq!(account.access_expires_at, None, "a Page token does not expire");
    let report =
        shop.generate(Activity { messenger_messages: 12, facebook_comments: 4, ..Activity::default() });
    shop.sync_until_quiet(page, 5).await;
    shop.assert_meta_ledger(page, Platform::Messenger);
    let conversation = conversation_of(&shop, page, &report.messenger_conversation_ids[0]);
    shop.enqueue(conversation, "¡Hola! Te paso las medidas");
    shop.sync(page).await;
    assert_eq!(shop.sim.messenger_sent().len(), 1);
    shop.assert_meta_ledger(page, Platform::Messenger);

    // Connecting the same Page again keeps one account.
    let again = shop.connect_messenger(false).await;
    assert_eq!(again, page);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_says_what_went_wrong() {
    let shop = Shop::start().await;
    let app = shop.sim.meta_app();
    let base = connect::InstagramConnect {
        app_id: app.app_id.clone(),
        app_secret: app.app_secret.clone(),
        redirect_uri: app.redirect_uri.clone(),
        pasted: shop.sim.meta_issue_code(Platform::Instagram),
        human_agent: false,
        graph_base: shop.sim.instagram_base_url(),
        oauth_base: shop.sim.instagram_base_url(),
        demo: false,
    };
    let code = |e: connect::ConnectError| e.code();
    let wrong_secret = connect::InstagramConnect { app_secret: "nope".into(), ..base.clone() };
    assert_eq!(
        code(connect::instagram(&shop.core, &shop.secrets, wrong_secret, shop.now()).await.unwrap_err()),
        "connect_wrong_client"
    );
    let used = connect::InstagramConnect { pasted: "AQ-not-a-code".into(), ..base.clone() };
    assert_eq!(
        code(connect::instagram(&shop.core, &shop.secrets, used, shop.now()).await.unwrap_err()),
        "connect_code_rejected"
    );
    let nothing = connect::InstagramConnect { pasted: "https://x.com/cb?state=1".into(), ..base.clone() };
    assert_eq!(
        code(connect::instagram(&shop.core, &shop.secrets, nothing, shop.now()).await.unwrap_err()),
        "connect_missing_code"
    );
    shop.sim.set_instagram_account_type("PERSONAL");
    let personal =
        connect::InstagramConnect { pasted: shop.sim.meta_issue_code(Platform::Instagram), ..base };
    assert_eq!(
        code(connect::instagram(&shop.core, &shop.secrets, personal, shop.now()).await.unwrap_err()),
        "connect_not_professional"
    );
    assert!(shop.core.accounts().unwrap().is_empty(), "nothing half-connected is left");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_is_refreshed_ahead_and_a_dead_one_asks_to_reconnect() {
    let shop = Shop::start().await;
    let ig = shop.connect_instagram(false).await;
    shop.generate(Activity { instagram_messages: 2, ..Activity::default() });
    let before = shop.core.account(ig).unwrap().access_expires_at.unwrap();
    // Eleven days later (both clocks), the token is refreshed before the round reads anything.
    shop.sim.advance_clock(11 * 86_400);
    shop.advance(11 * 86_400);
    shop.sync(ig).await;
    let after = shop.core.account(ig).unwrap().access_expires_at.unwrap();
    assert!(after > before + 10 * 86_400, "refreshed: {before} → {after}");
    assert_eq!(shop.status(ig).state, SyncState::Ok);
    shop.assert_meta_ledger(ig, Platform::Instagram);

    // Revoked on Meta's side (password changed, app removed): error 190 → connect again.
    shop.inject(fault(Api::Instagram, FaultKind::RevokeRefreshToken, 1));
    shop.sync(ig).await;
    let status = shop.status(ig);
    assert_eq!(
        (status.state, status.error_code.as_deref()),
        (SyncState::NeedsReconnect, Some("token_revoked"))
    );
    // Connecting again heals it, keeping one account.
    assert_eq!(shop.connect_instagram(false).await, ig);
    shop.sync(ig).await;
    assert_eq!(shop.status(ig).state, SyncState::Ok);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_is_recovered_without_loss_or_duplicates() {
    let shop = Shop::start().await;
    let ig = shop.connect_instagram(false).await;
    shop.generate(Activity { instagram_messages: 20, instagram_comments: 4, ..Activity::default() });
    let kinds = [
        FaultKind::RateLimited { retry_after_secs: 0 },
        FaultKind::AppRateLimit,
        FaultKind::UserRateLimit,
        FaultKind::PageRateLimit,
        FaultKind::ServerError,
        FaultKind::Slow { millis: 300 },
        FaultKind::DropConnection,
        FaultKind::MalformedJson,
    ];
    for (round, kind) in kinds.into_iter().enumerate() {
        shop.generate(Activity { instagram_messages: 3, ..Activity::default() });
        shop.inject(Fault {
            api: Api::Instagram,
            path_contains: Some("conversations".into()),
            kind: kind.clone(),
            times: 1,
        });
        let summary = shop.sync(ig).await;
        if !matches!(kind, FaultKind::Slow { .. }) {
            assert!(!summary.errors.is_empty(), "round {round}: {kind:?} is reported");
            assert_ne!(
                shop.status(ig).state,
                SyncState::NeedsReconnect,
                "{kind:?} is not the seller's to fix"
            );
        }
        shop.sync_until_quiet(ig, 5).await;
        shop.assert_meta_ledger(ig, Platform::Instagram);
    }

    // Faults while sending: a reply goes out once, or waits for a retry; never twice.
    let conversations: Vec<i64> = shop.unanswered_conversations(ig, "chat", 4);
    for (conversation, kind) in conversations.iter().zip([
        FaultKind::ServerError,
        FaultKind::DropConnection,
        FaultKind::MalformedJson,
        FaultKind::RateLimited { retry_after_secs: 0 },
    ]) {
        shop.enqueue(*conversation, "¡Gracias por escribirnos! Ya te paso el precio");
        shop.inject(Fault { api: Api::Instagram, path_contains: Some("messages".into()), kind, times: 1 });
        shop.sync(ig).await;
        shop.advance(600);
    }
    shop.sync_until_quiet(ig, 8).await;
    shop.assert_meta_ledger(ig, Platform::Instagram);

    // Meta takes the permission away: the seller is told to connect again.
    shop.inject(fault(Api::Instagram, FaultKind::PermissionMissing, 3));
    shop.sync(ig).await;
    assert_eq!(shop.status(ig).state, SyncState::NeedsReconnect);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_keeps_to_two_calls_a_second_and_a_crash_midway_loses_nothing() {
    let shop = Shop::start().await;
    let ig = shop.connect_instagram(false).await;
    shop.generate(Activity {
        instagram_conversations: 30,
        messages_per_conversation: 25,
        ..Activity::default()
    });
    // A failure halfway: what was read is kept, the rest stays in the backlog.
    shop.inject(Fault {
        api: Api::Instagram,
        path_contains: Some("aWdf".into()),
        kind: FaultKind::ServerError,
        times: 1,
    });
    let started = std::time::Instant::now();
    let first = shop.sync(ig).await;
    assert!(!first.errors.is_empty());
    let stored_after_failure =
        shop.query_i64("SELECT count(*) FROM conversations WHERE account_id = ?1", [ig]).unwrap();
    let rounds = shop.sync_until_quiet(ig, 3).await;
    let elapsed = started.elapsed();
    for round in std::iter::once(&first).chain(&rounds) {
        assert!(round.errors.iter().all(|e| !e.starts_with("rate_limited")), "the pace was kept: {round:?}");
    }
    shop.assert_meta_ledger(ig, Platform::Instagram);
    let conversations =
        shop.query_i64("SELECT count(*) FROM conversations WHERE account_id = ?1", [ig]).unwrap();
    assert_eq!(conversations, 30);
    assert!(stored_after_failure < 30);
    // 2 list pages and 30 conversations at 2 calls a second.
    assert!(elapsed >= std::time::Duration::from_secs(14), "{elapsed:?}");
    let older = shop
        .query_i64(
            "SELECT count(*) FROM conversations WHERE account_id = ?1 AND older_history_unavailable = 1",
            [ig],
        )
        .unwrap();
    assert_eq!(older, 30, "25 messages each, the API gave 20: each says its beginning is not here");
}
