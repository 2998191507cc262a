//! One round of one account: replies in doubt, queued replies, the poll, queued replies again,
//! and the outcome recorded on the account.

use std::sync::Arc;

use mostrador_core::Mostrador;
use mostrador_core::accounts::{AccountView, SyncOutcome};
use tokio::sync::Notify;

use super::adapter::{self, ChannelAdapter};
use super::context::{Ctx, Tally, blocking};
use super::sending;
use crate::secrets::SecretStore;
use crate::{ChannelError, Clock, SyncSummary};

pub(crate) struct Round {
    pub summary: SyncSummary,
    pub tally: Tally,
    /// The error that ended the round early, if any.
    pub error: Option<ChannelError>,
    /// Whether no reply is left in doubt (the engine checks at start, and until none is left).
    pub resolved_in_doubt: bool,
}

pub(crate) struct RoundInput<'a> {
    pub core: &'a Arc<Mostrador>,
    pub secrets: &'a Arc<dyn SecretStore>,
    pub clock: &'a Clock,
    pub account: &'a AccountView,
    pub interrupt: Option<&'a Notify>,
    pub resolve_in_doubt: bool,
}

pub(crate) async fn run(input: RoundInput<'_>, adapter: &mut Option<Box<dyn ChannelAdapter>>) -> Round {
    let ctx = Ctx::new(input.core, input.secrets, input.clock, input.account, input.interrupt);
    let mut errors = Vec::new();
    let mut resolved = !input.resolve_in_doubt;
    let result = steps(&ctx, adapter, input.resolve_in_doubt, &mut resolved, &mut errors).await;
    let tally = ctx.tally();
    let error = result.err();
    if let Some(e) = &error {
        errors.insert(0, format!("{}: {e}", e.code()));
    }
    Round {
        summary: SyncSummary {
            fetched: tally.fetched,
            new: tally.inserted,
            updated: tally.updated,
            sent: tally.sent,
            errors,
        },
        tally,
        error,
        resolved_in_doubt: resolved,
    }
}

async fn steps(
    ctx: &Ctx<'_>,
    adapter: &mut Option<Box<dyn ChannelAdapter>>,
    resolve_in_doubt: bool,
    resolved: &mut bool,
    errors: &mut Vec<String>,
) -> Result<(), ChannelError> {
    if adapter.is_none() {
        *adapter = Some(adapter::for_account(ctx)?);
    }
    let Some(adapter) = adapter.as_deref_mut() else { return Ok(()) };
    if resolve_in_doubt {
        // Nothing is sent until every reply in doubt is known to be there or not.
        *resolved = sending::resolve_in_doubt(adapter, ctx, errors).await?;
    }
    sending_never_blocks_the_poll(sending::drain(adapter, ctx, errors).await, errors)?;
    adapter.poll(ctx).await?;
    // A reply queued while the poll ran goes out now rather than after the pause.
    sending_never_blocks_the_poll(sending::drain(adapter, ctx, errors).await, errors)
}

/// A reply the channel is failing waits for its own retry time: the buyers' new messages are
/// still fetched. Only what stops the whole account (an authorisation to renew) ends the round
/// here; no connection at all ends it at the poll.
fn sending_never_blocks_the_poll(
    drained: Result<(), ChannelError>,
    errors: &mut Vec<String>,
) -> Result<(), ChannelError> {
    match drained {
        Err(e) if e.is_transient() => {
            errors.push(format!("{}: {e}", e.code()));
            Ok(())
        }
        other => other,
    }
}

/// Stores how the round ended on the account.
pub(crate) async fn record(
    core: &Arc<Mostrador>,
    account_id: i64,
    outcome: SyncOutcome,
    now: i64,
) -> Result<(), ChannelError> {
    blocking(core, move |core| core.record_sync_outcome(account_id, &outcome, now)).await
}
