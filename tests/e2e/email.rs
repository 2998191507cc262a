//! E-mail against real servers (Dovecot and an SMTP relay that `cargo xtask e2e` starts): the
//! seller connects a mailbox through the wizard (a Gmail address first shows the app-password
//! notice, a wrong password says so), a buyer's accented mail reaches the inbox with its quoted
//! history folded, a saved answer goes out through submission with its photo and lands in the
//! buyer's mailbox as a reply to their mail; an Etsy notice without the buyer's words offers
//! "Responder en Etsy", which opens Etsy's conversation page; a newsletter is listed as mail left
//! out, and the Etsy account the notice made says its conversations come through the mailbox. A
//! Hotmail address signs in with Microsoft's device code (the simulator's Microsoft, whose tokens
//! Dovecot checks) and receives mail over IMAP with XOAUTH2.
//!
//! Seams: `MOSTRADOR_MAIL_*` and `SSL_CERT_FILE` (the servers and their throwaway CA, inherited by
//! the app), `MOSTRADOR_OPEN_URL_LOG` (what the shell would open), `MOSTRADOR_SECRETS` (the
//! mailbox password in a file, since the virtual desktop has no keychain),
//! `MOSTRADOR_MICROSOFT_LOGIN_BASE` and `MOSTRADOR_OUTLOOK_SERVERS` (Microsoft's sign-in and
//! Outlook's servers, pointed at the simulator and the test servers).

use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::Locator;
use mostrador_core::Mostrador;
use mostrador_core::answers::AnswerInput;
use mostrador_simulator::{SimConfig, Simulator};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::driver::{RunningApp, WAIT, selector};

/// Every address but the servers' two fixed accounts signs in with this and gets its own mailbox.
const MAILBOX_PASSWORD: &str = "mailbox-pass";

struct Servers {
    host: String,
    imap_port: String,
    submission_port: String,
    relay_port: u16,
    doveadm: String,
}

