//! Public holidays by country for one year: fixed dates, the rules that move some of them to a
//! Monday, and the ones that follow Easter. A preset is a starting point the seller edits:
//! governments add bridge days and move holidays by decree.

use jiff::civil::{Date, Weekday, date};

use super::days::Day;

/// Countries with a preset, as ISO 3166 codes.
pub const COUNTRIES: &[&str] = &["AR", "BR", "CL", "CO", "MX", "PE", "UY", "ES", "US"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: &'static str,
}

/// Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as i8, day as i8)
}

fn shift(day: Date, days: i32) -> Date {
    Day::from_date(day).plus(days).to_date()
}

/// The `nth` weekday of a month; negative counts from the end (-1 = last).
fn nth(year: i16, month: i8, nth: i8, weekday: Weekday) -> Date {
    date(year, month, 1).nth_weekday_of_month(nth, weekday).unwrap_or(date(year, month, 1))
}

/// Argentina's and Uruguay's movable holidays: Tuesday/Wednesday go back to Monday,
/// Thursday/Friday forward to the next Monday.
fn nearest_monday(day: Date) -> Date {
    match day.weekday() {
        Weekday::Tuesday => shift(day, -1),
        Weekday::Wednesday => shift(day, -2),
        Weekday::Thursday => shift(day, 4),
        Weekday::Friday => shift(day, 3),
        _ => day,
    }
}

/// Colombia's "Ley Emiliani": to the next Monday unless it is one.
fn next_monday(day: Date) -> Date {
    let offset = (7 - day.weekday().to_monday_zero_offset()) % 7;
    shift(day, i32::from(offset))
}

/// United States federal rule: Saturday is observed on Friday, Sunday on Monday.
fn observed(day: Date) -> Date {
    match day.weekday() {
        Weekday::Saturday => shift(day, -1),
        Weekday::Sunday => shift(day, 1),
        _ => day,
    }
}

