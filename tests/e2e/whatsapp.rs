//! Issue 6: a WhatsApp export and a hand-captured conversation come into the inbox.
//!
//! WebDriver can drive neither the system's file dialog nor a drag from the file manager, so the
//! test opens the export through the path field that Ctrl+Alt+Shift+O reveals: it calls the same
//! `whatsappImport.start(path)` the drop handler calls, and from there everything is the real app
//! (preview, choice of "me", import through the core, the inbox).

use std::time::Duration;

use fantoccini::Locator;

use crate::driver::{RunningApp, selector};

const ANDROID_ES: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/whatsapp/WhatsApp Chat with Carolina Paz.txt");
/// The same chat exported three messages later (same name, another folder, as a second download).
const ANDROID_ES_NEWER: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/whatsapp/newer/WhatsApp Chat with Carolina Paz.txt");
const IOS_PT_ZIP: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/whatsapp/WhatsApp Chat - Beatriz Santos.zip");
/// Every date is ≤ 12, so day/month comes only from how often each number changes (day first).
const AMBIGUOUS_PHONE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/whatsapp/WhatsApp Chat with +54 9 351 555-0199.txt");
const PHOTO: &str = "00000012-PHOTO-2025-03-14-10-06-27.jpg";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whatsapp_export_and_a_pasted_dialogue_come_into_the_inbox() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    app.wait_for("start-empty").await.click().await.expect("start with an empty shop");
    app.wait_for("inbox-empty").await;

    // The preview comes first: authors, counts, and nothing imported until "me" is chosen.
    open_by_path(&app, ANDROID_ES).await;
    let authors = app.wait_for("whatsapp-authors").await.text().await.unwrap_or_default();
    assert!(authors.contains("Carolina Paz") && authors.contains("Taller Lucía"), "both authors: {authors}");
    let counts = app.wait_for("whatsapp-counts").await.text().await.unwrap_or_default();
    assert!(counts.contains("Mensajes: 7"), "seven messages: {counts}");
    assert_eq!(app.wait_for("whatsapp-confirm").await.attr("disabled").await.unwrap(), Some("true".into()));
    choose_me(&app, "Taller Lucía").await;
    app.wait_for_text("whatsapp-chat-name", "Se guardará como conversación con Carolina Paz.").await;
    app.screenshot("whatsapp-01-preview").await;

    app.wait_for("whatsapp-confirm").await.click().await.expect("import");
    app.wait_for_text("whatsapp-result-inserted", "Nuevos: 7").await;
    app.screenshot("whatsapp-02-result").await;
    app.wait_for("whatsapp-open-conversation").await.click().await.expect("see the conversation");

    // In the inbox under the buyer, the messages in the order they were written.
    wait_until(&app, "Carolina Paz in the inbox", || row_with(&app, "Carolina Paz")).await;
    let messages = app.wait_for_count("message", 7).await;
    let mut times = Vec::new();
    let mut texts = Vec::new();
    for message in &messages {
        times.push(message.attr("data-sent-at").await.unwrap().unwrap_or_default().parse::<i64>().unwrap());
        texts.push(message.text().await.unwrap_or_default());
    }
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first: {times:?}");
    assert!(texts[0].contains("Vi las tazas") && texts[6].contains("Te transfiero hoy"), "{texts:#?}");
    app.screenshot("whatsapp-03-conversation").await;

    // Importing the same export again adds nothing; "me" is remembered for the account.
    open_by_path(&app, ANDROID_ES).await;
    app.wait_for_text(
        "whatsapp-already",
        "Ya importaste 7 de estos 7 mensajes: solo se agregarán los nuevos.",
    )
    .await;
    app.wait_for("whatsapp-confirm").await.click().await.expect("import again");
    app.wait_for_text("whatsapp-result-inserted", "Nuevos: 0").await;
    app.wait_for("whatsapp-close").await.click().await.expect("close");
    assert_eq!(app.wait_for_count("message", 7).await.len(), 7, "no duplicates");

    // A file that is not a chat: a clear message in Spanish, nothing written.
    let garbage = app.data.path().join("fotos.txt");
    std::fs::write(&garbage, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3]).unwrap();
    open_by_path(&app, garbage.to_str().unwrap()).await;
    let error = app.wait_for("error-banner").await;
    assert_eq!(error.attr("data-error-code").await.unwrap().as_deref(), Some("whatsapp_binary"));
    assert!(error.text().await.unwrap_or_default().contains("Ese archivo no es texto"));
    app.screenshot("whatsapp-04-garbage").await;
    app.wait_for("whatsapp-close").await.click().await.expect("close");

    // Manual capture: paste a dialogue from Marketplace, fix one author, save.
    app.wait_for("bring-in-menu").await.click().await.expect("open the menu");
    app.wait_for("menu-new-conversation").await.click().await.expect("new conversation");
    app.wait_for("capture-name").await.send_keys("Julián Ortega").await.expect("buyer name");
    app.wait_for("capture-source").await.send_keys("Facebook Marketplace").await.expect("source");
    set_value(
        &app,
        "capture-paste",
        "Julián (10:02): Hola, ¿sigue disponible la lámpara de mimbre?\n\
         Yo (10:05): Sí! La tengo en natural y en negro.\n\
         Julián (10:07): ¿Hacés envíos a Rosario?\n\
         Yo (10:09): Sí, por correo, sale $4.500\n\
         Julián (10:12): Dale, la quiero en negro",
    )
    .await;
    let authors = app.wait_for_count("capture-row-author", 5).await;
    app.client
        .execute(
            "document.querySelectorAll('[data-testid=capture-row-author]')[2].scrollIntoView({ block: 'center' })",
            vec![],
        )
        .await
        .expect("scroll to the third message");
    authors[2].clear().await.expect("clear the author");
    authors[2].send_keys("Julián Ortega").await.expect("fix the author");
    app.screenshot("whatsapp-05-capture").await;
    app.wait_for("capture-save").await.click().await.expect("save");

    wait_until(&app, "the captured conversation in the inbox", || row_with(&app, "Julián Ortega")).await;
    let messages = app.wait_for_count("message", 5).await;
    let third = messages[2].text().await.unwrap_or_default();
    assert!(third.contains("¿Hacés envíos a Rosario?"), "{third}");
    app.screenshot("whatsapp-06-captured-conversation").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ios_zip_keeps_its_photo_and_a_newer_export_adds_only_the_new_messages() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    app.wait_for("start-empty").await.click().await.expect("start with an empty shop");
    app.wait_for("inbox-empty").await;

    // iOS, Portuguese, a .zip with the chat and one photo.
    open_by_path(&app, IOS_PT_ZIP).await;
    let counts = app.wait_for("whatsapp-counts").await.text().await.unwrap_or_default();
    assert!(
        counts.contains("Mensajes: 5") && counts.contains("Archivos: 1"),
        "five messages, one photo: {counts}"
    );
    choose_me(&app, "Taller Lucía").await;
    app.wait_for_text("whatsapp-chat-name", "Se guardará como conversación con Beatriz Santos.").await;
    app.screenshot("whatsapp-07-zip-preview").await;
    app.wait_for("whatsapp-confirm").await.click().await.expect("import the zip");
    app.wait_for_text("whatsapp-result-inserted", "Nuevos: 5").await;
    app.wait_for("whatsapp-open-conversation").await.click().await.expect("see the conversation");

    // The photo is copied into the data folder and listed, with its size, in its message.
    wait_until(&app, "Beatriz Santos in the inbox", || row_with(&app, "Beatriz Santos")).await;
    app.wait_for_elements("message", "exactly 5", |n| n == 5).await;
    app.screenshot("whatsapp-08-zip-photo").await;
    // WebKitWebDriver leaves text cut with an ellipsis out of an element's text: read the DOM, and
    // check the name really has room on screen.
    let shown = app
        .client
        .execute(
            "const m = document.querySelectorAll('[data-testid=message]')[2]; const f = m.querySelector('.attachments li'); return [f.textContent, f.querySelector('.file').getBoundingClientRect().width];",
            vec![],
        )
        .await
        .expect("read the attachment");
    let (text, width) = (shown[0].as_str().unwrap_or_default(), shown[1].as_f64().unwrap_or_default());
    assert!(text.contains(PHOTO) && text.contains("91 B"), "the photo's name and size: {text}");
    assert!(width > 200.0, "the photo's name is cut to {width}px");
    let kept =
        find_file(&app.data.path().join("media"), PHOTO).expect("the photo is kept in the data folder");
    assert_eq!(std::fs::metadata(&kept).unwrap().len(), 91);

    // An Android export, then a newer one of the same chat that overlaps it: only three are new.
    open_by_path(&app, ANDROID_ES).await;
    choose_me(&app, "Taller Lucía").await;
    app.wait_for("whatsapp-confirm").await.click().await.expect("import the first export");
    app.wait_for_text("whatsapp-result-inserted", "Nuevos: 7").await;
    app.wait_for("whatsapp-close").await.click().await.expect("close");

    open_by_path(&app, ANDROID_ES_NEWER).await;
    let counts = app.wait_for("whatsapp-counts").await.text().await.unwrap_or_default();
    assert!(counts.contains("Mensajes: 10"), "ten messages in the newer export: {counts}");
    app.wait_for_text(
        "whatsapp-already",
        "Ya importaste 7 de estos 10 mensajes: solo se agregarán los nuevos.",
    )
    .await;
    app.wait_for_text("whatsapp-confirm", "Importar (3 nuevos)").await;
    app.screenshot("whatsapp-09-newer-preview").await;
    app.wait_for("whatsapp-confirm").await.click().await.expect("import the newer export");
    app.wait_for_text("whatsapp-result-inserted", "Nuevos: 3").await;
    app.wait_for("whatsapp-open-conversation").await.click().await.expect("see the conversation");

    wait_until(&app, "Carolina Paz in the inbox", || row_with(&app, "Carolina Paz")).await;
    let messages = app.wait_for_elements("message", "exactly 10", |n| n == 10).await;
    let mut times = Vec::new();
    for message in &messages {
        times.push(message.attr("data-sent-at").await.unwrap().unwrap_or_default().parse::<i64>().unwrap());
    }
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "still oldest first: {times:?}");
    let texts = [
        messages[6].text().await.unwrap_or_default(),
        messages[7].text().await.unwrap_or_default(),
        messages[9].text().await.unwrap_or_default(),
    ];
    assert!(
        texts[0].contains("Te transfiero hoy") && texts[1].contains("Perfecto, la envío mañana"),
        "{texts:#?}"
    );
    assert!(texts[2].contains("Recibido, gracias Carolina!"), "{texts:#?}");
    app.screenshot("whatsapp-10-newer-conversation").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_order_override_changes_the_dates_and_the_reply_helper_opens_wa_me() {
    // The testing seam: the shell writes the address it would open to this file.
    let logs = tempfile::tempdir().expect("temp dir");
    let opened = logs.path().join("opened-urls.log");
    let app =
        RunningApp::launch("es_AR.UTF-8", &[("MOSTRADOR_OPEN_URL_LOG", opened.to_str().unwrap())]).await;
    app.wait_for("start-empty").await.click().await.expect("start with an empty shop");
    app.wait_for("inbox-empty").await;

    // All dates ≤ 12: inferred day first (3 April); overriding to month first makes it 4 March.
    open_by_path(&app, AMBIGUOUS_PHONE).await;
    let first = first_preview_line(&app).await;
    assert!(first.contains("3 de abril de 2025"), "day first: {first}");
    choose_option(&app, "whatsapp-date-order", "month_first").await;
    wait_until(&app, "the first date read month first", || first_preview_has(&app, "4 de marzo de 2025"))
        .await;
    choose_me(&app, "Taller Lucía").await;
    app.screenshot("whatsapp-11-order-override").await;
    // Back to day first for the import: the override goes both ways.
    choose_option(&app, "whatsapp-date-order", "day_first").await;
    wait_until(&app, "the first date read day first again", || first_preview_has(&app, "3 de abril de 2025"))
        .await;
    app.wait_for("whatsapp-confirm").await.click().await.expect("import");
    app.wait_for_text("whatsapp-result-inserted", "Nuevos: 5").await;
    app.wait_for("whatsapp-open-conversation").await.click().await.expect("see the conversation");

    // The buyer wrote last: the row shows the waiting time.
    wait_until(&app, "the buyer waiting in the inbox", || row_waiting(&app, "555-0199", true)).await;
    app.wait_for_elements("message", "exactly 5", |n| n == 5).await;

    let reply = "¡Genial! Te los grabo y te aviso cuando estén listos.";
    app.wait_for("composer-text").await.send_keys(reply).await.expect("write the reply");
    app.wait_for_text("whatsapp-reply", "Copiar y abrir WhatsApp").await;
    app.wait_for("whatsapp-reply").await.click().await.expect("copy and open WhatsApp");

    // Recorded in the thread, the waiting time stops, the browser was asked for the buyer's chat.
    let messages = app.wait_for_elements("message", "exactly 6", |n| n == 6).await;
    let last = messages[5].text().await.unwrap_or_default();
    assert!(last.contains(reply), "the reply is in the thread: {last}");
    wait_until(&app, "the waiting time to stop", || row_waiting(&app, "555-0199", false)).await;
    wait_until(&app, "the wa.me address", || file_written(&opened)).await;
    assert_eq!(std::fs::read_to_string(&opened).unwrap(), "https://wa.me/5493515550199\n");
    let copied = arboard::Clipboard::new().and_then(|mut c| c.get_text()).unwrap_or_default();
    assert_eq!(copied, reply, "the reply is on the clipboard");
    app.screenshot("whatsapp-12-replied").await;
    app.quit().await;
}

