//! The IMAP side of a mailbox: a TLS session (implicit TLS, or STARTTLS on a plain port), the
//! folders by special use, reading by UID with `BODY.PEEK` (never marking as read), searching by
//! `Message-ID`, appending to Sent, and IDLE.

use std::sync::Arc;
use std::time::Duration;

use async_imap::types::Fetch;
use async_imap::types::NameAttribute;
use futures_util::TryStreamExt;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::settings::{Security, Server};
use crate::ChannelError;

pub(crate) type Session = async_imap::Session<TlsStream<TcpStream>>;

/// A server that does not answer within this is treated as unreachable for the round.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
/// One command's answer (a page of mail is at most a few megabytes).
pub(crate) const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// Why signing in failed, as far as the server's words tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoginRefusal {
    /// The provider wants an app password (or OAuth) instead of the account's own password.
    AppPasswordNeeded(String),
    WrongPassword(String),
    /// The server refused the Microsoft access token (expired, revoked, or another account's).
    TokenRefused(String),
}

#[derive(Debug)]
pub(crate) enum ImapError {
    Login(LoginRefusal),
    Channel(ChannelError),
}

impl From<ChannelError> for ImapError {
    fn from(e: ChannelError) -> Self {
        ImapError::Channel(e)
    }
}

impl From<ImapError> for ChannelError {
    fn from(e: ImapError) -> Self {
        match e {
            ImapError::Login(
                LoginRefusal::AppPasswordNeeded(detail)
                | LoginRefusal::WrongPassword(detail)
                | LoginRefusal::TokenRefused(detail),
            ) => ChannelError::TokenRevoked(detail),
            ImapError::Channel(e) => e,
        }
    }
}

/// The TLS client configuration: the operating system's roots (on Linux, `SSL_CERT_FILE` is
/// honoured, which is how the tests trust their throwaway authority), ring as the provider.
pub(crate) fn tls_connector() -> Result<TlsConnector, ChannelError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|e| ChannelError::Offline(format!("TLS setup failed: {e}")))?
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

/// A network failure, in the channel's vocabulary (the engine backs off and shows "offline").
pub(crate) fn io_error(what: &str, e: impl std::fmt::Display) -> ChannelError {
    ChannelError::Offline(format!("{what}: {e}"))
}

pub(crate) fn imap_error(e: async_imap::error::Error) -> ChannelError {
    match e {
        async_imap::error::Error::No(detail) | async_imap::error::Error::Bad(detail) => {
            ChannelError::Rejected { status: 0, detail }
        }
        async_imap::error::Error::Parse(e) => ChannelError::MalformedResponse(e.to_string()),
        other => io_error("IMAP", other),
    }
}

async fn timed<T>(
    what: &str,
    duration: Duration,
    work: impl Future<Output = Result<T, async_imap::error::Error>>,
) -> Result<T, ChannelError> {
    match tokio::time::timeout(duration, work).await {
        Ok(result) => result.map_err(imap_error),
        Err(_) => Err(io_error(what, "the server stopped answering")),
    }
}

/// TCP, then TLS at once or after STARTTLS.
pub(crate) async fn open_tls(server: &Server) -> Result<TlsStream<TcpStream>, ChannelError> {
    let address = (server.host.as_str(), server.port);
    let tcp = tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(address))
        .await
        .map_err(|_| io_error(&server.host, "no answer"))?
        .map_err(|e| io_error(&server.host, e))?;
    let tcp = match server.security {
        Security::Tls => tcp,
        Security::StartTls => starttls(tcp).await?,
    };
    let name = rustls::pki_types::ServerName::try_from(server.host.clone())
        .map_err(|e| ChannelError::NotConfigured(format!("{} is not a host name: {e}", server.host)))?;
    tokio::time::timeout(CONNECT_TIMEOUT, tls_connector()?.connect(name, tcp))
        .await
        .map_err(|_| io_error(&server.host, "TLS handshake timed out"))?
        .map_err(|e| io_error(&format!("TLS with {}", server.host), e))
}

