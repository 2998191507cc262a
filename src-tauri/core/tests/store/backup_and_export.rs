//! Export and backup: everything out as JSON, and a copy that opens like the original.

use mostrador_core::settings::Settings;
use mostrador_core::vocabulary::{ChannelKind, ConversationStatus};
use mostrador_core::{Mostrador, SCHEMA_VERSION};

use crate::fixtures::*;

fn stocked_shop() -> Shop {
    let shop = shop();
    let a = shop.account;
    let etsy = shop.app.add_account(&account(ChannelKind::Etsy, "Etsy shop"), NOW).unwrap();
    shop.app
        .ingest(
            &[
                incoming(a, "ana", "m1", NOW - 2 * HOUR, "¿Tenés la taza \"Café\"?"),
                outgoing(a, "ana", "m2", NOW - HOUR, "Sí"),
                incoming(etsy, "bob", "e1", NOW - HOUR, "Hi there"),
            ],
            NOW,
        )
        .unwrap();
    shop.app
        .save_settings(&Settings { shop_name: Some("Taller Ana".into()), ..Settings::default() })
        .unwrap();
    shop
}

#[test]
fn the_export_holds_every_table_as_json() {
    let shop = stocked_shop();
    let export = export(&shop.app);
    assert_eq!(export["format"], "mostrador-export");
    assert_eq!(export["schema_version"], SCHEMA_VERSION);
    let tables = &export["tables"];
    assert_eq!(tables["accounts"].as_array().unwrap().len(), 2);
    assert_eq!(tables["accounts"][0]["settings"]["me"], "Taller", "JSON columns stay JSON");
    assert_eq!(tables["messages"].as_array().unwrap().len(), 3);
    assert_eq!(tables["messages"][0]["text"], "¿Tenés la taza \"Café\"?");
    assert_eq!(tables["messages"][0]["attachments"], serde_json::json!([]));
    assert_eq!(tables["settings"][0]["value"], "Taller Ana");
    assert_eq!(tables["shop_calendar"].as_array().unwrap().len(), 1);
    assert!(tables["orders"].as_array().unwrap().is_empty());
    assert!(tables.get("messages_fts").is_none(), "indexes are rebuilt, not exported");
}

#[test]
fn a_backup_opens_with_the_same_data() {
    let shop = stocked_shop();
    let ana = row(&shop.app, shop.account, "ana").conversation_id;
    shop.app.set_status(ana, ConversationStatus::Done, None, NOW).unwrap();
    let dest = shop.dir.path().join("copies").join("backup.db");
    std::fs::create_dir(dest.parent().unwrap()).unwrap();
    shop.app.backup_to(&dest).unwrap();

    let copy = Mostrador::open(&dest).unwrap();
    assert_eq!(copy.stats().unwrap(), shop.app.stats().unwrap());
    assert_eq!(all(&copy), all(&shop.app));
    assert_eq!(search(&copy, "cafe"), ["Buyer ana"], "the search index came along");
    assert_eq!(export(&copy), export(&shop.app));
}

#[test]
fn a_backup_never_overwrites_a_file() {
    let shop = stocked_shop();
    let dest = shop.dir.path().join("taken.db");
    std::fs::write(&dest, b"something precious").unwrap();
    let err = shop.app.backup_to(&dest).expect_err("refused");
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(std::fs::read(&dest).unwrap(), b"something precious");
}

#[test]
fn stats_count_per_channel_and_status() {
    let shop = stocked_shop();
    let stats = shop.app.stats().unwrap();
    assert_eq!((stats.accounts, stats.buyers, stats.conversations, stats.messages), (2, 2, 2, 3));
    let channels: Vec<(ChannelKind, u32, u32, u32)> =
        stats.per_channel.iter().map(|c| (c.channel, c.accounts, c.conversations, c.messages)).collect();
    assert_eq!(channels, [(ChannelKind::Etsy, 1, 1, 1), (ChannelKind::WhatsApp, 1, 1, 2)]);
    let statuses: Vec<(ConversationStatus, u32)> =
        stats.per_status.iter().map(|s| (s.status, s.conversations)).collect();
    assert_eq!(
        statuses,
        [
            (ConversationStatus::NeedsReply, 1),
            (ConversationStatus::WaitingForBuyer, 1),
            (ConversationStatus::Snoozed, 0),
            (ConversationStatus::Done, 0)
        ]
    );
}

/// The daily copies: one a day beside the database, the newest seven kept, nothing else in the
/// folder touched, and a copy cut off by a crash never counted as one.
#[test]
fn daily_copies_open_like_the_original_and_only_the_newest_seven_stay() {
    use mostrador_core::backups::daily::{self, EVERY_SECS, KEPT};
    let shop = stocked_shop();
    let folder = daily::folder_for(&shop.dir.path().join("mostrador.db"));
    assert_eq!(folder, shop.dir.path().join("backups"));
    assert!(daily::list(&folder).unwrap().is_empty(), "no folder yet: no copies");

    let first = daily::take_if_due(&shop.app, &folder, NOW).unwrap().expect("the first copy");
    assert!(first.size_bytes > 0 && first.name.starts_with("mostrador-"), "{first:?}");
    let copy = Mostrador::open(std::path::Path::new(&first.path)).unwrap();
    assert_eq!(copy.stats().unwrap(), shop.app.stats().unwrap(), "the copy holds the shop");
    drop(copy);
    assert_eq!(daily::take_if_due(&shop.app, &folder, NOW + EVERY_SECS - 60).unwrap(), None);

    // The seller's own file and a copy a crash cut off sit in the folder too.
    std::fs::write(folder.join("my-notes.txt"), "mine").unwrap();
    let cut_off = folder.join("mostrador-2020-01-01-0000.sqlite3.partial");
    std::fs::write(&cut_off, "half a copy").unwrap();
    for day in 1..=9 {
        let taken = daily::take_if_due(&shop.app, &folder, NOW + day * EVERY_SECS).unwrap();
        assert!(taken.is_some(), "day {day}");
    }
    let files = daily::list(&folder).unwrap();
    assert_eq!(files.len(), KEPT);
    assert_eq!(files[0].taken_at, NOW + 9 * EVERY_SECS - (NOW + 9 * EVERY_SECS) % 60, "newest first");
    assert!(files.iter().all(|f| f.taken_at >= NOW + 3 * EVERY_SECS - 60), "the oldest went first");
    assert!(folder.join("my-notes.txt").exists(), "other files stay");
    assert!(!cut_off.exists(), "a cut-off copy is cleared");

    // "Make a copy now" twice in one minute keeps one file.
    let again = daily::take(&shop.app, &folder, NOW + 9 * EVERY_SECS + 5).unwrap();
    assert_eq!(again.name, files[0].name);
    assert_eq!(daily::list(&folder).unwrap().len(), KEPT);
}
