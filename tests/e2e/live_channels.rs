//! Live channels in the demo store: the app launched with `--demo` runs the simulated
//! Mercado Libre, Telegram, Instagram and Etsy in-process. A new ML question (driven through the simulator's admin
//! API) reaches the inbox and raises a notification; the seller answers it with a saved answer,
//! confirms the public-answer dialog, and the simulator receives exactly one answer; a post-sale
//! reply with a phone number comes back moderated and the app says so. Input latency is measured
//! while the simulator keeps generating activity. In a post-sale conversation, a thank-you is
//! questioned before it goes ("¿Hace falta este mensaje?") and goes anyway when the seller says so.
//!
//! Seams: `MOSTRADOR_DEMO_ADDR_FILE` (the simulator's ML base URL), `MOSTRADOR_NOTIFY_LOG` (the
//! notifications, since Xvfb has no notification service).

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;
use fantoccini::key::Key;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::driver::{RunningApp, WAIT, selector};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_store_syncs_notifies_and_sends() {
    let seams = tempfile::tempdir().expect("temp dir");
    let addr_file = seams.path().join("demo-addr.txt");
    let notify_log = seams.path().join("notify.log");
    let opened_log = seams.path().join("opened.log");
    let app = RunningApp::launch_with_args(
        "es_AR.UTF-8",
        &[
            ("MOSTRADOR_DEMO_ADDR_FILE", addr_file.to_str().expect("utf-8 path")),
            ("MOSTRADOR_NOTIFY_LOG", notify_log.to_str().expect("utf-8 path")),
            ("MOSTRADOR_OPEN_URL_LOG", opened_log.to_str().expect("utf-8 path")),
        ],
        &["--demo"],
    )
    .await;

    // --demo skips the welcome screen: the inbox fills as the demo's accounts sync.
    app.wait_for("inbox").await;
    let ml_base = wait_for_file_line(&addr_file).await;
    let simulator = Admin::new(&ml_base);
    app.wait_for_count("inbox-row", 3).await;
    app.screenshot("live-01-demo-inbox").await;

    // The accounts screen: two demo accounts, synced.
    app.wait_for("open-accounts").await.click().await.expect("open accounts");
    let cards = app.wait_for_count("account-card", 2).await;
    for card in &cards {
        assert!(
            card.find(Locator::Css(&selector("account-demo"))).await.is_ok(),
            "each demo account says Demo"
        );
    }
    wait_until("both demo accounts are up to date", || async {
        let mut ok = 0;
        for card in app.all("account-card").await {
            if card.attr("data-state").await.ok().flatten().as_deref() == Some("ok") {
                ok += 1;
            }
        }
        ok >= 3
    })
    .await;
    app.screenshot("live-02-accounts").await;
    // Xvfb's session has no keychain: the screen asks before using the encrypted file (the demo's
    // own tokens stay in memory, so it synced meanwhile).
    if let Ok(allow) = app.client.find(Locator::Css(&selector("secrets-allow-file"))).await {
        allow.click().await.expect("allow the encrypted file");
        let state = app.wait_for("secrets-state").await;
        assert_eq!(state.attr("data-state").await.ok().flatten().as_deref(), Some("encrypted_file"));
    }
    app.wait_for("connect-ml").await.click().await.expect("open the ML wizard");
    app.wait_for("ml-wizard").await;
    app.wait_for("ml-next").await.click().await.expect("to the application step");
    app.wait_for("ml-client-id").await;
    app.screenshot("live-03-ml-wizard").await;
    // "Abrir la página de autorización": the shell opens Mercado Libre's own auth page (logged here).
    app.wait_for("ml-client-id").await.send_keys("4242").await.expect("type the client id");
    app.wait_for("ml-client-secret").await.send_keys("not-a-real-secret").await.expect("type the secret");
    app.wait_for("ml-next").await.click().await.expect("to the authorisation step");
    app.wait_for("ml-open-auth").await.click().await.expect("open the authorisation page");
    let opened = wait_until_value("the authorisation page to open", || async {
        lines(&opened_log).into_iter().find(|url| url.contains("client_id=4242"))
    })
    .await;
    assert!(opened.starts_with("https://auth.mercadolibre.com.ar/authorization?"), "{opened}");
    app.wait_for("ml-authorize-url").await;
    app.screenshot("live-04-ml-authorize").await;
    app.wait_for("close-accounts").await.click().await.expect("close accounts");

    // A new question on Mercado Libre: it reaches the inbox and one grouped notification. The list
    // shows Mercado Libre only, so the new row is among the rendered ones however many other
    // channels' conversations wait above it.
    app.wait_for("channel-filter").await.select_by_value("mercado_libre").await.expect("only Mercado Libre");
    let notices_before = lines(&notify_log).len();
    let rows_before = conversation_ids(&app).await;
    simulator.post("/_sim/generate", &json!({ "questions": 1 })).await;
    open_new(&app, &rows_before, "pre_sale_question").await;
    let notice = wait_until_value("a notification for the new question", || async {
        lines(&notify_log).into_iter().skip(notices_before).find(|line| line.contains("mensaje"))
    })
    .await;
    println!("notification: {notice}");

    // Answer it with a saved answer from the "/" picker; Send asks first (public, permanent).
    let composer = app.wait_for("composer-text").await;
    composer.send_keys("/hola").await.expect("type a shortcut");
    app.wait_for_count("answer-hit", 1).await[0].click().await.expect("choose the greeting");
    app.wait_for("answer-do").await.click().await.expect("insert it");
    let answer = composer_text(&app).await;
    assert!(
        !answer.trim().is_empty() && !answer.contains("/hola"),
        "the saved answer was inserted: {answer:?}"
    );
    app.wait_for("composer-send").await.click().await.expect("send");
    let confirm = app.wait_for("send-confirm").await.text().await.unwrap_or_default();
    assert!(confirm.contains("públicas") && confirm.contains("no se pueden editar ni borrar"), "{confirm}");
    app.screenshot("live-05-send-confirmation").await;
    app.wait_for("send-confirm-yes").await.click().await.expect("publish");

    let answers = wait_until_value("the simulator receives the answer", || async {
        let state = simulator.get("/_sim/state").await;
        let answers = state["answers_received"].as_array().cloned().unwrap_or_default();
        (!answers.is_empty()).then_some(answers)
    })
    .await;
    // Give a duplicate the time to show up if the outbox were to send twice.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let answers =
        simulator.get("/_sim/state").await["answers_received"].as_array().cloned().unwrap_or(answers);
    assert_eq!(answers.len(), 1, "exactly one answer: {answers:#?}");
    assert_eq!(answers[0]["text"].as_str().map(str::trim), Some(answer.trim()), "{answers:#?}");
    let sent = wait_for_message_status(&app, "sent").await.text().await.unwrap_or_default();
    assert!(sent.contains("Enviado"), "{sent}");
    app.screenshot("live-06-answer-sent").await;

    // A post-sale conversation (the demo's first purchases): the reply with a phone number is
    // moderated, and the app shows why.
    open_new(&app, &[], "post_sale").await;
    let composer = app.wait_for("composer-text").await;
    composer
        .send_keys("¡Hola! Si prefieres, llámame al 351 555-0142 y lo coordinamos.")
        .await
        .expect("type the reply");
    app.wait_for("composer-send").await.click().await.expect("send the post-sale reply");
    let delivery = wait_for_message_status(&app, "moderated").await;
    let shown = delivery.text().await.unwrap_or_default();
    assert!(shown.contains("Moderado por Mercado Libre"), "{shown}");
    assert!(shown.contains("Motivo"), "the reason is shown: {shown}");
    app.screenshot("live-07-moderated-reply").await;

    // Input latency while sync runs: j/k moves the list selection; measured inside the page from
    // the key event to the selection's attribute change, while the simulator keeps generating.
    measure_input_latency(&app, &simulator).await;
    app.screenshot("live-08-after-latency").await;

    app.quit().await;
}

