//! A parsed chat → the store: preview first (nothing written); then the zip's media staged (no
//! transaction held), one transaction that creates or reuses the WhatsApp account, remembers who
//! "me" is there and hands the messages to ingest, and the staged media moved into place.
//!
//! Message ids are stable across exports: `wa:<chat>:<wall-clock time>:<hash of author and
//! text>:<n>`, where `n` counts identical messages at the same time. Re-importing the same chat, or
//! a newer export that overlaps it, therefore only adds what is new, in its place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::date_order::{DateOrder, DateOrderEvidence};
use super::limits::MediaLimits;
use super::media::Media;
use super::notice::NoticeKind;
use super::parse::{ChatMessage, ParseOptions, ParsedChat, UnreadableLine, UnreadableReason};
use super::source::{self, ChatSource};
use super::staging::{self, Staging};
use super::{ExportError, parse_export};
use crate::conversations::AttachmentInput;
use crate::ingest::identities::phone_e164;
use crate::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use crate::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus, UnixSeconds};
use crate::{Result, ingest};

const PREVIEW_MESSAGES: usize = 3;
const PREVIEW_TEXT_CHARS: usize = 280;
/// Left-out lines shown for each reason, so the seller can see what they are.
const PREVIEW_LEFT_OUT_LINES: usize = 5;
const PREVIEW_LEFT_OUT_CHARS: usize = 160;
const DEFAULT_ACCOUNT_NAME: &str = "WhatsApp";

