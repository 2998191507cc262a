//! The e-mail channel: IMAP in (INBOX and the `\Sent` folder, by UID, never marking anything as
//! read), SMTP submission out, and the Etsy conversation notices that arrive by mail.
//!
//! Each folder's cursor is `<UIDVALIDITY>:<last UID>`, committed with the mail it covers. A mail's
//! channel id is its `Message-ID`, so a folder whose UIDVALIDITY changed is read again without
//! storing anything twice, and a reply sent from here is recognised when it shows up in Sent.

pub(crate) mod etsy_notice;
pub(crate) mod imap;
pub(crate) mod mail;
pub mod microsoft;
pub(crate) mod senders;
pub(crate) mod settings;
pub(crate) mod smtp;
mod threading;

use std::collections::HashSet;
use std::time::Duration;

use mostrador_core::accounts::{CursorUpdate, SyncBatch};
use mostrador_core::replies::{Delivered, OutboxItem};
use mostrador_core::vocabulary::MessageStatus;

use self::imap::{Credential, ImapError, LoginRefusal, Session, Woken};
use self::microsoft::MicrosoftError;
use self::settings::{Mailbox, SignIn};
use self::threading::Reading;
use crate::ChannelError;
use crate::keys::Keys;
use crate::sync::adapter::{Cadence, ChannelAdapter, FindSent};
use crate::sync::context::{BoxFuture, Ctx, blocking};

/// Mail read per FETCH and per commit.
const PAGE: usize = 50;
/// A first read (or a read after the folder was recreated) goes back this far, not to the
/// mailbox's first mail of years ago.
const FIRST_READ_DAYS: i64 = 30;
/// A mail larger than this is read up to it: its text comes first, attachments past the cut are
/// listed as not kept.
const MAX_MAIL_BYTES: u32 = 40 * 1024 * 1024;
/// IDLE is re-issued well within the 29 minutes RFC 2177 allows, and each time Sent is read too.
const IDLE_WAIT: Duration = Duration::from_secs(4 * 60);

/// A Microsoft access token is refreshed when less than this is left of it, so a round never
/// signs in with one about to expire.
const TOKEN_MARGIN_SECS: i64 = 300;

pub(crate) const INBOX: &str = "INBOX";

pub(crate) struct Email {
    mailbox: Mailbox,
    keys: Keys,
    /// The password, or the Microsoft access token in use.
    secret: Option<String>,
    /// When that access token stops working (settings `oauth_access_expires_at`: not
    /// `access_expires_at`, which the accounts screen reads as "the seller must renew access soon",
    /// while this one renews itself every hour).
    access_expires_at: Option<i64>,
    session: Option<Session>,
    sent_folder: Option<String>,
    idle: bool,
    /// Learned on a send: the server files submitted mail in Sent itself (Gmail, Outlook).
    server_files_sent: bool,
    /// Replies sent and not yet filed in Sent (Message-ID, the mail as sent).
    unfiled: Vec<(String, Vec<u8>)>,
}

impl Email {
    pub(crate) fn from_settings(ctx: &Ctx<'_>) -> Result<Email, ChannelError> {
        let mailbox = Mailbox::from_settings(&ctx.account.settings)
            .ok_or_else(|| ChannelError::NotConfigured("the mailbox's servers are not set".into()))?;
        Ok(Email {
            mailbox,
            keys: Keys::new(ctx.account_id()),
            secret: None,
            access_expires_at: crate::lenient::int(&ctx.account.settings, "oauth_access_expires_at"),
            session: None,
            sent_folder: None,
            idle: false,
            server_files_sent: false,
            unfiled: Vec::new(),
        })
    }

