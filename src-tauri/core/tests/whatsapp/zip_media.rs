//! A zip's media on import: what a crafted or damaged zip cannot do (fill the disk, overlap its
//! entries, lie about sizes), that a failed import leaves neither rows nor files, that media is
//! copied without holding the database's write lock, and that a crashed import's leftovers go.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mostrador_core::Mostrador;
use mostrador_core::whatsapp::{MediaLimits, WhatsAppImportOptions};

use crate::shop::{NOW, Shop, shop};

impl Shop {
    /// Every file under `media/` but the staging lock, relative to it.
    fn media_files(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, found: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, root, found);
                } else if entry.file_name() != ".staging.lock" {
                    found.push(path.strip_prefix(root).unwrap().display().to_string());
                }
            }
        }
        let mut found = Vec::new();
        let root = self.dir.path().join("media");
        walk(&root, &root, &mut found);
        found.sort();
        found
    }

    /// Folders under `media/whatsapp` that are a staging.
    fn stagings(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.dir.path().join("media/whatsapp")) else { return vec![] };
        entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".staging-"))
            .collect()
    }

    fn assert_nothing_imported(&self) {
        let stats = self.app.stats().unwrap();
        assert_eq!((stats.accounts, stats.conversations, stats.messages), (0, 0, 0), "no rows");
        assert_eq!(self.media_files(), Vec::<String>::new(), "no media files");
        assert_eq!(self.stagings(), Vec::<String>::new(), "no staging left");
    }
}

fn me() -> WhatsAppImportOptions {
    WhatsAppImportOptions {
        me: Some("Lucía".into()),
        time_zone: Some("America/Argentina/Cordoba".into()),
        ..WhatsAppImportOptions::default()
    }
}

/// An Android chat whose messages attach `photos`.
fn chat(photos: &[&str]) -> String {
    let mut text = String::from("12/3/25, 09:11 - Ana: Hola! ¿Tenés la taza azul?\n");
    for (i, photo) in photos.iter().enumerate() {
        text.push_str(&format!("12/3/25, 09:{:02} - Ana: {photo} (archivo adjunto)\n", 12 + i));
    }
    text.push_str("12/3/25, 10:00 - Lucía: Sí, me queda una.\n");
    text
}

