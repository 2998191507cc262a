//! One mail as the e-mail channel reads it: the headers that thread it and tell who wrote it, the
//! text a seller reads (HTML-only mail converted, never rendered), and its attachments.

use mail_parser::decoders::html::html_to_text;
use mail_parser::{HeaderName, Message, MessageParser, MessagePart, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

/// An address as written in a header, the address part lowercased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Address {
    pub email: String,
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MailAttachment {
    /// As the mail names it, made safe for a file name; a made-up name when it has none.
    pub file_name: String,
    pub mime_type: String,
    pub data: Vec<u8>,
    /// Shown inside the body (an inline logo, a signature image) rather than attached.
    pub inline: bool,
}

/// Why a mail looks automatic: sent by a program or a mailing list rather than by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Automatic {
    /// `List-Id`, `List-Unsubscribe` or `Precedence: bulk/list/junk`.
    List,
    /// `Auto-Submitted` other than `no`, a delivery report, or an out-of-office reply.
    AutoReply,
    /// A no-reply, mailer-daemon or postmaster sender.
    NoReplySender,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mail {
    /// Without the angle brackets. A mail without one gets `sha256-<hex of the raw mail>@mostrador`
    /// so that reading it twice finds the same message.
    pub message_id: String,
    pub in_reply_to: Vec<String>,
    /// Oldest first, as the header lists them.
    pub references: Vec<String>,
    /// Decoded, as written.
    pub subject: String,
    pub from: Option<Address>,
    pub reply_to: Option<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// The `Date` header in unix seconds, when it reads.
    pub date: Option<i64>,
    /// The whole text, quoted history included: text/plain when there is one, else the HTML part
    /// converted to text. Line ends are `\n`.
    pub text: String,
    /// The HTML part as sent, when there is one. Never shown (the text above is what a seller reads);
    /// kept for what only the markup carries, such as the links in an Etsy notice.
    pub html: Option<String>,
    /// Byte offset in `text` where the quoted history starts ("On … wrote:" / "El … escribió:" /
    /// "Em … escreveu:" / "-----Original Message-----" / a block of `>` lines at the end).
    pub quote_start: Option<usize>,
    pub attachments: Vec<MailAttachment>,
    pub automatic: Option<Automatic>,
}

/// Reads a raw RFC 5322 mail. Never fails: a malformed mail gives what can be read, and bytes that
/// are no mail at all give empty fields under a made-up message id.
pub(crate) fn parse(raw: &[u8]) -> Mail {
    let Some(message) = MessageParser::default().parse(raw) else {
        return unreadable(raw);
    };
    let subject = message.subject().unwrap_or_default().trim().to_owned();
    let from = first_address(message.from());
    let (text, html) = body(&message);
    let automatic = automatic(&message, &subject, from.as_ref());
    Mail {
        message_id: message
            .header(HeaderName::MessageId)
            .and_then(|value| ids(value).into_iter().next())
            .unwrap_or_else(|| synthesized_id(raw)),
        in_reply_to: message.header(HeaderName::InReplyTo).map(ids).unwrap_or_default(),
        references: message.header(HeaderName::References).map(ids).unwrap_or_default(),
        subject,
        from,
        reply_to: first_address(message.reply_to()),
        to: message.all_to().flat_map(|list| list.iter()).filter_map(address).collect(),
        cc: message.all_cc().flat_map(|list| list.iter()).filter_map(address).collect(),
        date: message.date().filter(|date| date.is_valid()).map(|date| date.to_timestamp()),
        quote_start: quote_start(&text),
        text,
        html,
        attachments: attachments(&message),
        automatic,
    }
}

/// The subject that groups a thread: reply and forward prefixes ("Re:", "RV:", "Enc:", "AW:",
/// "Re[2]:"…) and list tags ("[shop]") stripped however often they repeat, whitespace collapsed,
/// lowercase. "Re: Re: Fwd: Consulta por tazas" → "consulta por tazas".
pub(crate) fn thread_subject(subject: &str) -> String {
    let lower = subject.to_lowercase();
    let mut rest = lower.as_str();
    loop {
        let trimmed = rest.trim_start();
        let stripped = strip_reply_prefix(trimmed).or_else(|| strip_list_tag(trimmed));
        match stripped {
            // A subject that is nothing but a tag ("[pedido 12]") keeps it.
            Some(next) if !next.trim().is_empty() => rest = next,
            _ => {
                rest = trimmed;
                break;
            }
        }
    }
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unreadable(raw: &[u8]) -> Mail {
    Mail {
        message_id: synthesized_id(raw),
        in_reply_to: Vec::new(),
        references: Vec::new(),
        subject: String::new(),
        from: None,
        reply_to: None,
        to: Vec::new(),
        cc: Vec::new(),
        date: None,
        text: String::new(),
        html: None,
        quote_start: None,
        attachments: Vec::new(),
        automatic: None,
    }
}

fn synthesized_id(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256-{hex}@mostrador")
}

/// Message ids as the header lists them, without angle brackets.
fn ids(value: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    let clean = |id: &str| {
        let id = id.trim().trim_start_matches('<').trim_end_matches('>').trim();
        (!id.is_empty()).then(|| id.to_owned())
    };
    match value {
        mail_parser::HeaderValue::Text(id) => clean(id).into_iter().collect(),
        mail_parser::HeaderValue::TextList(list) => list.iter().filter_map(|id| clean(id)).collect(),
        _ => Vec::new(),
    }
}

fn first_address(list: Option<&mail_parser::Address<'_>>) -> Option<Address> {
    list?.iter().find_map(address)
}

fn address(addr: &mail_parser::Addr<'_>) -> Option<Address> {
    let email = addr.address.as_deref()?.trim().trim_start_matches('<').trim_end_matches('>').trim();
    if email.is_empty() {
        return None;
    }
    let name = addr
        .name
        .as_deref()
        .map(|name| name.trim().trim_matches(|c| c == '"' || c == '\'').trim())
        .filter(|name| !name.is_empty())
        .map(str::to_owned);
    Some(Address { email: email.to_lowercase(), name })
}

/// The readable text and the HTML as sent. Plain text wins over HTML; several plain parts (Apple
/// Mail splits the body around inline images) are joined in order.
fn body(message: &Message<'_>) -> (String, Option<String>) {
    let html_parts: Vec<&str> = message
        .html_bodies()
        .filter_map(|part| match &part.body {
            PartType::Html(html) => Some(html.as_ref()),
            _ => None,
        })
        .collect();
    let plain: Vec<String> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(text) if looks_like_html(text) => Some(html_as_text(text)),
            PartType::Text(text) => Some(text.to_string()),
            _ => None,
        })
        .collect();
    let text = if plain.is_empty() {
        message
            .text_bodies()
            .filter_map(|part| match &part.body {
                PartType::Html(html) => Some(html_as_text(html)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        plain.join("\n")
    };
    let html = (!html_parts.is_empty()).then(|| html_parts.join("\n"));
    (normalize_line_ends(&text), html)
}

/// mail-parser's conversion, with block elements ended by a line break first: it only breaks lines
/// at `<br>` and `</p>`, and mail built from `<div>`s and tables would read as one long line.
fn html_as_text(html: &str) -> String {
    const BLOCK_ENDS: &[&str] = &[
        "</div>",
        "</tr>",
        "</li>",
        "</table>",
        "</blockquote>",
        "</h1>",
        "</h2>",
        "</h3>",
        "</h4>",
        "</h5>",
        "</h6>",
    ];
    let lower = html.to_ascii_lowercase();
    let mut marked = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = lower[at..].find("</") {
        let tag_start = at + found;
        let end = BLOCK_ENDS
            .iter()
            .find(|tag| lower[tag_start..].starts_with(*tag))
            .map(|tag| tag_start + tag.len());
        match end {
            Some(end) => {
                marked.push_str(&html[copied..end]);
                marked.push_str("<br>");
                copied = end;
                at = end;
            }
            None => at = tag_start + 2,
        }
    }
    marked.push_str(&html[copied..]);
    let text = html_to_text(&marked);
    // Nested blocks end together; more than one blank line in a row says nothing.
    let mut lines: Vec<&str> = Vec::new();
    for line in text.split('\n').map(|line| line.trim_matches([' ', '\t'])) {
        if !(line.is_empty() && lines.last().is_some_and(|last| last.is_empty())) {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// Some senders label an HTML document text/plain; the seller should still never see tags.
fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    let head = start.get(..start.len().min(14)).unwrap_or("").to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn normalize_line_ends(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.trim_start_matches('\n').trim_end().to_owned()
}

/// Where the quoted history starts: the first attribution or separator line, or a trailing block
/// of `>` lines, whichever comes first. Always the start of a line, so always a char boundary.
fn quote_start(text: &str) -> Option<usize> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        lines.push((offset, line));
        offset += line.len() + 1;
    }
    let marker = (0..lines.len()).find_map(|index| history_marker(&lines, index));
    let trailing = trailing_quote(&lines);
    match (marker, trailing) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Attribution openings and closings: "On … wrote:", "El … escribió:", "Em … escreveu:",
/// "Le … a écrit :". Compared lowercased, with no-break spaces made plain.
const ATTRIBUTIONS: &[(&str, &str)] = &[
    ("on ", " wrote:"),
    ("el ", " escribió:"),
    ("em ", " escreveu:"),
    ("le ", " a écrit :"),
    ("le ", " a écrit:"),
];

/// Outlook's separators, "-----Original Message-----" and its translations.
const ORIGINAL_MESSAGE: &[&str] =
    &["original message", "mensaje original", "mensagem original", "message d'origine"];

/// Outlook's header block: a "From:" line and, within the next lines, a "Sent:" line.
const HEADER_FROM: &[&str] = &["from:", "de:", "de :", "von:"];
const HEADER_SENT: &[&str] =
    &["sent:", "enviado:", "enviado el:", "enviada em:", "envoyé :", "envoyé:", "gesendet:"];

fn history_marker(lines: &[(usize, &str)], index: usize) -> Option<usize> {
    let (start, line) = lines[index];
    let line = plain_line(line);
    if is_attribution(&line) {
        return Some(start);
    }
    // Gmail wraps a long attribution onto a second line.
    if let Some(&(_, next)) = lines.get(index + 1)
        && ATTRIBUTIONS.iter().any(|(opening, _)| line.starts_with(opening))
        && is_attribution(&format!("{line} {}", plain_line(next)))
    {
        return Some(start);
    }
    if line.starts_with("-----") {
        let label = line.trim_matches(|c: char| c == '-' || c.is_whitespace());
        if ORIGINAL_MESSAGE.contains(&label) {
            return Some(start);
        }
    }
    if HEADER_FROM.iter().any(|from| line.starts_with(from)) {
        let sent_same_line = HEADER_SENT.iter().any(|sent| line.contains(&format!(" {sent}")));
        let sent_below = lines
            .iter()
            .skip(index + 1)
            .take(3)
            .any(|(_, next)| HEADER_SENT.iter().any(|sent| plain_line(next).starts_with(sent)));
        if sent_same_line || sent_below {
            // Outlook draws a line of underscores above the block; it belongs to the history.
            let above = index.checked_sub(1).map(|i| lines[i]);
            return Some(match above {
                Some((above_start, above)) if is_underscore_rule(above) => above_start,
                _ => start,
            });
        }
    }
    None
}

fn plain_line(line: &str) -> String {
    line.trim().replace('\u{a0}', " ").to_lowercase()
}

fn is_attribution(line: &str) -> bool {
    // A date or an address in it: "On the way home I wrote:" is not an attribution.
    line.chars().count() <= 400
        && line.chars().any(|c| c.is_ascii_digit() || c == '@')
        && ATTRIBUTIONS.iter().any(|(opening, closing)| line.starts_with(opening) && line.ends_with(closing))
}

fn is_underscore_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 10 && line.chars().all(|c| c == '_')
}

fn trailing_quote(lines: &[(usize, &str)]) -> Option<usize> {
    let mut quote = None;
    for &(start, line) in lines.iter().rev() {
        let line = line.trim_start();
        if line.starts_with('>') {
            quote = Some(start);
        } else if !line.trim().is_empty() {
            break;
        }
    }
    quote
}

fn attachments(message: &Message<'_>) -> Vec<MailAttachment> {
    let mut found = Vec::new();
    for part in message.attachments() {
        let disposed_as_attachment = part.content_disposition().is_some_and(|d| d.is_attachment());
        let name = part.attachment_name();
        match &part.body {
            PartType::Multipart(_) => continue,
            // A text part that nobody named or attached is more body, not a file.
            PartType::Text(_) | PartType::Html(_) if !disposed_as_attachment && name.is_none() => continue,
            _ => {}
        }
        let mime_type = mime_type(part);
        let is_mail = matches!(part.body, PartType::Message(_))
            || mime_type == "message/rfc822"
            || mime_type == "message/global";
        let given_name = name.and_then(sanitize_file_name).or_else(|| match &part.body {
            // A subject is no path: its slashes are kept as part of the name.
            PartType::Message(nested) => {
                nested.subject().and_then(|subject| sanitize_file_name(&subject.replace(['/', '\\'], "_")))
            }
            _ => None,
        });
        let mut file_name = given_name
            .unwrap_or_else(|| format!("adjunto-{}.{}", found.len() + 1, extension_for(&mime_type)));
        if is_mail && !file_name.to_lowercase().ends_with(".eml") {
            file_name = clip_file_name(&format!("{file_name}.eml"));
        }
        let inline = !disposed_as_attachment && part.content_id().is_some_and(|id| !id.trim().is_empty());
        found.push(MailAttachment {
            file_name,
            mime_type: if is_mail { "message/rfc822".to_owned() } else { mime_type },
            data: part.contents().to_vec(),
            inline,
        });
    }
    found
}

fn mime_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match &ct.c_subtype {
            Some(subtype) => format!("{}/{}", ct.c_type, subtype).to_lowercase(),
            None => ct.c_type.to_lowercase(),
        },
        None => match part.body {
            PartType::Text(_) => "text/plain",
            PartType::Html(_) => "text/html",
            PartType::Message(_) => "message/rfc822",
            _ => "application/octet-stream",
        }
        .to_owned(),
    }
}

/// A file extension for a part that came without a name.
fn extension_for(mime_type: &str) -> &'static str {
    match mime_type {
        "image/jpeg" | "image/jpg" | "image/pjpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/heic" => "heic",
        "image/heif" => "heif",
        "image/bmp" => "bmp",
        "image/svg+xml" => "svg",
        "image/tiff" => "tif",
        "application/pdf" => "pdf",
        "application/zip" => "zip",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "text/plain" => "txt",
        "text/html" => "html",
        "text/csv" => "csv",
        "text/calendar" => "ics",
        "message/rfc822" | "message/global" => "eml",
        "audio/mpeg" => "mp3",
        "audio/ogg" => "ogg",
        "audio/mp4" | "audio/m4a" | "audio/x-m4a" => "m4a",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        _ => "bin",
    }
}

const MAX_FILE_NAME_CHARS: usize = 120;

/// The last path component, without control characters or characters Windows refuses, no leading
/// or trailing dots, at most 120 characters with the extension kept. None when nothing is left.
fn sanitize_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c.is_whitespace() || c == '.');
    (!cleaned.is_empty()).then(|| clip_file_name(cleaned))
}

