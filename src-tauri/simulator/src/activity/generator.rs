//! Seeded generation of buyer activity into the simulator's data: what to add, and buyers writing
//! back to the seller's replies. The pieces live in `marketplace` (Mercado Libre) and `chats`
//! (Telegram).

use std::collections::VecDeque;

use rand::RngExt;
use rand::seq::IndexedRandom;

use super::catalog::Listing;
use super::chats::{chat_message, delete_business_message, edit_business_message, telegram_message};
use super::marketplace::{add_question, buyer_pack_message, new_order, post_sale_message, settle_payment};
use super::meta::{buyer_message, comment, direct_message, seed_conversations};
use super::meta_phrases::MetaText;
use super::phrases::{self, Kind};
use super::{Activity, ActivityReport};
use crate::meta::identity::Platform;
use crate::site::{Lang, Site};
use crate::state::World;
use crate::telegram::bot::BotIdentity;

/// Something the seller replied to, where the buyer may write back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FollowUp {
    Question(i64),
    Pack(i64),
    Telegram(i64),
    /// A conversation (by its index in the platform's inbox) the shop wrote in.
    Meta(Platform, usize),
}

/// Seller replies not yet followed up by the buyer, oldest first.
#[derive(Default)]
pub(crate) struct FollowUps(VecDeque<FollowUp>);

impl FollowUps {
    pub fn push(&mut self, follow_up: FollowUp) {
        self.0.push_back(follow_up);
    }
}

/// Everything generation needs besides the data.
pub(crate) struct Ctx<'a> {
    pub site: &'a Site,
    pub bot: &'a BotIdentity,
    pub seller_id: i64,
    pub now: i64,
}

pub(crate) fn generate(world: &mut World, ctx: &Ctx, activity: Activity) -> ActivityReport {
    let mut report = ActivityReport::default();
    for _ in 0..activity.new_orders {
        new_order(world, ctx, &mut report);
    }
    for _ in 0..activity.questions {
        let listing = world.catalog.listings[world.rng.random_range(0..world.catalog.listings.len())].clone();
        let buyer = world.catalog.some_buyer(ctx.site.lang, &mut world.rng, &mut world.ids);
        let text = buyer_text(world, ctx.site.lang, Kind::Question, &listing);
        add_question(world, ctx, &listing.id, buyer, text, &mut report);
    }
    for _ in 0..activity.post_sale_messages {
        post_sale_message(world, ctx, &mut report);
    }
    for _ in 0..activity.telegram_messages {
        telegram_message(world, ctx, false, &mut report);
    }
    for _ in 0..activity.business_messages {
        telegram_message(world, ctx, true, &mut report);
    }
    for _ in 0..activity.instagram_messages {
        direct_message(world, ctx, Platform::Instagram, &mut report);
    }
    for _ in 0..activity.messenger_messages {
        direct_message(world, ctx, Platform::Messenger, &mut report);
    }
    for _ in 0..activity.instagram_comments {
        comment(world, ctx, Platform::Instagram, &mut report);
    }
    for _ in 0..activity.facebook_comments {
        comment(world, ctx, Platform::Messenger, &mut report);
    }
    let per_conversation = activity.messages_per_conversation;
    seed_conversations(
        world,
        ctx,
        Platform::Instagram,
        activity.instagram_conversations,
        per_conversation,
        &mut report,
    );
    seed_conversations(
        world,
        ctx,
        Platform::Messenger,
        activity.messenger_conversations,
        per_conversation,
        &mut report,
    );
    for _ in 0..activity.replies_to_answers {
        if reply_to_seller(world, ctx, &mut report) {
            report.replies_to_answers += 1;
        }
    }
    world.records.totals.questions += report.question_ids.len() as u32;
    world.records.totals.pack_messages += report.pack_messages;
    world.records.totals.orders += report.order_ids.len() as u32;
    world.records.totals.telegram_updates += report.telegram_update_ids.len() as u32;
    world.records.totals.instagram_messages += report.instagram_messages;
    world.records.totals.messenger_messages += report.messenger_messages;
    world.records.totals.meta_comments += report.comment_ids.len() as u32;
    report
}

pub(super) fn pick<'a>(world: &mut World, list: &'a [&'a str]) -> &'a str {
    list.choose(&mut world.rng).copied().unwrap_or("")
}

pub(super) fn buyer_text(world: &mut World, lang: Lang, kind: Kind, listing: &Listing) -> String {
    let [specific, general] = phrases::table(lang, kind, listing.category);
    let from_general = !general.is_empty() && world.rng.random_bool(0.4);
    let template = pick(world, if from_general { general } else { specific });
    let color = pick(world, phrases::colors(lang));
    let city = pick(world, phrases::cities(lang));
    phrases::fill(template, &listing.short, listing.manufacturing_days.unwrap_or(15), color, city)
}

/// The oldest seller reply nobody answered yet gets the buyer's answer.
fn reply_to_seller(world: &mut World, ctx: &Ctx, report: &mut ActivityReport) -> bool {
    let Some(follow_up) = world.follow_ups.0.pop_front() else { return false };
    match follow_up {
        FollowUp::Question(question_id) => {
            let Some(question) = world.questions.get(question_id).cloned() else { return false };
            let Some(listing) = world.catalog.listing(&question.item_id).cloned() else { return false };
            let text = buyer_text(world, ctx.site.lang, Kind::FollowUp, &listing);
            add_question(world, ctx, &listing.id, question.from, text, report);
        }
        FollowUp::Pack(key) => {
            if world.threads.get(key).is_none_or(|thread| thread.blocked.is_some()) {
                return false;
            }
            buyer_pack_message(world, ctx, key, Kind::PostSaleLater, report);
        }
        FollowUp::Telegram(chat_id) => chat_message(world, ctx, chat_id, Kind::ChatFollowUp, report),
        FollowUp::Meta(platform, index) => {
            buyer_message(world, ctx, platform, index, Some(MetaText::FollowUp), report)
        }
    }
    true
}

/// One tick of the demo's background activity: a little of everything, at random.
pub(crate) fn tick(world: &mut World, ctx: &Ctx) -> ActivityReport {
    let mut chance = |p: f64| u32::from(world.rng.random_bool(p));
    let activity = Activity {
        questions: chance(0.6),
        post_sale_messages: chance(0.35),
        new_orders: chance(0.15),
        telegram_messages: chance(0.25),
        business_messages: chance(0.25),
        replies_to_answers: chance(0.5),
        ..Activity::default()
    };
    // Meta's share comes from its own generator: the other services' ticks stay as they were.
    let mut meta_chance = |p: f64| u32::from(world.meta.rng.random_bool(p));
    let activity = Activity {
        instagram_messages: meta_chance(0.3),
        messenger_messages: meta_chance(0.2),
        instagram_comments: meta_chance(0.15),
        facebook_comments: meta_chance(0.1),
        ..activity
    };
    let edit = chance(0.05) == 1;
    let delete = chance(0.03) == 1;
    let settle = chance(0.2) == 1;
    let report = generate(world, ctx, activity);
    if settle {
        settle_payment(world, ctx);
    }
    if edit {
        edit_business_message(world, ctx);
    }
    if delete {
        delete_business_message(world, ctx);
    }
    report
}