/// Bytes that deflate cannot shrink, as a photo's.
fn photo_bytes(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x1234_5678;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

/// Ana's chat export (`WhatsApp Chat with Ana.zip` in the shop's folder): a message per photo,
/// each photo in the zip with its bytes.
fn ana_export(shop: &Shop, photos: &[(&str, &[u8])]) -> PathBuf {
    let path = shop.dir.path().join("WhatsApp Chat with Ana.zip");
    let names: Vec<&str> = photos.iter().map(|(name, _)| *name).collect();
    let chat = chat(&names);
    let mut files = vec![("WhatsApp Chat with Ana.txt", chat.as_bytes())];
    files.extend_from_slice(photos);
    write_zip(&path, &files);
    path
}

fn write_zip(path: &Path, files: &[(&str, &[u8])]) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in files {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
}

/// Rewrites the uncompressed size `name` declares, in its local header and in the central
/// directory, leaving its data as it is.
fn declare_size(path: &Path, name: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let mut patched = 0;
    // (signature, offset of the name length, offset of the name, offset of the uncompressed size)
    for (signature, name_len_at, name_at, size_at) in
        [(b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)]
    {
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(4).position(|w| w == signature) {
            let start = at + found;
            let len =
                u16::from_le_bytes([bytes[start + name_len_at], bytes[start + name_len_at + 1]]) as usize;
            if bytes.get(start + name_at..start + name_at + len) == Some(name.as_bytes()) {
                bytes[start + size_at..start + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
            at = start + 4;
        }
    }
    assert_eq!(patched, 2, "{name}: its local header and its central directory entry");
    std::fs::write(path, bytes).unwrap();
}

fn code(error: &mostrador_core::Error) -> &'static str {
    error.code()
}

#[test]
fn entries_that_share_their_bytes_are_refused() {
    // The non-recursive zip bomb: many entries point at one block of data, which expands each time.
    let shop = shop();
    let path = shop.dir.path().join("WhatsApp Chat with Ana.zip");
    let photo = photo_bytes(4096);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let chat = chat(&["IMG-20250312-WA0001.jpg", "IMG-20250312-WA0002.jpg"]);
    writer.start_file("WhatsApp Chat with Ana.txt", zip::write::SimpleFileOptions::default()).unwrap();
    writer.write_all(chat.as_bytes()).unwrap();
    writer.start_file("IMG-20250312-WA0001.jpg", zip::write::SimpleFileOptions::default()).unwrap();
    writer.write_all(&photo).unwrap();
    writer.shallow_copy_file("IMG-20250312-WA0001.jpg", "IMG-20250312-WA0002.jpg").unwrap();
    writer.finish().unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert!(archive.has_overlapping_entries().unwrap(), "the zip built overlaps");
    // The zip crate reads both entries without complaint: refusing them is ours to do.
    assert_eq!(std::io::copy(&mut archive.by_index(2).unwrap(), &mut std::io::sink()).unwrap(), 4096);

    assert_eq!(code(&shop.app.whatsapp_preview(&path, &me()).unwrap_err()), "whatsapp_bad_zip");
    assert_eq!(code(&shop.app.whatsapp_import(&path, &me(), NOW).unwrap_err()), "whatsapp_bad_zip");
    shop.assert_nothing_imported();
}

#[test]
fn an_entry_that_declares_gigabytes_is_refused_before_anything_is_copied() {
    let shop = shop();
    let path = ana_export(
        &shop,
        &[("IMG-20250312-WA0001.jpg", &photo_bytes(2000)), ("VID-20250312-WA0002.mp4", &photo_bytes(3000))],
    );
    declare_size(&path, "VID-20250312-WA0002.mp4", 3_500_000_000);
    let error = shop.app.whatsapp_import(&path, &me(), NOW).unwrap_err();
    assert_eq!(code(&error), "whatsapp_media_too_large");
    shop.assert_nothing_imported();
}

#[test]
fn an_entry_longer_than_it_declares_is_refused() {
    let shop = shop();
    let path = ana_export(
        &shop,
        &[
            ("IMG-20250312-WA0001.jpg", &photo_bytes(2000)),
            ("IMG-20250312-WA0002.jpg", &photo_bytes(64 * 1024)),
        ],
    );
    declare_size(&path, "IMG-20250312-WA0002.jpg", 10);
    let error = shop.app.whatsapp_import(&path, &me(), NOW).unwrap_err();
    assert_eq!(code(&error), "whatsapp_bad_zip", "{error}");
    shop.assert_nothing_imported();
}

#[test]
fn an_entry_that_expands_like_a_zip_bomb_is_refused() {
    // 8 MB of zeros deflate to a few KB: no photo, video or voice note shrinks like that.
    let shop = shop();
    let path = ana_export(&shop, &[("IMG-20250312-WA0001.jpg", &vec![0; 8 << 20])]);
    let error = shop.app.whatsapp_import(&path, &me(), NOW).unwrap_err();
    assert_eq!(code(&error), "whatsapp_bad_zip", "{error}");
    shop.assert_nothing_imported();
}

#[test]
fn media_over_the_caps_is_refused_and_nothing_stays() {
    let shop = shop();
    let names = ["IMG-20250312-WA0001.jpg", "IMG-20250312-WA0002.jpg"];
    let (first, second) = (photo_bytes(3000), photo_bytes(4096));
    let path = ana_export(&shop, &[(names[0], &first), (names[1], &second)]);
    let import = |limits: MediaLimits| shop.app.whatsapp_import_with_limits(&path, &me(), &limits, NOW);
    let defaults = MediaLimits::default();

    let error = import(MediaLimits { file_bytes: 4095, ..defaults }).unwrap_err();
    assert_eq!(code(&error), "whatsapp_media_too_large");
    assert!(error.to_string().contains(names[1]), "{error}");
    shop.assert_nothing_imported();
    let error = import(MediaLimits { total_bytes: 7095, ..defaults }).unwrap_err();
    assert_eq!(code(&error), "whatsapp_media_total_too_large");
    shop.assert_nothing_imported();

    // Exactly at the caps is within them.
    let report = import(MediaLimits { file_bytes: 4096, total_bytes: 7096, ..defaults }).unwrap();
    assert_eq!((report.inserted, report.media_copied), (4, 2));
    assert_eq!(shop.media_files().len(), 2);
}

#[cfg(unix)]
#[test]
fn no_room_on_the_disk_refuses_the_media_before_copying_it() {
    let shop = shop();
    let path = ana_export(&shop, &[("IMG-20250312-WA0001.jpg", &photo_bytes(5000))]);
    // No disk keeps an exabyte free.
    let limits = MediaLimits { free_space_margin: 1 << 60, ..MediaLimits::default() };
    let error = shop.app.whatsapp_import_with_limits(&path, &me(), &limits, NOW).unwrap_err();
    assert_eq!(code(&error), "whatsapp_no_space_for_media");
    assert!(error.to_string().contains("without media"), "{error}");
    shop.assert_nothing_imported();
    assert!(!shop.dir.path().join("media").exists(), "refused before anything was created");
}

#[test]
fn a_broken_entry_after_others_were_copied_leaves_nothing() {
    let shop = shop();
    let path = shop.dir.path().join("WhatsApp Chat with Ana.zip");
    let names = ["IMG-20250312-WA0001.jpg", "IMG-20250312-WA0002.jpg"];
    let chat = chat(&names);
    let (first, second) = (photo_bytes(3000), photo_bytes(6000)[3000..].to_vec());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, bytes) in
        [("WhatsApp Chat with Ana.txt", chat.as_bytes()), (names[0], &first), (names[1], &second)]
    {
        writer.start_file(name, stored).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    // One byte of the second photo changes on the way: its checksum no longer matches.
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.windows(64).position(|w| w == &second[1000..1064]).unwrap();
    bytes[at] ^= 0xFF;
    std::fs::write(&path, bytes).unwrap();

    let error = shop.app.whatsapp_import(&path, &me(), NOW).unwrap_err();
    assert_eq!(code(&error), "whatsapp_bad_zip", "{error}");
    shop.assert_nothing_imported();
}

#[test]
fn a_transaction_that_fails_leaves_no_files() {
    let shop = shop();
    let path = ana_export(&shop, &[("IMG-20250312-WA0001.jpg", &photo_bytes(5000))]);
    // The media is copied by then; the rows are refused.
    let other = rusqlite::Connection::open(shop.db()).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .unwrap();
    let error = shop.app.whatsapp_import(&path, &me(), NOW).unwrap_err();
    assert_eq!(code(&error), "database");
    shop.assert_nothing_imported();

    other.execute_batch("DROP TRIGGER refuse_messages").unwrap();
    let report = shop.app.whatsapp_import(&path, &me(), NOW).unwrap();
    assert_eq!((report.inserted, report.media_copied), (3, 1));
    assert_eq!(shop.media_files().len(), 1);
    assert_eq!(shop.stagings(), Vec::<String>::new());
}

#[test]
fn media_is_copied_while_another_connection_holds_the_write_lock() {
    let shop = shop();
    let photo = photo_bytes(256 * 1024);
    let path = ana_export(&shop, &[("IMG-20250312-WA0001.jpg", &photo)]);

    // Another writer (the CLI, the app's sync) holds the write lock; the import must still read
    // the zip and copy its media meanwhile, and take the lock only for its rows.
    let other = rusqlite::Connection::open(shop.db()).unwrap();
    other
        .execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('shop_name', '\"Taller\"');",
        )
        .unwrap();
    let copied_meanwhile = std::thread::scope(|scope| {
        let import = scope.spawn(|| shop.app.whatsapp_import(&path, &me(), NOW));
        let deadline = Instant::now() + Duration::from_secs(4);
        let copied = loop {
            let whole = shop.media_files().iter().any(|file| {
                std::fs::read(shop.dir.path().join("media").join(file)).is_ok_and(|bytes| bytes == photo)
            });
            if whole || Instant::now() > deadline {
                break whole;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        other.execute_batch("COMMIT").unwrap();
        let report = import.join().unwrap().expect("the import ends once the other writer is done");
        assert_eq!((report.inserted, report.media_copied), (3, 1));
        copied
    });
    assert!(copied_meanwhile, "the media was copied while the other connection held the write lock");
    assert_eq!(shop.app.settings().unwrap().shop_name.as_deref(), Some("Taller"));
    assert_eq!(shop.media_files().len(), 1);
    assert_eq!(shop.stagings(), Vec::<String>::new());
}

#[test]
fn media_that_could_not_be_moved_in_after_the_rows_committed_is_moved_at_the_next_opening() {
    let shop = shop();
    let photos: [(&str, &[u8]); 2] =
        [("IMG-20250312-WA0001.jpg", &photo_bytes(3000)), ("IMG-20250312-WA0002.jpg", &photo_bytes(4000))];
    let export = ana_export(&shop, &photos);
    // The new account's media folder cannot be made (a file is in the way), as when the process
    // dies between the commit and the renames: the rows are in, the media is still staged.
    let blocker = shop.dir.path().join("media/whatsapp/1");
    std::fs::create_dir_all(blocker.parent().unwrap()).unwrap();
    std::fs::write(&blocker, b"in the way").unwrap();
    let report = shop.app.whatsapp_import(&export, &me(), NOW).unwrap();
    assert_eq!((report.inserted, report.media_copied), (4, 2));
    assert_eq!(shop.stagings().len(), 1, "the staged media waits: {:?}", shop.media_files());

    std::fs::remove_file(&blocker).unwrap();
    drop(Mostrador::open(&shop.db()).unwrap());
    assert_eq!(shop.stagings(), Vec::<String>::new());
    let messages = shop.app.conversation(report.conversation_id, NOW).unwrap().messages;
    let attached: Vec<_> = messages.iter().flat_map(|m| &m.attachments).collect();
    assert_eq!(attached.len(), 2);
    for (attachment, (_, bytes)) in attached.iter().zip(photos) {
        let local = attachment.local_path.as_deref().unwrap();
        assert_eq!(
            std::fs::read(shop.dir.path().join(local)).unwrap(),
            bytes,
            "{local} is where its row says"
        );
    }
    // Importing again finds it in place and copies nothing.
    let again = shop.app.whatsapp_import(&export, &me(), NOW).unwrap();
    assert_eq!((again.inserted, again.unchanged), (0, 4));
    assert_eq!(shop.media_files().len(), 2);
}

#[test]
fn a_crashed_import_s_staging_is_removed_and_a_running_one_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mostrador.sqlite3");
    drop(Mostrador::open(&db).unwrap());
    let root = dir.path().join("media/whatsapp");
    // What an import killed mid-copy leaves: its staging folder, no lock held on it.
    std::fs::create_dir_all(root.join(".staging-0123456789abcdef")).unwrap();
    std::fs::write(root.join(".staging-0123456789abcdef/IMG-20250312-WA0001.jpg"), photo_bytes(100)).unwrap();
    std::fs::create_dir_all(root.join("1/00aa")).unwrap();
    std::fs::write(root.join("1/00aa/IMG-20250312-WA0009.jpg"), photo_bytes(100)).unwrap();
    drop(Mostrador::open(&db).unwrap());
    assert!(!root.join(".staging-0123456789abcdef").exists(), "the crashed import's staging is gone");
    assert!(root.join("1/00aa/IMG-20250312-WA0009.jpg").exists(), "imported media stays");

    // An import running in another process holds the staging lock: its folder stays.
    std::fs::create_dir_all(root.join(".staging-fedcba9876543210")).unwrap();
    let running = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(".staging.lock"))
        .unwrap();
    running.lock_shared().unwrap();
    drop(Mostrador::open(&db).unwrap());
    assert!(root.join(".staging-fedcba9876543210").exists(), "a running import's staging stays");
    drop(running);
    drop(Mostrador::open(&db).unwrap());
    assert!(!root.join(".staging-fedcba9876543210").exists(), "gone once its import is");
}