/// The plain greeting and `STARTTLS` by hand, before any credential crosses the wire.
async fn starttls(tcp: TcpStream) -> Result<TcpStream, ChannelError> {
    let mut reader = BufReader::new(tcp);
    let mut line = String::new();
    let exchange = async {
        reader.read_line(&mut line).await?;
        if !line.starts_with("* OK") {
            return Ok::<bool, std::io::Error>(false);
        }
        reader.get_mut().write_all(b"s1 STARTTLS\r\n").await?;
        loop {
            line.clear();
            if reader.read_line(&mut line).await? == 0 {
                return Ok(false);
            }
            if line.starts_with("s1 ") {
                return Ok(line.starts_with("s1 OK"));
            }
        }
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, exchange).await {
        Ok(Ok(true)) => Ok(reader.into_inner()),
        Ok(Ok(false)) => Err(ChannelError::NotConfigured("the server does not offer STARTTLS".into())),
        Ok(Err(e)) => Err(io_error("STARTTLS", e)),
        Err(_) => Err(io_error("STARTTLS", "the server stopped answering")),
    }
}

/// Opens a session and signs in with the password (or app password).
/// How a mailbox proves who it is: its (app) password, or a Microsoft access token (XOAUTH2).
#[derive(Clone, Copy)]
pub(crate) enum Credential<'a> {
    Password(&'a str),
    Bearer(&'a str),
}

/// SASL XOAUTH2: the token goes in the first answer; a refusal comes as a challenge carrying the
/// server's JSON error, answered with an empty line so the server ends with NO.
struct Xoauth2 {
    response: Option<String>,
}

impl async_imap::Authenticator for Xoauth2 {
    type Response = String;

    fn process(&mut self, _challenge: &[u8]) -> String {
        self.response.take().unwrap_or_default()
    }
}

pub(crate) async fn sign_in(
    server: &Server,
    user: &str,
    credential: Credential<'_>,
) -> Result<Session, ImapError> {
    let stream = open_tls(server).await?;
    let mut client = async_imap::Client::new(stream);
    // Implicit TLS starts with the greeting; after STARTTLS there is none.
    if server.security == Security::Tls {
        match tokio::time::timeout(CONNECT_TIMEOUT, client.read_response()).await {
            Ok(Ok(Some(_))) => {}
            Ok(Ok(None)) => return Err(io_error("IMAP", "the server closed the connection").into()),
            Ok(Err(e)) => return Err(io_error("IMAP", e).into()),
            Err(_) => return Err(io_error("IMAP", "no greeting").into()),
        }
    }
    let signing_in = async {
        match credential {
            Credential::Password(password) => client.login(user, password).await,
            Credential::Bearer(token) => {
                let response = Some(super::microsoft::xoauth2_response(user, token));
                client.authenticate("XOAUTH2", Xoauth2 { response }).await
            }
        }
    };
    match tokio::time::timeout(COMMAND_TIMEOUT, signing_in).await {
        Ok(Ok(session)) => Ok(session),
        Ok(Err((async_imap::error::Error::No(detail), _))) => match credential {
            // A refused token is never a wrong password: the caller refreshes it or asks to sign in again.
            Credential::Bearer(_) => Err(ImapError::Login(LoginRefusal::TokenRefused(detail))),
            Credential::Password(_) => Err(ImapError::Login(login_refusal(&detail))),
        },
        Ok(Err((e, _))) => Err(imap_error(e).into()),
        Err(_) => Err(io_error("IMAP login", "the server stopped answering").into()),
    }
}

/// Providers say in their own words that the account password is not accepted for IMAP.
pub(crate) fn login_refusal(detail: &str) -> LoginRefusal {
    let lower = detail.to_lowercase();
    let wants_app_password = [
        "application-specific password",
        "app password",
        "apppassword",
        "web browser",
        "webloginrequired",
        "two-step",
        "2-step",
        "basicauthblocked",
        "basic authentication",
    ]
    .iter()
    .any(|hint| lower.contains(hint));
    if wants_app_password {
        LoginRefusal::AppPasswordNeeded(detail.to_owned())
    } else {
        LoginRefusal::WrongPassword(detail.to_owned())
    }
}

/// The folder that holds sent mail: the `\Sent` special use, else a folder named like one.
pub(crate) async fn sent_folder(session: &mut Session) -> Result<Option<String>, ChannelError> {
    let names: Vec<_> = timed("LIST", COMMAND_TIMEOUT, async {
        let stream = session.list(Some(""), Some("*")).await?;
        stream.try_collect::<Vec<_>>().await
    })
    .await?;
    if let Some(name) = names.iter().find(|n| n.attributes().iter().any(|a| matches!(a, NameAttribute::Sent)))
    {
        return Ok(Some(name.name().to_owned()));
    }
    const USUAL: [&str; 8] = [
        "Sent",
        "Sent Items",
        "Sent Messages",
        "Sent Mail",
        "Enviados",
        "Elementos enviados",
        "Itens enviados",
        "INBOX.Sent",
    ];
    Ok(names
        .iter()
        .map(|n| n.name())
        .find(|n| USUAL.iter().any(|u| u.eq_ignore_ascii_case(n)))
        .map(str::to_owned))
}

/// What `EXAMINE` (read-only: nothing this session does can change a flag) says of a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FolderState {
    pub uidvalidity: u32,
    pub uid_next: Option<u32>,
    pub exists: u32,
}

