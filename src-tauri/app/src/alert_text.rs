//! What the desktop notifications and the tray say, in the seller's language. Rust sends them, so
//! the three languages live here as a small table instead of in the UI's locale files.

use mostrador_core::inbox::{InboxRow, TriageAlerts};
use mostrador_core::vocabulary::Language;

/// How many buyer names a grouped notification spells out before "and N more".
const NAMES_SHOWN: usize = 2;

struct Words {
    app: &'static str,
    /// `{n}` new message(s), singular and plural.
    new_one: &'static str,
    new_many: &'static str,
    from: &'static str,
    and: &'static str,
    /// "and {n} more" when the list is cut.
    more: &'static str,
    /// `{name}` has waited past the `{target}` reply target.
    late_one: &'static str,
    /// `{n}` conversations passed their reply target: names…
    late_many: &'static str,
    needs_reply_none: &'static str,
    needs_reply: &'static str,
    open_window: &'static str,
}

const ES: Words = Words {
    app: "Mostrador",
    new_one: "1 mensaje nuevo",
    new_many: "{n} mensajes nuevos",
    from: "de",
    and: "y",
    more: "{n} más",
    late_one: "{name} espera respuesta hace más de {target}",
    late_many: "{n} conversaciones pasaron su tiempo de respuesta: {names}",
    needs_reply_none: "Nada por responder",
    needs_reply: "{n} por responder",
    open_window: "Abrir Mostrador",
};

const PT_BR: Words = Words {
    app: "Mostrador",
    new_one: "1 mensagem nova",
    new_many: "{n} mensagens novas",
    from: "de",
    and: "e",
    more: "mais {n}",
    late_one: "{name} espera resposta há mais de {target}",
    late_many: "{n} conversas passaram do tempo de resposta: {names}",
    needs_reply_none: "Nada para responder",
    needs_reply: "{n} para responder",
    open_window: "Abrir o Mostrador",
};

const EN: Words = Words {
    app: "Mostrador",
    new_one: "1 new message",
    new_many: "{n} new messages",
    from: "from",
    and: "and",
    more: "{n} more",
    late_one: "{name} has waited more than {target} for a reply",
    late_many: "{n} conversations passed their reply target: {names}",
    needs_reply_none: "Nothing to reply to",
    needs_reply: "{n} to reply to",
    open_window: "Open Mostrador",
};

fn words(language: Language) -> &'static Words {
    match language {
        Language::Es => &ES,
        Language::PtBr => &PT_BR,
        Language::En => &EN,
    }
}

/// The seller's chosen language, else the system's (`pt_BR.UTF-8`, `en-US`…), else Spanish.
pub fn language(chosen: Option<Language>, os_locale: Option<&str>) -> Language {
    chosen.unwrap_or_else(|| match os_locale.map(|l| l.to_ascii_lowercase()) {
        Some(l) if l.starts_with("pt") => Language::PtBr,
        Some(l) if l.starts_with("en") => Language::En,
        _ => Language::Es,
    })
}

/// A title and a body for a desktop notification.
#[derive(Debug, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// One notice for every new incoming message since the last look ("3 mensajes nuevos de Ana,
/// Carla y 1 más"), or none.
pub fn new_messages(language: Language, alerts: &TriageAlerts) -> Option<Notice> {
    if alerts.new_messages == 0 {
        return None;
    }
    let w = words(language);
    let count = if alerts.new_messages == 1 {
        w.new_one.to_owned()
    } else {
        fill(w.new_many, &[("n", &alerts.new_messages.to_string())])
    };
    let names = name_list(w, &alerts.buyers, alerts.new_conversations as usize);
    let body = if names.is_empty() { count } else { format!("{count} {} {names}", w.from) };
    Some(Notice { title: w.app.to_owned(), body })
}

