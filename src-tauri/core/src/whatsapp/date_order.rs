//! Which of a date's first two numbers is the day. An export never says; the whole file does:
//! a number above 12 decides at once; otherwise the reading under which the dates never go back
//! in time wins; otherwise the number that changes more often is the day.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::header::RawDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 31/12/20 (most of Latin America and Europe).
    DayFirst,
    /// 12/31/20 (United States).
    MonthFirst,
}

/// Why the order was chosen, so the preview can show it and the seller can disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateOrderReason {
    /// `2018/06/13`: year, month, day; there is nothing to infer.
    YearFirst,
    /// A number above 12 can only be a day (`line`, the date as written).
    NumberAbove12 { line: u32, date: String },
    /// Read the other way, dates would go back in time this many times.
    Chronology { backwards_day_first: u32, backwards_month_first: u32 },
    /// The day changes more often than the month.
    ChangesMoreOften { first_changes: u32, second_changes: u32 },
    /// Nothing in the file tells: the usual order in the seller's region was assumed.
    NoEvidence,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DateOrderEvidence {
    /// What the file says (or the default when it says nothing).
    pub inferred: DateOrder,
    pub reason: DateOrderReason,
    /// What was used: the seller's override, or `inferred`.
    pub used: DateOrder,
}

/// Dates in file order, with the line each one is on.
pub(crate) fn infer(dates: &[(u32, RawDate)], fallback: DateOrder) -> (DateOrder, DateOrderReason) {
    if dates.iter().all(|(_, d)| d.year_first) {
        return (DateOrder::DayFirst, DateOrderReason::YearFirst);
    }
    let written = |d: &RawDate, sep: &str| format!("{}{sep}{}{sep}{}", d.parts[0], d.parts[1], d.parts[2]);
    let dated = dates.iter().filter(|(_, d)| !d.year_first);
    if let Some((line, d)) = dated.clone().find(|(_, d)| d.parts[0] > 12 && d.parts[1] <= 12) {
        return (DateOrder::DayFirst, DateOrderReason::NumberAbove12 { line: *line, date: written(d, "/") });
    }
    if let Some((line, d)) = dated.clone().find(|(_, d)| d.parts[1] > 12 && d.parts[0] <= 12) {
        return (
            DateOrder::MonthFirst,
            DateOrderReason::NumberAbove12 { line: *line, date: written(d, "/") },
        );
    }
    let key = |d: &RawDate, order: DateOrder| {
        let [a, b, year] = d.parts;
        let (day, month) = if order == DateOrder::DayFirst { (a, b) } else { (b, a) };
        (year, month, day)
    };
    let mut backwards = [0u32; 2];
    let mut changes = [0u32; 2];
    let mut previous: Option<&RawDate> = None;
    for (_, date) in dated {
        if let Some(before) = previous {
            for (i, order) in [DateOrder::DayFirst, DateOrder::MonthFirst].into_iter().enumerate() {
                if key(date, order) < key(before, order) {
                    backwards[i] += 1;
                }
            }
            changes[0] += u32::from(date.parts[0] != before.parts[0]);
            changes[1] += u32::from(date.parts[1] != before.parts[1]);
        }
        previous = Some(date);
    }
    let chronology = DateOrderReason::Chronology {
        backwards_day_first: backwards[0],
        backwards_month_first: backwards[1],
    };
    if backwards[0] < backwards[1] {
        return (DateOrder::DayFirst, chronology);
    }
    if backwards[1] < backwards[0] {
        return (DateOrder::MonthFirst, chronology);
    }
    let frequency =
        DateOrderReason::ChangesMoreOften { first_changes: changes[0], second_changes: changes[1] };
    if changes[0] > changes[1] {
        (DateOrder::DayFirst, frequency)
    } else if changes[1] > changes[0] {
        (DateOrder::MonthFirst, frequency)
    } else {
        (fallback, DateOrderReason::NoEvidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[[u16; 3]]) -> Vec<(u32, RawDate)> {
        list.iter()
            .enumerate()
            .map(|(i, &parts)| (i as u32 + 1, RawDate { parts, year_first: false }))
            .collect()
    }

    #[test]
    fn a_number_above_12_decides() {
        let (order, reason) = infer(&dates(&[[3, 4, 25], [13, 4, 25]]), DateOrder::MonthFirst);
        assert_eq!(order, DateOrder::DayFirst);
        assert_eq!(reason, DateOrderReason::NumberAbove12 { line: 2, date: "13/4/25".into() });
        let (order, _) = infer(&dates(&[[3, 4, 25], [4, 30, 25]]), DateOrder::DayFirst);
        assert_eq!(order, DateOrder::MonthFirst);
    }

    #[test]
    fn chronology_decides_when_every_number_is_small() {
        // 1 Feb → 2 Mar → 1 Apr read day-first; month-first it would go 2 Jan → 3 Feb → 4 Jan.
        let (order, reason) = infer(&dates(&[[1, 2, 25], [2, 3, 25], [1, 4, 25]]), DateOrder::MonthFirst);
        assert_eq!(order, DateOrder::DayFirst);
        assert_eq!(reason, DateOrderReason::Chronology { backwards_day_first: 0, backwards_month_first: 1 });
    }

    #[test]
    fn change_frequency_then_the_fallback() {
        let (order, reason) = infer(&dates(&[[3, 4, 25], [3, 5, 25], [3, 6, 25]]), DateOrder::DayFirst);
        assert_eq!(order, DateOrder::MonthFirst, "{reason:?}");
        let (order, reason) = infer(&dates(&[[3, 4, 25], [3, 4, 25]]), DateOrder::MonthFirst);
        assert_eq!((order, reason), (DateOrder::MonthFirst, DateOrderReason::NoEvidence));
    }
}
