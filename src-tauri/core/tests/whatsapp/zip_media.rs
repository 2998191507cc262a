//! A zip's media on import: what a crafted or damaged zip cannot do.

use std::io::Write;
use std::path::Path;

use mostrador_core::Mostrador;
use mostrador_core::whatsapp::WhatsAppImportOptions;
use tempfile::TempDir;

const NOW: i64 = 1_750_000_000;

struct Shop {
    dir: TempDir,
    app: Mostrador,
}

fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let app = Mostrador::open(&dir.path().join("mostrador.sqlite3")).unwrap();
    Shop { dir, app }
}

impl Shop {
    /// Every file under `media/`, relative to it.
    fn media_files(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, found: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, root, found);
                } else {
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

    fn assert_nothing_imported(&self) {
        let stats = self.app.stats().unwrap();
        assert_eq!((stats.accounts, stats.conversations, stats.messages), (0, 0, 0), "no rows");
        assert_eq!(self.media_files(), Vec::<String>::new(), "no media files");
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
