//! The real Dovecot and SMTP relay that `cargo xtask test` (or `cargo xtask mail-servers`) starts
//! for a test run (src-tauri/xtask/src/mail_servers.rs), as the e-mail tests reach them through
//! the environment it sets.
//!
//! Accounts: [`SELLER`] and [`BUYER`]. Each has INBOX, Sent (`\Sent`), Drafts and Trash. TLS is
//! always on for IMAP and submission, with a throwaway CA that `SSL_CERT_FILE` names; the relay
//! speaks plain SMTP on 127.0.0.1 and delivers into any account's INBOX, which is how a test plays
//! a buyer writing to the shop.

#![allow(dead_code)] // each test file uses part of it

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use rustls_platform_verifier::ConfigVerifierExt;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// (address, password): the shop's own mailbox.
pub const SELLER: (&str, &str) = ("seller@shop.test", "seller-pass");
/// (address, password): a buyer who also has a mailbox on the same server.
pub const BUYER: (&str, &str) = ("buyer@buyer.test", "buyer-pass");

/// The password the servers give every address other than their two fixed accounts.
pub const PASSWORD: &str = "mailbox-pass";

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// An address no other test (or earlier run against the same servers) uses.
pub fn fresh(local: &str, domain: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{local}-{}-{nanos}@{domain}", NEXT.fetch_add(1, Ordering::Relaxed))
}

pub type ImapSession = async_imap::Session<TlsStream<TcpStream>>;

pub struct MailServer {
    /// `localhost`: the name the server certificate is for.
    pub host: String,
    /// IMAP with implicit TLS.
    pub imap_port: u16,
    /// IMAP with STARTTLS (plain logins refused before it).
    pub imap_starttls_port: Option<u16>,
    /// Submission with implicit TLS; AUTH (PLAIN or LOGIN) required. Relays through the relay
    /// below and does not save a copy in the sender's Sent. Takes 7-bit mail only: it refuses
    /// `BODY=8BITMIME` ("5.5.4 Unsupported mail BODY type") because the relay does not announce it.
    pub submission_port: u16,
    /// Plain SMTP, no AUTH, into the recipients' INBOXes.
    pub relay_port: u16,
    /// The servers' temporary folder (mail under var/home/<address>/Maildir, logs under var/).
    pub dir: PathBuf,
    /// A program that runs doveadm against this Dovecot: arguments follow as for doveadm.
    pub doveadm: PathBuf,
    /// The throwaway CA, also in `SSL_CERT_FILE`.
    pub ca_file: PathBuf,
}

const SKIP_NOTE: &str = "skipped: no mail servers; run through `cargo xtask test` (or export what \
                         `cargo xtask mail-servers` prints)";

