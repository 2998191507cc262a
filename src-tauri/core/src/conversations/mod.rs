//! What the seller does to conversations many times a day: statuses and snoozes, reply targets
//! counted in shop hours, pins and tags one at a time or in bulk, drafts and open tabs kept across
//! restarts, and a conversation's messages a window at a time. Also the aggregates every writer
//! keeps (who waits since when) and the per-status counters the inbox tabs read.

pub(crate) mod aggregates;
mod bulk;
pub(crate) mod drafts;
pub(crate) mod messages;
pub(crate) mod shop_hours;
pub(crate) mod snooze;
pub(crate) mod status;
pub(crate) mod status_counts;
mod tabs;
pub(crate) mod targets;
mod types;

pub use types::*;

use crate::vocabulary::{ConversationStatus, UnixSeconds};
use crate::{Mostrador, Result};

impl Mostrador {
    pub fn conversation_id_by_ref(&self, account_id: i64, external_ref: &str) -> Result<Option<i64>> {
        self.read(|tx| status::id_by_ref(tx, account_id, external_ref))
    }

    /// The conversation's account and its key on the channel (question id, pack id, chat id).
    pub fn conversation_channel_ref(&self, conversation_id: i64) -> Result<(i64, String)> {
        self.read(|tx| status::channel_ref(tx, conversation_id))
    }

    /// `snoozed_until` only with `Snoozed` (then `None` snoozes until the buyer writes).
    pub fn set_status(
        &self,
        conversation_id: i64,
        status: ConversationStatus,
        snoozed_until: Option<UnixSeconds>,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| status::set_status(tx, conversation_id, status, snoozed_until, now))
    }

    pub fn set_tags(&self, conversation_id: i64, tags: &[String]) -> Result<()> {
        self.write(|tx| status::set_tags(tx, conversation_id, tags))
    }

    pub fn set_pinned(&self, conversation_id: i64, pinned: bool) -> Result<()> {
        self.write(|tx| status::set_pinned(tx, conversation_id, pinned))
    }

    pub fn mark_read(&self, conversation_id: i64) -> Result<()> {
        self.write(|tx| status::mark_read(tx, conversation_id))
    }

    /// Snoozes until a preset, a date's morning (shop time zone) or, with `UntilReply`, until the
    /// buyer writes.
    pub fn snooze(&self, conversation_id: i64, choice: &SnoozeChoice, now: UnixSeconds) -> Result<()> {
        self.write(|tx| snooze::snooze(tx, conversation_id, choice, now))
    }

    /// The snooze menu's presets with the times they stand for at `now`.
    pub fn snooze_options(&self, now: UnixSeconds) -> Result<Vec<SnoozeOption>> {
        self.read(|tx| snooze::options(tx, now))
    }

    /// Snoozed conversations whose time has come go back to needs-reply; returns how many. The shell
    /// calls it every minute.
    pub fn wake_snoozed(&self, now: UnixSeconds) -> Result<u32> {
        self.write(|tx| snooze::wake(tx, now))
    }

    /// One action on many conversations in one transaction (all or nothing); returns how many.
    pub fn bulk(&self, conversation_ids: &[i64], action: &BulkAction, now: UnixSeconds) -> Result<u32> {
        self.write(|tx| bulk::apply(tx, conversation_ids, action, now))
    }

    pub fn add_tag(&self, conversation_id: i64, tag: &str, now: UnixSeconds) -> Result<()> {
        let action = BulkAction::AddTag { tag: tag.to_owned() };
        self.write(|tx| bulk::apply(tx, &[conversation_id], &action, now)).map(|_| ())
    }

    pub fn remove_tag(&self, conversation_id: i64, tag: &str, now: UnixSeconds) -> Result<()> {
        let action = BulkAction::RemoveTag { tag: tag.to_owned() };
        self.write(|tx| bulk::apply(tx, &[conversation_id], &action, now)).map(|_| ())
    }

    /// Older messages of a conversation, before `before_message_id`, oldest first; and whether there
    /// are more still.
    pub fn older_messages(
        &self,
        conversation_id: i64,
        before_message_id: i64,
        limit: u32,
    ) -> Result<(Vec<MessageView>, bool)> {
        self.read(|tx| messages::messages(tx, conversation_id, Some(before_message_id), limit.min(1000)))
    }

    /// Saves the composer's text (an empty text removes the draft).
    pub fn save_draft(&self, conversation_id: i64, text: &str, now: UnixSeconds) -> Result<()> {
        self.write(|tx| drafts::save(tx, conversation_id, text, now))
    }

    pub fn draft(&self, conversation_id: i64) -> Result<Option<Draft>> {
        self.read(|tx| drafts::get(tx, conversation_id))
    }

    /// Every draft, most recently edited first.
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.read(drafts::all)
    }

    /// Remembers the conversations open as tabs, in order (at most 30; repeats dropped).
    pub fn save_open_tabs(&self, conversation_ids: &[i64]) -> Result<()> {
        self.write(|tx| tabs::save(tx, conversation_ids))
    }

    /// The tabs saved last, without conversations that no longer exist.
    pub fn open_tabs(&self) -> Result<Vec<i64>> {
        self.read(tabs::load)
    }

    pub fn triage_settings(&self) -> Result<TriageSettings> {
        self.read(targets::load_settings)
    }

    pub fn save_triage_settings(&self, settings: &TriageSettings) -> Result<()> {
        self.write(|tx| targets::save_settings(tx, settings))
    }
}