pub(crate) async fn examine(session: &mut Session, folder: &str) -> Result<FolderState, ChannelError> {
    let mailbox = timed("EXAMINE", COMMAND_TIMEOUT, session.examine(folder)).await?;
    let uidvalidity = mailbox
        .uid_validity
        .ok_or_else(|| ChannelError::MalformedResponse(format!("{folder} has no UIDVALIDITY")))?;
    Ok(FolderState { uidvalidity, uid_next: mailbox.uid_next, exists: mailbox.exists })
}

/// UIDs above `after` in the selected folder, ascending; on a first read only mail since `since`
/// (an IMAP date, `1-Dec-2026`).
pub(crate) async fn uids_after(
    session: &mut Session,
    after: u32,
    since: Option<&str>,
) -> Result<Vec<u32>, ChannelError> {
    let query = match since {
        Some(date) => format!("UID {}:* SINCE {date}", after + 1),
        None => format!("UID {}:*", after + 1),
    };
    let found = timed("SEARCH", COMMAND_TIMEOUT, session.uid_search(&query)).await?;
    // `n:*` always matches the folder's last mail, even when its UID is below n.
    let mut uids: Vec<u32> = found.into_iter().filter(|&uid| uid > after).collect();
    uids.sort_unstable();
    Ok(uids)
}

/// One mail as fetched: its UID, its size and the bytes read (whole, or the first `max_bytes` of a
/// very large mail).
pub(crate) struct Fetched {
    pub uid: u32,
    pub size: u32,
    pub raw: Vec<u8>,
    pub internal_date: Option<i64>,
}

/// Sizes first, then the mail: a mail above `max_bytes` is read up to it (its text comes first;
/// attachments past the cut are listed as not kept).
pub(crate) async fn fetch(
    session: &mut Session,
    uids: &[u32],
    max_bytes: u32,
) -> Result<Vec<Fetched>, ChannelError> {
    if uids.is_empty() {
        return Ok(Vec::new());
    }
    let set = uid_set(uids);
    let sizes: Vec<(u32, u32)> = timed("FETCH", COMMAND_TIMEOUT, async {
        let stream = session.uid_fetch(&set, "(UID RFC822.SIZE)").await?;
        let fetched: Vec<Fetch> = stream.try_collect().await?;
        Ok(fetched.iter().filter_map(|f| Some((f.uid?, f.size.unwrap_or(0)))).collect())
    })
    .await?;
    let (whole, cut): (Vec<_>, Vec<_>) = sizes.iter().partition(|(_, size)| *size <= max_bytes);
    let mut out = Vec::with_capacity(sizes.len());
    for (set, query) in [
        (
            uid_set(&whole.iter().map(|(uid, _)| *uid).collect::<Vec<_>>()),
            "(UID INTERNALDATE BODY.PEEK[])".to_owned(),
        ),
        (
            uid_set(&cut.iter().map(|(uid, _)| *uid).collect::<Vec<_>>()),
            format!("(UID INTERNALDATE BODY.PEEK[]<0.{max_bytes}>)"),
        ),
    ] {
        if set.is_empty() {
            continue;
        }
        let fetched: Vec<Fetch> = timed("FETCH", COMMAND_TIMEOUT, async {
            let stream = session.uid_fetch(&set, &query).await?;
            stream.try_collect().await
        })
        .await?;
        for mail in fetched {
            let Some(uid) = mail.uid else { continue };
            let size = sizes.iter().find(|(u, _)| *u == uid).map_or(0, |(_, s)| *s);
            out.push(Fetched {
                uid,
                size,
                raw: mail.body().unwrap_or_default().to_vec(),
                internal_date: mail.internal_date().map(|d| d.timestamp()),
            });
        }
    }
    drain_unsolicited(session);
    out.sort_by_key(|f| f.uid);
    Ok(out)
}