/// The first-run button starts the same demo store; a later launch without it shows the demo
/// accounts as "not running" instead of failing (and in Portuguese, for a Brazilian seller).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_run_button_opens_the_demo_and_a_later_launch_shows_it_stopped() {
    let kept = tempfile::tempdir().expect("temp dir");
    let database = kept.path().join("mostrador.sqlite3");
    let database = database.to_str().expect("utf-8 path");

    let app = RunningApp::launch("pt_BR.UTF-8", &[("MOSTRADOR_DB", database)]).await;
    let button = app.wait_for("try-demo-store").await;
    assert_eq!(button.text().await.unwrap_or_default().trim(), "Experimentar a loja demo ao vivo");
    button.click().await.expect("start the demo store");
    app.wait_for("inbox").await;
    app.wait_for_count("inbox-row", 3).await;
    app.wait_for("open-accounts").await.click().await.expect("open accounts");
    wait_until("the demo accounts synced", || async {
        let mut ok = 0;
        for card in app.all("account-card").await {
            if card.attr("data-state").await.ok().flatten().as_deref() == Some("ok") {
                ok += 1;
            }
        }
        ok == 4
    })
    .await;
    app.screenshot("live-09-accounts-pt").await;
    app.quit().await;

    // Again, without the demo: the accounts say so and stay off; the inbox keeps what came in.
    let addr_file = kept.path().join("demo-addr.txt");
    let addr = addr_file.to_str().expect("utf-8 path");
    let app =
        RunningApp::launch("pt_BR.UTF-8", &[("MOSTRADOR_DB", database), ("MOSTRADOR_DEMO_ADDR_FILE", addr)])
            .await;
    app.wait_for("inbox").await;
    app.wait_for_count("inbox-row", 3).await;
    app.wait_for("open-accounts").await.click().await.expect("open accounts");
    let cards = app.wait_for_count("account-card", 4).await;
    for card in &cards {
        assert_eq!(card.attr("data-state").await.ok().flatten().as_deref(), Some("demo_stopped"));
        let state = card.find(Locator::Css(&selector("account-state"))).await.expect("state");
        assert_eq!(state.text().await.unwrap_or_default().trim(), "Demo — não está rodando");
    }
    app.screenshot("live-10-demo-stopped-pt").await;

    // The card's button opens it again: a new simulator, the same accounts, syncing again — a
    // new Telegram chat arrives (the earlier run's offset does not hide the new simulator's).
    cards[0]
        .find(Locator::Css(&selector("account-demo-restart")))
        .await
        .expect("the restart button")
        .click()
        .await
        .expect("open the demo again");
    let simulator = Admin::new(&wait_for_file_line(&addr_file).await);
    wait_until("the demo accounts synced again", || async {
        let mut ok = 0;
        for card in app.all("account-card").await {
            if card.attr("data-state").await.ok().flatten().as_deref() == Some("ok") {
                ok += 1;
            }
        }
        ok == 4
    })
    .await;
    app.wait_for("close-accounts").await.click().await.expect("close accounts");
    app.wait_for("channel-filter").await.select_by_value("telegram").await.expect("only Telegram");
    let before = wait_until_value("the Telegram chats", || async {
        let rows = telegram_rows(&app).await;
        (!rows.is_empty()).then_some(rows)
    })
    .await;
    simulator.post("/_sim/generate", &json!({ "telegram_messages": 2 })).await;
    wait_until("a new Telegram message in the inbox", || async {
        let now = telegram_rows(&app).await;
        !now.is_empty() && now != before
    })
    .await;
    app.quit().await;
}

