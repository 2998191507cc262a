//! Idempotency keys for the outbox, without a random-number crate: std's `RandomState` is seeded
//! from the operating system's random source once per thread and moves on with every instance.

use std::fmt::Write;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::vocabulary::UnixSeconds;

static ISSUED: AtomicU64 = AtomicU64::new(0);

/// 128 unpredictable bits as 32 hex digits, prefixed `mst-`. The outbox's UNIQUE constraint is the
/// last line of defence against a repeat.
pub(crate) fn new_key(conversation_id: i64, now: UnixSeconds) -> String {
    let issued = ISSUED.fetch_add(1, Ordering::Relaxed);
    let mut key = String::from("mst-");
    for half in 0u8..2 {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_i64(conversation_id);
        hasher.write_i64(now);
        hasher.write_u64(issued);
        hasher.write_u32(std::process::id());
        hasher.write_u8(half);
        let _ = write!(key, "{:016x}", hasher.finish());
    }
    key
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    #[test]
    fn keys_do_not_repeat() {
        let keys: HashSet<String> = (0..10_000).map(|_| super::new_key(7, 1_750_000_000)).collect();
        assert_eq!(keys.len(), 10_000);
        assert!(keys.iter().all(|k| k.len() == 36 && k.starts_with("mst-")));
    }
}
