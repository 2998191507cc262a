//! The e-mail channel against real servers (Dovecot for IMAP and submission, msmtpd delivering
//! into it), started by `cargo xtask test`: connecting a mailbox, buyers' mail in any charset
//! becoming conversations while newsletters stay out, replies threaded and filed in Sent, replies
//! written in another mail program, a renumbered folder, Etsy's notices, and the seller's marks.
//!
//! Each test has its own shop address (the servers give any address a mailbox), so tests running
//! side by side never read each other's mail. Without the servers every test says it is skipped.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use async_imap::types::Flag;
use futures_util::StreamExt;
use mostrador_channels::connect::{self, MailSecurity, MailServer as ServerAddress, MailboxConnect};
use mostrador_channels::secrets::{self, SecretStore};
use mostrador_channels::{Clock, sync_once};
use mostrador_core::Mostrador;
use mostrador_core::inbox::{InboxQuery, InboxRow};
use mostrador_core::vocabulary::{ChannelKind, ConversationStatus, Direction, MessageStatus};
use support::mail_server::{MailServer, PASSWORD, fresh, now};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Shop {
    server: MailServer,
    core: Arc<Mostrador>,
    secrets: Arc<dyn SecretStore>,
    clock: Clock,
    address: String,
    account_id: i64,
    _dir: tempfile::TempDir,
}

fn request(server: &MailServer, address: &str, password: &str) -> MailboxConnect {
    MailboxConnect {
        address: address.to_owned(),
        password: password.to_owned(),
        display_name: Some("Taller Martina".into()),
        user: None,
        imap: ServerAddress {
            host: server.host.clone(),
            port: server.imap_port,
            security: MailSecurity::Tls,
        },
        smtp: ServerAddress {
            host: server.host.clone(),
            port: server.submission_port,
            security: MailSecurity::Tls,
        },
    }
}

async fn shop() -> Option<Shop> {
    shop_reading_through(None).await
}

/// A shop whose IMAP connections go through `imap_port` (a proxy) instead of the server's own.
async fn shop_reading_through(imap_port: Option<u16>) -> Option<Shop> {
    let server = MailServer::from_env()?;
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("mostrador.sqlite3")).expect("database"));
    let secrets = secrets::encrypted_file(&dir.path().join("secrets.bin")).expect("secret file");
    let address = fresh("taller", "shop.test");
    // A mailbox exists once something is delivered to it.
    server
        .deliver(
            &mail(&fresh("bienvenida", "shop.test"), &address, "Bienvenida", "<welcome@x.test>", "", "hola"),
            "x@x.test",
            &[&address],
        )
        .await;
    let mut connect_request = request(&server, &address, PASSWORD);
    if let Some(port) = imap_port {
        connect_request.imap.port = port;
    }
    let account_id = connect::mailbox(&core, &secrets, connect_request, now()).await.expect("connect");
    Some(Shop { server, core, secrets, clock: Arc::new(now), address, account_id, _dir: dir })
}

