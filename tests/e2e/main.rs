//! The real app, driven like a seller would: first run, the sample shop, a conversation, the
//! language switch. Run by `cargo xtask e2e`; screenshots land in target/e2e-artifacts/.

mod driver;
mod orders;
// ---- cut-off notices and capacity
mod cutoff;
// ---- saved answers
mod answers;
// ---- triage
mod inbox;
// ---- WhatsApp exports and manual capture
mod whatsapp;
// ---- live channels: the demo store, sending, notifications
mod live_channels;
// ---- Mercado Libre's reputation, claims and conversion in the metrics
mod seller_metrics;
// ---- e-mail against real servers, and Etsy's notices
mod email;
// ---- hostile text from buyers and sellers, everywhere it is shown
mod hostile_text;
// ---- the running app killed at random points
mod app_crash;
mod whatsapp_crash;

use driver::{RunningApp, selector};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_seller_tries_the_sample_shop() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;

    // First run: an empty database shows the welcome screen, in Spanish because the OS is.
    app.wait_for("first-run").await;
    assert!(app.all("inbox-row").await.is_empty(), "a new database has no conversations");
    app.screenshot("01-first-run").await;

    // "Try a sample shop" fills the inbox with a seller's morning.
    app.wait_for("try-sample-shop").await.click().await.expect("click try-sample-shop");
    app.wait_for("inbox").await;
    app.wait_for_text("inbox-title", "Bandeja de entrada").await;
    let rows = app.wait_for_count("inbox-row", 10).await;
    app.screenshot("02-inbox-sample-shop").await;
    assert!(driver::file_size(&app.database()) > 0, "the sample shop is stored in the database");

    // The first row is the buyer who has waited longest: opening it shows the messages in order.
    rows[0].click().await.expect("open the first conversation");
    app.wait_for("conversation").await;
    let messages = app.wait_for_count("message", 1).await;
    let mut times = Vec::new();
    for message in &messages {
        let sent_at = message.attr("data-sent-at").await.expect("data-sent-at").expect("has data-sent-at");
        times.push(sent_at.parse::<i64>().expect("unix seconds"));
    }
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "messages are shown oldest first: {times:?}");
    app.screenshot("03-conversation").await;

    // The confused pickup dialogue (seed 003), found by search, reads in the order it was written.
    let search = app.wait_for("search").await;
    search.send_keys("dormida").await.expect("type in the search box");
    let found = app.wait_for_elements("inbox-row", "one to three", |n| (1..=3).contains(&n)).await;
    app.screenshot("04-search-dormida").await;
    found[0].click().await.expect("open the search result");
    app.wait_for("conversation").await;
    let texts = conversation_texts(&app).await;
    let asleep = position(&texts, "dormida");
    let awake = position(&texts, "A trabajar");
    assert!(asleep < awake, "\"¿Estás dormida?\" comes before \"Ya no. A trabajar.\": {texts:#?}");
    app.screenshot("05-confused-pickup").await;

    // Metrics over the sample shop's months: response times per channel, and the hours buyers write.
    app.wait_for("open-metrics").await.click().await.expect("open metrics");
    let first = app.wait_for("metrics-first-response").await.text().await.unwrap_or_default();
    assert!(first.contains("Primera respuesta"), "{first}");
    let channels = app.wait_for_count("metrics-channel-row", 3).await;
    assert!(channels.len() >= 3, "the sample shop has several channels");
    app.screenshot("05b-metrics").await;
    app.wait_for("close-metrics").await.click().await.expect("close metrics");
    app.wait_for_elements("metrics", "no", |n| n == 0).await;

    // Switching the language to English changes the interface at once.
    app.wait_for("open-settings").await.click().await.expect("open settings");
    let language = app.wait_for("language-select").await;
    language.select_by_value("en").await.expect("choose English");
    app.wait_for_text("inbox-title", "Inbox").await;
    app.screenshot("06-settings-english").await;

    // Backups: none yet (the first daily copy comes later), one made on demand lands in backups/
    // beside the database and opens like it.
    app.wait_for_text("backups-last", "No copy yet: the first one is made shortly after Mostrador opens.")
        .await;
    app.wait_for("backup-now").await.click().await.expect("make a copy now");
    app.wait_for("backup-made").await;
    let copies: Vec<_> = std::fs::read_dir(app.data.path().join("backups"))
        .expect("the backups folder")
        .map(|entry| entry.expect("entry").path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("mostrador-") && name.ends_with(".sqlite3"), "{name}");
    let conversations = mostrador_core::Mostrador::open(&copies[0])
        .expect("open the copy")
        .stats()
        .expect("stats")
        .conversations;
    assert!(conversations > 100, "the copy holds the sample shop: {conversations}");
    let last = app.wait_for("backups-last").await.text().await.unwrap_or_default();
    assert!(last.starts_with("Last copy:"), "{last}");
    app.screenshot("06b-settings-backup-made").await;
    if let Ok(close) = app.client.find(Locator::Css(&selector("close-settings"))).await {
        close.click().await.expect("close settings");
    }
    app.screenshot("07-inbox-english").await;

    app.quit().await;
}

/// A Brazilian seller whose desktop is dark: the app speaks Portuguese and is dark from the start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_brazilian_seller_with_a_dark_desktop() {
    let app = RunningApp::launch("pt_BR.UTF-8", &[("GTK_THEME", "Adwaita:dark")]).await;
    app.wait_for("first-run").await;
    app.screenshot("10-first-run-pt-dark").await;
    app.wait_for("try-sample-shop").await.click().await.expect("click try-sample-shop");
    app.wait_for_text("inbox-title", "Caixa de entrada").await;
    let rows = app.wait_for_count("inbox-row", 10).await;
    let background = app
        .client
        .execute("return getComputedStyle(document.body).backgroundColor", vec![])
        .await
        .expect("read the page colour");
    let background = background.as_str().unwrap_or_default().to_string();
    assert!(is_dark(&background), "the page should be dark on a dark desktop, it is {background}");
    rows[0].click().await.expect("open the first conversation");
    app.wait_for_count("message", 1).await;
    app.screenshot("11-inbox-pt-dark").await;
    app.quit().await;
}

/// `rgb(r, g, b)` with a low average brightness.
fn is_dark(css_colour: &str) -> bool {
    let numbers: Vec<f64> = css_colour
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit() && c != '.')
        .filter_map(|n| n.parse().ok())
        .collect();
    numbers.len() >= 3 && (numbers[0] + numbers[1] + numbers[2]) / 3.0 < 100.0
}

async fn conversation_texts(app: &RunningApp) -> Vec<String> {
    let mut texts = Vec::new();
    for message in app.wait_for_count("message", 2).await {
        texts.push(message.text().await.unwrap_or_default());
    }
    texts
}

fn position(texts: &[String], needle: &str) -> usize {
    texts
        .iter()
        .position(|text| text.contains(needle))
        .unwrap_or_else(|| panic!("no message contains {needle:?}: {texts:#?}"))
}
