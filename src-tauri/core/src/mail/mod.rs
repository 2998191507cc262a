//! The core's side of e-mail accounts: finding the conversation a mail belongs to (its
//! `Message-ID` references, else the buyer's thread with the same subject), the mail read and left
//! out as not from a buyer, and the seller's marks on senders. The mailbox itself is read by the
//! connector in `mostrador-channels`.

pub(crate) mod left_out;
mod threads;
mod types;

pub use types::*;

use rusqlite::{Transaction, params};

use crate::vocabulary::UnixSeconds;
use crate::{Mostrador, Result};

/// Written with the sync round that stored the mails.
pub(crate) fn set_quote_starts(tx: &Transaction<'_>, account_id: i64, starts: &[QuoteStart]) -> Result<()> {
    let mut set = tx.prepare_cached(
        "UPDATE messages SET quote_start = ?3 WHERE account_id = ?1 AND external_id = ?2 AND quote_start IS NOT ?3",
    )?;
    for start in starts {
        set.execute(params![account_id, start.external_id, start.byte_offset])?;
    }
    Ok(())
}

impl Mostrador {
    /// The reference of the account's conversation holding any of these messages (by the channel's
    /// id: for mail, the `Message-ID`), the most recent first.
    pub fn conversation_holding(&self, account_id: i64, message_ids: &[String]) -> Result<Option<String>> {
        self.read(|tx| threads::holding(tx, account_id, message_ids))
    }

    /// The account's conversations with one buyer (by their id on the account: for mail, the
    /// address), the most recent first.
    pub fn buyer_threads(&self, account_id: i64, buyer_external_id: &str) -> Result<Vec<BuyerThread>> {
        self.read(|tx| threads::of_buyer(tx, account_id, buyer_external_id))
    }

    /// The name the account knows a buyer by, so a mail from the bare address keeps it.
    pub fn buyer_name_on(&self, account_id: i64, buyer_external_id: &str) -> Result<Option<String>> {
        self.read(|tx| threads::buyer_name(tx, account_id, buyer_external_id))
    }

    /// What a reply in a conversation needs to thread: its subject and the channel ids of its
    /// messages, oldest first.
    pub fn mail_thread(&self, account_id: i64, conversation_ref: &str) -> Result<Option<MailThread>> {
        self.read(|tx| threads::one(tx, account_id, conversation_ref))
    }

    /// Mail the account read and left out, the newest first.
    pub fn left_out_mail(&self, account_id: i64, limit: u32) -> Result<Vec<LeftOutMail>> {
        self.read(|tx| left_out::list(tx, account_id, limit))
    }

    pub fn sender_marks(&self, account_id: i64) -> Result<Vec<SenderMark>> {
        self.read(|tx| left_out::marks(tx, account_id))
    }

    /// The seller says mail from this address (or `@domain`) is, or is not, from a buyer. Mail left
    /// out from it is read again on the next round when it now counts as a buyer's.
    pub fn mark_sender(
        &self,
        account_id: i64,
        pattern: &str,
        is_buyer: bool,
        now: UnixSeconds,
    ) -> Result<()> {
        self.write(|tx| left_out::mark(tx, account_id, pattern, is_buyer, now))
    }

    /// "Not a buyer" on a mail conversation: later mail from that address is left out, and the
    /// conversation leaves the queue (done; its messages stay). Returns the address marked.
    pub fn not_a_buyer(&self, conversation_id: i64, now: UnixSeconds) -> Result<String> {
        self.write(|tx| {
            let (account_id, address) = threads::mail_sender_of(tx, conversation_id)?;
            left_out::mark(tx, account_id, &address, false, now)?;
            crate::conversations::status::set_status(
                tx,
                conversation_id,
                crate::vocabulary::ConversationStatus::Done,
                None,
                now,
            )?;
            Ok(address)
        })
    }

    pub fn unmark_sender(&self, account_id: i64, pattern: &str) -> Result<()> {
        self.write(|tx| left_out::unmark(tx, account_id, pattern))
    }
}
