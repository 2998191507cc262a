//! What desktop notifications say: new messages since the last look, grouped, and conversations whose
//! wait has just passed the reply target. Quiet hours silence both; the shell asks once a minute.

use rusqlite::{Transaction, params};

use crate::Result;
use crate::conversations::shop_hours::WaitClock;
use crate::conversations::snooze::ShopClock;
use crate::conversations::targets::TargetRules;
use crate::conversations::{status_counts, targets};
use crate::inbox::TriageAlerts;
use crate::inbox::list::inbox_row_with;
use crate::vocabulary::{ConversationKind, UnixSeconds};

const NAMES: usize = 3;
const MAX_LATE: usize = 20;
/// How much longer than its target a wait can take to cross it in shop hours (weekends, holidays).
const SHOP_HOURS_LOOKBACK: i64 = 21 * 86_400;

/// New incoming messages after `after_message_id` (none on the first call, `None`: that call only
/// sets the mark), and conversations that became late in `(since, now]`.
pub(crate) fn since(
    tx: &Transaction<'_>,
    after_message_id: Option<i64>,
    since: UnixSeconds,
    now: UnixSeconds,
) -> Result<TriageAlerts> {
    let settings = targets::load_settings(tx)?;
    let last_message_id: i64 =
        tx.prepare_cached("SELECT coalesce(max(id), 0) FROM messages")?.query_row([], |row| row.get(0))?;
    let mut alerts = TriageAlerts {
        new_messages: 0,
        new_conversations: 0,
        buyers: Vec::new(),
        newly_late: Vec::new(),
        quiet: false,
        needs_reply: status_counts::of(tx, crate::vocabulary::ConversationStatus::NeedsReply)?,
        last_message_id,
    };
    if let Some(quiet) = &settings.quiet_hours {
        alerts.quiet = ShopClock::load(tx)?.within(now, &quiet.start, &quiet.end)?;
    }
    if let Some(after) = after_message_id {
        let (messages, conversations): (i64, i64) = tx
            .prepare_cached(
                "SELECT count(*), count(DISTINCT conversation_id) FROM messages
                  WHERE id > ?1 AND id <= ?2 AND direction = 'incoming'",
            )?
            .query_row(params![after, last_message_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        alerts.new_messages = messages as u32;
        alerts.new_conversations = conversations as u32;
        alerts.buyers = tx
            .prepare_cached(
                "SELECT b.display_name FROM messages m
                   JOIN conversations c ON c.id = m.conversation_id JOIN buyers b ON b.id = c.buyer_id
                  WHERE m.id > ?1 AND m.id <= ?2 AND m.direction = 'incoming'
                  GROUP BY c.id ORDER BY max(m.id) DESC LIMIT ?3",
            )?
            .query_map(params![after, last_message_id, NAMES as i64], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    // Each target in turn: the waits that started in (since - target, now - target] crossed it now on
    // the wall clock; in shop hours a wait crosses later, so older starts are looked at too and each
    // is checked against the clock.
    let rules = TargetRules::load(tx)?;
    let lookback = match rules.clock {
        WaitClock::Wall => 0,
        WaitClock::ShopHours(_) => SHOP_HOURS_LOOKBACK,
    };
    'targets: for (channel, kind, target) in targets::all_targets(&rules.targets) {
        let kind_condition = match (channel, kind) {
            (crate::vocabulary::ChannelKind::MercadoLibre, Some(ConversationKind::PreSaleQuestion)) => {
                "AND c.kind = 'pre_sale_question'"
            }
            (crate::vocabulary::ChannelKind::MercadoLibre, _) => "AND c.kind <> 'pre_sale_question'",
            _ => "",
        };
        let ids: Vec<(i64, i64)> = tx
            .prepare_cached(&format!(
                "SELECT c.id, c.waiting_since FROM conversations c
                  WHERE c.status = 'needs_reply' AND c.waiting_since > ?1 AND c.waiting_since <= ?2
                    AND c.account_id IN (SELECT id FROM accounts WHERE channel = ?3) {kind_condition}
                  ORDER BY c.waiting_since"
            ))?
            .query_map(params![since - target - lookback, now - target, channel.as_str()], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (id, waiting_since) in ids {
            let late_now = rules.clock.counted(waiting_since, now, target) >= target;
            if !late_now || rules.clock.counted(waiting_since, since, target) >= target {
                continue;
            }
            if alerts.newly_late.len() >= MAX_LATE {
                break 'targets;
            }
            if let Some(row) = inbox_row_with(tx, id, now, &rules)? {
                alerts.newly_late.push(row);
            }
        }
    }
    Ok(alerts)
}
