//! Mercado Libre's moderation of seller messages: contact data, links, social networks, payment
//! links, shorteners, offensive words and invitations to deal off the platform. Contact data and
//! links are "moderated" (hidden from the buyer); payment and off-platform deals are "rejected".

/// Why a message was held back: stable codes the connectors map to plain reasons.
pub(crate) const REASONS: &[&str] = &[
    "phone_number",
    "email",
    "street_address",
    "link",
    "url_shortener",
    "social_network",
    "payment_link",
    "off_platform",
    "offensive_language",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// "moderated" or "rejected".
    pub status: &'static str,
    pub reason: &'static str,
}

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl",
    "rebrand.ly",
    "bl.ink",
    "t2m.io",
    "cutt.ly",
    "is.gd",
    "goo.gl",
    "ow.ly",
    "shorturl",
    "t.ly",
];
const PAYMENT: &[&str] =
    &["mercadopago.com", "mpago.la", "mpago.li", "link de pago", "link de mercado pago", "paypal", "picpay"];
const SOCIAL_WORDS: &[&str] = &[
    "whatsapp",
    "whats",
    "wsp",
    "wpp",
    "wasap",
    "zap",
    "zapzap",
    "instagram",
    "insta",
    "ig",
    "facebook",
    "fb",
    "telegram",
    "tiktok",
    "twitter",
];
const OFF_PLATFORM: &[&str] = &[
    "por fuera de mercado libre",
    "fuera de mercado libre",
    "fuera de la plataforma",
    "por fuera de la app",
    "sin pasar por mercado libre",
    "te hago descuento si",
    "por transferencia",
    "depositame",
    "pagame directo",
    "por fora do mercado livre",
    "fora do mercado livre",
    "fora da plataforma",
    "me paga direto",
    "pix",
];
const OFFENSIVE: &[&str] =
    &["boludo", "pelotudo", "idiota", "imbecil", "forro", "otario", "babaca", "porra", "caralho"];
const STREET_WORDS: &[&str] = &["av", "avenida", "calle", "rua", "avda", "pasaje", "travessa", "alameda"];
const TLDS: &[&str] = &[
    ".com", ".net", ".org", ".ar", ".br", ".cl", ".mx", ".uy", ".co", ".io", ".me", ".la", ".shop", ".store",
];

/// None when the text is clean.
pub(crate) fn moderate(text: &str) -> Option<Verdict> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let rejected = |reason| Some(Verdict { status: "rejected", reason });
    let moderated = |reason| Some(Verdict { status: "moderated", reason });
    if PAYMENT.iter().any(|p| folded.contains(p)) {
        return rejected("payment_link");
    }
    if OFF_PLATFORM.iter().any(|p| if p.contains(' ') { folded.contains(p) } else { words.contains(p) }) {
        return rejected("off_platform");
    }
    if words.iter().any(|w| OFFENSIVE.contains(w)) {
        return rejected("offensive_language");
    }
    if SHORTENERS.iter().any(|s| folded.contains(s)) {
        return moderated("url_shortener");
    }
    if has_email(&folded) {
        return moderated("email");
    }
    if words.iter().any(|w| SOCIAL_WORDS.contains(w)) || has_handle(&folded) {
        return moderated("social_network");
    }
    if folded.contains("http://")
        || folded.contains("https://")
        || folded.contains("www.")
        || has_domain(&folded)
    {
        return moderated("link");
    }
    if longest_digit_run(text) >= 8 {
        return moderated("phone_number");
    }
    if has_street_address(&words) {
        return moderated("street_address");
    }
    None
}

/// Lowercase without accents, so "WhatsApp", "Depositáme" and "otário" are caught.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' => 'a',
            'é' | 'ê' => 'e',
            'í' => 'i',
            'ó' | 'ô' | 'õ' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')
}

fn has_email(text: &str) -> bool {
    text.match_indices('@').any(|(at, _)| {
        let before = text[..at].chars().next_back().is_some_and(is_local_char);
        let domain: String =
            text[at + 1..].chars().take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-')).collect();
        before && domain.trim_end_matches('.').contains('.')
    })
}

/// "@usuario" written alone: a social network handle.
fn has_handle(text: &str) -> bool {
    text.match_indices('@').any(|(at, _)| {
        let alone = text[..at].chars().next_back().is_none_or(char::is_whitespace);
        let name =
            text[at + 1..].chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.')).count();
        alone && name >= 2
    })
}

fn has_domain(text: &str) -> bool {
    text.split_whitespace().any(|token| {
        let token = token.trim_end_matches(|c: char| !c.is_alphanumeric());
        TLDS.iter().any(|tld| {
            token.len() > tld.len() + 1 && (token.ends_with(tld) || token.contains(&format!("{tld}/")))
        }) && token.chars().next().is_some_and(char::is_alphanumeric)
    })
}

/// Digits separated only by spaces, dashes, dots, slashes or parentheses count as one number.
fn longest_digit_run(text: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut gap = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            gap = 0;
            best = best.max(run);
        } else if matches!(c, ' ' | '-' | '.' | '/' | '(' | ')' | '+') && run > 0 && gap == 0 {
            gap += 1;
        } else {
            run = 0;
            gap = 0;
        }
    }
    best
}

/// "Av. Corrientes 1234", "calle Falsa 123", "Rua Augusta 500": a street word, a name, a number.
fn has_street_address(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, word)| {
        STREET_WORDS.contains(word)
            && words.get(i + 1).is_some_and(|name| name.chars().all(char::is_alphabetic))
            && words[i + 2..words.len().min(i + 5)]
                .iter()
                .any(|w| w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 5)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<&'static str> {
        moderate(text).map(|verdict| verdict.reason)
    }

    #[test]
    fn contact_data_and_links_are_moderated() {
        assert_eq!(reason("Llamame al 11 5555-1234 y lo coordinamos"), Some("phone_number"));
        assert_eq!(reason("Me escribís a lucia.gomez@gmail.com"), Some("email"));
        assert_eq!(reason("Mirá el catálogo en bit.ly/taller-lu"), Some("url_shortener"));
        assert_eq!(reason("Seguime en Instagram"), Some("social_network"));
        assert_eq!(reason("Buscame como @taller.lu"), Some("social_network"));
        assert_eq!(reason("Fotos en https://taller.example.com/tazas"), Some("link"));
        assert_eq!(reason("Está en www.tallerlu.com.ar"), Some("link"));
        assert_eq!(reason("Retiralo en Av. Corrientes 1234"), Some("street_address"));
        assert_eq!(moderate("Me manda no zap?").map(|v| v.status), Some("moderated"));
    }

    #[test]
    fn payments_and_off_platform_deals_are_rejected() {
        let payment = moderate("Te paso el link de pago: mpago.la/2xYz").expect("payment link");
        assert_eq!((payment.status, payment.reason), ("rejected", "payment_link"));
        assert_eq!(
            reason("Si querés te lo vendo por fuera de Mercado Libre más barato"),
            Some("off_platform")
        );
        assert_eq!(reason("Me faz um Pix que eu envio hoje"), Some("off_platform"));
        assert_eq!(reason("No seas boludo"), Some("offensive_language"));
    }

    #[test]
    fn ordinary_replies_pass() {
        for text in [
            "¡Hola! Ya está listo, lo despacho mañana a primera hora.",
            "Son $ 12.500 cada taza y demoran 20 días.",
            "Obrigada! Seu pedido sai amanhã pelo Mercado Envios.",
            "Tu compra #2000 queda reservada, cualquier cosa escribime por acá.",
        ] {
            assert_eq!(moderate(text), None, "{text}");
        }
    }
}