/// One reminder for the conversations that just passed their reply target, or none.
pub fn newly_late(language: Language, late: &[InboxRow]) -> Option<Notice> {
    let w = words(language);
    let body = match late {
        [] => return None,
        [row] => fill(
            w.late_one,
            &[("name", &isolated(&row.buyer_name)), ("target", &duration(row.target_seconds))],
        ),
        rows => {
            let names: Vec<String> = rows.iter().map(|r| r.buyer_name.clone()).collect();
            fill(w.late_many, &[("n", &rows.len().to_string()), ("names", &name_list(w, &names, rows.len()))])
        }
    };
    Some(Notice { title: w.app.to_owned(), body })
}

/// A body for a notification server that reads markup (Linux servers announcing "body-markup"):
/// `&`, `<` and `>` escaped, so a buyer named "M&M <3" shows as written instead of vanishing or
/// turning into a tag.
pub fn for_markup(body: &str) -> String {
    let mut escaped = String::with_capacity(body.len());
    for c in body.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The tray's tooltip (and, on Linux, the label beside the icon).
pub fn needs_reply(language: Language, count: u32) -> String {
    let w = words(language);
    if count == 0 {
        format!("{} — {}", w.app, w.needs_reply_none)
    } else {
        format!("{} — {}", w.app, fill(w.needs_reply, &[("n", &count.to_string())]))
    }
}

pub fn open_window(language: Language) -> &'static str {
    words(language).open_window
}

/// "Ana", "Ana y Carla", "Ana, Carla y Bea", "Ana, Carla y 3 más" (`total` people in all).
fn name_list(w: &Words, names: &[String], total: usize) -> String {
    let total = total.max(names.len());
    if names.is_empty() {
        return String::new();
    }
    let names: Vec<String> = names.iter().map(|name| isolated(name)).collect();
    if total == names.len() && total <= NAMES_SHOWN + 1 {
        return match names.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), w.and),
            [] => String::new(),
        };
    }
    let shown = &names[..names.len().min(NAMES_SHOWN)];
    let rest = fill(w.more, &[("n", &(total - shown.len()).to_string())]);
    format!("{} {} {rest}", shown.join(", "), w.and)
}

/// The template with each `{key}` replaced in one pass: a value is never read as a template, so a
/// buyer named "{target}" stays "{target}".
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            values.iter().find(|(key, _)| *key == &after[..close]).map(|(_, value)| (close, value))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A buyer's name set apart for bidirectional text (FIRST STRONG ISOLATE … POP DIRECTIONAL
/// ISOLATE): a right-to-left name, or one carrying direction overrides, cannot reverse the rest of
/// the notice.
fn isolated(name: &str) -> String {
    format!("\u{2068}{name}\u{2069}")
}

