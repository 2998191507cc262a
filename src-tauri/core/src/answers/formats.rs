//! Money, dates and lists written the way each answer language writes them.

use jiff::civil::Date;

use crate::orders::OrderItem;
use crate::vocabulary::Language;

/// "martes 9 de diciembre", "terça-feira, 9 de dezembro", "Tuesday, December 9".
pub(crate) fn date(language: Language, date: Date) -> String {
    crate::vocabulary::date_words::long_date(language, date)
}

/// A `YYYY-MM-DD` date, or `None` when it is not one.
pub(crate) fn iso_date(language: Language, iso: &str) -> Option<String> {
    iso.parse::<Date>().ok().map(|d| date(language, d))
}

/// Minor units in a currency: "$ 14.900", "R$ 89,90", "ARS 14,900". Cents only when there are some.
pub(crate) fn money(language: Language, currency: &str, minor: i64) -> String {
    let (thousands, decimal) = match language {
        Language::En => (',', '.'),
        Language::Es | Language::PtBr => ('.', ','),
    };
    let negative = minor < 0;
    let minor = minor.unsigned_abs();
    let whole = (minor / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(thousands);
        }
        grouped.push(digit);
    }
    if !minor.is_multiple_of(100) {
        grouped.push(decimal);
        grouped.push_str(&format!("{:02}", minor % 100));
    }
    let sign = if negative { "-" } else { "" };
    match (language, currency) {
        (Language::En, "USD") => format!("{sign}US${grouped}"),
        (Language::En, "EUR") => format!("{sign}€{grouped}"),
        (Language::En, code) => format!("{sign}{code} {grouped}"),
        (_, "BRL") => format!("{sign}R$ {grouped}"),
        (_, "USD") => format!("{sign}US$ {grouped}"),
        (_, "EUR") => format!("{sign}{grouped} €"),
        (_, "ARS" | "MXN" | "CLP" | "COP" | "UYU") => format!("{sign}$ {grouped}"),
        (_, code) => format!("{sign}{code} {grouped}"),
    }
}

/// "a, b y c" / "a, b e c" / "a, b and c".
pub(crate) fn list(language: Language, items: &[String]) -> String {
    let and = match language {
        Language::Es => "y",
        Language::PtBr => "e",
        Language::En => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// "2 × Cuenco (azul cobalto)".
pub(crate) fn item(item: &OrderItem) -> String {
    let variant = item.variant.as_deref().map(|v| format!(" ({v})")).unwrap_or_default();
    if item.quantity == 1 {
        format!("{}{variant}", item.product)
    } else {
        format!("{} × {}{variant}", item.quantity, item.product)
    }
}

/// The first name in a display name; `None` for marketplace nicknames (`GABIROMERO_CBA`), which
/// would read as shouting in "¡Hola GABIROMERO_CBA!".
pub(crate) fn first_name(name: &str) -> Option<String> {
    let first = name.split_whitespace().next()?;
    let nickname = first.chars().any(|c| c.is_ascii_digit() || c == '_' || c == '.' || c == '@')
        || (first.chars().count() > 3 && !first.chars().any(char::is_lowercase));
    if nickname {
        return None;
    }
    Some(first.trim_matches(|c: char| !c.is_alphanumeric()).to_string()).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_in_each_language() {
        assert_eq!(money(Language::Es, "ARS", 1_490_000), "$ 14.900");
        assert_eq!(money(Language::Es, "ARS", 1_490_050), "$ 14.900,50");
        assert_eq!(money(Language::PtBr, "BRL", 8_990), "R$ 89,90");
        assert_eq!(money(Language::En, "USD", 4_500), "US$45");
        assert_eq!(money(Language::En, "ARS", 123_456_700), "ARS 1,234,567");
        assert_eq!(money(Language::Es, "EUR", 100), "1 €");
    }

    #[test]
    fn dates_in_each_language() {
        let d: Date = "2025-12-09".parse().unwrap();
        assert_eq!(date(Language::Es, d), "martes 9 de diciembre");
        assert_eq!(date(Language::PtBr, d), "terça-feira, 9 de dezembro");
        assert_eq!(date(Language::En, d), "Tuesday, December 9");
        assert_eq!(iso_date(Language::Es, "mañana"), None);
    }

    #[test]
    fn lists_items_and_first_names() {
        let items = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(list(Language::Es, &items), "a, b y c");
        assert_eq!(list(Language::PtBr, &items[..2]), "a e b");
        assert_eq!(list(Language::En, &items[..1]), "a");
        let mug = OrderItem {
            product: "Taza".into(),
            variant: Some("arena".into()),
            quantity: 2,
            unit_price_minor: 1,
        };
        assert_eq!(item(&mug), "2 × Taza (arena)");
        assert_eq!(first_name("Nicolás Herrera").as_deref(), Some("Nicolás"));
        assert_eq!(first_name("Sofi ✿ Ramírez").as_deref(), Some("Sofi"));
        assert_eq!(first_name("GABIROMERO_CBA"), None);
        assert_eq!(first_name("QUIROGAEZE_87"), None);
        assert_eq!(first_name("Ana"), Some("Ana".into()));
    }
}
