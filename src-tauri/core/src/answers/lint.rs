//! The channel lint: what a channel would cut or its moderation would remove, with the exact spans.
//! A pure function over a table of rules per channel (facts in `shared/design/channels.md`). It
//! never changes the text: it explains.

use crate::answers::{AnswerChannel, LintFinding, LintReport, LintRule};

/// One channel's limits.
struct ChannelRules {
    limit: Option<u32>,
    counts_bytes: bool,
    /// Mercado Libre's moderation: contact data, links, handles, payment data.
    moderated: bool,
    /// Everyone reads it: the buyer's or the shop's private data (phones, e-mails, addresses,
    /// payment data) would be on show, though links and handles are fine.
    public: bool,
}

fn rules(channel: AnswerChannel) -> ChannelRules {
    use AnswerChannel as C;
    match channel {
        C::MlPreSale => {
            ChannelRules { limit: Some(2000), counts_bytes: false, moderated: true, public: true }
        }
        C::MlPostSale => {
            ChannelRules { limit: Some(350), counts_bytes: false, moderated: true, public: false }
        }
        C::Instagram | C::Messenger => {
            ChannelRules { limit: Some(1000), counts_bytes: true, moderated: false, public: false }
        }
        // Instagram's limit for a comment; a Facebook Page's is larger, so this one fits both.
        C::PublicComment => {
            ChannelRules { limit: Some(2200), counts_bytes: false, moderated: false, public: true }
        }
        C::WhatsApp | C::Telegram => {
            ChannelRules { limit: Some(4096), counts_bytes: false, moderated: false, public: false }
        }
        C::Etsy | C::Email | C::Other => {
            ChannelRules { limit: None, counts_bytes: false, moderated: false, public: false }
        }
    }
}

/// Checks `text` for `channel`. `sensitive` are values the seller's own data put there (the payment
/// alias, the shop's phone): on a moderated channel they are flagged wherever they appear.
pub fn lint(text: &str, channel: AnswerChannel, sensitive: &[&str]) -> LintReport {
    let rules = rules(channel);
    let chars: Vec<char> = text.chars().collect();
    let length = if rules.counts_bytes { text.len() } else { chars.len() };
    let length = u32::try_from(length).unwrap_or(u32::MAX);
    let mut findings = Vec::new();
    if rules.moderated {
        let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
        scan_links_and_addresses(&chars, &folded, &mut findings);
        scan_phones(&chars, &mut findings);
        scan_words(&chars, &folded, &mut findings);
        scan_sensitive(&chars, &folded, sensitive, &mut findings);
        scan_contact_variables(&chars, &mut findings);
        findings = without_overlaps(findings);
    } else if rules.public {
        let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
        scan_links_and_addresses(&chars, &folded, &mut findings);
        scan_phones(&chars, &mut findings);
        scan_words(&chars, &folded, &mut findings);
        scan_sensitive(&chars, &folded, sensitive, &mut findings);
        scan_contact_variables(&chars, &mut findings);
        findings.retain(|f| {
            matches!(
                f.rule,
                LintRule::Phone
                    | LintRule::Email
                    | LintRule::PaymentLink
                    | LintRule::StreetAddress
                    | LintRule::ContactVariable
            )
        });
        findings = without_overlaps(findings);
    }
    if let Some(limit) = rules.limit
        && length > limit
    {
        let start =
            if rules.counts_bytes { char_index_at_byte(text, limit as usize) } else { limit as usize };
        findings.push(finding(&chars, LintRule::TooLong, start, chars.len()));
    }
    LintReport {
        channel,
        length,
        limit: rules.limit,
        counts_bytes: rules.counts_bytes,
        public: rules.public,
        findings,
    }
}

fn char_index_at_byte(text: &str, byte_limit: usize) -> usize {
    text.char_indices().take_while(|(at, c)| at + c.len_utf8() <= byte_limit).count()
}

fn finding(chars: &[char], rule: LintRule, start: usize, end: usize) -> LintFinding {
    LintFinding {
        rule,
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
        excerpt: chars[start..end].iter().collect(),
    }
}

