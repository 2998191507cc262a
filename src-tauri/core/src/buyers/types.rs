//! Buyers across channels: who they are on each, and the merges the seller made or refused.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::vocabulary::text_enum;
use crate::vocabulary::{ChannelKind, UnixSeconds};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IdentityView {
    #[ts(type = "number")]
    pub account_id: i64,
    pub channel: ChannelKind,
    pub account_name: String,
    pub external_id: String,
    pub display_name: String,
    pub handle: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BuyerView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub identities: Vec<IdentityView>,
}

text_enum!(
    MergeReasonKind {
        /// The same phone line, however it was written.
        SamePhone = "same_phone",
        /// The same e-mail address, ignoring case.
        SameEmail = "same_email",
        /// The same full name on two channels, ignoring case and accents.
        SameName = "same_name",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeReason {
    pub kind: MergeReasonKind,
    /// What matched, as the seller can recognise it (`+5493515551234`, `caro@mail.com`, `Carolina Méndez`).
    pub value: String,
}

/// Another buyer who is probably the same person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeSuggestion {
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub name: String,
    pub channels: Vec<ChannelKind>,
    pub reasons: Vec<MergeReason>,
}

/// A merge into this buyer that can be undone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MergeRecord {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub source_buyer_id: i64,
    pub source_name: String,
    pub reasons: Vec<MergeReason>,
    #[ts(type = "number")]
    pub merged_at: UnixSeconds,
    pub identities: u32,
    pub conversations: u32,
    pub orders: u32,
}

/// A buyer the seller said is not the same person as the one whose page is open: no longer
/// suggested for a merge; listed so the seller can undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DismissedMerge {
    #[ts(type = "number")]
    pub buyer_id: i64,
    pub name: String,
    /// Where the other buyer writes: two people often share a name, the channels tell them apart.
    pub channels: Vec<ChannelKind>,
    #[ts(type = "number")]
    pub dismissed_at: UnixSeconds,
}
