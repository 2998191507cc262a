//! Pre-sale questions: one conversation per question (subject: the listing's title), the seller's
//! answer as an outgoing message, banned or deleted ones shown as removed; answering.

use std::collections::{HashMap, HashSet};

use mostrador_core::accounts::{ConversationUpdate, CursorUpdate, SyncBatch};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::replies::{Delivered, OutboxItem};
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus};
use serde_json::{Value, json};

use super::buyer_names::{self, AskerName};
use super::{MercadoLibre, facts};
use crate::sync::adapter::FindSent;
use crate::sync::context::Ctx;
use crate::{ChannelError, lenient};

/// The stream whose cursor is the newest question's `date_created` (unix seconds).
const STREAM: &str = "questions";
/// Re-read two days back at most this often.
const RESCAN_EVERY_SECS: i64 = 30 * 60;
/// Pages one scan reads at most, whatever paging the API reports (a scroll id that keeps changing).
const MAX_PAGES: u32 = 1000;

pub(crate) fn conversation_ref(question_id: &str) -> String {
    format!("question:{question_id}")
}

fn answer_id(question_id: &str) -> String {
    format!("question:{question_id}:answer")
}

pub(super) async fn poll(ml: &mut MercadoLibre, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    rename_pending(ml, ctx).await?;
    let newest_stored: Option<i64> = ctx.cursor(STREAM).await?.and_then(|c| c.trim().parse().ok());
    let now = ctx.now();
    let rescan = ml.last_rescan_at.is_none_or(|at| now - at >= RESCAN_EVERY_SECS);
    // Newest first down to the high-water mark (or two days before it, now and then).
    let stop_before =
        newest_stored.map(|mark| if rescan { mark - facts::QUESTIONS_RESCAN_SECS } else { mark });
    let mut newest = newest_stored;
    let mut seen = HashSet::new();
    let complete = scan(ml, ctx, None, stop_before, &mut seen, &mut newest).await?;
    if newest_stored.is_none() && !complete {
        // Where scanning is not offered the first read stops at 1000: read every waiting question too.
        scan(ml, ctx, Some("UNANSWERED"), None, &mut seen, &mut newest).await?;
    }
    if rescan {
        ml.last_rescan_at = Some(now);
    }
    if let Some(newest) = newest.filter(|n| Some(*n) != newest_stored) {
        let cursors = vec![CursorUpdate { stream: STREAM.into(), cursor: newest.to_string() }];
        ctx.commit(SyncBatch { cursors, ..SyncBatch::default() }).await?;
    }
    Ok(())
}

/// Stores again the questions whose asker had a stand-in name and now has a nickname.
async fn rename_pending(ml: &mut MercadoLibre, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    if ml.buyer_names.pending.is_empty() {
        return Ok(());
    }
    let questions: Vec<Value> = ml.buyer_names.pending.values().cloned().collect();
    let askers = questions.iter().filter_map(|q| lenient::id(q, "from/id")).collect();
    let names = buyer_names::resolve(ml, ctx, askers).await?;
    let mut batch = SyncBatch::default();
    for question in questions.iter().filter(|q| {
        lenient::id(q, "from/id").and_then(|id| names.get(&id)).is_some_and(|n| *n != AskerName::Unknown)
    }) {
        add_question(ml, ctx, question, &names, &mut batch).await?;
    }
    ctx.commit(batch).await?;
    Ok(())
}

