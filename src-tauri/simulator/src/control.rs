//! The operations behind both the Rust API ([`crate::Simulator`]) and the admin endpoints.

use serde::{Deserialize, Serialize};

use crate::activity::generator::{self, Ctx};
use crate::activity::meta_phrases::MetaText;
use crate::activity::phrases::Kind;
use crate::activity::{Activity, ActivityReport};
use crate::activity::{chats, marketplace, meta};
use crate::faults::{Api, Fault, FaultKind};
use crate::meta::identity::Platform;
use crate::meta::snapshot::MetaSnapshot;
use crate::ml::claims::ClaimStatus;
use crate::ml::reputation::ReputationChange;
use crate::records::{ReceivedAnswer, ReceivedMessage, SentTelegram, SimTotals};
use crate::state::{Shared, World};

/// What `GET /_sim/state` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimSnapshot {
    pub answers_received: Vec<ReceivedAnswer>,
    pub post_sale_sent: Vec<ReceivedMessage>,
    pub telegram_sent: Vec<SentTelegram>,
    pub totals: SimTotals,
    /// Simulated unix seconds.
    pub now: i64,
    /// Telegram updates waiting to be confirmed.
    pub pending_telegram_updates: usize,
    /// Instagram and Messenger: accounts, conversations, comments, what the seller sent.
    pub meta: MetaSnapshot,
    /// Microsoft device logins waiting for the seller, by user code.
    #[serde(default)]
    pub microsoft_pending_codes: Vec<String>,
}

impl Shared {
    pub(crate) fn with_ctx<T>(&self, work: impl FnOnce(&mut World, &Ctx) -> T) -> T {
        let ctx = Ctx { site: &self.site, bot: &self.bot, seller_id: self.app.seller_id, now: self.now() };
        let result = {
            let mut world = self.world();
            work(&mut world, &ctx)
        };
        self.telegram_wake.notify_waiters();
        result
    }

    pub fn generate(&self, activity: Activity) -> ActivityReport {
        self.with_ctx(|world, ctx| generator::generate(world, ctx, activity))
    }

    pub fn tick(&self) -> ActivityReport {
        self.with_ctx(generator::tick)
    }

    pub fn edit_business_message(&self) -> Option<i64> {
        self.with_ctx(chats::edit_business_message)
    }

    pub fn delete_business_message(&self) -> Option<i64> {
        self.with_ctx(chats::delete_business_message)
    }

    pub fn ban_question(&self, question_id: i64) -> bool {
        marketplace::ban_question(&mut self.world(), question_id)
    }

    pub fn inject(&self, fault: Fault) {
        let meta_platform = match fault.api {
            Api::Instagram => Some(Platform::Instagram),
            Api::Messenger => Some(Platform::Messenger),
            Api::MercadoLibre | Api::Telegram | Api::Etsy | Api::Microsoft => None,
        };
        match (&fault.kind, meta_platform) {
            (FaultKind::ExpireAccessTokens, None) if fault.api == Api::Etsy => {
                self.etsy().expire_access_tokens()
            }
            (FaultKind::RevokeRefreshToken, None) if fault.api == Api::Etsy => self.etsy().revoke_all(),
            (FaultKind::ExpireRefreshTokens, None) if fault.api == Api::Etsy => {
                let now = self.now();
                self.etsy().expire_refresh_tokens(now)
            }
            (FaultKind::ExpireAccessTokens, None) if fault.api == Api::MercadoLibre => {
                self.world().oauth.expire_access_tokens()
            }
            (FaultKind::RevokeRefreshToken, None) if fault.api == Api::MercadoLibre => {
                self.world().oauth.revoke_all()
            }
            (FaultKind::ExpireAccessTokens, Some(platform)) => {
                let now = self.now();
                self.world().meta.tokens.expire_all(platform, now)
            }
            (FaultKind::RevokeRefreshToken, Some(platform)) => self.world().meta.tokens.revoke_all(platform),
            (FaultKind::ExpireAccessTokens, None) if fault.api == Api::Microsoft => {
                self.world().microsoft.expire_access_tokens()
            }
            (FaultKind::RevokeRefreshToken, None) if fault.api == Api::Microsoft => {
                self.world().microsoft.revoke(None);
            }
            // Telegram's bot token never expires.
            (kind, _) if kind.is_immediate() => {}
            _ => self.faults().push(fault),
        }
    }