/// `1:3,7,9:10` for sorted UIDs.
pub(crate) fn uid_set(uids: &[u32]) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &uid in uids {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == uid => *end = uid,
            _ => ranges.push((uid, uid)),
        }
    }
    ranges
        .iter()
        .map(|(a, b)| if a == b { a.to_string() } else { format!("{a}:{b}") })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether the selected folder holds a mail with this `Message-ID`.
pub(crate) async fn has_message_id(session: &mut Session, message_id: &str) -> Result<bool, ChannelError> {
    // Quoted string: Message-IDs are printable ASCII without quotes or backslashes once validated.
    let clean: String =
        message_id.chars().filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\').collect();
    let found =
        timed("SEARCH", COMMAND_TIMEOUT, session.uid_search(format!("HEADER Message-ID \"{clean}\"")))
            .await?;
    drain_unsolicited(session);
    Ok(!found.is_empty())
}

pub(crate) async fn append_seen(session: &mut Session, folder: &str, raw: &[u8]) -> Result<(), ChannelError> {
    timed("APPEND", COMMAND_TIMEOUT, session.append(folder, Some("(\\Seen)"), None, raw)).await?;
    drain_unsolicited(session);
    Ok(())
}

/// The session keeps up to 100 unsolicited answers (EXISTS, FETCH of flags) and drops later ones:
/// nothing here needs them, so they are discarded to keep the channel from filling.
pub(crate) fn drain_unsolicited(session: &mut Session) {
    while session.unsolicited_responses.try_recv().is_ok() {}
}

/// How an IDLE ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Woken {
    /// The server announced a change (new mail, flags, expunge).
    Changed,
    /// The wait ran out: read Sent and re-issue.
    TimedOut,
    /// The seller queued a reply.
    Interrupted,
}

/// Waits on the selected folder until the server announces a change, `wait` passes, or
/// `interrupt` fires. Returns the session ready for the next command.
pub(crate) async fn idle(
    session: Session,
    wait: Duration,
    interrupt: Option<&tokio::sync::Notify>,
) -> Result<(Session, Woken), ChannelError> {
    let mut handle = session.idle();
    timed("IDLE", COMMAND_TIMEOUT, handle.init()).await?;
    let woken = {
        let (waiting, stop) = handle.wait_with_timeout(wait);
        let outcome = match interrupt {
            Some(interrupt) => tokio::select! {
                answer = waiting => Some(answer),
                () = interrupt.notified() => None,
            },
            None => Some(waiting.await),
        };
        drop(stop);
        match outcome {
            None => Woken::Interrupted,
            Some(Ok(async_imap::extensions::idle::IdleResponse::NewData(_))) => Woken::Changed,
            Some(Ok(_)) => Woken::TimedOut,
            Some(Err(e)) => return Err(imap_error(e)),
        }
    };
    let mut session = timed("IDLE", COMMAND_TIMEOUT, handle.done()).await?;
    drain_unsolicited(&mut session);
    Ok((session, woken))
}

/// Whether the server announced IDLE.
pub(crate) async fn can_idle(session: &mut Session) -> Result<bool, ChannelError> {
    let capabilities = timed("CAPABILITY", COMMAND_TIMEOUT, session.capabilities()).await?;
    Ok(capabilities.has_str("IDLE"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_join_runs() {
        assert_eq!(uid_set(&[1, 2, 3, 7, 9, 10]), "1:3,7,9:10");
        assert_eq!(uid_set(&[5]), "5");
        assert_eq!(uid_set(&[]), "");
    }

    #[test]
    fn providers_asking_for_an_app_password_are_told_apart() {
        assert!(matches!(
            login_refusal(
                "[ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833"
            ),
            LoginRefusal::AppPasswordNeeded(_)
        ));
        assert!(matches!(
            login_refusal("[AUTHENTICATIONFAILED] Invalid credentials (Failure)"),
            LoginRefusal::WrongPassword(_)
        ));
        assert!(matches!(
            login_refusal("LOGIN failed. BasicAuthBlocked"),
            LoginRefusal::AppPasswordNeeded(_)
        ));
    }
}
