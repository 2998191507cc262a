//! Accounts with their sync status.

use mostrador_core::accounts::{NewAccount, SyncOutcome, SyncState};
use mostrador_core::vocabulary::ChannelKind;

use crate::fixtures::*;

#[test]
fn the_status_follows_the_last_round_and_keeps_the_last_success() {
    let shop = shop();
    let ml = shop.app.account(shop.ml).unwrap();
    assert_eq!(
        (ml.sync.state, ml.sync.last_success_at, ml.disabled, ml.demo),
        (SyncState::NeverSynced, None, false, false)
    );
    assert_eq!(ml.settings["site_id"], "MLA");

    shop.app.record_sync_outcome(shop.ml, &SyncOutcome::Ok, NOW).unwrap();
    let retrying =
        SyncOutcome::Retrying { code: "rate_limited".into(), detail: "429".into(), retry_at: NOW + 90 };
    shop.app.record_sync_outcome(shop.ml, &retrying, NOW + 60).unwrap();
    let sync = shop.app.account(shop.ml).unwrap().sync;
    assert_eq!(sync.state, SyncState::Retrying);
    assert_eq!(
        (sync.last_success_at, sync.last_attempt_at, sync.retry_at),
        (Some(NOW), Some(NOW + 60), Some(NOW + 90))
    );
    assert_eq!(
        (sync.error_code.as_deref(), sync.error_detail.as_deref()),
        (Some("rate_limited"), Some("429"))
    );

    shop.app.record_sync_outcome(shop.ml, &SyncOutcome::Offline { retry_at: NOW + 200 }, NOW + 100).unwrap();
    let sync = shop.app.account(shop.ml).unwrap().sync;
    assert_eq!((sync.state, sync.error_code, sync.retry_at), (SyncState::Offline, None, Some(NOW + 200)));

    let reconnect =
        SyncOutcome::NeedsReconnect { code: "invalid_grant".into(), detail: "refresh token revoked".into() };
    shop.app.record_sync_outcome(shop.ml, &reconnect, NOW + 300).unwrap();
    assert_eq!(shop.app.account(shop.ml).unwrap().sync.state, SyncState::NeedsReconnect);
    let failing = SyncOutcome::Failing {
        code: "forbidden".into(),
        detail: "PA_UNAUTHORIZED_RESULT_FROM_POLICIES".into(),
        retry_at: None,
    };
    shop.app.record_sync_outcome(shop.ml, &failing, NOW + 400).unwrap();
    assert_eq!(shop.app.account(shop.ml).unwrap().sync.state, SyncState::Failing);

    shop.app.record_sync_outcome(shop.ml, &SyncOutcome::Ok, NOW + 500).unwrap();
    let sync = shop.app.account(shop.ml).unwrap().sync;
    assert_eq!(
        (sync.state, sync.last_success_at, sync.error_code, sync.error_detail, sync.retry_at),
        (SyncState::Ok, Some(NOW + 500), None, None, None)
    );
    assert!(shop.app.record_sync_outcome(999, &SyncOutcome::Ok, NOW).is_err());
}

#[test]
fn telegram_warns_for_a_day_after_the_app_was_away_longer_than_telegram_keeps_updates() {
    let shop = shop();
    let lost = |at| {
        shop.app.record_sync_outcome(shop.telegram, &SyncOutcome::Ok, at).unwrap();
        shop.app.account(shop.telegram).unwrap().sync.updates_may_be_lost
    };
    assert!(!lost(NOW));
    assert!(!lost(NOW + DAY), "exactly a day: still kept");
    // Away for three days.
    assert!(lost(NOW + 4 * DAY));
    assert!(lost(NOW + 4 * DAY + HOUR), "the warning stays after sync is fine again");
    assert!(!lost(NOW + 5 * DAY + HOUR));
    // Mercado Libre keeps everything: never warns.
    shop.app.record_sync_outcome(shop.ml, &SyncOutcome::Ok, NOW).unwrap();
    shop.app.record_sync_outcome(shop.ml, &SyncOutcome::Ok, NOW + 10 * DAY).unwrap();
    assert!(!shop.app.account(shop.ml).unwrap().sync.updates_may_be_lost);
    // Still failing two days after the last success.
    shop.app
        .record_sync_outcome(
            shop.telegram,
            &SyncOutcome::Offline { retry_at: NOW + 8 * DAY },
            NOW + 7 * DAY + HOUR,
        )
        .unwrap();
    assert!(shop.app.account(shop.telegram).unwrap().sync.updates_may_be_lost);
    assert!(mostrador_core::accounts::updates_may_be_lost(ChannelKind::Telegram, Some(NOW), NOW + DAY + 1));
}

#[test]
fn settings_never_take_secrets_and_accounts_can_be_paused() {
    let shop = shop();
    let demo = shop
        .app
        .add_account(
            &NewAccount {
                channel: ChannelKind::Telegram,
                display_name: "Demo bot".into(),
                external_id: None,
                settings: serde_json::json!({"demo": true, "api_base": "http://127.0.0.1:1"}),
            },
            NOW,
        )
        .unwrap();
    assert!(shop.app.account(demo).unwrap().demo);
    assert_eq!(shop.app.accounts().unwrap().len(), 4);

    let settings =
        serde_json::json!({"api_base": "http://127.0.0.1:2", "seller_id": "1", "client_id": "abc"});
    shop.app.update_account_settings(shop.ml, &settings).unwrap();
    assert_eq!(shop.app.account(shop.ml).unwrap().settings, settings);
    for secret in ["access_token", "client_secret", "bot_token", "password"] {
        let mut with_secret = settings.clone();
        with_secret[secret] = "x".into();
        assert!(shop.app.update_account_settings(shop.ml, &with_secret).is_err(), "{secret} refused");
    }
    assert!(shop.app.update_account_settings(shop.ml, &serde_json::json!([1])).is_err());
    assert_eq!(shop.app.account(shop.ml).unwrap().settings, settings);

    shop.app.set_account_disabled(shop.ml, true).unwrap();
    assert!(shop.app.account(shop.ml).unwrap().disabled);
    shop.app.set_account_disabled(shop.ml, false).unwrap();
    assert!(!shop.app.account(shop.ml).unwrap().disabled);
    assert!(shop.app.set_account_disabled(999, true).is_err());
}
