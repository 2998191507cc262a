//! The running app killed with SIGKILL while it imports a WhatsApp export with its photos, at
//! random points from the click on "Importar" to its end: while the photos are staged, while the
//! rows are written, while the photos move into place. After each kill the chat is either all
//! there (every message, every photo where its message says) or not there at all, with no staged
//! photo left over once the app opens again; a final undisturbed import brings it whole, once.
//! `MOSTRADOR_CRASH_SEED=<n>` replays one run's kill points.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use mostrador_core::Mostrador;

use crate::app_crash::XorShift;
use crate::driver::RunningApp;

const ROUNDS: usize = 8;
const MESSAGES: usize = 3_000;
const PHOTOS: usize = 40;
const PHOTO_BYTES: usize = 1 << 20;
const EXPORT: &str = "WhatsApp Chat with Ana Torres.zip";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_app_mid_whatsapp_import_leaves_the_chat_whole_or_absent() {
    let exports = tempfile::tempdir().expect("temp dir");
    let export = exports.path().join(EXPORT);
    write_export(&export);
    let seed = std::env::var("MOSTRADOR_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    eprintln!("WhatsApp import crash test seed {seed} (MOSTRADOR_CRASH_SEED={seed} replays it)");
    let mut random = XorShift(seed | 1);

    // An undisturbed import first: how long one takes, so the kills fall inside it.
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    let started = start_import(&app, &export).await;
    app.wait_for_text("whatsapp-result-inserted", &format!("Nuevos: {MESSAGES}")).await;
    let took = started.elapsed();
    app.quit().await;
    println!("an undisturbed import of {MESSAGES} messages and {PHOTOS} photos took {took:?} from the click");

    let mut data = tempfile::tempdir().expect("temp dir");
    let (mut whole, mut absent) = (0, 0);
    for round in 0..ROUNDS {
        let app = RunningApp::launch_in(data, "es_AR.UTF-8", &[], &[]).await;
        start_import(&app, &export).await;
        let kill_after = random.below(took.as_millis() as u64 * 6 / 5);
        tokio::time::sleep(Duration::from_millis(kill_after)).await;
        data = app.kill().await;

        // The next opening settles what the import left: then the chat is all there or not at all.
        match settled_chat(data.path()) {
            Chat::Whole => {
                whole += 1;
                // Imported again it would add nothing: the next round starts from a new shop.
                data = tempfile::tempdir().expect("temp dir");
            }
            Chat::Absent => absent += 1,
        }
        println!("round {round}: killed {kill_after} ms after the click");
    }
    println!("{ROUNDS} kills mid-import: {whole} left the chat whole, {absent} left nothing of it");
    assert!(absent > 0, "some kills fell before the import's end");

    // Undisturbed, on the shop the kills left (a chat left whole started a new one): the chat
    // comes whole, and only once.
    let app = RunningApp::launch_in(data, "es_AR.UTF-8", &[], &[]).await;
    start_import(&app, &export).await;
    app.wait_for_text("whatsapp-result-inserted", &format!("Nuevos: {MESSAGES}")).await;
    app.screenshot("whatsapp-crash-01-imported-after-kills").await;
    let data = app.kill().await;
    assert!(matches!(settled_chat(data.path()), Chat::Whole));
}

enum Chat {
    Whole,
    Absent,
}

/// Opens the shop as the app does when it starts (which settles a dead import's staging), checks
/// the database, and says whether the chat is all there or absent; anything between fails.
fn settled_chat(data: &Path) -> Chat {
    let database = data.join("mostrador.sqlite3");
    if !database.exists() {
        return Chat::Absent;
    }
    let core = Mostrador::open(&database).expect("the database opens after the kill");
    let integrity: String = rusqlite::Connection::open(&database)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let messages = core.stats().unwrap().messages as usize;
    let media = data.join("media/whatsapp");
    let mut photos = Vec::new();
    let mut stagings = Vec::new();
    walk(&media, &mut photos, &mut stagings);
    assert!(stagings.is_empty(), "staged photos left after opening: {stagings:?}");
    match messages {
        0 => {
            assert!(photos.is_empty(), "photos of no message: {photos:?}");
            Chat::Absent
        }
        MESSAGES => {
            assert_eq!(photos.len(), PHOTOS, "every photo is in place: {photos:?}");
            for photo in &photos {
                assert_eq!(
                    std::fs::metadata(photo).unwrap().len(),
                    PHOTO_BYTES as u64,
                    "{}",
                    photo.display()
                );
            }
            Chat::Whole
        }
        partial => panic!("{partial} of {MESSAGES} messages: an import was kept in part"),
    }
}

fn walk(dir: &Path, photos: &mut Vec<std::path::PathBuf>, stagings: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".staging-") {
            stagings.push(name);
        } else if entry.path().is_dir() {
            walk(&entry.path(), photos, stagings);
        } else if name != ".staging.lock" {
            photos.push(entry.path());
        }
    }
}

