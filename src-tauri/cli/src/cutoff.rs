//! `cutoff promise | deadline | calendar`: ship-by dates, last days to order and booked capacity,
//! from the shop calendar in the database.

use std::io::Write;
use std::path::Path;

use mostrador_core::cutoff::{CapacityDay, DeadlineView, FeasibilityView, PromiseView};

use crate::database;
use crate::failure::Failure;

pub enum Request<'a> {
    Promise { product: &'a str, qty: u32, at: Option<&'a str>, due: Option<&'a str> },
    Deadline { event: &'a str, product: Option<&'a str> },
    Calendar { from: &'a str, to: &'a str },
}

pub fn run(
    db: &Path,
    request: &Request<'_>,
    now: i64,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let store = database::open_existing(db)?;
    match request {
        Request::Promise { product, qty, at, due } => {
            // `--at` answers as the shop would have at that moment: bookings are planned from then.
            let (at, now) = match at {
                Some(text) => {
                    let at = parse_instant(text)?;
                    (at, at)
                }
                None => (now, now),
            };
            match due {
                Some(due) => {
                    let answer = store
                        .feasibility(product, *qty, due, at, now)
                        .map_err(|e| Failure::from_core(e, &format!("check {qty} × {product:?} by {due}")))?;
                    if json {
                        write_json(serde_json::to_value(&answer), out)
                    } else {
                        feasibility_text(&answer, out)
                    }
                }
                None => {
                    let promise = store
                        .promise(product, *qty, at, now)
                        .map_err(|e| Failure::from_core(e, &format!("promise {qty} × {product:?}")))?;
                    if json {
                        write_json(serde_json::to_value(&promise), out)
                    } else {
                        promise_text(&promise, out)
                    }
                }
            }
        }
        Request::Deadline { event, product } => {
            let all = store
                .upcoming_deadlines(*product, now)
                .map_err(|e| Failure::from_core(e, "read the seasonal deadlines"))?;
            let wanted = event.trim().to_lowercase();
            let found: Vec<&DeadlineView> =
                all.iter().filter(|d| d.name.to_lowercase().contains(&wanted)).collect();
            let Some(deadline) = found.first() else {
                let known: Vec<&str> = all.iter().map(|d| d.name.as_str()).collect();
                return Err(Failure::new(format!(
                    "There is no upcoming seasonal deadline called {event:?}. Upcoming: {}.",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                )));
            };
            if json { write_json(serde_json::to_value(deadline), out) } else { deadline_text(deadline, out) }
        }
        Request::Calendar { from, to } => {
            let days = store.capacity_calendar(from, to, now).map_err(|e| {
                Failure::from_core(e, &format!("read the capacity calendar from {from} to {to}"))
            })?;
            if json { write_json(serde_json::to_value(&days), out) } else { calendar_text(&days, out) }
        }
    }
}

fn parse_instant(text: &str) -> Result<i64, Failure> {
    text.parse::<jiff::Timestamp>().map(|t| t.as_second()).map_err(|_| {
        Failure::new(format!(
            "--at {text:?} is not an RFC 3339 time. Write it like 2026-03-02T17:30:00-03:00."
        ))
    })
}

fn write_json(value: serde_json::Result<serde_json::Value>, out: &mut impl Write) -> Result<(), Failure> {
    let value = value.map_err(|e| Failure::new(format!("Could not write the answer as JSON: {e}.")))?;
    serde_json::to_writer_pretty(&mut *out, &value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .map_err(Failure::from_stdout)
}

fn promise_text(p: &PromiseView, out: &mut impl Write) -> Result<(), Failure> {
    (|| -> std::io::Result<()> {
        writeln!(out, "{} × {}", p.quantity, p.product)?;
        writeln!(out, "starts on      {}", p.starts_on)?;
        if let Some(made_by) = &p.made_by {
            writeln!(out, "made by        {made_by} ({} pieces of capacity)", p.pieces)?;
        }
        writeln!(out, "ships between  {} and {}", p.ship_earliest, p.ship_latest)
    })()
    .map_err(Failure::from_stdout)
}

fn feasibility_text(f: &FeasibilityView, out: &mut impl Write) -> Result<(), Failure> {
    (|| -> std::io::Result<()> {
        if f.feasible {
            writeln!(
                out,
                "Yes: {} × {} ship by {} (earliest {}).",
                f.promise.quantity, f.promise.product, f.due_date, f.earliest
            )?;
        } else {
            writeln!(
                out,
                "No: {} × {} cannot ship by {}. Earliest: {}. By {} only {} would.",
                f.promise.quantity, f.promise.product, f.due_date, f.earliest, f.due_date, f.fits_by_due
            )?;
        }
        Ok(())
    })()
    .map_err(Failure::from_stdout)?;
    promise_text(&f.promise, out)
}

fn deadline_text(d: &DeadlineView, out: &mut impl Write) -> Result<(), Failure> {
    (|| -> std::io::Result<()> {
        writeln!(out, "{} ({})", d.name, d.event_date)?;
        if d.methods.is_empty() {
            writeln!(out, "  the last day to order has passed for every method")?;
        }
        for m in &d.methods {
            let before = m.before.as_deref().map(|t| format!(" before {t}")).unwrap_or_default();
            writeln!(
                out,
                "  {:<24} order by {}{before:<13} ships by {}  ({} days of delivery, {} days left)",
                m.method, m.order_by, m.ship_by, m.delivery_days, m.days_left
            )?;
        }
        Ok(())
    })()
    .map_err(Failure::from_stdout)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn calendar_text(days: &[CapacityDay], out: &mut impl Write) -> Result<(), Failure> {
    (|| -> std::io::Result<()> {
        for day in days {
            let weekday = WEEKDAYS[usize::from(day.weekday.clamp(1, 7) - 1)];
            let status = match (&day.closed, day.open, day.capacity) {
                (Some(closed), _, _) => format!("closed: {}", closed.reason),
                (None, false, _) => "closed".to_string(),
                (None, true, None) => format!("{} booked (capacity not planned)", day.booked),
                (None, true, Some(capacity)) => {
                    let bar: String = (0..capacity).map(|i| if i < day.booked { '#' } else { '.' }).collect();
                    format!("{bar:<12} {}/{capacity} booked", day.booked)
                }
            };
            writeln!(out, "{} {weekday}  {status}", day.date)?;
        }
        Ok(())
    })()
    .map_err(Failure::from_stdout)
}