async fn first_preview_has(app: &RunningApp, date: &str) -> bool {
    first_preview_line(app).await.contains(date)
}

async fn file_written(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| !text.is_empty())
}

async fn first_preview_line(app: &RunningApp) -> String {
    app.client
        .execute(
            "const li = document.querySelector('[data-testid=whatsapp-first] li'); return li ? li.textContent : '';",
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A `<select>` set as the seller's pick would set it (WebDriver cannot open native popups).
async fn choose_option(app: &RunningApp, test_id: &str, value: &str) {
    app.wait_for(test_id).await;
    app.client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![selector(test_id).into(), value.into()],
        )
        .await
        .expect("choose an option");
}

/// Whether the inbox row with `name` shows (or not) how long the buyer has waited.
async fn row_waiting(app: &RunningApp, name: &str, waiting: bool) -> bool {
    let rows = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=inbox-row]'), (row) => [row.textContent, !!row.querySelector('[data-testid=waiting]')])",
            vec![],
        )
        .await
        .unwrap_or_default();
    rows.as_array().is_some_and(|rows| {
        rows.iter()
            .any(|row| row[0].as_str().is_some_and(|t| t.contains(name)) && row[1].as_bool() == Some(waiting))
    })
}

fn find_file(dir: &std::path::Path, name: &str) -> Option<std::path::PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, name) {
                return Some(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return Some(path);
        }
    }
    None
}

