//! Saving what the seller captured by hand: a new conversation on the `other` account named after
//! the source (created on first use), or one message added to an existing conversation. Both go
//! through ingest, so waiting times, unread counts and statuses follow as for any channel.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::split::DraftMessage;
use crate::accounts::NewAccount;
use crate::inbox::AccountOption;
use crate::ingest::identities::phone_e164;
use crate::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use crate::vocabulary::{ChannelKind, ConversationKind, Direction, MessageStatus, UnixSeconds};
use crate::{Error, Result, ingest};

/// Explicit times this much earlier than the previous one mean the talk went past midnight.
const PAST_MIDNIGHT_SECONDS: i64 = 6 * 3600;
const BUYER_OPTIONS: u32 = 20;

/// The buyer a captured conversation is with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaptureBuyer {
    Existing {
        #[ts(type = "number")]
        buyer_id: i64,
    },
    New {
        name: String,
        phone: Option<String>,
        email: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaptureInput {
    pub buyer: CaptureBuyer,
    /// Where the talk happened ("Facebook Marketplace", "Feria del sábado"): the `other` account's name.
    pub source: String,
    /// `YYYY-MM-DD` the messages were written, in the shop's zone; `None`: today.
    pub date: Option<String>,
    pub messages: Vec<DraftMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaptureSaved {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub inserted: u32,
}

/// One message typed or pasted into an existing conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuickMessage {
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub direction: Direction,
    pub text: String,
    /// `YYYY-MM-DD` and `HH:MM` in the shop's zone; `None`: now.
    pub date: Option<String>,
    pub time: Option<String>,
}

/// A buyer the "new conversation" picker offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BuyerOption {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub channels: Vec<ChannelKind>,
    pub phone: Option<String>,
}

pub(crate) fn save(tx: &Transaction<'_>, input: &CaptureInput, now: UnixSeconds) -> Result<CaptureSaved> {
    let messages: Vec<&DraftMessage> = input.messages.iter().filter(|m| !m.text.trim().is_empty()).collect();
    if messages.is_empty() {
        return Err(Error::InvalidInput("there is no message to save".into()));
    }
    let account_id = source_account(tx, &input.source, now)?;
    let buyer = match &input.buyer {
        CaptureBuyer::Existing { buyer_id } => identity_of(tx, account_id, *buyer_id, now)?,
        CaptureBuyer::New { name, phone, email } => new_identity(tx, name, phone, email, now)?,
    };
    let zone = shop_zone(tx)?;
    let times: Vec<Option<&str>> = messages.iter().map(|m| m.time.as_deref()).collect();
    let sent = sent_times(input.date.as_deref(), &times, &zone, now)?;
    let external_ref = free_ref(tx, account_id, now)?;
    let conversation =
        ConversationRef { external_ref: external_ref.clone(), kind: ConversationKind::Chat, subject: None };
    let batch: Vec<IngestMessage> = messages
        .iter()
        .zip(sent)
        .enumerate()
        .map(|(i, (message, sent_at))| {
            let outgoing = message.direction == Direction::Outgoing;
            let author = match message.author.trim() {
                "" if !outgoing => buyer.display_name.clone(),
                author => author.to_owned(),
            };
            IngestMessage {
                account_id,
                conversation: conversation.clone(),
                buyer: buyer.clone(),
                external_id: format!("{external_ref}:{i}"),
                direction: message.direction,
                author,
                text: message.text.trim().to_owned(),
                sent_at,
                status: if outgoing { MessageStatus::Sent } else { MessageStatus::Received },
                attachments: vec![],
            }
        })
        .collect();
    let report = ingest::batch::ingest(tx, &batch, now)?;
    let conversation_id = crate::conversations::status::id_by_ref(tx, account_id, &external_ref)?
        .ok_or_else(|| Error::NotFound { what: "the captured conversation".into() })?;
    let buyer_id: i64 = tx
        .prepare_cached("SELECT buyer_id FROM conversations WHERE id = ?1")?
        .query_row([conversation_id], |row| row.get(0))?;
    Ok(CaptureSaved { account_id, conversation_id, buyer_id, inserted: report.inserted })
}