/// A plain mail written now; `extra` holds more header lines (each ending in CRLF).
fn mail(from: &str, to: &str, subject: &str, message_id: &str, extra: &str, body: &str) -> Vec<u8> {
    let date = jiff::Timestamp::now().strftime("%a, %-d %b %Y %H:%M:%S +0000");
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: {message_id}\r\n\
         Date: {date}\r\nMIME-Version: 1.0\r\n{extra}\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

impl Shop {
    async fn sync(&self) {
        let summary = sync_once(&self.core, &self.secrets, self.account_id, &self.clock).await;
        assert!(summary.errors.is_empty(), "sync errors: {:?}", summary.errors);
    }

    fn rows(&self) -> Vec<InboxRow> {
        let query = InboxQuery { account_id: Some(self.account_id), ..InboxQuery::default() };
        self.core.inbox(&query, now()).expect("inbox").rows
    }

    async fn deliver(&self, from: &str, raw: &[u8]) {
        self.server.deliver(raw, from, &[&self.address]).await;
        // msmtpd hands the mail to dovecot-lda before it answers; a short pause covers the index.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_buyers_mail_becomes_a_conversation_and_the_reply_threads_back() {
    let Some(shop) = shop().await else { return };
    let buyer = fresh("ana", "buyer.test");
    let latin1: Vec<u8> = [
        format!(
            "From: Ana =?ISO-8859-1?Q?P=E9rez?= <{buyer}>\r\nTo: {}\r\nSubject: Consulta por tazas\r\n\
             Message-ID: <q1.{buyer}>\r\nDate: Mon, 7 Dec 2026 09:00:00 -0300\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
            shop.address
        )
        .into_bytes(),
        b"Hola, \xbfla taza azul tiene env\xedo a C\xf3rdoba?\r\n".to_vec(),
    ]
    .concat();
    shop.deliver(&buyer, &latin1).await;
    shop.deliver(
        "news@tienda.test",
        &mail(
            "Novedades <news@tienda.test>",
            &shop.address,
            "Ofertas de diciembre",
            "<n1@tienda.test>",
            "List-Unsubscribe: <https://tienda.test/baja>\r\n",
            "Ofertas",
        ),
    )
    .await;
    shop.sync().await;

    let rows = shop.rows();
    let row = rows.iter().find(|r| r.buyer_name == "Ana Pérez").expect("Ana's conversation");
    assert_eq!(row.status, ConversationStatus::NeedsReply);
    assert_eq!(row.subject.as_deref(), Some("Consulta por tazas"));
    assert!(
        !rows.iter().any(|r| r.subject.as_deref() == Some("Ofertas de diciembre")),
        "a newsletter is not a buyer"
    );
    let left_out = shop.core.left_out_mail(shop.account_id, 50).expect("left out");
    assert!(left_out.iter().any(|m| m.sender == "news@tienda.test" && m.reason == "list"), "{left_out:?}");

    let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
    assert_eq!(page.messages[0].text.trim(), "Hola, ¿la taza azul tiene envío a Córdoba?");
    assert_eq!(page.send.mode, mostrador_core::replies::SendMode::Send);

    // Reading never marks the mail as read.
    let mut seller = shop.server.imap_session(&shop.address, PASSWORD).await;
    seller.select("INBOX").await.expect("select");
    let flags: Vec<_> = seller.fetch("1:*", "FLAGS").await.expect("fetch").collect::<Vec<_>>().await;
    for fetched in flags {
        assert!(!fetched.expect("fetch").flags().any(|f| f == Flag::Seen), "a mail was marked as read");
    }

    // The seller answers; the reply reaches the buyer's mailbox threaded, and a copy lands in Sent.
    shop.core
        .outbox_enqueue(row.conversation_id, "¡Hola Ana! Sí, enviamos a Córdoba.", now())
        .expect("enqueue");
    shop.sync().await;
    let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
    let reply = page.messages.iter().find(|m| m.direction == Direction::Outgoing).expect("reply");
    assert_eq!(reply.status, MessageStatus::Sent);
    assert_eq!(page.summary.status, ConversationStatus::WaitingForBuyer);

    let mut inbox = shop.server.imap_session(&buyer, PASSWORD).await;
    inbox.select("INBOX").await.expect("select");
    let raw = wait_for_mail(&mut inbox, "Re: Consulta por tazas").await;
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains(&format!("In-Reply-To: <q1.{buyer}>")), "{text}");
    assert!(text.contains(&format!("References: <q1.{buyer}>")), "{text}");
    assert!(text.contains("From: Taller Martina <") || text.contains("From: \"Taller Martina\" <"), "{text}");
    let mut sent = shop.server.imap_session(&shop.address, PASSWORD).await;
    sent.select("Sent").await.expect("select Sent");
    assert_eq!(sent.uid_search("ALL").await.expect("search").len(), 1, "one copy in Sent");

    // Reading Sent again does not show the reply twice; the buyer's answer joins the thread.
    let our_id =
        text.lines().find_map(|l| l.strip_prefix("Message-ID: ")).expect("Message-ID").trim().to_owned();
    shop.deliver(&buyer, &mail(&buyer, &shop.address, "Re: Consulta por tazas", &format!("<q2.{buyer}>"), &format!("In-Reply-To: {our_id}\r\nReferences: <q1.{buyer}> {our_id}\r\n"), "¡Genial! La quiero.\r\n\r\nEl lun, 7 dic 2026 a las 10:00, Taller Martina escribió:\r\n> ¡Hola Ana! Sí, enviamos a Córdoba.")).await;
    shop.sync().await;
    shop.sync().await;
    let rows = shop.rows();
    assert_eq!(rows.iter().filter(|r| r.buyer_name == "Ana Pérez").count(), 1, "one thread: {rows:?}");
    let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
    assert_eq!(page.messages.len(), 3, "{:?}", page.messages.iter().map(|m| &m.text).collect::<Vec<_>>());
    let last = page.messages.last().expect("answer");
    assert_eq!(page.summary.status, ConversationStatus::NeedsReply);
    let quoted = last.quote_start.expect("the quoted history is marked") as usize;
    let before: String = String::from_utf16_lossy(&last.text.encode_utf16().take(quoted).collect::<Vec<_>>());
    assert_eq!(before.trim(), "¡Genial! La quiero.");
}

async fn wait_for_mail(session: &mut support::mail_server::ImapSession, subject: &str) -> Vec<u8> {
    for _ in 0..50 {
        let found = session.uid_search(format!("HEADER Subject \"{subject}\"")).await.expect("search");
        if let Some(uid) = found.into_iter().next() {
            let fetched: Vec<_> =
                session.uid_fetch(uid.to_string(), "BODY.PEEK[]").await.expect("fetch").collect().await;
            return fetched[0].as_ref().expect("fetch").body().expect("body").to_vec();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no mail with subject {subject:?}");
}

#[tokio::test]
async fn a_reply_written_in_another_mail_program_stops_the_wait() {
    let Some(shop) = shop().await else { return };
    let buyer = fresh("bruno", "buyer.test");
    shop.deliver(
        &buyer,
        &mail(
            &format!("Bruno <{buyer}>"),
            &shop.address,
            "Pedido mayorista",
            &format!("<w1.{buyer}>"),
            "",
            "Quiero 40 tazas.",
        ),
    )
    .await;
    shop.sync().await;
    let row = shop.rows().into_iter().find(|r| r.buyer_name == "Bruno").expect("Bruno");
    assert_eq!(row.status, ConversationStatus::NeedsReply);

    // Thunderbird files the seller's answer in Sent.
    let mut seller = shop.server.imap_session(&shop.address, PASSWORD).await;
    let answer = mail(
        &shop.address,
        &buyer,
        "Re: Pedido mayorista",
        "<t1@shop.test>",
        &format!("In-Reply-To: <w1.{buyer}>\r\n"),
        "Te paso la lista de precios.",
    );
    seller.append("Sent", Some("(\\Seen)"), None, &answer).await.expect("append");
    // And a mail to someone who is not a buyer stays out.
    let other = mail(
        &shop.address,
        "contadora@estudio.test",
        "Facturas de noviembre",
        "<t2@shop.test>",
        "",
        "Adjunto.",
    );
    seller.append("Sent", Some("(\\Seen)"), None, &other).await.expect("append");
    shop.sync().await;

    let rows = shop.rows();
    let row = rows.iter().find(|r| r.conversation_id == row.conversation_id).expect("Bruno");
    assert_eq!(row.status, ConversationStatus::WaitingForBuyer);
    assert!(!rows.iter().any(|r| r.subject.as_deref() == Some("Facturas de noviembre")), "{rows:?}");
}

#[tokio::test]
async fn a_renumbered_folder_is_read_again_without_storing_anything_twice() {
    let Some(shop) = shop().await else { return };
    let buyer = fresh("carla", "buyer.test");
    for n in 0..3 {
        shop.deliver(
            &buyer,
            &mail(
                &format!("Carla <{buyer}>"),
                &shop.address,
                &format!("Consulta {n}"),
                &format!("<c{n}.{buyer}>"),
                "",
                "¿Hacen envíos?",
            ),
        )
        .await;
    }
    shop.sync().await;
    let before = shop.rows().len();
    let stored = shop.core.sync_cursor(shop.account_id, "folder:INBOX").expect("cursor").expect("a cursor");
    shop.server.doveadm(&["mailbox", "update", "-u", &shop.address, "--uid-validity", "4242", "INBOX"]);
    shop.deliver(
        &buyer,
        &mail(
            &format!("Carla <{buyer}>"),
            &shop.address,
            "Consulta 3",
            &format!("<c3.{buyer}>"),
            "",
            "¿Y a Rosario?",
        ),
    )
    .await;
    shop.sync().await;

    let cursor = shop.core.sync_cursor(shop.account_id, "folder:INBOX").expect("cursor").expect("a cursor");
    assert_ne!(cursor, stored);
    assert!(cursor.starts_with("4242:"), "{cursor}");
    assert_eq!(shop.rows().len(), before + 1, "only the new mail is new");
}

#[tokio::test]
async fn etsy_notices_become_etsy_conversations() {
    let Some(shop) = shop().await else { return };
    let notice = format!(
        "From: Etsy <no-reply@account.etsy.com>\r\nTo: {}\r\nSubject: Etsy Conversation with Lucia\r\n\
         Message-ID: <etsy1@account.etsy.com>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nLucia sent you a message\r\n\r\n\
         View message: https://www.etsy.com/your/conversations/1234567890\r\n",
        shop.address
    );
    shop.deliver("no-reply@account.etsy.com", notice.as_bytes()).await;
    shop.sync().await;

    let accounts = shop.core.accounts().expect("accounts");
    let etsy = accounts.iter().find(|a| a.channel == ChannelKind::Etsy).expect("an Etsy account");
    let rows = shop
        .core
        .inbox(&InboxQuery { account_id: Some(etsy.id), ..InboxQuery::default() }, now())
        .expect("inbox")
        .rows;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].buyer_name, "Lucia");
    assert_eq!(rows[0].status, ConversationStatus::NeedsReply);
    assert!(shop.rows().is_empty() || !shop.rows().iter().any(|r| r.buyer_name.contains("Etsy")));
    // Read again (a crash before the cursor moved): nothing twice.
    shop.sync().await;
    let rows = shop
        .core
        .inbox(&InboxQuery { account_id: Some(etsy.id), ..InboxQuery::default() }, now())
        .expect("inbox")
        .rows;
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn mail_the_seller_says_is_from_a_buyer_is_taken_in() {
    let Some(shop) = shop().await else { return };
    shop.deliver(
        "ventas@mayorista.test",
        &mail(
            "Mayorista <ventas@mayorista.test>",
            &shop.address,
            "Pedido de 200 piezas",
            "<m1@mayorista.test>",
            "Precedence: bulk\r\n",
            "Cotización, por favor.",
        ),
    )
    .await;
    shop.sync().await;
    assert!(!shop.rows().iter().any(|r| r.subject.as_deref() == Some("Pedido de 200 piezas")));
    let left_out = shop.core.left_out_mail(shop.account_id, 50).expect("left out");
    assert!(left_out.iter().any(|m| m.sender == "ventas@mayorista.test"), "{left_out:?}");

    shop.core.mark_sender(shop.account_id, "@mayorista.test", true, now()).expect("mark");
    shop.sync().await;
    assert!(shop.rows().iter().any(|r| r.subject.as_deref() == Some("Pedido de 200 piezas")));
    let left_out = shop.core.left_out_mail(shop.account_id, 50).expect("left out");
    assert!(!left_out.iter().any(|m| m.sender == "ventas@mayorista.test"), "{left_out:?}");
}

#[tokio::test]
async fn connecting_says_what_went_wrong() {
    let Some(server) = MailServer::from_env() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let core = Arc::new(Mostrador::open(&dir.path().join("mostrador.sqlite3")).expect("database"));
    let secrets = secrets::encrypted_file(&dir.path().join("secrets.bin")).expect("secret file");
    let wrong =
        connect::mailbox(&core, &secrets, request(&server, "seller@shop.test", "not-the-password"), now())
            .await
            .expect_err("a wrong password");
    assert_eq!(wrong.code(), "connect_mail_wrong_password", "{wrong}");
    let mut closed = request(&server, "seller@shop.test", "seller-pass");
    closed.imap.port = 9;
    let unreachable = connect::mailbox(&core, &secrets, closed, now()).await.expect_err("nothing listens");
    assert_eq!(unreachable.code(), "connect_mail_unreachable", "{unreachable}");
    assert!(core.accounts().expect("accounts").is_empty(), "nothing saved on failure");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_brings_new_mail_in_within_seconds_and_a_queued_reply_goes_out_at_once() {
    let Some(shop) = shop().await else { return };
    let sink: mostrador_channels::EventSink = Arc::new(|_| {});
    let engine = mostrador_channels::Engine::start(
        Arc::clone(&shop.core),
        Arc::clone(&shop.secrets),
        Arc::clone(&shop.clock),
        sink,
    );
    // The first round reads the welcome mail, then the task idles on INBOX.
    wait_until(Duration::from_secs(20), || !shop.rows().is_empty()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let buyer = fresh("dora", "buyer.test");
    let delivered = std::time::Instant::now();
    shop.server
        .deliver(
            &mail(
                &format!("Dora <{buyer}>"),
                &shop.address,
                "Aros de cerámica",
                &format!("<i1.{buyer}>"),
                "",
                "¿Tenés aros?",
            ),
            &buyer,
            &[&shop.address],
        )
        .await;
    wait_until(Duration::from_secs(10), || shop.rows().iter().any(|r| r.buyer_name == "Dora")).await;
    let waited = delivered.elapsed();
    assert!(waited < Duration::from_secs(3), "IDLE brought the mail in after {waited:?}");

    // The task is idling again: a queued reply interrupts it and goes out at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let conversation =
        shop.rows().into_iter().find(|r| r.buyer_name == "Dora").expect("Dora").conversation_id;
    shop.core.outbox_enqueue(conversation, "¡Sí! Hay aros azules.", now()).expect("enqueue");
    let asked = std::time::Instant::now();
    engine.wake(shop.account_id);
    let mut inbox = shop.server.imap_session(&buyer, PASSWORD).await;
    inbox.select("INBOX").await.expect("select");
    wait_for_mail(&mut inbox, "Re: Aros de cerámica").await;
    assert!(asked.elapsed() < Duration::from_secs(8), "sent after {:?}", asked.elapsed());
    engine.shutdown().await;
}

async fn wait_until(within: Duration, done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + within;
    while !done() {
        assert!(std::time::Instant::now() < deadline, "not within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A TCP relay in front of the IMAP server that, once armed, cuts its next connection after a
/// number of bytes from the server: a server (or a network) that drops the line mid-fetch.
struct CuttingProxy {
    port: u16,
    budget: Arc<AtomicI64>,
}

impl CuttingProxy {
    async fn start(target_port: u16) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let budget = Arc::new(AtomicI64::new(-1));
        let armed = Arc::clone(&budget);
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let limit = armed.swap(-1, Ordering::SeqCst);
                tokio::spawn(relay(client, target_port, limit));
            }
        });
        CuttingProxy { port, budget }
    }

    /// The next connection is closed after `bytes` bytes from the server.
    fn cut_next_after(&self, bytes: i64) {
        self.budget.store(bytes, Ordering::SeqCst);
    }
}

async fn relay(client: TcpStream, target_port: u16, limit: i64) {
    let Ok(server) = TcpStream::connect(("127.0.0.1", target_port)).await else { return };
    let (mut client_in, mut client_out) = client.into_split();
    let (mut server_in, mut server_out) = server.into_split();
    let upstream = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut client_in, &mut server_out).await;
    });
    let mut passed: i64 = 0;
    let mut buffer = vec![0u8; 16 * 1024];
    while let Ok(read) = server_in.read(&mut buffer).await {
        if read == 0 {
            break;
        }
        let allowed = if limit >= 0 { read.min((limit - passed).max(0) as usize) } else { read };
        if client_out.write_all(&buffer[..allowed]).await.is_err() || allowed < read {
            break;
        }
        passed += read as i64;
    }
    // Both directions end here: the mail client sees the line drop in the middle of a reply.
    upstream.abort();
}