/// From whatever screen the app opens on, the export through the path field, "me" chosen, and
/// "Importar" clicked; returns the moment of the click.
async fn start_import(app: &RunningApp, export: &Path) -> Instant {
    // A new shop opens on the welcome screen: start with an empty one.
    let inbox = "[data-testid=start-empty], [data-testid=inbox-empty], [data-testid=inbox-row]";
    let shown = app.client.wait().at_most(crate::driver::WAIT).for_element(Locator::Css(inbox)).await;
    let shown = shown.expect("the welcome screen or the inbox");
    if shown.attr("data-testid").await.unwrap().as_deref() == Some("start-empty") {
        shown.click().await.expect("start with an empty shop");
        app.wait_for("inbox-empty").await;
    }
    app.client
        .execute(
            "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'O', ctrlKey: true, altKey: true, shiftKey: true }))",
            vec![],
        )
        .await
        .expect("reveal the path field");
    let path = export.to_str().unwrap();
    app.wait_for("whatsapp-path-input").await.send_keys(path).await.expect("type the path");
    app.wait_for("whatsapp-path-open").await.click().await.expect("open");
    for radio in app.wait_for_count("whatsapp-me", 2).await {
        if radio.attr("value").await.unwrap().as_deref() == Some("Taller Lucía") {
            radio.click().await.expect("choose me");
        }
    }
    let confirm = app.wait_for("whatsapp-confirm").await;
    let deadline = Instant::now() + crate::driver::WAIT;
    while confirm.attr("disabled").await.unwrap().is_some() {
        assert!(Instant::now() < deadline, "the import button stays disabled");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    confirm.click().await.expect("import");
    Instant::now()
}

/// Ana's chat as Android exports it in Spanish, with its photos (bytes that do not compress, as a
/// photo's), stored in the zip as WhatsApp stores them.
fn write_export(path: &Path) {
    let mut chat = String::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut photos = Vec::new();
    for i in 0..MESSAGES {
        let minutes = i as u64;
        let (day, hour, minute) = (1 + minutes / 1440, (minutes / 60) % 24, minutes % 60);
        let stamp = format!("{day}/3/25, {hour:02}:{minute:02}");
        let photo_every = MESSAGES / PHOTOS;
        if i % photo_every == 1 && photos.len() < PHOTOS {
            let name = format!("IMG-202503{day:02}-WA{:04}.jpg", photos.len());
            chat.push_str(&format!("{stamp} - Ana Torres: {name} (archivo adjunto)\n"));
            photos.push(name);
        } else if i % 2 == 0 {
            chat.push_str(&format!("{stamp} - Ana Torres: ¿La taza {i} viene en azul? Gracias!\n"));
        } else {
            chat.push_str(&format!("{stamp} - Taller Lucía: Sí, la {i} sale en azul y en verde 😊\n"));
        }
    }
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    writer.start_file("WhatsApp Chat with Ana Torres.txt", options).unwrap();
    writer.write_all(chat.as_bytes()).unwrap();
    for name in &photos {
        writer.start_file(name.as_str(), options).unwrap();
        let bytes: Vec<u8> = (0..PHOTO_BYTES)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        writer.write_all(&bytes).unwrap();
    }
    writer.finish().unwrap();
}