/// Reads questions newest first with `search_type=scan` (plain offsets stop at 1000), down to
/// `stop_before`; falls back to offset paging where scanning is not offered. Says whether it could
/// read everything it was asked for (scanning was offered).
async fn scan(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    status: Option<&str>,
    stop_before: Option<i64>,
    seen: &mut HashSet<String>,
    newest: &mut Option<i64>,
) -> Result<bool, ChannelError> {
    let mut scroll: Option<String> = None;
    let mut scanning = true;
    let mut offset = 0u32;
    for _ in 0..MAX_PAGES {
        let mut query = vec![
            ("seller_id", ml.seller_id.clone()),
            ("api_version", "4".to_owned()),
            ("sort_fields", "date_created".to_owned()),
            ("sort_types", "DESC".to_owned()),
            ("limit", facts::QUESTIONS_PAGE.to_string()),
        ];
        if scanning {
            query.push(("search_type", "scan".to_owned()));
            if let Some(scroll) = &scroll {
                query.push(("scroll_id", scroll.clone()));
            }
        } else {
            query.push(("offset", offset.to_string()));
        }
        if let Some(status) = status {
            query.push(("status", status.to_owned()));
        }
        let page = match ml.get(ctx, "questions/search", &query).await {
            Ok(page) => page,
            Err(ChannelError::Rejected { status: 400, .. }) if scanning && scroll.is_none() => {
                scanning = false;
                continue;
            }
            // Past the offsets a plain search allows.
            Err(ChannelError::Rejected { status: 400, .. }) if offset > 0 => break,
            Err(e) => return Err(e),
        };
        let questions = lenient::list(&page, "questions");
        if questions.is_empty() {
            break;
        }
        // The feed gives only the asker's id: names for those without a nickname, looked up once.
        let nameless: Vec<String> = questions
            .iter()
            .filter(|q| lenient::non_empty(q, "from/nickname").is_none())
            .filter_map(|q| lenient::id(q, "from/id"))
            .collect();
        let names = buyer_names::resolve(ml, ctx, nameless).await?;
        let mut reached_mark = false;
        let mut batch = SyncBatch::default();
        for question in questions {
            let date = lenient::time(question, "date_created");
            if let (Some(stop), Some(date)) = (stop_before, date)
                && date < stop
            {
                reached_mark = true;
                break;
            }
            let Some(id) = lenient::id(question, "id") else { continue };
            if !seen.insert(id) {
                continue;
            }
            if let Some(date) = date {
                *newest = Some(newest.map_or(date, |n| n.max(date)));
            }
            add_question(ml, ctx, question, &names, &mut batch).await?;
        }
        ctx.commit(batch).await?;
        offset += questions.len() as u32;
        if reached_mark {
            break;
        }
        if scanning {
            match lenient::id(&page, "scroll_id") {
                Some(next) if scroll.as_deref() != Some(next.as_str()) => scroll = Some(next),
                _ => break,
            }
        } else {
            let total = lenient::int(&page, "total").unwrap_or(i64::MAX);
            if i64::from(offset) >= total || offset >= facts::QUESTIONS_MAX_OFFSET {
                break;
            }
        }
    }
    Ok(scanning)
}

/// A question (and its answer) as messages and the conversation's facts.
async fn add_question(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    question: &Value,
    names: &HashMap<String, AskerName>,
    batch: &mut SyncBatch,
) -> Result<(), ChannelError> {
    let Some(id) = lenient::id(question, "id") else { return Ok(()) };
    let item_id = lenient::id(question, "item_id");
    let title = match &item_id {
        Some(item) => ml.item_title(ctx, item).await?,
        None => None,
    };
    let status = lenient::text(question, "status").unwrap_or_default().to_ascii_uppercase();
    let reference = conversation_ref(&id);
    let buyer_id = lenient::id(question, "from/id").unwrap_or_else(|| "unknown".to_owned());
    let (display_name, handle, buyer_name) = match lenient::non_empty(question, "from/nickname") {
        Some(nickname) => AskerName::Nickname(nickname.to_owned()).identity(&buyer_id),
        None => names.get(&buyer_id).unwrap_or(&AskerName::Unknown).identity(&buyer_id),
    };
    if display_name == buyer_names::fallback_name(&buyer_id) {
        ml.buyer_names.pending.insert(id.clone(), question.clone());
    } else {
        ml.buyer_names.pending.remove(&id);
    }
    let buyer = BuyerIdentityInput { external_id: buyer_id, display_name, handle, phone: None, email: None };
    let conversation = ConversationRef {
        external_ref: reference.clone(),
        kind: ConversationKind::PreSaleQuestion,
        subject: title.clone(),
    };
    let text = lenient::text(question, "text").unwrap_or_default().to_owned();
    let removed = matches!(status.as_str(), "BANNED" | "DELETED") || text.trim().is_empty();
    let deleted = status == "DELETED" || lenient::boolean(question, "deleted_from_listing") == Some(true);
    let now = ctx.now();
    let asked_at = lenient::time(question, "date_created").unwrap_or(now);
    // A question removed before it was ever stored has nothing to show.
    if !(deleted && text.trim().is_empty()) {
        batch.messages.push(IngestMessage {
            account_id: ctx.account_id(),
            conversation: conversation.clone(),
            buyer: buyer.clone(),
            external_id: reference.clone(),
            direction: Direction::Incoming,
            author: buyer_name,
            text,
            sent_at: asked_at,
            status: if removed { MessageStatus::Moderated } else { MessageStatus::Received },
            attachments: Vec::new(),
        });
    }
    if deleted {
        batch.deleted_messages.push(reference.clone());
    }
    let answer = lenient::at(question, "answer").filter(|a| a.is_object());
    if let Some(answer) = answer {
        let answer_text = lenient::text(answer, "text").unwrap_or_default().to_owned();
        let answer_status = lenient::text(answer, "status").unwrap_or_default().to_ascii_uppercase();
        let moderated =
            answer_text.trim().is_empty() || matches!(answer_status.as_str(), "BANNED" | "DISABLED");
        batch.messages.push(IngestMessage {
            account_id: ctx.account_id(),
            conversation,
            buyer,
            external_id: answer_id(&id),
            direction: Direction::Outgoing,
            author: ml.seller_name.clone(),
            text: answer_text,
            sent_at: lenient::time(answer, "date_created").unwrap_or(asked_at),
            status: if moderated { MessageStatus::Moderated } else { MessageStatus::Sent },
            attachments: Vec::new(),
        });
    }
    batch.conversations.push(ConversationUpdate {
        external_ref: reference,
        kind: ConversationKind::PreSaleQuestion,
        subject: title,
        blocked_reason: facts::question_closed_reason(&status, answer.is_some()).map(str::to_owned),
        reply_until: None,
        listing_ref: item_id,
        private_reply_until: None,
        older_history_unavailable: false,
    });
    Ok(())
}

