//! Instagram and Messenger activity: buyers (es-AR and pt-BR) writing DMs of every kind the API
//! shows (text, photos, a video, story replies and mentions, shared posts, reactions, unsent and
//! unsupported messages), answering the shop, and commenting on its posts; plus conversations
//! seeded in bulk for the sync bench. Draws only from the Meta generator.

use rand::RngExt;
use rand::seq::IndexedRandom;

use super::ActivityReport;
use super::catalog::{Listing, person};
use super::generator::Ctx;
use super::meta_phrases::{self, MetaText};
use super::phrases::{self, nickname_part};
use crate::meta::identity::Platform;
use crate::meta::store::{Attachment, DirectMessage, MetaBuyer, Share, Story};
use crate::site::Lang;
use crate::state::World;

const REACTIONS: &[&str] = &["love", "love", "like", "haha", "wow"];

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Es => Lang::Pt,
        Lang::Pt => Lang::Es,
    }
}

fn text(world: &mut World, lang: Lang, kind: MetaText) -> String {
    let meta = &mut world.meta;
    let listing: &Listing =
        world.catalog.listings.choose(&mut meta.rng).unwrap_or(&world.catalog.listings[0]);
    let template = meta_phrases::table(lang, kind).choose(&mut meta.rng).copied().unwrap_or("");
    let color = phrases::colors(lang).choose(&mut meta.rng).copied().unwrap_or("");
    let city = phrases::cities(lang).choose(&mut meta.rng).copied().unwrap_or("");
    phrases::fill(template, &listing.short, listing.manufacturing_days.unwrap_or(15), color, city)
}

/// Someone new writes or comments: mostly in the shop's language, some in the other one.
fn new_buyer(world: &mut World, ctx: &Ctx, platform: Platform) -> String {
    let meta = &mut world.meta;
    let lang = if meta.rng.random_bool(0.25) { other(ctx.site.lang) } else { ctx.site.lang };
    let someone = person(lang, &mut meta.rng, 0);
    let (first, last) =
        (nickname_part(&someone.first_name).to_lowercase(), nickname_part(&someone.last_name).to_lowercase());
    let username = match meta.rng.random_range(0..4) {
        0 => format!("{first}.{last}"),
        1 => format!("{}.{last}", &first[..first.len().min(4)]),
        2 => format!("{first}_{last}{}", meta.rng.random_range(1..99)),
        _ => format!("{first}{last}.ok"),
    };
    let scoped_id = meta.new_scoped_id(platform);
    let buyer = MetaBuyer {
        scoped_id: scoped_id.clone(),
        username,
        first_name: someone.first_name,
        last_name: someone.last_name,
        lang,
    };
    meta.inbox_mut(platform).add_buyer(buyer);
    scoped_id
}

fn cdn_url(world: &mut World, platform: Platform, extension: &str) -> String {
    let asset = world.meta.next_serial() * 7_919 + 1_130_000_000_000;
    match platform {
        Platform::Instagram => format!(
            "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id={asset}&signature=sim.{extension}"
        ),
        Platform::Messenger => {
            format!("https://scontent.xx.fbcdn.net/v/t1.15752-9/{asset}_n.{extension}?sim=1")
        }
    }
}

fn report_conversation(report: &mut ActivityReport, platform: Platform, id: &str) {
    let ids = match platform {
        Platform::Instagram => &mut report.instagram_conversation_ids,
        Platform::Messenger => &mut report.messenger_conversation_ids,
    };
    if !ids.iter().any(|known| known == id) {
        ids.push(id.to_owned());
    }
}

fn count_message(report: &mut ActivityReport, platform: Platform) {
    match platform {
        Platform::Instagram => report.instagram_messages += 1,
        Platform::Messenger => report.messenger_messages += 1,
    }
}

