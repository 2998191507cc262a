//! One conversation's messages and what the seller does to it: statuses, snoozes, reply targets,
//! bulk actions and drafts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::text_enum;
use crate::vocabulary::{ConversationStatus, Direction, MessageStatus, UnixSeconds};

/// A file attached to a message, as channels give it and the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttachmentInput {
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    /// Path inside the app's data folder when the file was kept.
    pub local_path: Option<String>,
    /// The channel's id or URL for it, when it was not downloaded.
    pub remote_ref: Option<String>,
    /// What it is besides a file, when a channel says so (a reply to the shop's story, a shared post).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional = nullable)]
    pub kind: Option<AttachmentKind>,
}

text_enum!(
    /// What a message carries that is not a plain file.
    AttachmentKind {
        /// The buyer answered one of the shop's stories (`remote_ref`: the story).
        StoryReply = "story_reply",
        /// The buyer mentioned the shop in their story.
        StoryMention = "story_mention",
        /// A post or reel the buyer shared (`remote_ref`: its link).
        Share = "share",
        /// Something the channel's API cannot show (a voice note, a sticker): seen in the channel's app.
        Unsupported = "unsupported",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AttachmentView {
    pub file_name: String,
    pub mime_type: Option<String>,
    #[ts(type = "number | null")]
    pub size_bytes: Option<i64>,
    pub local_path: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub kind: Option<AttachmentKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MessageView {
    #[ts(type = "number")]
    pub id: i64,
    pub direction: Direction,
    pub author: String,
    pub text: String,
    #[ts(type = "number")]
    pub sent_at: UnixSeconds,
    pub status: MessageStatus,
    pub attachments: Vec<AttachmentView>,
    /// The order thread this message belongs to, if any.
    #[ts(type = "number | null")]
    pub order_id: Option<i64>,
    /// Why a reply the app sent failed: the outbox's error code (the UI translates it).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub failure: Option<String>,
    /// The channel's moderation reason for a moderated or rejected reply.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub moderation_reason: Option<String>,
    /// When the buyer deleted it on the channel (the text is kept).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub deleted_at: Option<UnixSeconds>,
    /// Reactions to it on the channel ("❤️", "love"), as the channel names them.
    #[serde(default)]
    pub reactions: Vec<String>,
    /// Where the quoted history of a mail starts in `text`, in UTF-16 units: shown folded.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub quote_start: Option<u32>,
}

text_enum!(
    /// How long the buyer has waited compared with the channel's reply target.
    TargetLevel {
        Ok = "ok",
        /// At least 75 % of the target has gone by.
        Near = "near",
        /// The target has passed.
        Late = "late",
    }
);

/// Reply targets per channel, in seconds; editable in the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReplyTargets {
    #[ts(type = "number")]
    pub ml_pre_sale: i64,
    #[ts(type = "number")]
    pub ml_post_sale: i64,
    #[ts(type = "number")]
    pub instagram: i64,
    #[ts(type = "number")]
    pub messenger: i64,
    #[ts(type = "number")]
    pub whatsapp: i64,
    #[ts(type = "number")]
    pub telegram: i64,
    #[ts(type = "number")]
    pub etsy: i64,
    #[ts(type = "number")]
    pub email: i64,
    #[ts(type = "number")]
    pub other: i64,
}

impl Default for ReplyTargets {
    fn default() -> Self {
        const HOUR: i64 = 3600;
        ReplyTargets {
            ml_pre_sale: HOUR,
            ml_post_sale: 4 * HOUR,
            instagram: 2 * HOUR,
            messenger: 2 * HOUR,
            whatsapp: 2 * HOUR,
            telegram: 2 * HOUR,
            etsy: 24 * HOUR,
            email: 24 * HOUR,
            other: 24 * HOUR,
        }
    }
}

/// Hours in which desktop notifications stay silent, `HH:MM` in the shop's time zone; `start` after
/// `end` spans midnight (22:00–08:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TriageSettings {
    pub reply_targets: ReplyTargets,
    pub quiet_hours: Option<QuietHours>,
}

text_enum!(
    /// The snooze menu's ready-made choices.
    SnoozePreset {
        /// Three hours from now, on the hour.
        LaterToday = "later_today",
        /// Tomorrow at the shop's opening time (08:00 when it has none).
        TomorrowMorning = "tomorrow_morning",
        /// Next Monday at the shop's opening time.
        NextWeek = "next_week",
    }
);

/// How long to snooze: a preset, a date (its morning), or until the buyer writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SnoozeChoice {
    Preset {
        preset: SnoozePreset,
    },
    /// `YYYY-MM-DD` in the shop's time zone.
    Date {
        date: String,
    },
    UntilReply,
}

/// One line of the snooze menu, with the time the core computed for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnoozeOption {
    pub preset: SnoozePreset,
    #[ts(type = "number")]
    pub until: UnixSeconds,
}

/// What a bulk action does to every selected conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BulkAction {
    /// Needs reply, waiting for buyer or done (snoozing goes through `Snooze`).
    SetStatus {
        status: ConversationStatus,
    },
    Snooze {
        choice: SnoozeChoice,
    },
    AddTag {
        tag: String,
    },
    RemoveTag {
        tag: String,
    },
    Pin {
        pinned: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Draft {
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub text: String,
    #[ts(type = "number")]
    pub updated_at: UnixSeconds,
}