#[tokio::test]
async fn a_line_dropped_mid_fetch_loses_nothing_and_stores_nothing_twice() {
    let Some(server) = MailServer::from_env() else { return };
    let proxy = CuttingProxy::start(server.imap_port).await;
    let Some(shop) = shop_reading_through(Some(proxy.port)).await else { return };
    shop.sync().await;
    let before = shop.rows().len();

    // More than one page of mail, each about 20 kB, so the cut lands inside a later page.
    let buyer = fresh("dora", "buyer.test");
    let filler = "Quisiera encargar tazas para el casamiento. ".repeat(450);
    let total = 80;
    for n in 0..total {
        let raw = mail(
            &format!("Dora <{buyer}>"),
            &shop.address,
            &format!("Encargo {n}"),
            &format!("<d{n}.{buyer}>"),
            "",
            &format!("Encargo número {n}. {filler}"),
        );
        shop.server.deliver(&raw, &buyer, &[&shop.address]).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;

    proxy.cut_next_after(1_250_000);
    let cut = sync_once(&shop.core, &shop.secrets, shop.account_id, &shop.clock).await;
    assert!(!cut.errors.is_empty(), "the dropped line is reported: {cut:?}");
    let kept = shop.rows().len() - before;
    assert!(kept < total, "the cut landed before the last mail ({kept} kept)");

    shop.sync().await;
    let rows = shop.rows();
    assert_eq!(rows.len() - before, total, "every mail once after the next round");
    let mut subjects: Vec<_> =
        rows.iter().filter_map(|r| r.subject.clone()).filter(|s| s.starts_with("Encargo")).collect();
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), total, "no mail stored twice: {subjects:?}");
    for row in rows.iter().filter(|r| r.subject.as_deref().is_some_and(|s| s.starts_with("Encargo"))) {
        let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
        assert_eq!(page.messages.len(), 1, "{:?} holds its mail once", row.subject);
    }
}

