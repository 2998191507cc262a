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
