//! The engine's answers as the UI and saved answers read them: promises, feasibility, the cut-off
//! countdown and banner, seasonal deadlines, the capacity calendar, orders' promised dates and the
//! `cutoff.*` answer variables.

use std::collections::HashMap;

use jiff::Timestamp;
use rusqlite::Transaction;

use super::calendar::ShopCalendar;
use super::countdown::countdown;
use super::days::Day;
use super::deadlines::{DeliveryDays, last_order_day};
use super::inputs::{BOOKING_STAGES, calendar, indexes, order_load, order_rows, snapshot};
use super::notice::{DeadlineDays, cutoff_variables, deadline_notice, deadline_passed_notice};
use super::promise::{Promise, feasibility, promise, ship_dates};
use super::tables::{
    clock, closed_dates, deadlines, find_product, invalid, load_settings, parse_day, products, profile_of,
    timestamp,
};
use crate::Result;
use crate::cutoff::{
    CapacityDay, ClosedDate, CountdownView, CutoffBanner, DeadlineView, FeasibilityView, LastOrderDayView,
    OrderPromise, PromiseView,
};
use crate::vocabulary::{Language, UnixSeconds};

/// A deadline shows in the banner from this many days before its first last-order day.
const BANNER_DEADLINE_DAYS: i32 = 21;

fn promise_view(product: &str, quantity: u32, promise: &Promise) -> PromiseView {
    PromiseView {
        product: product.to_string(),
        quantity,
        pieces: promise.pieces,
        starts_on: promise.starts_on.iso(),
        ship_earliest: promise.ship_earliest.iso(),
        ship_latest: promise.ship_latest.iso(),
        made_by: promise.made_by.map(Day::iso),
    }
}

fn check_quantity(quantity: u32) -> Result<()> {
    if quantity == 0 || quantity > 100_000 {
        return Err(invalid("the quantity must be between 1 and 100000"));
    }
    Ok(())
}

pub(crate) fn promise_for(
    tx: &Transaction<'_>,
    product: &str,
    quantity: u32,
    confirmed_at: UnixSeconds,
    now: UnixSeconds,
) -> Result<PromiseView> {
    check_quantity(quantity)?;
    let snap = snapshot(tx, now)?;
    let found = find_product(&snap.products, product)?;
    let promise =
        promise(&snap.calendar, &snap.ledger, profile_of(&found), quantity, timestamp(confirmed_at)?)?;
    Ok(promise_view(&found.name, quantity, &promise))
}

pub(crate) fn feasibility_for(
    tx: &Transaction<'_>,
    product: &str,
    quantity: u32,
    due_date: &str,
    confirmed_at: UnixSeconds,
    now: UnixSeconds,
) -> Result<FeasibilityView> {
    check_quantity(quantity)?;
    let due = parse_day(due_date)?;
    let snap = snapshot(tx, now)?;
    let found = find_product(&snap.products, product)?;
    let answer = feasibility(
        &snap.calendar,
        &snap.ledger,
        profile_of(&found),
        quantity,
        timestamp(confirmed_at)?,
        due,
    )?;
    Ok(FeasibilityView {
        due_date: due.iso(),
        feasible: answer.feasible,
        earliest: answer.promise.ship_earliest.iso(),
        fits_by_due: answer.fits_by_due,
        promise: promise_view(&found.name, quantity, &answer.promise),
    })
}

fn countdown_view(calendar: &ShopCalendar, now: Timestamp) -> Option<CountdownView> {
    let c = countdown(calendar, now)?;
    Some(CountdownView {
        cutoff_at: c.cutoff_at.as_second(),
        cutoff_date: c.cutoff_day.iso(),
        cutoff_time: clock(calendar.day_cutoff(c.cutoff_day)),
        minutes_left: u32::try_from(c.minutes_left).unwrap_or(u32::MAX),
        today: c.today,
        starts_on: c.starts_on.iso(),
        then_starts_on: c.then_starts_on.iso(),
    })
}

pub(crate) fn countdown_for(tx: &Transaction<'_>, now: UnixSeconds) -> Result<Option<CountdownView>> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    Ok(countdown_view(&calendar, timestamp(now)?))
}

