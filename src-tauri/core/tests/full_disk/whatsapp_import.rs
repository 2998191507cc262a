//! A WhatsApp export imported when the disk is full: its photos copied into the data folder, its
//! messages into the database. Either failing leaves neither.

use std::io::Write;
use std::path::{Path, PathBuf};

use mostrador_core::whatsapp::WhatsAppImportOptions;

use crate::file_size_limit;
use crate::fixtures::*;

const SMALL_PHOTO: &str = "00000001-PHOTO-2025-03-12-09-11-00.jpg";
const BIG_PHOTO: &str = "00000002-PHOTO-2025-03-12-09-12-00.jpg";

fn options() -> WhatsAppImportOptions {
    WhatsAppImportOptions {
        me: Some("Lucía".into()),
        time_zone: Some("America/Argentina/Cordoba".into()),
        ..WhatsAppImportOptions::default()
    }
}

/// An iOS export: `lines` messages from Ana and two photos, the small one first in the zip.
fn export(folder: &Path, lines: usize, big_photo_bytes: usize) -> PathBuf {
    let mut chat = String::from("[12/03/25, 09:10:00] Ana: Hola, ¿tenés la taza azul?\n");
    chat.push_str(&format!("[12/03/25, 09:11:00] Ana: \u{200e}<adjunto: {SMALL_PHOTO}>\n"));
    chat.push_str(&format!("[12/03/25, 09:12:00] Ana: \u{200e}<adjunto: {BIG_PHOTO}>\n"));
    for i in 0..lines {
        let text = format!("¿Y la número {i} en verde? ").repeat(30);
        chat.push_str(&format!(
            "[12/03/25, {:02}:{:02}:{:02}] Lucía: {text}\n",
            10 + i / 3600,
            i / 60 % 60,
            i % 60
        ));
    }
    let path = folder.join("WhatsApp Chat - Ana.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("_chat.txt", chat.into_bytes()),
        (SMALL_PHOTO, vec![0xFF; 8 * 1024]),
        (BIG_PHOTO, vec![0xD8; big_photo_bytes]),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

fn assert_nothing_imported(shop: &Shop) {
    let stats = shop.app.stats().unwrap();
    assert_eq!((stats.accounts, stats.conversations, stats.messages), (1, 0, 0), "no WhatsApp rows");
    assert_eq!(files_under(&shop.dir.path().join("media")), Vec::<String>::new(), "no media left behind");
    assert_sound(&shop.database());
}

fn assert_imported_whole(shop: &Shop, zip: &Path, messages: u32) {
    let report = shop.app.whatsapp_import(zip, &options(), NOW).unwrap();
    assert_eq!((report.inserted, report.media_copied), (messages, 2));
    let media = files_under(&shop.dir.path().join("media"));
    assert_eq!(media.len(), 2, "{media:?}");
    assert!(media.iter().all(|f| f.ends_with(SMALL_PHOTO) || f.ends_with(BIG_PHOTO)), "{media:?}");
}

#[test]
fn a_photo_that_does_not_fit_leaves_no_photo_and_no_message() {
    if !file_size_limit::in_child() {
        return;
    }
    let shop = shop();
    let zip = export(shop.dir.path(), 3, 4 * 1024 * 1024);

    shop.leave_room(256 * 1024);
    let error = shop.app.whatsapp_import(&zip, &options(), NOW).unwrap_err();
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_nothing_imported(&shop);

    file_size_limit::lift();
    assert_imported_whole(&shop, &zip, 6);
}

#[test]
fn messages_that_do_not_fit_take_their_copied_photos_with_them() {
    if !file_size_limit::in_child() {
        return;
    }
    let shop = shop();
    // The photos fit in the room left; three thousand long messages do not.
    let zip = export(shop.dir.path(), 3000, 16 * 1024);

    shop.leave_room(256 * 1024);
    let error = shop.app.whatsapp_import(&zip, &options(), NOW).unwrap_err();
    assert_eq!(error.code(), "disk_full", "{error}");
    assert_nothing_imported(&shop);

    file_size_limit::lift();
    assert_imported_whole(&shop, &zip, 3003);
}