impl MailServer {
    /// The servers of this run, or `None` (after printing why the test is skipped) when the
    /// environment does not name them. Panics when they are required
    /// (`MOSTRADOR_REQUIRE_MAIL_SERVERS=1`, as `cargo xtask` sets) but a variable is missing.
    pub fn from_env() -> Option<MailServer> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let port = |name: &str| {
            var(name)
                .map(|value| value.parse::<u16>().unwrap_or_else(|_| panic!("{name}={value} is not a port")))
        };
        let found = (|| {
            Some(MailServer {
                host: var("MOSTRADOR_MAIL_HOST")?,
                imap_port: port("MOSTRADOR_MAIL_IMAP_PORT")?,
                imap_starttls_port: port("MOSTRADOR_MAIL_IMAP_STARTTLS_PORT"),
                submission_port: port("MOSTRADOR_MAIL_SUBMISSION_PORT")?,
                relay_port: port("MOSTRADOR_MAIL_RELAY_PORT")?,
                dir: var("MOSTRADOR_MAIL_DIR")?.into(),
                doveadm: var("MOSTRADOR_MAIL_DOVEADM")?.into(),
                ca_file: var("SSL_CERT_FILE")?.into(),
            })
        })();
        if found.is_none() {
            if var("MOSTRADOR_REQUIRE_MAIL_SERVERS").as_deref() == Some("1") {
                panic!(
                    "MOSTRADOR_REQUIRE_MAIL_SERVERS=1 but one of MOSTRADOR_MAIL_HOST, _IMAP_PORT, \
                     _SUBMISSION_PORT, _RELAY_PORT, _DIR, _DOVEADM or SSL_CERT_FILE is missing"
                );
            }
            eprintln!("{SKIP_NOTE}");
        }
        found
    }

    /// Hands `raw` (a whole RFC 5322 message, 8-bit allowed) to the relay as a buyer's server
    /// would; it is in the recipients' INBOXes when this returns. Panics when the relay refuses it.
    ///
    /// A plain SMTP dialogue rather than lettre: msmtpd does not announce 8BITMIME, so lettre would
    /// refuse the UTF-8 mail that buyers actually send, and msmtpd passes the bytes on unchanged.
    pub async fn deliver(&self, raw: &[u8], from: &str, to: &[&str]) {
        let stream = TcpStream::connect(("127.0.0.1", self.relay_port)).await.expect("connect to the relay");
        let (reader, mut writer) = stream.into_split();
        let mut reader = BufReader::new(reader);
        let mut expect = async |code: &str, sent: &str| {
            let mut reply = String::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).await.expect("read from the relay");
                reply.push_str(&line);
                // The last line of a reply has a space after the code; a closed connection ends it.
                if line.len() < 4 || line.as_bytes()[3] == b' ' {
                    break;
                }
            }
            assert!(
                reply.starts_with(code),
                "the relay answered {reply:?} to {sent:?} (mail from {from} to {to:?})"
            );
        };
        expect("220", "the connection").await;
        let mut commands = vec!["EHLO localhost".to_owned(), format!("MAIL FROM:<{from}>")];
        commands.extend(to.iter().map(|address| format!("RCPT TO:<{address}>")));
        for command in commands {
            writer.write_all(format!("{command}\r\n").as_bytes()).await.expect("write to the relay");
            expect("250", &command).await;
        }
        writer.write_all(b"DATA\r\n").await.expect("write to the relay");
        expect("354", "DATA").await;
        writer.write_all(&smtp_data(raw)).await.expect("write to the relay");
        expect("250", "the message").await;
        writer.write_all(b"QUIT\r\n").await.expect("write to the relay");
    }

    /// A logged-in IMAP session over implicit TLS, trusting what the platform verifier trusts (the
    /// throwaway CA, through `SSL_CERT_FILE`). Panics when the login fails.
    pub async fn imap_session(&self, user: &str, password: &str) -> ImapSession {
        let tcp = TcpStream::connect((self.host.as_str(), self.imap_port)).await.expect("connect to IMAPS");
        let name = ServerName::try_from(self.host.clone()).expect("server name");
        let tls = tls_connector().connect(name, tcp).await.expect("TLS handshake with IMAPS");
        let mut client = async_imap::Client::new(tls);
        client.read_response().await.expect("IMAP greeting").expect("IMAP greeting");
        client.login(user, password).await.unwrap_or_else(|(e, _)| panic!("IMAP login as {user}: {e}"))
    }

    /// Runs doveadm against these servers (e.g. `["mailbox", "status", "-u", SELLER.0, "messages",
    /// "INBOX"]`) and returns what it printed. Panics when it fails.
    pub fn doveadm(&self, args: &[&str]) -> String {
        let output = Command::new(&self.doveadm).args(args).output().expect("run doveadm");
        assert!(
            output.status.success(),
            "doveadm {args:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}

/// The message as SMTP's DATA carries it: CRLF line ends, a leading dot doubled, and the final
/// lone dot.
fn smtp_data(raw: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(raw.len() + 5);
    let text = raw.strip_suffix(b"\r\n").or_else(|| raw.strip_suffix(b"\n")).unwrap_or(raw);
    for line in text.split(|&byte| byte == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.starts_with(b".") {
            data.push(b'.');
        }
        data.extend_from_slice(line);
        data.extend_from_slice(b"\r\n");
    }
    data.extend_from_slice(b".\r\n");
    data
}

/// rustls with the ring provider (the one the app uses) and the platform verifier.
pub fn tls_connector() -> TlsConnector {
    // Another test in the same binary may have installed it already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    TlsConnector::from(Arc::new(ClientConfig::with_platform_verifier().expect("platform verifier")))
}
