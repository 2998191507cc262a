//! Scenarios 6 and 7 with the sample shop: the inbox banner counts down to today's cut-off, the
//! workshop calendar draws booked capacity with closed days marked, and the "15 keyrings in two
//! days" inquiry shows, in its order card, that the date cannot be met and the earliest one that can.

use std::time::Duration;

use crate::driver::RunningApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn honest_dates_for_the_fifteen_keyrings() {
    let app = RunningApp::launch("es_AR.UTF-8", &[]).await;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    app.wait_for_count("inbox-row", 10).await;

    // The banner: the next cut-off and when an order confirmed now starts.
    let countdown = app.wait_for("cutoff-countdown").await.text().await.unwrap_or_default();
    assert!(
        countdown.contains("Cierre de hoy a las") || countdown.contains("Próximo cierre:"),
        "{countdown}"
    );
    assert!(countdown.contains("Lo que se confirme ahora empieza"), "{countdown}");
    app.screenshot("cutoff-01-banner").await;

    // The rush inquiry: 15 mini keyrings "in two days" cannot be made; the card says when they can.
    let search = app.wait_for("search").await;
    search.send_keys("chicas de la oficina").await.expect("type in the search box");
    let found = app.wait_for_elements("inbox-row", "one or two", |n| (1..=2).contains(&n)).await;
    found[0].click().await.expect("open the rush conversation");
    app.wait_for("conversation").await;
    let warning = app.wait_for("order-promise-warning").await.text().await.unwrap_or_default();
    assert!(warning.contains("No llega para la fecha pactada: lo antes posible es el"), "{warning}");
    assert!(warning.contains("de 15."), "says how many would fit: {warning}");
    let promised = app.wait_for("order-promise-date").await.text().await.unwrap_or_default();
    assert!(promised.starts_with("el "), "one earliest date: {promised}");
    // Bring the card into view for the picture.
    app.wait_for("order-promise").await;
    let _ = app
        .client
        .execute(
            // Scroll only the pane that holds the card: scrollIntoView would scroll the window too.
            "const card = document.querySelector('[data-testid=\"order-promise\"]');
             let pane = card.parentElement;
             while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
             if (pane) pane.scrollTop += card.getBoundingClientRect().top - pane.getBoundingClientRect().top - 120;",
            vec![],
        )
        .await;
    app.screenshot("cutoff-02-rush-order-card").await;

    // The workshop calendar: a month picture with closed days marked.
    app.wait_for("open-shop-calendar").await.click().await.expect("open the calendar");
    app.wait_for("shop-calendar").await;
    let days = app.wait_for_count("capacity-day", 28).await;
    let mut closed = 0;
    for day in &days {
        if day.attr("data-tone").await.ok().flatten().as_deref() == Some("closed") {
            closed += 1;
        }
    }
    assert!(closed >= 4, "Sundays at least are closed: {closed}");
    app.wait_for("capacity-summary").await;
    app.screenshot("cutoff-03-capacity-calendar").await;
    app.wait_for("capacity-next").await.click().await.expect("next month");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for_count("capacity-day", 28).await;
    app.screenshot("cutoff-04-capacity-next-month").await;

    app.wait_for("shop-calendar-tab-closed").await.click().await.expect("closed days");
    app.wait_for_count("closed-date", 5).await;
    app.screenshot("cutoff-05-closed-days").await;
    app.wait_for("shop-calendar-tab-settings").await.click().await.expect("settings");
    app.wait_for("calendar-settings").await;
    app.screenshot("cutoff-06-settings").await;
    app.wait_for("shop-calendar-tab-deadlines").await.click().await.expect("deadlines");
    app.wait_for_count("deadline", 3).await;
    app.screenshot("cutoff-07-deadlines").await;
    app.quit().await;
}
