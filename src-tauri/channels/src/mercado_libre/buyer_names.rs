//! Names for the buyers who ask: the questions feed carries only the asker's numeric id, so the
//! nickname comes from the public profile (`GET /users/<id>`), once per buyer, and not at all for a
//! buyer the store already knows by nickname (a returning customer, an earlier round). Lookups are
//! capped per minute so a first sync of a busy shop stays far below the 500 requests a minute.

use std::collections::HashMap;

use serde_json::Value;

use super::MercadoLibre;
use crate::sync::context::{Ctx, blocking};
use crate::{ChannelError, lenient};

/// Profile lookups in one minute at most; the buyers beyond wait for a later round.
const LOOKUPS_PER_MINUTE: u32 = 30;

/// What a question's asker is called in this batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum AskerName {
    /// The store knows the buyer by nickname already: keep it (and whatever the seller renamed).
    Stored(String),
    /// The nickname from the profile.
    Nickname(String),
    /// Not known yet: "Comprador <id>" (the word is the same in Spanish and Portuguese); a later
    /// round replaces it with the nickname.
    Unknown,
}

impl AskerName {
    /// The display name, the handle and the author of the buyer's messages.
    pub(super) fn identity(&self, buyer_id: &str) -> (String, Option<String>, String) {
        match self {
            // An empty name keeps the stored one.
            AskerName::Stored(name) => (String::new(), None, name.clone()),
            AskerName::Nickname(nickname) => (nickname.clone(), Some(nickname.clone()), nickname.clone()),
            AskerName::Unknown => {
                let name = fallback_name(buyer_id);
                (name.clone(), None, name)
            }
        }
    }
}

pub(super) fn fallback_name(buyer_id: &str) -> String {
    format!("Comprador {buyer_id}")
}

#[derive(Default)]
pub(crate) struct BuyerNames {
    /// Nicknames by buyer id from this run's lookups; `None`: the profile cannot be read.
    looked_up: HashMap<String, Option<String>>,
    /// Questions stored under a stand-in name, by question id, as last read: stored again once
    /// their asker's nickname is known, so the name does not wait for the buyer's next question.
    pub(super) pending: HashMap<String, Value>,
    window_start: i64,
    used: u32,
}

impl BuyerNames {
    fn may_look_up(&mut self, now: i64) -> bool {
        if now - self.window_start >= 60 {
            self.window_start = now;
            self.used = 0;
        }
        if self.used >= LOOKUPS_PER_MINUTE {
            return false;
        }
        self.used += 1;
        true
    }
}

/// The names of the askers among `buyer_ids` (deduplicated by the caller or not).
pub(super) async fn resolve(
    ml: &mut MercadoLibre,
    ctx: &Ctx<'_>,
    mut buyer_ids: Vec<String>,
) -> Result<HashMap<String, AskerName>, ChannelError> {
    buyer_ids.sort();
    buyer_ids.dedup();
    let mut names = HashMap::new();
    let unknown: Vec<String> = buyer_ids
        .into_iter()
        .filter(|id| match ml.buyer_names.looked_up.get(id) {
            Some(Some(nickname)) => {
                names.insert(id.clone(), AskerName::Nickname(nickname.clone()));
                false
            }
            Some(None) => {
                names.insert(id.clone(), AskerName::Unknown);
                false
            }
            None => true,
        })
        .collect();
    if unknown.is_empty() {
        return Ok(names);
    }
    let account_id = ctx.account_id();
    let query = unknown.clone();
    let stored = blocking(ctx.core, move |core| core.buyer_names_known(account_id, &query)).await?;
    for id in unknown {
        if let Some(name) = stored.get(&id) {
            names.insert(id, AskerName::Stored(name.clone()));
            continue;
        }
        let name = match lookup(ml, ctx, &id).await {
            Some(nickname) => AskerName::Nickname(nickname),
            None => AskerName::Unknown,
        };
        names.insert(id, name);
    }
    Ok(names)
}

/// The buyer's nickname, or `None` when it is not known now: over this minute's lookups, or the
/// profile could not be read (a gone profile is not asked for again in this run).
async fn lookup(ml: &mut MercadoLibre, ctx: &Ctx<'_>, buyer_id: &str) -> Option<String> {
    if !ml.buyer_names.may_look_up(ctx.now()) {
        return None;
    }
    match ml.get(ctx, &format!("users/{buyer_id}"), &[]).await {
        Ok(profile) => {
            let nickname = lenient::non_empty(&profile, "nickname").map(str::to_owned);
            ml.buyer_names.looked_up.insert(buyer_id.to_owned(), nickname.clone());
            nickname
        }
        Err(ChannelError::Rejected { status: 400 | 403 | 404, .. }) => {
            ml.buyer_names.looked_up.insert(buyer_id.to_owned(), None);
            None
        }
        // Rate limited, offline, a server error: the names wait for a later minute; the questions
        // themselves are not held up by a name.
        Err(_) => {
            ml.buyer_names.used = LOOKUPS_PER_MINUTE;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_are_capped_per_minute() {
        let mut names = BuyerNames::default();
        let allowed = (0..100).filter(|_| names.may_look_up(1_000)).count();
        assert_eq!(allowed, LOOKUPS_PER_MINUTE as usize);
        assert!(!names.may_look_up(1_059));
        assert!(names.may_look_up(1_060));
    }

    #[test]
    fn unknown_askers_get_a_readable_name_and_stored_ones_keep_theirs() {
        assert_eq!(
            AskerName::Unknown.identity("180339697"),
            ("Comprador 180339697".to_owned(), None, "Comprador 180339697".to_owned())
        );
        let (name, handle, author) = AskerName::Stored("Marta".into()).identity("1");
        assert_eq!((name.as_str(), handle, author.as_str()), ("", None, "Marta"));
        let (name, handle, _) = AskerName::Nickname("MARIANAG_1987".into()).identity("1");
        assert_eq!((name.as_str(), handle.as_deref()), ("MARIANAG_1987", Some("MARIANAG_1987")));
    }
}
