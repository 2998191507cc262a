//! Sending the seller's replies, one at a time, in the account's own task (a poll never races a
//! send). A reply whose outcome is unknown after a crash is looked for in the remote thread first.

use std::future::Future;
use std::time::Duration;

use mostrador_core::replies::{Delivered, IN_DOUBT_AFTER_SECS, OutboxItem};

use super::adapter::{ChannelAdapter, FindSent};
use super::context::{Ctx, blocking};
use super::schedule;
use crate::ChannelError;

/// Replies left "sending" by an interrupted run: delivered ones are recorded, missing ones are sent
/// now, and where the channel cannot tell, the seller decides (never sent twice behind their back).
/// A reply claimed less than the core's grace ago is left alone: another sender (the app beside
/// `sync --once`, a task being stopped) may still be waiting on the channel for it. Says whether
/// none is left in doubt (else the caller looks again next round).
pub(crate) async fn resolve_in_doubt(
    adapter: &mut dyn ChannelAdapter,
    ctx: &Ctx<'_>,
    errors: &mut Vec<String>,
) -> Result<bool, ChannelError> {
    let (account_id, now) = (ctx.account_id(), ctx.now());
    let items = blocking(ctx.core, move |core| core.outbox_in_doubt(account_id, now)).await?;
    for item in items {
        let found = match adapter.find_sent(ctx, &item).await {
            Ok(found) => found,
            Err(e) if stops_the_account(&e) => return Err(e),
            // This reply's thread cannot be read (a pack gone, 403): it fails alone, with why,
            // rather than stopping the account's sync every round.
            Err(e) => {
                errors.push(format!("{}: {e}", e.code()));
                record_failure(ctx, &item, &e, None).await?;
                continue;
            }
        };
        match found {
            FindSent::Delivered(delivered) => record_sent(ctx, &item, delivered).await?,
            FindSent::NotSent => {
                let sent = holding_claim(ctx, &item, adapter.send(ctx, &item)).await;
                record(ctx, &item, sent, errors).await?;
            }
            FindSent::Unknowable => {
                let e = ChannelError::DeliveryUnknown;
                errors.push(format!("{}: {e}", e.code()));
                record_failure(ctx, &item, &e, None).await?;
            }
        }
    }
    let busy = blocking(ctx.core, move |core| core.outbox_being_sent(account_id, now)).await?;
    Ok(!busy)
}

/// An error about the account or the connection (not about one reply): the round ends with it.
fn stops_the_account(e: &ChannelError) -> bool {
    e.is_transient() || (e.needs_reconnect() && !matches!(e, ChannelError::NotConfigured(_)))
}

/// Sends every reply that is due. A failure the channel will get over (offline, rate limit, server
/// error, an authorisation to renew) puts the reply back in the queue and ends the drain with that
/// error; a refusal of this one reply (blocked, too long…) fails it for good and goes on.
pub(crate) async fn drain(
    adapter: &mut dyn ChannelAdapter,
    ctx: &Ctx<'_>,
    errors: &mut Vec<String>,
) -> Result<(), ChannelError> {
    let account_id = ctx.account_id();
    loop {
        let now = ctx.now();
        let Some(item) = blocking(ctx.core, move |core| core.outbox_claim(account_id, now)).await? else {
            return Ok(());
        };
        let sent = holding_claim(ctx, &item, send_one(adapter, ctx, &item)).await;
        record(ctx, &item, sent, errors).await?;
    }
}

/// Tries of one reply after which a failure that usually passes (the channel's server failing,
/// a garbled answer, slow down) fails it for good: the seller sees it and decides, instead of the
/// reply waiting unnoticed. No connection at all never counts against a reply.
pub const GIVE_UP_AFTER_ATTEMPTS: u32 = 8;

/// How often (on the sync clock) a send still running moves its claim forward: well inside
/// [`IN_DOUBT_AFTER_SECS`], so another process never takes the reply for lost.
const RENEW_CLAIM_AFTER_SECS: i64 = IN_DOUBT_AFTER_SECS / 3;