/// What the seller chose in the preview (or on the command line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatsAppImportOptions {
    /// The author who is the seller; `None`: the one remembered for the account, if they wrote here.
    pub me: Option<String>,
    /// Override of the inferred day/month order.
    pub date_order: Option<DateOrder>,
    /// IANA zone the export's times are in; `None`: the shop's (Settings), else the system's.
    pub time_zone: Option<String>,
    /// Import into this WhatsApp account; `None`: the first one, created when there is none.
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuthorCount {
    pub name: String,
    pub messages: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewMessage {
    pub line: u32,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    pub author: String,
    /// At most 280 characters.
    pub text: String,
    pub has_media: bool,
}

/// Lines of the export that will not become messages, for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeftOutGroup {
    pub reason: LeftOutReason,
    /// Lines left out for this reason in the whole file.
    pub count: u32,
    /// The first few of them.
    pub lines: Vec<LeftOutLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LeftOutReason {
    /// WhatsApp's own lines; `kinds` from the most frequent.
    Notices {
        kinds: Vec<NoticeKind>,
    },
    Unreadable {
        reason: UnreadableReason,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LeftOutLine {
    pub line: u32,
    /// The start of the line (for a notice, its text without the date).
    pub text: String,
}

/// Everything the seller checks before importing. Nothing has been written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatsAppPreview {
    pub file_name: String,
    /// The buyer's (or group's) name the conversation will have; `None` until "me" is known in a
    /// chat with several authors.
    pub chat_name: Option<String>,
    pub is_group: bool,
    pub line_count: u32,
    pub message_count: u32,
    pub system_line_count: u32,
    pub media_count: u32,
    /// Files in the zip beside the chat.
    pub media_files_in_zip: u32,
    pub first_messages: Vec<PreviewMessage>,
    pub last_messages: Vec<PreviewMessage>,
    /// In order of first appearance.
    pub authors: Vec<AuthorCount>,
    /// The chosen or remembered "me", when they wrote in this chat.
    pub me: Option<String>,
    /// True when the import needs "me" chosen first (several authors, none known to be the seller).
    pub needs_me: bool,
    pub date_order: DateOrderEvidence,
    pub time_zone: String,
    pub unreadable: Vec<UnreadableLine>,
    pub unreadable_count: u32,
    /// What will not be imported, grouped by why: notices first, then unreadable lines.
    pub left_out: Vec<LeftOutGroup>,
    /// Messages already in the store from an earlier import of this chat.
    pub already_imported: u32,
    /// The account the import goes to; `None`: a new "WhatsApp" account will be created.
    #[ts(type = "number | null")]
    pub account_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatsAppImportReport {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub chat_name: String,
    pub inserted: u32,
    pub unchanged: u32,
    pub updated: u32,
    pub system_lines_skipped: u32,
    pub media_copied: u32,
}

/// The parsed export with what the store already knows about it.
pub(crate) struct Prepared {
    source: ChatSource,
    chat: ParsedChat,
    zone_name: String,
    account_id: Option<i64>,
    me: Option<String>,
}

pub(crate) fn preview(
    tx: &Transaction<'_>,
    path: &Path,
    options: &WhatsAppImportOptions,
) -> Result<WhatsAppPreview> {
    let prepared = prepare(tx, path, options)?;
    let chat = &prepared.chat;
    let authors = chat.authors();
    let needs_me = prepared.me.is_none() && authors.len() > 1;
    let identity = (!needs_me).then(|| ChatIdentity::new(&prepared, prepared.me.as_ref()));
    let already_imported = match (&identity, prepared.account_id) {
        (Some(identity), Some(account_id)) => count_known(tx, account_id, &ids(identity, &chat.messages))?,
        _ => 0,
    };
    let preview_of = |m: &ChatMessage| PreviewMessage {
        line: m.line,
        sent_at: m.sent_at,
        author: m.author.clone(),
        text: m.text.chars().take(PREVIEW_TEXT_CHARS).collect(),
        has_media: m.media.is_some(),
    };
    let count = chat.messages.len();
    let tail_start = count.saturating_sub(PREVIEW_MESSAGES).max(PREVIEW_MESSAGES.min(count));
    Ok(WhatsAppPreview {
        file_name: prepared.source.file_name.clone(),
        chat_name: identity.as_ref().map(|i| i.name.clone()),
        is_group: identity.as_ref().is_some_and(|i| i.is_group),
        line_count: chat.line_count,
        message_count: count as u32,
        system_line_count: chat.system_lines.len() as u32,
        media_count: chat.messages.iter().filter(|m| m.media.is_some()).count() as u32,
        media_files_in_zip: prepared.source.media_files.len() as u32,
        first_messages: chat.messages.iter().take(PREVIEW_MESSAGES).map(preview_of).collect(),
        last_messages: chat.messages[tail_start..].iter().map(preview_of).collect(),
        authors: authors.into_iter().map(|(name, messages)| AuthorCount { name, messages }).collect(),
        me: prepared.me.clone(),
        needs_me,
        date_order: chat.date_order.clone(),
        time_zone: prepared.zone_name.clone(),
        unreadable: chat.unreadable.clone(),
        unreadable_count: chat.unreadable_count,
        left_out: left_out(chat),
        already_imported,
        account_id: prepared.account_id,
    })
}

fn left_out(chat: &ParsedChat) -> Vec<LeftOutGroup> {
    let shown = |line: u32, text: &str| LeftOutLine {
        line,
        text: text.chars().take(PREVIEW_LEFT_OUT_CHARS).collect(),
    };
    let mut groups = Vec::new();
    if !chat.system_lines.is_empty() {
        let mut kinds: Vec<(NoticeKind, u32)> = Vec::new();
        for notice in &chat.system_lines {
            match kinds.iter_mut().find(|(kind, _)| *kind == notice.kind) {
                Some((_, count)) => *count += 1,
                None => kinds.push((notice.kind, 1)),
            }
        }
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        groups.push(LeftOutGroup {
            reason: LeftOutReason::Notices { kinds: kinds.into_iter().map(|(kind, _)| kind).collect() },
            count: chat.system_lines.len() as u32,
            lines: chat
                .system_lines
                .iter()
                .take(PREVIEW_LEFT_OUT_LINES)
                .map(|n| shown(n.line, &n.text))
                .collect(),
        });
    }
    for reason in [
        UnreadableReason::BeforeFirstMessage,
        UnreadableReason::ImpossibleTime,
        UnreadableReason::ImpossibleDate,
    ] {
        let count = chat.unreadable_by_reason.of(reason);
        if count == 0 {
            continue;
        }
        let lines = chat
            .unreadable
            .iter()
            .filter(|u| u.reason == reason)
            .take(PREVIEW_LEFT_OUT_LINES)
            .map(|u| shown(u.line, &u.text))
            .collect();
        groups.push(LeftOutGroup { reason: LeftOutReason::Unreadable { reason }, count, lines });
    }
    groups
}

/// The zip's media for one import, copied before its transaction.
pub(crate) struct StagedMedia {
    staging: Option<Staging>,
    /// Every file the messages can point at: staged now, or in place from an earlier import.
    files: HashMap<String, u64>,
    /// The folder where files were found in place, when some were.
    in_place: Option<PathBuf>,
}

impl StagedMedia {
    pub(crate) fn staging_name(&self) -> Option<String> {
        self.staging.as_ref().map(Staging::name)
    }

    /// Moves the staged files into `folder`, where the rows say they are.
    pub(crate) fn place(self, folder: &Path) -> Result<()> {
        match self.staging {
            Some(staging) => staging.place(folder),
            None => Ok(()),
        }
    }
}

/// Copies the media the messages point at out of the zip into a staging folder, within `limits`
/// and the room on the disk. Files already in place from an earlier import are not copied again.
pub(crate) fn stage_media(db_path: &Path, prepared: &Prepared, limits: &MediaLimits) -> Result<StagedMedia> {
    let none = StagedMedia { staging: None, files: HashMap::new(), in_place: None };
    require_me(&prepared.chat, prepared.me.as_ref())?;
    let Some(zip) = &prepared.source.zip else { return Ok(none) };
    let wanted: Vec<String> = prepared
        .chat
        .messages
        .iter()
        .filter_map(|m| match &m.media {
            Some(Media::Attached { file_name }) => Some(file_name.clone()),
            _ => None,
        })
        .collect();
    if wanted.is_empty() {
        return Ok(none);
    }
    let identity = ChatIdentity::new(prepared, prepared.me.as_ref());
    let in_place = prepared.account_id.map(|id| media_folder(db_path, id, &identity.key_hash).absolute);
    let mut plan = source::plan_media(zip, &wanted, in_place.as_deref(), limits)?;
    let mut files: HashMap<String, u64> = plan.in_place.iter().cloned().collect();
    let in_place = (!files.is_empty()).then_some(in_place).flatten();
    if plan.nothing_to_copy() {
        return Ok(StagedMedia { staging: None, files, in_place });
    }
    let data_dir = db_path.parent().unwrap_or(Path::new("."));
    let needed = plan.bytes_to_copy().saturating_add(limits.free_space_margin);
    if staging::available_bytes(data_dir).is_some_and(|available| available < needed) {
        return Err(ExportError::NoSpaceForMedia { needed }.into());
    }
    let staging = Staging::create(&data_dir.join(staging::MEDIA_ROOT))?;
    files.extend(source::copy_media(&mut plan, staging.dir(), limits)?);
    Ok(StagedMedia { staging: Some(staging), files, in_place })
}

/// The import's one transaction: the account, "me" and the messages. Returns the report and the
/// folder the staged media goes to.
pub(crate) fn write_rows(
    tx: &Transaction<'_>,
    db_path: &Path,
    prepared: &Prepared,
    options: &WhatsAppImportOptions,
    media: &StagedMedia,
    now: UnixSeconds,
) -> Result<(WhatsAppImportReport, PathBuf)> {
    // Asked again under the write lock: another import may have created the account meanwhile.
    let (account_id, me) = account_and_me(tx, options, &prepared.chat)?;
    require_me(&prepared.chat, me.as_ref())?;
    let identity = ChatIdentity::new(prepared, me.as_ref());
    let account_id = match account_id {
        Some(id) => id,
        None => create_account(tx, now)?,
    };
    if let Some(me) = &me {
        tx.prepare_cached("UPDATE accounts SET settings = json_set(settings, '$.me', ?2) WHERE id = ?1")?
            .execute(params![account_id, me])?;
    }

    let media_folder = media_folder(db_path, account_id, &identity.key_hash);
    if media.in_place.as_ref().is_some_and(|folder| *folder != media_folder.absolute) {
        return Err(crate::Error::InvalidInput(
            "the WhatsApp accounts changed while the chat was imported; import it again".into(),
        ));
    }
    if let Some(name) = media.staging_name() {
        staging::record_destination(tx, &name, &media_folder.relative)?;
    }
    let ids = ids(&identity, &prepared.chat.messages);
    let batch: Vec<IngestMessage> = prepared
        .chat
        .messages
        .iter()
        .zip(ids)
        .map(|(message, external_id)| {
            to_ingest(account_id, &identity, me.as_deref(), message, external_id, &media.files, &media_folder)
        })
        .collect();
    let report = ingest::batch::ingest(tx, &batch, now)?;
    let conversation_id = crate::conversations::status::id_by_ref(tx, account_id, &identity.external_ref)?
        .ok_or_else(|| crate::Error::NotFound { what: "the imported conversation".into() })?;
    let report = WhatsAppImportReport {
        account_id,
        conversation_id,
        chat_name: identity.name,
        inserted: report.inserted,
        unchanged: report.unchanged,
        updated: report.updated,
        system_lines_skipped: prepared.chat.system_lines.len() as u32,
        media_copied: media.files.len() as u32,
    };
    Ok((report, media_folder.absolute))
}

/// A chat with several authors cannot be imported before the seller says which one they are.
fn require_me(chat: &ParsedChat, me: Option<&String>) -> Result<()> {
    let authors = chat.authors();
    if me.is_none() && authors.len() > 1 {
        return Err(
            ExportError::ChooseMe { authors: authors.into_iter().map(|(name, _)| name).collect() }.into()
        );
    }
    Ok(())
}

pub(crate) fn prepare(
    tx: &Transaction<'_>,
    path: &Path,
    options: &WhatsAppImportOptions,
) -> Result<Prepared> {
    let (zone, zone_name) = time_zone(tx, options.time_zone.as_deref())?;
    let source = source::read_source(path)?;
    let parse_options =
        ParseOptions { date_order: options.date_order, fallback_order: DateOrder::DayFirst, time_zone: zone };
    let chat = parse_export(&source.bytes, &parse_options)?;
    let (account_id, me) = account_and_me(tx, options, &chat)?;
    Ok(Prepared { source, chat, zone_name, account_id, me })
}

/// The account the import goes to (`None`: a new one) and the author who is the seller there.
fn account_and_me(
    tx: &Transaction<'_>,
    options: &WhatsAppImportOptions,
    chat: &ParsedChat,
) -> Result<(Option<i64>, Option<String>)> {
    let account_id = match options.account_id {
        Some(id) => {
            let channel: Option<ChannelKind> = tx
                .prepare_cached("SELECT channel FROM accounts WHERE id = ?1")?
                .query_row([id], |row| row.get(0))
                .optional()?;
            match channel {
                Some(ChannelKind::WhatsApp) => Some(id),
                Some(_) => {
                    return Err(crate::Error::InvalidInput(format!(
                        "account {id} is not a WhatsApp account"
                    )));
                }
                None => return Err(crate::Error::NotFound { what: format!("account {id}") }),
            }
        }
        None => tx
            .prepare_cached(
                "SELECT id FROM accounts WHERE channel = 'whatsapp' AND disabled = 0 ORDER BY id LIMIT 1",
            )?
            .query_row([], |row| row.get(0))
            .optional()?,
    };
    let authors: Vec<String> = chat.authors().into_iter().map(|(name, _)| name).collect();
    let me = match options.me.as_deref().map(str::trim).filter(|me| !me.is_empty()) {
        Some(me) => {
            match authors.iter().find(|a| a.as_str() == me || a.to_lowercase() == me.to_lowercase()) {
                Some(author) => Some(author.clone()),
                None => return Err(ExportError::MeNotAnAuthor { me: me.to_owned(), authors }.into()),
            }
        }
        None => match account_id {
            Some(id) => remembered_me(tx, id)?.filter(|me| authors.contains(me)),
            None => None,
        },
    };
    Ok((account_id, me))
}

/// The zone asked for, else the shop's, else the system's.
fn time_zone(tx: &Transaction<'_>, asked: Option<&str>) -> Result<(TimeZone, String)> {
    let shop: Option<String> = match asked {
        Some(_) => None,
        None => crate::settings::load(tx)?.time_zone,
    };
    match asked.map(str::trim).filter(|z| !z.is_empty()).map(str::to_owned).or(shop) {
        Some(name) => match TimeZone::get(&name) {
            Ok(zone) => Ok((zone, name)),
            Err(_) => Err(ExportError::UnknownTimeZone(name).into()),
        },
        None => {
            let zone = TimeZone::try_system().unwrap_or(TimeZone::UTC);
            let name = zone.iana_name().unwrap_or("UTC").to_owned();
            Ok((zone, name))
        }
    }
}

fn remembered_me(tx: &Transaction<'_>, account_id: i64) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached("SELECT json_extract(settings, '$.me') FROM accounts WHERE id = ?1")?
        .query_row([account_id], |row| row.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

fn create_account(tx: &Transaction<'_>, now: UnixSeconds) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO accounts (channel, display_name, settings, created_at) VALUES ('whatsapp', ?1, '{}', ?2)",
    )?
    .execute(params![DEFAULT_ACCOUNT_NAME, now])?;
    Ok(tx.last_insert_rowid())
}

/// Who the chat is with, and the keys it is stored under.
struct ChatIdentity {
    name: String,
    is_group: bool,
    external_ref: String,
    key_hash: String,
    buyer: BuyerIdentityInput,
}

impl ChatIdentity {
    fn new(prepared: &Prepared, me: Option<&String>) -> ChatIdentity {
        let others: Vec<String> = prepared
            .chat
            .authors()
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| Some(name) != me)
            .collect();
        let is_group = others.len() > 1;
        // A one-to-one chat is keyed by the buyer (the same in every export, whatever the file is
        // called); a group by its name from the file, else by its members.
        let name = if is_group {
            prepared.source.chat_name.clone().unwrap_or_else(|| others.join(", "))
        } else {
            others
                .first()
                .cloned()
                .or_else(|| prepared.source.chat_name.clone())
                .unwrap_or_else(|| "WhatsApp".into())
        };
        let phone = (!is_group).then(|| phone_e164(&name)).flatten();
        let (external_ref, buyer_key) = match (&phone, is_group) {
            (Some(phone), _) => (format!("wa:{phone}"), phone.clone()),
            (None, true) => {
                (format!("wa-group:{}", name.to_lowercase()), format!("group:{}", name.to_lowercase()))
            }
            (None, false) => {
                (format!("wa:{}", name.to_lowercase()), format!("contact:{}", name.to_lowercase()))
            }
        };
        let key_hash = format!("{:016x}", fnv1a(external_ref.as_bytes()));
        let buyer = BuyerIdentityInput {
            external_id: buyer_key,
            display_name: name.clone(),
            handle: None,
            phone: phone.as_ref().map(|_| name.clone()),
            email: None,
        };
        ChatIdentity { name, is_group, external_ref, key_hash, buyer }
    }
}

/// Stable ids for the messages, in file order.
fn ids(identity: &ChatIdentity, messages: &[ChatMessage]) -> Vec<String> {
    let mut seen: HashMap<(String, u64), u32> = HashMap::new();
    messages
        .iter()
        .map(|m| {
            let time = m.local_time.strftime("%Y%m%d%H%M%S").to_string();
            let mut content = Vec::with_capacity(m.author.len() + m.text.len() + 1);
            content.extend_from_slice(m.author.as_bytes());
            content.push(0);
            content.extend_from_slice(m.text.as_bytes());
            let hash = fnv1a(&content);
            let n = seen.entry((time.clone(), hash)).or_default();
            let id = format!("wa:{}:{time}:{hash:016x}:{n}", identity.key_hash);
            *n += 1;
            id
        })
        .collect()
}

fn count_known(tx: &Transaction<'_>, account_id: i64, ids: &[String]) -> Result<u32> {
    let mut statement =
        tx.prepare_cached("SELECT 1 FROM messages WHERE account_id = ?1 AND external_id = ?2")?;
    let mut known = 0;
    for id in ids {
        if statement.exists(params![account_id, id])? {
            known += 1;
        }
    }
    Ok(known)
}

struct MediaFolder {
    absolute: PathBuf,
    /// Relative to the database's folder, as stored in attachments.
    relative: String,
}

fn media_folder(db_path: &Path, account_id: i64, key_hash: &str) -> MediaFolder {
    let relative = format!("{}/{account_id}/{key_hash}", staging::MEDIA_ROOT);
    let base = db_path.parent().unwrap_or(Path::new("."));
    MediaFolder { absolute: base.join(&relative), relative }
}

fn to_ingest(
    account_id: i64,
    identity: &ChatIdentity,
    me: Option<&str>,
    message: &ChatMessage,
    external_id: String,
    copied: &HashMap<String, u64>,
    folder: &MediaFolder,
) -> IngestMessage {
    let outgoing = me == Some(message.author.as_str());
    let (text, attachments) = match &message.media {
        Some(Media::Attached { file_name }) => {
            // The marker line becomes the attachment; what follows it is the caption.
            let caption = message.text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
            let kept = copied.get(file_name);
            let attachment = AttachmentInput {
                file_name: file_name.clone(),
                mime_type: mime_type(file_name).map(str::to_owned),
                size_bytes: kept.map(|&size| size as i64),
                local_path: kept.map(|_| format!("{}/{file_name}", folder.relative)),
                remote_ref: None,
                kind: None,
            };
            (caption.to_owned(), vec![attachment])
        }
        _ => (message.text.clone(), vec![]),
    };
    IngestMessage {
        account_id,
        conversation: ConversationRef {
            external_ref: identity.external_ref.clone(),
            kind: ConversationKind::Chat,
            subject: identity.is_group.then(|| identity.name.clone()),
        },
        buyer: identity.buyer.clone(),
        external_id,
        direction: if outgoing { Direction::Outgoing } else { Direction::Incoming },
        author: message.author.clone(),
        text,
        sent_at: message.sent_at,
        status: if outgoing { MessageStatus::Sent } else { MessageStatus::Received },
        attachments,
    }
}

fn mime_type(file_name: &str) -> Option<&'static str> {
    let extension = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "mp4" => "video/mp4",
        "3gp" => "video/3gpp",
        "opus" => "audio/ogg",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "pdf" => "application/pdf",
        "vcf" => "text/vcard",
        _ => return None,
    })
}

/// FNV-1a 64: a stable hash (std's is randomised per process), good enough to tell messages apart
/// within one chat.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
