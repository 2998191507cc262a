//! Etsy conversation notices. Etsy has no messaging API: it tells the seller about a buyer's message
//! by e-mail. Since about April 2026 the notice (from no-reply@account.etsy.com, "Etsy Conversation
//! with NAME") says only "NAME sent you a message" behind a tracking link; older notices
//! (conversations@mail.etsy.com, notify@etsy.com) and help requests carry the buyer's words.
//! Receipts, sale notices, shop stats and newsletters are not conversations and read as `None`.

use super::mail::Mail;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EtsyNoticeKind {
    /// A buyer wrote in a conversation.
    Message,
    /// A buyer asked for help with an order.
    HelpRequest,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EtsyNotice {
    pub kind: EtsyNoticeKind,
    /// As Etsy shows it; empty when the notice does not name the buyer.
    pub buyer_name: String,
    /// The number in `etsy.com/your/conversations/<id>`, when the notice links to it.
    pub conversation_id: Option<String>,
    /// The buyer's own words, when the notice carries them (new-style notices do not).
    pub text: Option<String>,
}

impl EtsyNotice {
    /// Where the seller reads and answers it on Etsy.
    pub(crate) fn conversation_url(&self) -> String {
        match &self.conversation_id {
            Some(id) => format!("{CONVERSATIONS_URL}/{id}"),
            None => CONVERSATIONS_URL.to_owned(),
        }
    }
}

const CONVERSATIONS_URL: &str = "https://www.etsy.com/your/conversations";

/// The notice in `mail`, if it is an Etsy conversation or help-request notice.
pub(crate) fn read(mail: &Mail) -> Option<EtsyNotice> {
    // The sender first: anyone can write "Etsy Conversation with" in a subject.
    let from = mail.from.as_ref()?;
    let (_, domain) = from.email.rsplit_once('@')?;
    if domain != "etsy.com" && !domain.ends_with(".etsy.com") {
        return None;
    }
    let lines: Vec<&str> = mail.text.lines().map(str::trim).collect();
    let (kind, buyer_name, intro) = if let Some(name) = name_before(&mail.subject, HELP_PHRASES) {
        let intro = lines.iter().position(|line| name_before(line, HELP_PHRASES).is_some());
        (EtsyNoticeKind::HelpRequest, name, intro)
    } else if let Some((index, name)) = find_line(&lines, HELP_PHRASES) {
        (EtsyNoticeKind::HelpRequest, name, Some(index))
    } else {
        let intro = find_line(&lines, MESSAGE_PHRASES);
        let subject_name = name_after(&mail.subject, SUBJECT_PHRASES);
        if intro.is_none() && subject_name.is_none() {
            return None;
        }
        let name = subject_name.or_else(|| intro.as_ref().map(|(_, name)| name.clone()));
        (EtsyNoticeKind::Message, name.unwrap_or_default(), intro.map(|(index, _)| index))
    };
    Some(EtsyNotice {
        kind,
        buyer_name,
        conversation_id: conversation_id(&mail.text)
            .or_else(|| mail.html.as_deref().and_then(conversation_id)),
        text: intro.and_then(|index| buyer_words(&lines[index + 1..])),
    })
}

/// "NAME sent you a message" in the languages Etsy writes to sellers in.
const MESSAGE_PHRASES: &[&str] = &[
    " sent you a message",
    " te envió un mensaje",
    " te ha enviado un mensaje",
    " te enviou uma mensagem",
    " vous a envoyé un message",
    " hat dir eine nachricht gesendet",
    " ti ha inviato un messaggio",
];

/// "NAME needs help with an order".
const HELP_PHRASES: &[&str] = &[
    " needs help with an order",
    " needs help with their order",
    " necesita ayuda con un pedido",
    " precisa de ajuda com um pedido",
    " a besoin d'aide pour une commande",
    " braucht hilfe bei einer bestellung",
];

/// "Etsy Conversation with NAME".
const SUBJECT_PHRASES: &[&str] = &[
    "etsy conversation with ",
    "conversación de etsy con ",
    "conversa do etsy com ",
    "conversa no etsy com ",
    "conversation etsy avec ",
    "etsy-unterhaltung mit ",
    "conversazione etsy con ",
];

/// Where the buyer's words end: Etsy's buttons, then its footer.
const WORDS_END: &[&str] = &[
    "reply",
    "respond",
    "responder",
    "responda",
    "répondre",
    "antworten",
    "rispondi",
    "view conversation",
    "view message",
    "view request",
    "ver conversación",
    "ver conversa",
    "ver mensaje",
    "ver mensagem",
    "voir la conversation",
    "voir le message",
    "this email was sent",
    "you received this email",
    "recibiste este correo",
    "você recebeu este e-mail",
    "etsy, inc",
    "etsy ireland",
    "unsubscribe",
];

/// Lines between the intro and the words that only say where the message is about: the listing
/// ("Re: Blue mug"), the order number.
const CONTEXT_LINES: &[&str] = &["re:", "order #", "order number", "pedido n", "pedido #", "commande n"];

fn find_line(lines: &[&str], phrases: &[&str]) -> Option<(usize, String)> {
    lines.iter().enumerate().find_map(|(index, line)| name_before(line, phrases).map(|name| (index, name)))
}

/// The name in "NAME sent you a message", when `line` says it.
fn name_before(line: &str, phrases: &[&str]) -> Option<String> {
    let (start, _) = phrases.iter().find_map(|phrase| find_ignoring_case(line, phrase))?;
    clean_name(&line[..start])
}

/// The name in "Etsy Conversation with NAME".
fn name_after(subject: &str, phrases: &[&str]) -> Option<String> {
    let (_, end) = phrases.iter().find_map(|phrase| find_ignoring_case(subject, phrase))?;
    clean_name(&subject[end..])
}

fn clean_name(name: &str) -> Option<String> {
    let name = name.trim().trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '*' | ':' | ','));
    let name = name.trim();
    (!name.is_empty() && name.chars().count() <= 80).then(|| name.to_owned())
}

