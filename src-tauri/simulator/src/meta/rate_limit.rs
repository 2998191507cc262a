//! The Conversations API's limit: 2 calls per second per Instagram account or Page, a sliding
//! one-second window of real time (simulated time jumps must not refill it).

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(1);

pub(crate) struct MetaRateLimiter {
    per_second: Option<u32>,
    calls: HashMap<String, VecDeque<Instant>>,
}

impl MetaRateLimiter {
    pub fn new(per_second: Option<u32>) -> MetaRateLimiter {
        MetaRateLimiter { per_second, calls: HashMap::new() }
    }

    pub fn set_limit(&mut self, per_second: Option<u32>) {
        self.per_second = per_second;
        self.calls.clear();
    }

    /// Counts the call against the account, or refuses it (refused calls are not counted).
    pub fn admit(&mut self, account: &str, now: Instant) -> bool {
        let Some(limit) = self.per_second else { return true };
        let window = self.calls.entry(account.to_owned()).or_default();
        while window.front().is_some_and(|at| now.duration_since(*at) >= WINDOW) {
            window.pop_front();
        }
        if window.len() as u32 >= limit {
            return false;
        }
        window.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_third_call_within_a_second_is_refused_per_account() {
        let mut limiter = MetaRateLimiter::new(Some(2));
        let start = Instant::now();
        assert!(limiter.admit("ig", start));
        assert!(limiter.admit("ig", start + Duration::from_millis(100)));
        assert!(!limiter.admit("ig", start + Duration::from_millis(900)));
        assert!(limiter.admit("page", start + Duration::from_millis(900)));
        assert!(limiter.admit("ig", start + Duration::from_millis(1_000)));
        assert!(!limiter.admit("ig", start + Duration::from_millis(1_050)));
        limiter.set_limit(None);
        assert!((0..100).all(|_| limiter.admit("ig", start)));
    }
}
