//! Telegram activity: buyers writing to the shop's bot, and to the seller's business account
//! through the business connection (created with the first business message), edits and
//! deletions.

use rand::RngExt;
use serde_json::json;

use super::ActivityReport;
use super::catalog::person;
use super::generator::{Ctx, buyer_text, pick};
use super::phrases::{self, Kind};
use crate::ids::alnum;
use crate::site::Lang;
use crate::state::World;
use crate::telegram::bot::{BusinessConnection, Chat, TgUser};

pub(super) fn telegram_message(world: &mut World, ctx: &Ctx, business: bool, report: &mut ActivityReport) {
    if business && world.telegram.connection.is_none() {
        let serial = world.ids.next_serial();
        let connection = BusinessConnection {
            id: alnum(world.ids.seed, serial, 22),
            date: ctx.now,
            can_reply: true,
            is_enabled: true,
        };
        let update_id = next_update(world);
        let payload = json!({
            "id": connection.id,
            "user": ctx.bot.owner_json(),
            "user_chat_id": ctx.bot.owner_id,
            "date": connection.date,
            "can_reply": true,
            "rights": { "can_reply": true },
            "is_enabled": true,
        });
        world.telegram.connection = Some(connection);
        world.telegram.push(update_id, ctx.now, "business_connection", payload);
        report.telegram_update_ids.push(update_id);
    }
    let count =
        if business { world.telegram.business_chat_ids.len() } else { world.telegram.plain_chat_ids.len() };
    let chat_id = if count == 0 || world.rng.random_bool(0.4) {
        new_chat(world, ctx, business)
    } else {
        let index = world.rng.random_range(0..count);
        if business { world.telegram.business_chat_ids[index] } else { world.telegram.plain_chat_ids[index] }
    };
    let kind = if world.telegram.chats.get(&chat_id).is_some_and(|chat| chat.messages.is_empty()) {
        Kind::Chat
    } else {
        Kind::ChatFollowUp
    };
    let kind = if world.rng.random_bool(0.5) { Kind::Chat } else { kind };
    chat_message(world, ctx, chat_id, kind, report);
}

pub(super) fn new_chat(world: &mut World, ctx: &Ctx, business: bool) -> i64 {
    // Telegram shops get some buyers in the other language too.
    let lang = if world.rng.random_bool(0.2) {
        match ctx.site.lang {
            Lang::Es => Lang::Pt,
            Lang::Pt => Lang::Es,
        }
    } else {
        ctx.site.lang
    };
    let id = world.ids.bump(|ids| &mut ids.tg_user, 90_000);
    let someone = person(lang, &mut world.rng, id);
    let user = TgUser {
        id,
        first_name: someone.first_name,
        last_name: world.rng.random_bool(0.6).then_some(someone.last_name),
        username: world.rng.random_bool(0.5).then(|| someone.nickname.to_lowercase().replace('.', "_")),
        lang,
    };
    world.telegram.chats.insert(
        id,
        Chat { user, business, last_buyer_at: ctx.now, messages: Vec::new(), blocked_bot: false },
    );
    if business {
        world.telegram.business_chat_ids.push(id);
    } else {
        world.telegram.plain_chat_ids.push(id);
    }
    id
}

pub(super) fn chat_message(
    world: &mut World,
    ctx: &Ctx,
    chat_id: i64,
    kind: Kind,
    report: &mut ActivityReport,
) {
    let Some(chat) = world.telegram.chats.get(&chat_id) else { return };
    let (lang, business) = (chat.user.lang, chat.business);
    let listing = world.catalog.listings[world.rng.random_range(0..world.catalog.listings.len())].clone();
    let text = buyer_text(world, lang, kind, &listing);
    world.ids.tg_message += 1;
    let message_id = world.ids.tg_message;
    let update_id = next_update(world);
    let connection_id = world.telegram.connection.as_ref().map(|c| c.id.clone());
    let Some(chat) = world.telegram.chats.get_mut(&chat_id) else { return };
    chat.last_buyer_at = ctx.now;
    chat.messages.push((message_id, text.clone()));
    let mut message = json!({
        "message_id": message_id,
        "from": chat.user.user_json(),
        "chat": chat.user.chat_json(),
        "date": ctx.now,
        "text": text,
    });
    let kind = if business {
        message["business_connection_id"] = json!(connection_id);
        "business_message"
    } else {
        "message"
    };
    world.telegram.push(update_id, ctx.now, kind, message);
    report.telegram_update_ids.push(update_id);
}

pub(super) fn next_update(world: &mut World) -> i64 {
    world.ids.update += 1;
    world.ids.update
}

/// The buyer corrects their last business message (an `edited_business_message` update).
pub(crate) fn edit_business_message(world: &mut World, ctx: &Ctx) -> Option<i64> {
    let connection_id = world.telegram.connection.as_ref()?.id.clone();
    let chat_id = *world
        .telegram
        .business_chat_ids
        .iter()
        .rev()
        .find(|id| world.telegram.chats.get(id).is_some_and(|c| !c.messages.is_empty()))?;
    let color = pick(world, phrases::colors(ctx.site.lang));
    let update_id = next_update(world);
    let chat = world.telegram.chats.get_mut(&chat_id)?;
    let suffix = phrases::fill(phrases::edit_suffix(chat.user.lang), "", 0, color, "");
    let (message_id, text) = chat.messages.last_mut()?;
    text.push_str(&suffix);
    let payload = json!({
        "message_id": *message_id,
        "business_connection_id": connection_id,
        "from": chat.user.user_json(),
        "chat": chat.user.chat_json(),
        "date": chat.last_buyer_at,
        "edit_date": ctx.now,
        "text": text.clone(),
    });
    world.telegram.push(update_id, ctx.now, "edited_business_message", payload);
    world.records.totals.telegram_updates += 1;
    Some(update_id)
}

/// The buyer deletes their last business message (a `deleted_business_messages` update).
pub(crate) fn delete_business_message(world: &mut World, ctx: &Ctx) -> Option<i64> {
    let connection_id = world.telegram.connection.as_ref()?.id.clone();
    let chat_id = *world
        .telegram
        .business_chat_ids
        .iter()
        .rev()
        .find(|id| world.telegram.chats.get(id).is_some_and(|c| !c.messages.is_empty()))?;
    let update_id = next_update(world);
    let chat = world.telegram.chats.get_mut(&chat_id)?;
    let (message_id, _) = chat.messages.pop()?;
    let payload = json!({ "business_connection_id": connection_id, "chat": chat.user.chat_json(), "message_ids": [message_id] });
    world.telegram.push(update_id, ctx.now, "deleted_business_messages", payload);
    world.records.totals.telegram_updates += 1;
    Some(update_id)
}
