//! The real mail servers that the e-mail channel is tested against behave as its tests assume:
//! mail handed to the relay lands in an INBOX, IMAP IDLE wakes on it, FETCH BODY.PEEK[] leaves it
//! unread, submission requires AUTH over TLS trusted only through `SSL_CERT_FILE` and does not keep a
//! copy in Sent, and LIST shows the special-use folders.
//!
//! Without the servers (plain `cargo test`) every test says it is skipped and passes.

mod support;

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use async_imap::extensions::idle::IdleResponse;
use async_imap::imap_proto::NameAttribute;
use async_imap::types::Flag;
use futures_util::StreamExt;
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use support::mail_server::{BUYER, ImapSession, MailServer, SELLER};

/// A subject no other test (or earlier run against the same servers) uses.
fn unique_subject(what: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{what} {nanos}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

fn message(from: &str, to: &str, subject: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{}@buyer.test>\r\n\
         Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         ¿Tienen la taza azul en stock?\r\n",
        subject.replace(' ', ".")
    )
    .into_bytes()
}

/// The UID of the message with this subject in the selected mailbox, once it is there.
async fn wait_for_subject(session: &mut ImapSession, subject: &str, within: Duration) -> u32 {
    let deadline = Instant::now() + within;
    loop {
        let found = session.uid_search(format!("HEADER Subject \"{subject}\"")).await.expect("UID SEARCH");
        if let Some(uid) = found.into_iter().next() {
            return uid;
        }
        assert!(Instant::now() < deadline, "no message with subject {subject:?} within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn relayed_mail_reaches_the_inbox_and_peeking_leaves_it_unread() {
    let Some(server) = MailServer::from_env() else { return };
    let subject = unique_subject("relayed");
    server.deliver(&message(BUYER.0, SELLER.0, &subject), BUYER.0, &[SELLER.0]).await;

    let mut session = server.imap_session(SELLER.0, SELLER.1).await;
    session.select("INBOX").await.expect("SELECT INBOX");
    let uid = wait_for_subject(&mut session, &subject, Duration::from_secs(5)).await;

    let fetched: Vec<_> =
        session.uid_fetch(uid.to_string(), "BODY.PEEK[]").await.expect("FETCH").collect().await;
    let body = fetched[0].as_ref().expect("FETCH response").body().expect("BODY[]").to_vec();
    let body = String::from_utf8(body).expect("UTF-8 body");
    assert!(body.contains(&subject) && body.contains("¿Tienen la taza azul en stock?"), "{body}");

    let flags: Vec<_> =
        session.uid_fetch(uid.to_string(), "FLAGS").await.expect("FETCH FLAGS").collect().await;
    let flags: Vec<Flag> = flags[0].as_ref().expect("FLAGS response").flags().collect();
    assert!(!flags.contains(&Flag::Seen), "BODY.PEEK[] set \\Seen: {flags:?}");
    session.logout().await.expect("LOGOUT");
}

#[tokio::test]
async fn idle_wakes_on_a_delivery() {
    let Some(server) = MailServer::from_env() else { return };
    // The buyer's INBOX: the other tests deliver to the seller's, which would wake it too.
    let mut session = server.imap_session(BUYER.0, BUYER.1).await;
    session.select("INBOX").await.expect("SELECT INBOX");
    let mut idle = session.idle();
    idle.init().await.expect("IDLE");

    let (woken, _stop) = idle.wait_with_timeout(Duration::from_secs(2));
    let started = Instant::now();
    let subject = unique_subject("idle");
    server.deliver(&message(SELLER.0, BUYER.0, &subject), SELLER.0, &[BUYER.0]).await;
    match woken.await.expect("IDLE wait") {
        IdleResponse::NewData(data) => println!("woken after {:?} by {:?}", started.elapsed(), data.parsed()),
        other => panic!("IDLE was not woken by the delivery within 2 s: {other:?}"),
    }
    let mut session = idle.done().await.expect("DONE");
    session.logout().await.expect("LOGOUT");
}

#[tokio::test]
async fn submission_requires_auth_relays_and_keeps_no_sent_copy() {
    let Some(server) = MailServer::from_env() else { return };
    let subject = unique_subject("submitted");
    let envelope = Envelope::new(Some(BUYER.0.parse().unwrap()), vec![SELLER.0.parse().unwrap()]).unwrap();
    // Built by lettre as the app will build it: 7-bit clean (quoted-printable body). A raw 8-bit body
    // would be refused here with "5.5.4 Unsupported mail BODY type", as msmtpd, the relay behind
    // Dovecot's submission, does not take BODY=8BITMIME.
    let raw = Message::builder()
        .from(BUYER.0.parse().unwrap())
        .to(SELLER.0.parse().unwrap())
        .subject(&subject)
        .body("¿Me lo envían a Rosario?".to_owned())
        .expect("message")
        .formatted();
    // Implicit TLS with lettre's platform verifier: the throwaway CA is trusted only through
    // SSL_CERT_FILE, as the app will trust it.
    let submission = || {
        AsyncSmtpTransport::<Tokio1Executor>::relay(&server.host)
            .expect("submission")
            .port(server.submission_port)
    };

    let anonymous = submission().build().send_raw(&envelope, &raw).await;
    assert!(anonymous.is_err(), "submission accepted a mail without AUTH");

    let sent_before = sent_count(&server);
    submission()
        .credentials(Credentials::new(BUYER.0.into(), BUYER.1.into()))
        .build()
        .send_raw(&envelope, &raw)
        .await
        .expect("submission with AUTH");

    let mut session = server.imap_session(SELLER.0, SELLER.1).await;
    session.select("INBOX").await.expect("SELECT INBOX");
    wait_for_subject(&mut session, &subject, Duration::from_secs(5)).await;
    session.logout().await.expect("LOGOUT");

    // Dovecot's submission service only relays: a client that wants a copy in Sent APPENDs it.
    assert_eq!(sent_count(&server), sent_before, "submission saved a copy in the buyer's Sent");
}

fn sent_count(server: &MailServer) -> u32 {
    let status = server.doveadm(&["mailbox", "status", "-u", BUYER.0, "messages", "Sent"]);
    // "Sent messages=0": the mailbox's name, then the fields asked for.
    let count = status.split_whitespace().find_map(|field| field.strip_prefix("messages="));
    count.and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("doveadm printed {status:?}"))
}

#[tokio::test]
async fn list_shows_the_special_use_folders() {
    let Some(server) = MailServer::from_env() else { return };
    let mut session = server.imap_session(SELLER.0, SELLER.1).await;
    // async-imap has no LIST-EXTENDED call: the RETURN option rides in the pattern argument.
    let names: Vec<_> =
        session.list(Some(""), Some("* RETURN (SPECIAL-USE)")).await.expect("LIST").collect().await;
    let names: Vec<_> = names.into_iter().map(|name| name.expect("LIST response")).collect();
    let with = |attribute: NameAttribute<'static>| {
        names.iter().find(|name| name.attributes().contains(&attribute)).map(|name| name.name().to_owned())
    };
    assert_eq!(with(NameAttribute::Sent).as_deref(), Some("Sent"));
    assert_eq!(with(NameAttribute::Drafts).as_deref(), Some("Drafts"));
    assert_eq!(with(NameAttribute::Trash).as_deref(), Some("Trash"));
    assert!(names.iter().any(|name| name.name() == "INBOX"));
    session.logout().await.expect("LOGOUT");
}
