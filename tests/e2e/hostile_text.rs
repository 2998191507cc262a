//! Hostile text from buyers and sellers, through the real app: more than a hundred XSS and
//! HTML-injection payloads (tags and handlers, SVG, `javascript:` and `data:` URLs, template
//! syntax of Svelte, Angular and our own answers, bidi and zero-width tricks, very long strings)
//! as buyer names, e-mail subjects, message texts, order notes, saved answers and a notification.
//! Each screen is checked the same way: nothing ran (every handler would set `top.__pwned`), no
//! element or handler of a payload exists in the page, and each payload reads back as the same
//! text.

use std::collections::BTreeSet;
use std::time::Duration;

use mostrador_core::Mostrador;
use mostrador_core::accounts::NewAccount;
use mostrador_core::answers::AnswerInput;
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::orders::{NewOrder, OrderItem};
use mostrador_core::vocabulary::{
    ChannelKind, ConversationKind, Direction, MessageStatus, OrderStage, PaymentStatus,
};
use serde_json::Value;

use crate::driver::RunningApp;

const NOW_OFFSET_SECS: i64 = 3 * 3600;
/// What every payload's script would run: a flag the page is checked for.
const PROBE: &str = "top.__pwned=1";

/// The payloads: each attack vector plain, inside a sentence, behind bidi and zero-width tricks,
/// plus template syntax, look-alike and very long strings.
fn payloads() -> Vec<String> {
    let p = PROBE;
    let vectors = [
        format!("<script>{p}</script>"),
        format!("<img src=x onerror=\"{p}\" class=xss-probe>"),
        format!("<svg class=xss-probe onload=\"{p}\">"),
        format!("<svg><script>{p}</script></svg>"),
        format!("<iframe class=xss-probe src=\"javascript:{p}\"></iframe>"),
        format!("<iframe class=xss-probe srcdoc=\"<script>parent.{p}</script>\"></iframe>"),
        format!("<a class=xss-probe href=\"javascript:{p}\">pagar</a>"),
        format!("<a class=xss-probe href=\"data:text/html,<script>{p}</script>\">ver foto</a>"),
        format!("<object class=xss-probe data=\"javascript:{p}\"></object>"),
        format!("<embed class=xss-probe src=\"data:image/svg+xml,<svg onload={p}>\">"),
        format!("<body onload=\"{p}\">"),
        format!("<details class=xss-probe open ontoggle=\"{p}\">"),
        format!("<input class=xss-probe autofocus onfocus=\"{p}\">"),
        format!("<video class=xss-probe><source onerror=\"{p}\"></video>"),
        format!("<math><mtext><table><mglyph><style><img src=x onerror=\"{p}\" class=xss-probe>"),
        format!("<style>@import 'javascript:{p}';</style>"),
        format!("<meta http-equiv=\"refresh\" content=\"0;url=javascript:{p}\">"),
        format!("<form class=xss-probe action=\"javascript:{p}\"><button>enviar</button></form>"),
        format!("<marquee class=xss-probe onstart=\"{p}\">oferta</marquee>"),
        format!("<div class=xss-probe style=\"background:url(javascript:{p})\">x</div>"),
        format!("\"><img src=x onerror=\"{p}\" class=xss-probe>"),
        format!("'><svg onload=\"{p}\" class=xss-probe>"),
        format!("</textarea><script>{p}</script>"),
        format!("<noscript><p title=\"</noscript><img src=x onerror={p} class=xss-probe>\">"),
        format!("<template><img src=x onerror=\"{p}\"></template>"),
        format!("<!--<img src=x onerror=\"{p}\">-->"),
        format!("&lt;img src=x onerror=\"{p}\"&gt; &amp; &#60;b&#62;"),
        format!("javascript:{p}"),
        "data:text/html;base64,PHNjcmlwdD50b3AuX19wd25lZD0xPC9zY3JpcHQ+".to_owned(),
        format!("{{@html '<img src=x onerror={p}>'}}"),
        format!("{{{{constructor.constructor('{p}')()}}}}"),
        format!("${{{p}}} `${{{p}}}`"),
    ];
    let mut all = Vec::new();
    for vector in &vectors {
        all.push(vector.clone());
        all.push(format!("Hola! {vector} ¿tenés la taza azul?"));
        // Right-to-left override and zero-width characters around and inside the markup.
        all.push(format!("\u{202E}{}\u{200B}{vector}\u{2066}x\u{2069}", "otnemoc"));
    }
    all.extend([
        "{target}".to_owned(),
        "{count} {name} {{nombre}} {{alias_pago}}".to_owned(),
        "%s%s%n %x".to_owned(),
        "\u{202E}\u{202E}\u{202E}".to_owned(),
        "Ana\u{200D}\u{200C}\u{FEFF}María".to_owned(),
        "ｼﾞｮﾝ ＜script＞alert(1)＜/script＞".to_owned(),
        format!("{}<img src=x onerror=\"{p}\" class=xss-probe>", "A".repeat(4_000)),
        format!("<b>{}</b>", "muy largo ".repeat(300)),
    ]);
    assert!(all.len() >= 100, "{} payloads", all.len());
    all
}

