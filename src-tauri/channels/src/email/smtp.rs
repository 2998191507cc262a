//! Replies by SMTP submission: plain text (and the files sent with it) with the threading headers,
//! the account's From, and a `Message-ID` chosen before sending so a crash can look for it in Sent
//! instead of sending twice.

use std::time::{Duration, UNIX_EPOCH};

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox as Party, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use mostrador_core::replies::ReplyFile;

use super::imap::{Credential, LoginRefusal};
use super::settings::{Mailbox, Security, Server};
use crate::ChannelError;

const SEND_TIMEOUT: Duration = Duration::from_secs(60);
/// Mail clients keep References short; the first (the thread's root) and the latest ones matter.
const MAX_REFERENCES: usize = 20;

pub(crate) struct Reply<'a> {
    pub to: &'a str,
    pub to_name: Option<&'a str>,
    pub subject: &'a str,
    pub message_id: &'a str,
    /// Channel ids of the thread's messages, oldest first (Message-IDs without brackets).
    pub thread: &'a [String],
    pub text: &'a str,
    pub sent_at: i64,
    /// Files attached after the text (copies the reply owns, beside the database).
    pub files: &'a [ReplyFile],
}

/// `Re: <subject>` unless it already starts with a reply prefix.
pub(crate) fn reply_subject(subject: &str) -> String {
    let trimmed = subject.trim();
    let lower = trimmed.to_lowercase();
    if ["re:", "re :", "rv:", "res:", "aw:"].iter().any(|p| lower.starts_with(p)) {
        trimmed.to_owned()
    } else if trimmed.is_empty() {
        "Re:".to_owned()
    } else {
        format!("Re: {trimmed}")
    }
}

/// A message id for a reply, fixed by its idempotency key (the same reply always gets the same
/// id) and the sender's domain.
pub(crate) fn message_id_for(idempotency_key: &str, from_address: &str) -> String {
    let domain = from_address.rsplit_once('@').map_or("mostrador.invalid", |(_, d)| d);
    let key: String = idempotency_key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        .collect();
    format!("mostrador.{key}@{domain}")
}

pub(crate) fn build(mailbox: &Mailbox, reply: &Reply<'_>) -> Result<Message, ChannelError> {
    let from = party(mailbox.display_name.as_deref(), &mailbox.address)?;
    let to = party(reply.to_name, reply.to)?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(reply_subject(reply.subject))
        .message_id(Some(format!("<{}>", reply.message_id)))
        .date(UNIX_EPOCH + Duration::from_secs(reply.sent_at.max(0) as u64));
    let thread: Vec<&String> = reply.thread.iter().filter(|id| id.as_str() != reply.message_id).collect();
    if let Some(parent) = thread.last() {
        builder = builder.in_reply_to(format!("<{parent}>"));
        let mut chosen: Vec<&String> = Vec::new();
        if thread.len() > MAX_REFERENCES {
            chosen.push(thread[0]);
            chosen.extend(&thread[thread.len() - (MAX_REFERENCES - 1)..]);
        } else {
            chosen.extend(&thread);
        }
        builder = builder.references(chosen.iter().map(|id| format!("<{id}>")).collect::<Vec<_>>().join(" "));
    }
    let text = reply.text.replace("\r\n", "\n");
    let written = if reply.files.is_empty() {
        builder.header(ContentType::TEXT_PLAIN).body(text)
    } else {
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(text));
        for file in reply.files {
            let bytes = std::fs::read(&file.local_path).map_err(|e| {
                ChannelError::Store(format!("{} (sent with this reply) cannot be read: {e}", file.file_name))
            })?;
            let kind = file
                .mime_type
                .as_deref()
                .and_then(|mime| ContentType::parse(mime).ok())
                .unwrap_or_else(|| ContentType::parse("application/octet-stream").expect("a valid type"));
            parts = parts.singlepart(Attachment::new(file.file_name.clone()).body(bytes, kind));
        }
        builder.multipart(parts)
    };
    written.map_err(|e| ChannelError::NotConfigured(format!("the reply could not be written as mail: {e}")))
}

fn party(name: Option<&str>, address: &str) -> Result<Party, ChannelError> {
    let address = address
        .parse()
        .map_err(|e| ChannelError::NotConfigured(format!("{address} is not a usable address: {e}")))?;
    Ok(Party::new(name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()), address))
}

