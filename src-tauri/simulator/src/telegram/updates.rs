//! `getUpdates` long polling (offset confirms, limit 1–100, timeout returns as soon as an update
//! arrives, allowed_updates remembered), `getMe` and the webhook switch that blocks polling.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::time::Instant;

use super::error::TgError;
use crate::params::Params;
use crate::state::Shared;

/// Telegram answers long polls for at most about 50 seconds.
const MAX_TIMEOUT_SECS: i64 = 50;

pub(crate) fn get_me(sim: &Shared) -> Value {
    let mut me = sim.bot.user_json();
    me["can_join_groups"] = json!(true);
    me["can_read_all_group_messages"] = json!(false);
    me["supports_inline_queries"] = json!(false);
    me["can_connect_to_business"] = json!(true);
    me["has_main_web_app"] = json!(false);
    me
}

pub(crate) fn set_webhook(sim: &Shared, params: &Params) -> Result<Value, TgError> {
    let url = params.str("url").unwrap_or_default();
    let mut world = sim.world();
    if url.is_empty() {
        world.telegram.webhook = None;
        return Ok(json!(true));
    }
    if !url.starts_with("https://") {
        return Err(TgError::bad_request("bad webhook: An HTTPS URL must be provided for webhook"));
    }
    world.telegram.webhook = Some(url);
    Ok(json!(true))
}

pub(crate) fn delete_webhook(sim: &Shared, params: &Params) -> Value {
    let mut world = sim.world();
    world.telegram.webhook = None;
    if params.str("drop_pending_updates").as_deref() == Some("true") {
        world.telegram.updates.clear();
    }
    json!(true)
}

pub(crate) fn webhook_info(sim: &Shared) -> Value {
    let world = sim.world();
    json!({
        "url": world.telegram.webhook.clone().unwrap_or_default(),
        "has_custom_certificate": false,
        "pending_update_count": world.telegram.updates.len(),
    })
}

fn allowed_updates(value: &Value) -> Option<Vec<String>> {
    let list = match value {
        Value::String(text) => serde_json::from_str::<Value>(text).ok()?,
        other => other.clone(),
    };
    list.as_array().map(|kinds| kinds.iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

pub(crate) async fn get_updates(sim: &Shared, params: &Params) -> Result<Value, TgError> {
    let offset = params.i64("offset");
    let limit = params.i64("limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = params.i64("timeout").unwrap_or(0).clamp(0, MAX_TIMEOUT_SECS);
    let deadline = Instant::now() + Duration::from_secs(timeout as u64);
    let generation = {
        let mut world = sim.world();
        if world.telegram.webhook.is_some() {
            return Err(TgError::new(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            ));
        }
        if let Some(kinds) = params.get("allowed_updates").and_then(allowed_updates) {
            world.telegram.allowed = Some(kinds);
        }
        world.telegram.poll_generation += 1;
        world.telegram.poll_generation
    };
    // A poll still waiting from before is superseded by this one.
    sim.telegram_wake.notify_waiters();
    loop {
        let woken = sim.telegram_wake.notified();
        {
            let mut world = sim.world();
            if world.telegram.poll_generation != generation {
                return Err(TgError::new(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                ));
            }
            world.telegram.confirm(offset, sim.now());
            let updates = world.telegram.deliverable(limit);
            if !updates.is_empty() || Instant::now() >= deadline {
                return Ok(Value::Array(updates));
            }
        }
        tokio::select! {
            _ = woken => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}