/// "Is this message needed?" in a Mercado Libre post-sale conversation: a thank-you is questioned
/// before it goes, with the words that show it marked; Esc goes back to it unsent; "Enviar igual"
/// sends it and Mercado Libre receives it once. A message the buyer needs goes at once. In
/// Portuguese, from the keyboard: Ctrl+Enter asks, and Ctrl+Enter again sends anyway.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_sale_thank_you_is_questioned_and_sent_anyway() {
    let (app, simulator, _seams) = launch_demo_in_spanish().await;
    app.wait_for("channel-filter").await.select_by_value("mercado_libre").await.expect("only Mercado Libre");
    simulator.post("/_sim/generate", &json!({ "post_sale_messages": 1 })).await;
    open_new(&app, &[], "post_sale").await;

    let thanks = "¡Muchas gracias por tu compra! Que la disfrutes mucho";
    app.wait_for("composer-text").await.send_keys(thanks).await.expect("type the thank-you");
    app.wait_for("composer-send").await.click().await.expect("send");
    let check = app.wait_for("post-sale-check").await;
    assert_eq!(check.attr("data-action").await.ok().flatten().as_deref(), Some("send"));
    let shown = check.text().await.unwrap_or_default();
    assert!(shown.contains("¿Hace falta este mensaje?"), "{shown}");
    assert!(shown.contains("solo para agradecerle"), "the reason is Mercado Libre's: {shown}");
    assert_eq!(marked_words(&app).await, ["Muchas gracias", "Que la disfrutes"]);
    let proceed = app.wait_for("post-sale-check-proceed").await.text().await.unwrap_or_default();
    assert!(proceed.contains("Enviar igual"), "{proceed}");
    app.screenshot("post-sale-01-thank-you-questioned").await;

    // Esc: back to the reply box with the text kept, nothing sent.
    let focused = app.client.active_element().await.expect("the focused element");
    assert_eq!(focused.attr("data-testid").await.ok().flatten().as_deref(), Some("post-sale-check-edit"));
    focused.send_keys(&Key::Escape).await.expect("press Esc");
    app.wait_for_elements("post-sale-check", "no", |n| n == 0).await;
    assert_eq!(composer_text(&app).await, thanks);
    wait_until("the reply box has the keyboard again", || async {
        let focused = app.client.active_element().await.expect("the focused element");
        focused.attr("data-testid").await.ok().flatten().as_deref() == Some("composer-text")
    })
    .await;
    assert!(post_sale_sent(&simulator).await.is_empty(), "Esc sends nothing");

    // Send again, and this time "Enviar igual": it goes through Mercado Libre, once.
    app.wait_for("composer-send").await.click().await.expect("send again");
    app.wait_for("post-sale-check-proceed").await.click().await.expect("send anyway");
    app.wait_for_elements("post-sale-check", "no", |n| n == 0).await;
    wait_until("Mercado Libre receives the thank-you", || async {
        post_sale_sent(&simulator).await.iter().any(|text| text == thanks)
    })
    .await;
    let delivered = wait_for_message_status(&app, "sent").await.text().await.unwrap_or_default();
    assert!(delivered.contains("Enviado"), "{delivered}");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(post_sale_sent(&simulator).await, [thanks], "sent once");
    app.screenshot("post-sale-02-sent-anyway").await;

    // A message the buyer needs (which colour) goes at once: no question.
    let needed = "¡Gracias! ¿Me confirmás el color que querés, verde oliva o arena?";
    app.wait_for("composer-text").await.send_keys(needed).await.expect("type the question");
    app.wait_for("composer-send").await.click().await.expect("send the question");
    wait_until("Mercado Libre receives the question", || async {
        post_sale_sent(&simulator).await.iter().any(|text| text == needed)
    })
    .await;
    assert!(app.all("post-sale-check").await.is_empty(), "a needed message is not questioned");
    app.screenshot("post-sale-03-needed-sent-at-once").await;

    // In Portuguese, from the keyboard: Ctrl+Enter asks; Ctrl+Enter again sends anyway.
    app.wait_for("open-settings").await.click().await.expect("open settings");
    app.wait_for("language-select").await.select_by_value("pt-BR").await.expect("choose Portuguese");
    app.wait_for_text("inbox-title", "Caixa de entrada").await;
    app.wait_for("close-settings").await.click().await.expect("close settings");
    let update = "Oi! Seu pedido já foi postado e está a caminho";
    let composer = app.wait_for("composer-text").await;
    composer.send_keys(update).await.expect("type the update");
    composer.send_keys(&format!("{}{}", Key::Control, Key::Enter)).await.expect("press Ctrl+Enter");
    let check = app.wait_for("post-sale-check").await;
    let shown = check.text().await.unwrap_or_default();
    assert!(shown.contains("Esta mensagem é necessária?"), "{shown}");
    assert!(shown.contains("duas vezes"), "{shown}");
    assert_eq!(marked_words(&app).await, ["já foi postado", "está a caminho"]);
    app.screenshot("post-sale-04-progress-update-pt").await;
    let focused = app.client.active_element().await.expect("the focused element");
    focused.send_keys(&format!("{}{}", Key::Control, Key::Enter)).await.expect("Ctrl+Enter again");
    wait_until("Mercado Libre receives the update", || async {
        post_sale_sent(&simulator).await.iter().any(|text| text == update)
    })
    .await;
    app.wait_for_elements("post-sale-check", "no", |n| n == 0).await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the demo store's reasons list stays empty since the seller-metrics merge: to fix first"]