/// The shop before the app opens: an e-mail account whose conversations carry a payload as the
/// buyer's name, the subject and the message; one WhatsApp chat with every payload as a message,
/// and the same buyer's orders with every payload as notes; every payload as a saved answer.
fn seed(path: &std::path::Path, payloads: &[String], now: i64) -> i64 {
    let core = Mostrador::open(path).expect("create the database");
    let account = |channel, name: &str| {
        core.add_account(
            &NewAccount {
                channel,
                display_name: name.into(),
                external_id: None,
                settings: serde_json::json!({ "me": "Taller" }),
            },
            now,
        )
        .expect("account")
    };
    let (mail, whatsapp) =
        (account(ChannelKind::Email, "Correo"), account(ChannelKind::WhatsApp, "WhatsApp"));
    let message = |account_id,
                   kind,
                   conversation: String,
                   subject: Option<String>,
                   buyer: (String, String),
                   id,
                   text: &str,
                   at| {
        IngestMessage {
            account_id,
            conversation: ConversationRef { external_ref: conversation, kind, subject },
            buyer: BuyerIdentityInput {
                external_id: buyer.0,
                display_name: buyer.1,
                handle: None,
                phone: None,
                email: None,
            },
            external_id: id,
            direction: Direction::Incoming,
            author: String::new(),
            text: text.to_owned(),
            sent_at: at,
            status: MessageStatus::Received,
            attachments: Vec::new(),
        }
    };
    let mut batch = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        let at = now - 7_200 - i as i64;
        batch.push(message(
            mail,
            ConversationKind::Email,
            format!("m{i}"),
            Some(payload.clone()),
            (format!("b{i}"), payload.clone()),
            format!("mail{i}"),
            payload,
            at,
        ));
        batch.push(message(
            whatsapp,
            ConversationKind::Chat,
            "hilo".into(),
            None,
            ("hilo".into(), "Hilo de pruebas".into()),
            format!("wa{i}"),
            payload,
            now - 3_600 + i as i64,
        ));
    }
    core.ingest(&batch, now).expect("ingest the payloads");
    let thread = core.conversation_id_by_ref(whatsapp, "hilo").expect("query").expect("the thread");
    let buyer = core.conversation(thread, now).expect("the thread's page").buyer.id;
    for payload in payloads {
        core.create_order(
            &NewOrder {
                buyer_id: buyer,
                conversation_id: Some(thread),
                stage: OrderStage::Agreed,
                currency: "ARS".into(),
                items: vec![OrderItem {
                    product: "Taza".into(),
                    variant: None,
                    quantity: 1,
                    unit_price_minor: 1_200_000,
                }],
                due_date: None,
                delivery: None,
                payment_status: PaymentStatus::Unpaid,
                notes: payload.clone(),
                messages: Vec::new(),
            },
            now,
        )
        .expect("an order with the payload as notes");
    }
    for payload in payloads {
        core.create_answer(
            &AnswerInput {
                title: payload.clone(),
                shortcut: None,
                folder: None,
                body: payload.clone(),
                language: None,
                pinned: false,
                tags: Vec::new(),
                variants: Vec::new(),
            },
            now,
        )
        .expect("a saved answer with the payload");
    }
    thread
}

/// What a payload would leave in the page if it had been treated as HTML.
const CENSUS: &str = r#"
    const all = [...document.querySelectorAll('*')];
    const handlers = all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on')));
    const links = [...document.querySelectorAll('a[href], iframe, object, embed, form[action], meta[http-equiv]')]
        .filter((e) => /^(javascript|data):/i.test(e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('data') || e.getAttribute('action') || e.getAttribute('content') || '') || e.tagName !== 'A');
    return {
        pwned: top.__pwned === 1,
        probes: document.querySelectorAll('.xss-probe, [class*="xss-probe"]').length,
        handlers: handlers.map((e) => e.outerHTML.slice(0, 120)),
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).map((s) => s.outerHTML.slice(0, 120)),
        embedded: links.map((e) => e.outerHTML.slice(0, 120)),
        styles: [...document.querySelectorAll('style')].filter((s) => /javascript:|__pwned/.test(s.textContent)).length,
    };
"#;