/// Runs one send while keeping its claim: a large file or a slow channel can outlast the claim.
async fn holding_claim<T>(ctx: &Ctx<'_>, item: &OutboxItem, send: impl Future<Output = T>) -> T {
    let mut send = std::pin::pin!(send);
    let mut renewed_at = ctx.now();
    loop {
        tokio::select! {
            outcome = &mut send => return outcome,
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
        let now = ctx.now();
        if now - renewed_at >= RENEW_CLAIM_AFTER_SECS {
            let id = item.id;
            // A failed renewal leaves the claim as it was: the worst case is the in-doubt check.
            if blocking(ctx.core, move |core| core.outbox_keep_claim(id, now)).await.is_ok() {
                renewed_at = now;
            }
        }
    }
}

/// A reply tried before may have landed although the answer was lost (a dropped connection or a
/// garbled answer after the channel stored it): it is looked for before it is sent again.
async fn send_one(
    adapter: &mut dyn ChannelAdapter,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
) -> Result<Delivered, ChannelError> {
    if item.attempts > 1 {
        match adapter.find_sent(ctx, item).await? {
            FindSent::Delivered(delivered) => return Ok(delivered),
            FindSent::NotSent => {}
            // No way to look, and the last attempt may have landed: the seller decides.
            FindSent::Unknowable if !surely_not_delivered(item) => return Err(ChannelError::DeliveryUnknown),
            FindSent::Unknowable => {}
        }
    }
    adapter.send(ctx, item).await
}

/// The last attempt failed before the channel could take the reply (no connection, slow down, no
/// authorisation), or the seller asked to send it again (a retry clears the error).
fn surely_not_delivered(item: &OutboxItem) -> bool {
    item.error_code.as_deref().is_none_or(|code| {
        matches!(
            code,
            "rate_limited"
                | "offline"
                | "token_revoked"
                | "permission_missing"
                | "secret_missing"
                | "secret_store"
                | "not_configured"
        )
    })
}

/// Stores a send's outcome; a failure the channel will get over ends the caller's loop with it.
async fn record(
    ctx: &Ctx<'_>,
    item: &OutboxItem,
    sent: Result<Delivered, ChannelError>,
    errors: &mut Vec<String>,
) -> Result<(), ChannelError> {
    match sent {
        Ok(delivered) => record_sent(ctx, item, delivered).await,
        Err(e) if gives_up(item, &e) => {
            let gave_up =
                ChannelError::GaveUp { attempts: item.attempts, last: format!("{}: {e}", e.code()) };
            errors.push(format!("{}: {gave_up}", gave_up.code()));
            record_failure(ctx, item, &gave_up, None).await?;
            Err(e)
        }
        Err(e) if e.is_transient() || e.needs_reconnect() => {
            let retry_after = match &e {
                ChannelError::RateLimited { retry_after } => *retry_after,
                _ => None,
            };
            let retry_at = ctx.now() + schedule::backoff(item.attempts.max(1), retry_after).as_secs() as i64;
            record_failure(ctx, item, &e, Some(retry_at)).await?;
            Err(e)
        }
        Err(e) => {
            errors.push(format!("{}: {e}", e.code()));
            record_failure(ctx, item, &e, None).await
        }
    }
}

/// The reply has had its tries and the channel is still failing it.
fn gives_up(item: &OutboxItem, e: &ChannelError) -> bool {
    let about_the_reply = matches!(
        e,
        ChannelError::ServerError { .. }
            | ChannelError::MalformedResponse(_)
            | ChannelError::RateLimited { .. }
    );
    about_the_reply && item.attempts >= GIVE_UP_AFTER_ATTEMPTS
}

async fn record_sent(ctx: &Ctx<'_>, item: &OutboxItem, delivered: Delivered) -> Result<(), ChannelError> {
    let (id, now) = (item.id, ctx.now());
    blocking(ctx.core, move |core| core.outbox_sent(id, &delivered, now)).await?;
    ctx.count_sent();
    Ok(())
}

async fn record_failure(
    ctx: &Ctx<'_>,
    item: &OutboxItem,
    e: &ChannelError,
    retry_at: Option<i64>,
) -> Result<(), ChannelError> {
    let (id, code, detail, now) = (item.id, e.code(), e.to_string(), ctx.now());
    blocking(ctx.core, move |core| core.outbox_failed(id, code, &detail, retry_at, now)).await
}