async fn a_purchase_nobody_wrote_about_is_opened_with_a_reason_mercado_libre_offers() {
    let (app, simulator, _seams) = launch_demo_in_spanish().await;
    simulator.post("/_sim/generate", &json!({ "new_orders": 4 })).await;
    // Paid purchases whose pack has no conversation yet wait in "Hoy", offering to write first.
    let first = open_silent_purchase(&app).await;

    // The reasons Mercado Libre offers for this purchase, in place of the reply box.
    let panel = app.wait_for("post-sale-reasons").await;
    assert!(app.all("composer-text").await.is_empty(), "no free reply before the buyer writes");
    let reasons = app.wait_for_count("post-sale-reason", 3).await;
    let mut offered = Vec::new();
    for reason in &reasons {
        offered.push(reason.attr("data-reason").await.ok().flatten().unwrap_or_default());
    }
    assert!(
        offered.contains(&"OTHER".to_owned()) && offered.contains(&"SEND_INVOICE_LINK".to_owned()),
        "{offered:?}"
    );
    let intro = panel.text().await.unwrap_or_default();
    assert!(intro.contains("solo por uno de estos motivos"), "{intro}");
    app.screenshot("post-sale-reasons-01-offered").await;

    // A fixed text: shown as the buyer will read it, sent as it is.
    let fixed = offered
        .iter()
        .find(|id| !matches!(id.as_str(), "OTHER" | "SEND_INVOICE_LINK"))
        .expect("a reason with a fixed text")
        .clone();
    let before = post_sale_sent(&simulator).await.len();
    choose_reason(&app, &fixed).await;
    let text = app.wait_for("post-sale-fixed-text").await.text().await.unwrap_or_default();
    assert!(!text.trim().is_empty() && !text.contains("%d"), "{text:?}");
    app.screenshot("post-sale-reasons-02-fixed-text").await;
    app.wait_for("post-sale-send").await.click().await.expect("send the reason");
    wait_until("Mercado Libre receives the fixed text", || async {
        post_sale_sent(&simulator).await.len() == before + 1
    })
    .await;

    // The seller's own words, in another purchase (the demo's buyers answer soon, and then this
    // one takes free replies): started with the buyer's name and the product, checked, sent once.
    let other = open_silent_purchase(&app).await;
    assert_ne!(other, first, "another purchase");
    app.wait_for_count("post-sale-reason", 2).await;
    choose_reason(&app, "OTHER").await;
    let own = app.wait_for("post-sale-text").await;
    let greeting = own.prop("value").await.ok().flatten().unwrap_or_default();
    assert!(greeting.starts_with("Hola ") && greeting.contains("tu compra de «"), "{greeting:?}");
    let problem = "la taza que elegiste se rajó en el horno: te hago otra igual y sale el lunes.";
    own.send_keys(problem).await.expect("type the problem");
    app.screenshot("post-sale-reasons-03-own-words").await;
    app.wait_for("post-sale-send").await.click().await.expect("send it");
    wait_until("Mercado Libre receives the seller's words", || async {
        post_sale_sent(&simulator).await.iter().any(|text| text.ends_with(problem))
    })
    .await;
    assert!(app.all("post-sale-check").await.is_empty(), "a problem with the product is worth writing");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(post_sale_sent(&simulator).await.len(), before + 2, "each sent once");
    app.screenshot("post-sale-reasons-04-sent").await;
    app.quit().await;
}

/// The app in Spanish on the demo store, its inbox shown, and the demo simulator's admin API (the
/// seams' folder lives as long as the test keeps it).
async fn launch_demo_in_spanish() -> (RunningApp, Admin, tempfile::TempDir) {
    let seams = tempfile::tempdir().expect("temp dir");
    let addr_file = seams.path().join("demo-addr.txt");
    let app = RunningApp::launch_with_args(
        "es_AR.UTF-8",
        &[("MOSTRADOR_DEMO_ADDR_FILE", addr_file.to_str().expect("utf-8 path"))],
        &["--demo"],
    )
    .await;
    app.wait_for("inbox").await;
    let simulator = Admin::new(&wait_for_file_line(&addr_file).await);
    (app, simulator, seams)
}