/// Lowercase without accents, one char for one char (so offsets stay the same).
pub(crate) fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        other => other.to_lowercase().next().unwrap_or(other),
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that can be part of a link or an e-mail address.
fn is_link_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '.' | '-' | '_' | '/' | '?' | '=' | '&' | '%' | '+' | '#' | ':' | '~')
}

const SHORTENERS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "rebrand.ly",
    "bl.ink",
    "t2m.io",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "cutt.ly",
    "shorturl.at",
    "t.co",
    "tiny.cc",
    "rb.gy",
    "acortar.link",
    "encurtador.com.br",
];
const PAYMENT_HOSTS: &[&str] = &[
    "mpago.la",
    "mpago.li",
    "mercadopago.com",
    "link.mercadopago",
    "paypal.me",
    "paypal.com",
    "nubank.com.br",
    "picpay.me",
    "uala.com.ar",
];
const SOCIAL_HOSTS: &[&str] = &[
    "wa.me",
    "whatsapp.com",
    "instagram.com",
    "instagr.am",
    "facebook.com",
    "fb.com",
    "fb.me",
    "t.me",
    "telegram.me",
    "tiktok.com",
    "m.me",
];
const TLDS: &[&str] = &[
    "com", "net", "org", "ar", "br", "mx", "cl", "co", "uy", "pe", "es", "io", "me", "ly", "la", "link",
    "app", "shop", "store", "site", "online", "info", "gl", "at", "am", "cc", "gd", "ink",
];

/// E-mail addresses, URLs (with the kind of host) and `@handles`.
fn scan_links_and_addresses(chars: &[char], folded: &[char], out: &mut Vec<LintFinding>) {
    let mut i = 0;
    while i < chars.len() {
        if !is_link_char(chars[i]) && chars[i] != '@' || (i > 0 && is_link_char(chars[i - 1])) {
            i += 1;
            continue;
        }
        // A token of link characters, possibly with one '@'.
        let start = i;
        let mut end = i;
        while end < chars.len() && (is_link_char(chars[end]) || chars[end] == '@') {
            end += 1;
        }
        // Sentence punctuation after a link is not part of it.
        while end > start && matches!(chars[end - 1], '.' | ',' | ':' | '?' | ')' | '-') {
            end -= 1;
        }
        let token: String = folded[start..end].iter().collect();
        i = end.max(i + 1);
        if token.is_empty() {
            continue;
        }
        if let Some(at) = token.find('@') {
            let (local, domain) = (&token[..at], &token[at + 1..]);
            if !local.is_empty() && has_domain_shape(domain) {
                out.push(finding(chars, LintRule::Email, start, end));
            } else if local.is_empty() && domain.len() >= 2 && domain.chars().all(|c| is_word(c) || c == '.')
            {
                out.push(finding(chars, LintRule::SocialHandle, start, end));
            }
            continue;
        }
        let host_part =
            token.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
        let host = host_part.split(['/', '?', '#']).next().unwrap_or_default();
        let explicit =
            token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.");
        if !explicit && !has_domain_shape(host) {
            continue;
        }
        let is = |hosts: &[&str]| {
            hosts.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")) || host_part.starts_with(h))
        };
        let rule = if is(SHORTENERS) {
            LintRule::Shortener
        } else if is(PAYMENT_HOSTS) {
            LintRule::PaymentLink
        } else if is(SOCIAL_HOSTS) {
            LintRule::SocialNetwork
        } else {
            LintRule::Url
        };
        out.push(finding(chars, rule, start, end));
    }
}

/// `name.tld` with a known top-level domain, letters around the dots.
fn has_domain_shape(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels[0].chars().any(|c| c.is_ascii_alphabetic())
        && TLDS.contains(labels.last().unwrap_or(&""))
}

