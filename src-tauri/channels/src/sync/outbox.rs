//! Sending the seller's replies, one at a time, in the account's own task (a poll never races a
//! send). A reply whose outcome is unknown after a crash is looked for in the remote thread first.

use mostrador_core::model::{Delivered, OutboxItem};

use super::adapter::{ChannelAdapter, FindSent};
use super::context::{Ctx, blocking};
use super::schedule;
use crate::ChannelError;

/// Replies left "sending" by an interrupted run: delivered ones are recorded, missing ones are sent
/// now, and where the channel cannot tell, the seller decides (never sent twice behind their back).
pub(crate) async fn resolve_in_doubt(
    adapter: &mut dyn ChannelAdapter,
    ctx: &Ctx<'_>,
    errors: &mut Vec<String>,
) -> Result<(), ChannelError> {
    let account_id = ctx.account_id();
    let items = blocking(ctx.core, move |core| core.outbox_in_doubt(account_id)).await?;
    for item in items {
        match adapter.find_sent(ctx, &item).await? {
            FindSent::Delivered(delivered) => record_sent(ctx, &item, delivered).await?,
            FindSent::NotSent => {
                let sent = adapter.send(ctx, &item).await;
                record(ctx, &item, sent, errors).await?;
            }
            FindSent::Unknowable => {
                let e = ChannelError::DeliveryUnknown;
                errors.push(format!("{}: {e}", e.code()));
                record_failure(ctx, &item, &e, None).await?;
            }
        }
    }
    Ok(())
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
        let sent = send_one(adapter, ctx, &item).await;
        record(ctx, &item, sent, errors).await?;
    }
}

/// A reply tried before may have landed although the answer was lost (a dropped connection or a
/// garbled answer after the channel stored it): it is looked for before it is sent again.
async fn send_one(
    adapter: &mut dyn ChannelAdapter,
    ctx: &Ctx<'_>,
    item: &OutboxItem,
) -> Result<Delivered, ChannelError> {
    if item.attempts > 1
        && let FindSent::Delivered(delivered) = adapter.find_sent(ctx, item).await?
    {
        return Ok(delivered);
    }
    adapter.send(ctx, item).await
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