/// Upcoming deadlines (event today or later) with each method's last day to order, for a
/// product's processing time or the shop's default.
fn deadline_views(
    tx: &Transaction<'_>,
    calendar: &ShopCalendar,
    processing_days: u32,
    today: Day,
) -> Result<Vec<DeadlineView>> {
    let mut out = Vec::new();
    for deadline in deadlines(tx)? {
        let Some(event) = Day::parse(&deadline.event_date) else { continue };
        if event < today {
            continue;
        }
        let methods = deadline
            .methods
            .iter()
            .filter_map(|m| {
                last_order_day(
                    calendar,
                    processing_days,
                    event,
                    &DeliveryDays { method: m.method.clone(), days: m.days },
                )
            })
            .filter(|d| d.order_by >= today)
            .map(|d| LastOrderDayView {
                method: d.method,
                delivery_days: d.days,
                ship_by: d.ship_by.iso(),
                order_by: d.order_by.iso(),
                before: d.before.map(clock),
                days_left: d.order_by.0 - today.0,
            })
            .collect();
        out.push(DeadlineView {
            id: deadline.id.unwrap_or_default(),
            name: deadline.name,
            event_date: deadline.event_date,
            methods,
        });
    }
    Ok(out)
}

pub(crate) fn deadlines_for(
    tx: &Transaction<'_>,
    product: Option<&str>,
    now: UnixSeconds,
) -> Result<Vec<DeadlineView>> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let days = match product {
        Some(name) => find_product(&products(tx)?, name)?.max_days,
        None => settings.default_max_days,
    };
    let today = calendar.local(timestamp(now)?).0;
    deadline_views(tx, &calendar, days, today)
}

pub(crate) fn banner(tx: &Transaction<'_>, now: UnixSeconds) -> Result<CutoffBanner> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let now = timestamp(now)?;
    let today = calendar.local(now).0;
    let deadline = deadline_views(tx, &calendar, settings.default_max_days, today)?
        .into_iter()
        .find(|d| d.methods.iter().any(|m| m.days_left <= BANNER_DEADLINE_DAYS));
    Ok(CutoffBanner { today: today.iso(), countdown: countdown_view(&calendar, now), deadline })
}

pub(crate) fn capacity_calendar(
    tx: &Transaction<'_>,
    from: &str,
    to: &str,
    now: UnixSeconds,
) -> Result<Vec<CapacityDay>> {
    let (first, last) = (parse_day(from)?, parse_day(to)?);
    if last < first || last.0 - first.0 > 400 {
        return Err(invalid("the range must go forward and span at most 400 days"));
    }
    let snap = snapshot(tx, now)?;
    let closed: HashMap<String, ClosedDate> =
        closed_dates(tx, from, to)?.into_iter().map(|c| (c.date.clone(), c)).collect();
    Ok((first.0..=last.0)
        .map(|n| {
            let day = Day(n);
            let date = day.iso();
            CapacityDay {
                weekday: day.weekday_index() as u8 + 1,
                open: snap.calendar.is_production_day(day),
                closed: closed.get(&date).cloned(),
                capacity: snap.calendar.capacity(day),
                booked: snap.ledger.booked(day),
                date,
            }
        })
        .collect())
}