fn clip_file_name(name: &str) -> String {
    if name.chars().count() <= MAX_FILE_NAME_CHARS {
        return name.to_owned();
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.chars().count() <= 16 => {
            (stem, Some(ext))
        }
        _ => (name, None),
    };
    match extension {
        Some(ext) => {
            let keep = MAX_FILE_NAME_CHARS - ext.chars().count() - 1;
            let stem: String = stem.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        None => stem.chars().take(MAX_FILE_NAME_CHARS).collect(),
    }
}

fn automatic(message: &Message<'_>, subject: &str, from: Option<&Address>) -> Option<Automatic> {
    let precedence = raw_header(message, "Precedence").map(|value| first_token(&value));
    if has_header(message, "List-Id")
        || has_header(message, "List-Unsubscribe")
        || precedence.is_some_and(|p| matches!(p.as_str(), "bulk" | "list" | "junk"))
    {
        return Some(Automatic::List);
    }
    let auto_submitted = raw_header(message, "Auto-Submitted").map(|value| first_token(&value));
    if auto_submitted.is_some_and(|value| !value.is_empty() && value != "no")
        || has_header(message, "X-Autoreply")
        || has_header(message, "X-Autorespond")
        || is_report(message)
        || is_auto_reply_subject(subject)
    {
        return Some(Automatic::AutoReply);
    }
    if from.is_some_and(|from| is_no_reply_address(&from.email)) {
        return Some(Automatic::NoReplySender);
    }
    None
}

fn has_header(message: &Message<'_>, name: &str) -> bool {
    message.headers().iter().any(|header| header.name.as_str().eq_ignore_ascii_case(name))
}

/// A header's value as written, unfolded and trimmed.
fn raw_header(message: &Message<'_>, name: &str) -> Option<String> {
    let header = message.headers().iter().find(|header| header.name.as_str().eq_ignore_ascii_case(name))?;
    let bytes = message.raw_message.get(header.offset_start as usize..header.offset_end as usize)?;
    Some(String::from_utf8_lossy(bytes).split_whitespace().collect::<Vec<_>>().join(" "))
}

/// "auto-replied; owner-email=…" → "auto-replied".
fn first_token(value: &str) -> String {
    value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// A delivery status notification or a read receipt.
fn is_report(message: &Message<'_>) -> bool {
    message.root_part().content_type().is_some_and(|ct| {
        ct.c_type.eq_ignore_ascii_case("multipart")
            && ct.c_subtype.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    })
}

const AUTO_REPLY_SUBJECTS: &[&str] = &[
    "out of office",
    "out of the office",
    "automatic reply",
    "auto reply",
    "autoreply",
    "auto-reply",
    "respuesta automática",
    "respuesta automatica",
    "fuera de la oficina",
    "resposta automática",
    "resposta automatica",
    "ausente do escritório",
    "réponse automatique",
];

fn is_auto_reply_subject(subject: &str) -> bool {
    let subject = subject.trim().to_lowercase();
    AUTO_REPLY_SUBJECTS.iter().any(|start| subject.starts_with(start))
}

const NO_REPLY_LOCAL_PARTS: &[&str] = &[
    "no-reply",
    "noreply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
    "mailer-daemon",
    "postmaster",
    "notifications",
];

/// "noreply@", "No-Reply@", "noreply-abc123@"; not "noreplyanna@".
fn is_no_reply_address(email: &str) -> bool {
    let local = email.rsplit_once('@').map_or(email, |(local, _)| local).to_lowercase();
    NO_REPLY_LOCAL_PARTS.iter().any(|word| {
        local.strip_prefix(word).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphabetic()))
    })
}