/// Byte range of `needle` (lowercase) in `haystack`, comparing letters case-insensitively. Both
/// ends are char boundaries of `haystack`.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    haystack.char_indices().find_map(|(start, _)| {
        let mut rest = haystack[start..].char_indices();
        for wanted in needle.chars() {
            let (_, c) = rest.next()?;
            if !c.to_lowercase().eq(wanted.to_lowercase()) {
                return None;
            }
        }
        let end = rest.next().map_or(haystack.len(), |(offset, _)| start + offset);
        Some((start, end))
    })
}

/// What the buyer wrote, in the lines after the intro: context lines skipped, up to Etsy's own
/// buttons and footer. None when nothing of the buyer's is there.
fn buyer_words(lines: &[&str]) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for line in lines {
        let lower = line.to_lowercase();
        if WORDS_END.iter().any(|end| lower.starts_with(end)) || is_link(line) {
            break;
        }
        if words.iter().all(|kept| kept.is_empty()) && CONTEXT_LINES.iter().any(|c| lower.starts_with(c)) {
            continue;
        }
        words.push(line);
    }
    let text = words.join("\n");
    let text = text.trim().trim_matches(|c| matches!(c, '"' | '“' | '”')).trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn is_link(line: &str) -> bool {
    line.starts_with("http://") || line.starts_with("https://")
}

const CONVERSATION_PATH: &str = "etsy.com/your/conversations/";

/// The conversation id from a direct link, or from a tracking link that carries the conversation
/// URL percent-encoded (once or twice).
fn conversation_id(text: &str) -> Option<String> {
    let mut decoded = text.to_owned();
    for _ in 0..3 {
        if let Some(id) = direct_conversation_id(&decoded) {
            return Some(id);
        }
        if !decoded.contains('%') {
            return None;
        }
        decoded = percent_decode(&decoded);
    }
    direct_conversation_id(&decoded)
}

