//! Recognises the header WhatsApp puts at the start of each message line. The shapes vary by
//! platform, phone language and clock setting; these are the ones exports are known to have:
//!
//! ```text
//! 12/3/25, 09:11 - Name: text                 16/6/20 19:35 - Name: text
//! 12/31/20, 9:41 PM - Name: text              23/06/2018, 01:55 p. m. - Name: text
//! 03-06-2018, 01.55 PM - Name: text           13.6.2018 klo 21.25.15 - Name: text
//! 13.06.18, 14:05 - Name: text                13. 6. 2018. 14:05 - Name: text
//! 2023-12-20, 5:46 p.m. - Name: text          2018. 06. 13. 14:05 - Name: text
//! [12/3/25, 2:32:11 p. m.] Name: text         [2018/06/13, 21:25:15] Name: text
//! [01/01/19 11:25] Name: text                 13.06.18 21.25.15: Name: text
//! 09/12/2012 17:03:48: Name: text             13. 6. 2018. 21:25:15 Name: text
//! ```
//!
//! Spaces may be ordinary, no-break (U+00A0) or narrow no-break (U+202F); lines may start with
//! direction marks; the dash may be any of the dashes phones substitute for `-`. The date's numbers
//! are returned as written: which is the day is decided for the whole file (see `date_order.rs`).

/// The date as written: three numbers in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawDate {
    pub parts: [u16; 3],
    /// `2018/06/13`: the year comes first and the order is always year, month, day.
    pub year_first: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTime {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header<'a> {
    pub date: RawDate,
    pub time: RawTime,
    /// What follows the header: `Name: text`, or a system line.
    pub rest: &'a str,
}

/// Why a line that starts like a header is not one: the line is then "unreadable", not a
/// continuation of the previous message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadHeader {
    Time,
}

/// Invisible marks that may precede the header, the text or a file name: direction marks (LRM,
/// RLM, the Arabic letter mark), embeddings, isolates, zero-width space, word joiner, BOM. Joiners
/// (U+200C, U+200D) are not among them: they belong inside emoji and words.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// `-` and the dashes keyboards and translations put in its place (hyphen, non-breaking hyphen,
/// figure dash, en dash, em dash, minus sign).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t')
}

/// `None`: not a header (the line continues the previous message).
pub(crate) fn parse(line: &str) -> Option<Result<Header<'_>, BadHeader>> {
    let mut s = Cursor { rest: line.trim_start_matches(is_mark) };
    // A quick refusal for the common case, continuation lines of text.
    let first = s.rest.as_bytes().first()?;
    if !(first.is_ascii_digit() || *first == b'[') {
        return None;
    }
    let bracketed = s.eat('[');
    s.skip_marks();
    let (date, spaced_dots) = s.date()?;
    s.eat(',');
    if !s.spaces() {
        return None;
    }
    if s.word("klo") && !s.spaces() {
        return None;
    }
    let (hour, minute, second) = s.clock()?;
    let meridiem = s.meridiem();
    s.skip_marks();
    let rest = if bracketed {
        if !s.eat(']') {
            return None;
        }
        match s.rest.chars().next() {
            None => s.rest,
            Some(c) if is_space(c) => &s.rest[c.len_utf8()..],
            Some(c) if is_mark(c) => s.rest,
            Some(_) => return None,
        }
    } else {
        let spaced = s.spaces();
        if s.eat_if(is_dash) || s.eat(':') {
            match s.rest.chars().next() {
                None => s.rest,
                Some(c) if is_space(c) => &s.rest[c.len_utf8()..],
                Some(_) => return None,
            }
        } else if spaced && spaced_dots && !s.rest.is_empty() {
            // `13. 6. 2018. 21:25:15 Name: text`: this style is also written with nothing
            // between the time and the name.
            s.rest
        } else {
            return None;
        }
    };
    let Some(hour) = to_24h(hour, meridiem) else { return Some(Err(BadHeader::Time)) };
    if minute > 59 || second > 59 {
        return Some(Err(BadHeader::Time));
    }
    Some(Ok(Header { date, time: RawTime { hour, minute, second }, rest }))
}

fn to_24h(hour: u8, meridiem: Option<bool>) -> Option<u8> {
    match meridiem {
        None => (hour <= 23).then_some(hour),
        Some(pm) => match hour {
            12 => Some(if pm { 12 } else { 0 }),
            1..=11 => Some(if pm { hour + 12 } else { hour }),
            // Some phones write "0:15 a. m."; treat as after midnight.
            0 if !pm => Some(0),
            _ => None,
        },
    }
}

struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn eat_if(&mut self, wanted: impl Fn(char) -> bool) -> bool {
        match self.rest.chars().next() {
            Some(c) if wanted(c) => {
                self.rest = &self.rest[c.len_utf8()..];
                true
            }
            _ => false,
        }
    }

    fn word(&mut self, word: &str) -> bool {
        match self.rest.strip_prefix(word) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    fn skip_marks(&mut self) {
        self.rest = self.rest.trim_start_matches(is_mark);
    }

    /// One or more spaces of any kind; false when there was none.
    fn spaces(&mut self) -> bool {
        let trimmed = self.rest.trim_start_matches(is_space);
        let any = trimmed.len() != self.rest.len();
        self.rest = trimmed;
        any
    }

    fn number(&mut self, max_digits: usize) -> Option<(u16, usize)> {
        let digits = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > max_digits {
            return None;
        }
        let value = self.rest[..digits].parse().ok()?;
        self.rest = &self.rest[digits..];
        Some((value, digits))
    }

    /// The date, and whether it was written with a space after each dot (`13. 6. 2018.`).
    fn date(&mut self) -> Option<(RawDate, bool)> {
        let (a, a_digits) = self.number(4)?;
        let separator = self.rest.chars().next().filter(|c| matches!(c, '/' | '-' | '.'))?;
        self.eat(separator);
        // Croatian, Serbian, Czech, Hungarian and East Asian phones put a space after each dot.
        let spaced = separator == '.' && self.spaces();
        let (b, _) = self.number(2)?;
        if !self.eat(separator) || (spaced && !self.spaces()) {
            return None;
        }
        let (c, c_digits) = self.number(4)?;
        // `13.6.2018.`: some locales end the date with a dot too.
        if separator == '.' {
            self.eat('.');
        }
        let year_first = a_digits == 4;
        // `2018/06/13` ends in a day; otherwise the year is last, with two or four digits.
        let last_fits = if year_first { c_digits <= 2 } else { c_digits == 2 || c_digits == 4 };
        if !last_fits || a_digits == 3 {
            return None;
        }
        Some((RawDate { parts: [a, b, c], year_first }, spaced))
    }

    fn clock(&mut self) -> Option<(u8, u8, u8)> {
        let (hour, _) = self.number(2)?;
        let separator = self.rest.chars().next().filter(|c| matches!(c, ':' | '.'))?;
        self.eat(separator);
        let (minute, minute_digits) = self.number(2)?;
        if minute_digits != 2 {
            return None;
        }
        let mut second = 0;
        let before = self.rest;
        if self.eat(separator) {
            match self.number(2) {
                Some((value, 2)) => second = value,
                // `13.06.18 21.25: Name`: the separator was the header's own colon.
                _ => self.rest = before,
            }
        }
        Some((hour as u8, minute as u8, second as u8))
    }

    /// `AM`, `pm`, `a. m.`, `p.m.` with any kind of space before and inside; `Some(true)` for PM.
    fn meridiem(&mut self) -> Option<bool> {
        let start = self.rest;
        self.spaces();
        let pm = match self.rest.as_bytes().first() {
            Some(b'a' | b'A') => false,
            Some(b'p' | b'P') => true,
            _ => {
                self.rest = start;
                return None;
            }
        };
        self.rest = &self.rest[1..];
        self.eat('.');
        self.spaces();
        if !(self.eat('m') || self.eat('M')) {
            self.rest = start;
            return None;
        }
        self.eat('.');
        // `13. 6. 2018. 9:30 Amanda: …` has no dash: the "Am" is the name's, not a meridiem.
        if self.rest.chars().next().is_some_and(char::is_alphanumeric) {
            self.rest = start;
            return None;
        }
        Some(pm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> (RawDate, (u8, u8, u8), &str) {
        let header = parse(line).unwrap_or_else(|| panic!("not a header: {line:?}")).unwrap();
        (header.date, (header.time.hour, header.time.minute, header.time.second), header.rest)
    }

    fn date(parts: [u16; 3]) -> RawDate {
        RawDate { parts, year_first: false }
    }

    #[test]
    fn every_documented_header() {
        assert_eq!(header("12/3/25, 09:11 - Ana: hola"), (date([12, 3, 25]), (9, 11, 0), "Ana: hola"));
        assert_eq!(header("12/31/20, 9:41 PM - Ana: hola"), (date([12, 31, 20]), (21, 41, 0), "Ana: hola"));
        assert_eq!(
            header("12/31/20, 9:41\u{202f}PM - Ana: hola"),
            (date([12, 31, 20]), (21, 41, 0), "Ana: hola")
        );
        assert_eq!(
            header("23/06/2018, 01:55 p.\u{a0}m. - Ana: hola"),
            (date([23, 6, 2018]), (13, 55, 0), "Ana: hola")
        );
        assert_eq!(
            header("23/06/2018, 01:55\u{a0}a.\u{a0}m. - Ana: hola"),
            (date([23, 6, 2018]), (1, 55, 0), "Ana: hola")
        );
        assert_eq!(header("16/6/20 19:35 - Ana: hola"), (date([16, 6, 20]), (19, 35, 0), "Ana: hola"));
        assert_eq!(
            header("03-06-2018, 01.55 PM - Ana: hola"),
            (date([3, 6, 2018]), (13, 55, 0), "Ana: hola")
        );
        assert_eq!(
            header("[12/3/25, 2:32:11 p.\u{202f}m.] Ana: hola"),
            (date([12, 3, 25]), (14, 32, 11), "Ana: hola")
        );
        assert_eq!(header("[31/12/20, 21:41:05] Ana: hola"), (date([31, 12, 20]), (21, 41, 5), "Ana: hola"));
        assert_eq!(
            header("\u{200e}[31/12/20, 21:41:05] Ana: hola"),
            (date([31, 12, 20]), (21, 41, 5), "Ana: hola")
        );
        assert_eq!(
            header("[2018/06/13, 21:25:15] Ana: hola"),
            (RawDate { parts: [2018, 6, 13], year_first: true }, (21, 25, 15), "Ana: hola")
        );
        assert_eq!(header("13.06.18 21.25.15: Ana: hola"), (date([13, 6, 18]), (21, 25, 15), "Ana: hola"));
        assert_eq!(
            header("13.6.2018 klo 21.25.15 - Ana: hola"),
            (date([13, 6, 2018]), (21, 25, 15), "Ana: hola")
        );
        assert_eq!(header("12/3/25, 12:05 a. m. - Ana: hola"), (date([12, 3, 25]), (0, 5, 0), "Ana: hola"));
        assert_eq!(header("12/3/25, 12:05 p. m. - Ana: hola"), (date([12, 3, 25]), (12, 5, 0), "Ana: hola"));
        assert_eq!(
            header("\u{200f}12/3/25, 09:11 - \u{200e}Ana: hola"),
            (date([12, 3, 25]), (9, 11, 0), "\u{200e}Ana: hola")
        );
    }

    #[test]
    fn shapes_from_other_locales_and_versions() {
        let year_first = |parts| RawDate { parts, year_first: true };
        let cases: &[(&str, RawDate, (u8, u8, u8))] = &[
            // Android, German and Russian.
            ("13.06.18, 14:05 - Ana: hola", date([13, 6, 18]), (14, 5, 0)),
            ("13.06.2018, 14:05 - Ana: hola", date([13, 6, 2018]), (14, 5, 0)),
            // Croatian, Serbian, Czech: a space after each dot and a dot after the year.
            ("13. 6. 2018. 14:05 - Ana: hola", date([13, 6, 2018]), (14, 5, 0)),
            ("13. 6. 2018. 21:25:15 Ana: hola", date([13, 6, 2018]), (21, 25, 15)),
            ("13.\u{a0}6.\u{a0}2018. 14:05 - Ana: hola", date([13, 6, 2018]), (14, 5, 0)),
            // Year first: ISO, Chinese/Japanese/South African, Hungarian/Korean, English (Canada).
            ("2018-06-13 14:05 - Ana: hola", year_first([2018, 6, 13]), (14, 5, 0)),
            ("2018/06/13 14:05 - Ana: hola", year_first([2018, 6, 13]), (14, 5, 0)),
            ("2018. 06. 13. 14:05 - Ana: hola", year_first([2018, 6, 13]), (14, 5, 0)),
            ("2023-12-20, 5:46 p.m. - Ana: hola", year_first([2023, 12, 20]), (17, 46, 0)),
            ("2023/12/20, 5:46 pm - Ana: hola", year_first([2023, 12, 20]), (17, 46, 0)),
            // iOS: brackets, with or without comma and seconds.
            ("[13/06/2018, 14:05:09] Ana: hola", date([13, 6, 2018]), (14, 5, 9)),
            ("[07.03.26, 21:22:39] Ana: hola", date([7, 3, 26]), (21, 22, 39)),
            ("[06.13.18 21:25:15] Ana: hola", date([6, 13, 18]), (21, 25, 15)),
            ("[01/01/19 11:25] Ana: hola", date([1, 1, 19]), (11, 25, 0)),
            ("[3/6/18 1:55:00 p. m.] Ana: hola", date([3, 6, 18]), (13, 55, 0)),
            ("[1/5/23, 10:11:12\u{202f}AM] Ana: hola", date([1, 5, 23]), (10, 11, 12)),
            // Twelve-hour clocks, every way of writing the meridiem.
            ("3/6/2018 1:55 p.\u{a0}m. - Ana: hola", date([3, 6, 2018]), (13, 55, 0)),
            ("28/3/2025, 9:29 p.m. - Ana: hola", date([28, 3, 2025]), (21, 29, 0)),
            ("28/3/2025, 9:29\u{202f}p.\u{202f}m. - Ana: hola", date([28, 3, 2025]), (21, 29, 0)),
            ("28/3/2025, 9:29 a.m. - Ana: hola", date([28, 3, 2025]), (9, 29, 0)),
            ("1/5/23, 10:11\u{202f}PM - Ana: hola", date([1, 5, 23]), (22, 11, 0)),
            ("1/5/23, 10:11pm - Ana: hola", date([1, 5, 23]), (22, 11, 0)),
            // Times with dots (Finnish, Indonesian, Danish).
            ("13/06/18, 14.05 - Ana: hola", date([13, 6, 18]), (14, 5, 0)),
            ("30/08/25 18.00 - Ana: hola", date([30, 8, 25]), (18, 0, 0)),
            // Older exports: a colon after the time instead of a dash.
            ("09/12/2012 17:03:48: Ana: hola", date([9, 12, 2012]), (17, 3, 48)),
            ("3/24/14, 1:59:59 PM: Ana: hola", date([3, 24, 14]), (13, 59, 59)),
            // Dashes phones and translations put in place of `-`.
            ("12/3/25, 09:11 \u{2013} Ana: hola", date([12, 3, 25]), (9, 11, 0)),
            ("12/3/25, 09:11 \u{2014} Ana: hola", date([12, 3, 25]), (9, 11, 0)),
            ("12/3/25, 09:11 \u{2011} Ana: hola", date([12, 3, 25]), (9, 11, 0)),
            ("12/3/25, 09:11 \u{2212} Ana: hola", date([12, 3, 25]), (9, 11, 0)),
            // Invisible marks before the line and inside the brackets.
            ("\u{200b}\u{200e}12/3/25, 09:11 - Ana: hola", date([12, 3, 25]), (9, 11, 0)),
            ("\u{2068}[12/3/25, 09:11:00\u{2069}] Ana: hola", date([12, 3, 25]), (9, 11, 0)),
        ];
        for (line, expected_date, expected_time) in cases {
            assert_eq!(header(line), (*expected_date, *expected_time, "Ana: hola"), "{line:?}");
        }
        // Without a dash, a name that starts like a meridiem is still the name.
        assert_eq!(
            header("13. 6. 2018. 9:30 Amanda: hola"),
            (date([13, 6, 2018]), (9, 30, 0), "Amanda: hola")
        );
    }

    #[test]
    fn text_lines_are_not_headers() {
        for line in [
            "",
            "hola",
            "12/3/25 sin hora",
            "2 tazas a 15.000",
            "[link] algo",
            "12/3/25, 09:11 sin guion",
            "12/3/25, 9:1 - Ana: x",
            "123/3/25, 09:11 - Ana: x",
            "12/3/2025, 09:11 -Ana: x",
            "12/3-25, 09:11 - Ana: x",
            // Only the spaced dotted style may leave out the dash; text that starts with a date
            // and a time is otherwise a continuation line.
            "13/06/2018 14:05 nos vemos",
            "13.06.2018 14:05 nos vemos",
            "13. 6. 2018. sin hora",
            "2. 3. 4 cosas",
            "12. 3.2025, 09:11 - Ana: x",
            "12/3/25, 09:11 -- Ana: x",
        ] {
            assert!(parse(line).is_none(), "{line:?}");
        }
    }

    #[test]
    fn impossible_times_are_bad_headers() {
        assert_eq!(parse("12/3/25, 25:11 - Ana: x"), Some(Err(BadHeader::Time)));
        assert_eq!(parse("12/3/25, 13:11 PM - Ana: x"), Some(Err(BadHeader::Time)));
        assert_eq!(parse("12/3/25, 10:61 - Ana: x"), Some(Err(BadHeader::Time)));
    }
}