#[tokio::test]
async fn a_huge_attachment_is_listed_and_the_words_around_it_still_arrive() {
    let Some(shop) = shop().await else { return };
    let buyer = fresh("elsa", "buyer.test");
    // 31 MB of photo: above the 25 MB kept beside the database, and (as base64) past the 40 MB
    // read of a single mail, so the mail is read up to the cut and the rest stays on the server.
    let photo: String = {
        let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n";
        line.repeat(31 * 1024 * 1024 / 60)
    };
    let date = jiff::Timestamp::now().strftime("%a, %-d %b %Y %H:%M:%S +0000");
    let raw = format!(
        "From: Elsa <{buyer}>\r\nTo: {to}\r\nSubject: Foto del modelo\r\nMessage-ID: <e1.{buyer}>\r\n\
         Date: {date}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Te mando la foto del jarrón que quiero.\r\n\
         --b\r\nContent-Type: image/jpeg; name=\"jarron.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename=\"jarron.jpg\"\r\n\r\n{photo}--b--\r\n",
        to = shop.address,
    );
    shop.deliver(&buyer, raw.as_bytes()).await;
    shop.sync().await;

    let row =
        shop.rows().into_iter().find(|r| r.subject.as_deref() == Some("Foto del modelo")).expect("the mail");
    let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
    let message = &page.messages[0];
    assert!(message.text.contains("Te mando la foto del jarrón"), "{:?}", message.text);
    assert!(
        message.attachments.iter().all(|a| a.local_path.is_none()),
        "nothing above the cap is written beside the database: {:?}",
        message.attachments
    );
    let whole = message
        .attachments
        .iter()
        .find(|a| a.file_name == "mensaje-completo.eml")
        .expect("the whole mail is listed as left on the server");
    assert!(whole.size_bytes.unwrap_or(0) > 40 * 1024 * 1024, "{whole:?}");
}