fn direct_conversation_id(text: &str) -> Option<String> {
    text.match_indices(CONVERSATION_PATH).find_map(|(at, _)| {
        let digits: String =
            text[at + CONVERSATION_PATH.len()..].chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then_some(digits)
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|pair| std::str::from_utf8(pair).ok());
        match (bytes[index], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::super::mail::{Address, parse};
    use super::*;

    fn fixture(name: &str) -> Mail {
        let path = format!("{}/tests/fixtures/email/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
    }

    #[test]
    fn new_style_notice_in_english_has_the_conversation_behind_the_tracking_link() {
        let notice = read(&fixture("etsy-new-en.eml")).expect("a conversation notice");
        assert_eq!(notice.kind, EtsyNoticeKind::Message);
        assert_eq!(notice.buyer_name, "Maria Gomez");
        assert_eq!(notice.conversation_id.as_deref(), Some("1234567890"));
        assert_eq!(notice.text, None);
        assert_eq!(notice.conversation_url(), "https://www.etsy.com/your/conversations/1234567890");
    }

    #[test]
    fn new_style_notice_in_spanish_html_only_has_the_direct_link() {
        let mail = fixture("etsy-new-es.eml");
        assert!(!mail.text.contains('<'), "{}", mail.text);
        let notice = read(&mail).expect("a conversation notice");
        assert_eq!(notice.kind, EtsyNoticeKind::Message);
        assert_eq!(notice.buyer_name, "Lucía Fernández");
        assert_eq!(notice.conversation_id.as_deref(), Some("987654321"));
        assert_eq!(notice.text, None);
    }

    #[test]
    fn old_style_notice_carries_the_buyers_words() {
        let notice = read(&fixture("etsy-old-en.eml")).expect("a conversation notice");
        assert_eq!(notice.kind, EtsyNoticeKind::Message);
        assert_eq!(notice.buyer_name, "Tom Baker");
        assert_eq!(notice.conversation_id.as_deref(), Some("555444333"));
        assert_eq!(
            notice.text.as_deref(),
            Some(
                "Hi! Could you make this mug in green? I'd need two of them\n\
                 before December 20th, it's a gift for my parents.\n\nThanks,\nTom"
            )
        );
    }

    #[test]
    fn help_request_carries_the_buyers_words_and_the_conversation() {
        let notice = read(&fixture("etsy-help-es.eml")).expect("a help request");
        assert_eq!(notice.kind, EtsyNoticeKind::HelpRequest);
        assert_eq!(notice.buyer_name, "Carla Ruiz");
        assert_eq!(notice.conversation_id.as_deref(), Some("777888999"));
        assert_eq!(
            notice.text.as_deref(),
            Some(
                "Hola, el pedido llegó pero una de las tazas vino rota.\n\
                 ¿Me pueden mandar otra o devolverme el dinero?"
            )
        );
    }

    #[test]
    fn a_sale_notice_is_no_conversation() {
        let mail = fixture("etsy-sale-en.eml");
        assert!(mail.text.contains("Note from the buyer"), "the fixture reads: {}", mail.text);
        assert_eq!(read(&mail), None);
    }

    fn mail(from: &str, subject: &str, text: &str) -> Mail {
        let mut mail = parse(b"Subject: x\r\n\r\n");
        mail.from = Some(Address { email: from.to_owned(), name: None });
        mail.subject = subject.to_owned();
        mail.text = text.to_owned();
        mail
    }

    #[test]
    fn the_sender_must_be_etsy() {
        let text = "Ana sent you a message\n\nView message";
        for from in ["no-reply@account.etsy.com", "notify@etsy.com", "conversations@mail.etsy.com"] {
            assert!(read(&mail(from, "Etsy Conversation with Ana", text)).is_some(), "{from}");
        }
        for from in ["no-reply@etsy.com.example", "no-reply@notetsy.com", "ana@gmail.com"] {
            assert_eq!(read(&mail(from, "Etsy Conversation with Ana", text)), None, "{from}");
        }
    }

    #[test]
    fn the_subject_alone_names_the_buyer_in_any_language() {
        for (subject, name) in [
            ("Conversa do Etsy com João Silva", "João Silva"),
            ("ETSY CONVERSATION WITH Ana", "Ana"),
            ("Conversation Etsy avec Émilie", "Émilie"),
        ] {
            let notice = read(&mail("no-reply@account.etsy.com", subject, "")).expect(subject);
            assert_eq!(notice.buyer_name, name);
            assert_eq!(notice.conversation_id, None);
            assert_eq!(notice.conversation_url(), "https://www.etsy.com/your/conversations");
        }
    }

    #[test]
    fn other_etsy_mail_is_no_notice() {
        for (subject, text) in [
            ("Your Etsy shop stats for November", "You had 120 visits this month."),
            (
                "Etsy Seller Handbook: holiday tips",
                "Read the new guides.\nhttps://www.etsy.com/your/conversations/12",
            ),
            ("Your Etsy Purchase from TallerAzul (3012345)", "Thanks for your order!"),
        ] {
            assert_eq!(read(&mail("transaction@etsy.com", subject, text)), None, "{subject}");
        }
    }

    #[test]
    fn conversation_ids_come_from_direct_or_encoded_links_only() {
        assert_eq!(
            conversation_id("see https://www.etsy.com/your/conversations/42?ref=x").as_deref(),
            Some("42")
        );
        assert_eq!(
            conversation_id(
                "https://t.example/c?u=https%253A%252F%252Fwww.etsy.com%252Fyour%252Fconversations%252F77"
            )
            .as_deref(),
            Some("77")
        );
        assert_eq!(conversation_id("https://www.etsy.com/your/conversations/new?with_id=5"), None);
        assert_eq!(conversation_id("https://www.etsy.com/your/conversations"), None);
        assert_eq!(conversation_id("%E2%82%AC 100% sure %zz"), None);
    }

    #[test]
    fn case_insensitive_search_keeps_char_boundaries() {
        let line = "Ñandú SENT YOU A MESSAGE";
        assert_eq!(find_ignoring_case(line, " sent you a message"), Some(("Ñandú".len(), line.len())));
        assert_eq!(find_ignoring_case("İ", "i"), None);
        assert_eq!(name_before("María te envió un mensaje", MESSAGE_PHRASES).as_deref(), Some("María"));
    }
}