    pub fn block_bot(&self, chat_id: i64) -> bool {
        let mut world = self.world();
        let Some(chat) = world.telegram.chats.get_mut(&chat_id) else { return false };
        chat.blocked_bot = true;
        true
    }

    /// The buyer writes again in an existing pack; false when there is no such pack.
    pub fn buyer_writes_in_pack(&self, pack_id: i64) -> bool {
        self.with_ctx(|world, ctx| {
            if world.threads.get(pack_id).is_none() {
                return false;
            }
            let mut report = ActivityReport::default();
            marketplace::buyer_pack_message(world, ctx, pack_id, Kind::PostSaleLater, &mut report);
            world.records.totals.pack_messages += report.pack_messages;
            true
        })
    }

    /// The seller reads a pack on the Mercado Libre website: its buyer messages become read (it
    /// leaves `/messages/unread`).
    pub fn read_pack_on_site(&self, pack_id: i64) -> bool {
        let now = self.now();
        let mut world = self.world();
        let Some(len) = world.threads.get(pack_id).map(|thread| thread.messages.len()) else { return false };
        world.threads.mark_read(pack_id, 0..len, self.app.seller_id, now);
        true
    }

    /// Replaces what tests set on the seller's reputation (an empty change gives it back to the orders).
    pub fn set_reputation(&self, change: ReputationChange) {
        self.world().reputation = change;
    }

    /// A buyer opens a claim on an order (the newest paid one when none is named); the claim's id,
    /// or None when there is no such order.
    pub fn open_claim(&self, order_id: Option<i64>) -> Option<i64> {
        let now = self.now();
        let mut world = self.world();
        let order = match order_id {
            Some(id) => world.orders.orders.get(&id)?,
            None => world.orders.orders.values().rev().find(|order| order.status == "paid")?,
        };
        let (order_id, buyer_id) = (order.id, order.buyer_id);
        Some(world.claims.open(self.seed, order_id, buyer_id, now, ClaimStatus::Opened))
    }

    /// The mediation closes a claim; false if there is no such claim.
    pub fn close_claim(&self, claim_id: i64) -> bool {
        let now = self.now();
        let mut world = self.world();
        let Some(claim) = world.claims.claims.get_mut(&claim_id) else { return false };
        claim.status = ClaimStatus::Closed;
        claim.last_updated = now;
        true
    }

    pub fn block_pack(&self, pack_id: i64, substatus: &str) -> bool {
        let now = self.now();
        self.world().threads.block(pack_id, substatus, now)
    }

    pub fn issue_code(&self, code_challenge: Option<&str>) -> String {
        let now = self.now();
        self.world().oauth.issue_code(self.seed, self.app.seller_id, code_challenge, now)
    }

    /// Counters with the request counts filled in; cheap (the snapshot copies everything).
    pub fn totals(&self) -> SimTotals {
        let [ml, telegram, instagram, messenger, etsy, microsoft] = self.request_counts();
        let mut totals = self.world().records.totals.clone();
        totals.ml_requests = ml;
        totals.telegram_requests = telegram;
        totals.instagram_requests = instagram;
        totals.messenger_requests = messenger;
        totals.etsy_requests = etsy;
        totals.microsoft_requests = microsoft;
        totals
    }

    /// Finds a conversation by id on either platform and works on it.
    fn with_conversation<T>(
        &self,
        conversation_id: &str,
        work: impl FnOnce(&mut World, &Ctx, Platform, usize) -> T,
    ) -> Option<T> {
        self.with_ctx(|world, ctx| {
            let (platform, index) = world.meta.find_conversation(conversation_id)?;
            Some(work(world, ctx, platform, index))
        })
    }

    /// Moves a conversation's history `secs` into the past.
    pub fn meta_age_conversation(&self, conversation_id: &str, secs: i64) -> bool {
        self.with_conversation(conversation_id, |world, _, platform, index| {
            world.meta.inbox_mut(platform).age(index, secs)
        })
        .is_some()
    }