impl Servers {
    fn from_env() -> Option<Servers> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let found = (|| {
            Some(Servers {
                host: var("MOSTRADOR_MAIL_HOST")?,
                imap_port: var("MOSTRADOR_MAIL_IMAP_PORT")?,
                submission_port: var("MOSTRADOR_MAIL_SUBMISSION_PORT")?,
                relay_port: var("MOSTRADOR_MAIL_RELAY_PORT")?.parse().expect("relay port"),
                doveadm: var("MOSTRADOR_MAIL_DOVEADM")?,
            })
        })();
        if found.is_none() {
            assert_ne!(
                var("MOSTRADOR_REQUIRE_MAIL_SERVERS").as_deref(),
                Some("1"),
                "the mail servers are required but MOSTRADOR_MAIL_* is incomplete"
            );
            eprintln!("skipped: no mail servers; run through `cargo xtask e2e`");
        }
        found
    }

    /// Hands a whole message to the relay, as a buyer's server would. A plain SMTP dialogue: the
    /// relay does not announce 8BITMIME, so a client library would refuse the UTF-8 body.
    async fn deliver(&self, raw: &str, from: &str, to: &str) {
        let stream = TcpStream::connect(("127.0.0.1", self.relay_port)).await.expect("connect to the relay");
        let (reader, mut writer) = stream.into_split();
        let mut reader = BufReader::new(reader);
        let mut expect = async |code: &str| {
            let mut reply = String::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).await.expect("read from the relay");
                reply.push_str(&line);
                if line.len() < 4 || line.as_bytes()[3] == b' ' {
                    break;
                }
            }
            assert!(reply.starts_with(code), "the relay answered {reply:?}, not {code}");
        };
        expect("220").await;
        for command in ["EHLO localhost".to_owned(), format!("MAIL FROM:<{from}>"), format!("RCPT TO:<{to}>")]
        {
            writer.write_all(format!("{command}\r\n").as_bytes()).await.expect("write to the relay");
            expect("250").await;
        }
        writer.write_all(b"DATA\r\n").await.expect("write to the relay");
        expect("354").await;
        let mut data = String::new();
        for line in raw.trim_end().lines() {
            if line.starts_with('.') {
                data.push('.');
            }
            data.push_str(line);
            data.push_str("\r\n");
        }
        data.push_str(".\r\n");
        writer.write_all(data.as_bytes()).await.expect("write to the relay");
        expect("250").await;
        writer.write_all(b"QUIT\r\n").await.expect("write to the relay");
    }

    /// Every message in `user`'s INBOX, whole, as doveadm prints them.
    fn inbox_text(&self, user: &str) -> String {
        self.inbox_field(user, "text")
    }

    /// The headers of every message in `user`'s INBOX, as doveadm prints them.
    fn inbox_headers(&self, user: &str) -> String {
        self.inbox_field(user, "hdr")
    }

    fn inbox_field(&self, user: &str, field: &str) -> String {
        let output = Command::new(&self.doveadm)
            .args(["fetch", "-u", user, field, "mailbox", "INBOX", "all"])
            .output()
            .expect("run doveadm");
        // A mailbox nobody has written to yet does not exist: nothing.
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

fn nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("after 1970").as_nanos()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mailbox_connected_through_the_wizard_receives_and_answers_mail() {
    let Some(servers) = Servers::from_env() else { return };
    let run = nanos();
    let shop = format!("taller-{run}@shop.test");
    let buyer = format!("comprador-{run}@buyer.test");

    // A saved answer to reply with, in a database the app then opens.
    let seams = tempfile::tempdir().expect("temp dir");
    let database = seams.path().join("mostrador.sqlite3");
    let opened_log = seams.path().join("opened.log");
    let secrets = seams.path().join("secrets.bin");
    let core = Mostrador::open(&database).expect("create the database");
    let answer = core
        .create_answer(
            &AnswerInput {
                title: "Disponible".into(),
                shortcut: Some("disponible".into()),
                folder: None,
                body: "¡Hola! Sí, la taza azul está disponible. La envío el jueves por correo.".into(),
                language: None,
                pinned: false,
                tags: Vec::new(),
                variants: Vec::new(),
            },
            1_765_000_000,
        )
        .expect("save an answer");
    // With a photo, which a mail reply carries along.
    let photo = seams.path().join("foto-taza-azul.jpg");
    std::fs::write(&photo, [0xFF, 0xD8, 0xFF, 0xE0].repeat(2_000)).expect("write the photo");
    core.add_answer_attachment(answer, &photo).expect("attach the photo");
    drop(core);

    let app = RunningApp::launch(
        "es_AR.UTF-8",
        &[
            ("MOSTRADOR_DB", database.to_str().expect("utf-8 path")),
            ("MOSTRADOR_OPEN_URL_LOG", opened_log.to_str().expect("utf-8 path")),
            ("MOSTRADOR_SECRETS", &format!("file:{}", secrets.display())),
        ],
    )
    .await;
    app.wait_for("start-empty").await.click().await.expect("start with an empty shop");
    app.wait_for("inbox").await;

    // The wizard: a Gmail address explains app passwords (and Google's 2-step verification).
    app.wait_for("open-accounts").await.click().await.expect("open accounts");
    app.wait_for("connect-email").await.click().await.expect("connect a mailbox");
    type_into(&app, "mail-address", "barroylana@gmail.com").await;
    type_into(&app, "mail-display-name", "Barro y Lana").await;
    app.wait_for("mail-next").await.click().await.expect("next");
    let notice = app.wait_for("mail-app-password").await.text().await.unwrap_or_default();
    assert!(notice.contains("contraseña de aplicación") && notice.contains("Google"), "{notice}");
    app.wait_for("mail-two-step").await;
    app.screenshot("email-01-wizard-app-password").await;
    click_text(&app, "Atrás").await;

    // Another provider: the guessed servers, changed to the test's, and a wrong password first.
    type_into(&app, "mail-address", &shop).await;
    app.wait_for("mail-next").await.click().await.expect("next");
    app.wait_for("mail-servers-toggle").await.click().await.expect("open the servers");
    type_into(&app, "mail-imap-host", &servers.host).await;
    type_into(&app, "mail-imap-port", &servers.imap_port).await;
    app.wait_for("mail-imap-security").await.select_by_value("tls").await.expect("IMAP over TLS");
    type_into(&app, "mail-smtp-host", &servers.host).await;
    type_into(&app, "mail-smtp-port", &servers.submission_port).await;
    app.wait_for("mail-smtp-security").await.select_by_value("tls").await.expect("SMTP over TLS");
    type_into(&app, "mail-password", "not-the-password").await;
    app.wait_for("mail-connect").await.click().await.expect("connect");
    let banner = app.wait_for("error-banner").await;
    assert_eq!(
        banner.attr("data-error-code").await.ok().flatten().as_deref(),
        Some("connect_mail_wrong_password")
    );
    assert!(banner.text().await.unwrap_or_default().contains("no aceptó la contraseña"));
    app.screenshot("email-02-wizard-wrong-password").await;
    type_into(&app, "mail-password", MAILBOX_PASSWORD).await;
    app.wait_for("mail-connect").await.click().await.expect("connect");
    let success = app.wait_for("mail-success").await.text().await.unwrap_or_default();
    assert!(success.contains(&shop), "{success}");
    app.wait_for("mail-done").await.click().await.expect("done");
    app.wait_for("account-card").await;

    // A buyer writes, quoting an earlier mail from the shop.
    let buyer_message_id = format!("<pregunta-{run}@buyer.test>");
    servers
        .deliver(
            &format!(
                "From: Lucía Fernández <{buyer}>\r\nTo: Barro y Lana <{shop}>\r\nSubject: Consulta por la taza azul\r\n\
                 Message-ID: {buyer_message_id}\r\nDate: Mon, 07 Dec 2026 10:00:00 -0300\r\nMIME-Version: 1.0\r\n\
                 Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
                 Hola, ¿la taza azul sigue disponible? La quiero para el cumpleaños de mi mamá.\r\nGracias, Lucía\r\n\r\n\
                 El vie, 4 dic 2026 a las 18:20, Barro y Lana <{shop}> escribió:\r\n\
                 > ¡Gracias por tu compra! Te avisamos cuando salga el envío.\r\n"
            ),
            &buyer,
            &shop,
        )
        .await;
    // A newsletter: left out of the inbox, listed on the card.
    servers
        .deliver(
            &format!(
                "From: Novedades Arcilla <novedades@arcilla.test>\r\nTo: {shop}\r\nSubject: Ofertas de esmaltes\r\n\
                 Message-ID: <boletin-{run}@arcilla.test>\r\nList-Unsubscribe: <mailto:baja@arcilla.test>\r\n\
                 Precedence: bulk\r\nDate: Mon, 07 Dec 2026 09:00:00 -0300\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
                 Esta semana, esmaltes con descuento.\r\n"
            ),
            "novedades@arcilla.test",
            &shop,
        )
        .await;
    // An Etsy notice without the buyer's words.
    servers
        .deliver(
            &format!(
                "From: Etsy <no-reply@account.etsy.com>\r\nTo: {shop}\r\nSubject: Etsy Conversation with Lucia\r\n\
                 Message-ID: <etsy-{run}@account.etsy.com>\r\nDate: Mon, 07 Dec 2026 10:05:00 -0300\r\n\
                 Content-Type: text/plain; charset=utf-8\r\n\r\nLucia sent you a message\r\n\r\n\
                 https://www.etsy.com/your/conversations/1234567890\r\n"
            ),
            "no-reply@account.etsy.com",
            &shop,
        )
        .await;

    // They arrive (IDLE wakes the sync; "Sincronizar ahora" in case the server is slow to say so).
    sync_until(&app, "the buyer's mail and the Etsy notice in the inbox", || async {
        app.all("inbox-row").await.len() >= 2
    })
    .await;
    // The accounts dialog first: the newsletter left out.
    let card = app.wait_for("account-card").await.text().await.unwrap_or_default();
    assert!(card.contains(&shop), "the card names the mailbox: {card}");
    app.wait_for("mail-left-out-toggle").await.click().await.expect("show the mail left out");
    let left_out = app.wait_for("left-out-mail").await;
    app.screenshot("email-03-left-out").await;
    assert_eq!(left_out.attr("data-reason").await.ok().flatten().as_deref(), Some("list"));
    // textContent: WebKit's WebDriver leaves out text in a single line cut by an ellipsis.
    let left_out_text = left_out.prop("textContent").await.ok().flatten().unwrap_or_default();
    assert!(
        left_out_text.contains("Ofertas de esmaltes") && left_out_text.contains("Boletín"),
        "{left_out_text}"
    );
    // The Etsy account the notice made says where its conversations come from, with nothing to sync.
    let etsy_card = app
        .client
        .find(Locator::Css("[data-testid=\"account-card\"][data-state=\"by_mail\"]"))
        .await
        .expect("the Etsy account is fed by the mailbox's notices");
    assert!(etsy_card.find(Locator::Css("[data-testid=\"account-sync-now\"]")).await.is_err());
    app.wait_for("close-accounts").await.click().await.expect("close accounts");
    app.screenshot("email-04-inbox").await;

    // The buyer's mail: subject, the words before the quote, the quote behind a toggle.
    open_row(&app, "email").await;
    let pane = app.wait_for("conversation").await;
    app.screenshot("email-05-conversation-folded-quote").await;
    // The header's one-line subject is read as textContent (WebKit's WebDriver skips ellipsised lines).
    let whole = pane.prop("textContent").await.ok().flatten().unwrap_or_default();
    assert!(whole.contains("Consulta por la taza azul"), "{whole}");
    let conversation = pane.text().await.unwrap_or_default();
    assert!(conversation.contains("¿la taza azul sigue disponible?"), "{conversation}");
    assert!(!conversation.contains("Te avisamos cuando salga"), "the quote is folded: {conversation}");
    app.wait_for("quote-toggle").await;
    app.wait_for("quote-toggle").await.click().await.expect("show the quote");
    let quoted = app.wait_for("quoted-text").await.text().await.unwrap_or_default();
    assert!(quoted.contains("Te avisamos cuando salga el envío"), "{quoted}");

    // Answered with the saved answer through the "/" picker, sent by submission.
    let composer = app.wait_for("composer-text").await;
    composer.send_keys("/disponible").await.expect("type a shortcut");
    app.wait_for_count("answer-hit", 1).await[0].click().await.expect("choose the answer");
    app.wait_for("answer-do").await.click().await.expect("insert it");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let draft = app.wait_for("composer-text").await.prop("value").await.ok().flatten().unwrap_or_default();
    assert!(draft.contains("la taza azul está disponible"), "{draft:?}");
    let files = app.wait_for_count("reply-file", 1).await;
    let file = files[0].prop("textContent").await.ok().flatten().unwrap_or_default();
    assert!(file.contains("foto-taza-azul.jpg"), "the answer's photo goes with the mail: {file}");
    app.screenshot("email-06-reply-with-photo").await;
    app.wait_for("composer-send").await.click().await.expect("send");
    let headers = wait_until_value("the reply in the buyer's mailbox", || async {
        let headers = servers.inbox_headers(&buyer);
        headers.contains("In-Reply-To").then_some(headers)
    })
    .await;
    assert!(
        headers.lines().any(|line| line.starts_with("In-Reply-To:") && line.contains(&buyer_message_id)),
        "the reply answers the buyer's mail: {headers}"
    );
    assert!(headers.contains(&shop), "from the shop's address: {headers}");
    let whole = servers.inbox_text(&buyer);
    assert!(
        whole.contains("Content-Disposition: attachment") && whole.contains("foto-taza-azul.jpg"),
        "the photo arrived with the reply: {}",
        whole.chars().take(3000).collect::<String>()
    );
    app.screenshot("email-07-answer-sent").await;

    // The Etsy notice: what Etsy said, and "Responder en Etsy" opens its conversation page.
    open_row(&app, "etsy").await;
    let wordless = app.wait_for("etsy-wordless").await.text().await.unwrap_or_default();
    assert!(
        wordless.contains("Lucia te escribió en Etsy") && wordless.contains("respóndele en Etsy"),
        "{wordless}"
    );
    app.wait_for("composer-copy").await;
    app.wait_for("reply-on-etsy").await.click().await.expect("reply on Etsy");
    wait_until_value("Etsy's page opened", || async {
        std::fs::read_to_string(&opened_log)
            .ok()
            .filter(|opened| opened.contains("https://www.etsy.com/your/conversations/1234567890"))
    })
    .await;
    app.screenshot("email-08-etsy-conversation").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outlook_mailbox_signs_in_with_microsoft_and_receives_mail() {
    let Some(servers) = Servers::from_env() else { return };
    let oauth_port: u16 = std::env::var("MOSTRADOR_MAIL_OAUTH_PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .expect("MOSTRADOR_MAIL_OAUTH_PORT: the mail servers check Microsoft tokens there");
    // Microsoft's sign-in, on the port where Dovecot asks whether a token is good.
    let microsoft = simulator_on(oauth_port).await;
    microsoft.set_microsoft_poll_interval(1);
    let run = nanos();
    let shop = format!("taller-{run}@hotmail.com");
    let buyer = format!("comprador-{run}@buyer.test");

    let seams = tempfile::tempdir().expect("temp dir");
    let database = seams.path().join("mostrador.sqlite3");
    let opened_log = seams.path().join("opened.log");
    let secrets = seams.path().join("secrets.bin");
    let outlook_servers = format!("{}:{}:{}", servers.host, servers.imap_port, servers.submission_port);
    let app = RunningApp::launch(
        "es_AR.UTF-8",
        &[
            ("MOSTRADOR_DB", database.to_str().expect("utf-8 path")),
            ("MOSTRADOR_OPEN_URL_LOG", opened_log.to_str().expect("utf-8 path")),
            ("MOSTRADOR_SECRETS", &format!("file:{}", secrets.display())),
            ("MOSTRADOR_MICROSOFT_LOGIN_BASE", &microsoft.microsoft_base_url()),
            ("MOSTRADOR_OUTLOOK_SERVERS", &outlook_servers),
        ],
    )
    .await;
    app.wait_for("start-empty").await.click().await.expect("start with an empty shop");
    app.wait_for("inbox").await;

    // A Hotmail address: no password, Microsoft's sign-in with the seller's own app id.
    app.wait_for("open-accounts").await.click().await.expect("open accounts");
    app.wait_for("connect-email").await.click().await.expect("connect a mailbox");
    type_into(&app, "mail-address", &shop).await;
    type_into(&app, "mail-display-name", "Barro y Lana").await;
    app.wait_for("mail-next").await.click().await.expect("next");
    app.wait_for("mail-oauth-only").await;
    assert!(app.all("mail-password").await.is_empty(), "no password is asked for");
    type_into(&app, "mail-microsoft-client-id", &microsoft.microsoft_app().client_id).await;
    app.screenshot("email-07-microsoft-app").await;
    app.wait_for("mail-microsoft-start").await.click().await.expect("sign in with Microsoft");
    let code = app.wait_for("mail-microsoft-user-code").await.text().await.unwrap_or_default();
    assert!(code.trim().len() >= 8, "a code to type on Microsoft's page: {code:?}");
    app.wait_for("mail-microsoft-open").await.click().await.expect("open Microsoft's page");
    let opened = wait_until_value("Microsoft's page to open", || async {
        std::fs::read_to_string(&opened_log).ok().filter(|log| !log.trim().is_empty())
    })
    .await;
    assert_eq!(opened.trim(), "https://www.microsoft.com/link");
    app.wait_for("mail-microsoft-waiting").await;
    app.screenshot("email-08-microsoft-code").await;

    // The seller types the code on Microsoft's page and accepts: the wizard connects by itself.
    assert!(microsoft.microsoft_approve(code.trim(), &shop), "the simulator knows the code {code:?}");
    let success = app.wait_for("mail-success").await.text().await.unwrap_or_default();
    assert!(success.contains(&shop), "{success}");
    app.screenshot("email-09-microsoft-connected").await;
    app.wait_for("mail-done").await.click().await.expect("done");
    app.wait_for("account-card").await;

    // Mail reaches the inbox through IMAP signed in with the token (Dovecot asked the simulator).
    servers
        .deliver(
            &format!(
                "From: Ana Ruiz <{buyer}>\r\nTo: <{shop}>\r\nSubject: Consulta por el jarrón\r\n\
                 Message-ID: <jarron-{run}@buyer.test>\r\nDate: Mon, 07 Dec 2026 11:00:00 -0300\r\n\
                 Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
                 Hola, ¿el jarrón verde tiene envío a Rosario?\r\n"
            ),
            &buyer,
            &shop,
        )
        .await;
    sync_until(&app, "the buyer's mail in the inbox", || async { !app.all("inbox-row").await.is_empty() })
        .await;
    let card = app.wait_for("account-card").await;
    assert_eq!(card.attr("data-state").await.ok().flatten().as_deref(), Some("ok"));
    assert!(microsoft.snapshot().totals.microsoft_introspections > 0, "Dovecot checked the token");
    app.wait_for("close-accounts").await.click().await.expect("close accounts");
    let row = app.wait_for("inbox-row").await.prop("textContent").await.ok().flatten().unwrap_or_default();
    assert!(row.contains("Ana Ruiz") && row.contains("jarrón"), "{row}");
    app.screenshot("email-10-outlook-inbox").await;
    app.quit().await;
}

/// A simulator whose Microsoft server listens on `port` (an earlier test's may still be closing).
async fn simulator_on(port: u16) -> Simulator {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match Simulator::start(SimConfig { microsoft_port: port, ..SimConfig::default() }).await {
            Ok(simulator) => return simulator,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("the simulator starts on port {port}: {e}"),
        }
    }
}

/// Replaces a field's text, as a person selecting it all and typing would.
async fn type_into(app: &RunningApp, test_id: &str, text: &str) {
    let field = app.wait_for(test_id).await;
    field.clear().await.unwrap_or_else(|e| panic!("clear {test_id}: {e}"));
    field.send_keys(text).await.unwrap_or_else(|e| panic!("type into {test_id}: {e}"));
}

async fn click_text(app: &RunningApp, text: &str) {
    let xpath = format!("//button[normalize-space()='{text}']");
    app.client.find(Locator::XPath(&xpath)).await.expect("the button").click().await.expect("click it");
}

/// Opens the inbox row of this channel.
async fn open_row(app: &RunningApp, channel: &str) {
    let css = format!("{}[data-channel='{channel}']", selector("inbox-row"));
    let row = app.client.wait().at_most(WAIT).for_element(Locator::Css(&css)).await.expect("the row");
    row.click().await.expect("open the row");
    app.wait_for("conversation").await;
}

/// Waits for `check`, pressing the mailbox's "Sincronizar ahora" now and then.
async fn sync_until<F: Future<Output = bool>>(app: &RunningApp, what: &str, mut check: impl FnMut() -> F) {
    let deadline = Instant::now() + 3 * WAIT;
    let mut next_sync = Instant::now() + Duration::from_secs(5);
    loop {
        if check().await {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        if Instant::now() > next_sync {
            if app.all("account-card").await.is_empty() {
                app.wait_for("open-accounts").await.click().await.expect("open accounts");
            }
            if let Some(button) = app.all("account-sync-now").await.into_iter().next() {
                let _ = button.click().await;
            }
            next_sync = Instant::now() + Duration::from_secs(5);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
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