/// Reply and forward prefixes in the languages sellers meet, lowercased.
const REPLY_PREFIXES: &[&str] =
    &["re", "fwd", "fw", "rv", "enc", "res", "aw", "wg", "tr", "réf", "sv", "antw"];

/// "re: x", "re[2]: x", "re (3) : x", "re：x" → "x".
fn strip_reply_prefix(subject: &str) -> Option<&str> {
    REPLY_PREFIXES.iter().find_map(|prefix| {
        let rest = subject.strip_prefix(prefix)?;
        let rest = strip_counter(rest).trim_start_matches([' ', '\u{a0}', '\t']);
        rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))
    })
}

/// "[2]" or "(2)" right after a prefix.
fn strip_counter(rest: &str) -> &str {
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = rest.strip_prefix(open)
            && let Some((digits, after)) = inner.split_once(close)
            && !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
        {
            return after;
        }
    }
    rest
}

/// "[shop] x" → "x".
fn strip_list_tag(subject: &str) -> Option<&str> {
    let inner = subject.strip_prefix('[')?;
    let (tag, rest) = inner.split_once(']')?;
    (tag.chars().count() <= 40).then_some(rest)
}

#[cfg(test)]
mod tests {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;

    use super::*;

    /// Test mails are written with `\n`; on the wire they travel with `\r\n`.
    fn read(mail: &str) -> Mail {
        parse(mail.replace('\n', "\r\n").as_bytes())
    }