    /// Ages the conversation so that the buyer's last message is 24 hours and a second old.
    pub fn meta_close_window(&self, conversation_id: &str) -> bool {
        let now = self.now();
        self.with_conversation(conversation_id, |world, _, platform, index| {
            let inbox = world.meta.inbox_mut(platform);
            let last = inbox.conversations[index].last_buyer_at.unwrap_or(now);
            let secs = (last - (now - crate::meta::send::WINDOW_SECS - 1)).max(0);
            inbox.age(index, secs);
        })
        .is_some()
    }

    /// The buyer writes again (a text), reopening the window; false if there is no such conversation.
    pub fn meta_buyer_writes(&self, conversation_id: &str) -> bool {
        self.with_conversation(conversation_id, |world, ctx, platform, index| {
            let mut report = ActivityReport::default();
            meta::buyer_message(world, ctx, platform, index, Some(MetaText::FollowUp), &mut report);
            match platform {
                Platform::Instagram => world.records.totals.instagram_messages += 1,
                Platform::Messenger => world.records.totals.messenger_messages += 1,
            }
        })
        .is_some()
    }

    /// The buyer unsends their latest message still shown; its id.
    pub fn meta_unsend(&self, conversation_id: &str) -> Option<String> {
        self.with_conversation(conversation_id, |world, ctx, platform, index| {
            meta::unsend(world, ctx, platform, index)
        })
        .flatten()
    }

    pub fn meta_delete_comment(&self, comment_id: &str) -> bool {
        self.world().meta.delete_comment(comment_id)
    }

    pub fn meta_hide_comment(&self, comment_id: &str, hidden: bool) -> bool {
        let mut world = self.world();
        let Some(comment) = world.meta.comments.get_mut(comment_id) else { return false };
        comment.hidden = hidden;
        true
    }

    /// The seller enters the code on Microsoft's page and accepts as `address`; false if no
    /// device login waits for that code.
    pub fn microsoft_approve(&self, user_code: &str, address: &str) -> bool {
        self.world().microsoft.approve(user_code, address)
    }

    pub fn microsoft_decline(&self, user_code: &str) -> bool {
        self.world().microsoft.decline(user_code)
    }

    /// Revokes every grant of `address`; how many.
    pub fn microsoft_revoke(&self, address: &str) -> usize {
        self.world().microsoft.revoke(Some(address))
    }

    pub fn snapshot(&self) -> SimSnapshot {
        let totals = self.totals();
        let world = self.world();
        SimSnapshot {
            answers_received: world.records.answers.clone(),
            post_sale_sent: world.records.post_sale.clone(),
            telegram_sent: world.records.telegram.clone(),
            totals,
            now: self.now(),
            pending_telegram_updates: world.telegram.updates.len(),
            meta: world.meta.snapshot(&world.records),
            microsoft_pending_codes: world.microsoft.pending_user_codes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activity::marketplace::settle_payment;
    use crate::config::SimConfig;
    use crate::ml::question_store::QuestionStatus;

    #[test]
    fn background_ticks_add_activity_without_removing_anything() {
        let sim =
            Shared::new(&SimConfig { start_unix: Some(1_795_000_000), ..SimConfig::default() }).expect("sim");
        let mut questions = Vec::new();
        for _ in 0..200 {
            questions.extend(sim.tick().question_ids);
        }
        assert!(questions.len() > 50, "{}", questions.len());
        let world = sim.world();
        for id in questions {
            let status = world.questions.get(id).map(|question| question.status);
            assert_eq!(status, Some(QuestionStatus::Unanswered));
        }
        assert!(world.records.totals.telegram_updates > 0);
        assert!(world.records.totals.pack_messages > 0);
    }

    #[test]
    fn settled_payments_move_the_order_forward() {
        let sim =
            Shared::new(&SimConfig { seed: 1, start_unix: Some(1_795_000_000), ..SimConfig::default() })
                .expect("sim");
        sim.generate(Activity { new_orders: 60, ..Activity::default() });
        sim.clock.advance(600);
        let settled = sim.with_ctx(settle_payment).expect("some order was waiting for its payment");
        let world = sim.world();
        let order = &world.orders.orders[&settled];
        assert_eq!(order.status, "paid");
        assert!(order.last_updated >= 1_795_000_600);
        assert!(order.created < order.last_updated);
    }
}
