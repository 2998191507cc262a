//! Post-sale messages: one conversation per pack ("pack:<id>", never keyed on user ids, so a
//! messaging agent between buyer and seller changes nothing), read with `mark_as_read=false`,
//! blocked status and moderation results kept; replies posted to the pack.

use std::collections::HashSet;

use mostrador_core::accounts::{ConversationUpdate, CursorUpdate, SyncBatch};
use mostrador_core::ingest::{BuyerIdentityInput, ConversationRef, IngestMessage};
use mostrador_core::replies::{Delivered, OutboxItem};
use mostrador_core::vocabulary::{ConversationKind, Direction, MessageStatus};
use serde_json::{Value, json};

use super::{MercadoLibre, PackInfo, facts};
use crate::sync::adapter::FindSent;
use crate::sync::context::{Ctx, blocking};
use crate::{ChannelError, lenient};

pub(crate) fn conversation_ref(pack_id: &str) -> String {
    format!("pack:{pack_id}")
}

/// A pack's messages (oldest first) and its conversation status.
pub(super) struct Pack {
    pub(super) messages: Vec<Value>,
    pub(super) status: Value,
}

/// Packs stored per transaction when many are unread (the first sync of a busy shop).
const PACKS_PER_COMMIT: usize = 25;
/// The stream whose cursor is when the packs of recent orders were last re-read (unix seconds).
const RESCAN_STREAM: &str = "packs_rescan";
/// Re-read the packs of recent orders at most this often…
const RESCAN_EVERY_SECS: i64 = 30 * 60;
/// …for orders updated this far back.
const RESCAN_ORDERS_SECS: i64 = 7 * 24 * 3600;
/// Order pages read per rescan (the rate limit is shared with the rest of the sync).
const RESCAN_MAX_ORDER_PAGES: u32 = 10;
/// Message pages read per pack: paging that never ends is not followed for ever.
const MAX_PACK_PAGES: u32 = 200;

pub(super) async fn poll(ml: &mut MercadoLibre, ctx: &Ctx<'_>) -> Result<(), ChannelError> {
    let query = [("role", "seller".to_owned()), ("tag", "post_sale".to_owned())];
    let unread = ml.get(ctx, "messages/unread", &query).await?;
    let results = lenient::list(&unread, "results");
    // A pack read elsewhere (the ML website) leaves the list; when the buyer writes again its count
    // starts over, and must not match the count remembered from before.
    let listed: HashSet<String> = results.iter().filter_map(pack_of).collect();
    ml.unread_seen.retain(|pack_id, _| listed.contains(pack_id));
    let mut due = Vec::new();
    for result in results {
        let Some(pack_id) = pack_of(result) else { continue };
        let count = lenient::int(result, "count").unwrap_or(-1);
        // Nothing is marked read, so a pack stays unread: fetch it again only when its count moves.
        if ml.unread_seen.get(&pack_id) != Some(&count) {
            due.push((pack_id, Some(count)));
        }
    }
    let fetched: HashSet<String> = due.iter().map(|(pack_id, _)| pack_id.clone()).collect();
    store_packs(ml, ctx, due).await?;
    rescan(ml, ctx, &fetched).await
}

/// Fetches and stores packs, a few per transaction; `count` is the unread count to remember. A pack
/// the seller can no longer read (403, 404) is skipped rather than blocking every other one.
async fn store_packs(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    packs: Vec<(String, Option<i64>)>,
) -> Result<(), ChannelError> {
    let mut pending = SyncBatch::default();
    let mut pending_counts = Vec::new();
    for (pack_id, count) in packs {
        let batch = match fetch(ml, ctx, &pack_id).await {
            Ok(pack) => batch_for(ml, ctx, &pack_id, &pack).await,
            Err(e) => Err(e),
        };
        match batch {
            Ok(batch) => {
                pending.messages.extend(batch.messages);
                pending.conversations.extend(batch.conversations);
            }
            Err(ChannelError::Rejected { status: 403 | 404, .. }) => {}
            Err(e) => return Err(e),
        }
        if let Some(count) = count {
            pending_counts.push((pack_id, count));
        }
        if pending_counts.len() >= PACKS_PER_COMMIT || pending.conversations.len() >= PACKS_PER_COMMIT {
            ctx.commit(std::mem::take(&mut pending)).await?;
            ml.unread_seen.extend(pending_counts.drain(..));
        }
    }
    ctx.commit(pending).await?;
    ml.unread_seen.extend(pending_counts);
    Ok(())
}