/// Opens, from "Hoy", a purchase nobody has written about yet; returns its order id.
async fn open_silent_purchase(app: &RunningApp) -> String {
    app.wait_for("open-today").await.click().await.expect("open Hoy");
    let silent = format!("{} button[title=\"Escribir al comprador\"]", selector("today-row"));
    let row = wait_until_value("a purchase nobody wrote about in Hoy", || async {
        let found = app.client.find(Locator::Css(&silent)).await.ok();
        if found.is_none() {
            // Opened before the purchases synced: open it again.
            let _ = app
                .client
                .execute("document.querySelector('[data-testid=close-today]')?.click()", vec![])
                .await;
            let _ = app
                .client
                .execute("document.querySelector('[data-testid=open-today]')?.click()", vec![])
                .await;
        }
        found
    })
    .await;
    let order: String = app
        .client
        .execute(
            "return arguments[0].closest('[data-order-id]').dataset.orderId",
            vec![serde_json::to_value(&row).unwrap()],
        )
        .await
        .expect("the row's order")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    row.click().await.expect("open the purchase");
    app.wait_for("post-sale-reasons").await;
    order
}

async fn choose_reason(app: &RunningApp, id: &str) {
    let label = format!("{}[data-reason=\"{id}\"]", selector("post-sale-reason"));
    app.client.find(Locator::Css(&label)).await.expect("the reason").click().await.expect("choose it");
}

/// The words the post-sale check marks, in order.
async fn marked_words(app: &RunningApp) -> Vec<String> {
    let mut words = Vec::new();
    for mark in app.all("post-sale-mark").await {
        words.push(mark.text().await.unwrap_or_default());
    }
    words
}

/// The post-sale messages the simulated Mercado Libre received, in order.
async fn post_sale_sent(simulator: &Admin) -> Vec<String> {
    let state = simulator.get("/_sim/state").await;
    let sent = state["post_sale_sent"].as_array().cloned().unwrap_or_default();
    sent.iter().filter_map(|m| m["text"].as_str().map(str::to_owned)).collect()
}

