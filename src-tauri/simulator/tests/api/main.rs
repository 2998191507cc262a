//! The simulator over real HTTP, the way the connectors will use it.

mod activity;
mod admin;
mod common;
mod faults;
mod ml_oauth;
mod ml_orders;
mod ml_packs;
mod ml_questions;
mod telegram;
