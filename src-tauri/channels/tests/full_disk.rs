//! A full disk while a channel syncs: the account says `disk_full` (the seller's sentence: free
//! space), the database stays sound with no round half kept, and once there is room the next
//! rounds fetch everything — each message stored once, no reply sent twice.
//!
//! The lack of room is a real file-size limit on a child process, as in the store's own full-disk
//! tests, whose helper this shares.

#![cfg(unix)]

mod shop;

#[path = "../../core/tests/full_disk/file_size_limit.rs"]
mod file_size_limit;

use mostrador_core::accounts::SyncState;
use mostrador_simulator::Activity;

use shop::Shop;

/// Room for the account's status and a few pages, not for hundreds of buyers' messages.
const ROOM: u64 = 48 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_on_a_full_disk_says_so_keeps_nothing_half_and_catches_up_once_there_is_room() {
    if !file_size_limit::in_child() {
        return;
    }
    let shop = Shop::start().await;
    let ml = shop.connect_mercado_libre().await;
    shop.generate(Activity { questions: 3, post_sale_messages: 3, ..Activity::default() });
    assert!(shop.sync(ml).await.errors.is_empty());
    let answered = shop.unanswered_conversations(ml, "pre_sale_question", 1)[0];
    shop.enqueue(answered, "¡Hola! Sí, hay stock y enviamos a todo el país.");
    shop.generate(Activity { questions: 120, post_sale_messages: 60, ..Activity::default() });

    let files = ["shop.sqlite3", "shop.sqlite3-wal"].map(|name| shop.dir.path().join(name));
    file_size_limit::leave_room(ROOM, &files.each_ref().map(|f| f.as_path()));
    let summary = shop.sync(ml).await;
    let status = shop.status(ml);
    assert_eq!(status.state, SyncState::Failing, "{status:?} after {summary:?}");
    assert_eq!(status.error_code.as_deref(), Some("disk_full"), "{status:?}");
    assert!(status.retry_at.is_some(), "tried again by itself: {status:?}");
    assert!(summary.errors.iter().any(|e| e.starts_with("disk_full")), "{summary:?}");
    let check: String = shop.read_only().query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");

    file_size_limit::lift();
    shop.advance(600);
    shop.sync_until_quiet(ml, 12).await;
    let status = shop.status(ml);
    assert_eq!(status.state, SyncState::Ok, "{status:?}");
    assert_eq!(status.error_code, None);
    assert_eq!(shop.outbox_states(ml).get("sent"), Some(&1), "the queued answer went out once");
    shop.assert_mercado_libre_ledger(ml);
}
