//! Scenario 5 with the sample shop: Carolina Méndez writes on Instagram about a mug and on WhatsApp
//! about a custom plate. The app suggests her two identities are one buyer; after merging, her page
//! shows both conversations and both orders, each order's view shows only its own messages, and a
//! new order made from two selected messages marks them.

use std::time::Duration;

use fantoccini::Locator;

use crate::driver::{RunningApp, selector};

const WAIT: Duration = Duration::from_secs(15);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_buyer_two_channels_two_orders() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    // What the polling closures below capture (a reference is Copy, the app is not).
    let a = &app;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    app.wait_for_count("inbox-row", 10).await;

    // Carolina's WhatsApp conversation about the plate.
    open_conversation_with(&app, "Tomi y Juana", "Carolina").await;
    app.wait_for("open-buyer-page").await.click().await.expect("open the buyer page");
    app.wait_for("buyer-page").await;
    let suggestions = app.wait_for_count("merge-suggestion", 1).await;
    let suggestion = suggestions[0].text().await.unwrap_or_default();
    assert!(suggestion.contains("Carolina Méndez"), "the suggestion names her: {suggestion}");
    assert!(suggestion.contains("Mismo nombre en otro canal"), "and says why: {suggestion}");
    assert_eq!(orders_on(&app, "buyer-orders").await.len(), 1, "before merging, one order here");
    app.screenshot("orders-01-buyer-page-suggestion").await;

    // "No es la misma persona": the suggestion goes away and stays away after a
    // reload; the pair is listed with an undo, which brings the suggestion back.
    app.wait_for("dismiss-suggestion").await.click().await.expect("not the same person");
    app.wait_for("merge-dismissal").await;
    assert!(app.all("merge-suggestion").await.is_empty(), "the dismissed suggestion is gone");
    app.client.refresh().await.expect("reload the window");
    app.wait_for_count("inbox-row", 10).await;
    open_conversation_with(&app, "Tomi y Juana", "Carolina").await;
    app.wait_for("open-buyer-page").await.click().await.expect("open the buyer page again");
    app.wait_for("buyer-page").await;
    let dismissed = app.wait_for("merge-dismissal").await.text().await.unwrap_or_default();
    assert!(dismissed.contains("Carolina Méndez"), "the dismissal names her: {dismissed}");
    assert!(app.all("merge-suggestion").await.is_empty(), "still gone after the reload");
    app.screenshot("orders-01b-buyer-page-not-the-same-person").await;
    app.wait_for("undo-dismissal").await.click().await.expect("suggest again");
    app.wait_for_count("merge-suggestion", 1).await;
    assert!(app.all("merge-dismissal").await.is_empty(), "undone");

    app.wait_for("merge-buyer").await.click().await.expect("merge");
    app.wait_for("undo-merge").await;
    wait_until(&app, "both conversations on the buyer page", || async move {
        count(a, "[data-testid=\"buyer-conversations\"] li").await == 2
    })
    .await;
    wait_until(&app, "both orders on the buyer page", || async move {
        orders_on(a, "buyer-orders").await.len() == 2
    })
    .await;
    assert!(app.all("merge-suggestion").await.is_empty(), "no suggestion once merged");
    app.screenshot("orders-02-buyer-page-merged").await;
    app.wait_for("close-buyer-page").await.click().await.expect("close the buyer page");

    // Each order's view shows only its own messages, the mug's from Instagram too.
    let orders = wait_for_orders(&app, 2).await;
    for order in &orders {
        app.wait_for("thread-filter").await.select_by_value(&format!("order:{order}")).await.expect("filter");
        wait_until(&app, &format!("only order {order}'s messages"), || async move {
            let marks = message_orders(a).await;
            !marks.is_empty() && marks.iter().all(|m| *m == order.to_string())
        })
        .await;
    }
    app.screenshot("orders-03-mug-thread-from-whatsapp").await;
    app.wait_for("thread-filter").await.select_by_value("all").await.expect("all messages");

    // Another conversation: two selected messages become a new order, and are marked.
    open_conversation_with(&app, "dormida", "Vero Paz").await;
    let before: Vec<i64> = wait_for_orders(&app, 0).await;
    app.wait_for("select-messages").await.click().await.expect("start selecting");
    let boxes = app.wait_for_count("message-select", 2).await;
    boxes[0].click().await.expect("select the first message");
    boxes[1].click().await.expect("select the second message");
    app.wait_for_text("selected-count", "Seleccionados: 2").await;
    app.wait_for("create-order-from-selection").await.click().await.expect("create the order");
    app.wait_for("order-editor").await;
    let after = wait_for_orders(&app, before.len() + 1).await;
    let created = *after.iter().max().expect("an order");
    assert!(!before.contains(&created));
    wait_until(&app, "the two messages marked with the new order", || async move {
        message_orders(a).await.iter().filter(|m| **m == created.to_string()).count() == 2
    })
    .await;
    // Fill in what is known; the checklist then says what is still missing.
    app.wait_for("order-due").await;
    // Date inputs take no typing under WebKitWebDriver: set the value as the picker would.
    app.client
        .execute(
            "const input = document.querySelector('[data-testid=\"order-due\"]');
             input.value = '2026-12-24';
             input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("set the due date");
    app.screenshot("orders-04-order-editor").await;
    app.wait_for("order-save").await.click().await.expect("save the order");
    app.wait_for("order-checklist").await;
    app.screenshot("orders-05-new-order-card").await;

    app.wait_for("open-today").await.click().await.expect("open today");
    let rows = app.wait_for_count("today-row", 2).await;
    let mut days = Vec::new();
    for row in &rows {
        let left = row.attr("data-days-left").await.ok().flatten().unwrap_or_default();
        days.push(left.parse::<i64>().unwrap_or(i64::MAX));
    }
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "overdue first, then by due date: {days:?}");
    app.screenshot("orders-06-today").await;

    app.quit().await;
}

