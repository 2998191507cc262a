//! One connector per channel behind one trait (object-safe: boxed futures).

use mostrador_core::replies::{Delivered, OutboxItem};
use mostrador_core::vocabulary::ChannelKind;

use super::context::{BoxFuture, Ctx};
use crate::ChannelError;

/// What the remote thread says about a reply whose outcome was not recorded (a crash mid-send).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FindSent {
    /// The channel has it: record it as sent, never send it again.
    Delivered(Delivered),
    /// The channel does not have it: send it again.
    NotSent,
    /// The channel offers no way to check (Telegram keeps no readable history for bots): the seller
    /// decides, so a reply is never sent twice.
    Unknowable,
}

/// How often an account is polled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cadence {
    /// Seconds between rounds while a buyer wrote recently.
    pub active_secs: u64,
    /// Seconds between rounds otherwise.
    pub idle_secs: u64,
}

pub(crate) trait ChannelAdapter: Send {
    /// Fetches what is new since the stored cursors and commits it (in one or more batches, each
    /// with the cursors it covers).
    fn poll<'a>(&'a mut self, ctx: &'a Ctx<'a>) -> BoxFuture<'a, Result<(), ChannelError>>;

    /// Sends one reply.
    fn send<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<Delivered, ChannelError>>;

    /// Looks for a reply in doubt in the remote thread.
    fn find_sent<'a>(
        &'a mut self,
        ctx: &'a Ctx<'a>,
        item: &'a OutboxItem,
    ) -> BoxFuture<'a, Result<FindSent, ChannelError>>;

    fn cadence(&self) -> Cadence;

    /// Work is left that the last poll did not finish (a first sync read in slices): the engine
    /// comes back at once instead of after the cadence's pause.
    fn backlog(&self) -> bool {
        false
    }
}

/// The connector for an account, or why there is none.
pub(crate) fn for_account(ctx: &Ctx<'_>) -> Result<Box<dyn ChannelAdapter>, ChannelError> {
    match ctx.account.channel {
        ChannelKind::MercadoLibre => Ok(Box::new(crate::mercado_libre::MercadoLibre::from_settings(ctx)?)),
        ChannelKind::Telegram => Ok(Box::new(crate::telegram::Telegram::from_settings(ctx)?)),
        ChannelKind::Instagram | ChannelKind::Messenger => {
            Ok(Box::new(crate::meta::Meta::from_settings(ctx)?))
        }
        ChannelKind::Email => Ok(Box::new(crate::email::Email::from_settings(ctx)?)),
        ChannelKind::Etsy => Ok(Box::new(crate::etsy::Etsy::from_settings(ctx)?)),
        other => Err(ChannelError::NotConfigured(format!("{other} accounts are not synced through an API"))),
    }
}

/// Whether the engine runs a task for this account: a channel with an API, connected through a
/// connector (which stores where the API or the mailbox is). Sample and hand-made accounts have
/// nothing to poll. Etsy's API reads orders but sends nothing (replies are copied), so it is
/// polled without sending; an Etsy account made by mail notices alone has no API to poll.
pub(crate) fn is_synced(account: &mostrador_core::accounts::AccountView) -> bool {
    let polled =
        mostrador_core::replies::sends_through_api(account.channel) || account.channel == ChannelKind::Etsy;
    polled && mostrador_core::accounts::has_connector(&account.settings)
}