/// Reply targets are whole hours or minutes ("2 h", "45 min"): the same in all three languages.
fn duration(seconds: i64) -> String {
    if seconds >= 3600 && seconds % 3600 == 0 {
        format!("{} h", seconds / 3600)
    } else {
        format!("{} min", seconds / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alerts(messages: u32, conversations: u32, buyers: &[&str]) -> TriageAlerts {
        TriageAlerts {
            new_messages: messages,
            new_conversations: conversations,
            buyers: buyers.iter().map(|b| (*b).to_owned()).collect(),
            newly_late: Vec::new(),
            quiet: false,
            needs_reply: 0,
            last_message_id: 0,
        }
    }

    /// A name as the notices set it apart.
    fn n(name: &str) -> String {
        format!("\u{2068}{name}\u{2069}")
    }

    #[test]
    fn groups_new_messages_in_one_sentence() {
        let a = alerts(3, 4, &["Ana", "Carla", "Bea"]);
        let (ana, carla, bea) = (n("Ana"), n("Carla"), n("Bea"));
        assert_eq!(
            new_messages(Language::Es, &a).unwrap().body,
            format!("3 mensajes nuevos de {ana}, {carla} y 2 más")
        );
        assert_eq!(
            new_messages(Language::PtBr, &a).unwrap().body,
            format!("3 mensagens novas de {ana}, {carla} e mais 2")
        );
        assert_eq!(
            new_messages(Language::En, &a).unwrap().body,
            format!("3 new messages from {ana}, {carla} and 2 more")
        );
        let b = alerts(1, 1, &["Ana"]);
        assert_eq!(new_messages(Language::Es, &b).unwrap().body, format!("1 mensaje nuevo de {ana}"));
        let c = alerts(5, 3, &["Ana", "Carla", "Bea"]);
        assert_eq!(
            new_messages(Language::Es, &c).unwrap().body,
            format!("5 mensajes nuevos de {ana}, {carla} y {bea}")
        );
        assert_eq!(new_messages(Language::Es, &alerts(0, 0, &[])), None);
    }

    #[test]
    fn markup_in_buyer_names_is_escaped_for_servers_that_read_it() {
        let a = alerts(1, 1, &["M&M <3 <b>Ana</b>"]);
        let body = new_messages(Language::Es, &a).unwrap().body;
        assert_eq!(
            for_markup(&body),
            format!("1 mensaje nuevo de {}", n("M&amp;M &lt;3 &lt;b&gt;Ana&lt;/b&gt;"))
        );
        assert_eq!(for_markup("Ana y Carla"), "Ana y Carla");
    }

    #[test]
    fn a_name_is_never_read_as_the_template_nor_turns_the_notice_around() {
        let late = |name: &str| -> InboxRow {
            serde_json::from_value(serde_json::json!({
                "conversation_id": 1, "buyer_id": 1, "buyer_name": name, "channel": "whatsapp",
                "account_id": 1, "account_name": "WhatsApp", "kind": "chat", "status": "needs_reply",
                "subject": null, "preview": "hola", "preview_attachment": null, "last_direction": "incoming",
                "last_message_at": 1, "waiting_since": 1, "waiting_seconds": 9000, "order_stage": null,
                "tags": [], "unread": 1, "pinned": false, "target_seconds": 7200,
                "target_waiting_seconds": 9000, "target_level": null, "highlights": [],
            }))
            .expect("an inbox row")
        };
        // A buyer named like a placeholder stays as written; the target is said once.
        let body = newly_late(Language::Es, &[late("{target}")]).unwrap().body;
        assert_eq!(body, format!("{} espera respuesta hace más de 2 h", n("{target}")));
        let body = newly_late(Language::Es, &[late("{names}"), late("{n}")]).unwrap().body;
        assert_eq!(
            body,
            format!("2 conversaciones pasaron su tiempo de respuesta: {} y {}", n("{names}"), n("{n}"))
        );
        // A right-to-left override in a name ends with the name.
        let body = new_messages(Language::Es, &alerts(2, 2, &["\u{202E}anA", "Carla"])).unwrap().body;
        assert_eq!(body, format!("2 mensajes nuevos de {} y {}", n("\u{202E}anA"), n("Carla")));
        // Unknown or unclosed braces in a template are kept.
        assert_eq!(fill("{x} {n} {", &[("n", "3")]), "{x} 3 {");
    }

    #[test]
    fn language_follows_the_setting_then_the_system() {
        assert_eq!(language(Some(Language::En), Some("pt-BR")), Language::En);
        assert_eq!(language(None, Some("pt_BR.UTF-8")), Language::PtBr);
        assert_eq!(language(None, Some("en-US")), Language::En);
        assert_eq!(language(None, None), Language::Es);
    }

    #[test]
    fn counts_in_the_tray() {
        assert_eq!(needs_reply(Language::Es, 3), "Mostrador — 3 por responder");
        assert_eq!(needs_reply(Language::En, 0), "Mostrador — Nothing to reply to");
        assert_eq!(duration(7200), "2 h");
        assert_eq!(duration(2700), "45 min");
    }
}