/// Searches (the whole text at once: typing letter by letter would show other results first),
/// waits for the row of `name` among the results, and opens it.
async fn open_conversation_with(app: &RunningApp, search: &str, name: &str) {
    app.wait_for("search").await;
    app.client
        .execute(
            "const input = document.querySelector('[data-testid=\"search\"]');
             input.value = arguments[0];
             input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::Value::String(search.to_string())],
        )
        .await
        .expect("search");
    // The row's text read in the page: WebDriver's element text can come back empty for the
    // virtualised list's absolutely placed rows.
    let find = "return [...document.querySelectorAll('[data-testid=\"inbox-row\"]')]
                  .find((row) => row.textContent.includes(arguments[0]))?.dataset.conversationId ?? null";
    let deadline = tokio::time::Instant::now() + WAIT;
    let id = loop {
        let found = app.client.execute(find, vec![serde_json::Value::String(name.to_string())]).await;
        if let Ok(serde_json::Value::String(id)) = found {
            break id;
        }
        if tokio::time::Instant::now() > deadline {
            app.screenshot(&format!("failed-finding-{search}")).await;
            panic!("no conversation of {name} found by searching {search:?}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let row = app
        .client
        .find(Locator::Css(&format!("[data-testid=\"inbox-row\"][data-conversation-id=\"{id}\"]")))
        .await
        .expect("the row");
    row.click().await.expect("open it");
    app.wait_for("conversation").await;
    app.wait_for_count("message", 1).await;
}

/// The ids of the order cards beside the conversation once there are at least `at_least`.
async fn wait_for_orders(app: &RunningApp, at_least: usize) -> Vec<i64> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let found = orders_on(app, "conversation-details-orders").await;
        if found.len() >= at_least {
            return found;
        }
        if tokio::time::Instant::now() > deadline {
            app.screenshot("failed-waiting-for-order-cards").await;
            panic!("expected {at_least} order cards, found {}", found.len());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn orders_on(app: &RunningApp, container: &str) -> Vec<i64> {
    let css = if container == "conversation-details-orders" {
        "#conversation-details [data-testid=\"order\"]".to_string()
    } else {
        format!("{} [data-testid=\"order\"]", selector(container))
    };
    let mut ids = Vec::new();
    for card in app.client.find_all(Locator::Css(&css)).await.unwrap_or_default() {
        if let Ok(Some(id)) = card.attr("data-order-id").await {
            ids.extend(id.parse::<i64>().ok());
        }
    }
    ids
}

async fn message_orders(app: &RunningApp) -> Vec<String> {
    let mut marks = Vec::new();
    for message in app.all("message").await {
        marks.push(message.attr("data-order-id").await.ok().flatten().unwrap_or_default());
    }
    marks
}

async fn count(app: &RunningApp, css: &str) -> usize {
    app.client.find_all(Locator::Css(css)).await.map(|found| found.len()).unwrap_or(0)
}

async fn wait_until<F, Fut>(app: &RunningApp, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + WAIT;
    while !check().await {
        if tokio::time::Instant::now() > deadline {
            app.screenshot(&format!("failed-{}", what.replace(' ', "-"))).await;
            panic!("waited {WAIT:?} for {what}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
