//! Mercado Libre's per-application limit: about 500 reads and 500 writes a minute, then 429 with
//! `Retry-After`. A sliding window of request instants per kind.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub(crate) struct RateLimiter {
    per_minute: Option<u32>,
    reads: VecDeque<Instant>,
    writes: VecDeque<Instant>,
}

impl RateLimiter {
    pub fn new(per_minute: Option<u32>) -> RateLimiter {
        RateLimiter { per_minute, reads: VecDeque::new(), writes: VecDeque::new() }
    }

    pub fn set_limit(&mut self, per_minute: Option<u32>) {
        self.per_minute = per_minute;
        self.reads.clear();
        self.writes.clear();
    }

    /// Counts the request, or says how many seconds to wait.
    pub fn admit(&mut self, write: bool, now: Instant) -> Result<(), u32> {
        let Some(limit) = self.per_minute else { return Ok(()) };
        let window = if write { &mut self.writes } else { &mut self.reads };
        while window.front().is_some_and(|at| now.duration_since(*at) >= WINDOW) {
            window.pop_front();
        }
        if window.len() as u32 >= limit {
            let oldest = window.front().copied().unwrap_or(now);
            let wait = WINDOW.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs_f64().ceil().max(1.0) as u32);
        }
        window.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_have_separate_windows() {
        let mut limiter = RateLimiter::new(Some(2));
        let start = Instant::now();
        assert!(limiter.admit(false, start).is_ok());
        assert!(limiter.admit(false, start).is_ok());
        assert_eq!(limiter.admit(false, start + Duration::from_secs(15)), Err(45));
        assert!(limiter.admit(true, start).is_ok());
        assert!(limiter.admit(false, start + Duration::from_secs(61)).is_ok());
        limiter.set_limit(None);
        for _ in 0..1000 {
            assert!(limiter.admit(false, start).is_ok());
        }
    }
}