/// A buyer message in a new or an existing conversation; now and then the buyer also reacts to
/// the shop's last message or unsends an earlier message of theirs.
pub(super) fn direct_message(world: &mut World, ctx: &Ctx, platform: Platform, report: &mut ActivityReport) {
    // Follow-ups land in conversations whose window is still open: a buyer quiet for a day seldom
    // writes again within the minute, and a closed window stays closed until a test reopens it.
    let open: Vec<usize> = world
        .meta
        .inbox(platform)
        .conversations
        .iter()
        .enumerate()
        .filter(|(_, c)| c.last_buyer_at.is_none_or(|at| ctx.now - at < crate::meta::send::WINDOW_SECS))
        .map(|(index, _)| index)
        .collect();
    let index = if open.is_empty() || world.meta.rng.random_bool(0.4) {
        let buyer = new_buyer(world, ctx, platform);
        world.meta.conversation_for(platform, &buyer)
    } else {
        open[world.meta.rng.random_range(0..open.len())]
    };
    let roll = world.meta.rng.random_range(0..100);
    if roll < 6 {
        react(world, ctx, platform, index);
    } else if roll < 10 {
        unsend(world, ctx, platform, index);
    }
    buyer_message(world, ctx, platform, index, None, report);
}

/// The buyer writes one message of a random kind (`kind` forces a text of that kind).
pub(crate) fn buyer_message(
    world: &mut World,
    ctx: &Ctx,
    platform: Platform,
    index: usize,
    kind: Option<MetaText>,
    report: &mut ActivityReport,
) {
    let conversation = &world.meta.inbox(platform).conversations[index];
    let first = conversation.messages.is_empty();
    let lang =
        world.meta.inbox(platform).buyers.get(&conversation.buyer_id).map_or(ctx.site.lang, |b| b.lang);
    let mut message = DirectMessage { created: ctx.now, ..DirectMessage::default() };
    let instagram = platform == Platform::Instagram;
    let roll = if kind.is_some() { 0 } else { world.meta.rng.random_range(0..100) };
    match roll {
        0..=59 => {
            let kind = kind.unwrap_or(if first { MetaText::First } else { MetaText::FollowUp });
            message.text = text(world, lang, kind);
        }
        60..=69 => {
            message.text = text(world, lang, MetaText::Photo);
            let url = cdn_url(world, platform, "jpg");
            message.attachments.push(Attachment::Image { url, width: 1080, height: 1080 });
        }
        70..=72 => message.attachments.push(Attachment::Video { url: cdn_url(world, platform, "mp4") }),
        73..=80 if instagram => {
            message.text = text(world, lang, MetaText::StoryReply);
            let (link, id) = (cdn_url(world, platform, "jpg"), world.meta.new_story_id());
            message.story = Some(Story::Reply { link, id });
        }
        81..=84 if instagram => {
            let (link, id) = (cdn_url(world, platform, "jpg"), world.meta.new_story_id());
            message.story = Some(Story::Mention { link, id });
        }
        73..=84 => {
            let url = cdn_url(world, platform, "pdf");
            let size = 20_000 + world.meta.rng.random_range(0..200_000);
            let name = if lang == Lang::Es { "medidas.pdf" } else { "medidas-pedido.pdf" }.to_owned();
            message.attachments.push(Attachment::File {
                url,
                name,
                mime_type: "application/pdf".to_owned(),
                size,
            });
        }
        85..=93 => {
            message.text = text(world, lang, MetaText::Share);
            let posts: Vec<_> = world.meta.posts.iter().filter(|post| post.platform == platform).collect();
            if let Some(post) = posts.choose(&mut world.meta.rng) {
                let name = world.meta.rng.random_bool(0.5).then(|| post.caption.clone());
                message.shares.push(Share { link: post.permalink.clone(), name });
            }
        }
        _ => message.is_unsupported = instagram,
    }
    if message.text.is_empty()
        && message.attachments.is_empty()
        && message.story.is_none()
        && message.shares.is_empty()
        && !message.is_unsupported
    {
        message.text = text(world, lang, MetaText::FollowUp);
    }
    message.id = world.meta.new_message_id(platform);
    world.meta.push_message(platform, index, message);
    let id = world.meta.inbox(platform).conversations[index].id.clone();
    report_conversation(report, platform, &id);
    count_message(report, platform);
}