    /// The password, or a Microsoft access token with more than a few minutes left.
    async fn secret(&mut self, ctx: &Ctx<'_>) -> Result<String, ChannelError> {
        let now = ctx.now();
        let fresh_enough = |until: Option<i64>| until.is_some_and(|until| now < until - TOKEN_MARGIN_SECS);
        if let Some(secret) = &self.secret
            && (self.mailbox.sign_in == SignIn::Password || fresh_enough(self.access_expires_at))
        {
            return Ok(secret.clone());
        }
        match &self.mailbox.sign_in {
            SignIn::Password => {
                let password = crate::secrets::get_off_thread(ctx.secrets, self.keys.mail_password())
                    .await?
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| ChannelError::SecretMissing("mail_password".into()))?;
                self.secret = Some(password.clone());
                Ok(password)
            }
            SignIn::Microsoft { .. } => {
                if self.secret.is_none() && fresh_enough(self.access_expires_at) {
                    let stored =
                        crate::secrets::get_off_thread(ctx.secrets, self.keys.access_token()).await?;
                    if let Some(token) = stored.filter(|t| !t.is_empty()) {
                        self.secret = Some(token.clone());
                        return Ok(token);
                    }
                }
                self.refresh_microsoft(ctx).await
            }
        }
    }

    /// A new Microsoft access token. Microsoft rotates the refresh token: the new one is stored
    /// before the access token is used, so a crash right after leaves a working one in the store.
    async fn refresh_microsoft(&mut self, ctx: &Ctx<'_>) -> Result<String, ChannelError> {
        let SignIn::Microsoft { client_id, login_base } = self.mailbox.sign_in.clone() else {
            return Err(ChannelError::NotConfigured("the mailbox signs in with a password".into()));
        };
        self.secret = None;
        // Read under the lock: the CLI beside the app may have just spent the one stored before.
        let _renewing = crate::secrets::renewal_lock::hold(ctx.core.db_path()).await?;
        let current = crate::secrets::get_off_thread(ctx.secrets, self.keys.refresh_token())
            .await?
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ChannelError::SecretMissing("refresh_token".into()))?;
        let tokens = match microsoft::refresh(&login_base, &client_id, &current).await {
            Ok(tokens) => tokens,
            Err(MicrosoftError::InvalidGrant(detail)) => return Err(ChannelError::TokenRevoked(detail)),
            Err(e) => return Err(e.into()),
        };
        crate::secrets::set_off_thread(ctx.secrets, self.keys.refresh_token(), tokens.refresh_token).await?;
        crate::secrets::set_off_thread(ctx.secrets, self.keys.access_token(), tokens.access_token.clone())
            .await?;
        let expires_at = ctx.now() + tokens.expires_in;
        let account_id = ctx.account_id();
        // The settings as they are now, not as this round started with them: a reconnect or a
        // rename meanwhile must not be undone.
        blocking(ctx.core, move |core| {
            let mut settings = match core.account(account_id)?.settings {
                serde_json::Value::Object(map) => map,
                _ => serde_json::Map::new(),
            };
            settings.insert("oauth_access_expires_at".into(), expires_at.into());
            core.update_account_settings(account_id, &serde_json::Value::Object(settings))
        })
        .await?;
        self.access_expires_at = Some(expires_at);
        self.secret = Some(tokens.access_token.clone());
        Ok(tokens.access_token)
    }

    fn credential<'s>(&self, secret: &'s str) -> Credential<'s> {
        match self.mailbox.sign_in {
            SignIn::Password => Credential::Password(secret),
            SignIn::Microsoft { .. } => Credential::Bearer(secret),
        }
    }

    async fn session(&mut self, ctx: &Ctx<'_>) -> Result<&mut Session, ChannelError> {
        if self.session.is_none() {
            let secret = self.secret(ctx).await?;
            let (server, user) = (self.mailbox.imap.clone(), self.mailbox.user.clone());
            let (server, user) = (&server, user.as_str());
            let signed_in = match imap::sign_in(server, user, self.credential(&secret)).await {
                // The token was refused before its stated expiry (revoked access tokens, a clock
                // off): one refresh, then the server's word stands.
                Err(ImapError::Login(LoginRefusal::TokenRefused(_))) => {
                    let token = self.refresh_microsoft(ctx).await?;
                    imap::sign_in(server, user, Credential::Bearer(&token)).await
                }
                other => other,
            };
            let mut session = match signed_in {
                Ok(session) => session,
                Err(ImapError::Login(refusal)) => {
                    // A new password is needed: forget the one we have so a reconnect reads it again.
                    self.secret = None;
                    return Err(ImapError::Login(refusal).into());
                }
                Err(e) => return Err(e.into()),
            };
            self.sent_folder = imap::sent_folder(&mut session).await?;
            self.idle = imap::can_idle(&mut session).await?;
            self.session = Some(session);
        }
        Ok(self.session.as_mut().expect("just opened"))
    }

    async fn poll_mailbox(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        let result = self.read_all(ctx).await;
        if result.is_err() {
            // Whatever state the connection is in, the next round starts from a fresh one.
            self.session = None;
        }
        result
    }

    async fn read_all(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        while let Some((message_id, raw)) = self.unfiled.first().cloned() {
            self.file_in_sent(ctx, &message_id, &raw).await?;
            self.unfiled.remove(0);
        }
        let mut reading = Reading::load(ctx, &self.mailbox).await?;
        self.read_folder(ctx, &mut reading, INBOX, false).await?;
        if let Some(sent) = self.sent_folder.clone() {
            self.read_folder(ctx, &mut reading, &sent, true).await?;
        }
        self.take_in_marked(ctx, &mut reading).await?;
        if self.idle && ctx.interrupt.is_some() {
            let mut session = self.session.take().expect("opened by read_folder");
            imap::examine(&mut session, INBOX).await?;
            let (session, woken) = imap::idle(session, IDLE_WAIT, ctx.interrupt).await?;
            self.session = Some(session);
            if woken == Woken::Changed {
                // Read at once what woke us, rather than after the engine's pause.
                Box::pin(self.read_all(ctx)).await?;
            }
        }
        Ok(())
    }

    async fn read_folder(
        &mut self,
        ctx: &Ctx<'_>,
        reading: &mut Reading,
        folder: &str,
        sent: bool,
    ) -> Result<(), ChannelError> {
        let stream = if sent { "folder:sent".to_owned() } else { format!("folder:{folder}") };
        let stored = ctx.cursor(&stream).await?.and_then(|c| FolderCursor::parse(&c));
        let now = ctx.now();
        let session = self.session(ctx).await?;
        let state = imap::examine(session, folder).await?;
        let (after, since) = match stored {
            Some(cursor) if cursor.uidvalidity == state.uidvalidity => (cursor.last_uid, None),
            // First read, or the server renumbered the folder: read the recent mail again; what was
            // stored is recognised by its Message-ID.
            _ => (0, Some(imap_date(now - FIRST_READ_DAYS * 86_400))),
        };
        if state.uid_next.is_some_and(|next| next <= after + 1) && since.is_none() {
            return Ok(());
        }
        let uids = imap::uids_after(session, after, since.as_deref()).await?;
        if uids.is_empty() && since.is_some() {
            // Remember the folder's UIDVALIDITY so the next round does not read a month again.
            let last = state.uid_next.map_or(0, |n| n.saturating_sub(1));
            let mut batch = SyncBatch::default();
            batch
                .cursors
                .push(FolderCursor { uidvalidity: state.uidvalidity, last_uid: last }.update(&stream));
            ctx.commit(batch).await?;
            return Ok(());
        }
        for page in uids.chunks(PAGE) {
            let session = self.session(ctx).await?;
            let fetched = imap::fetch(session, page, MAX_MAIL_BYTES).await?;
            let mut batch = SyncBatch::default();
            for mail in &fetched {
                reading.read(ctx, &mut batch, folder, state.uidvalidity, mail, sent).await?;
            }
            reading.commit_notices(ctx).await?;
            let last = *page.last().expect("chunks are not empty");
            batch
                .cursors
                .push(FolderCursor { uidvalidity: state.uidvalidity, last_uid: last }.update(&stream));
            ctx.commit(batch).await?;
        }
        Ok(())
    }

    /// Mail left out before whose sender the seller has since marked as a buyer.
    async fn take_in_marked(&mut self, ctx: &Ctx<'_>, reading: &mut Reading) -> Result<(), ChannelError> {
        let account_id = ctx.account_id();
        let left_out = blocking(ctx.core, move |core| core.left_out_mail(account_id, 500)).await?;
        let wanted: Vec<_> = left_out.into_iter().filter(|m| reading.is_marked_buyer(&m.sender)).collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let folders: HashSet<String> = wanted.iter().map(|m| m.mailbox.clone()).collect();
        for folder in folders {
            let sent = self.sent_folder.as_deref() == Some(folder.as_str());
            let session = self.session(ctx).await?;
            let state = imap::examine(session, &folder).await?;
            let here: Vec<_> = wanted.iter().filter(|m| m.mailbox == folder).collect();
            let uids: Vec<u32> =
                here.iter().filter(|m| m.uidvalidity == state.uidvalidity).map(|m| m.uid).collect();
            let fetched = imap::fetch(session, &uids, MAX_MAIL_BYTES).await?;
            let mut batch = SyncBatch::default();
            for mail in &fetched {
                reading.read(ctx, &mut batch, &folder, state.uidvalidity, mail, sent).await?;
            }
            reading.commit_notices(ctx).await?;
            // Mail that is gone from the server (or renumbered) leaves the list too: it cannot be read.
            batch.taken_in_mail.extend(here.iter().map(|m| m.message_id.clone()));
            ctx.commit(batch).await?;
        }
        Ok(())
    }

    async fn send_reply(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<Delivered, ChannelError> {
        let secret = self.secret(ctx).await?;
        let account_id = ctx.account_id();
        let reference = item.conversation_ref.clone();
        let thread = blocking(ctx.core, move |core| core.mail_thread(account_id, &reference)).await?;
        let thread =
            thread.ok_or_else(|| ChannelError::NotConfigured("the conversation is not stored".into()))?;
        let message_id = smtp::message_id_for(&item.idempotency_key, &self.mailbox.address);
        let sent_at = ctx.now();
        let message = smtp::build(
            &self.mailbox,
            &smtp::Reply {
                to: &item.buyer_external_id,
                to_name: None,
                subject: thread.subject.as_deref().unwrap_or(""),
                message_id: &message_id,
                thread: &thread.message_ids,
                text: &item.text,
                sent_at,
                files: &item.files,
            },
        )?;
        let raw = message.formatted();
        let (server, user) = (self.mailbox.smtp.clone(), self.mailbox.user.clone());
        let (server, user) = (&server, user.as_str());
        let opened = match smtp::open(server, user, self.credential(&secret)).await {
            Err(smtp::SubmitError::Login(LoginRefusal::TokenRefused(_))) => {
                let token = self.refresh_microsoft(ctx).await?;
                smtp::open(server, user, Credential::Bearer(&token)).await
            }
            other => other,
        };
        let submission = match opened {
            Ok(submission) => submission,
            Err(e) => return Err(self.submit_failed(e)),
        };
        // Written once signed in and before the mail is handed over: a crash before this line sent
        // nothing for sure.
        let mut marker = SyncBatch::default();
        marker
            .cursors
            .push(CursorUpdate { stream: submitting_stream(&message_id), cursor: sent_at.to_string() });
        ctx.commit(marker).await?;
        if let Err(e) = submission.send(&message).await {
            return Err(self.submit_failed(e));
        }
        // Filed in Sent on the next round, after the outbox has recorded it as sent: the window in
        // which a crash leaves a reply in doubt stays as short as the submission itself.
        self.unfiled.push((message_id.clone(), raw));
        Ok(Delivered {
            external_id: message_id,
            sent_at,
            status: MessageStatus::Sent,
            moderation_reason: None,
        })
    }

    fn submit_failed(&mut self, error: smtp::SubmitError) -> ChannelError {
        match error {
            smtp::SubmitError::Login(refusal) => {
                self.secret = None;
                ImapError::Login(refusal).into()
            }
            smtp::SubmitError::Refused(detail) => ChannelError::Rejected { status: 550, detail },
            smtp::SubmitError::Channel(e) => e,
        }
    }

    /// Puts a copy in Sent unless the server did (Gmail and Outlook file submitted mail themselves;
    /// Dovecot's submission and most small providers do not).
    async fn file_in_sent(
        &mut self,
        ctx: &Ctx<'_>,
        message_id: &str,
        raw: &[u8],
    ) -> Result<(), ChannelError> {
        self.session(ctx).await?;
        let Some(sent) = self.sent_folder.clone() else { return Ok(()) };
        let session = self.session.as_mut().expect("opened above");
        for attempt in 0..2 {
            imap::examine(session, &sent).await?;
            if imap::has_message_id(session, message_id).await? {
                self.server_files_sent = true;
                return Ok(());
            }
            if attempt == 0 {
                tokio::time::sleep(Duration::from_millis(800)).await;
            }
        }
        imap::append_seen(session, &sent, raw).await
    }

    async fn look_in_sent(&mut self, ctx: &Ctx<'_>, item: &OutboxItem) -> Result<FindSent, ChannelError> {
        let message_id = smtp::message_id_for(&item.idempotency_key, &self.mailbox.address);
        self.session(ctx).await?;
        let Some(sent) = self.sent_folder.clone() else { return Ok(FindSent::Unknowable) };
        let session = self.session.as_mut().expect("opened above");
        imap::examine(session, &sent).await?;
        if imap::has_message_id(session, &message_id).await? {
            return Ok(FindSent::Delivered(Delivered {
                external_id: message_id,
                sent_at: ctx.now(),
                status: MessageStatus::Sent,
                moderation_reason: None,
            }));
        }
        // Never handed to the server: send it. Handed over, and the server files what it sends:
        // its silence proves nothing left. Otherwise the crash may have come between sending and
        // filing: the seller decides.
        let submitting = ctx.cursor(&submitting_stream(&message_id)).await?;
        Ok(if submitting.is_none() || self.server_files_sent {
            FindSent::NotSent
        } else {
            FindSent::Unknowable
        })
    }
}