/// Every 30 minutes, the packs of orders updated in the last 7 days are read again (without marking
/// anything read): a buyer message the seller read on the website never shows as unread here.
/// When it last ran is a cursor, so a restart does not re-read everything at once.
async fn rescan(ml: &mut MercadoLibre, ctx: &Ctx<'_>, fetched: &HashSet<String>) -> Result<(), ChannelError> {
    let now = ctx.now();
    let last: Option<i64> = ctx.cursor(RESCAN_STREAM).await?.and_then(|c| c.trim().parse().ok());
    // A time ahead of the clock (a clock set back) does not hold the rescan off.
    if last.is_some_and(|at| at <= now && now - at < RESCAN_EVERY_SECS) {
        return Ok(());
    }
    let mut packs: Vec<String> = Vec::new();
    let mut offset = 0u32;
    for _ in 0..RESCAN_MAX_ORDER_PAGES {
        let query = [
            ("seller", ml.seller_id.clone()),
            ("sort", "date_desc".to_owned()),
            ("order.date_last_updated.from", lenient::ml_date(now - RESCAN_ORDERS_SECS)),
            ("limit", facts::ORDERS_PAGE.to_string()),
            ("offset", offset.to_string()),
        ];
        let page = match ml.get(ctx, "orders/search", &query).await {
            Ok(page) => page,
            Err(ChannelError::Rejected { status: 400, .. }) if offset > 0 => break,
            Err(e) => return Err(e),
        };
        let results = lenient::list(&page, "results");
        for order in results {
            let Some(id) = lenient::id(order, "id") else { continue };
            let pack_id = lenient::id(order, "pack_id").unwrap_or(id);
            // The order names the pack's buyer: no GET of the pack or the order for that.
            ml.packs.entry(pack_id.clone()).or_insert_with(|| super::orders::pack_info(order));
            if !fetched.contains(&pack_id) && !packs.contains(&pack_id) {
                packs.push(pack_id);
            }
        }
        offset += results.len() as u32;
        let total = lenient::int(&page, "paging/total").unwrap_or(0);
        if results.is_empty() || i64::from(offset) >= total {
            break;
        }
    }
    store_packs(ml, ctx, packs.into_iter().map(|pack_id| (pack_id, None)).collect()).await?;
    let cursors = vec![CursorUpdate { stream: RESCAN_STREAM.into(), cursor: now.to_string() }];
    ctx.commit(SyncBatch { cursors, ..SyncBatch::default() }).await?;
    Ok(())
}

/// "/packs/<pack>/sellers/<seller>" (or a `pack_id` field).
fn pack_of(result: &Value) -> Option<String> {
    if let Some(id) = lenient::id(result, "pack_id") {
        return Some(id);
    }
    let resource = lenient::text(result, "resource")?;
    let mut parts = resource.split('/').filter(|p| !p.is_empty());
    parts.find(|p| *p == "packs")?;
    parts.next().map(str::to_owned)
}

/// Every message of a pack, without marking anything read.
pub(super) async fn fetch(ml: &mut MercadoLibre, ctx: &Ctx<'_>, pack_id: &str) -> Result<Pack, ChannelError> {
    let path = format!("messages/packs/{pack_id}/sellers/{}", ml.seller_id);
    let mut messages = Vec::new();
    let mut status = Value::Null;
    let mut offset = 0u32;
    for _ in 0..MAX_PACK_PAGES {
        let query = [
            ("tag", "post_sale".to_owned()),
            // Without it, reading marks the buyer's messages read on Mercado Libre.
            ("mark_as_read", "false".to_owned()),
            ("limit", facts::PACK_MESSAGES_PAGE.to_string()),
            ("offset", offset.to_string()),
        ];
        let page = ml.get(ctx, &path, &query).await?;
        if status.is_null() {
            status = lenient::at(&page, "conversation_status").cloned().unwrap_or(Value::Null);
        }
        let page_messages = lenient::list(&page, "messages");
        messages.extend(page_messages.iter().cloned());
        offset += page_messages.len() as u32;
        let total = lenient::int(&page, "paging/total").unwrap_or(0);
        if page_messages.is_empty() || i64::from(offset) >= total {
            break;
        }
    }
    // Pages come newest first: oldest first for the store, ties kept in the channel's order.
    messages.reverse();
    messages.sort_by_key(|m| sent_at(m).unwrap_or(0));
    Ok(Pack { messages, status })
}