/// Runs of 8 to 15 digits with the separators phone numbers are written with (AR, BR, MX, CL, CO):
/// "351 555-0142", "+54 9 11 2345-6789", "(11) 91234-5678". Longer runs are bank accounts (CBU/CVU).
fn scan_phones(chars: &[char], out: &mut Vec<LintFinding>) {
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit()
            || ((chars[i] == '+' || chars[i] == '(') && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        // After a letter, "$" or "#" digits are a word, a price or an order number.
        if !starts || (i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '$' | '#'))) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = 0;
        let mut last_digit_end = i;
        while end < chars.len() {
            let c = chars[end];
            if c.is_ascii_digit() {
                digits += 1;
                last_digit_end = end + 1;
            } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{a0}') {
                // Two separators in a row end the number ("10 - 12").
                if end > start && !chars[end - 1].is_ascii_digit() && chars[end - 1] != ')' && c != '(' {
                    break;
                }
            } else {
                break;
            }
            end += 1;
        }
        let followed_by_letter = chars.get(last_digit_end).is_some_and(|c| c.is_alphabetic());
        if (8..=15).contains(&digits) && !followed_by_letter {
            out.push(finding(chars, LintRule::Phone, start, last_digit_end));
        } else if digits >= 16 {
            out.push(finding(chars, LintRule::PaymentLink, start, last_digit_end));
        }
        i = last_digit_end.max(i + 1);
    }
}

/// Network names used as "write me there", payment words with their value, street addresses.
fn scan_words(chars: &[char], folded: &[char], out: &mut Vec<LintFinding>) {
    let words = words(folded);
    for (w, &(start, end)) in words.iter().enumerate() {
        let word: String = folded[start..end].iter().collect();
        match word.as_str() {
            "whatsapp" | "whatsap" | "watsap" | "wsp" | "wpp" | "whats" | "wasap" | "zap" | "zapzap"
            | "instagram" | "insta" | "telegram" | "facebook" | "tiktok" | "messenger" => {
                out.push(finding(chars, LintRule::SocialNetwork, start, end));
            }
            // "alias barro.serrano.mp", "CBU 0000…", "chave pix 123…": the word and its value.
            "alias" | "cbu" | "cvu" | "pix" => {
                // Only with a value that looks like one: "Aceitamos Pix, cartão…" names a method.
                let Some(&(value_start, _)) = words.get(w + 1) else { continue };
                let gap_ok = value_start - end <= 3
                    && chars[end..value_start].iter().all(|c| matches!(c, ' ' | ':' | '-'));
                let value_end = extend_token(chars, value_start);
                let value: String = chars[value_start..value_end].iter().collect();
                let looks_like_key = value.chars().any(|c| c.is_ascii_digit() || c == '.' || c == '@');
                if gap_ok && looks_like_key {
                    out.push(finding(chars, LintRule::PaymentLink, start, value_end));
                }
            }
            _ => {}
        }
        if is_street_word(&word)
            && let Some(end) = street_number_after(chars, &words, w)
        {
            out.push(finding(chars, LintRule::StreetAddress, start, end));
        }
    }
    // "Fragueiro 1150": a capitalised name followed by a house number.
    for pair in words.windows(2) {
        let ((s0, e0), (s1, e1)) = (pair[0], pair[1]);
        let name_like =
            chars[s0].is_uppercase() && chars[s0 + 1..e0].iter().all(|c| c.is_lowercase()) && e0 - s0 >= 4;
        let number: String = chars[s1..e1].iter().collect();
        let gap_is_space = s1 == e0 + 1 && chars[e0] == ' ';
        if name_like && gap_is_space && is_house_number(&number) && !unit_follows(folded, &words, e1) {
            let word: String = folded[s0..e0].iter().collect();
            if !NOT_STREETS.contains(&word.as_str()) {
                out.push(finding(chars, LintRule::StreetAddress, s0, e1));
            }
        }
    }
}

/// Capitalised words that are followed by numbers without being streets.
const NOT_STREETS: &[&str] = &[
    "taza", "tazas", "cuenco", "cuencos", "mate", "mates", "maceta", "macetas", "navidad", "total", "pedido",
    "orden", "order", "talle", "tamanho", "size", "modelo", "item", "caneca", "canecas", "hasta", "desde",
    "entre", "dia", "dias", "pack", "envio", "frete", "pesos", "reais", "precio", "preco", "price", "mug",
    "mugs", "bowl",
];

fn is_street_word(word: &str) -> bool {
    matches!(
        word,
        "calle"
            | "av"
            | "avenida"
            | "rua"
            | "avenue"
            | "street"
            | "st"
            | "pasaje"
            | "bv"
            | "boulevard"
            | "bulevar"
            | "ruta"
            | "travessa"
            | "alameda"
            | "diagonal"
    )
}