#[derive(Debug)]
pub(crate) enum SubmitError {
    Login(LoginRefusal),
    /// The server refused this message for good (a bad recipient, too large, policy).
    Refused(String),
    Channel(ChannelError),
}

fn submit_error(e: lettre::transport::smtp::Error) -> SubmitError {
    let detail = e.to_string();
    if let Some(code) = e.status() {
        let code = code.to_string();
        // 535: authentication failed; 534: "application-specific password required" (Gmail).
        if code == "535" || code == "534" || code == "530" {
            return SubmitError::Login(super::imap::login_refusal(&detail));
        }
    }
    if e.is_permanent() {
        SubmitError::Refused(detail)
    } else if e.is_transient() {
        SubmitError::Channel(ChannelError::ServerError { status: 451 })
    } else {
        SubmitError::Channel(ChannelError::Offline(format!("SMTP: {detail}")))
    }
}

/// A signed-in connection to the submission server.
pub(crate) struct Submission(AsyncSmtpConnection);

/// Connects (TLS at once, or STARTTLS required, never plain) and signs in.
pub(crate) async fn open(
    server: &Server,
    user: &str,
    credential: Credential<'_>,
) -> Result<Submission, SubmitError> {
    let unreachable = |e: &dyn std::fmt::Display| {
        SubmitError::Channel(ChannelError::Offline(format!("{}: {e}", server.host)))
    };
    let parameters = TlsParameters::builder(server.host.clone())
        .build_rustls()
        .map_err(|e| SubmitError::Channel(ChannelError::Offline(format!("TLS setup failed: {e}"))))?;
    let hello = ClientId::default();
    let opening = async {
        let wrapped = (server.security == Security::Tls).then(|| parameters.clone());
        let mut connection = AsyncSmtpConnection::connect_tokio1(
            (server.host.as_str(), server.port),
            Some(SEND_TIMEOUT),
            &hello,
            wrapped,
            None,
        )
        .await
        .map_err(|e| unreachable(&e))?;
        if server.security == Security::StartTls {
            if !connection.can_starttls() {
                return Err(unreachable(&"the server does not offer STARTTLS"));
            }
            connection.starttls(parameters, &hello).await.map_err(|e| unreachable(&e))?;
        }
        let (secret, mechanisms): (&str, &[Mechanism]) = match credential {
            Credential::Password(password) => (password, &[Mechanism::Plain, Mechanism::Login]),
            Credential::Bearer(token) => (token, &[Mechanism::Xoauth2]),
        };
        let credentials = Credentials::new(user.to_owned(), secret.to_owned());
        connection.auth(mechanisms, &credentials).await.map_err(|e| match (submit_error(e), credential) {
            (SubmitError::Login(refusal), Credential::Bearer(_)) => {
                let detail = match refusal {
                    LoginRefusal::AppPasswordNeeded(d)
                    | LoginRefusal::WrongPassword(d)
                    | LoginRefusal::TokenRefused(d) => d,
                };
                SubmitError::Login(LoginRefusal::TokenRefused(detail))
            }
            (other, _) => other,
        })?;
        Ok(Submission(connection))
    };
    match tokio::time::timeout(SEND_TIMEOUT, opening).await {
        Ok(result) => result,
        Err(_) => Err(unreachable(&"no answer")),
    }
}

impl Submission {
    /// Hands the mail over. Once this starts, a crash leaves the reply in doubt.
    pub(crate) async fn send(mut self, message: &Message) -> Result<(), SubmitError> {
        let raw = message.formatted();
        match tokio::time::timeout(SEND_TIMEOUT, self.0.send(message.envelope(), &raw)).await {
            Ok(Ok(_)) => {
                let _ = self.0.quit().await;
                Ok(())
            }
            Ok(Err(e)) => Err(submit_error(e)),
            // Sent or not is unknown: the caller treats it as a reply in doubt.
            Err(_) => Err(SubmitError::Channel(ChannelError::DeliveryUnknown)),
        }
    }

    pub(crate) async fn close(mut self) {
        let _ = self.0.quit().await;
    }
}