pub(super) fn sent_at(message: &Value) -> Option<i64> {
    lenient::time(message, "message_date/created")
        .or_else(|| lenient::time(message, "message_date/received"))
        .or_else(|| lenient::time(message, "message_date/available"))
        .or_else(|| lenient::time(message, "date_created"))
        .or_else(|| lenient::time(message, "date"))
}

fn message_text(message: &Value) -> String {
    lenient::text(message, "text")
        .or_else(|| lenient::text(message, "text/plain"))
        .unwrap_or_default()
        .to_owned()
}

/// A seller message's delivery as ML reports it: available, moderated or rejected (with why).
pub(super) fn delivery_status(message: &Value) -> (MessageStatus, Option<String>) {
    let status = lenient::text(message, "status").unwrap_or_default().to_ascii_lowercase();
    let moderation =
        lenient::text(message, "message_moderation/status").unwrap_or_default().to_ascii_lowercase();
    let reason = lenient::text(message, "message_moderation/reason")
        .or_else(|| lenient::text(message, "message_moderation/source"))
        .unwrap_or_default();
    match (status.as_str(), moderation.as_str()) {
        ("rejected", _) | (_, "rejected") => {
            (MessageStatus::Rejected, Some(facts::moderation_reason(reason)))
        }
        ("moderated", _) | (_, "moderated") => {
            (MessageStatus::Moderated, Some(facts::moderation_reason(reason)))
        }
        _ => (MessageStatus::Sent, None),
    }
}

pub(super) fn blocked_reason(status: &Value) -> Option<String> {
    (lenient::text(status, "status") == Some("blocked"))
        .then(|| facts::blocked_reason(lenient::text(status, "substatus")))
}

