//! Messages arriving when the disk is full: through `ingest` and through a sync round.

use mostrador_core::accounts::{CursorUpdate, SyncBatch};

use crate::file_size_limit;
use crate::fixtures::*;

/// Room for a few pages, not for the batch's megabytes.
const ROOM: u64 = 64 * 1024;
const MESSAGES: usize = 1500;

#[test]
fn ingest_on_a_full_disk_keeps_nothing_of_the_batch_and_takes_it_whole_once_there_is_room() {
    if !file_size_limit::in_child() {
        return;
    }
    let shop = shop();
    shop.app.ingest(&questions(shop.account, "before", 8), NOW).unwrap();
    let before = shop.app.stats().unwrap();
    let batch = questions(shop.account, "new", MESSAGES);

    shop.leave_room(ROOM);
    let error = shop.app.ingest(&batch, NOW).unwrap_err();
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_eq!(shop.app.stats().unwrap(), before, "no row of the batch stayed");
    assert_sound(&shop.database());

    file_size_limit::lift();
    let report = shop.app.ingest(&batch, NOW).unwrap();
    assert_eq!(report.inserted as usize, MESSAGES);
    assert_eq!(shop.app.stats().unwrap().messages as usize, before.messages as usize + MESSAGES);
    assert_sound(&shop.database());
}

#[test]
fn a_sync_round_on_a_full_disk_moves_no_cursor_and_commits_whole_once_there_is_room() {
    if !file_size_limit::in_child() {
        return;
    }
    let shop = shop();
    let round = SyncBatch {
        messages: questions(shop.account, "pack", MESSAGES),
        cursors: vec![CursorUpdate { stream: "packs".into(), cursor: "2025-06-15T12:00:00Z".into() }],
        ..SyncBatch::default()
    };
    let before = shop.app.stats().unwrap();

    shop.leave_room(ROOM);
    let error = shop.app.commit_sync(shop.account, &round, NOW).unwrap_err();
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_eq!(shop.app.stats().unwrap(), before);
    assert_eq!(shop.app.sync_cursor(shop.account, "packs").unwrap(), None, "the cursor stayed with its data");
    assert_sound(&shop.database());

    file_size_limit::lift();
    let report = shop.app.commit_sync(shop.account, &round, NOW).unwrap();
    assert_eq!(report.inserted as usize, MESSAGES);
    assert_eq!(shop.app.sync_cursor(shop.account, "packs").unwrap().as_deref(), Some("2025-06-15T12:00:00Z"));
}
