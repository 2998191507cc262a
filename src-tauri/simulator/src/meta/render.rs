//! The JSON the Graph API answers for conversations, messages, posts and comments, per platform:
//! Instagram names people by `username`, Messenger by `name` (and a `<PSID>@facebook.com` e-mail).

use serde_json::{Value, json};

use super::identity::Platform;
use super::store::{Attachment, Comment, Conversation, DirectMessage, MetaStore, Post, Story};
use crate::clock::meta_date;

pub(crate) fn shop_ref(store: &MetaStore, platform: Platform) -> Value {
    let app = &store.app;
    match platform {
        Platform::Instagram => json!({ "id": app.instagram.user_id, "username": app.instagram.username }),
        Platform::Messenger => json!({
            "id": app.page.id,
            "name": app.page.name,
            "email": format!("{}@facebook.com", app.page.id),
        }),
    }
}

pub(crate) fn buyer_ref(store: &MetaStore, platform: Platform, buyer_id: &str) -> Value {
    let buyer = store.inbox(platform).buyers.get(buyer_id);
    match platform {
        Platform::Instagram => {
            json!({ "id": buyer_id, "username": buyer.map(|b| b.username.clone()).unwrap_or_default() })
        }
        Platform::Messenger => json!({
            "id": buyer_id,
            "name": buyer.map(|b| b.name()).unwrap_or_default(),
            "email": format!("{buyer_id}@facebook.com"),
        }),
    }
}

pub(crate) fn conversation_summary(conversation: &Conversation) -> Value {
    json!({ "id": conversation.id, "updated_time": meta_date(conversation.updated) })
}

pub(crate) fn participants(store: &MetaStore, conversation: &Conversation) -> Value {
    let platform = conversation.platform;
    json!({ "data": [buyer_ref(store, platform, &conversation.buyer_id), shop_ref(store, platform)] })
}

fn attachment_json(attachment: &Attachment) -> Value {
    match attachment {
        Attachment::Image { url, width, height } => json!({
            "image_data": { "url": url, "preview_url": format!("{url}&preview=1"), "width": width, "height": height },
        }),
        Attachment::Video { url } => {
            json!({ "video_data": { "url": url, "preview_url": format!("{url}&preview=1") } })
        }
        Attachment::File { url, name, mime_type, size } => {
            json!({ "file_url": url, "name": name, "mime_type": mime_type, "size": size })
        }
    }
}

pub(crate) fn message_json(store: &MetaStore, conversation: &Conversation, message: &DirectMessage) -> Value {
    let platform = conversation.platform;
    let buyer = buyer_ref(store, platform, &conversation.buyer_id);
    let shop = shop_ref(store, platform);
    let (from, to) = if message.from_shop { (shop, buyer.clone()) } else { (buyer.clone(), shop) };
    let mut json = json!({
        "id": message.id,
        "created_time": meta_date(message.created),
        "from": from,
        "to": { "data": [to] },
        "message": message.text,
        "is_deleted": message.is_deleted,
    });
    if platform == Platform::Instagram {
        json["is_unsupported"] = json!(message.is_unsupported);
    }
    if !message.attachments.is_empty() {
        json["attachments"] =
            json!({ "data": message.attachments.iter().map(attachment_json).collect::<Vec<_>>() });
    }
    if let Some(story) = message.story.as_ref().filter(|_| platform == Platform::Instagram) {
        json["story"] = match story {
            Story::Reply { link, id } => json!({ "reply_to": { "link": link, "id": id } }),
            Story::Mention { link, id } => json!({ "mention": { "link": link, "id": id } }),
        };
    }
    if !message.shares.is_empty() {
        let shares: Vec<Value> = message
            .shares
            .iter()
            .map(|share| match &share.name {
                Some(name) => json!({ "link": share.link, "name": name }),
                None => json!({ "link": share.link }),
            })
            .collect();
        json["shares"] = json!({ "data": shares });
    }
    if !message.reactions.is_empty() {
        let mut kinds: Vec<&String> = message.reactions.iter().collect();
        kinds.sort();
        kinds.dedup();
        let reactions: Vec<Value> =
            kinds.iter().map(|kind| json!({ "reaction": kind, "users": [buyer.clone()] })).collect();
        json["reactions"] = json!({ "data": reactions });
    }
    json
}

pub(crate) fn post_json(store: &MetaStore, post: &Post) -> Value {
    match post.platform {
        Platform::Instagram => json!({
            "id": post.id,
            "caption": post.caption,
            "permalink": post.permalink,
            "media_type": post.media_type,
            "media_url": format!("https://scontent.cdninstagram.com/v/sim/{}.jpg", post.id),
            "timestamp": meta_date(post.created),
            "comments_count": store.comment_count(post),
        }),
        Platform::Messenger => json!({
            "id": post.id,
            "message": post.caption,
            "permalink_url": post.permalink,
            "created_time": meta_date(post.created),
        }),
    }
}

fn author_json(store: &MetaStore, comment: &Comment) -> (Value, String) {
    match &comment.author {
        None => match comment.platform {
            Platform::Instagram => {
                (shop_ref(store, Platform::Instagram), store.app.instagram.username.clone())
            }
            // Comments name the Page without the e-mail messages carry.
            Platform::Messenger => {
                let page = &store.app.page;
                (json!({ "id": page.id, "name": page.name }), page.name.clone())
            }
        },
        Some(author) => {
            let buyer = store.inbox(comment.platform).buyers.get(author);
            match comment.platform {
                Platform::Instagram => {
                    let username = buyer.map(|b| b.username.clone()).unwrap_or_default();
                    (json!({ "id": author, "username": username }), username)
                }
                Platform::Messenger => {
                    let name = buyer.map(|b| b.name()).unwrap_or_default();
                    (json!({ "id": author, "name": name }), name)
                }
            }
        }
    }
}

/// A comment without its replies.
fn comment_core(store: &MetaStore, comment: &Comment) -> Value {
    let (from, handle) = author_json(store, comment);
    let created = meta_date(comment.created);
    match comment.platform {
        Platform::Instagram => {
            let mut json = json!({
                "id": comment.id,
                "text": comment.text,
                "timestamp": created,
                "username": handle,
                "from": from,
                "hidden": comment.hidden,
            });
            if let Some(parent) = &comment.parent_id {
                json["parent_id"] = json!(parent);
            }
            json
        }
        Platform::Messenger => {
            let mut json = json!({
                "id": comment.id,
                "message": comment.text,
                "created_time": created,
                "from": from,
                "is_hidden": comment.hidden,
            });
            if let Some(parent) = &comment.parent_id {
                json["parent"] = json!({ "id": parent });
            }
            json
        }
    }
}

/// A comment with its replies (`replies` on Instagram, `comments` on Facebook), oldest first.
pub(crate) fn comment_json(store: &MetaStore, comment: &Comment) -> Value {
    let mut json = comment_core(store, comment);
    if comment.parent_id.is_none() {
        let replies: Vec<Value> = comment
            .replies
            .iter()
            .filter_map(|id| store.comments.get(id))
            .map(|r| comment_core(store, r))
            .collect();
        let edge = if comment.platform == Platform::Instagram { "replies" } else { "comments" };
        json[edge] = json!({ "data": replies });
    }
    json
}
