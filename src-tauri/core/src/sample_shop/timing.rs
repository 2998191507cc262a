//! When each line of a dialogue was written: reply speeds per channel, pauses, the seller's
//! sleeping hours, and where the conversation stands relative to `now`.

use crate::vocabulary::UnixSeconds;

use super::dialogue::{Line, Who};
use super::random::Rng;
use super::shop_time::{DAY, HOUR, MINUTE, day_start, time_of_day};

/// Delays in seconds: the seller answering, the buyer answering, and one person writing twice.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pace {
    pub seller: (i64, i64),
    pub buyer: (i64, i64),
    pub same: (i64, i64),
}

pub(super) const ML_QUESTION: Pace =
    Pace { seller: (4 * MINUTE, 70 * MINUTE), buyer: (30 * MINUTE, 6 * HOUR), same: (40, 300) };
pub(super) const ML_PACK: Pace =
    Pace { seller: (8 * MINUTE, 3 * HOUR), buyer: (20 * MINUTE, 8 * HOUR), same: (30, 240) };
pub(super) const INSTAGRAM: Pace =
    Pace { seller: (2 * MINUTE, 45 * MINUTE), buyer: (MINUTE, 50 * MINUTE), same: (15, 150) };
pub(super) const WHATSAPP: Pace =
    Pace { seller: (MINUTE, 30 * MINUTE), buyer: (MINUTE, 35 * MINUTE), same: (10, 120) };
pub(super) const ETSY: Pace =
    Pace { seller: (30 * MINUTE, 8 * HOUR), buyer: (HOUR, 18 * HOUR), same: (60, 600) };
pub(super) const EMAIL: Pace =
    Pace { seller: (HOUR, 9 * HOUR), buyer: (2 * HOUR, 30 * HOUR), same: (5 * MINUTE, 40 * MINUTE) };

/// Where a conversation stands when the seller opens the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// The buyer's unanswered message arrived `wait` seconds ago.
    NeedsReply { wait: i64 },
    /// The seller answered last, `ago` seconds ago.
    Waiting { ago: i64 },
    /// Put aside until `until`; the last message is `ago` seconds old.
    Snoozed { ago: i64, until: UnixSeconds },
    /// Finished about `days_ago` days ago.
    Done { days_ago: i64 },
}

/// A delay drawn towards the short end: most replies are quick, a few are slow.
fn skewed(rng: &mut Rng, (lo, hi): (i64, i64)) -> i64 {
    let u = rng.below(10_000) as i64;
    lo + (hi - lo) * u * u / 100_000_000
}

/// How many lines of a dialogue have been written by now, given the state it is in: a
/// conversation that needs a reply ends with the buyer, one waiting for the buyer with the seller.
pub(super) fn lines_kept(lines: &[Line], state: State, rng: &mut Rng) -> usize {
    let run_ends = |who: Who| -> Vec<usize> {
        (0..lines.len())
            .filter(|&i| lines[i].who == who && (i + 1 == lines.len() || lines[i + 1].who != who))
            .map(|i| i + 1)
            .collect()
    };
    let pick_late = |ends: Vec<usize>, rng: &mut Rng| -> usize {
        match ends.len() {
            0 => lines.len(),
            1 => ends[0],
            // Favour the later cut points so threads keep some substance.
            n => ends[n / 2 + rng.below(n - n / 2)],
        }
    };
    match state {
        State::Done { .. } => lines.len(),
        State::NeedsReply { .. } => pick_late(run_ends(Who::Buyer), rng),
        State::Waiting { .. } => {
            let ends = run_ends(Who::Seller);
            if rng.chance(55) { ends.last().copied().unwrap_or(lines.len()) } else { pick_late(ends, rng) }
        }
        State::Snoozed { .. } => {
            let ends = run_ends(Who::Buyer);
            ends.last().copied().unwrap_or(lines.len())
        }
    }
}

/// Sends of `lines` laid out from `start`; with `awake` the seller and buyers sleep at night.
fn forward(lines: &[Line], pace: Pace, start: UnixSeconds, awake: bool, rng: &mut Rng) -> Vec<UnixSeconds> {
    let mut times: Vec<UnixSeconds> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let mut t = match (i, line.pause) {
            (0, _) => start,
            (_, Some((lo, hi))) => times[i - 1] + rng.range(lo, hi) * MINUTE,
            _ => {
                let gap = if lines[i - 1].who == line.who {
                    pace.same
                } else if line.who == Who::Seller {
                    pace.seller
                } else {
                    pace.buyer
                };
                times[i - 1] + skewed(rng, gap).max(5)
            }
        };
        if awake {
            t = wake_up(t, line.who, rng);
        }
        times.push(t);
    }
    times
}

/// The hours someone is asleep (seconds after local midnight).
fn night(who: Who) -> std::ops::Range<i64> {
    match who {
        Who::Seller => 30 * MINUTE..7 * HOUR + 30 * MINUTE,
        Who::Buyer => 90 * MINUTE..7 * HOUR,
    }
}