pub(crate) fn add_message(tx: &Transaction<'_>, input: &QuickMessage, now: UnixSeconds) -> Result<i64> {
    if input.text.trim().is_empty() {
        return Err(Error::InvalidInput("a message must not be empty".into()));
    }
    type Row = (i64, i64, String, ConversationKind, Option<String>, String);
    let (account_id, buyer_id, external_ref, kind, subject, settings): Row = tx
        .prepare_cached(
            "SELECT c.account_id, c.buyer_id, c.external_ref, c.kind, c.subject, a.settings
               FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?1",
        )?
        .query_row([input.conversation_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("conversation {}", input.conversation_id) })?;
    let buyer = identity_of(tx, account_id, buyer_id, now)?;
    let sent_at = match (&input.date, &input.time) {
        (None, None) => now,
        (date, time) => {
            let zone = shop_zone(tx)?;
            sent_times(date.as_deref(), &[time.as_deref()], &zone, now)?[0]
        }
    };
    // Unique per account without a random source: the next row id cannot repeat in this store.
    let next_id: i64 = tx
        .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM messages")?
        .query_row([], |row| row.get(0))?;
    let external_id = format!("mostrador-added-{}-{now}-{next_id}", input.conversation_id);
    let outgoing = input.direction == Direction::Outgoing;
    let author = if outgoing {
        serde_json::from_str::<serde_json::Value>(&settings)
            .ok()
            .and_then(|s| s.get("me")?.as_str().map(str::to_owned))
            .unwrap_or_default()
    } else {
        buyer.display_name.clone()
    };
    let message = IngestMessage {
        account_id,
        conversation: ConversationRef { external_ref, kind, subject },
        buyer,
        external_id: external_id.clone(),
        direction: input.direction,
        author,
        text: input.text.trim().to_owned(),
        sent_at,
        status: if outgoing { MessageStatus::Sent } else { MessageStatus::Received },
        attachments: vec![],
    };
    ingest::batch::ingest(tx, &[message], now)?;
    Ok(tx
        .prepare_cached("SELECT id FROM messages WHERE account_id = ?1 AND external_id = ?2")?
        .query_row(params![account_id, external_id], |row| row.get(0))?)
}

