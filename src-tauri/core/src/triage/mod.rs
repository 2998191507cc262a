//! Triage: what the seller does to many conversations a day — statuses and snoozes, reply targets,
//! pins and tags one at a time or in bulk, drafts, replies copied to paste elsewhere, the tab counts,
//! search hits with their highlights, and the alerts behind desktop notifications.

pub(crate) mod alerts;
pub(crate) mod bulk;
pub(crate) mod copied_reply;
pub(crate) mod drafts;
pub(crate) mod open_tabs;
pub(crate) mod search_hits;
pub(crate) mod shop_hours;
pub(crate) mod snooze;
pub(crate) mod status_counts;
pub(crate) mod targets;
