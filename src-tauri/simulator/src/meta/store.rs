//! Meta's data: buyers per platform (scoped ids), one conversation per buyer with its messages
//! (ordered by `updated_time` for cursor paging), the shop's posts and their comments.

use std::collections::{BTreeMap, HashMap};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::SeedableRng;
use rand::rngs::StdRng;

use super::identity::{MetaApp, Platform};
use super::tokens::MetaTokens;
use crate::activity::catalog::Catalog;
use crate::activity::meta_phrases;
use crate::ids::{alnum, hex32, mix64};
use crate::site::{Lang, Site};

#[derive(Debug, Clone)]
pub(crate) struct MetaBuyer {
    /// IGSID on Instagram, PSID on Messenger.
    pub scoped_id: String,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub lang: Lang,
}

impl MetaBuyer {
    pub fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Attachment {
    Image { url: String, width: u32, height: u32 },
    Video { url: String },
    File { url: String, name: String, mime_type: String, size: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Story {
    Reply { link: String, id: String },
    Mention { link: String, id: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Share {
    pub link: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct DirectMessage {
    pub id: String,
    pub created: i64,
    pub from_shop: bool,
    pub text: String,
    pub attachments: Vec<Attachment>,
    pub story: Option<Story>,
    pub shares: Vec<Share>,
    /// Reactions the buyer put on this message ("love", "like", …).
    pub reactions: Vec<String>,
    /// Unsent by the buyer: the text and attachments are gone.
    pub is_deleted: bool,
    /// A kind the API cannot show (voice note, sticker…).
    pub is_unsupported: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Conversation {
    pub id: String,
    pub platform: Platform,
    pub buyer_id: String,
    /// Oldest first.
    pub messages: Vec<DirectMessage>,
    pub updated: i64,
    /// Breaks ties between conversations updated in the same second: later touches list first.
    touch: u64,
    /// The buyer's last message: the reply window runs from it.
    pub last_buyer_at: Option<i64>,
}

impl Conversation {
    pub fn order_key(&self) -> String {
        format!("{}:{}", self.updated, self.touch)
    }
}

/// One platform's buyers and conversations.
pub(crate) struct Inbox {
    pub conversations: Vec<Conversation>,
    by_id: HashMap<String, usize>,
    by_buyer: HashMap<String, usize>,
    /// (updated, touch) → index; walked backwards for newest first.
    order: BTreeMap<(i64, u64), usize>,
    pub buyers: HashMap<String, MetaBuyer>,
    /// In the order they first appeared, for picking returning buyers.
    pub buyer_ids: Vec<String>,
}

impl Inbox {
    fn new() -> Inbox {
        Inbox {
            conversations: Vec::new(),
            by_id: HashMap::new(),
            by_buyer: HashMap::new(),
            order: BTreeMap::new(),
            buyers: HashMap::new(),
            buyer_ids: Vec::new(),
        }
    }

    pub fn index_of(&self, conversation_id: &str) -> Option<usize> {
        self.by_id.get(conversation_id).copied()
    }

    pub fn conversation_of_buyer(&self, buyer_id: &str) -> Option<usize> {
        self.by_buyer.get(buyer_id).copied()
    }

    pub fn add_buyer(&mut self, buyer: MetaBuyer) {
        self.buyer_ids.push(buyer.scoped_id.clone());
        self.buyers.insert(buyer.scoped_id.clone(), buyer);
    }

    /// Conversations newest first, after the position key of a cursor; and whether more follow.
    pub fn page(&self, after: Option<(i64, u64)>, limit: usize) -> (Vec<usize>, bool) {
        let mut walk: Box<dyn Iterator<Item = (&(i64, u64), &usize)>> = match after {
            Some(key) => Box::new(self.order.range(..key).rev()),
            None => Box::new(self.order.iter().rev()),
        };
        let page: Vec<usize> = walk.by_ref().take(limit).map(|(_, index)| *index).collect();
        let more = walk.next().is_some();
        (page, more)
    }

    fn reorder(&mut self, index: usize, updated: i64, touch: u64) {
        let conversation = &mut self.conversations[index];
        self.order.remove(&(conversation.updated, conversation.touch));
        conversation.updated = updated;
        conversation.touch = touch;
        self.order.insert((updated, touch), index);
    }

    /// Moves a conversation's whole history `secs` into the past (closing its reply window).
    pub fn age(&mut self, index: usize, secs: i64) {
        let conversation = &mut self.conversations[index];
        for message in &mut conversation.messages {
            message.created -= secs;
        }
        conversation.last_buyer_at = conversation.last_buyer_at.map(|at| at - secs);
        let (updated, touch) = (conversation.updated.saturating_sub(secs), conversation.touch);
        self.reorder(index, updated, touch);
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Post {
    pub id: String,
    pub platform: Platform,
    pub caption: String,
    pub permalink: String,
    pub media_type: &'static str,
    pub created: i64,
    pub seq: u64,
    /// Top-level comment ids, oldest first.
    pub comments: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub id: String,
    pub platform: Platform,
    pub post_id: String,
    /// Replies point at their top-level comment.
    pub parent_id: Option<String>,
    /// The commenter's scoped id; None for the shop's own replies.
    pub author: Option<String>,
    pub text: String,
    pub created: i64,
    pub hidden: bool,
    pub seq: u64,
    /// Reply ids, oldest first.
    pub replies: Vec<String>,
    /// A private reply was already sent for this comment.
    pub privately_replied: bool,
}

pub(crate) struct MetaStore {
    pub app: MetaApp,
    pub seed: u64,
    /// Meta activity draws from its own generator so the other services' data stay as they were.
    pub rng: StdRng,
    serial: u64,
    pub instagram: Inbox,
    pub messenger: Inbox,
    /// Oldest first, both platforms.
    pub posts: Vec<Post>,
    post_index: HashMap<String, usize>,
    pub comments: HashMap<String, Comment>,
    pub tokens: MetaTokens,
}

impl MetaStore {
    pub fn new(seed: u64, site: &Site, catalog: &Catalog, now: i64) -> MetaStore {
        let mut store = MetaStore {
            app: MetaApp::new(seed, site, catalog),
            seed,
            rng: StdRng::seed_from_u64(seed ^ 0x3e7a_5eed),
            serial: 0,
            instagram: Inbox::new(),
            messenger: Inbox::new(),
            posts: Vec::new(),
            post_index: HashMap::new(),
            comments: HashMap::new(),
            tokens: MetaTokens::default(),
        };
        // The shop's posts, one every two days or so before the start, oldest first.
        let listings: Vec<_> = catalog.listings.iter().take(10).cloned().collect();
        for (index, listing) in listings.iter().enumerate().rev() {
            let platform = if index % 3 == 2 { Platform::Messenger } else { Platform::Instagram };
            let created = now - (index as i64 + 1) * 172_800 + (mix64(seed ^ index as u64) % 7_200) as i64;
            let caption = meta_phrases::caption(site.lang, listing, index);
            let media_type = ["IMAGE", "CAROUSEL_ALBUM", "IMAGE", "VIDEO"][index % 4];
            store.add_post(platform, caption, media_type, created);
        }
        store
    }

    pub fn inbox(&self, platform: Platform) -> &Inbox {
        match platform {
            Platform::Instagram => &self.instagram,
            Platform::Messenger => &self.messenger,
        }
    }

    pub fn inbox_mut(&mut self, platform: Platform) -> &mut Inbox {
        match platform {
            Platform::Instagram => &mut self.instagram,
            Platform::Messenger => &mut self.messenger,
        }
    }

    pub fn find_conversation(&self, id: &str) -> Option<(Platform, usize)> {
        [Platform::Instagram, Platform::Messenger]
            .into_iter()
            .find_map(|platform| self.inbox(platform).index_of(id).map(|index| (platform, index)))
    }

    pub fn next_serial(&mut self) -> u64 {
        self.serial += 1;
        self.serial
    }

    /// A large id that grows with every call ("17841…", "1790…").
    fn grow(&mut self, base: u64) -> u64 {
        let serial = self.next_serial();
        base + serial * 10_007 + mix64(self.seed ^ serial) % 10_000
    }

    /// An Instagram- or Page-scoped id for a new buyer.
    pub fn new_scoped_id(&mut self, platform: Platform) -> String {
        let base =
            if platform == Platform::Instagram { 6_100_000_000_000_000 } else { 7_300_000_000_000_000 };
        self.grow(base).to_string()
    }

    pub fn new_message_id(&mut self, platform: Platform) -> String {
        let serial = self.next_serial();
        let body = hex32(self.seed ^ 0x3e55, serial);
        match platform {
            Platform::Instagram => URL_SAFE_NO_PAD.encode(format!(
                "ig_item:1:IGMessageData:{}:{}",
                self.app.instagram.user_id,
                &body[..20]
            )),
            Platform::Messenger => format!("m_{}", alnum(self.seed ^ 0x3e55, serial, 43)),
        }
    }

    pub fn new_story_id(&mut self) -> String {
        self.grow(17_850_000_000_000_000).to_string()
    }

    /// The buyer's conversation, opened when it does not exist yet.
    pub fn conversation_for(&mut self, platform: Platform, buyer_id: &str) -> usize {
        if let Some(index) = self.inbox(platform).conversation_of_buyer(buyer_id) {
            return index;
        }
        let id = match platform {
            Platform::Instagram => {
                URL_SAFE_NO_PAD.encode(format!("ig_dm_thread:{}:{buyer_id}", self.app.instagram.user_id))
            }
            Platform::Messenger => {
                format!(
                    "t_{}",
                    10_000_000_000_000_000 + mix64(self.seed ^ hash(buyer_id)) % 80_000_000_000_000_000
                )
            }
        };
        let inbox = self.inbox_mut(platform);
        let index = inbox.conversations.len();
        inbox.conversations.push(Conversation {
            id: id.clone(),
            platform,
            buyer_id: buyer_id.to_owned(),
            messages: Vec::new(),
            updated: i64::MIN,
            touch: 0,
            last_buyer_at: None,
        });
        inbox.by_id.insert(id, index);
        inbox.by_buyer.insert(buyer_id.to_owned(), index);
        index
    }

    /// Adds a message and moves the conversation to the top of the list.
    pub fn push_message(&mut self, platform: Platform, index: usize, message: DirectMessage) {
        let touch = self.next_serial();
        let inbox = self.inbox_mut(platform);
        let conversation = &mut inbox.conversations[index];
        if !message.from_shop {
            conversation.last_buyer_at = Some(message.created);
        }
        let updated = message.created.max(conversation.updated);
        conversation.messages.push(message);
        inbox.reorder(index, updated, touch);
    }

    /// Something changed in the conversation (a reaction, an unsent message): it moves up.
    pub fn touch(&mut self, platform: Platform, index: usize, at: i64) {
        let touch = self.next_serial();
        let inbox = self.inbox_mut(platform);
        let updated = at.max(inbox.conversations[index].updated);
        inbox.reorder(index, updated, touch);
    }

    pub fn add_post(
        &mut self,
        platform: Platform,
        caption: String,
        media_type: &'static str,
        created: i64,
    ) -> String {
        let seq = self.next_serial();
        let (id, permalink) = match platform {
            Platform::Instagram => {
                let id = self.grow(17_900_000_000_000_000).to_string();
                let code = alnum(self.seed ^ 0x5c0d, seq, 11);
                (id, format!("https://www.instagram.com/p/C{code}/"))
            }
            Platform::Messenger => {
                let number = self.grow(122_100_000_000_000_000);
                let id = format!("{}_{number}", self.app.page.id);
                let link = format!("https://www.facebook.com/{}/posts/{number}", self.app.page.id);
                (id, link)
            }
        };
        self.post_index.insert(id.clone(), self.posts.len());
        self.posts.push(Post {
            id: id.clone(),
            platform,
            caption,
            permalink,
            media_type,
            created,
            seq,
            comments: Vec::new(),
        });
        id
    }

    pub fn post(&self, id: &str) -> Option<&Post> {
        self.post_index.get(id).map(|index| &self.posts[*index])
    }

    /// A comment on a post, or a reply (replies to replies go to the top-level comment).
    pub fn add_comment(
        &mut self,
        post_id: &str,
        parent_id: Option<&str>,
        author: Option<String>,
        text: String,
        created: i64,
    ) -> Option<String> {
        let platform = self.post(post_id)?.platform;
        let parent_id = match parent_id {
            Some(parent) => {
                let parent = self.comments.get(parent)?;
                Some(parent.parent_id.clone().unwrap_or_else(|| parent.id.clone()))
            }
            None => None,
        };
        let seq = self.next_serial();
        let id = match platform {
            Platform::Instagram => self.grow(17_800_000_000_000_000).to_string(),
            Platform::Messenger => {
                let post_number = post_id.rsplit('_').next().unwrap_or(post_id).to_owned();
                format!("{post_number}_{}", self.grow(1_000_000_000_000_000))
            }
        };
        let comment = Comment {
            id: id.clone(),
            platform,
            post_id: post_id.to_owned(),
            parent_id: parent_id.clone(),
            author,
            text,
            created,
            hidden: false,
            seq,
            replies: Vec::new(),
            privately_replied: false,
        };
        self.comments.insert(id.clone(), comment);
        match parent_id {
            Some(parent) => {
                if let Some(parent) = self.comments.get_mut(&parent) {
                    parent.replies.push(id.clone());
                }
            }
            None => {
                let index = self.post_index[post_id];
                self.posts[index].comments.push(id.clone());
            }
        }
        Some(id)
    }

    /// The commenter deleted it: it and its replies disappear.
    pub fn delete_comment(&mut self, id: &str) -> bool {
        let Some(comment) = self.comments.remove(id) else { return false };
        for reply in &comment.replies {
            self.comments.remove(reply);
        }
        match &comment.parent_id {
            Some(parent) => {
                if let Some(parent) = self.comments.get_mut(parent) {
                    parent.replies.retain(|reply| reply != id);
                }
            }
            None => {
                if let Some(index) = self.post_index.get(&comment.post_id) {
                    self.posts[*index].comments.retain(|top| top != id);
                }
            }
        }
        true
    }

    /// Comments and replies still there.
    pub fn comment_count(&self, post: &Post) -> usize {
        post.comments.iter().filter_map(|id| self.comments.get(id)).map(|c| 1 + c.replies.len()).sum()
    }
}

/// What an id in a request path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    Conversation,
    Buyer,
    Post,
    Comment,
    Unknown,
}

impl MetaStore {
    /// What an id in a path names, among this platform's objects.
    pub fn kind_of(&self, id: &str, platform: Platform) -> NodeKind {
        let inbox = self.inbox(platform);
        if inbox.index_of(id).is_some() {
            NodeKind::Conversation
        } else if inbox.buyers.contains_key(id) {
            NodeKind::Buyer
        } else if self.post(id).is_some_and(|post| post.platform == platform) {
            NodeKind::Post
        } else if self.comments.get(id).is_some_and(|comment| comment.platform == platform) {
            NodeKind::Comment
        } else {
            NodeKind::Unknown
        }
    }
}

/// FNV-1a: a stable hash of a text (std's hasher is randomised per process).
fn hash(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::IdSeq;

    fn store() -> MetaStore {
        let site = Site::find("MLA").expect("site");
        let mut rng = StdRng::seed_from_u64(3);
        let catalog = Catalog::new(&site, &mut rng, &mut IdSeq::new(3));
        MetaStore::new(3, &site, &catalog, 1_795_000_000)
    }

    #[test]
    fn conversations_list_newest_first_and_page_by_position() {
        let mut store = store();
        let mut ids = Vec::new();
        for n in 0..5 {
            let buyer = store.new_scoped_id(Platform::Instagram);
            let index = store.conversation_for(Platform::Instagram, &buyer);
            let message =
                DirectMessage { id: format!("m{n}"), created: 1_000 + n, ..DirectMessage::default() };
            store.push_message(Platform::Instagram, index, message);
            ids.push(index);
        }
        // The oldest one gets a new message: it goes to the top.
        store.push_message(
            Platform::Instagram,
            ids[0],
            DirectMessage { created: 2_000, ..DirectMessage::default() },
        );
        let inbox = &store.instagram;
        let (first, more) = inbox.page(None, 3);
        assert_eq!(first, [ids[0], ids[4], ids[3]]);
        assert!(more);
        let last = &inbox.conversations[first[2]];
        let (rest, more) = inbox.page(Some((last.updated, last.touch)), 3);
        assert_eq!(rest, [ids[2], ids[1]]);
        assert!(!more);
        assert_eq!(inbox.conversations[ids[0]].last_buyer_at, Some(2_000));
    }

    #[test]
    fn replies_nest_under_the_top_level_comment_and_deletions_cascade() {
        let mut store = store();
        let post = store.posts.iter().find(|p| p.platform == Platform::Instagram).expect("post").id.clone();
        let top = store.add_comment(&post, None, Some("1".into()), "precio?".into(), 1).expect("comment");
        let reply = store.add_comment(&post, Some(&top), None, "$9500".into(), 2).expect("reply");
        let again =
            store.add_comment(&post, Some(&reply), Some("1".into()), "gracias".into(), 3).expect("reply");
        assert_eq!(store.comments[&again].parent_id.as_deref(), Some(top.as_str()));
        assert_eq!(store.comment_count(store.post(&post).expect("post")), 3);
        assert!(store.delete_comment(&top));
        assert!(store.comments.is_empty());
        assert_eq!(store.comment_count(store.post(&post).expect("post")), 0);
    }
}