/// "Calle San Martín 1234", "Rua Augusta, 1500": up to four words after the street word, then a number.
fn street_number_after(chars: &[char], words: &[(usize, usize)], w: usize) -> Option<usize> {
    for &(s, e) in words.iter().skip(w + 1).take(5) {
        let token: String = chars[s..e].iter().collect();
        if token.chars().all(|c| c.is_ascii_digit()) {
            return (token.len() <= 5).then_some(e);
        }
    }
    None
}

fn is_house_number(number: &str) -> bool {
    // Two-digit numbers are counts ("Hacemos 10 piezas") far more often than house numbers.
    number.len() >= 3
        && number.len() <= 5
        && number.chars().all(|c| c.is_ascii_digit())
        // Years read as dates, not addresses.
        && !number.parse::<u32>().is_ok_and(|n| (1990..=2100).contains(&n))
}

fn unit_follows(folded: &[char], words: &[(usize, usize)], after: usize) -> bool {
    let Some(&(s, e)) = words.iter().find(|(s, _)| *s >= after) else { return false };
    let unit: String = folded[s..e].iter().collect();
    s - after <= 1
        && matches!(
            unit.as_str(),
            "ml" | "cm"
                | "mm"
                | "g"
                | "gr"
                | "kg"
                | "cuotas"
                | "parcelas"
                | "pesos"
                | "reais"
                | "unidades"
                | "piezas"
                | "pecas"
                | "dias"
                | "horas"
                | "x"
                | "l"
                | "litros"
        )
}

fn extend_token(chars: &[char], mut end: usize) -> usize {
    while end < chars.len() && (chars[end].is_alphanumeric() || matches!(chars[end], '.' | '-' | '_')) {
        end += 1;
    }
    while end > 0 && chars[end - 1] == '.' {
        end -= 1;
    }
    end
}

/// Word spans (letters and digits).
fn words(folded: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        if !folded[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < folded.len() && folded[i].is_alphanumeric() {
            i += 1;
        }
        spans.push((start, i));
    }
    spans
}

fn scan_sensitive(chars: &[char], folded: &[char], sensitive: &[&str], out: &mut Vec<LintFinding>) {
    for value in sensitive {
        let needle: Vec<char> = value.trim().chars().map(fold).collect();
        if needle.len() < 3 {
            continue;
        }
        let mut i = 0;
        while i + needle.len() <= folded.len() {
            if folded[i..i + needle.len()] == needle[..] {
                out.push(finding(chars, LintRule::ContactVariable, i, i + needle.len()));
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
}

/// `{{payment.alias}}` or `{{shop.phone}}` still in the text would paste contact data once filled.
fn scan_contact_variables(chars: &[char], out: &mut Vec<LintFinding>) {
    let text: String = chars.iter().collect();
    for name in ["payment.alias", "shop.phone"] {
        for piece in super::template::parse(&text) {
            if let super::template::Piece::Variable { raw, name: n, .. } = piece
                && n == name
                && let Some(byte) = text.find(raw)
            {
                let start = text[..byte].chars().count();
                out.push(finding(chars, LintRule::ContactVariable, start, start + raw.chars().count()));
            }
        }
    }
}

/// Keeps one finding of any overlapping group, preferring the most specific rule.
fn without_overlaps(mut findings: Vec<LintFinding>) -> Vec<LintFinding> {
    // The most telling name wins: "phone number" says more than "your contact details".
    let rank = |rule: LintRule| match rule {
        LintRule::Email | LintRule::Shortener | LintRule::PaymentLink => 1,
        LintRule::SocialNetwork | LintRule::SocialHandle => 2,
        LintRule::Url => 3,
        LintRule::Phone => 4,
        LintRule::StreetAddress => 5,
        LintRule::ContactVariable => 6,
        LintRule::TooLong => 7,
    };
    findings.sort_by_key(|f| (rank(f.rule), f.start));
    let mut kept: Vec<LintFinding> = Vec::new();
    for f in findings {
        if !kept.iter().any(|k| f.start < k.end && k.start < f.end) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| (f.start, f.end));
    kept
}

#[cfg(test)]
mod tests;