    const SPANISH_WORDS: &str = "Dirección: añadir 10 € de envío a São Paulo";

    #[test]
    fn headers_thread_and_address_the_mail() {
        let mail = read(
            "Message-ID:  <CAB123.456@mail.gmail.com> \n\
             In-Reply-To: <first@shop.example>\n\
             References: <root@shop.example>\n <first@shop.example>\n\
             From: =?UTF-8?Q?Ana_P=C3=A9rez?= <Ana.Perez@Example.COM>\n\
             Reply-To: \"\" <ventas@example.com>\n\
             To: Taller <taller@example.com>, otro@example.com\n\
             Cc: =?ISO-8859-1?Q?Jos=E9?= <jose@example.com>\n\
             Subject: =?UTF-8?B?wr9UaWVuZW4gdGF6YXM/?=\n\
             Date: Mon, 7 Dec 2026 10:00:00 -0300\n\
             \n\
             Hola\n",
        );
        assert_eq!(mail.message_id, "CAB123.456@mail.gmail.com");
        assert_eq!(mail.in_reply_to, ["first@shop.example"]);
        assert_eq!(mail.references, ["root@shop.example", "first@shop.example"]);
        assert_eq!(
            mail.from,
            Some(Address { email: "ana.perez@example.com".into(), name: Some("Ana Pérez".into()) })
        );
        assert_eq!(mail.reply_to, Some(Address { email: "ventas@example.com".into(), name: None }));
        assert_eq!(
            mail.to,
            [
                Address { email: "taller@example.com".into(), name: Some("Taller".into()) },
                Address { email: "otro@example.com".into(), name: None },
            ]
        );
        assert_eq!(mail.cc, [Address { email: "jose@example.com".into(), name: Some("José".into()) }]);
        assert_eq!(mail.subject, "¿Tienen tazas?");
        assert_eq!(mail.date, Some(1_796_648_400));
        assert_eq!(mail.text, "Hola");
        assert_eq!(mail.quote_start, None);
        assert_eq!(mail.automatic, None);
    }

