//! Dialogue templates and how they become text: steps said by the buyer or the seller, pauses
//! between them, and `{placeholders}` filled with the buyer, the piece and the prices.

use super::catalog::Category;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    Buyer,
    Seller,
}

/// A file that travels with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Media {
    Photo,
    Receipt,
    Audio,
    /// The wholesale catalogue.
    Pdf,
    Invoice,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Step {
    Say(Who, &'static str, Option<Media>),
    /// The next step comes this many minutes later (a range), not in the flow of the chat.
    Later(i64, i64),
}

pub(super) const fn b(text: &'static str) -> Step {
    Step::Say(Who::Buyer, text, None)
}
pub(super) const fn s(text: &'static str) -> Step {
    Step::Say(Who::Seller, text, None)
}
pub(super) const fn b_with(text: &'static str, media: Media) -> Step {
    Step::Say(Who::Buyer, text, Some(media))
}
pub(super) const fn s_with(text: &'static str, media: Media) -> Step {
    Step::Say(Who::Seller, text, Some(media))
}
pub(super) const fn later_hours(lo: i64, hi: i64) -> Step {
    Step::Later(lo * 60, hi * 60)
}
pub(super) const fn later_days(lo: i64, hi: i64) -> Step {
    Step::Later(lo * 1440, hi * 1440)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hand {
    Ship,
    Pickup,
    Meet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Qty {
    One,
    /// Two to four: a gift set, a pair.
    Few,
    /// Wholesale: twelve or more.
    Many,
}

/// Whether the dialogue leads to an order, and of what shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sale {
    None,
    Order {
        hand: Hand,
        qty: Qty,
        deposit: bool,
    },
    /// Agreed, then called off by the buyer.
    Cancelled {
        qty: Qty,
    },
    /// A quote that has not become a sale yet.
    Inquiry {
        qty: Qty,
    },
}

pub(super) const fn order(hand: Hand, qty: Qty) -> Sale {
    Sale::Order { hand, qty, deposit: false }
}

/// Who can plausibly say it (a meeting point in Córdoba needs a buyer from Córdoba).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Voice {
    Any,
    Cordoba,
    Mexico,
    Chile,
    Spain,
}

#[derive(Debug)]
pub(super) struct Dialogue {
    /// Stable name, for tests and for reading the banks.
    #[cfg_attr(not(test), allow(dead_code))]
    pub key: &'static str,
    pub voice: Voice,
    /// Product categories the text makes sense for; empty means any.
    pub fits: &'static [Category],
    pub sale: Sale,
    pub tags: &'static [&'static str],
    /// The seller's note on the order card, with placeholders.
    pub note: &'static str,
    pub steps: &'static [Step],
}

impl Dialogue {
    pub(super) fn fits(&self, category: Category) -> bool {
        self.fits.is_empty() || self.fits.contains(&category)
    }
}

/// One public question on a listing and the seller's answer.
#[derive(Debug)]
pub(super) struct Qa {
    #[cfg_attr(not(test), allow(dead_code))]
    pub key: &'static str,
    pub fits: &'static [Category],
    pub q: &'static str,
    pub a: &'static str,
}

impl Qa {
    pub(super) fn fits(&self, category: Category) -> bool {
        self.fits.is_empty() || self.fits.contains(&category)
    }
}

/// Values for `{placeholders}`. A key written with a capital first letter (`{El_producto}`)
/// gets the value of the lower-case key with its first letter capitalised.
#[derive(Debug, Default, Clone)]
pub(super) struct Vars {
    pairs: Vec<(&'static str, String)>,
}

impl Vars {
    pub(super) fn set(&mut self, key: &'static str, value: impl Into<String>) {
        let value = value.into();
        match self.pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = value,
            None => self.pairs.push((key, value)),
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    /// Fills every known `{key}`; unknown keys stay as written (the tests look for them).
    pub(super) fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let key = &after[..close];
                    match self.lookup(key) {
                        Some(value) => out.push_str(&value),
                        None => {
                            out.push('{');
                            out.push_str(key);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn lookup(&self, key: &str) -> Option<String> {
        if let Some(value) = self.get(key) {
            return Some(value.to_string());
        }
        let mut chars = key.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let lower: String = first.to_lowercase().chain(chars).collect();
        self.get(&lower).map(capitalise)
    }
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One rendered line of a dialogue, with how long after the previous line it came.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub who: Who,
    pub text: String,
    pub media: Option<Media>,
    /// A deliberate pause before this line (minutes, range), from `Step::Later`.
    pub pause: Option<(i64, i64)>,
}

pub(super) fn render(steps: &[Step], vars: &Vars) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pause = None;
    for step in steps {
        match *step {
            Step::Later(lo, hi) => pause = Some((lo, hi)),
            Step::Say(who, text, media) => {
                lines.push(Line { who, text: vars.fill(text), media, pause: pause.take() });
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_keys_and_capitalises_on_request() {
        let mut vars = Vars::default();
        vars.set("el_producto", "la taza esmaltada");
        vars.set("precio", "$ 14.900");
        assert_eq!(vars.fill("{El_producto} sale {precio}."), "La taza esmaltada sale $ 14.900.");
        assert_eq!(vars.fill("{nada} y {"), "{nada} y {");
        assert_eq!(vars.fill("sin llaves"), "sin llaves");
    }

    #[test]
    fn pauses_attach_to_the_next_line() {
        let steps = [b("hola"), later_hours(1, 2), s("¡Hola!")];
        let lines = render(&steps, &Vars::default());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pause, None);
        assert_eq!(lines[1].pause, Some((60, 120)));
    }
}
