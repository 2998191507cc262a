//! Etsy's orders against the simulated Open API v3: connecting with PKCE into the account the
//! notice e-mails made, receipts read by last modification into orders (buyer, items, paid or
//! shipped, ship-by as the due date) once each, the rotating refresh token, and every fault
//! recovered without losing or doubling an order.

mod shop;

use mostrador_channels::connect::ConnectError;
use mostrador_core::accounts::{NewAccount, SyncState};
use mostrador_core::vocabulary::ChannelKind;
use mostrador_simulator::{Api, EtsyReceiptChange, Fault, FaultKind};
use shop::Shop;

fn fault(kind: FaultKind) -> Fault {
    Fault { api: Api::Etsy, path_contains: Some("/receipts".into()), kind, times: 1 }
}

/// (stage, payment status, due date) of every order of the account, by the receipt id.
fn orders(shop: &Shop, account: i64) -> Vec<(String, String, String, Option<String>)> {
    let db = shop.read_only();
    let mut stmt = db
        .prepare(
            "SELECT external_ref, stage, payment_status, due_date FROM orders WHERE account_id = ?1
              ORDER BY external_ref",
        )
        .unwrap();
    stmt.query_map([account], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn stored_refresh_token(shop: &Shop, account: i64) -> Option<String> {
    shop.secrets.get(&mostrador_channels::secrets::account_key(account, "refresh_token")).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_become_orders_once_in_the_account_the_notices_made() {
    let shop = Shop::start().await;
    // Etsy's notice e-mails arrived first and made the shop's Etsy account.
    let by_mail = shop
        .core
        .add_account(
            &NewAccount {
                channel: ChannelKind::Etsy,
                display_name: "Etsy".into(),
                external_id: None,
                settings: serde_json::json!({ "notices_from_account": 1 }),
            },
            shop.now(),
        )
        .unwrap();
    let etsy = shop.connect_etsy().await.expect("Etsy connects");
    assert_eq!(etsy, by_mail, "the orders join the account the notices made");
    let app = shop.sim.etsy_app();
    let account = shop.core.account(etsy).unwrap();
    assert_eq!(account.display_name, app.shop_name);
    assert_eq!(account.external_id, Some(app.user_id.to_string()));
    assert_eq!(account.settings["notices_from_account"], 1, "the mail link is kept");
    assert_eq!(account.settings["shop_id"], app.shop_id.to_string());

    shop.sync_until_quiet(etsy, 4).await;
    assert_eq!(shop.status(etsy).state, SyncState::Ok);
    let stored = orders(&shop, etsy);
    let ids: Vec<String> = shop.sim.etsy_receipt_ids().iter().map(i64::to_string).collect();
    assert_eq!(stored.iter().map(|o| o.0.clone()).collect::<Vec<_>>(), ids, "every receipt, once");
    let stages: Vec<(&str, &str)> = stored.iter().map(|o| (o.1.as_str(), o.2.as_str())).collect();
    assert_eq!(stages, [("shipped", "paid"), ("agreed", "unpaid"), ("paid", "paid"), ("paid", "paid")]);
    assert!(stored.iter().all(|o| o.3.is_some()), "each has Etsy's ship-by as its due date: {stored:?}");
    // Buyers, items and the checkout note: a note is the buyer's first message in the order's thread.
    let items = shop.query_i64(
        "SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.account_id = ?1",
        [etsy],
    );
    assert!(items.unwrap() >= 4, "the receipts' lines are the orders' items");
    let notes = shop
        .query_i64(
            "SELECT count(*) FROM messages WHERE account_id = ?1 AND external_id LIKE 'etsy-receipt-note:%'",
            [etsy],
        )
        .unwrap();
    assert!(notes >= 1, "the checkout notes are messages");
    let threaded = shop
        .query_i64(
            "SELECT count(*) FROM messages m JOIN order_messages om ON om.message_id = m.id WHERE m.account_id = ?1",
            [etsy],
        )
        .unwrap();
    assert_eq!(threaded, notes, "each note sits in its order's thread");

    // A new purchase, then one paid and one shipped: read by last modification, nothing doubled.
    let new = shop.sim.etsy_new_receipt(false);
    let unpaid = shop.sim.etsy_receipt_ids()[1];
    let to_ship = shop.sim.etsy_receipt_ids()[2];
    assert!(shop.sim.etsy_change_receipt(unpaid, EtsyReceiptChange::Paid));
    assert!(shop.sim.etsy_change_receipt(to_ship, EtsyReceiptChange::Shipped));
    shop.sync_until_quiet(etsy, 4).await;
    let after = orders(&shop, etsy);
    assert_eq!(after.len(), stored.len() + 1);
    let stage_of = |id: i64| after.iter().find(|o| o.0 == id.to_string()).map(|o| o.1.clone()).unwrap();
    assert_eq!(stage_of(new), "paid");
    assert_eq!(stage_of(unpaid), "paid");
    assert_eq!(stage_of(to_ship), "shipped");
    // Etsy has no messaging API: nothing is ever sent there.
    assert!(!mostrador_core::replies::sends_through_api(ChannelKind::Etsy));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_shop_is_read_page_by_page() {
    let shop = Shop::start().await;
    for n in 0..230 {
        shop.sim.etsy_new_receipt(n % 7 == 0);
    }
    let etsy = shop.connect_etsy().await.expect("Etsy connects");
    shop.sync_until_quiet(etsy, 4).await;
    assert_eq!(orders(&shop, etsy).len(), shop.sim.etsy_receipt_ids().len(), "all 234 receipts, once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_refresh_token_rotates_and_an_expired_one_asks_to_connect_again() {
    let shop = Shop::start().await;
    let etsy = shop.connect_etsy().await.expect("Etsy connects");
    shop.sync_until_quiet(etsy, 4).await;
    let first = stored_refresh_token(&shop, etsy).expect("a refresh token");

    // The hour is up: one refresh, the new refresh token stored, the round goes on.
    shop.inject(Fault { api: Api::Etsy, path_contains: None, kind: FaultKind::ExpireAccessTokens, times: 1 });
    shop.sim.etsy_new_receipt(false);
    let round = shop.sync(etsy).await;
    assert!(round.errors.is_empty(), "{round:?}");
    let second = stored_refresh_token(&shop, etsy).expect("a refresh token");
    assert_ne!(first, second, "Etsy rotated it and the new one is kept");
    assert_eq!(orders(&shop, etsy).len(), 5);

    // 90 days without use: Etsy refuses the refresh token, the account asks to connect again.
    shop.inject(Fault {
        api: Api::Etsy,
        path_contains: None,
        kind: FaultKind::ExpireRefreshTokens,
        times: 1,
    });
    let round = shop.sync(etsy).await;
    let status = shop.status(etsy);
    assert_eq!(status.state, SyncState::NeedsReconnect, "{status:?} after {round:?}");
    assert_eq!(status.error_code.as_deref(), Some("token_revoked"));

    // Connecting again resumes where it stopped: the same account, nothing doubled.
    shop.sim.etsy_new_receipt(false);
    assert_eq!(shop.connect_etsy().await.expect("Etsy connects again"), etsy);
    shop.sync_until_quiet(etsy, 4).await;
    assert_eq!(shop.status(etsy).state, SyncState::Ok);
    assert_eq!(orders(&shop, etsy).len(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_says_what_happened_and_recovers_without_doubles() {
    let shop = Shop::start().await;
    let etsy = shop.connect_etsy().await.expect("Etsy connects");
    shop.sync_until_quiet(etsy, 4).await;
    for (kind, code, state) in [
        (FaultKind::RateLimited { retry_after_secs: 30 }, "rate_limited", SyncState::Retrying),
        (FaultKind::ServerError, "server_error", SyncState::Retrying),
        (FaultKind::MalformedJson, "malformed_response", SyncState::Retrying),
        (FaultKind::PermissionMissing, "permission_missing", SyncState::NeedsReconnect),
    ] {
        shop.sim.etsy_new_receipt(false);
        shop.inject(fault(kind.clone()));
        let round = shop.sync(etsy).await;
        let status = shop.status(etsy);
        assert_eq!((status.state, status.error_code.as_deref()), (state, Some(code)), "{kind:?}: {round:?}");
        if kind == (FaultKind::RateLimited { retry_after_secs: 30 }) {
            let (attempt, retry_at) = (status.last_attempt_at.unwrap(), status.retry_at.unwrap());
            assert!(retry_at >= attempt + 30, "retry-after is kept: {status:?}");
        }
        if state == SyncState::NeedsReconnect {
            // A missing scope waits for the seller to allow the app again; then it goes on.
            assert_eq!(shop.connect_etsy().await.expect("Etsy connects again"), etsy);
        }
        shop.advance(600);
        shop.sync_until_quiet(etsy, 4).await;
        assert_eq!(shop.status(etsy).state, SyncState::Ok, "{kind:?}");
        let stored = orders(&shop, etsy);
        assert_eq!(stored.len(), shop.sim.etsy_receipt_ids().len(), "{kind:?}: every receipt once");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_without_its_verifier_or_of_another_app_is_refused() {
    let shop = Shop::start().await;
    let app = shop.sim.etsy_app();
    let challenge = mostrador_channels::connect::Pkce::new();
    let code = shop.sim.etsy_issue_code(&challenge.challenge);
    let wrong_verifier = mostrador_channels::connect::EtsyConnect {
        keystring: app.keystring.clone(),
        redirect_uri: app.redirect_uri.clone(),
        pasted: format!("{}?code={code}&state=x", app.redirect_uri),
        code_verifier: mostrador_channels::connect::Pkce::new().verifier,
        api_base: shop.sim.etsy_base_url(),
        demo: false,
    };
    let refused =
        mostrador_channels::connect::etsy(&shop.core, &shop.secrets, wrong_verifier.clone(), shop.now())
            .await;
    assert!(matches!(refused, Err(ConnectError::CodeRejected(_))), "{refused:?}");
    let other_app =
        mostrador_channels::connect::EtsyConnect { keystring: "not-this-app".into(), ..wrong_verifier };
    let refused = mostrador_channels::connect::etsy(&shop.core, &shop.secrets, other_app, shop.now()).await;
    assert!(matches!(refused, Err(ConnectError::WrongClient(_))), "{refused:?}");
    assert!(shop.core.accounts().unwrap().is_empty(), "nothing half-made");
}
