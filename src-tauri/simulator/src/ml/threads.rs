//! Post-sale threads, one per pack (or per order without a pack): messages oldest first, the
//! unread count, the block, and the messaging agent where the site has one.

use std::collections::{BTreeSet, HashMap};

use crate::ids::hex32;
use crate::state::World;

/// The messaging agent's user id on sites that have it (unverified upstream; any stable id does).
pub(crate) const AGENT_USER_ID: i64 = 3_001_847_732;

#[derive(Debug, Clone)]
pub(crate) struct PackMessage {
    pub id: String,
    pub from: i64,
    pub to: i64,
    pub text: String,
    /// "available", "moderated" or "rejected".
    pub status: &'static str,
    pub moderation_reason: Option<&'static str>,
    pub created: i64,
    pub read: Option<i64>,
    pub ids_as_strings: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Thread {
    /// The pack id, or the order id when the order has no pack.
    pub key: i64,
    pub buyer_id: i64,
    /// Some on messaging-agent packs: buyer messages come from the agent, replies go to it.
    pub agent_id: Option<i64>,
    pub shipping_id: i64,
    pub messages: Vec<PackMessage>,
    pub blocked: Option<String>,
    pub status_date: i64,
    pub unread: u32,
    /// Action-guide options already used (each may open the conversation once).
    pub used_options: Vec<String>,
}

impl Thread {
    /// Who the seller's messages must be addressed to.
    pub fn counterpart(&self) -> i64 {
        self.agent_id.unwrap_or(self.buyer_id)
    }
}

#[derive(Default)]
pub(crate) struct ThreadStore {
    by_key: HashMap<i64, Thread>,
    unread_keys: BTreeSet<i64>,
    /// Open threads for picking where the next buyer message goes.
    pub open_keys: Vec<i64>,
}

impl ThreadStore {
    pub fn insert(&mut self, thread: Thread) {
        if thread.blocked.is_none() {
            self.open_keys.push(thread.key);
        }
        self.by_key.insert(thread.key, thread);
    }

    /// Threads with unread buyer messages, newest pack first.
    pub fn unread(&self) -> impl Iterator<Item = &Thread> {
        self.unread_keys.iter().rev().filter_map(|key| self.by_key.get(key))
    }

    pub fn get(&self, key: i64) -> Option<&Thread> {
        self.by_key.get(&key)
    }

    pub fn get_mut(&mut self, key: i64) -> Option<&mut Thread> {
        self.by_key.get_mut(&key)
    }

    pub fn add_buyer_message(&mut self, key: i64, message: PackMessage) {
        if let Some(thread) = self.by_key.get_mut(&key) {
            thread.messages.push(message);
            thread.unread += 1;
            self.unread_keys.insert(key);
        }
    }

    pub fn block(&mut self, key: i64, substatus: &str, now: i64) -> bool {
        let Some(thread) = self.by_key.get_mut(&key) else { return false };
        thread.blocked = Some(substatus.to_owned());
        thread.status_date = now;
        self.open_keys.retain(|open| *open != key);
        true
    }

    /// Marks the buyer's unread messages at positions `range` (oldest = 0) as read.
    pub fn mark_read(&mut self, key: i64, range: std::ops::Range<usize>, seller_id: i64, now: i64) {
        let Some(thread) = self.by_key.get_mut(&key) else { return };
        for message in &mut thread.messages[range] {
            if message.read.is_none() && message.from != seller_id {
                message.read = Some(now);
                thread.unread = thread.unread.saturating_sub(1);
            }
        }
        if thread.unread == 0 {
            self.unread_keys.remove(&key);
        }
    }
}

pub(crate) fn new_message_id(world: &mut World) -> String {
    let serial = world.ids.next_serial();
    hex32(world.ids.seed, serial)
}
