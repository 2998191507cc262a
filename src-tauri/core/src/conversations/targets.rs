//! Reply targets: how long a buyer may wait on each channel before the row turns amber and red.
//! Stored with the other triage settings as one JSON value in `settings`.

use rusqlite::{OptionalExtension, Transaction};

use crate::conversations::shop_hours::WaitClock;
use crate::conversations::{QuietHours, ReplyTargets, TargetLevel, TriageSettings};
use crate::vocabulary::{ChannelKind, ConversationKind, ConversationStatus};
use crate::{Error, Result};

const KEY: &str = "triage";
/// The share of the target after which a wait is "near".
const NEAR_PERCENT: i64 = 75;

pub(crate) fn load_settings(tx: &Transaction<'_>) -> Result<TriageSettings> {
    let json: Option<String> = tx
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |row| row.get(0))
        .optional()?;
    Ok(match json {
        Some(json) => serde_json::from_str(&json)?,
        None => TriageSettings::default(),
    })
}

/// The targets and the clock that counts waits against them, loaded once per read.
pub(crate) struct TargetRules {
    pub(crate) targets: ReplyTargets,
    pub(crate) clock: WaitClock,
}

impl TargetRules {
    pub(crate) fn load(tx: &Transaction<'_>) -> Result<TargetRules> {
        Ok(TargetRules { targets: load_settings(tx)?.reply_targets, clock: WaitClock::load(tx)? })
    }
}

pub(crate) fn save_settings(tx: &Transaction<'_>, settings: &TriageSettings) -> Result<()> {
    check(settings)?;
    tx.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute((KEY, serde_json::to_string(settings)?))?;
    Ok(())
}

fn check(settings: &TriageSettings) -> Result<()> {
    let t = &settings.reply_targets;
    let all = [
        t.ml_pre_sale,
        t.ml_post_sale,
        t.instagram,
        t.messenger,
        t.whatsapp,
        t.telegram,
        t.etsy,
        t.email,
        t.other,
    ];
    // A minute to a month: anything else is a typo.
    if all.iter().any(|&seconds| !(60..=31 * 24 * 3600).contains(&seconds)) {
        return Err(Error::InvalidInput("a reply target must be between a minute and a month".into()));
    }
    if let Some(QuietHours { start, end }) = &settings.quiet_hours {
        for time in [start, end] {
            if crate::conversations::snooze::parse_hh_mm(time).is_none() {
                return Err(Error::InvalidInput(format!("{time:?} is not a time (HH:MM)")));
            }
        }
    }
    Ok(())
}

pub(crate) fn target_for(targets: &ReplyTargets, channel: ChannelKind, kind: ConversationKind) -> i64 {
    match channel {
        ChannelKind::MercadoLibre if kind == ConversationKind::PreSaleQuestion => targets.ml_pre_sale,
        ChannelKind::MercadoLibre => targets.ml_post_sale,
        ChannelKind::Instagram => targets.instagram,
        ChannelKind::Messenger => targets.messenger,
        ChannelKind::WhatsApp => targets.whatsapp,
        ChannelKind::Telegram => targets.telegram,
        ChannelKind::Etsy => targets.etsy,
        ChannelKind::Email => targets.email,
        ChannelKind::Other => targets.other,
    }
}

/// Only a conversation that needs a reply and has a buyer waiting has a level.
pub(crate) fn level(status: ConversationStatus, waiting: Option<i64>, target: i64) -> Option<TargetLevel> {
    let waiting = waiting.filter(|_| status == ConversationStatus::NeedsReply)?;
    Some(if waiting >= target {
        TargetLevel::Late
    } else if waiting * 100 >= target * NEAR_PERCENT {
        TargetLevel::Near
    } else {
        TargetLevel::Ok
    })
}

/// Every (channel, kind) target there is, for queries that look at all of them.
pub(crate) fn all_targets(targets: &ReplyTargets) -> Vec<(ChannelKind, Option<ConversationKind>, i64)> {
    ChannelKind::ALL
        .iter()
        .flat_map(|&channel| {
            if channel == ChannelKind::MercadoLibre {
                vec![
                    (channel, Some(ConversationKind::PreSaleQuestion), targets.ml_pre_sale),
                    (channel, None, targets.ml_post_sale),
                ]
            } else {
                vec![(channel, None, target_for(targets, channel, ConversationKind::Chat))]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_turn_at_three_quarters_and_at_the_target() {
        let needs = ConversationStatus::NeedsReply;
        assert_eq!(level(needs, Some(0), 3600), Some(TargetLevel::Ok));
        assert_eq!(level(needs, Some(2699), 3600), Some(TargetLevel::Ok));
        assert_eq!(level(needs, Some(2700), 3600), Some(TargetLevel::Near));
        assert_eq!(level(needs, Some(3599), 3600), Some(TargetLevel::Near));
        assert_eq!(level(needs, Some(3600), 3600), Some(TargetLevel::Late));
        assert_eq!(level(needs, None, 3600), None);
        assert_eq!(level(ConversationStatus::Done, Some(9999), 3600), None);
    }

    #[test]
    fn mercado_libre_questions_and_sales_have_their_own_targets() {
        let t = ReplyTargets::default();
        assert_eq!(target_for(&t, ChannelKind::MercadoLibre, ConversationKind::PreSaleQuestion), 3600);
        assert_eq!(target_for(&t, ChannelKind::MercadoLibre, ConversationKind::PostSale), 4 * 3600);
        assert_eq!(target_for(&t, ChannelKind::Instagram, ConversationKind::Chat), 2 * 3600);
        assert_eq!(target_for(&t, ChannelKind::Email, ConversationKind::Email), 24 * 3600);
    }
}
