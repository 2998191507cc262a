//! The shell is the only place that reads the clock; the core takes time as an argument.
//!
//! Testing seam: `MOSTRADOR_CLOCK=<RFC 3339 instant>` (e.g. `2027-03-08T17:20:00-03:00`) starts the
//! shell's clock at that instant and lets it run with real time from its first reading (at launch),
//! so the real-app E2E can stand at a chosen minute before a cut-off. Read here only, never by the
//! core.

use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The environment variable that sets where the clock starts.
pub const CLOCK_ENV: &str = "MOSTRADOR_CLOCK";

/// The start instant and when the process saw it, when the seam is set.
static START: OnceLock<Option<(i64, Instant)>> = OnceLock::new();

pub fn now() -> i64 {
    let start = START.get_or_init(|| std::env::var(CLOCK_ENV).ok().and_then(|text| parse_start(&text)));
    match start {
        Some((at, since)) => at + since.elapsed().as_secs() as i64,
        None => SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0),
    }
}

/// An RFC 3339 instant in Unix seconds; a malformed value is ignored (the real clock runs) with a
/// line on stderr, so a typo never leaves the app stuck in a wrong day silently.
fn parse_start(text: &str) -> Option<(i64, Instant)> {
    match text.trim().parse::<jiff::Timestamp>() {
        Ok(at) => Some((at.as_second(), Instant::now())),
        Err(e) => {
            eprintln!("{CLOCK_ENV}={text:?} is not an RFC 3339 instant ({e}); using the system clock");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_instant_with_its_offset() {
        let (at, _) = parse_start("2026-11-09T17:20:00-03:00").expect("valid");
        assert_eq!(at, 1_794_255_600);
        assert!(parse_start("next monday").is_none());
    }
}