/// The preset for a country (ISO code, case-insensitive) and year; `None` for an unknown country.
pub fn preset(country: &str, year: i16) -> Option<Vec<Holiday>> {
    let y = year;
    let e = easter(y);
    let h = |date: Date, name: &'static str| Holiday { date, name };
    let mut list = match country.to_ascii_uppercase().as_str() {
        "AR" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(shift(e, -48), "Carnaval"),
            h(shift(e, -47), "Carnaval"),
            h(date(y, 3, 24), "Día Nacional de la Memoria por la Verdad y la Justicia"),
            h(date(y, 4, 2), "Día del Veterano y de los Caídos en la Guerra de Malvinas"),
            h(shift(e, -2), "Viernes Santo"),
            h(date(y, 5, 1), "Día del Trabajador"),
            h(date(y, 5, 25), "Día de la Revolución de Mayo"),
            h(nearest_monday(date(y, 6, 17)), "Paso a la Inmortalidad del Gral. Martín Miguel de Güemes"),
            h(date(y, 6, 20), "Paso a la Inmortalidad del Gral. Manuel Belgrano"),
            h(date(y, 7, 9), "Día de la Independencia"),
            h(nth(y, 8, 3, Weekday::Monday), "Paso a la Inmortalidad del Gral. José de San Martín"),
            h(nearest_monday(date(y, 10, 12)), "Día del Respeto a la Diversidad Cultural"),
            h(nearest_monday(date(y, 11, 20)), "Día de la Soberanía Nacional"),
            h(date(y, 12, 8), "Inmaculada Concepción de María"),
            h(date(y, 12, 25), "Navidad"),
        ],
        "BR" => vec![
            h(date(y, 1, 1), "Confraternização Universal"),
            h(shift(e, -48), "Carnaval"),
            h(shift(e, -47), "Carnaval"),
            h(shift(e, -2), "Sexta-feira Santa"),
            h(date(y, 4, 21), "Tiradentes"),
            h(date(y, 5, 1), "Dia do Trabalho"),
            h(shift(e, 60), "Corpus Christi"),
            h(date(y, 9, 7), "Independência do Brasil"),
            h(date(y, 10, 12), "Nossa Senhora Aparecida"),
            h(date(y, 11, 2), "Finados"),
            h(date(y, 11, 15), "Proclamação da República"),
            h(date(y, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra"),
            h(date(y, 12, 25), "Natal"),
        ],
        "CL" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(shift(e, -2), "Viernes Santo"),
            h(shift(e, -1), "Sábado Santo"),
            h(date(y, 5, 1), "Día del Trabajo"),
            h(date(y, 5, 21), "Día de las Glorias Navales"),
            h(date(y, 6, 21), "Día de los Pueblos Indígenas"),
            h(nearest_monday(date(y, 6, 29)), "San Pedro y San Pablo"),
            h(date(y, 7, 16), "Virgen del Carmen"),
            h(date(y, 8, 15), "Asunción de la Virgen"),
            h(date(y, 9, 18), "Independencia Nacional"),
            h(date(y, 9, 19), "Día de las Glorias del Ejército"),
            h(nearest_monday(date(y, 10, 12)), "Encuentro de Dos Mundos"),
            h(
                match date(y, 10, 31).weekday() {
                    Weekday::Tuesday => date(y, 10, 27),
                    Weekday::Wednesday => date(y, 11, 2),
                    _ => date(y, 10, 31),
                },
                "Día de las Iglesias Evangélicas y Protestantes",
            ),
            h(date(y, 11, 1), "Día de Todos los Santos"),
            h(date(y, 12, 8), "Inmaculada Concepción"),
            h(date(y, 12, 25), "Navidad"),
        ],
        "CO" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(next_monday(date(y, 1, 6)), "Día de los Reyes Magos"),
            h(next_monday(date(y, 3, 19)), "Día de San José"),
            h(shift(e, -3), "Jueves Santo"),
            h(shift(e, -2), "Viernes Santo"),
            h(date(y, 5, 1), "Día del Trabajo"),
            h(shift(e, 43), "Ascensión del Señor"),
            h(shift(e, 64), "Corpus Christi"),
            h(shift(e, 71), "Sagrado Corazón"),
            h(next_monday(date(y, 6, 29)), "San Pedro y San Pablo"),
            h(date(y, 7, 20), "Día de la Independencia"),
            h(date(y, 8, 7), "Batalla de Boyacá"),
            h(next_monday(date(y, 8, 15)), "La Asunción de la Virgen"),
            h(next_monday(date(y, 10, 12)), "Día de la Raza"),
            h(next_monday(date(y, 11, 1)), "Todos los Santos"),
            h(next_monday(date(y, 11, 11)), "Independencia de Cartagena"),
            h(date(y, 12, 8), "Inmaculada Concepción"),
            h(date(y, 12, 25), "Navidad"),
        ],
        "MX" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(nth(y, 2, 1, Weekday::Monday), "Día de la Constitución"),
            h(nth(y, 3, 3, Weekday::Monday), "Natalicio de Benito Juárez"),
            h(date(y, 5, 1), "Día del Trabajo"),
            h(date(y, 9, 16), "Día de la Independencia"),
            h(nth(y, 11, 3, Weekday::Monday), "Día de la Revolución"),
            h(date(y, 12, 25), "Navidad"),
        ],
        "PE" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(shift(e, -3), "Jueves Santo"),
            h(shift(e, -2), "Viernes Santo"),
            h(date(y, 5, 1), "Día del Trabajo"),
            h(date(y, 6, 7), "Batalla de Arica y Día de la Bandera"),
            h(date(y, 6, 29), "San Pedro y San Pablo"),
            h(date(y, 7, 23), "Día de la Fuerza Aérea del Perú"),
            h(date(y, 7, 28), "Fiestas Patrias"),
            h(date(y, 7, 29), "Fiestas Patrias"),
            h(date(y, 8, 6), "Batalla de Junín"),
            h(date(y, 8, 30), "Santa Rosa de Lima"),
            h(date(y, 10, 8), "Combate de Angamos"),
            h(date(y, 11, 1), "Día de Todos los Santos"),
            h(date(y, 12, 8), "Inmaculada Concepción"),
            h(date(y, 12, 9), "Batalla de Ayacucho"),
            h(date(y, 12, 25), "Navidad"),
        ],
        "UY" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(date(y, 1, 6), "Día de Reyes"),
            h(shift(e, -48), "Carnaval"),
            h(shift(e, -47), "Carnaval"),
            h(shift(e, -3), "Semana de Turismo"),
            h(shift(e, -2), "Semana de Turismo"),
            h(nearest_monday(date(y, 4, 19)), "Desembarco de los 33 Orientales"),
            h(date(y, 5, 1), "Día de los Trabajadores"),
            h(nearest_monday(date(y, 5, 18)), "Batalla de las Piedras"),
            h(date(y, 6, 19), "Natalicio de Artigas"),
            h(date(y, 7, 18), "Jura de la Constitución"),
            h(date(y, 8, 25), "Declaratoria de la Independencia"),
            h(nearest_monday(date(y, 10, 12)), "Día de la Diversidad Cultural"),
            h(date(y, 11, 2), "Día de los Difuntos"),
            h(date(y, 12, 25), "Día de la Familia"),
        ],
        "ES" => vec![
            h(date(y, 1, 1), "Año Nuevo"),
            h(date(y, 1, 6), "Epifanía del Señor"),
            h(shift(e, -2), "Viernes Santo"),
            h(date(y, 5, 1), "Fiesta del Trabajo"),
            h(date(y, 8, 15), "Asunción de la Virgen"),
            h(date(y, 10, 12), "Fiesta Nacional de España"),
            h(date(y, 11, 1), "Todos los Santos"),
            h(date(y, 12, 6), "Día de la Constitución"),
            h(date(y, 12, 8), "Inmaculada Concepción"),
            h(date(y, 12, 25), "Navidad"),
        ],
        "US" => vec![
            h(observed(date(y, 1, 1)), "New Year's Day"),
            h(nth(y, 1, 3, Weekday::Monday), "Martin Luther King Jr. Day"),
            h(nth(y, 2, 3, Weekday::Monday), "Washington's Birthday"),
            h(nth(y, 5, -1, Weekday::Monday), "Memorial Day"),
            h(observed(date(y, 6, 19)), "Juneteenth"),
            h(observed(date(y, 7, 4)), "Independence Day"),
            h(nth(y, 9, 1, Weekday::Monday), "Labor Day"),
            h(nth(y, 10, 2, Weekday::Monday), "Columbus Day"),
            h(observed(date(y, 11, 11)), "Veterans Day"),
            h(nth(y, 11, 4, Weekday::Thursday), "Thanksgiving Day"),
            h(observed(date(y, 12, 25)), "Christmas Day"),
        ],
        _ => return None,
    };
    list.sort_by_key(|holiday| holiday.date);
    list.dedup_by_key(|holiday| holiday.date);
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_matches_the_published_dates() {
        for (year, month, day) in [
            (2018, 4, 1),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(year), date(year, month, day), "{year}");
        }
    }

    fn dates(country: &str, year: i16) -> Vec<String> {
        preset(country, year).unwrap().iter().map(|h| h.date.to_string()).collect()
    }

    #[test]
    fn argentina_2026_follows_the_official_calendar() {
        let ar = dates("ar", 2026);
        for day in [
            "2026-01-01",
            "2026-02-16",
            "2026-02-17",
            "2026-03-24",
            "2026-04-02",
            "2026-04-03",
            "2026-05-01",
            "2026-05-25",
            "2026-06-15",
            "2026-06-20",
            "2026-07-09",
            "2026-08-17",
            "2026-10-12",
            "2026-11-23",
            "2026-12-08",
            "2026-12-25",
        ] {
            assert!(ar.contains(&day.to_string()), "{day} missing from {ar:?}");
        }
        assert_eq!(ar.len(), 16);
    }

    #[test]
    fn other_countries_have_their_movable_and_easter_holidays() {
        assert!(dates("BR", 2026).contains(&"2026-06-04".into()), "Corpus Christi");
        assert!(dates("BR", 2026).contains(&"2026-02-17".into()), "Carnaval");
        assert!(dates("CO", 2026).contains(&"2026-01-12".into()), "Reyes to Monday");
        assert!(dates("CO", 2026).contains(&"2026-05-18".into()), "Ascensión");
        assert!(dates("MX", 2026).contains(&"2026-02-02".into()));
        assert!(dates("MX", 2026).contains(&"2026-11-16".into()));
        assert!(dates("US", 2026).contains(&"2026-11-26".into()), "Thanksgiving");
        assert!(dates("US", 2026).contains(&"2026-07-03".into()), "July 4th observed on Friday");
        assert!(dates("US", 2026).contains(&"2026-05-25".into()), "Memorial Day");
        assert!(dates("ES", 2026).contains(&"2026-04-03".into()));
        assert!(dates("PE", 2026).contains(&"2026-04-02".into()));
        assert!(dates("UY", 2026).contains(&"2026-04-02".into()));
        assert!(dates("CL", 2026).contains(&"2026-04-04".into()), "Sábado Santo");
        assert!(dates("CL", 2026).contains(&"2026-06-29".into()));
        assert!(preset("XX", 2026).is_none());
        for country in COUNTRIES {
            assert!(preset(country, 2027).is_some_and(|list| list.len() >= 7), "{country}");
        }
    }
}