/// The mark that a reply was about to be handed to the SMTP server.
fn submitting_stream(message_id: &str) -> String {
    format!("submitting:{message_id}")
}

/// `<UIDVALIDITY>:<last UID read>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FolderCursor {
    uidvalidity: u32,
    last_uid: u32,
}

impl FolderCursor {
    fn parse(text: &str) -> Option<FolderCursor> {
        let (validity, last) = text.trim().split_once(':')?;
        Some(FolderCursor { uidvalidity: validity.parse().ok()?, last_uid: last.parse().ok()? })
    }

    fn update(self, stream: &str) -> CursorUpdate {
        CursorUpdate { stream: stream.to_owned(), cursor: format!("{}:{}", self.uidvalidity, self.last_uid) }
    }
}

/// An IMAP SEARCH date (`7-Nov-2026`), in UTC.
fn imap_date(unix: i64) -> String {
    // strftime's %b is English in jiff, as IMAP wants, whatever the system's language.
    let ts = jiff::Timestamp::from_second(unix).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    format!("{}", ts.strftime("%-d-%b-%Y"))
}

impl ChannelAdapter for Email {
    fn poll<'a>(&'a mut self, ctx: &'a Ctx<'a>) -> BoxFuture<'a, Result<(), ChannelError>> {
        Box::pin(self.poll_mailbox(ctx))
    }

    fn send<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<Delivered, ChannelError>> {
        Box::pin(self.send_reply(ctx, item))
    }

    fn find_sent<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<FindSent, ChannelError>> {
        Box::pin(async move {
            let found = self.look_in_sent(ctx, item).await;
            if found.is_err() {
                self.session = None;
            }
            found
        })
    }

    fn cadence(&self) -> Cadence {
        if self.idle {
            // The wait happens inside the round (IDLE); between rounds only a short pause.
            Cadence { active_secs: 1, idle_secs: 2 }
        } else {
            Cadence { active_secs: 120, idle_secs: 300 }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back() {
        let cursor = FolderCursor { uidvalidity: 1_700_000_000, last_uid: 42 };
        assert_eq!(FolderCursor::parse(&cursor.update("folder:INBOX").cursor), Some(cursor));
        assert_eq!(FolderCursor::parse("garbage"), None);
    }

    #[test]
    fn search_dates_are_imap_dates() {
        assert_eq!(imap_date(1_796_601_600), "7-Dec-2026");
    }
}