/// Rows are re-rendered when the store changes: look them up afresh each time.
async fn row_with(app: &RunningApp, name: &str) -> bool {
    let texts = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=inbox-row]'), (row) => row.textContent)",
            vec![],
        )
        .await
        .unwrap_or_default();
    texts.as_array().is_some_and(|rows| rows.iter().any(|row| row.as_str().is_some_and(|t| t.contains(name))))
}

/// The path field (Ctrl+Alt+Shift+O) → the same start the drop handler calls.
async fn open_by_path(app: &RunningApp, path: &str) {
    app.client
        .execute(
            "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'O', ctrlKey: true, altKey: true, shiftKey: true }))",
            vec![],
        )
        .await
        .expect("reveal the path field");
    app.wait_for("whatsapp-path-input").await.send_keys(path).await.expect("type the path");
    app.wait_for("whatsapp-path-open").await.click().await.expect("open");
    app.wait_for("whatsapp-import").await;
}

async fn choose_me(app: &RunningApp, name: &str) {
    for radio in app.wait_for_count("whatsapp-me", 2).await {
        if radio.attr("value").await.unwrap().as_deref() == Some(name) {
            radio.click().await.expect("choose me");
            return;
        }
    }
    panic!("no author {name}");
}

/// Multi-line text into a field, as a paste would put it (typing "\n" would press Enter).
async fn set_value(app: &RunningApp, test_id: &str, text: &str) {
    app.wait_for(test_id).await;
    app.client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![selector(test_id).into(), text.into()],
        )
        .await
        .expect("paste");
}

async fn wait_until<F, Fut>(app: &RunningApp, what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while !check().await {
        if tokio::time::Instant::now() > deadline {
            app.screenshot("whatsapp-failed").await;
            let _ = app.client.find(Locator::Css("body")).await;
            panic!("timed out waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