/// The buyer and product of a pack, from its order (a pack without one is an order id itself).
async fn pack_info(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    pack_id: &str,
    pack: &Pack,
) -> Result<PackInfo, ChannelError> {
    if let Some(info) = ml.packs.get(pack_id) {
        return Ok(info.clone());
    }
    let order_id = match ml.get(ctx, &format!("packs/{pack_id}"), &[]).await {
        Ok(found) => lenient::list(&found, "orders").iter().find_map(|o| lenient::id(o, "id")),
        Err(ChannelError::Rejected { status: 404, .. }) => Some(pack_id.to_owned()),
        Err(e) => return Err(e),
    };
    let order = match order_id {
        Some(order_id) => match ml.get(ctx, &format!("orders/{order_id}"), &[]).await {
            Ok(order) => Some(order),
            Err(ChannelError::Rejected { status: 403 | 404, .. }) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let info = match order {
        Some(order) => super::orders::pack_info(&order),
        None => {
            // No order to read: the other party of the thread stands in for the buyer.
            let other = pack
                .messages
                .iter()
                .find_map(|m| lenient::id(m, "from/user_id").filter(|id| *id != ml.seller_id))
                .unwrap_or_else(|| format!("pack:{pack_id}"));
            PackInfo {
                buyer: BuyerIdentityInput {
                    external_id: other.clone(),
                    display_name: other,
                    handle: None,
                    phone: None,
                    email: None,
                },
                subject: None,
                listing: None,
            }
        }
    };
    ml.packs.insert(pack_id.to_owned(), info.clone());
    Ok(info)
}

async fn batch_for(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    pack_id: &str,
    pack: &Pack,
) -> Result<SyncBatch, ChannelError> {
    let info = pack_info(ml, ctx, pack_id, pack).await?;
    let reference = conversation_ref(pack_id);
    let conversation = ConversationRef {
        external_ref: reference.clone(),
        kind: ConversationKind::PostSale,
        subject: info.subject.clone(),
    };
    let now = ctx.now();
    let mut batch = SyncBatch::default();
    for message in &pack.messages {
        let Some(id) = lenient::id(message, "id") else { continue };
        let outgoing = lenient::id(message, "from/user_id").as_deref() == Some(ml.seller_id.as_str());
        let (status, author) = if outgoing {
            (delivery_status(message).0, ml.seller_name.clone())
        } else {
            (MessageStatus::Received, info.buyer.display_name.clone())
        };
        batch.messages.push(IngestMessage {
            account_id: ctx.account_id(),
            conversation: conversation.clone(),
            buyer: info.buyer.clone(),
            external_id: id,
            direction: if outgoing { Direction::Outgoing } else { Direction::Incoming },
            author,
            text: message_text(message),
            sent_at: sent_at(message).unwrap_or(now),
            status,
            attachments: Vec::new(),
        });
    }
    batch.conversations.push(ConversationUpdate {
        external_ref: reference,
        kind: ConversationKind::PostSale,
        subject: info.subject,
        blocked_reason: blocked_reason(&pack.status),
        reply_until: None,
        listing_ref: info.listing,
        private_reply_until: None,
        older_history_unavailable: false,
    });
    Ok(batch)
}

pub(super) fn pack_id(item: &OutboxItem) -> Result<&str, ChannelError> {
    let id = item.conversation_ref.strip_prefix("pack:").unwrap_or(&item.conversation_ref);
    if id.is_empty() || id.contains(':') {
        return Err(ChannelError::NotConfigured(format!("{} is not a pack", item.conversation_ref)));
    }
    Ok(id)
}

/// Posts a reply to the pack, addressed to the other party of the thread (the buyer, or the
/// messaging agent that speaks for them). A blocked conversation is not posted to.
pub(super) async fn send(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
) -> Result<Delivered, ChannelError> {
    let pack_id = pack_id(item)?;
    if item.text.chars().count() > facts::POST_SALE_MAX_CHARS {
        return Err(ChannelError::TooLong { limit: facts::POST_SALE_MAX_CHARS as u32 });
    }
    let pack = fetch(ml, ctx, pack_id).await?;
    if let Some(reason) = blocked_reason(&pack.status) {
        // Store the block so the composer stops offering to send.
        let batch = batch_for(ml, ctx, pack_id, &pack).await?;
        ctx.commit(batch).await?;
        return Err(ChannelError::BlockedConversation(reason));
    }
    let seller = ml.seller_id.clone();
    let to = pack
        .messages
        .iter()
        .rev()
        .find_map(|m| lenient::id(m, "from/user_id").filter(|id| *id != seller))
        .or_else(|| {
            pack.messages.iter().rev().find_map(|m| lenient::id(m, "to/user_id").filter(|id| *id != seller))
        })
        .unwrap_or_else(|| item.buyer_external_id.clone());
    let body = json!({
        "from": { "user_id": super::user_id_json(&seller) },
        "to": { "user_id": super::user_id_json(&to) },
        "text": item.text,
    });
    let path = format!("messages/packs/{pack_id}/sellers/{seller}");
    let response = match ml.post(ctx, &path, &[("tag", "post_sale".to_owned())], &body).await {
        Ok(response) => response,
        Err(ChannelError::Rejected { status: 403, detail })
            if detail.to_ascii_lowercase().contains("block") =>
        {
            let reason = serde_json::from_str::<Value>(&detail)
                .ok()
                .and_then(|v| {
                    lenient::text(&v, "substatus")
                        .or_else(|| {
                            lenient::list(&v, "cause")
                                .iter()
                                .find_map(|c| c.as_str().or_else(|| lenient::text(c, "code")))
                        })
                        .map(|s| facts::blocked_reason(Some(s)))
                })
                .unwrap_or_else(|| "blocked".to_owned());
            return Err(ChannelError::BlockedConversation(reason));
        }
        Err(e) => return Err(e),
    };
    delivered(&response, ctx.now())
}

/// What a send answered: the message itself, or wrapped (`{"message": {…}}` /
/// `{"messages": [{…}]}`).
pub(super) fn delivered(response: &Value, now: i64) -> Result<Delivered, ChannelError> {
    let message = if lenient::id(response, "id").is_some() {
        response.clone()
    } else {
        lenient::at(response, "message")
            .cloned()
            .or_else(|| lenient::list(response, "messages").first().cloned())
            .unwrap_or(Value::Null)
    };
    let external_id = lenient::id(&message, "id")
        .ok_or_else(|| ChannelError::MalformedResponse("the sent message has no id".into()))?;
    let (status, moderation_reason) = delivery_status(&message);
    Ok(Delivered { external_id, sent_at: sent_at(&message).unwrap_or(now), status, moderation_reason })
}

/// The reply is in the pack when the seller has a message with the same text written after it was
/// queued.
pub(super) async fn find_sent(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
) -> Result<FindSent, ChannelError> {
    let pack_id = pack_id(item)?;
    let pack = fetch(ml, ctx, pack_id).await?;
    let candidates = pack.messages.iter().rev().filter_map(|m| {
        let matches = lenient::id(m, "from/user_id").as_deref() == Some(ml.seller_id.as_str())
            && message_text(m).trim() == item.text.trim()
            && sent_at(m).is_none_or(|at| at >= item.created_at - facts::FIND_SENT_SKEW_SECS);
        matches.then(|| lenient::id(m, "id").map(|id| (m, id))).flatten()
    });
    let mut found = None;
    for (message, external_id) in candidates {
        // The same short text sent twice ("¡Gracias!"): a message another reply already went out
        // as is not this one.
        let (account_id, outbox_id, id) = (ctx.account_id(), item.id, external_id.clone());
        let taken =
            blocking(ctx.core, move |core| core.outbox_message_taken(account_id, &id, outbox_id)).await?;
        if !taken {
            found = Some((message, external_id));
            break;
        }
    }
    Ok(match found {
        Some((message, external_id)) => {
            let (status, moderation_reason) = delivery_status(message);
            FindSent::Delivered(Delivered {
                external_id,
                sent_at: sent_at(message).unwrap_or_else(|| ctx.now()),
                status,
                moderation_reason,
            })
        }
        None => FindSent::NotSent,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn unread_resources_name_their_pack() {
        assert_eq!(
            pack_of(&json!({"resource": "/packs/2000001/sellers/77", "count": 2})).as_deref(),
            Some("2000001")
        );
        assert_eq!(pack_of(&json!({"pack_id": 5})).as_deref(), Some("5"));
        assert_eq!(pack_of(&json!({"resource": "/orders/1"})), None);
    }

    #[test]
    fn moderation_and_blocks_as_ml_reports_them() {
        let moderated = json!({"status": "moderated", "message_moderation": {"status": "moderated", "reason": "phone_number"}});
        assert_eq!(delivery_status(&moderated), (MessageStatus::Moderated, Some("phone".into())));
        let rejected = json!({"status": "rejected", "message_moderation": {"reason": "payment_link"}});
        assert_eq!(delivery_status(&rejected), (MessageStatus::Rejected, Some("payment_link".into())));
        let clean = json!({"status": "available", "message_moderation": {"status": "clean"}});
        assert_eq!(delivery_status(&clean), (MessageStatus::Sent, None));
        assert_eq!(
            blocked_reason(&json!({"status": "blocked", "substatus": "blocked_by_time"})).as_deref(),
            Some("blocked_by_time")
        );
        assert_eq!(blocked_reason(&json!({"status": "active", "substatus": null})), None);
    }

    #[test]
    fn messages_read_oldest_first_with_lenient_dates() {
        let message = json!({"message_date": {"created": "2026-11-20T10:15:30.000-04:00"}, "text": "hola"});
        assert_eq!(sent_at(&message), Some(1_795_184_130));
        assert_eq!(message_text(&json!({"text": {"plain": "viejo formato"}})), "viejo formato");
    }
}
