//! When the next round runs: adaptive polling while buyers are active, exponential backoff with
//! full jitter after failures (never sooner than the channel's Retry-After), and the account status
//! each failure means.

use std::time::Duration;

use mostrador_core::accounts::SyncOutcome;

use super::adapter::Cadence;
use crate::ChannelError;

/// A conversation that had a buyer message this recently keeps the account on the fast cadence.
pub(crate) const ACTIVE_WINDOW_SECS: i64 = 5 * 60;
/// Backoff doubles from this…
const BACKOFF_BASE_SECS: u64 = 2;
/// …up to this.
const BACKOFF_CAP_SECS: u64 = 5 * 60;
/// The longest pause a channel's Retry-After may impose: a larger value is more likely a mistake
/// than a plan, and must not park an account until the app restarts.
pub(crate) const MAX_RETRY_AFTER_SECS: u64 = 3_600;
/// Consecutive transient failures after which the account shows as failing (still retrying).
pub(crate) const FAILING_AFTER: u32 = 5;

/// The pause before the next round after a successful one.
pub(crate) fn next_poll(cadence: Cadence, last_activity_at: Option<i64>, now: i64) -> Duration {
    let active = last_activity_at.is_some_and(|at| now - at <= ACTIVE_WINDOW_SECS);
    Duration::from_secs(if active { cadence.active_secs } else { cadence.idle_secs })
}

/// Full-jitter exponential backoff: a random pause in [1 s, base·2^(failures-1)] capped, and at
/// least what the channel asked for.
pub(crate) fn backoff(failures: u32, retry_after: Option<u64>) -> Duration {
    let ceiling =
        BACKOFF_BASE_SECS.saturating_mul(1u64 << failures.saturating_sub(1).min(20)).min(BACKOFF_CAP_SECS);
    let jittered = 1 + random_below(ceiling.max(1));
    Duration::from_secs(jittered.max(retry_after.unwrap_or(0).min(MAX_RETRY_AFTER_SECS)))
}

fn random_below(bound: u64) -> u64 {
    // Jitter only spreads retries out; a failing random source just means no spread.
    getrandom::u64().map_or(bound / 2, |r| r % bound)
}

fn retry_after(e: &ChannelError) -> Option<u64> {
    match e {
        ChannelError::RateLimited { retry_after } => *retry_after,
        _ => None,
    }
}

/// The pause after a failed round, and the status it gives the account.
pub(crate) fn after_failure(e: &ChannelError, failures: u32, now: i64) -> (Duration, SyncOutcome) {
    let delay = backoff(failures, retry_after(e));
    let retry_at = now + delay.as_secs() as i64;
    let (code, detail) = (e.code().to_owned(), e.to_string());
    let outcome = match e {
        ChannelError::Offline(_) => SyncOutcome::Offline { retry_at },
        // Tried again by itself, but only the seller can make room: say so from the first round.
        ChannelError::DiskFull(_) => SyncOutcome::Failing { code, detail, retry_at: Some(retry_at) },
        e if e.needs_reconnect() => SyncOutcome::NeedsReconnect { code, detail },
        e if e.is_transient() && failures < FAILING_AFTER => SyncOutcome::Retrying { code, detail, retry_at },
        _ => SyncOutcome::Failing { code, detail, retry_at: Some(retry_at) },
    };
    // Only the seller can fix a refused authorisation: look again now and then (they may reconnect).
    let delay = if e.needs_reconnect() { Duration::from_secs(BACKOFF_CAP_SECS) } else { delay };
    (delay, outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_full_jitter_and_honours_retry_after() {
        for failures in 1..12 {
            let d = backoff(failures, None).as_secs();
            let ceiling = (2u64 << (failures - 1)).min(300);
            assert!((1..=ceiling).contains(&d), "{failures}: {d}");
        }
        assert!(backoff(1, Some(30)).as_secs() >= 30);
        assert!(backoff(50, None).as_secs() <= 300);
        assert_eq!(
            backoff(1, Some(u64::MAX)).as_secs(),
            MAX_RETRY_AFTER_SECS,
            "a huge Retry-After is capped"
        );
    }

    #[test]
    fn a_huge_retry_after_is_an_hour_at_most() {
        let (delay, limited) =
            after_failure(&ChannelError::RateLimited { retry_after: Some(u64::MAX) }, 1, 100);
        assert_eq!(delay.as_secs(), 3_600);
        assert!(
            matches!(limited, SyncOutcome::Retrying { retry_at, .. } if retry_at == 3_700),
            "{limited:?}"
        );
    }

    #[test]
    fn failures_become_statuses() {
        let (_, offline) = after_failure(&ChannelError::Offline("x".into()), 1, 100);
        assert!(matches!(offline, SyncOutcome::Offline { retry_at } if retry_at > 100));
        let (_, limited) = after_failure(&ChannelError::RateLimited { retry_after: Some(20) }, 1, 100);
        assert!(
            matches!(limited, SyncOutcome::Retrying { ref code, retry_at, .. } if code == "rate_limited" && retry_at >= 120)
        );
        let (delay, revoked) = after_failure(&ChannelError::TokenRevoked("x".into()), 1, 100);
        assert!(matches!(revoked, SyncOutcome::NeedsReconnect { ref code, .. } if code == "token_revoked"));
        assert_eq!(delay.as_secs(), 300);
        let (_, failing) = after_failure(&ChannelError::ServerError { status: 500 }, FAILING_AFTER, 100);
        assert!(matches!(failing, SyncOutcome::Failing { .. }));
        let (delay, full) = after_failure(&ChannelError::DiskFull("x".into()), 1, 100);
        assert!(
            matches!(full, SyncOutcome::Failing { ref code, retry_at: Some(_), .. } if code == "disk_full"),
            "the seller hears of a full disk at once: {full:?}"
        );
        assert!(delay.as_secs() <= 2, "and it is tried again soon");
    }

    #[test]
    fn polls_faster_while_buyers_write() {
        let cadence = Cadence { active_secs: 10, idle_secs: 90 };
        assert_eq!(next_poll(cadence, Some(1000), 1100).as_secs(), 10);
        assert_eq!(next_poll(cadence, Some(1000), 2000).as_secs(), 90);
        assert_eq!(next_poll(cadence, None, 2000).as_secs(), 90);
    }
}
