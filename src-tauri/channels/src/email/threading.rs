//! One round's reading of mail into the batch: who it is from, whether a buyer wrote it, which
//! conversation it belongs to (its references, else the buyer's thread with the same subject, else
//! a new one), its attachments kept beside the database, and Etsy's notices sent to the Etsy
//! account.

use std::collections::HashMap;
use std::path::PathBuf;

use mostrador_core::accounts::{ConversationUpdate, NewAccount, SyncBatch};
use mostrador_core::conversations::AttachmentInput;
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::mail::{LeftOutMail, QuoteStart};
use mostrador_core::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus};
use sha2::{Digest, Sha256};

use super::etsy_notice::{self, EtsyNotice};
use super::imap::Fetched;
use super::mail::{self, Address, Mail};
use super::senders::{self, SenderRules, Verdict};
use super::settings::Mailbox;
use crate::ChannelError;
use crate::sync::context::{Ctx, blocking};

/// A file above this is listed, not kept.
const MAX_ATTACHMENT_BYTES: usize = 25 * 1024 * 1024;
/// A mail with the same subject from the same buyer joins their thread only if the thread moved
/// within this (a new question months later is a new conversation).
const SUBJECT_THREAD_SECS: i64 = 90 * 86_400;

pub(crate) struct Reading {
    account_id: i64,
    own: Vec<String>,
    rules: SenderRules,
    data_dir: PathBuf,
    /// Where this round put each Message-ID, before it is committed.
    placed: HashMap<String, String>,
    /// (buyer address, thread subject) → conversation, for this round.
    by_subject: HashMap<(String, String), String>,
    /// Etsy notices waiting to be committed to the Etsy account, with where each conversation opens.
    notices: Vec<(IngestMessage, ConversationUpdate)>,
    /// Names buyers are known by, by address, as looked up this round.
    names: HashMap<String, String>,
}

impl Reading {
    pub(crate) async fn load(ctx: &Ctx<'_>, mailbox: &Mailbox) -> Result<Reading, ChannelError> {
        let account_id = ctx.account_id();
        let marks = blocking(ctx.core, move |core| core.sender_marks(account_id)).await?;
        let rules = SenderRules {
            buyers: marks.iter().filter(|m| m.is_buyer).map(|m| m.pattern.clone()).collect(),
            not_buyers: marks.iter().filter(|m| !m.is_buyer).map(|m| m.pattern.clone()).collect(),
        };
        let data_dir = ctx.core.db_path().parent().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        Ok(Reading {
            account_id,
            own: vec![mailbox.address.clone()],
            rules,
            data_dir,
            placed: HashMap::new(),
            by_subject: HashMap::new(),
            notices: Vec::new(),
            names: HashMap::new(),
        })
    }

    pub(crate) fn is_marked_buyer(&self, address: &str) -> bool {
        let address = address.to_lowercase();
        let domain = address.rsplit_once('@').map(|(_, d)| format!("@{d}"));
        self.rules.buyers.iter().any(|p| *p == address || Some(p) == domain.as_ref())
    }

    /// Reads one fetched mail into `batch` (or into the Etsy notices).
    pub(crate) async fn read(
        &mut self,
        ctx: &Ctx<'_>,
        batch: &mut SyncBatch,
        folder: &str,
        uidvalidity: u32,
        fetched: &Fetched,
        in_sent: bool,
    ) -> Result<(), ChannelError> {
        let mail = mail::parse(&fetched.raw);
        let now = ctx.now();
        if in_sent {
            return self.read_sent(ctx, batch, &mail, fetched, now).await;
        }
        let received_at = fetched.internal_date.or(mail.date).unwrap_or(now);
        if let Some(notice) = etsy_notice::read(&mail) {
            self.notices.push((etsy_message(&notice, &mail, received_at), etsy_conversation(&notice)));
            return Ok(());
        }
        let Some(mut from) = mail.from.clone() else {
            batch.left_out_mail.push(left_out(
                &mail,
                "",
                None,
                "no_reply_sender",
                received_at,
                folder,
                uidvalidity,
                fetched.uid,
            ));
            return Ok(());
        };
        match senders::verdict(&mail, &self.own, &self.rules) {
            Verdict::Buyer => {}
            Verdict::NotBuyer(reason) => {
                batch.left_out_mail.push(left_out(
                    &mail,
                    &from.email,
                    from.name.as_deref(),
                    reason.code(),
                    received_at,
                    folder,
                    uidvalidity,
                    fetched.uid,
                ));
                return Ok(());
            }
        }
        // A buyer's reply may come from another address than their first mail; the thread decides.
        let reference = match self.thread_of(ctx, &mail, &from.email, received_at).await? {
            Some(reference) => reference,
            None => mail.message_id.clone(),
        };
        self.remember(&mail, &from.email, &reference);
        self.keep_known_name(ctx, &mut from).await?;
        let attachments = self.keep_attachments(&mail, fetched, folder, uidvalidity);
        push_message(
            batch,
            self.account_id,
            &mail,
            &from,
            reference,
            Direction::Incoming,
            received_at,
            attachments,
        );
        Ok(())
    }

