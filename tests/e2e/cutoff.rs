//! Scenarios 6 and 7 with the sample shop: the inbox banner counts down to today's cut-off, the
//! workshop calendar draws booked capacity with closed days marked, and the "15 keyrings in two
//! days" inquiry shows, in its order card, that the date cannot be met and the earliest one that can;
//! the seller agrees on that date and pastes the prepayment answer with it. With the shell's clock
//! set (`MOSTRADOR_CLOCK`), a Monday at 17:20 shows 40 minutes to the cut-off and the notice answer
//! says "tomorrow, Tuesday 9"; on 20 December it says what became of Christmas.

use std::time::Duration;

use fantoccini::Locator;

use crate::driver::{RunningApp, selector};

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// "14 de marzo" for `2027-03-14`: how the answers write a date, without the weekday.
fn day_and_month(iso: &str) -> String {
    let day: u32 = iso[8..10].parse().expect("day");
    let month: usize = iso[5..7].parse().expect("month");
    format!("{day} de {}", MONTHS_ES[month - 1])
}

/// The composer's text once the inserted answer has landed.
async fn composer_text(app: &RunningApp) -> String {
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for("composer-text").await.prop("value").await.ok().flatten().unwrap_or_default()
}

/// Types `/shortcut` in the composer, picks that saved answer, and inserts it; returns the preview.
async fn insert_saved_answer(app: &RunningApp, shortcut: &str) -> String {
    let composer = app.wait_for("composer-text").await;
    composer.clear().await.expect("clear the composer");
    composer.send_keys(&format!("/{shortcut}")).await.expect("type a shortcut in the composer");
    let hit = app
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&format!("{}[data-shortcut=\"{shortcut}\"]", selector("answer-hit"))))
        .await
        .unwrap_or_else(|e| panic!("no saved answer /{shortcut} in the picker: {e}"));
    hit.click().await.expect("choose the answer");
    let preview = app.wait_for("answer-preview").await.text().await.unwrap_or_default();
    app.wait_for("answer-do").await.click().await.expect("insert");
    preview
}

/// Waits for the sample shop's inbox. The list re-renders while it fills, so a lookup that meets a
/// row being replaced counts as none and is tried again rather than failing.
async fn wait_for_inbox(app: &RunningApp) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while app.client.find_all(Locator::Css(&selector("inbox-row"))).await.unwrap_or_default().len() < 10 {
        assert!(tokio::time::Instant::now() < deadline, "the sample shop's inbox did not fill");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Opens the first conversation of the inbox, clicking again if the row was being replaced.
async fn open_first_conversation(app: &RunningApp) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let rows = app.client.find_all(Locator::Css(&selector("inbox-row"))).await.unwrap_or_default();
        if let Some(row) = rows.first()
            && row.click().await.is_ok()
            && app.client.find(Locator::Css(&selector("conversation"))).await.is_ok()
        {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "no conversation opened");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

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

    // Scenario 6: the seller agrees on the earliest date and pastes the prepayment answer with it.
    let earliest = app
        .wait_for("order-promise-date")
        .await
        .attr("data-date")
        .await
        .ok()
        .flatten()
        .expect("the earliest date");
    app.wait_for("order-promise-agree").await.click().await.expect("agree on the earliest date");
    app.wait_for_elements("order-promise-warning", "no", |n| n == 0).await;
    let preview = insert_saved_answer(&app, "sena").await;
    let draft = composer_text(&app).await;
    assert!(draft.contains("seña del 50 %") && draft.contains("clientes nuevos"), "{preview:?} → {draft:?}");
    assert!(
        draft.contains(&format!("lo tenemos listo para el {}", day_and_month(&earliest)))
            || draft.contains(&day_and_month(&earliest)),
        "the honest date {earliest} in {draft:?}"
    );
    app.screenshot("cutoff-02b-rush-prepayment-answer").await;

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

    // A day with help in the workshop next month: its own capacity, then back to the usual.
    let days = app.wait_for_count("capacity-day", 28).await;
    let mut chosen = None;
    for day in &days {
        let class = day.attr("class").await.ok().flatten().unwrap_or_default();
        let open = day.attr("tabindex").await.ok().flatten().as_deref() == Some("0");
        if open && !class.contains("past") {
            chosen = day.attr("data-date").await.ok().flatten();
            day.click().await.expect("choose a working day");
            break;
        }
    }
    let date = chosen.expect("an open day next month");
    let editor = app.wait_for("capacity-override").await;
    assert_eq!(editor.attr("data-date").await.ok().flatten().as_deref(), Some(date.as_str()));
    let usual = app.wait_for("capacity-override-usual").await.text().await.unwrap_or_default();
    assert!(usual.contains("Lo habitual: 6 piezas por día hábil."), "{usual}");
    let pieces = app.wait_for("capacity-override-pieces").await;
    pieces.clear().await.expect("clear the pieces");
    pieces.send_keys("9").await.expect("type the pieces");
    app.wait_for("capacity-override-save").await.click().await.expect("save the day's capacity");
    let day = format!("{}[data-date=\"{date}\"][data-override=\"9\"]", selector("capacity-day"));
    app.client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&day))
        .await
        .expect("the day shows 9");
    app.wait_for_text(
        "capacity-override-usual",
        "Este día tiene capacidad propia: 9 piezas (lo habitual son 6).",
    )
    .await;
    app.screenshot("cutoff-03b-capacity-override").await;
    app.wait_for("capacity-override-clear").await.click().await.expect("back to the usual");
    app.wait_for_text("capacity-override-usual", "Lo habitual: 6 piezas por día hábil.").await;

    app.wait_for("shop-calendar-tab-closed").await.click().await.expect("closed days");
    app.wait_for_count("closed-date", 5).await;
    app.screenshot("cutoff-05-closed-days").await;
    app.wait_for("shop-calendar-tab-settings").await.click().await.expect("settings");
    app.wait_for("calendar-settings").await;
    app.screenshot("cutoff-06-settings").await;
    app.wait_for("shop-calendar-tab-processing").await.click().await.expect("processing times");
    app.wait_for_count("processing-product", 5).await;
    assert!(app.all("processing-category").await.len() >= 2, "products grouped by category");
    app.screenshot("cutoff-06b-processing-times").await;
    app.wait_for("shop-calendar-tab-deadlines").await.click().await.expect("deadlines");
    app.wait_for_count("deadline", 3).await;
    app.screenshot("cutoff-07-deadlines").await;
    app.quit().await;
}

