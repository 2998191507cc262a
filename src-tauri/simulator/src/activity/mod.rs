//! Buyer activity: what to generate, and what was generated.

pub(crate) mod catalog;
pub(crate) mod chats;
pub(crate) mod generator;
pub(crate) mod history;
pub(crate) mod marketplace;
pub(crate) mod meta;
pub(crate) mod meta_phrases;
pub(crate) mod phrases;

use serde::{Deserialize, Serialize};

/// How much buyer activity to add now. Default: nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Activity {
    /// New pre-sale questions (UNANSWERED) on the seller's listings.
    pub questions: u32,
    /// Buyer messages in post-sale packs (some in new orders' packs, some in existing ones).
    pub post_sale_messages: u32,
    /// Orders placed (with their pack, or alone when the purchase is a single order).
    pub new_orders: u32,
    /// Messages to the shop's bot in plain chats.
    pub telegram_messages: u32,
    /// Messages in the seller's business chats (the business connection comes first if needed).
    pub business_messages: u32,
    /// Buyers writing back after the seller's answer, message, Telegram, Instagram or Messenger
    /// reply (at most one per reply of the seller; fewer when the seller has not replied to enough
    /// buyers).
    pub replies_to_answers: u32,
    /// Buyer messages in Instagram DMs: text, photos, a video, story replies and mentions, shared
    /// posts, kinds the API cannot show; now and then the buyer also reacts to the shop's last
    /// message or unsends an earlier one.
    pub instagram_messages: u32,
    /// Buyer messages to the Facebook Page (as on Instagram, without stories; files instead).
    pub messenger_messages: u32,
    /// Comments on the shop's Instagram posts (prices, sizes, "info por DM", praise, some spam).
    pub instagram_comments: u32,
    /// Comments on the Page's posts.
    pub facebook_comments: u32,
    /// New Instagram conversations of `messages_per_conversation` messages each, seeded at once
    /// (buyer and shop alternating, the buyer last): a quick start for benches.
    pub instagram_conversations: u32,
    /// The same on Messenger.
    pub messenger_conversations: u32,
    /// Messages in each seeded conversation (at least 1).
    pub messages_per_conversation: u32,
}

/// What [`crate::Simulator::generate`] added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityReport {
    /// New question ids (follow-up questions included).
    pub question_ids: Vec<i64>,
    /// Pack (or order) ids that got a buyer message, once each, in order.
    pub pack_ids: Vec<i64>,
    /// Buyer messages added to packs (follow-ups included).
    pub pack_messages: u32,
    /// New order ids (orders created for post-sale messages included).
    pub order_ids: Vec<i64>,
    /// Telegram update ids queued (business connection, messages, follow-ups).
    pub telegram_update_ids: Vec<i64>,
    /// How many of the requested replies to the seller could be generated.
    pub replies_to_answers: u32,
    /// Instagram conversations that got something new (a message, a reaction, an unsend), once
    /// each, in order.
    pub instagram_conversation_ids: Vec<String>,
    pub messenger_conversation_ids: Vec<String>,
    /// Messages added to Instagram conversations (buyer messages, follow-ups and every message of
    /// seeded conversations).
    pub instagram_messages: u32,
    pub messenger_messages: u32,
    /// New comments on the shop's posts, both platforms.
    pub comment_ids: Vec<String>,
}