/// Nobody writes between the small hours and breakfast (except in scenes that say otherwise):
/// a message that would fall there waits for the morning.
fn wake_up(t: UnixSeconds, who: Who, rng: &mut Rng) -> UnixSeconds {
    let tod = time_of_day(t);
    let night = night(who);
    if night.contains(&tod) { t - tod + night.end + rng.range(0, 50) * MINUTE } else { t }
}

/// Laying out backwards from an anchor, a message that would fall in the night was written the
/// evening before instead.
fn write_the_evening_before(t: UnixSeconds, who: Who, rng: &mut Rng) -> UnixSeconds {
    if night(who).contains(&time_of_day(t)) { day_start(t) - rng.range(20, 150) * MINUTE } else { t }
}

/// Fills `times[..anchor]` backwards from `times[anchor]`, keeping the gaps of `relative`.
fn back_from(lines: &[Line], relative: &[i64], times: &mut [UnixSeconds], anchor: usize, rng: &mut Rng) {
    for i in (0..anchor).rev() {
        let t = times[i + 1] - (relative[i + 1] - relative[i]);
        times[i] = write_the_evening_before(t, lines[i].who, rng);
    }
}

/// Absolute send times for `lines` in `state`, all at or before `now`.
pub(super) fn place(
    lines: &[Line],
    pace: Pace,
    state: State,
    now: UnixSeconds,
    rng: &mut Rng,
) -> Vec<UnixSeconds> {
    if lines.is_empty() {
        return Vec::new();
    }
    let mut times = match state {
        State::Done { days_ago } => {
            let start = day_start(now - days_ago * DAY) + rng.range(8 * 60 + 30, 21 * 60 + 30) * MINUTE;
            let mut times = forward(lines, pace, start, true, rng);
            // A finished conversation ended a while before the seller sat down.
            let limit = now - 90 * MINUTE - rng.range(0, 40) * MINUTE;
            let last = times[times.len() - 1];
            if last > limit {
                times.iter_mut().for_each(|t| *t -= last - limit);
            }
            times
        }
        State::NeedsReply { wait } => {
            let relative = forward(lines, pace, 0, false, rng);
            let first_unanswered =
                lines.iter().rposition(|l| l.who == Who::Seller).map_or(0, |seller| seller + 1);
            let mut times = vec![0; lines.len()];
            times[first_unanswered] = now - wait;
            // The unanswered run is written in one go, whatever pauses the template had.
            for i in first_unanswered + 1..lines.len() {
                times[i] = times[i - 1] + skewed(rng, pace.same).max(5);
            }
            back_from(lines, &relative, &mut times, first_unanswered, rng);
            times
        }
        State::Waiting { ago } | State::Snoozed { ago, .. } => {
            let relative = forward(lines, pace, 0, false, rng);
            let last = lines.len() - 1;
            let mut times = vec![0; lines.len()];
            times[last] = write_the_evening_before(now - ago, lines[last].who, rng);
            back_from(lines, &relative, &mut times, last, rng);
            times
        }
    };
    // Keep everything in the past and strictly ordered.
    let n = times.len();
    times[n - 1] = times[n - 1].min(now - 20);
    for i in (0..n - 1).rev() {
        times[i] = times[i].min(times[i + 1] - 5);
    }
    times
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_shop::dialogue::{Vars, b, later_days, render, s};

    fn lines() -> Vec<Line> {
        render(&[b("hola"), s("¡Hola!"), b("precio?"), later_days(1, 2), b("?"), s("$ 10")], &Vars::default())
    }

    #[test]
    fn needs_reply_ends_with_the_buyer_and_waits_as_asked() {
        let now = 1_800_000_000;
        let mut rng = Rng::new(5);
        for _ in 0..50 {
            let state = State::NeedsReply { wait: 40 * MINUTE };
            let all = lines();
            let keep = lines_kept(&all, state, &mut rng);
            let kept = &all[..keep];
            assert_eq!(kept.last().map(|l| l.who), Some(Who::Buyer));
            let times = place(kept, WHATSAPP, state, now, &mut rng);
            let first = kept.iter().rposition(|l| l.who == Who::Seller).map_or(0, |i| i + 1);
            assert_eq!(times[first], now - 40 * MINUTE);
            assert!(times.windows(2).all(|w| w[0] < w[1]) && times[keep - 1] <= now);
        }
    }

    #[test]
    fn done_conversations_end_in_the_past() {
        let now = 1_800_000_000;
        let mut rng = Rng::new(6);
        for days_ago in [0, 1, 3, 60] {
            let times = place(&lines(), ETSY, State::Done { days_ago }, now, &mut rng);
            assert!(*times.last().unwrap_or(&now) < now - HOUR);
            assert!(times.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
