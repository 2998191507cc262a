//! Mercado Libre's reputation in Métricas, in the real app: the demo store's account (four months
//! of orders in its simulator) shows its colour, the three rates with the limit each colour
//! allows, the open claims and the months' sales, visits and conversion in Spanish; and a shop
//! whose accounts were never read, or whose last read failed, says so.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use fantoccini::elements::Element;
use mostrador_core::Mostrador;
use mostrador_core::accounts::{NewAccount, SyncBatch};
use mostrador_core::metrics::{ReadFailure, SellerMetricsRead};
use mostrador_core::vocabulary::ChannelKind;

use crate::driver::{RunningApp, WAIT, selector};

const LEVELS_ES: &[&str] = &["Verde", "Verde claro", "Amarillo", "Naranja", "Rojo", "Sin color todavía"];

async fn text(element: &Element) -> String {
    element
        .prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn labels(app: &RunningApp, chart: &str) -> Vec<String> {
    let chart = app.wait_for(chart).await;
    let mut labels = Vec::new();
    for bar in chart.find_all(Locator::Css("li")).await.expect("bars") {
        let label = bar.attr("aria-label").await.ok().flatten().unwrap_or_default();
        labels.push(label.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    labels
}

async fn scroll_to(app: &RunningApp, test_id: &str) {
    let script =
        format!("document.querySelector({:?})?.scrollIntoView({{ block: 'start' }})", selector(test_id));
    app.client.execute(&script, vec![]).await.expect("scroll");
    tokio::time::sleep(Duration::from_millis(300)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_store_shows_its_mercado_libre_reputation_and_months_in_metrics() {
    let app = RunningApp::launch_with_args("es_AR.UTF-8", &[], &["--demo"]).await;
    app.wait_for("inbox").await;
    app.wait_for("open-metrics").await.click().await.expect("open metrics");
    app.wait_for("metrics-mercado-libre").await;

    // The first sync reads the reputation; the open dialog follows it.
    let deadline = Instant::now() + WAIT;
    while app.client.find(Locator::Css(&selector("seller-level"))).await.is_err() {
        assert!(Instant::now() < deadline, "the reputation did not arrive");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let level = text(&app.wait_for("seller-level").await).await;
    assert!(LEVELS_ES.iter().any(|name| level.ends_with(name)), "{level}");
    let period = text(&app.wait_for("seller-period").await).await;
    assert!(period.starts_with("Últimos 60 días · ") && period.ends_with("ventas concretadas"), "{period}");
    let rates = app.wait_for_count("seller-rate", 3).await;
    let first = text(&rates[0]).await;
    assert!(
        first.starts_with("Reclamos") && first.contains(" % ") && first.contains("admite hasta"),
        "{first}"
    );
    let closest = text(&app.wait_for("seller-closest").await).await;
    assert!(closest.starts_with("Lo más cerca de bajarte de color: "), "{closest}");
    let claims = text(&app.wait_for("seller-open-claims").await).await;
    assert!(claims.starts_with("Reclamos abiertos: "), "{claims}");

    // Four months, numbers as text, Spanish month names and decimal commas.
    let sales = labels(&app, "seller-sales").await;
    let visits = labels(&app, "seller-visits").await;
    let conversion = labels(&app, "seller-conversion").await;
    assert_eq!(
        (sales.len(), visits.len(), conversion.len()),
        (4, 4, 4),
        "{sales:?} {visits:?} {conversion:?}"
    );
    let months = [
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
    assert!(sales.iter().all(|label| months.iter().any(|m| label.starts_with(m))), "{sales:?}");
    for label in &visits[..3] {
        let number: String =
            label.rsplit(": ").next().unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        assert!(number.parse::<u32>().is_ok_and(|n| n > 500), "{label}");
    }
    assert!(
        conversion[..3].iter().all(|label| label.ends_with(" %") && label.contains(',')),
        "{conversion:?}"
    );

    scroll_to(&app, "metrics-mercado-libre").await;
    app.screenshot("metrics-01-ml-reputation").await;
    scroll_to(&app, "seller-sales").await;
    app.screenshot("metrics-02-ml-months").await;
    app.wait_for("close-metrics").await.click().await.expect("close metrics");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_not_read_yet_or_whose_read_failed_say_so_in_metrics() {
    // A shop with two Mercado Libre accounts and no conversation yet: one never read (its
    // simulator is not running), one whose last read was refused for a missing permission.
    let data = tempfile::tempdir().expect("temp dir");
    {
        let core = Mostrador::open(&data.path().join("mostrador.sqlite3")).expect("the database");
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("time").as_secs()
            as i64;
        let account = |name: &str, seller: &str| NewAccount {
            channel: ChannelKind::MercadoLibre,
            display_name: name.into(),
            external_id: Some(seller.into()),
            // Port 9 answers nothing: nothing is ever read.
            settings: serde_json::json!({ "api_base": "http://127.0.0.1:9", "site_id": "MLA", "seller_id": seller, "client_id": "1" }),
        };
        core.add_account(&account("TALLERNUEVO", "1001"), now).expect("an account");
        let refused = core.add_account(&account("TALLERLUNA", "1002"), now).expect("an account");
        let read = SellerMetricsRead {
            failure: Some(ReadFailure {
                code: "permission_missing".into(),
                detail: "PA_UNAUTHORIZED_RESULT_FROM_POLICIES".into(),
            }),
            ..SellerMetricsRead::default()
        };
        core.commit_sync(refused, &SyncBatch { seller_metrics: Some(read), ..SyncBatch::default() }, now)
            .expect("the failed read is stored");
    }
    let app = RunningApp::launch_in(data, "es_AR.UTF-8", &[], &[]).await;
    app.wait_for("inbox").await;
    app.wait_for("open-metrics").await.click().await.expect("open metrics");
    app.wait_for("metrics-empty").await;
    let accounts = app.wait_for_count("seller-standing", 2).await;
    let mut shown = Vec::new();
    for account in &accounts {
        shown.push(text(account).await);
    }
    let (failed, waiting) = (&shown[0], &shown[1]);
    assert!(
        failed.contains("TALLERLUNA") && failed.contains("no tiene permiso para leer la reputación"),
        "{failed}"
    );
    assert!(
        waiting.contains("TALLERNUEVO")
            && waiting.contains(
                "Mercado Libre todavía no mandó tu reputación: aparece tras la próxima sincronización."
            ),
        "{waiting}"
    );
    assert!(app.all("seller-level").await.is_empty(), "nothing read, no colour");
    scroll_to(&app, "metrics-mercado-libre").await;
    app.screenshot("metrics-03-ml-not-read-and-failed").await;
}