async fn measure_input_latency(app: &RunningApp, simulator: &Admin) {
    app.client
        .execute(
            r#"
            window.__latencies = [];
            window.__painted = [];
            window.__rowsAdded = 0;
            window.__keyAt = null;
            document.addEventListener('keydown', (e) => {
              if (e.key === 'j' || e.key === 'k') window.__keyAt = performance.now();
            }, true);
            const list = document.querySelector('[data-testid="inbox-list"]');
            new MutationObserver(() => {
              const at = window.__keyAt;
              if (at !== null) {
                window.__latencies.push(performance.now() - at);
                window.__keyAt = null;
                // The frame that shows it: the next animation frame after the change.
                requestAnimationFrame(() => window.__painted.push(performance.now() - at));
              }
            }).observe(list, { attributes: true, subtree: true, attributeFilter: ['aria-selected'] });
            // Sync at work meanwhile: rows the refetches bring in.
            new MutationObserver((changes) => {
              for (const change of changes) window.__rowsAdded += change.addedNodes.length;
            }).observe(list, { childList: true, subtree: true });
            document.activeElement?.blur();
            list.focus();
            "#,
            vec![],
        )
        .await
        .expect("install the latency probe");
    let list = app.wait_for("inbox-list").await;
    for press in 0..20 {
        if press % 5 == 0 {
            simulator
                .post(
                    "/_sim/generate",
                    &json!({ "questions": 3, "post_sale_messages": 1, "telegram_messages": 2 }),
                )
                .await;
        }
        let key = if press % 2 == 0 { "j" } else { "k" };
        list.send_keys(key).await.expect("press j/k");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let moved = probe(app, "__latencies").await;
    let painted = probe(app, "__painted").await;
    let rows_added = app.client.execute("return window.__rowsAdded", vec![]).await.expect("read the probe");
    assert!(moved.len() >= 15 && painted.len() >= 15, "the selection moved on most presses: {moved:?}");
    let median = |values: &[f64]| values[values.len() / 2];
    let worst = |values: &[f64]| values[values.len() - 1];
    println!(
        "input latency while syncing ({} presses of j/k; {rows_added} list rows re-rendered by sync meanwhile): \
         key → selection moved median {:.1} ms, max {:.1} ms; key → next frame median {:.1} ms, max {:.1} ms",
        moved.len(),
        median(&moved),
        worst(&moved),
        median(&painted),
        worst(&painted),
    );
    assert!(
        median(&painted) < 100.0,
        "the list answers the keyboard within 100 ms while syncing: {painted:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instagram_message_is_answered_and_a_closed_window_says_why() {
    let seams = tempfile::tempdir().expect("temp dir");
    let addr_file = seams.path().join("demo-addr.txt");
    let opened_log = seams.path().join("opened.log");
    let app = RunningApp::launch_with_args(
        "es_AR.UTF-8",
        &[
            ("MOSTRADOR_DEMO_ADDR_FILE", addr_file.to_str().expect("utf-8 path")),
            ("MOSTRADOR_OPEN_URL_LOG", opened_log.to_str().expect("utf-8 path")),
        ],
        &["--demo"],
    )
    .await;
    app.wait_for("inbox").await;
    let instagram_base = wait_until_value("the demo store's Instagram address", || async {
        lines(&addr_file).into_iter().nth(2)
    })
    .await;
    let simulator = Admin::new(&instagram_base);
    simulator.post("/_sim/generate", &json!({ "instagram_messages": 2 })).await;
    app.wait_for("channel-filter").await.select_by_value("instagram").await.expect("only Instagram");

    // A buyer's direct message with the window open: answered with a saved answer, sent once.
    open_instagram(&app, Window::Open).await;
    app.screenshot("live-11-instagram-dm").await;
    let composer = app.wait_for("composer-text").await;
    composer.send_keys("/hola").await.expect("type a shortcut");
    app.wait_for_count("answer-hit", 1).await[0].click().await.expect("choose the greeting");
    app.wait_for("answer-do").await.click().await.expect("insert it");
    let answer = composer_text(&app).await;
    assert!(
        !answer.trim().is_empty() && !answer.contains("/hola"),
        "the saved answer was inserted: {answer:?}"
    );
    app.wait_for("composer-send").await.click().await.expect("send");
    let sent = wait_until_value("Instagram receives the reply", || async {
        let state = simulator.get("/_sim/state").await;
        let sent = state["meta"]["instagram_sent"].as_array().cloned().unwrap_or_default();
        (!sent.is_empty()).then_some(sent)
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let sent =
        simulator.get("/_sim/state").await["meta"]["instagram_sent"].as_array().cloned().unwrap_or(sent);
    assert_eq!(sent.len(), 1, "exactly one message: {sent:#?}");
    assert_eq!(sent[0]["text"].as_str().map(str::trim), Some(answer.trim()));
    let delivered = wait_for_message_status(&app, "sent").await.text().await.unwrap_or_default();
    assert!(delivered.contains("Enviado"), "{delivered}");
    app.screenshot("live-12-instagram-sent").await;

    // Yesterday's conversation: Meta's 24 hours are over; the composer says why it cannot send,
    // keeps Copy, and opens the conversation in Instagram instead.
    open_instagram(&app, Window::Closed).await;
    let window = app.wait_for("send-window").await.text().await.unwrap_or_default();
    assert!(window.contains("24"), "the composer says why: {window}");
    assert!(app.client.find(Locator::Css(&selector("composer-send"))).await.is_err(), "no Send");
    app.wait_for("composer-copy").await;
    app.screenshot("live-13-instagram-window-closed").await;
    app.wait_for("open-in-app").await.click().await.expect("open in Instagram");
    let opened = wait_until_value("Instagram to open", || async {
        lines(&opened_log).into_iter().find(|url| url.contains("ig.me") || url.contains("instagram.com"))
    })
    .await;
    assert!(
        opened.starts_with("https://ig.me/m/") || opened.starts_with("https://www.instagram.com/"),
        "{opened}"
    );
    app.quit().await;
}

/// Whether a conversation's reply window is open.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Window {
    Open,
    Closed,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn etsy_orders_reach_the_buyers_thread_and_the_days_plan() {
    let seams = tempfile::tempdir().expect("temp dir");
    let addr_file = seams.path().join("demo-addr.txt");
    let opened_log = seams.path().join("opened.log");
    let app = RunningApp::launch_with_args(
        "es_AR.UTF-8",
        &[
            ("MOSTRADOR_DEMO_ADDR_FILE", addr_file.to_str().expect("utf-8 path")),
            ("MOSTRADOR_OPEN_URL_LOG", opened_log.to_str().expect("utf-8 path")),
        ],
        &["--demo"],
    )
    .await;
    app.wait_for("inbox").await;
    let etsy_base =
        wait_until_value("the demo store's Etsy address", || async { lines(&addr_file).into_iter().nth(3) })
            .await;
    assert!(etsy_base.starts_with("http://127.0.0.1:"), "{etsy_base}");

    // The Etsy card syncs like the others; its wizard opens Etsy's own page with a PKCE challenge.
    app.wait_for("open-accounts").await.click().await.expect("open accounts");
    wait_until("the Etsy account is up to date", || async {
        for card in app.all("account-card").await {
            let state = card.attr("data-state").await.ok().flatten();
            let name = card.prop("textContent").await.ok().flatten().unwrap_or_default();
            if name.contains("TallerLunaStudio") && state.as_deref() == Some("ok") {
                return true;
            }
        }
        false
    })
    .await;
    if let Ok(allow) = app.client.find(Locator::Css(&selector("secrets-allow-file"))).await {
        allow.click().await.expect("allow the encrypted file");
    }
    app.screenshot("live-13-etsy-account").await;
    let connect = app.wait_for("connect-etsy").await;
    // Below the four cards: brought into view first, as the seller would scroll.
    let centre = format!(
        "document.querySelector({:?})?.scrollIntoView({{ block: 'center' }})",
        selector("connect-etsy")
    );
    app.client.execute(&centre, vec![]).await.expect("scroll to the Etsy button");
    connect.click().await.expect("open the Etsy wizard");
    app.wait_for("etsy-keystring").await.send_keys("k3ystr1ngdemo").await.expect("type the keystring");
    app.screenshot("live-14-etsy-wizard").await;
    app.wait_for("etsy-next").await.click().await.expect("to the authorisation step");
    app.wait_for("etsy-open-auth").await.click().await.expect("open Etsy");
    let opened = wait_until_value("Etsy's authorisation page to open", || async {
        lines(&opened_log).into_iter().find(|url| url.contains("client_id=k3ystr1ngdemo"))
    })
    .await;
    assert!(opened.starts_with("https://www.etsy.com/oauth/connect?"), "{opened}");
    assert!(
        opened.contains("code_challenge_method=S256") && opened.contains("scope=transactions_r"),
        "{opened}"
    );
    app.wait_for("etsy-authorize-url").await;
    app.screenshot("live-15-etsy-authorize").await;
    app.wait_for("close-accounts").await.click().await.expect("close accounts");

    // The shop's open Etsy orders (one unpaid, two paid; the shipped one is done) are on the day's
    // plan, each with Etsy's ship-by date.
    app.wait_for("open-today").await.click().await.expect("open today");
    let etsy_rows = wait_until_value("Etsy orders on the day's plan", || async {
        let mut etsy = Vec::new();
        for row in app.all("today-row").await {
            let text = row.prop("textContent").await.ok().flatten().unwrap_or_default();
            if text.contains("Etsy") || ETSY_PRODUCTS.iter().any(|p| text.contains(p)) {
                etsy.push((row, text));
            }
        }
        (etsy.len() >= 3).then_some(etsy)
    })
    .await;
    for (row, text) in &etsy_rows {
        let days = row.attr("data-days-left").await.ok().flatten().unwrap_or_default();
        assert!(!days.is_empty(), "an Etsy order has its ship-by as due date: {text}");
    }
    app.screenshot("live-16-etsy-today").await;

    // The order with a checkout note opens its thread: the note, then the order with its items.
    let mut opened_thread = false;
    for (row, _) in &etsy_rows {
        let button = row.find(Locator::Css("button")).await.expect("the row's button");
        if button.attr("disabled").await.ok().flatten().is_some() {
            continue;
        }
        button.click().await.expect("open the order's conversation");
        opened_thread = true;
        break;
    }
    assert!(opened_thread, "an Etsy order with a note has a conversation");
    let order = app.wait_for("order").await;
    let text = order.prop("textContent").await.ok().flatten().unwrap_or_default();
    assert!(ETSY_PRODUCTS.iter().any(|p| text.contains(p)), "the order lists Etsy's items: {text}");
    let conversation = app.wait_for("conversation").await;
    let thread = conversation.prop("textContent").await.ok().flatten().unwrap_or_default();
    assert!(
        thread.contains("Happy birthday") || thread.contains("20th"),
        "the buyer's note is in the thread"
    );
    app.screenshot("live-17-etsy-order-thread").await;
    app.quit().await;
}

/// What the simulated Etsy shop sells.
const ETSY_PRODUCTS: &[&str] = &[
    "Handwoven wool table runner",
    "Ceramic mug, speckled glaze",
    "Macramé wall hanging",
    "Leather card holder, personalised",
    "Hand-dyed linen napkins (set of 4)",
];

/// Opens an Instagram direct conversation (the list is filtered to Instagram) whose window is as
/// asked: Send shows while it is open; the window line says it closed otherwise.
async fn open_instagram(app: &RunningApp, window: Window) {
    let mut tried: Vec<String> = Vec::new();
    let deadline = Instant::now() + WAIT;
    loop {
        let fresh: Vec<String> =
            conversation_ids(app).await.into_iter().filter(|id| !tried.contains(id)).collect();
        for id in fresh {
            open_row(app, &id).await;
            let open = app.wait_for("conversation").await;
            let kind = open.attr("data-kind").await.ok().flatten();
            let sends = app.client.find(Locator::Css(&selector("composer-send"))).await.is_ok();
            if kind.as_deref() == Some("chat") && sends == (window == Window::Open) {
                return;
            }
            tried.push(id);
        }
        assert!(Instant::now() < deadline, "no Instagram conversation with its window {window:?}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The inbox rows shown (the list filtered to Telegram): conversation id and last message.
async fn telegram_rows(app: &RunningApp) -> Vec<String> {
    let mut rows = Vec::new();
    for row in app.client.find_all(Locator::Css(&selector("inbox-row"))).await.unwrap_or_default() {
        let id = row.attr("data-conversation-id").await.ok().flatten().unwrap_or_default();
        let preview = match row.find(Locator::Css(".preview")).await {
            Ok(preview) => preview.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        rows.push(format!("{id}: {preview}"));
    }
    rows
}

/// A list of numbers the latency probe kept in the page, sorted.
async fn probe(app: &RunningApp, name: &str) -> Vec<f64> {
    let measured =
        app.client.execute(&format!("return window.{name}"), vec![]).await.expect("read the probe");
    let mut values: Vec<f64> = measured.as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
    values.sort_by(f64::total_cmp);
    values
}

/// The inbox rows' conversation ids, top to bottom; none while the list re-renders.
async fn conversation_ids(app: &RunningApp) -> Vec<String> {
    let mut ids = Vec::new();
    for row in app.client.find_all(Locator::Css(&selector("inbox-row"))).await.unwrap_or_default() {
        if let Ok(Some(id)) = row.attr("data-conversation-id").await {
            ids.push(id);
        }
    }
    ids
}

async fn open_row(app: &RunningApp, conversation_id: &str) {
    let row = format!("{}[data-conversation-id=\"{conversation_id}\"]", selector("inbox-row"));
    let open = format!("{}[data-conversation-id=\"{conversation_id}\"]", selector("conversation"));
    let deadline = Instant::now() + WAIT;
    loop {
        // A row being replaced by a refetch loses the click: click until the conversation shows.
        if let Ok(element) = app.client.find(Locator::Css(&row)).await {
            // A row half under the filters would take the click on the filters instead.
            let centre = format!("document.querySelector({row:?})?.scrollIntoView({{ block: 'center' }})");
            let _ = app.client.execute(&centre, vec![]).await;
            let _ = element.click().await;
        }
        tokio::time::sleep(Duration::from_millis(400)).await;
        if app.client.find(Locator::Css(&open)).await.is_ok() {
            return;
        }
        if Instant::now() >= deadline {
            app.screenshot(&format!("live-failed-open-{conversation_id}")).await;
            panic!("conversation {conversation_id} did not open");
        }
    }
}

/// Opens the first Mercado Libre conversation of `kind`, open for replies, that was not in the
/// inbox `before` (the demo's background activity may bring others meanwhile).
async fn open_new(app: &RunningApp, before: &[String], kind: &str) {
    let mut tried: Vec<String> = Vec::new();
    let deadline = Instant::now() + WAIT;
    loop {
        let fresh: Vec<String> = conversation_ids(app)
            .await
            .into_iter()
            .filter(|id| !before.contains(id) && !tried.contains(id))
            .collect();
        for id in fresh {
            open_row(app, &id).await;
            let open = app.wait_for("conversation").await;
            let shown =
                (open.attr("data-kind").await.ok().flatten(), open.attr("data-channel").await.ok().flatten());
            let sends = app.client.find(Locator::Css(&selector("composer-send"))).await.is_ok();
            if shown.0.as_deref() == Some(kind) && shown.1.as_deref() == Some("mercado_libre") && sends {
                return;
            }
            tried.push(id);
        }
        if Instant::now() >= deadline {
            app.screenshot(&format!("live-failed-new-{kind}")).await;
            panic!("no new Mercado Libre {kind} conversation reached the inbox (tried {tried:?})");
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Waits until the last outgoing message of the open conversation has `status`; returns its
/// delivery line.
async fn wait_for_message_status(app: &RunningApp, status: &str) -> Element {
    let css = format!("[data-testid=\"message\"][data-direction=\"outgoing\"][data-status=\"{status}\"]");
    wait_until_value(&format!("a reply {status}"), || async {
        let found = app.client.find_all(Locator::Css(&css)).await.unwrap_or_default();
        let last = found.into_iter().last()?;
        last.find(Locator::Css(&selector("message-delivery"))).await.ok()
    })
    .await
}

async fn composer_text(app: &RunningApp) -> String {
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for("composer-text").await.prop("value").await.ok().flatten().unwrap_or_default()
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap_or_default().lines().map(str::to_owned).collect()
}

async fn wait_for_file_line(path: &Path) -> String {
    wait_until_value("the demo store's address", || async { lines(path).into_iter().next() }).await
}

async fn wait_until<F: Future<Output = bool>>(what: &str, mut check: impl FnMut() -> F) {
    wait_until_value(what, || {
        let checked = check();
        async move { checked.await.then_some(()) }
    })
    .await
}

async fn wait_until_value<T, F: Future<Output = Option<T>>>(what: &str, mut check: impl FnMut() -> F) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The simulator's admin API over plain HTTP/1.1 (it listens on 127.0.0.1).
struct Admin {
    host: String,
}

impl Admin {
    fn new(base: &str) -> Admin {
        Admin { host: base.trim().trim_start_matches("http://").trim_end_matches('/').to_owned() }
    }

    async fn get(&self, path: &str) -> Value {
        self.request("GET", path, None).await
    }

    async fn post(&self, path: &str, body: &Value) -> Value {
        self.request("POST", path, Some(body)).await
    }

    async fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut stream = tokio::net::TcpStream::connect(&self.host).await.expect("connect to the simulator");
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.host,
            body.len()
        );
        stream.write_all(request.as_bytes()).await.expect("send to the simulator");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.expect("read the simulator's answer");
        let response = String::from_utf8_lossy(&response);
        let (head, payload) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        assert!(head.starts_with("HTTP/1.1 2"), "{method} {path}: {head}");
        let payload = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            dechunk(payload)
        } else {
            payload.to_owned()
        };
        serde_json::from_str(&payload).unwrap_or(Value::Null)
    }
}

fn dechunk(mut payload: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = payload.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else { break };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        payload = rest[size..].trim_start_matches("\r\n");
    }
    out
}
