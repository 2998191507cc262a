//! `accounts list` and `sync --account ID --once`: the real binary against a simulator running in the
//! test process, with accounts connected through the real connect path and their tokens in an
//! encrypted secrets file (`MOSTRADOR_SECRETS=file:…`).

mod shop;

use std::process::Output;

use mostrador_simulator::{Activity, SimConfig};
use serde_json::Value;

use shop::Shop;

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn sync_json(shop: &Shop, account: i64) -> Value {
    let output = shop.cli(&["sync", "--account", &account.to_string(), "--once", "--json"]);
    assert!(output.status.success(), "sync failed: {}\n{}", stderr_of(&output), stdout_of(&output));
    serde_json::from_str(&stdout_of(&output)).expect("sync --json prints one JSON object")
}

#[test]
fn accounts_list_shows_each_account_with_its_sync_status() {
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    let telegram = shop.connect_telegram();

    let output = shop.cli(&["accounts", "list", "--json"]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let accounts: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    let accounts = accounts.as_array().expect("a JSON array");
    assert_eq!(accounts.len(), 2, "{accounts:?}");
    let ml_row = accounts.iter().find(|a| a["id"] == ml).expect("the ML account");
    assert_eq!(ml_row["channel"], "mercado_libre");
    assert_eq!(ml_row["sync"]["state"], "never_synced");
    assert!(accounts.iter().any(|a| a["id"] == telegram && a["channel"] == "telegram"));

    sync_json(&shop, ml);
    let text = stdout_of(&shop.cli(&["accounts", "list"]));
    let ml_line =
        text.lines().find(|line| line.trim_start().starts_with(&format!("{ml} "))).expect("ML line");
    assert!(ml_line.contains("mercado_libre") && ml_line.contains("ok"), "{text}");
    assert!(!ml_line.contains("never"), "a successful sync has a time: {text}");
}

#[test]
fn sync_once_stores_new_messages_once_and_reports_them() {
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    shop.sim.generate(Activity { questions: 6, post_sale_messages: 4, ..Activity::default() });

    let first = sync_json(&shop, ml);
    assert_eq!(first["account_id"], ml);
    assert_eq!(first["errors"], serde_json::json!([]), "{first}");
    let new = first["new"].as_u64().unwrap();
    assert!(new >= 10, "6 questions and 4 post-sale messages are new: {first}");
    assert!(first["fetched"].as_u64().unwrap() >= new, "{first}");
    assert_eq!(first["status"]["state"], "ok", "{first}");
    for field in ["updated", "sent"] {
        assert!(first[field].is_u64(), "{field} in {first}");
    }

    let stored = shop.message_count(ml);
    assert_eq!(stored, new, "{first}");
    let again = sync_json(&shop, ml);
    assert_eq!(again["new"], 0, "nothing is stored twice: {again}");
    assert_eq!(shop.message_count(ml), stored);

    let text = shop.cli(&["sync", "--account", &ml.to_string(), "--once"]);
    assert!(text.status.success(), "{}", stderr_of(&text));
    assert!(stdout_of(&text).contains("0 new"), "{}", stdout_of(&text));
}

#[test]
fn metrics_show_the_mercado_libre_reputation_once_a_sync_read_it() {
    let shop = Shop::with_config(SimConfig { order_history_days: 125, ..SimConfig::default() });
    let ml = shop.connect_mercado_libre();
    let metrics = |args: &[&str]| {
        let output = shop.cli(args);
        assert!(output.status.success(), "{}", stderr_of(&output));
        stdout_of(&output)
    };
    let before: Value = serde_json::from_str(&metrics(&["metrics", "--json"])).unwrap();
    let waiting = &before["mercado_libre"][0];
    assert_eq!(
        (waiting["account_id"].as_i64(), waiting["fetched_at"].is_null()),
        (Some(ml), true),
        "{before}"
    );
    assert!(metrics(&["metrics"]).contains("reputation not read yet"));

    sync_json(&shop, ml);
    let after: Value = serde_json::from_str(&metrics(&["metrics", "--json"])).unwrap();
    let standing = &after["mercado_libre"][0];
    assert!(standing["fetched_at"].is_i64(), "{standing}");
    assert!(standing["level"].is_string(), "{standing}");
    assert_eq!(standing["period"], "60 days");
    assert_eq!(standing["rates"].as_array().map(Vec::len), Some(3));
    assert!(standing["rates"][0]["rate"].is_number() && standing["rates"][0]["limit"].is_number());
    assert_eq!(standing["months"].as_array().map(Vec::len), Some(4));
    assert!(standing["months"][0]["visits"].as_u64().is_some_and(|v| v > 0), "{standing}");
    assert!(standing["months"][0]["conversion"].is_number());
    assert!(standing["open_claims"].is_u64());

    let table = metrics(&["metrics"]);
    for words in ["Mercado Libre", "reputation:", "claims", "allows up to", "open claims:", "conversion"] {
        assert!(table.contains(words), "{words} in:\n{table}");
    }
}

#[test]
fn tokens_never_reach_the_database_the_export_or_the_output() {
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    let telegram = shop.connect_telegram();
    shop.sim.generate(Activity {
        questions: 3,
        post_sale_messages: 2,
        telegram_messages: 2,
        ..Activity::default()
    });
    let mut printed = String::new();
    for account in [ml, telegram] {
        let output = shop.cli(&["sync", "--account", &account.to_string(), "--once", "--json"]);
        printed.push_str(&stdout_of(&output));
        printed.push_str(&stderr_of(&output));
    }
    let list = shop.cli(&["accounts", "list", "--json"]);
    printed.push_str(&stdout_of(&list));

    let secrets = shop.secret_values();
    assert!(secrets.len() >= 4, "access, refresh, client secret and bot token are stored: {}", secrets.len());
    let export = shop.cli(&["export"]);
    assert!(export.status.success(), "{}", stderr_of(&export));

    let mut database = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", shop.db.display());
        database.extend(std::fs::read(path).unwrap_or_default());
    }
    assert!(database.len() > 4096, "the database was read");
    for secret in &secrets {
        assert!(!contains(&database, secret.as_bytes()), "a token is in the database files");
        assert!(!contains(&export.stdout, secret.as_bytes()), "a token is in the export");
        assert!(!printed.contains(secret.as_str()), "a token was printed");
    }
    // The encrypted file holds none of them either.
    let file = std::fs::read(&shop.secrets_path).unwrap();
    for secret in &secrets {
        assert!(!contains(&file, secret.as_bytes()), "a token is readable in the secrets file");
    }
}

