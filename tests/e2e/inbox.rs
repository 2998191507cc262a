//! Scenario 1 with the sample shop, keyboard only: the seller opens five waiting conversations one
//! after another (Enter), writes each reply in the composer, copies it (Ctrl+Enter: recorded in the
//! thread, so the wait stops), then marks it done (e) or snoozes it until tomorrow morning (s, 2).
//! Two of them stay open as tabs and each keeps its own draft. The status tabs count along.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::elements::Element;
use fantoccini::key::Key;

use crate::driver::{RunningApp, selector};

const WAIT: Duration = Duration::from_secs(15);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn morning_triage_with_the_keyboard() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    let a = &app;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    app.wait_for_count("inbox-row", 10).await;

    // The oldest Mercado Libre question is past its target: its row says so, in colour and words.
    wait_until(&app, "a late row", || async move {
        !a.client
            .find_all(Locator::Css("[data-testid=\"inbox-row\"][data-level=\"late\"]"))
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    let late =
        app.client.find(Locator::Css("[data-level=\"late\"] [data-testid=\"waiting\"]")).await.unwrap();
    let late_text = late.text().await.unwrap_or_default();
    assert!(!late_text.trim().is_empty(), "the late badge shows the waiting time");
    app.screenshot("inbox-01-late-and-near").await;

    // The needs-reply tab, chosen from the keyboard.
    app.wait_for("status-needs_reply").await.send_keys(&Key::Enter).await.expect("needs-reply tab");
    wait_until(&app, "the needs-reply tab", || async move {
        attr(a, "status-needs_reply", "aria-pressed").await.as_deref() == Some("true")
    })
    .await;
    let needs = count_on(&app, "needs_reply").await;
    let done = count_on(&app, "done").await;
    let snoozed = count_on(&app, "snoozed").await;
    assert!(needs >= 5, "the sample shop has at least five conversations waiting: {needs}");

    let list = app.wait_for("inbox-list").await;
    list.send_keys("?").await.expect("?");
    app.wait_for("shortcuts").await;
    app.screenshot("inbox-02-shortcuts").await;
    keys(&app, &Key::Escape).await;
    wait_gone(&app, "shortcuts").await;

    // First conversation: a draft. Then the second one in a new tab, with its own draft.
    app.wait_for("inbox-list").await.send_keys(&Key::Enter).await.expect("Enter");
    let first = open_id(&app).await;
    let first_draft = "¡Hola! Sí, la tenemos. Te paso el link.";
    type_in_composer(&app, first_draft).await;
    keys(&app, &Key::Escape).await;
    keys(&app, "j").await;
    keys(&app, &Key::Enter).await;
    wait_until(&app, "a second conversation", || async move { open_id(a).await != first }).await;
    let second = open_id(&app).await;
    let second_draft = "Buen día, mañana te confirmo el envío.";
    type_in_composer(&app, second_draft).await;
    app.wait_for_count("conversation-tab", 2).await;
    app.screenshot("inbox-03-composer-two-tabs").await;

    // Back to the first tab: its draft is still there. Copy it: recorded, the wait is gone.
    keys(&app, &format!("{}{}", Key::Control, Key::PageUp)).await;
    wait_until(&app, "the first tab again", || async move { open_id(a).await == first }).await;
    wait_for_composer_text(&app, first_draft).await;
    copy_and_check(&app, first, first_draft).await;
    keys(&app, &Key::Escape).await;
    keys(&app, "e").await;
    wait_until(&app, "done counted", || async move { count_on(a, "done").await == done + 1 }).await;

    // The second tab kept its draft too. Copy, then snooze until tomorrow morning.
    keys(&app, &format!("{}{}", Key::Control, Key::PageDown)).await;
    wait_until(&app, "the second tab again", || async move { open_id(a).await == second }).await;
    wait_for_composer_text(&app, second_draft).await;
    copy_and_check(&app, second, second_draft).await;
    keys(&app, &Key::Escape).await;
    snooze_tomorrow_morning(&app, true).await;
    wait_until(&app, "snoozed counted", || async move { count_on(a, "snoozed").await == snoozed + 1 }).await;

    // Three more, straight from the top of the list: done, snoozed, done.
    for (i, done_it) in [true, false, true].into_iter().enumerate() {
        keys(&app, "k").await;
        keys(&app, &Key::Enter).await;
        let before = open_id(&app).await;
        wait_until(&app, "the composer has the keyboard", || async move { composer_has_focus(a).await })
            .await;
        let id = open_id(&app).await;
        assert_eq!(id, before);
        let text = format!("Respuesta {}: gracias por escribir.", i + 3);
        type_in_composer(&app, &text).await;
        copy_and_check(&app, id, &text).await;
        keys(&app, &Key::Escape).await;
        if done_it {
            keys(&app, "e").await;
        } else {
            snooze_tomorrow_morning(&app, false).await;
        }
    }

    wait_until(&app, "the tab counts after five conversations", || async move {
        count_on(a, "needs_reply").await == needs - 5
            && count_on(a, "done").await == done + 3
            && count_on(a, "snoozed").await == snoozed + 2
    })
    .await;
    app.screenshot("inbox-05-after-triage").await;
    app.quit().await;
}

async fn keys(app: &RunningApp, text: &str) {
    let element = app.client.active_element().await.expect("the focused element");
    element.send_keys(text).await.unwrap_or_else(|e| panic!("send {text:?}: {e}"));
}

async fn type_in_composer(app: &RunningApp, text: &str) {
    wait_until(app, "the composer has the keyboard", || async move { composer_has_focus(app).await }).await;
    keys(app, text).await;
    wait_for_composer_text(app, text).await;
}

async fn composer_has_focus(app: &RunningApp) -> bool {
    match app.client.active_element().await {
        Ok(element) => element.attr("data-testid").await.ok().flatten().as_deref() == Some("composer-text"),
        Err(_) => false,
    }
}

async fn wait_for_composer_text(app: &RunningApp, text: &str) {
    wait_until(app, &format!("the composer shows {text:?}"), || async move {
        composer(app).await.prop("value").await.ok().flatten().as_deref() == Some(text)
    })
    .await;
}

async fn composer(app: &RunningApp) -> Element {
    app.wait_for("composer-text").await
}

/// Ctrl+Enter copies: the reply appears in the thread at once and the conversation stops waiting.
async fn copy_and_check(app: &RunningApp, id: i64, text: &str) {
    keys(app, &format!("{}{}", Key::Control, Key::Enter)).await;
    wait_until(app, &format!("{text:?} in the thread"), || async move {
        let mut found = false;
        for message in app.all("message").await {
            if message.text().await.unwrap_or_default().contains(text) {
                found = true;
            }
        }
        found
    })
    .await;
    wait_for_composer_text(app, "").await;
    // It left the needs-reply list: nobody waits there any more.
    let row = format!("[data-testid=\"inbox-row\"][data-conversation-id=\"{id}\"]");
    let row = row.as_str();
    wait_until(app, "the row leaves needs-reply", || async move {
        app.client.find_all(Locator::Css(row)).await.map(|r| r.is_empty()).unwrap_or(false)
    })
    .await;
}

async fn snooze_tomorrow_morning(app: &RunningApp, screenshot: bool) {
    keys(app, "s").await;
    app.wait_for("snooze-tomorrow_morning").await;
    if screenshot {
        app.screenshot("inbox-04-snooze-menu").await;
    }
    keys(app, "2").await;
    wait_gone(app, "snooze-menu").await;
}

async fn open_id(app: &RunningApp) -> i64 {
    app.wait_for("conversation")
        .await
        .attr("data-conversation-id")
        .await
        .ok()
        .flatten()
        .and_then(|id| id.parse().ok())
        .unwrap_or(-1)
}

async fn attr(app: &RunningApp, test_id: &str, name: &str) -> Option<String> {
    app.wait_for(test_id).await.attr(name).await.ok().flatten()
}

/// The number on a status tab (no number shown is zero).
async fn count_on(app: &RunningApp, status: &str) -> u32 {
    match app.client.find(Locator::Css(&selector(&format!("count-{status}")))).await {
        Ok(count) => count.text().await.unwrap_or_default().trim().parse().unwrap_or(0),
        Err(_) => 0,
    }
}

async fn wait_gone(app: &RunningApp, test_id: &str) {
    let id = selector(test_id);
    let id = id.as_str();
    wait_until(app, &format!("{test_id} closes"), || async move {
        app.client.find_all(Locator::Css(id)).await.map(|f| f.is_empty()).unwrap_or(false)
    })
    .await;
}

async fn wait_until<F, Fut>(app: &RunningApp, what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + WAIT;
    while !check().await {
        if tokio::time::Instant::now() > deadline {
            app.screenshot(&format!("failed-inbox-{}", what.replace(' ', "-"))).await;
            panic!("waited {WAIT:?} for {what}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}