/// Buyers whose name, phone or e-mail contains `query` (all of them, newest first, when empty).
pub(crate) fn buyers(tx: &Transaction<'_>, query: &str) -> Result<Vec<BuyerOption>> {
    let pattern = format!("%{}%", query.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut statement = tx.prepare_cached(
        "SELECT b.id, b.display_name,
                (SELECT group_concat(DISTINCT a.channel) FROM buyer_identities i
                   JOIN accounts a ON a.id = i.account_id WHERE i.buyer_id = b.id),
                (SELECT i.phone FROM buyer_identities i WHERE i.buyer_id = b.id AND i.phone IS NOT NULL LIMIT 1)
           FROM buyers b
          WHERE EXISTS (SELECT 1 FROM buyer_identities i WHERE i.buyer_id = b.id)
            AND (b.display_name LIKE ?1 ESCAPE '\\'
                 OR EXISTS (SELECT 1 FROM buyer_identities i WHERE i.buyer_id = b.id
                              AND (i.display_name LIKE ?1 ESCAPE '\\' OR i.phone LIKE ?1 ESCAPE '\\'
                                   OR i.email LIKE ?1 ESCAPE '\\')))
          ORDER BY b.updated_at DESC, b.id DESC
          LIMIT ?2",
    )?;
    let rows = statement.query_map(params![pattern, BUYER_OPTIONS], |row| {
        let channels: Option<String> = row.get(2)?;
        Ok(BuyerOption {
            id: row.get(0)?,
            name: row.get(1)?,
            channels: channels.unwrap_or_default().split(',').filter_map(ChannelKind::parse).collect(),
            phone: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The seller's hand-captured sources so far (accounts of channel `other`).
pub(crate) fn sources(tx: &Transaction<'_>) -> Result<Vec<AccountOption>> {
    let mut statement = tx.prepare_cached(
        "SELECT id, display_name FROM accounts WHERE channel = 'other' AND disabled = 0 ORDER BY display_name",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(AccountOption { id: row.get(0)?, channel: ChannelKind::Other, display_name: row.get(1)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn source_account(tx: &Transaction<'_>, source: &str, now: UnixSeconds) -> Result<i64> {
    let name = source.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("say where the conversation happened".into()));
    }
    let existing: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM accounts WHERE channel = 'other' AND disabled = 0
                AND display_name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
        )?
        .query_row([name], |row| row.get(0))
        .optional()?;
    match existing {
        Some(id) => Ok(id),
        None => crate::accounts::account::add(
            tx,
            &NewAccount {
                channel: ChannelKind::Other,
                display_name: name.to_owned(),
                external_id: None,
                settings: serde_json::json!({}),
            },
            now,
        ),
    }
}

/// The identity `buyer_id` has on `account_id`, created (pointing at that buyer) when they have none
/// there yet, so ingest files the messages under the buyer the seller picked.
fn identity_of(
    tx: &Transaction<'_>,
    account_id: i64,
    buyer_id: i64,
    now: UnixSeconds,
) -> Result<BuyerIdentityInput> {
    if let Some(identity) = crate::buyers::profile::identity_on(tx, account_id, buyer_id)? {
        return Ok(identity);
    }
    let name: String = tx
        .prepare_cached("SELECT display_name FROM buyers WHERE id = ?1")?
        .query_row([buyer_id], |row| row.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: format!("buyer {buyer_id}") })?;
    let external_id = format!("buyer:{buyer_id}");
    tx.prepare_cached(
        "INSERT INTO buyer_identities (buyer_id, origin_buyer_id, account_id, external_id, display_name, created_at, updated_at)
         VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![buyer_id, account_id, external_id, name, now])?;
    crate::ingest::identities::index_buyers(tx, &[buyer_id])?;
    Ok(BuyerIdentityInput { external_id, display_name: name, handle: None, phone: None, email: None })
}

/// A new buyer: keyed by their phone or e-mail when given (the same person next time), else by a
/// key no other buyer has.
fn new_identity(
    tx: &Transaction<'_>,
    name: &str,
    phone: &Option<String>,
    email: &Option<String>,
    now: UnixSeconds,
) -> Result<BuyerIdentityInput> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("a new buyer needs a name".into()));
    }
    let phone = phone.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned);
    let email = email.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(str::to_lowercase);
    let key = match (phone.as_deref().and_then(phone_e164), &email) {
        (Some(e164), _) => e164,
        (None, Some(email)) => email.clone(),
        (None, None) => {
            let next: i64 = tx
                .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM buyer_identities")?
                .query_row([], |row| row.get(0))?;
            format!("captured:{now}:{next}")
        }
    };
    Ok(BuyerIdentityInput { external_id: key, display_name: name.to_owned(), handle: None, phone, email })
}

fn free_ref(tx: &Transaction<'_>, account_id: i64, now: UnixSeconds) -> Result<String> {
    let mut n = 0;
    loop {
        let candidate = format!("captured:{now}:{n}");
        if crate::conversations::status::id_by_ref(tx, account_id, &candidate)?.is_none() {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// The shop's zone (Settings), else the system's: the seller reads times on their own clock.
fn shop_zone(tx: &Transaction<'_>) -> Result<TimeZone> {
    Ok(crate::settings::load(tx)?
        .time_zone
        .and_then(|name| TimeZone::get(&name).ok())
        .unwrap_or_else(|| TimeZone::try_system().unwrap_or(TimeZone::UTC)))
}

/// Wall-clock `HH:MM`s on `date` → instants, strictly increasing so the order the seller sees is kept.
/// A message without a time takes the previous one's (or the next known one's); without any time
/// the messages end at `now` (today) or at noon (another day).
fn sent_times(
    date: Option<&str>,
    times: &[Option<&str>],
    zone: &TimeZone,
    now: UnixSeconds,
) -> Result<Vec<UnixSeconds>> {
    let today =
        zone.to_datetime(jiff::Timestamp::from_second(now).map_err(|e| Error::InvalidInput(e.to_string()))?);
    let date = match date.map(str::trim).filter(|d| !d.is_empty()) {
        Some(text) => {
            text.parse::<Date>().map_err(|_| Error::InvalidInput(format!("{text:?} is not a date")))?
        }
        None => today.date(),
    };
    let parsed: Vec<Option<Time>> = times
        .iter()
        .map(|time| time.map(str::trim).filter(|t| !t.is_empty()).map(parse_time).transpose())
        .collect::<Result<_>>()?;
    let first_known = parsed.iter().flatten().next().copied();
    let fallback = match first_known {
        Some(time) => time,
        None if date == today.date() => today.time(),
        None => Time::constant(12, 0, 0, 0),
    };
    let instant = |date: Date, time: Time| -> Result<i64> {
        Ok(zone
            .to_ambiguous_timestamp(DateTime::from_parts(date, time))
            .compatible()
            .map_err(|e| Error::InvalidInput(e.to_string()))?
            .as_second())
    };
    let count = times.len() as i64;
    let mut day = date;
    let mut last_explicit: Option<i64> = None;
    let mut previous: Option<i64> = None;
    let mut current = fallback;
    let mut out = Vec::with_capacity(times.len());
    for time in &parsed {
        if let Some(time) = time {
            current = *time;
        }
        let mut at = instant(day, current)?;
        if time.is_some() {
            if last_explicit.is_some_and(|last| at < last - PAST_MIDNIGHT_SECONDS) {
                day = day.tomorrow().map_err(|e| Error::InvalidInput(e.to_string()))?;
                at = instant(day, current)?;
            }
            last_explicit = Some(at);
        }
        if first_known.is_none() {
            // No times at all: space them a second apart, ending at the fallback.
            at -= count;
        }
        let at = previous.map_or(at, |p| at.max(p + 1));
        previous = Some(at);
        out.push(at);
    }
    // Nothing was written in the future: later times (a wrong date, a typo) end at `now`, in order.
    let last = out.len() as i64 - 1;
    for (i, at) in out.iter_mut().enumerate() {
        *at = (*at).min(now - (last - i as i64));
    }
    Ok(out)
}

fn parse_time(text: &str) -> Result<Time> {
    let bad = || Error::InvalidInput(format!("{text:?} is not a time (HH:MM)"));
    let (hour, minute) = text.split_once(':').ok_or_else(bad)?;
    let hour: i8 = hour.trim().parse().map_err(|_| bad())?;
    let minute: i8 = minute.trim().parse().map_err(|_| bad())?;
    Time::new(hour, minute, 0, 0).map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_keep_order_cross_midnight_and_fill_gaps() {
        let zone = TimeZone::get("America/Argentina/Cordoba").unwrap();
        let at = |dt: DateTime| zone.to_ambiguous_timestamp(dt).compatible().unwrap().as_second();
        let now = at(DateTime::constant(2026, 11, 27, 15, 0, 0, 0));
        let out =
            sent_times(Some("2026-11-26"), &[None, Some("23:50"), Some("23:50"), Some("00:10")], &zone, now)
                .unwrap();
        let base = at(DateTime::constant(2026, 11, 26, 23, 50, 0, 0));
        assert_eq!(out, vec![base, base + 1, base + 2, base + 20 * 60]);
        let none = sent_times(None, &[None, None], &zone, now).unwrap();
        assert_eq!(none, vec![now - 2, now - 1]);
        let late = sent_times(None, &[Some("14:00"), Some("16:00"), Some("16:05")], &zone, now).unwrap();
        assert_eq!(late, vec![at(DateTime::constant(2026, 11, 27, 14, 0, 0, 0)), now - 1, now]);
        assert!(sent_times(None, &[Some("25:00")], &zone, now).is_err());
        assert!(sent_times(Some("ayer"), &[None], &zone, now).is_err());
    }
}
