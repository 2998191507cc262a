//! The simulator over real HTTP, the way the connectors will use it.

mod activity;
mod admin;
mod common;
mod etsy;
mod faults;
mod meta_activity;
mod meta_comments;
mod meta_common;
mod meta_faults;
mod meta_messages;
mod meta_oauth;
mod microsoft;
mod ml_oauth;
mod ml_orders;
mod ml_packs;
mod ml_questions;
mod ml_reputation;
mod telegram;