    /// Mail in Sent joins a conversation only when it answers one or goes to a known buyer: the
    /// seller's other mail stays out of the inbox.
    async fn read_sent(
        &mut self,
        ctx: &Ctx<'_>,
        batch: &mut SyncBatch,
        mail: &Mail,
        fetched: &Fetched,
        now: i64,
    ) -> Result<(), ChannelError> {
        let Some(mut to) = mail.to.iter().chain(&mail.cc).find(|a| !self.own.contains(&a.email)).cloned()
        else {
            return Ok(());
        };
        let sent_at = mail.date.or(fetched.internal_date).unwrap_or(now);
        let reference = match self.thread_of(ctx, mail, &to.email, sent_at).await? {
            Some(reference) => reference,
            None => {
                let account_id = self.account_id;
                let address = to.email.clone();
                let known = blocking(ctx.core, move |core| core.buyer_threads(account_id, &address)).await?;
                if known.is_empty() && !self.is_marked_buyer(&to.email) {
                    return Ok(());
                }
                mail.message_id.clone()
            }
        };
        self.remember(mail, &to.email, &reference);
        self.keep_known_name(ctx, &mut to).await?;
        let attachments = self.keep_attachments(mail, fetched, "sent", 0);
        push_message(batch, self.account_id, mail, &to, reference, Direction::Outgoing, sent_at, attachments);
        Ok(())
    }

    /// A mail from (or to) the bare address keeps the name the buyer is already known by.
    async fn keep_known_name(&mut self, ctx: &Ctx<'_>, address: &mut Address) -> Result<(), ChannelError> {
        if address.name.as_deref().is_some_and(|n| !n.trim().is_empty()) {
            return Ok(());
        }
        if let Some(name) = self.names.get(&address.email) {
            address.name = Some(name.clone());
            return Ok(());
        }
        let (account_id, email) = (self.account_id, address.email.clone());
        if let Some(name) = blocking(ctx.core, move |core| core.buyer_name_on(account_id, &email)).await? {
            self.names.insert(address.email.clone(), name.clone());
            address.name = Some(name);
        }
        Ok(())
    }

    fn remember(&mut self, mail: &Mail, buyer: &str, reference: &str) {
        self.placed.insert(mail.message_id.clone(), reference.to_owned());
        let subject = mail::thread_subject(&mail.subject);
        if !subject.is_empty() {
            self.by_subject.insert((buyer.to_owned(), subject), reference.to_owned());
        }
    }

