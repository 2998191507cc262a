//! Copies of the database when the disk is full: on demand (`backup_to`, the CLI's `backup`) and
//! the daily copy the app takes through `backups::daily`.

use std::path::{Path, PathBuf};

use mostrador_core::Mostrador;
use mostrador_core::backups::daily;

use crate::file_size_limit;
use crate::fixtures::*;

/// A shop of a few megabytes, its daily copy from two days ago, and half the size of a copy: room
/// that a copy runs out of half-way.
fn stocked_shop() -> (Shop, PathBuf, u64) {
    let shop = shop();
    shop.app.ingest(&questions(shop.account, "q", 1500), NOW - DAY).unwrap();
    let folder = daily::folder_for(&shop.database());
    let old_copy = daily::take(&shop.app, &folder, NOW - 2 * DAY).unwrap();
    (shop, folder, old_copy.size_bytes / 2)
}

fn names(folder: &Path) -> Vec<String> {
    files_under(folder)
}

#[test]
fn a_daily_copy_that_does_not_fit_leaves_no_partial_copy_and_keeps_the_old_ones() {
    if !file_size_limit::in_child() {
        return;
    }
    let (shop, folder, half_a_copy) = stocked_shop();
    let old_copies = names(&folder);
    assert_eq!(old_copies.len(), 1);
    let before = shop.app.stats().unwrap();

    file_size_limit::leave_room(half_a_copy, &[]);
    let error = daily::take_if_due(&shop.app, &folder, NOW).unwrap_err();
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_eq!(names(&folder), old_copies, "no partial copy, no journal, the old copy kept");
    assert_eq!(shop.app.stats().unwrap(), before);
    assert_sound(&shop.database());

    file_size_limit::lift();
    let copy = daily::take_if_due(&shop.app, &folder, NOW).unwrap().expect("a copy was due");
    assert_eq!(names(&folder).len(), 2, "the new copy beside the old one");
    let copied = Mostrador::open(Path::new(&copy.path)).unwrap();
    assert_eq!(copied.stats().unwrap(), before);
}

#[test]
fn a_backup_that_does_not_fit_leaves_nothing_at_its_name() {
    if !file_size_limit::in_child() {
        return;
    }
    let (shop, _, half_a_copy) = stocked_shop();
    let before = shop.app.stats().unwrap();
    let copies = shop.dir.path().join("copies");
    std::fs::create_dir(&copies).unwrap();
    let dest = copies.join("shop-backup.sqlite3");

    file_size_limit::leave_room(half_a_copy, &[]);
    let error = shop.app.backup_to(&dest).unwrap_err();
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_eq!(names(&copies), Vec::<String>::new(), "nothing half written");
    assert_eq!(shop.app.stats().unwrap(), before);
    assert_sound(&shop.database());

    file_size_limit::lift();
    shop.app.backup_to(&dest).unwrap();
    assert_eq!(names(&copies), ["shop-backup.sqlite3"]);
    assert_eq!(Mostrador::open(&dest).unwrap().stats().unwrap(), before);
}
