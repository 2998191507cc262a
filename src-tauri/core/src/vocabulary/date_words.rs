//! Weekday and month names, and the long date, as each app language writes them: one table for
//! saved answers and cut-off notices alike.

use jiff::civil::Date;

use crate::vocabulary::Language;

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_PT: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
// Monday first, as jiff's `to_monday_zero_offset`.
const WEEKDAYS_ES: [&str; 7] = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];
const WEEKDAYS_PT: [&str; 7] =
    ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"];
const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Monday is 0, as jiff's `to_monday_zero_offset`.
pub(crate) fn weekday(language: Language, monday_zero: usize) -> &'static str {
    let names = match language {
        Language::Es => &WEEKDAYS_ES,
        Language::PtBr => &WEEKDAYS_PT,
        Language::En => &WEEKDAYS_EN,
    };
    names[monday_zero % 7]
}

/// "martes 9 de diciembre", "terça-feira, 9 de dezembro", "Tuesday, December 9".
pub(crate) fn long_date(language: Language, date: Date) -> String {
    let weekday = weekday(language, usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0));
    let month = usize::try_from(date.month() - 1).unwrap_or(0) % 12;
    let day = date.day();
    match language {
        Language::Es => format!("{weekday} {day} de {}", MONTHS_ES[month]),
        Language::PtBr => format!("{weekday}, {day} de {}", MONTHS_PT[month]),
        Language::En => format!("{weekday}, {} {day}", MONTHS_EN[month]),
    }
}
