//! The conversation screen: the inbox line, the buyer, their orders, the newest messages and what
//! the composer may do, read in one snapshot.

use rusqlite::Transaction;

use crate::conversations::messages::{MESSAGE_WINDOW, messages};
use crate::conversations::targets::TargetRules;
use crate::pages::ConversationView;
use crate::vocabulary::UnixSeconds;
use crate::{Result, buyers, conversations, inbox, orders, replies};

pub(crate) fn view(tx: &Transaction<'_>, conversation_id: i64, now: UnixSeconds) -> Result<ConversationView> {
    let targets = TargetRules::load(tx)?;
    let summary = inbox::list::inbox_row_with(tx, conversation_id, now, &targets)?
        .ok_or_else(|| conversations::status::not_found(conversation_id))?;
    let buyer = buyers::profile::view(tx, summary.buyer_id)?;
    let orders = orders::order::of_buyer(tx, summary.buyer_id)?;
    let (messages, has_older_messages) = messages(tx, conversation_id, None, MESSAGE_WINDOW)?;
    let send = replies::send_capability::of_conversation(tx, conversation_id)?;
    let (older_history_unavailable, listing_ref) = tx
        .prepare_cached("SELECT older_history_unavailable, listing_ref FROM conversations WHERE id = ?1")?
        .query_row([conversation_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(ConversationView {
        summary,
        buyer,
        messages,
        has_older_messages,
        older_history_unavailable,
        listing_ref,
        orders,
        send,
    })
}
