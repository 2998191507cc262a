//! Mostrador's live channels: the Mercado Libre, Telegram, Instagram and Messenger connectors, the
//! per-account sync engine and the outbox that sends the seller's replies.
//!
//! Everything a channel says enters the core through `Mostrador::commit_sync` (data and cursors in
//! one transaction); replies leave through the core's outbox. Base URLs come from each account's
//! settings (`api_base`), so the simulator and production share one code path. No tauri here.

pub mod connect;
pub mod secrets;

mod email;
mod error;
mod etsy;
mod http;
mod keys;
mod lenient;
mod mercado_libre;
mod meta;
mod sync;
mod telegram;

pub use error::{CHANNEL_ERROR_CODES, ChannelError};
pub use mercado_libre::post_sale_reasons;

/// Entry points for the cargo-fuzz targets in `src-tauri/fuzz`, which can only reach public items.
/// Not an API: everything they exercise stays crate-private.
#[doc(hidden)]
pub mod fuzzing {
    use crate::email::mail::{parse, thread_subject};
    use crate::email::senders::{SenderRules, verdict};
    use crate::email::{etsy_notice, senders};

    /// Reads `raw` as the e-mail channel does (parse, buyer verdict, Etsy notice, thread subject)
    /// and panics when something that must hold for any bytes does not.
    pub fn read_mail(raw: &[u8]) {
        let mail = parse(raw);
        assert!(!mail.message_id.is_empty());
        assert!(!mail.text.contains('\r'), "a carriage return left in the text");
        if let Some(start) = mail.quote_start {
            assert!(start <= mail.text.len(), "quote_start {start} past the text");
            assert!(mail.text.is_char_boundary(start), "quote_start {start} inside a character");
        }
        for attachment in &mail.attachments {
            let name = &attachment.file_name;
            assert!(!name.is_empty() && name.chars().count() <= 120, "file name {name:?}");
            assert!(!name.contains(['/', '\\']) && !name.chars().any(char::is_control), "file name {name:?}");
        }

        let own = vec!["taller@example.com".to_owned()];
        let rules =
            SenderRules { buyers: vec!["@buyer.example".to_owned()], not_buyers: vec!["x@y.z".to_owned()] };
        if let senders::Verdict::NotBuyer(reason) = verdict(&mail, &own, &rules) {
            assert!(!reason.code().is_empty());
        }

        if let Some(notice) = etsy_notice::read(&mail) {
            assert!(notice.conversation_id.as_ref().is_none_or(|id| id.bytes().all(|b| b.is_ascii_digit())));
            assert!(notice.conversation_url().starts_with("https://www.etsy.com/your/conversations"));
            assert!(notice.text.as_ref().is_none_or(|text| !text.trim().is_empty()));
        }

        let key = thread_subject(&mail.subject);
        assert_eq!(thread_subject(&key), key, "thread_subject is not stable on {:?}", mail.subject);
    }

    #[cfg(test)]
    mod tests {
        use super::read_mail;

        fn fixtures() -> Vec<(String, Vec<u8>)> {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/email");
            let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
                .expect("the e-mail fixtures")
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.extension().is_some_and(|e| e == "eml"))
                .map(|path| (path.display().to_string(), std::fs::read(&path).expect("a fixture")))
                .collect();
            found.sort();
            assert!(found.len() >= 5, "fixtures missing: {found:?}");
            found
        }

        #[test]
        fn every_fixture_reads() {
            for (_, raw) in fixtures() {
                read_mail(&raw);
            }
        }

        #[test]
        fn every_prefix_of_a_fixture_reads() {
            let (_, raw) =
                fixtures().into_iter().find(|(name, _)| name.ends_with("etsy-old-en.eml")).unwrap();
            for end in 0..=raw.len() {
                read_mail(&raw[..end]);
            }
        }

        /// xorshift64: reproducible mutations without a random-number crate.
        struct Mutations(u64);

        impl Mutations {
            fn next(&mut self) -> u64 {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                self.0
            }

            fn below(&mut self, n: usize) -> usize {
                (self.next() % n as u64) as usize
            }
        }

        #[test]
        fn mangled_fixtures_read() {
            // Bytes that matter to MIME and to the readers: line ends, boundaries, encodings, UTF-8.
            const INSERTS: &[&[u8]] =
                &[b"\r\n", b"\r", b"--", b"=?", b"?=", b"=C3", b"<", b">", b"\xc3", b"\xe2\x82", b":"];
            let mut rng = Mutations(0x5eed_2026_e3a1_1001);
            for (name, raw) in fixtures() {
                for round in 0..300 {
                    let mut mangled = raw.clone();
                    for _ in 0..1 + rng.below(8) {
                        let at = rng.below(mangled.len().max(1));
                        match rng.below(4) {
                            0 if !mangled.is_empty() => mangled[at] = rng.next() as u8,
                            1 if !mangled.is_empty() => {
                                mangled.remove(at);
                            }
                            2 => {
                                let insert = INSERTS[rng.below(INSERTS.len())];
                                let at = at.min(mangled.len());
                                mangled.splice(at..at, insert.iter().copied());
                            }
                            _ => mangled.truncate(at),
                        }
                    }
                    let outcome = std::panic::catch_unwind(|| read_mail(&mangled));
                    assert!(
                        outcome.is_ok(),
                        "{name}, round {round}: {:?}",
                        String::from_utf8_lossy(&mangled)
                    );
                }
            }
        }
    }
}
pub use sync::{Engine, GIVE_UP_AFTER_ATTEMPTS, sync_once};

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The wall clock, in unix seconds. Passed in so tests and the shell's E2E clock decide the time.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Where the engine reports what happened (the shell forwards it to the UI and notifications).
pub type EventSink = Arc<dyn Fn(SyncEvent) + Send + Sync>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SyncEvent {
    /// Conversations, messages, orders or outbox rows of this account changed.
    StoreChanged { account_id: i64 },
    /// The account's sync status changed (ok, retrying, offline, needs reconnect…).
    StatusChanged { account_id: i64 },
    /// New messages from buyers arrived.
    NewIncoming { account_id: i64, count: u32 },
}

/// What one sync round did (the CLI prints it as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncSummary {
    /// Messages the channel returned.
    pub fetched: u32,
    /// Messages stored for the first time.
    pub new: u32,
    /// Messages whose text or status changed.
    pub updated: u32,
    /// Replies sent from the outbox.
    pub sent: u32,
    /// Error codes and details, `"code: detail"`.
    pub errors: Vec<String>,
}