/// The buyer reacts to the shop's last message, if the shop wrote.
fn react(world: &mut World, ctx: &Ctx, platform: Platform, index: usize) {
    let reaction = REACTIONS.choose(&mut world.meta.rng).copied().unwrap_or("love");
    let inbox = world.meta.inbox_mut(platform);
    let Some(message) = inbox.conversations[index].messages.iter_mut().rev().find(|m| m.from_shop) else {
        return;
    };
    message.reactions.push(reaction.to_owned());
    world.meta.touch(platform, index, ctx.now);
}

/// The buyer unsends their latest message still there; its id, if any.
pub(crate) fn unsend(world: &mut World, ctx: &Ctx, platform: Platform, index: usize) -> Option<String> {
    let inbox = world.meta.inbox_mut(platform);
    let message =
        inbox.conversations[index].messages.iter_mut().rev().find(|m| !m.from_shop && !m.is_deleted)?;
    message.is_deleted = true;
    message.text.clear();
    message.attachments.clear();
    message.shares.clear();
    message.story = None;
    let id = message.id.clone();
    world.meta.touch(platform, index, ctx.now);
    Some(id)
}

/// A comment on one of the shop's posts: prices, sizes, "info por DM", praise, some spam.
pub(super) fn comment(world: &mut World, ctx: &Ctx, platform: Platform, report: &mut ActivityReport) {
    let posts: Vec<String> = world
        .meta
        .posts
        .iter()
        .filter(|post| post.platform == platform)
        .map(|post| post.id.clone())
        .collect();
    // Recent posts get most comments.
    let Some(post_id) =
        posts.iter().rev().take(4).collect::<Vec<_>>().choose(&mut world.meta.rng).map(|id| (*id).clone())
    else {
        return;
    };
    let known = world.meta.inbox(platform).buyer_ids.len();
    let author = if known == 0 || world.meta.rng.random_bool(0.6) {
        new_buyer(world, ctx, platform)
    } else {
        let index = world.meta.rng.random_range(0..known);
        world.meta.inbox(platform).buyer_ids[index].clone()
    };
    let lang = world.meta.inbox(platform).buyers.get(&author).map_or(ctx.site.lang, |b| b.lang);
    let kind = match world.meta.rng.random_range(0..100) {
        0..=29 => MetaText::CommentPrice,
        30..=49 => MetaText::CommentSize,
        50..=69 => MetaText::CommentInfo,
        70..=84 => MetaText::CommentPraise,
        _ => MetaText::Spam,
    };
    let text = text(world, lang, kind);
    if let Some(id) = world.meta.add_comment(&post_id, None, Some(author), text, ctx.now) {
        report.comment_ids.push(id);
    }
}

/// `conversations` new conversations of `messages` messages each, ending with the buyer (so the
/// reply window is open), spread over the last hours: a quick start for the sync bench.
pub(super) fn seed_conversations(
    world: &mut World,
    ctx: &Ctx,
    platform: Platform,
    conversations: u32,
    messages: u32,
    report: &mut ActivityReport,
) {
    let messages = messages.max(1) as i64;
    for n in 0..conversations as i64 {
        let buyer = new_buyer(world, ctx, platform);
        let lang = world.meta.inbox(platform).buyers[&buyer].lang;
        let index = world.meta.conversation_for(platform, &buyer);
        let last = ctx.now - (conversations as i64 - 1 - n) * 30;
        for m in 0..messages {
            let from_shop = m % 3 == 1 && m != messages - 1;
            let kind = if from_shop {
                MetaText::Shop
            } else if m == 0 {
                MetaText::First
            } else {
                MetaText::FollowUp
            };
            let message = DirectMessage {
                id: world.meta.new_message_id(platform),
                created: last - (messages - 1 - m) * 20,
                from_shop,
                text: text(world, lang, kind),
                ..DirectMessage::default()
            };
            world.meta.push_message(platform, index, message);
            count_message(report, platform);
        }
        let id = world.meta.inbox(platform).conversations[index].id.clone();
        report_conversation(report, platform, &id);
    }
}