async fn assert_nothing_ran(app: &RunningApp, screen: &str) {
    let census = app.client.execute(CENSUS, Vec::new()).await.expect("look at the page");
    assert_eq!(census["pwned"], Value::Bool(false), "{screen}: a payload ran");
    assert_eq!(census["probes"], 0, "{screen}: a payload's element is in the page");
    for key in ["handlers", "scripts", "embedded"] {
        assert_eq!(census[key], Value::Array(Vec::new()), "{screen}: {key} from a payload");
    }
    assert_eq!(census["styles"], 0, "{screen}: a payload's style is in the page");
}

/// A very long word must wrap, not push a pane sideways: no scroll box may scroll horizontally.
async fn assert_no_sideways_scroll(app: &RunningApp, screen: &str) {
    let script = r#"
        return [...document.querySelectorAll('*')]
            .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
            .map((e) => {
                const edge = e.getBoundingClientRect().right;
                const wide = [...e.querySelectorAll('*')].filter((c) => c.getBoundingClientRect().right > edge + 1);
                const widest = wide.sort((a, b) => b.getBoundingClientRect().width - a.getBoundingClientRect().width)[0];
                const culprit = widest ? `${Math.round(widest.getBoundingClientRect().width)} px ${widest.outerHTML.slice(0, 160)}` : '';
                return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}: ${e.scrollWidth} > ${e.clientWidth}, e.g. ${culprit}`;
            });
    "#;
    let sideways = app.client.execute(script, Vec::new()).await.expect("measure the panes");
    assert_eq!(sideways, Value::Array(Vec::new()), "{screen}: a pane scrolls sideways");
}

/// The texts of `selector` inside `[data-testid=container]`, scrolling it from top to bottom (the
/// lists are virtual: only the rows in view exist).
async fn read_scrolling(app: &RunningApp, container: &str, selector: &str) -> BTreeSet<String> {
    let script = r#"
        const [container, selector] = arguments;
        const list = document.querySelector(`[data-testid="${container}"]`);
        const texts = [...list.querySelectorAll(selector)].map((e) => e.textContent);
        const before = list.scrollTop;
        list.scrollTop += Math.max(100, list.clientHeight - 40);
        return { texts, moved: list.scrollTop !== before };
    "#;
    let mut seen = BTreeSet::new();
    for _ in 0..400 {
        let step = app
            .client
            .execute(script, vec![serde_json::json!(container), serde_json::json!(selector)])
            .await
            .expect("read the list");
        for text in step["texts"].as_array().expect("texts") {
            seen.insert(text.as_str().unwrap_or_default().to_owned());
        }
        if step["moved"] != Value::Bool(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    seen
}

fn assert_all_shown(screen: &str, payloads: &[String], shown: &BTreeSet<String>) {
    let missing: Vec<_> = payloads.iter().filter(|p| !shown.contains(p.as_str())).collect();
    assert!(
        missing.is_empty(),
        "{screen}: {} of {} payloads not shown as the same text, e.g. {:?}",
        missing.len(),
        payloads.len(),
        missing.iter().take(3).collect::<Vec<_>>()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_is_shown_as_text_everywhere_and_never_runs() {
    let payloads = payloads();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let seams = tempfile::tempdir().expect("temp dir");
    let database = seams.path().join("mostrador.sqlite3");
    let notify_log = seams.path().join("notifications.log");
    seed(&database, &payloads, now - NOW_OFFSET_SECS);
    let app = RunningApp::launch(
        "es_AR.UTF-8",
        &[
            ("MOSTRADOR_DB", database.to_str().expect("utf-8 path")),
            ("MOSTRADOR_NOTIFY_LOG", notify_log.to_str().expect("utf-8 path")),
        ],
    )
    .await;

    // The inbox: every buyer name and e-mail subject as written.
    app.wait_for_count("inbox-row", 5).await;
    app.screenshot("hostile-01-inbox").await;
    assert_nothing_ran(&app, "inbox").await;
    assert_no_sideways_scroll(&app, "inbox").await;
    let names = read_scrolling(&app, "inbox-list", "[data-testid=inbox-row] .name").await;
    assert_all_shown("inbox names", &payloads, &names);
    app.client
        .execute("document.querySelector('[data-testid=\"inbox-list\"]').scrollTop = 0", Vec::new())
        .await
        .expect("back to the top");
    let subjects = read_scrolling(&app, "inbox-list", "[data-testid=inbox-row] .subject").await;
    assert_all_shown("e-mail subjects", &payloads, &subjects);
    assert_nothing_ran(&app, "inbox after scrolling").await;

    // One e-mail conversation: the buyer's name, the subject and the message in the thread.
    app.client
        .execute("document.querySelector('[data-testid=\"inbox-list\"]').scrollTop = 0", Vec::new())
        .await
        .expect("back to the top");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for_count("inbox-row", 3).await[2].click().await.expect("open a hostile conversation");
    app.wait_for("conversation").await;
    app.wait_for_count("message", 1).await;
    app.screenshot("hostile-02-mail-conversation").await;
    assert_nothing_ran(&app, "an e-mail conversation").await;
    assert_no_sideways_scroll(&app, "an e-mail conversation").await;

    // The thread with every payload as a message, and the buyer's orders with every payload as notes.
    app.wait_for("channel-filter").await.select_by_value("whatsapp").await.expect("only WhatsApp");
    app.wait_for_elements("inbox-row", "only the thread", |n| n == 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.wait_for_elements("inbox-row", "only the thread", |n| n == 1).await[0]
        .click()
        .await
        .expect("open the thread");
    app.wait_for_count("message", 20).await;
    app.screenshot("hostile-03-thread").await;
    assert_nothing_ran(&app, "the thread").await;
    assert_no_sideways_scroll(&app, "the thread").await;
    let texts = app
        .client
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"message\"] .text')].map((e) => e.textContent)",
            Vec::new(),
        )
        .await
        .expect("read the messages");
    let texts: BTreeSet<String> =
        texts.as_array().expect("texts").iter().map(|t| t.as_str().unwrap_or_default().to_owned()).collect();
    assert_all_shown("messages", &payloads, &texts);
    let notes = app
        .client
        .execute("return [...document.querySelectorAll('[data-testid=\"order\"] .notes')].map((e) => e.textContent)", Vec::new())
        .await
        .expect("read the orders' notes");
    let notes: BTreeSet<String> =
        notes.as_array().expect("notes").iter().map(|t| t.as_str().unwrap_or_default().to_owned()).collect();
    assert_all_shown("order notes", &payloads, &notes);
    app.screenshot("hostile-04-orders").await;
    assert_nothing_ran(&app, "the orders").await;
    assert_no_sideways_scroll(&app, "the orders").await;

    // The saved answers: titles in the library, a body in the editor.
    app.wait_for("answers-open-library").await.click().await.expect("open the answers library");
    app.wait_for_count("answers-row", 5).await;
    let titles = app
        .client
        .execute("return [...document.querySelectorAll('[data-testid=\"answers-row\"] .title')].map((e) => e.textContent)", Vec::new())
        .await
        .expect("read the answers' titles");
    let titles: BTreeSet<String> = titles
        .as_array()
        .expect("titles")
        .iter()
        .map(|t| t.as_str().unwrap_or_default().to_owned())
        .collect();
    assert_all_shown("saved answers' titles", &payloads, &titles);
    app.all("answers-row").await[1].click().await.expect("edit a hostile answer");
    let body = app.wait_for("answer-body").await.prop("value").await.expect("the body").unwrap_or_default();
    assert!(payloads.contains(&body), "the editor shows the body as written: {body:?}");
    app.screenshot("hostile-05-answers").await;
    assert_nothing_ran(&app, "the saved answers").await;
    assert_no_sideways_scroll(&app, "the saved answers").await;

    // New messages from buyers with hostile names: the grouped notification names them as written.
    let core = Mostrador::open(&database).expect("open the database beside the app");
    let account =
        core.accounts().expect("accounts").into_iter().find(|a| a.channel == ChannelKind::Email).unwrap().id;
    let arrived: Vec<IngestMessage> =
        ["{target}", "\u{202E}Ana Loca", "<img src=x onerror=\"top.__pwned=1\">"]
            .iter()
            .enumerate()
            .map(|(i, name)| IngestMessage {
                account_id: account,
                conversation: ConversationRef {
                    external_ref: format!("new{i}"),
                    kind: ConversationKind::Email,
                    subject: Some("Consulta".into()),
                },
                buyer: BuyerIdentityInput {
                    external_id: format!("new-buyer{i}"),
                    display_name: (*name).to_owned(),
                    handle: None,
                    phone: None,
                    email: None,
                },
                external_id: format!("new-mail{i}"),
                direction: Direction::Incoming,
                author: String::new(),
                text: "¿Hacen envíos?".into(),
                sent_at: now,
                status: MessageStatus::Received,
                attachments: Vec::new(),
            })
            .collect();
    core.ingest(&arrived, now).expect("new messages arrive");
    // The shell looks once a minute.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(90);
    let notice = loop {
        let logged = std::fs::read_to_string(&notify_log).unwrap_or_default();
        if let Some(line) = logged.lines().find(|line| line.contains("Ana Loca")) {
            break line.to_owned();
        }
        assert!(tokio::time::Instant::now() < deadline, "no notification within 90 s: {logged:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    println!("notification: {notice}");
    assert!(notice.contains("{target}"), "a name is never read as a template: {notice}");
    assert!(
        notice.contains("\u{2068}\u{202E}Ana Loca\u{2069}"),
        "a name's bidi controls are isolated, so they cannot reverse the rest: {notice}"
    );
    assert_nothing_ran(&app, "after the notification").await;
    app.quit().await;
}