/// The promised dates of a conversation's orders (or all open ones with `None`): booked orders
/// where the plan put them, inquiries as if confirmed now after every booking.
pub(crate) fn order_promises(
    tx: &Transaction<'_>,
    conversation_id: Option<i64>,
    now: UnixSeconds,
) -> Result<Vec<OrderPromise>> {
    let snap = snapshot(tx, now)?;
    let rows = match conversation_id {
        Some(id) => order_rows(tx, "o.conversation_id = ?1", Some(id))?,
        None => order_rows(tx, &format!("o.stage IN {BOOKING_STAGES} OR o.stage = 'inquiry'"), None)?,
    };
    let (by_name, by_id) = indexes(&snap.products);
    let mut out = Vec::new();
    for row in rows {
        let booked = matches!(row.stage.as_str(), "agreed" | "paid" | "in_production");
        if !booked && row.stage != "inquiry" {
            continue;
        }
        let load = order_load(&by_name, &by_id, row.items.iter().map(|(n, id, q)| (n.as_str(), *id, *q)));
        let Some(profile) = load.profile else { continue };
        let due = row.due_date.as_deref().and_then(Day::parse);
        let promise = match snap.ledger.placed.get(&row.id).filter(|_| booked) {
            Some(placement) => {
                ship_dates(&snap.calendar, profile, placement.start, placement.last_day, load.pieces)?
            }
            None if booked => {
                // Books nothing (stock only): processing time from its first production day.
                let start = snap.calendar.start_day(timestamp(row.created_at)?).unwrap_or(snap.ledger.first);
                ship_dates(&snap.calendar, profile, start.max(snap.ledger.first), None, 0)?
            }
            None => promise(&snap.calendar, &snap.ledger, profile, load.units, snap.now)?,
        };
        // For an inquiry, how many units would ship by its date.
        let (feasible, fits) = match due {
            Some(due) if !booked => {
                let answer = feasibility(&snap.calendar, &snap.ledger, profile, load.units, snap.now, due)?;
                (Some(answer.feasible), Some(answer.fits_by_due))
            }
            Some(due) => (Some(promise.ship_earliest <= due), None),
            None => (None, None),
        };
        out.push(OrderPromise {
            order_id: row.id,
            due_date: row.due_date.clone(),
            booked,
            ship_earliest: promise.ship_earliest.iso(),
            ship_latest: promise.ship_latest.iso(),
            feasible,
            fits_by_due: fits,
            units: load.units,
        });
    }
    Ok(out)
}

/// The `cutoff.*` variables of saved answers, in a language.
pub(crate) fn variables(
    tx: &Transaction<'_>,
    language: Language,
    now: UnixSeconds,
) -> Result<Vec<(String, String)>> {
    let settings = load_settings(tx)?;
    let calendar = calendar(tx, &settings)?;
    let now = timestamp(now)?;
    let today = calendar.local(now).0;
    let countdown = countdown(&calendar, now);
    let mut days = Vec::new();
    let mut names = Vec::new();
    // The notice names the first near event it can still promise (as the banner does), after a
    // near one it no longer reaches, so nobody assumes Christmas still works.
    let (mut passed_event, mut open_event) = (None, None);
    for deadline in deadlines(tx)? {
        let Some(event) = Day::parse(&deadline.event_date) else { continue };
        if event < today {
            continue;
        }
        let all: Vec<_> = deadline
            .methods
            .iter()
            .filter_map(|m| {
                last_order_day(
                    &calendar,
                    settings.default_max_days,
                    event,
                    &DeliveryDays { method: m.method.clone(), days: m.days },
                )
            })
            .collect();
        let list: Vec<_> = all.iter().filter(|d| d.order_by >= today).cloned().collect();
        if open_event.is_none() {
            match (list.iter().map(|d| d.order_by).min(), all.iter().map(|d| d.order_by).max()) {
                (Some(first), _) if first.0 - today.0 <= BANNER_DEADLINE_DAYS => {
                    open_event = Some(deadline_notice(language, &deadline.name, &list));
                }
                (None, Some(last)) if passed_event.is_none() && event.0 - today.0 <= BANNER_DEADLINE_DAYS => {
                    passed_event = Some(deadline_passed_notice(language, &deadline.name, last));
                }
                _ => {}
            }
        }
        names.push(deadline.name);
        days.push(list);
    }
    let cutoff = countdown.map_or(calendar.cutoff, |c| calendar.day_cutoff(c.cutoff_day));
    let deadline_days: Vec<DeadlineDays<'_>> =
        names.iter().zip(&days).map(|(name, days)| DeadlineDays { name, days }).collect();
    let mut vars = cutoff_variables(language, countdown.as_ref(), today, cutoff, &deadline_days);
    // Near an event, the pasted cut-off notice also says the last day to order for it.
    if let Some((_, notice)) = vars.iter_mut().find(|(name, _)| name == "cutoff.notice") {
        for event in [passed_event, open_event].into_iter().flatten() {
            notice.push(' ');
            notice.push_str(&event);
        }
    }
    Ok(vars)
}