/// Signs in without sending anything (the connect wizard's check): some servers refuse NOOP once
/// signed in, so nothing else is said.
pub(crate) async fn check_login(
    server: &Server,
    user: &str,
    credential: Credential<'_>,
) -> Result<(), SubmitError> {
    open(server, user, credential).await?.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mailbox() -> Mailbox {
        Mailbox {
            address: "taller@example.com".into(),
            display_name: Some("Taller Martina".into()),
            user: "taller@example.com".into(),
            imap: Server { host: "imap.example.com".into(), port: 993, security: Security::Tls },
            smtp: Server { host: "smtp.example.com".into(), port: 465, security: Security::Tls },
            sign_in: super::super::settings::SignIn::Password,
        }
    }

    #[test]
    fn a_reply_carries_its_thread() {
        let thread = vec![
            "root@buyer.test".to_owned(),
            "second@example.com".to_owned(),
            "third@buyer.test".to_owned(),
        ];
        let reply = Reply {
            to: "ana@buyer.test",
            to_name: Some("Ana Pérez"),
            subject: "Consulta por tazas",
            message_id: "mostrador.k1@example.com",
            thread: &thread,
            text: "¡Hola Ana! Sí, hay en verde.",
            sent_at: 1_765_000_000,
            files: &[],
        };
        let raw = String::from_utf8(build(&mailbox(), &reply).unwrap().formatted()).unwrap();
        assert!(raw.contains("In-Reply-To: <third@buyer.test>"), "{raw}");
        assert!(
            raw.contains("References: <root@buyer.test> <second@example.com> <third@buyer.test>"),
            "{raw}"
        );
        assert!(raw.contains("Message-ID: <mostrador.k1@example.com>"), "{raw}");
        assert!(raw.contains("Subject: Re: Consulta por tazas"), "{raw}");
        assert!(
            raw.contains("From: \"Taller Martina\" <taller@example.com>")
                || raw.contains("From: Taller Martina <taller@example.com>"),
            "{raw}"
        );
    }

    #[test]
    fn long_threads_keep_the_root_and_the_latest() {
        let thread: Vec<String> = (0..50).map(|i| format!("m{i}@x.test")).collect();
        let reply = Reply {
            to: "ana@buyer.test",
            to_name: None,
            subject: "Re: pedido",
            message_id: "mostrador.k2@example.com",
            thread: &thread,
            text: "ok",
            sent_at: 0,
            files: &[],
        };
        let raw = String::from_utf8(build(&mailbox(), &reply).unwrap().formatted()).unwrap();
        let references = raw
            .lines()
            .skip_while(|l| !l.starts_with("References:"))
            .take_while(|l| l.starts_with("References:") || l.starts_with(' '))
            .collect::<String>();
        assert!(
            references.contains("<m0@x.test>")
                && references.contains("<m49@x.test>")
                && !references.contains("<m5@x.test>"),
            "{references}"
        );
        assert!(raw.contains("Subject: Re: pedido"));
    }

    #[test]
    fn files_go_after_the_text_and_read_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let chart = dir.path().join("0-talles.pdf");
        let bytes: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&chart, &bytes).unwrap();
        let files = [ReplyFile {
            file_name: "talles ñ.pdf".into(),
            mime_type: Some("application/pdf".into()),
            size_bytes: bytes.len() as i64,
            local_path: chart.to_string_lossy().into_owned(),
        }];
        let reply = Reply {
            to: "ana@buyer.test",
            to_name: None,
            subject: "Talles",
            message_id: "mostrador.k3@example.com",
            thread: &[],
            text: "Te paso la tabla de talles.",
            sent_at: 0,
            files: &files,
        };
        let raw = build(&mailbox(), &reply).unwrap().formatted();
        use mail_parser::MimeHeaders;
        let read = mail_parser::MessageParser::default().parse(&raw).expect("a mail");
        assert_eq!(read.body_text(0).as_deref().map(str::trim), Some("Te paso la tabla de talles."));
        let attachment = read.attachment(0).expect("the file");
        assert_eq!(attachment.attachment_name(), Some("talles ñ.pdf"));
        assert_eq!(attachment.contents(), bytes.as_slice());

        let gone = [ReplyFile {
            local_path: dir.path().join("missing").to_string_lossy().into_owned(),
            ..files[0].clone()
        }];
        let error = build(&mailbox(), &Reply { files: &gone, ..reply }).unwrap_err();
        assert_eq!(error.code(), "store", "{error}");
    }

    #[test]
    fn the_same_reply_gets_the_same_id() {
        assert_eq!(message_id_for("abc-123", "a@shop.test"), message_id_for("abc-123", "a@shop.test"));
        assert_eq!(message_id_for("a b<c>", "a@shop.test"), "mostrador.abc@shop.test");
    }
}
