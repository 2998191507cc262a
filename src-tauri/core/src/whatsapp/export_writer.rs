//! Writes chats the way each WhatsApp variant exports them: the inverse of the parser, used by
//! its round-trip property test, the benchmark and the fuzz target's seeds.

use std::fmt::Write;

use jiff::civil::DateTime;

use super::date_order::DateOrder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStyle {
    /// `12/3/25, 09:11 - `
    Android24,
    /// `12/31/20, 9:41 PM - ` with a narrow no-break space before PM.
    AndroidUs12,
    /// `23/06/2018, 01:55 p. m. - ` with no-break spaces.
    AndroidEs12,
    /// `16/6/20 19:35 - `
    AndroidNoComma,
    /// `03-06-2018, 01.55 PM - `
    AndroidDashes,
    /// `‎[12/3/25, 2:32:11 p. m.] ` with a left-to-right mark and narrow no-break spaces.
    IosEs12,
    /// `[31/12/20, 21:41:05] `
    Ios24,
    /// `[2018/06/13, 21:25:15] `
    IosYearFirst,
    /// `13.06.18 21.25.15: `
    DottedColon,
    /// `13.6.2018 klo 21.25.15 - `
    FinnishKlo,
    /// `13.06.18, 14:05 - ` (German, Russian).
    AndroidDotted,
    /// `13. 6. 2018. 14:05 - ` (Croatian, Serbian, Czech).
    AndroidSpacedDots,
    /// `2018. 06. 13. 14:05 - ` (Hungarian, East Asian).
    AndroidYearFirstSpacedDots,
    /// `2023-12-20, 5:46 p.m. - ` (English, Canada).
    AndroidYearFirst12,
    /// `[1/5/23, 10:11:12 AM] ` with a narrow no-break space before AM.
    IosUs12,
}

impl ExportStyle {
    pub const ALL: &'static [ExportStyle] = &[
        ExportStyle::Android24,
        ExportStyle::AndroidUs12,
        ExportStyle::AndroidEs12,
        ExportStyle::AndroidNoComma,
        ExportStyle::AndroidDashes,
        ExportStyle::IosEs12,
        ExportStyle::Ios24,
        ExportStyle::IosYearFirst,
        ExportStyle::DottedColon,
        ExportStyle::FinnishKlo,
        ExportStyle::AndroidDotted,
        ExportStyle::AndroidSpacedDots,
        ExportStyle::AndroidYearFirstSpacedDots,
        ExportStyle::AndroidYearFirst12,
        ExportStyle::IosUs12,
    ];

    pub fn date_order(self) -> DateOrder {
        if matches!(self, ExportStyle::AndroidUs12 | ExportStyle::IosUs12) {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }

    /// Android writes minutes only; iOS and the dotted styles write seconds too.
    pub fn has_seconds(self) -> bool {
        matches!(
            self,
            ExportStyle::IosEs12
                | ExportStyle::Ios24
                | ExportStyle::IosYearFirst
                | ExportStyle::DottedColon
                | ExportStyle::FinnishKlo
                | ExportStyle::IosUs12
        )
    }

    /// The header for a message written at `at` (years 2000–2099 for two-digit styles).
    pub fn header(self, at: DateTime, out: &mut String) {
        let (y, mo, d) = (at.year(), at.month(), at.day());
        let yy = y.rem_euclid(100);
        let (h, mi, s) = (at.hour(), at.minute(), at.second());
        let h12 = if h % 12 == 0 { 12 } else { h % 12 };
        let pm = h >= 12;
        let upper = if pm { "PM" } else { "AM" };
        let lower = if pm { 'p' } else { 'a' };
        // Writing to a String cannot fail.
        let _ = match self {
            ExportStyle::Android24 => write!(out, "{d}/{mo}/{yy:02}, {h:02}:{mi:02} - "),
            ExportStyle::AndroidUs12 => write!(out, "{mo}/{d}/{yy:02}, {h12}:{mi:02}\u{202f}{upper} - "),
            ExportStyle::AndroidEs12 => {
                write!(out, "{d:02}/{mo:02}/{y}, {h12:02}:{mi:02}\u{a0}{lower}.\u{a0}m. - ")
            }
            ExportStyle::AndroidNoComma => write!(out, "{d}/{mo}/{yy:02} {h:02}:{mi:02} - "),
            ExportStyle::AndroidDashes => write!(out, "{d:02}-{mo:02}-{y}, {h12:02}.{mi:02} {upper} - "),
            ExportStyle::IosEs12 => {
                write!(out, "\u{200e}[{d}/{mo}/{yy:02}, {h12}:{mi:02}:{s:02}\u{202f}{lower}.\u{202f}m.] ")
            }
            ExportStyle::Ios24 => write!(out, "[{d:02}/{mo:02}/{yy:02}, {h:02}:{mi:02}:{s:02}] "),
            ExportStyle::IosYearFirst => write!(out, "[{y}/{mo:02}/{d:02}, {h:02}:{mi:02}:{s:02}] "),
            ExportStyle::DottedColon => write!(out, "{d:02}.{mo:02}.{yy:02} {h:02}.{mi:02}.{s:02}: "),
            ExportStyle::FinnishKlo => write!(out, "{d}.{mo}.{y} klo {h:02}.{mi:02}.{s:02} - "),
            ExportStyle::AndroidDotted => write!(out, "{d:02}.{mo:02}.{yy:02}, {h:02}:{mi:02} - "),
            ExportStyle::AndroidSpacedDots => write!(out, "{d}. {mo}. {y}. {h:02}:{mi:02} - "),
            ExportStyle::AndroidYearFirstSpacedDots => write!(out, "{y}. {mo:02}. {d:02}. {h}:{mi:02} - "),
            ExportStyle::AndroidYearFirst12 => write!(out, "{y}-{mo:02}-{d:02}, {h12}:{mi:02} {lower}.m. - "),
            ExportStyle::IosUs12 => write!(out, "[{mo}/{d}/{yy:02}, {h12}:{mi:02}:{s:02}\u{202f}{upper}] "),
        };
    }

    /// One message: header, `Name: `, the text (its later lines as continuation lines).
    pub fn message(self, at: DateTime, author: &str, text: &str, out: &mut String) {
        self.header(at, out);
        out.push_str(author);
        out.push_str(": ");
        out.push_str(text);
        out.push('\n');
    }
}