    /// The conversation this mail continues: by its references (this round's, then stored), then by
    /// the buyer's thread with the same subject that moved recently.
    async fn thread_of(
        &self,
        ctx: &Ctx<'_>,
        mail: &Mail,
        buyer: &str,
        at: i64,
    ) -> Result<Option<String>, ChannelError> {
        let mut ancestors: Vec<String> = mail.references.clone();
        for id in &mail.in_reply_to {
            if !ancestors.contains(id) {
                ancestors.push(id.clone());
            }
        }
        // The mail itself, read again (UIDVALIDITY changed, or both in INBOX and Sent).
        ancestors.push(mail.message_id.clone());
        if let Some(reference) = ancestors.iter().rev().find_map(|id| self.placed.get(id)) {
            return Ok(Some(reference.clone()));
        }
        let account_id = self.account_id;
        let ids = ancestors.clone();
        if let Some(reference) =
            blocking(ctx.core, move |core| core.conversation_holding(account_id, &ids)).await?
        {
            return Ok(Some(reference));
        }
        let subject = mail::thread_subject(&mail.subject);
        if subject.is_empty() {
            return Ok(None);
        }
        if let Some(reference) = self.by_subject.get(&(buyer.to_owned(), subject.clone())) {
            return Ok(Some(reference.clone()));
        }
        let address = buyer.to_owned();
        let threads = blocking(ctx.core, move |core| core.buyer_threads(account_id, &address)).await?;
        Ok(threads
            .into_iter()
            .filter(|t| t.last_message_at.is_some_and(|last| at - last < SUBJECT_THREAD_SECS))
            .find(|t| t.subject.as_deref().map(mail::thread_subject).as_deref() == Some(subject.as_str()))
            .map(|t| t.external_ref))
    }

    /// Attachments saved under `media/email/<account>/<mail>/`; inline images (logos, signatures)
    /// are left out; a file above the cap, or past the cut of a very large mail, is listed only.
    fn keep_attachments(
        &self,
        mail: &Mail,
        fetched: &Fetched,
        folder: &str,
        uidvalidity: u32,
    ) -> Vec<AttachmentInput> {
        let mut hasher = Sha256::new();
        hasher.update(mail.message_id.as_bytes());
        let folder_name: String = hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        let relative = format!("media/email/{}/{folder_name}", self.account_id);
        let mut kept = Vec::new();
        for attachment in mail.attachments.iter().filter(|a| !a.inline) {
            let size = attachment.data.len();
            let local_path = (size <= MAX_ATTACHMENT_BYTES)
                .then(|| {
                    let absolute = self.data_dir.join(&relative);
                    std::fs::create_dir_all(&absolute).ok()?;
                    let path = absolute.join(&attachment.file_name);
                    // Written whole to a temporary name first: a crash leaves no half file behind.
                    let partial = absolute.join(format!(".{}.part", attachment.file_name));
                    std::fs::write(&partial, &attachment.data).ok()?;
                    std::fs::rename(&partial, &path).ok()?;
                    Some(format!("{relative}/{}", attachment.file_name))
                })
                .flatten();
            kept.push(AttachmentInput {
                file_name: attachment.file_name.clone(),
                mime_type: Some(attachment.mime_type.clone()),
                size_bytes: Some(size as i64),
                local_path,
                remote_ref: None,
                kind: None,
            });
        }
        if (fetched.raw.len() as u64) < u64::from(fetched.size) {
            kept.push(AttachmentInput {
                file_name: "mensaje-completo.eml".into(),
                mime_type: Some("message/rfc822".into()),
                size_bytes: Some(i64::from(fetched.size)),
                local_path: None,
                remote_ref: Some(format!("imap:{folder}:{uidvalidity}:{}", fetched.uid)),
                kind: None,
            });
        }
        kept
    }

    /// Etsy notices go to the shop's Etsy account (made the first time one arrives); committed
    /// before the mailbox's cursor moves, so a crash reads them again, and their ids keep that
    /// from storing anything twice.
    pub(crate) async fn commit_notices(&mut self, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
        if self.notices.is_empty() {
            return Ok(());
        }
        let (mut notices, conversations): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.notices).into_iter().unzip();
        let mailbox_account = self.account_id;
        let now = ctx.now();
        let etsy = blocking(ctx.core, move |core| {
            let existing = core.accounts()?.into_iter().find(|a| a.channel == ChannelKind::Etsy);
            match existing {
                Some(account) => Ok(account.id),
                None => core.add_account(
                    &NewAccount {
                        channel: ChannelKind::Etsy,
                        display_name: "Etsy".into(),
                        external_id: None,
                        settings: serde_json::json!({ "notices_from_account": mailbox_account }),
                    },
                    now,
                ),
            }
        })
        .await?;
        for notice in &mut notices {
            notice.account_id = etsy;
        }
        blocking(ctx.core, move |core| {
            core.commit_sync(
                etsy,
                &SyncBatch { messages: notices, conversations, ..SyncBatch::default() },
                now,
            )
        })
        .await?;
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
fn left_out(
    mail: &Mail,
    sender: &str,
    sender_name: Option<&str>,
    reason: &str,
    received_at: i64,
    folder: &str,
    uidvalidity: u32,
    uid: u32,
) -> LeftOutMail {
    LeftOutMail {
        message_id: mail.message_id.clone(),
        sender: sender.to_owned(),
        sender_name: sender_name.map(str::to_owned),
        subject: mail.subject.clone(),
        reason: reason.to_owned(),
        received_at,
        mailbox: folder.to_owned(),
        uidvalidity,
        uid,
    }
}

fn buyer_identity(address: &Address) -> BuyerIdentityInput {
    let name = address
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| address.email.split('@').next().unwrap_or(&address.email).to_owned());
    BuyerIdentityInput {
        external_id: address.email.clone(),
        display_name: name,
        handle: None,
        phone: None,
        email: Some(address.email.clone()),
    }
}