    #[test]
    fn a_mail_without_message_id_gets_a_stable_one_from_its_bytes() {
        let raw = "From: ana@example.com\nSubject: Hola\n\nHola\n";
        let first = read(raw);
        assert_eq!(first.message_id, read(raw).message_id);
        assert_ne!(first.message_id, read(&raw.replace("Hola\n\n", "Hola!\n\n")).message_id);
        let hex = first.message_id.strip_prefix("sha256-").and_then(|id| id.strip_suffix("@mostrador"));
        assert!(hex.is_some_and(|hex| hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())));
    }

    #[test]
    fn bytes_that_are_no_mail_give_empty_fields() {
        for raw in [&b""[..], b"\n\n\n", b"\xff\xfe\x00"] {
            let mail = parse(raw);
            assert!(mail.message_id.starts_with("sha256-"), "{raw:?}");
            assert_eq!(mail.from, None);
            assert!(mail.subject.is_empty() && mail.attachments.is_empty());
            assert!(!mail.text.contains('\r'));
        }
    }

    #[test]
    fn an_unreadable_date_is_none() {
        assert_eq!(read("From: a@b.c\nDate: mañana\n\nx\n").date, None);
    }

    fn single_part(content_type: &str, encoding: &str, body: &[u8]) -> Mail {
        let mut raw = format!(
            "From: ana@example.com\r\nSubject: charset\r\nMIME-Version: 1.0\r\n{content_type}\
             Content-Transfer-Encoding: {encoding}\r\n\r\n"
        )
        .into_bytes();
        raw.extend_from_slice(body);
        raw.extend_from_slice(b"\r\n");
        parse(&raw)
    }

    #[test]
    fn iso_8859_1_decodes() {
        let body = b"Direcci\xf3n: a\xf1adir env\xedo a S\xe3o Paulo";
        let mail = single_part("Content-Type: text/plain; charset=ISO-8859-1\r\n", "8bit", body);
        assert_eq!(mail.text, "Dirección: añadir envío a São Paulo");
    }

    #[test]
    fn windows_1252_decodes_the_euro_sign() {
        let body = b"Direcci\xf3n: a\xf1adir 10 \x80 de env\xedo a S\xe3o Paulo";
        let mail = single_part("Content-Type: text/plain; charset=windows-1252\r\n", "8bit", body);
        assert_eq!(mail.text, SPANISH_WORDS);
    }

    #[test]
    fn utf_8_decodes_with_and_without_a_declared_charset() {
        let declared =
            single_part("Content-Type: text/plain; charset=utf-8\r\n", "8bit", SPANISH_WORDS.as_bytes());
        assert_eq!(declared.text, SPANISH_WORDS);
        let undeclared = single_part("", "8bit", SPANISH_WORDS.as_bytes());
        assert_eq!(undeclared.text, SPANISH_WORDS);
        let no_parameter = single_part("Content-Type: text/plain\r\n", "8bit", SPANISH_WORDS.as_bytes());
        assert_eq!(no_parameter.text, SPANISH_WORDS);
    }

    #[test]
    fn quoted_printable_decodes_in_utf_8_and_latin_1() {
        let utf8 = b"Direcci=C3=B3n: a=C3=B1adir 10 =E2=82=AC de env=C3=ADo a S=C3=A3o Pa=\r\nulo";
        let mail = single_part("Content-Type: text/plain; charset=\"UTF-8\"\r\n", "quoted-printable", utf8);
        assert_eq!(mail.text, SPANISH_WORDS);
        let latin1 = b"Direcci=F3n: a=F1adir 10 =80 de env=EDo a S=E3o Paulo";
        let mail =
            single_part("Content-Type: text/plain; charset=windows-1252\r\n", "quoted-printable", latin1);
        assert_eq!(mail.text, SPANISH_WORDS);
    }

    #[test]
    fn base64_decodes() {
        let encoded = STANDARD.encode(SPANISH_WORDS);
        let (first, second) = encoded.split_at(20);
        let body = format!("{first}\r\n{second}");
        let mail = single_part("Content-Type: text/plain; charset=utf-8\r\n", "base64", body.as_bytes());
        assert_eq!(mail.text, SPANISH_WORDS);
    }

    #[test]
    fn plain_text_wins_over_html_and_line_ends_are_newlines() {
        let mail = read(
            "From: ana@example.com\n\
             Content-Type: multipart/alternative; boundary=\"b1\"\n\
             \n\
             --b1\n\
             Content-Type: text/plain; charset=utf-8\n\
             \n\
             Hola,\n\
             ¿tienen la taza azul?\n\
             --b1\n\
             Content-Type: text/html; charset=utf-8\n\
             \n\
             <html><body><p>Hola,</p><p>¿tienen la <b>taza azul</b>?</p></body></html>\n\
             --b1--\n",
        );
        assert_eq!(mail.text, "Hola,\n¿tienen la taza azul?");
        assert!(mail.html.as_deref().is_some_and(|html| html.contains("<b>taza azul</b>")));
    }

    #[test]
    fn html_only_mail_is_converted_to_text_without_tags() {
        let mail = read(
            "From: ana@example.com\n\
             Content-Type: text/html; charset=utf-8\n\
             Content-Transfer-Encoding: quoted-printable\n\
             \n\
             <html><head><style>p {color: red}</style></head><body>\n\
             <p>Hola,</p><p>Direcci=C3=B3n: <b>S=C3=A3o Paulo</b> &amp; 10&nbsp;&euro;<br>Gracias</p>\n\
             </body></html>\n",
        );
        assert!(!mail.text.contains('<') && !mail.text.contains('>'), "{:?}", mail.text);
        assert!(!mail.text.contains("color"), "{:?}", mail.text);
        assert!(mail.text.contains("Dirección: São Paulo & 10\u{a0}€"), "{:?}", mail.text);
        assert!(mail.text.contains("\nGracias"), "{:?}", mail.text);
        assert!(mail.html.is_some());
    }

    #[test]
    fn html_blocks_become_lines() {
        let mail = read(
            "From: ana@example.com\nContent-Type: text/html\n\n<div>Hola</div><DIV><div>¿Tienen</div></div>\n\
             <table><tr><td>tazas?</td></tr></table><ul><li>Azul</li><li>Verde</li></ul>\n",
        );
        assert_eq!(mail.text, "Hola\n¿Tienen\n\ntazas?\n\nAzul\nVerde");
    }

    #[test]
    fn html_labelled_as_plain_text_is_converted() {
        let mail = read(
            "From: shop@example.com\nContent-Type: text/plain\n\n<!DOCTYPE html><html><body><p>Hola</p></body></html>\n",
        );
        assert_eq!(mail.text, "Hola");
    }

    /// The reply part and where the history begins, read through `quote_start`.
    fn split(text: &str) -> (String, Option<String>) {
        let mail = read(&format!("From: ana@example.com\n\n{text}"));
        match mail.quote_start {
            Some(start) => (mail.text[..start].to_owned(), Some(mail.text[start..].to_owned())),
            None => (mail.text, None),
        }
    }

    #[test]
    fn quote_starts_at_attribution_lines_in_each_language() {
        for (attribution, quoted) in [
            ("On Mon, Dec 7, 2026 at 10:00 AM Taller <taller@example.com> wrote:", "> ¿Color?"),
            ("El lun, 7 dic 2026 a las 10:00, Taller (<taller@example.com>) escribió:", "> ¿Color?"),
            ("Em seg., 7 de dez. de 2026 às 10:00, Taller <taller@example.com> escreveu:", "> Cor?"),
            ("Le lun. 7 déc. 2026 à 10:00, Taller <taller@example.com> a écrit\u{a0}:", "> Couleur ?"),
            ("On 7 Dec 2026, at 10:00, Taller <taller@example.com> wrote:", "¿Color?"),
        ] {
            let (reply, quote) = split(&format!("Azul, gracias.\n\n{attribution}\n\n{quoted}\n"));
            assert_eq!(reply, "Azul, gracias.\n\n", "{attribution}");
            assert_eq!(quote, Some(format!("{attribution}\n\n{quoted}")));
        }
    }

    #[test]
    fn quote_starts_at_an_attribution_wrapped_over_two_lines() {
        let (reply, quote) = split(
            "Azul.\n\nEl lun, 7 dic 2026 a las 10:00, Taller de Cerámica Ñandú (<\ntaller@example.com>) escribió:\n> ¿Color?\n",
        );
        assert_eq!(reply, "Azul.\n\n");
        assert!(quote.as_deref().is_some_and(|q| q.starts_with("El lun")));
        let (reply, _) = split(
            "Blue.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Pottery Workshop\n<taller@example.com> wrote:\n\n> Color?\n",
        );
        assert_eq!(reply, "Blue.\n\n");
    }

    #[test]
    fn quote_starts_at_outlook_separators_and_header_blocks() {
        for separator in
            ["-----Original Message-----", "-----Mensaje original-----", "-----Mensagem original-----"]
        {
            let (reply, quote) = split(&format!("Sí.\n{separator}\nFrom: Taller\nSubject: x\n"));
            assert_eq!(reply, "Sí.\n");
            assert!(quote.as_deref().is_some_and(|q| q.starts_with(separator)));
        }
        let (reply, quote) = split(
            "Perfecto.\n\n________________________________\nDe: Taller <taller@example.com>\nEnviado: lunes, 7 de diciembre de 2026 10:00\nPara: Ana\nAsunto: Tazas\n\n¿Color?\n",
        );
        assert_eq!(reply, "Perfecto.\n\n");
        assert!(quote.as_deref().is_some_and(|q| q.starts_with("_____")));
        let (reply, quote) = split(
            "Fine.\n\nFrom: Taller <taller@example.com> Sent: Monday, December 7, 2026 10:00 AM\nTo: Ana\n",
        );
        assert_eq!(reply, "Fine.\n\n");
        assert!(quote.as_deref().is_some_and(|q| q.starts_with("From: Taller")));
    }

    #[test]
    fn quote_starts_at_a_trailing_block_of_quoted_lines() {
        let (reply, quote) = split("Azul.\n\n> ¿Qué color?\n>\n> > Hola\n");
        assert_eq!(reply, "Azul.\n\n");
        assert_eq!(quote.as_deref(), Some("> ¿Qué color?\n>\n> > Hola"));
    }

    #[test]
    fn no_quote_when_there_is_none() {
        assert_eq!(split("Hola, ¿tienen tazas?\nGracias.\n").1, None);
        // Quoted lines answered below are not a trailing block.
        assert_eq!(split("> ¿Color?\nAzul.\n").1, None);
        // Words that look like an attribution without a date or an address.
        assert_eq!(split("On the way home my sister wrote:\nbuy two\n").1, None);
        assert_eq!(split("From: my sister, who sent me here\n").1, None);
    }

    const ATTACHMENTS: &str = "From: ana@example.com\n\
        Subject: Fotos\n\
        Content-Type: multipart/mixed; boundary=\"mix\"\n\
        \n\
        --mix\n\
        Content-Type: multipart/related; boundary=\"rel\"\n\
        \n\
        --rel\n\
        Content-Type: text/html; charset=utf-8\n\
        \n\
        <p>Mirá la foto <img src=\"cid:logo@x\"></p>\n\
        --rel\n\
        Content-Type: image/png\n\
        Content-Disposition: inline\n\
        Content-ID: <logo@x>\n\
        Content-Transfer-Encoding: base64\n\
        \n\
        iVBORw0KGgo=\n\
        --rel--\n\
        --mix\n\
        Content-Type: image/jpeg; name=\"C:\\\\fotos\\\\taza azul.jpg\"\n\
        Content-Disposition: attachment; filename=\"C:\\\\fotos\\\\taza azul.jpg\"\n\
        Content-Transfer-Encoding: base64\n\
        \n\
        /9j/4AAQ\n\
        --mix\n\
        Content-Type: image/jpeg\n\
        Content-Transfer-Encoding: base64\n\
        \n\
        /9j/4AAQ\n\
        --mix\n\
        Content-Type: application/pdf\n\
        Content-Disposition: attachment; filename=\"../../etc/\x07presupuesto-muy-largo-LONG.pdf\"\n\
        \n\
        %PDF-1.4\n\
        --mix\n\
        Content-Type: text/plain; charset=utf-8\n\
        Content-Disposition: attachment; filename=\"notas.txt\"\n\
        \n\
        medidas\n\
        --mix\n\
        Content-Type: message/rfc822\n\
        \n\
        From: taller@example.com\n\
        Subject: Presupuesto / tazas\n\
        Content-Type: multipart/mixed; boundary=\"inner\"\n\
        \n\
        --inner\n\
        Content-Type: text/plain\n\
        \n\
        adentro\n\
        --inner\n\
        Content-Type: image/gif\n\
        Content-Disposition: attachment; filename=\"adentro.gif\"\n\
        \n\
        GIF89a\n\
        --inner--\n\
        --mix--\n";

    #[test]
    fn attachments_are_listed_with_safe_names() {
        let long = "x".repeat(200);
        let mail = read(&ATTACHMENTS.replace("LONG", &long));
        let names: Vec<&str> = mail.attachments.iter().map(|a| a.file_name.as_str()).collect();
        assert_eq!(names.len(), 6, "{names:?}");
        let logo = &mail.attachments[0];
        assert_eq!(
            (logo.file_name.as_str(), logo.mime_type.as_str(), logo.inline),
            ("adjunto-1.png", "image/png", true)
        );
        assert_eq!(logo.data, b"\x89PNG\r\n\x1a\n");
        let photo = &mail.attachments[1];
        assert_eq!((photo.file_name.as_str(), photo.inline), ("taza azul.jpg", false));
        assert_eq!(photo.data, STANDARD.decode("/9j/4AAQ").unwrap());
        assert_eq!(mail.attachments[2].file_name, "adjunto-3.jpg");
        let pdf = &mail.attachments[3];
        assert_eq!(pdf.file_name.chars().count(), 120);
        assert!(pdf.file_name.starts_with("presupuesto-muy-largo-xxx") && pdf.file_name.ends_with("xx.pdf"));
        assert_eq!(pdf.mime_type, "application/pdf");
        assert_eq!(mail.attachments[4].file_name, "notas.txt");
        assert_eq!(mail.attachments[4].data, b"medidas");
        let nested = &mail.attachments[5];
        assert_eq!(nested.file_name, "Presupuesto _ tazas.eml");
        assert_eq!(nested.mime_type, "message/rfc822");
        let nested_text = String::from_utf8_lossy(&nested.data);
        assert!(
            nested_text.contains("Subject: Presupuesto") && nested_text.contains("GIF89a"),
            "{nested_text}"
        );
        // The body is the HTML part; nothing from inside the forwarded mail leaks into the text.
        assert_eq!(mail.text, "Mirá la foto");
    }

    #[test]
    fn file_names_are_sanitized() {
        assert_eq!(sanitize_file_name("../../x/fo\u{0}to.jpg").as_deref(), Some("foto.jpg"));
        assert_eq!(sanitize_file_name("C:\\Users\\ana\\a:b?.png").as_deref(), Some("a_b_.png"));
        assert_eq!(sanitize_file_name(" .hidden. ").as_deref(), Some("hidden"));
        assert_eq!(sanitize_file_name("dir/"), None);
        assert_eq!(sanitize_file_name("\u{7}\u{1b}"), None);
        let long = format!("{}.jpeg", "ñ".repeat(300));
        let clipped = sanitize_file_name(&long).unwrap();
        assert_eq!(clipped.chars().count(), 120);
        assert!(clipped.ends_with("ñ.jpeg"));
        let no_extension = sanitize_file_name(&"a".repeat(300)).unwrap();
        assert_eq!(no_extension.len(), 120);
    }

    fn automatic_of(headers: &str) -> Option<Automatic> {
        read(&format!("{headers}\nSubject-Extra: x\n\nHola\n")).automatic
    }

    #[test]
    fn list_mail_is_automatic() {
        for headers in [
            "From: news@shop.example\nList-Id: <news.shop.example>",
            "From: news@shop.example\nList-Unsubscribe: <https://shop.example/u>",
            "From: news@shop.example\nPrecedence: bulk",
            "From: news@shop.example\nPrecedence: Junk",
            "From: news@shop.example\nPrecedence: list",
        ] {
            assert_eq!(automatic_of(headers), Some(Automatic::List), "{headers}");
        }
        assert_eq!(automatic_of("From: ana@example.com\nPrecedence: first-class"), None);
    }

    #[test]
    fn auto_replies_are_automatic() {
        for headers in [
            "From: ana@example.com\nAuto-Submitted: auto-replied",
            "From: ana@example.com\nAuto-Submitted: auto-generated; owner-email=\"ana@example.com\"",
            "From: ana@example.com\nX-Autoreply: yes",
            "From: ana@example.com\nX-Autorespond: Out of office",
            "From: ana@example.com\nSubject: Out of Office: Consulta",
            "From: ana@example.com\nSubject: Respuesta automática: Consulta",
            "From: ana@example.com\nSubject: =?UTF-8?Q?Resposta_autom=C3=A1tica?=: Consulta",
            "From: ana@example.com\nSubject: Automatic reply: Consulta",
            "From: ana@example.com\nContent-Type: multipart/report; report-type=delivery-status; boundary=x",
        ] {
            assert_eq!(automatic_of(headers), Some(Automatic::AutoReply), "{headers}");
        }
        assert_eq!(automatic_of("From: ana@example.com\nAuto-Submitted: no"), None);
        assert_eq!(automatic_of("From: ana@example.com\nSubject: Consulta por respuesta automática"), None);
    }

    #[test]
    fn no_reply_senders_are_automatic() {
        for from in [
            "no-reply@shop.example",
            "NoReply@shop.example",
            "no_reply@shop.example",
            "DoNotReply@shop.example",
            "do-not-reply@shop.example",
            "MAILER-DAEMON@mx.example",
            "postmaster@mx.example",
            "notifications@github.example",
            "noreply-abc123@shop.example",
            "no-reply.ventas@shop.example",
        ] {
            assert_eq!(automatic_of(&format!("From: {from}")), Some(Automatic::NoReplySender), "{from}");
        }
        for from in ["noreplyanna@example.com", "ana@noreply.example", "reply@shop.example"] {
            assert_eq!(automatic_of(&format!("From: {from}")), None, "{from}");
        }
    }

    #[test]
    fn list_beats_auto_reply_beats_no_reply_sender() {
        let all = "From: noreply@shop.example\nAuto-Submitted: auto-generated\nList-Id: <x.shop.example>";
        assert_eq!(automatic_of(all), Some(Automatic::List));
        let two = "From: noreply@shop.example\nAuto-Submitted: auto-generated";
        assert_eq!(automatic_of(two), Some(Automatic::AutoReply));
    }

    #[test]
    fn thread_subject_strips_prefixes_and_tags() {
        for (subject, expected) in [
            ("Re: Re: Fwd: Consulta por tazas", "consulta por tazas"),
            ("RE: FW: RV: Rv: Enc: ENC: Res: AW: WG: TR: Réf: Consulta", "consulta"),
            ("Re[2]: Re(3): Consulta", "consulta"),
            ("RE : TR : Consulta", "consulta"),
            ("Re：Consulta", "consulta"),
            ("[shop] Re: [shop]   Consulta   por\ttazas ", "consulta por tazas"),
            ("Consulta por tazas", "consulta por tazas"),
            ("Recibo de pago", "recibo de pago"),
            ("Review: taza", "review: taza"),
            ("[Pedido 12]", "[pedido 12]"),
            ("Re:", "re:"),
            ("", ""),
        ] {
            assert_eq!(thread_subject(subject), expected, "{subject}");
        }
    }
}