#[tokio::test]
async fn a_saved_answers_files_go_with_the_mail_reply() {
    let Some(shop) = shop().await else { return };
    let buyer = fresh("flor", "buyer.test");
    shop.deliver(
        &buyer,
        &mail(
            &format!("Flor <{buyer}>"),
            &shop.address,
            "Talles",
            &format!("<t1.{buyer}>"),
            "",
            "¿Qué talles hay?",
        ),
    )
    .await;
    shop.sync().await;
    let row = shop.rows().into_iter().find(|r| r.subject.as_deref() == Some("Talles")).expect("Flor's mail");

    let answer = shop
        .core
        .create_answer(
            &mostrador_core::answers::AnswerInput {
                title: "Talles".into(),
                shortcut: Some("talles".into()),
                folder: None,
                body: "Te paso la tabla de talles.".into(),
                language: None,
                pinned: false,
                tags: Vec::new(),
                variants: Vec::new(),
            },
            now(),
        )
        .expect("an answer");
    let chart: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let source = shop._dir.path().join("tabla de talles.pdf");
    std::fs::write(&source, &chart).expect("write the chart");
    let file = shop.core.add_answer_attachment(answer, &source).expect("attach");

    let item = shop
        .core
        .outbox_enqueue_with_files(row.conversation_id, "Te paso la tabla de talles.", &[file], now())
        .expect("enqueue");
    assert_eq!(item.files.len(), 1);
    // The reply owns a copy: the answer losing its file does not take it from the reply.
    shop.core.remove_answer_attachment(file).expect("remove from the answer");
    shop.sync().await;

    let mut inbox = shop.server.imap_session(&buyer, PASSWORD).await;
    inbox.select("INBOX").await.expect("select");
    let raw = wait_for_mail(&mut inbox, "Re: Talles").await;
    let read = mail_parser::MessageParser::default().parse(&raw).expect("a mail");
    assert_eq!(read.body_text(0).as_deref().map(str::trim), Some("Te paso la tabla de talles."));
    let attachment = read.attachment(0).expect("the chart goes with it");
    assert_eq!(mail_parser::MimeHeaders::attachment_name(attachment), Some("tabla de talles.pdf"));
    assert_eq!(attachment.contents(), chart.as_slice());

    let page = shop.core.conversation(row.conversation_id, now()).expect("conversation");
    let reply = page.messages.iter().find(|m| m.direction == Direction::Outgoing).expect("the reply");
    assert_eq!(reply.status, MessageStatus::Sent);
    assert_eq!(reply.attachments.len(), 1, "the thread shows what went with it");
    // Paths beside the database are kept relative to its folder.
    let kept =
        shop._dir.path().join(reply.attachments[0].local_path.as_deref().expect("kept beside the database"));
    assert_eq!(std::fs::read(&kept).expect("the reply's copy"), chart, "{}", kept.display());

    // Too much for one mail: refused before anything is queued.
    let big = shop._dir.path().join("video.mov");
    let handle = std::fs::File::create(&big).expect("create");
    handle.set_len(16 * 1024 * 1024).expect("size");
    let video = shop.core.add_answer_attachment(answer, &big).expect("attach");
    let refused = shop.core.outbox_enqueue_with_files(row.conversation_id, "El video", &[video], now());
    assert!(
        matches!(
            refused,
            Err(mostrador_core::Error::SendRefused(
                mostrador_core::replies::SendRefusal::FilesTooLarge { .. }
            ))
        ),
        "{refused:?}"
    );
}