#[allow(clippy::too_many_arguments)]
fn push_message(
    batch: &mut SyncBatch,
    account_id: i64,
    mail: &Mail,
    buyer: &Address,
    reference: String,
    direction: Direction,
    sent_at: i64,
    attachments: Vec<AttachmentInput>,
) {
    let identity = buyer_identity(buyer);
    // A reply keeps the subject the thread started with ("Re: …" is not a new subject).
    let subject =
        (reference == mail.message_id).then(|| mail.subject.trim().to_owned()).filter(|s| !s.is_empty());
    let author = match direction {
        Direction::Incoming => identity.display_name.clone(),
        Direction::Outgoing => mail.from.as_ref().and_then(|f| f.name.clone()).unwrap_or_else(|| "me".into()),
    };
    if let Some(start) = mail.quote_start {
        batch
            .quote_starts
            .push(QuoteStart { external_id: mail.message_id.clone(), byte_offset: start as u32 });
    }
    batch.messages.push(IngestMessage {
        account_id,
        conversation: ConversationRef { external_ref: reference, kind: ConversationKind::Email, subject },
        buyer: identity,
        external_id: mail.message_id.clone(),
        direction,
        author,
        text: mail.text.clone(),
        sent_at,
        status: match direction {
            Direction::Incoming => MessageStatus::Received,
            Direction::Outgoing => MessageStatus::Sent,
        },
        attachments,
    });
}

/// The Etsy conversation a notice speaks of: by Etsy's conversation id when the mail links it,
/// else by the buyer's name (one conversation per buyer until a link says otherwise).
pub(crate) fn etsy_reference(notice: &EtsyNotice) -> String {
    match &notice.conversation_id {
        Some(id) => format!("etsy:{id}"),
        None => format!("etsy-buyer:{}", notice.buyer_name.trim().to_lowercase()),
    }
}

fn etsy_message(notice: &EtsyNotice, mail: &Mail, received_at: i64) -> IngestMessage {
    let name = notice.buyer_name.trim().to_owned();
    IngestMessage {
        account_id: 0,
        conversation: ConversationRef {
            external_ref: etsy_reference(notice),
            kind: ConversationKind::Chat,
            subject: None,
        },
        buyer: BuyerIdentityInput {
            external_id: format!("name:{}", name.to_lowercase()),
            display_name: name.clone(),
            handle: None,
            phone: None,
            email: None,
        },
        external_id: mail.message_id.clone(),
        direction: Direction::Incoming,
        author: name,
        // Etsy's new notices carry no text: the message is a signal that the buyer waits.
        text: notice.text.clone().unwrap_or_default(),
        sent_at: received_at,
        status: MessageStatus::Received,
        attachments: Vec::new(),
    }
}

/// Where the seller answers: Etsy's page of that conversation (its list, when the mail did not say
/// which).
fn etsy_conversation(notice: &EtsyNotice) -> ConversationUpdate {
    ConversationUpdate {
        external_ref: etsy_reference(notice),
        kind: ConversationKind::Chat,
        subject: None,
        blocked_reason: None,
        reply_until: None,
        listing_ref: Some(notice.conversation_url()),
        private_reply_until: None,
        older_history_unavailable: false,
    }
}
