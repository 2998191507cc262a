//! The buyer page: the buyer with every conversation, order, merge suggestion, undoable merge and
//! refused suggestion, read in one snapshot.

use rusqlite::Transaction;

use crate::conversations::targets::TargetRules;
use crate::pages::BuyerPage;
use crate::vocabulary::UnixSeconds;
use crate::{Result, buyers, inbox, orders};

/// The buyer page. A buyer merged into another opens as that one, so an old link still works.
/// Needs `phone_keys::refresh` to have run for the phone suggestions.
pub(crate) fn page(tx: &Transaction<'_>, buyer_id: i64, now: UnixSeconds) -> Result<BuyerPage> {
    buyers::profile::require(tx, buyer_id)?;
    let buyer_id = buyers::merge::current(tx, buyer_id)?;
    let conversation_ids: Vec<i64> = tx
        .prepare_cached(
            "SELECT id FROM conversations WHERE buyer_id = ?1
              ORDER BY last_message_at IS NULL, last_message_at DESC, id DESC",
        )?
        .query_map([buyer_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let targets = TargetRules::load(tx)?;
    let mut conversations = Vec::with_capacity(conversation_ids.len());
    for id in conversation_ids {
        conversations.extend(inbox::list::inbox_row_with(tx, id, now, &targets)?);
    }
    Ok(BuyerPage {
        buyer: buyers::profile::view(tx, buyer_id)?,
        conversations,
        orders: orders::order::of_buyer(tx, buyer_id)?,
        suggestions: buyers::suggestions::for_buyer(tx, buyer_id)?,
        merges: buyers::merge::records(tx, buyer_id)?,
        dismissed: buyers::dismissals::list(tx, buyer_id)?,
    })
}
