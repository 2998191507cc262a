//! Notice texts for pasting to buyers, in the shop's languages, and the values of the `cutoff.*`
//! variables of saved answers.

use jiff::civil::Time;

use super::countdown::Countdown;
use super::days::Day;
use super::deadlines::LastOrderDay;
use crate::vocabulary::Language;
use crate::vocabulary::date_words;

/// "martes 9 de diciembre" / "terça-feira, 9 de dezembro" / "Tuesday, December 9".
pub fn long_date(language: Language, day: Day) -> String {
    crate::vocabulary::date_words::long_date(language, day.to_date())
}

/// "hoy, martes 9" / "mañana, miércoles 10" / "jueves 11 de diciembre".
pub fn relative_date(language: Language, day: Day, today: Day) -> String {
    let date = day.to_date();
    let (w, d) = (day.weekday_index(), date.day());
    let weekday = date_words::weekday(language, w);
    let short = match language {
        Language::Es => format!("{weekday} {d}"),
        Language::PtBr => format!("{weekday}, dia {d}"),
        Language::En => format!("{weekday} {d}"),
    };
    match (day.0 - today.0, language) {
        (0, Language::Es) => format!("hoy, {short}"),
        (0, Language::PtBr) => format!("hoje, {short}"),
        (0, Language::En) => format!("today, {short}"),
        (1, Language::Es) => format!("mañana, {short}"),
        (1, Language::PtBr) => format!("amanhã, {short}"),
        (1, Language::En) => format!("tomorrow, {short}"),
        _ => long_date(language, day),
    }
}

pub fn clock(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// "40 min" / "2 h 05 min".
pub fn duration(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

/// The cut-off notice: when an order confirmed now starts, and until when.
pub fn countdown_notice(language: Language, countdown: &Countdown, today: Day, cutoff: Time) -> String {
    let starts = relative_date(language, countdown.starts_on, today);
    let then = relative_date(language, countdown.then_starts_on, today);
    let at = clock(cutoff);
    let left = duration(countdown.minutes_left);
    match (language, countdown.today) {
        (Language::Es, true) => format!(
            "Los pedidos confirmados antes de las {at} (faltan {left}) empiezan a prepararse {starts}; los que lleguen después, {then}."
        ),
        (Language::Es, false) => format!(
            "Los pedidos confirmados desde ahora empiezan a prepararse {starts}; el próximo cierre es el {} a las {at}.",
            long_date(language, local_day(countdown, today))
        ),
        (Language::PtBr, true) => format!(
            "Pedidos confirmados antes das {at} (faltam {left}) começam a ser preparados {starts}; os que chegarem depois, {then}."
        ),
        (Language::PtBr, false) => format!(
            "Pedidos confirmados a partir de agora começam a ser preparados {starts}; o próximo horário de corte é {} às {at}.",
            long_date(language, local_day(countdown, today))
        ),
        (Language::En, true) => format!(
            "Orders confirmed before {at} ({left} left) start {starts}; orders after that start {then}."
        ),
        (Language::En, false) => format!(
            "Orders confirmed from now on start {starts}; the next cut-off is {} at {at}.",
            long_date(language, local_day(countdown, today))
        ),
    }
}

/// The day of the countdown's cut-off: today, or the production day it falls on.
fn local_day(countdown: &Countdown, today: Day) -> Day {
    if countdown.today { today } else { countdown.cutoff_day }
}

/// "Para Navidad, los últimos días para pedir son: Correo Argentino, viernes 4 de diciembre (antes de
/// las 18:00); …".
pub fn deadline_notice(language: Language, event_name: &str, days: &[LastOrderDay]) -> String {
    let parts: Vec<String> = days
        .iter()
        .map(|d| {
            let when = long_date(language, d.order_by);
            match (language, d.before) {
                (Language::Es, Some(t)) => format!("{}, {when} (antes de las {})", d.method, clock(t)),
                (Language::PtBr, Some(t)) => format!("{}, {when} (antes das {})", d.method, clock(t)),
                (Language::En, Some(t)) => format!("{}, {when} (before {})", d.method, clock(t)),
                (_, None) => format!("{}, {when}", d.method),
            }
        })
        .collect();
    let list = parts.join("; ");
    match (language, parts.len()) {
        (Language::Es, 1) => format!("Para {event_name}, el último día para pedir es: {list}."),
        (Language::Es, _) => format!("Para {event_name}, los últimos días para pedir son: {list}."),
        (Language::PtBr, 1) => format!("Para {event_name}, o último dia para pedir é: {list}."),
        (Language::PtBr, _) => format!("Para {event_name}, os últimos dias para pedir são: {list}."),
        (Language::En, 1) => format!("For {event_name}, the last day to order is: {list}."),
        (Language::En, _) => format!("For {event_name}, the last days to order are: {list}."),
    }
}

/// A near event no method reaches any more: the last day to order was `last`, honestly said.
pub fn deadline_passed_notice(language: Language, event_name: &str, last: Day) -> String {
    let when = long_date(language, last);
    match language {
        Language::Es => {
            format!(
                "Para {event_name} ya no llegamos con pedidos nuevos: el último día para pedir fue el {when}."
            )
        }
        Language::PtBr => {
            format!(
                "Para {event_name} não chegamos mais a tempo com pedidos novos: o último dia para pedir foi {when}."
            )
        }
        Language::En => {
            format!("New orders can no longer make it for {event_name}: the last day to order was {when}.")
        }
    }
}

/// One upcoming deadline's last order days, by method.
#[derive(Debug, Clone)]
pub struct DeadlineDays<'a> {
    pub name: &'a str,
    pub days: &'a [LastOrderDay],
}

/// The values of the `cutoff.*` variables for saved answers: `cutoff.notice`,
/// `cutoff.next_ship_date` (when an order confirmed now starts, which is when stock ships) and
/// `cutoff.last_order_day:<deadline name>` per upcoming deadline.
pub fn cutoff_variables(
    language: Language,
    countdown: Option<&Countdown>,
    today: Day,
    cutoff: Time,
    deadlines: &[DeadlineDays<'_>],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(countdown) = countdown {
        out.push(("cutoff.notice".to_string(), countdown_notice(language, countdown, today, cutoff)));
        out.push(("cutoff.next_ship_date".to_string(), relative_date(language, countdown.starts_on, today)));
    }
    for deadline in deadlines {
        out.push((
            format!("cutoff.last_order_day:{}", deadline.name),
            deadline_notice(language, deadline.name, deadline.days),
        ));
    }
    out
}