#[test]
fn a_bot_token_stays_out_of_error_details_when_telegram_is_unreachable() {
    let shop = Shop::new();
    let bot = shop.connect_telegram();
    let token = shop.sim.telegram_token();
    // Telegram puts the bot token in every URL (`/bot<token>/getUpdates`), and HTTP client errors
    // quote the URL: nothing of it may reach the account's status, the output or the export.
    shop.runtime.block_on(shop.sim.clone().shutdown());

    let output = shop.cli(&["sync", "--account", &bot.to_string(), "--once", "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let summary: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    assert_eq!(summary["status"]["state"], "offline", "{summary}");
    let list = shop.cli(&["accounts", "list"]);
    let export = shop.cli(&["export"]);
    let mut database = Vec::new();
    for suffix in ["", "-wal"] {
        database.extend(std::fs::read(format!("{}{suffix}", shop.db.display())).unwrap_or_default());
    }
    let secret_part = token.split_once(':').map_or(token.as_str(), |(_, secret)| secret);
    for (what, bytes) in [
        ("the sync's output", [output.stdout.as_slice(), output.stderr.as_slice()].concat()),
        ("accounts list", list.stdout.clone()),
        ("the export", export.stdout.clone()),
        ("the database", database),
    ] {
        assert!(!contains(&bytes, secret_part.as_bytes()), "the bot token is in {what}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn without_keychain_or_consent_sync_says_how_to_proceed() {
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    let dir = tempfile::tempdir().unwrap();
    let output = shop
        .cli_command(&["sync", "--account", &ml.to_string(), "--once"])
        .env_remove("MOSTRADOR_SECRETS")
        // Nothing listens there: no Secret Service, as on a server or in a bare container.
        .env("DBUS_SESSION_BUS_ADDRESS", format!("unix:path={}", dir.path().join("none").display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.starts_with("error: Could not reach the account's tokens: no system keychain"),
        "{stderr}"
    );
    assert!(stderr.contains("MOSTRADOR_SECRETS=file:") && stderr.contains("Settings"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_malformed_secrets_setting_is_named() {
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    let output = shop
        .cli_command(&["sync", "--account", &ml.to_string(), "--once"])
        .env("MOSTRADOR_SECRETS", "plain:/tmp/secrets")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(stderr.contains("MOSTRADOR_SECRETS must be `file:<path>` or `keychain`"), "{stderr}");
}

#[test]
fn sync_refuses_unknown_accounts_and_missing_once() {
    let shop = Shop::new();
    let output = shop.cli(&["sync", "--account", "99", "--once"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("There is no account 99") && stderr_of(&output).contains("accounts list")
    );

    let output = shop.cli(&["sync", "--account", "99"]);
    assert_eq!(output.status.code(), Some(2), "clap refuses a sync without --once");
}

#[test]
fn a_revoked_authorisation_exits_1_and_lists_the_account_as_needing_reconnect() {
    let shop = Shop::new();
    let ml = shop.connect_mercado_libre();
    shop.sim.inject(mostrador_simulator::Fault {
        api: mostrador_simulator::Api::MercadoLibre,
        path_contains: None,
        kind: mostrador_simulator::FaultKind::RevokeRefreshToken,
        times: 1,
    });
    let output = shop.cli(&["sync", "--account", &ml.to_string(), "--once", "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let summary: Value = serde_json::from_str(&stdout_of(&output)).expect("the summary is still printed");
    assert_eq!(summary["status"]["state"], "needs_reconnect", "{summary}");
    assert!(!summary["errors"].as_array().unwrap().is_empty());
    assert!(
        stderr_of(&output).contains(&format!("The sync of account {ml} ended with")),
        "{}",
        stderr_of(&output)
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}