/// Scenario 7 at a chosen minute: the shell's clock starts where `MOSTRADOR_CLOCK` says.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cutoff_notice_at_twenty_past_five_and_near_christmas() {
    // Monday 8 March 2027, 17:20 in Córdoba (UTC−3 all year): 40 minutes to the 18:00 cut-off.
    let app = RunningApp::launch("es_AR.UTF-8", &[("MOSTRADOR_CLOCK", "2027-03-08T17:20:00-03:00")]).await;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    wait_for_inbox(&app).await;
    let countdown = app.wait_for("cutoff-countdown").await.text().await.unwrap_or_default();
    assert!(countdown.contains("Cierre de hoy a las 18:00: faltan 40 min."), "{countdown}");
    assert!(countdown.contains("mañana, martes, 9 de marzo"), "{countdown}");
    app.screenshot("cutoff-08-banner-40-min").await;

    open_first_conversation(&app).await;
    insert_saved_answer(&app, "corte").await;
    let draft = composer_text(&app).await;
    assert!(draft.contains("antes de las 18:00"), "{draft:?}");
    assert!(draft.contains("mañana, martes 9"), "{draft:?}");
    assert!(draft.contains("Si confirmas ahora, tu pedido empieza mañana, martes 9."), "{draft:?}");
    assert!(!draft.contains("Navidad"), "Christmas is far in March: {draft:?}");
    app.screenshot("cutoff-09-notice-answer").await;
    app.quit().await;

    // Sunday 20 December 2026: with 7–10 days of making, Christmas is out of reach; the notice says
    // so with the last day it could be ordered, instead of promising it.
    let app = RunningApp::launch("es_AR.UTF-8", &[("MOSTRADOR_CLOCK", "2026-12-20T11:00:00-03:00")]).await;
    app.wait_for("try-sample-shop").await.click().await.expect("load the sample shop");
    wait_for_inbox(&app).await;
    let countdown = app.wait_for("cutoff-countdown").await.text().await.unwrap_or_default();
    assert!(countdown.contains("Próximo cierre:"), "Sunday, the workshop is closed: {countdown}");
    open_first_conversation(&app).await;
    insert_saved_answer(&app, "corte").await;
    let draft = composer_text(&app).await;
    assert!(
        draft.contains("Para Navidad ya no llegamos con pedidos nuevos: el último día para pedir fue el viernes 11 de diciembre."),
        "{draft:?}"
    );
    assert!(draft.contains("Para Reyes, "), "and the next event it still reaches: {draft:?}");
    app.screenshot("cutoff-10-notice-on-december-20").await;
    app.quit().await;
}