fn question_id(item: &OutboxItem) -> Result<&str, ChannelError> {
    let id = item.conversation_ref.strip_prefix("question:").unwrap_or(&item.conversation_ref);
    if id.is_empty() || id.contains(':') {
        return Err(ChannelError::NotConfigured(format!("{} is not a question", item.conversation_ref)));
    }
    Ok(id)
}

/// `POST /answers`: public and permanent (the composer confirmed it). Answering twice is refused by
/// the API; a refusal is checked against the question, so a first answer that did land counts.
pub(super) async fn answer(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
) -> Result<Delivered, ChannelError> {
    let id = question_id(item)?;
    if item.text.chars().count() > facts::ANSWER_MAX_CHARS {
        return Err(ChannelError::TooLong { limit: facts::ANSWER_MAX_CHARS as u32 });
    }
    let body = json!({ "question_id": super::user_id_json(id), "text": item.text });
    match ml.post(ctx, "answers", &[], &body).await {
        Ok(response) => Ok(Delivered {
            external_id: answer_id(id),
            sent_at: lenient::time(&response, "answer/date_created").unwrap_or_else(|| ctx.now()),
            status: MessageStatus::Sent,
            moderation_reason: None,
        }),
        Err(ChannelError::Rejected { status: 400, detail }) => match find_answer(ml, ctx, item).await? {
            FindSent::Delivered(delivered) => Ok(delivered),
            _ if detail.to_ascii_lowercase().contains("answer") => Err(ChannelError::AlreadyAnswered),
            _ => Err(ChannelError::Rejected { status: 400, detail }),
        },
        Err(e) => Err(e),
    }
}

/// The reply is the question's answer when the answer has the same text.
pub(super) async fn find_answer(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
) -> Result<FindSent, ChannelError> {
    let id = question_id(item)?;
    let Some(question) = question_by_id(ml, ctx, id).await? else { return Ok(FindSent::NotSent) };
    let Some(answer) = lenient::at(&question, "answer").filter(|a| a.is_object()) else {
        return Ok(FindSent::NotSent);
    };
    if lenient::text(answer, "text").map(str::trim) == Some(item.text.trim()) {
        return Ok(FindSent::Delivered(Delivered {
            external_id: answer_id(id),
            sent_at: lenient::time(answer, "date_created").unwrap_or_else(|| ctx.now()),
            status: MessageStatus::Sent,
            moderation_reason: None,
        }));
    }
    // Another answer is there already: sending would be refused; the send reports it.
    Ok(FindSent::NotSent)
}

/// `GET /questions/<id>`; where that is not available, the question is looked up in the search.
async fn question_by_id(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    id: &str,
) -> Result<Option<Value>, ChannelError> {
    match ml.get(ctx, &format!("questions/{id}"), &[("api_version", "4".to_owned())]).await {
        Ok(question) if lenient::id(&question, "id").as_deref() == Some(id) => return Ok(Some(question)),
        Ok(_) | Err(ChannelError::Rejected { status: 404 | 405, .. }) => {}
        Err(e) => return Err(e),
    }
    let mut offset = 0u32;
    while offset < facts::QUESTIONS_MAX_OFFSET {
        let query = [
            ("seller_id", ml.seller_id.clone()),
            ("api_version", "4".to_owned()),
            ("sort_fields", "date_created".to_owned()),
            ("sort_types", "DESC".to_owned()),
            ("limit", facts::QUESTIONS_PAGE.to_string()),
            ("offset", offset.to_string()),
        ];
        let page = ml.get(ctx, "questions/search", &query).await?;
        let questions = lenient::list(&page, "questions");
        if let Some(found) = questions.iter().find(|q| lenient::id(q, "id").as_deref() == Some(id)) {
            return Ok(Some(found.clone()));
        }
        if questions.is_empty() {
            break;
        }
        offset += questions.len() as u32;
    }
    Ok(None)
}
