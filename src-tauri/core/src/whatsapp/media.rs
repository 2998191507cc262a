//! The markers WhatsApp writes instead of (or next to) a photo, audio, sticker or document, in the
//! phone's language. Android writes `NAME (file attached)` and `<Media omitted>`; iOS writes
//! `<attached: NAME>` and `image omitted`, a document as `Title.pdf • 2 pages <attached: NAME>`, and
//! older iOS `NAME <attached>`. Invisible direction marks may stand before the marker, inside it and
//! before the file name.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::header;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Media {
    /// Exported "without media": only a marker remains.
    Omitted,
    /// Exported with media: the file's name inside the `.zip`.
    Attached { file_name: String },
}

/// `<…>` markers of media left out of an Android export, without the brackets, in lower case.
const OMITTED_TAGS: &[&str] = &[
    "media omitted",
    "multimedia omitido",
    "archivo omitido",
    "mídia oculta",
    "arquivo de mídia oculto",
    "medien ausgeschlossen",
    "médias omis",
    "media omessi",
    "media weggelaten",
    "medya dahil edilmedi",
    "без медиафайлов",
    "média vynechány",
];

/// iOS's "<kind> omitted" for media left out of an export, in lower case.
const OMITTED_PHRASES: &[&str] = &[
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "gif omitted",
    "document omitted",
    "contact card omitted",
    "imagen omitida",
    "video omitido",
    "audio omitido",
    "sticker omitido",
    "gif omitido",
    "documento omitido",
    "tarjeta de contacto omitida",
    "imagem ocultada",
    "vídeo omitido",
    "áudio ocultado",
    "figurinha omitida",
    "documento ocultado",
    "bild weggelassen",
    "video weggelassen",
    "audio weggelassen",
    "sticker weggelassen",
    "gif weggelassen",
    "dokument weggelassen",
    "kontaktkarte ausgelassen",
    "immagine omessa",
    "video omesso",
    "audio omesso",
    "sticker omesso",
    "gif esclusa",
    "documento omesso",
    "image absente",
    "vidéo absente",
    "audio omis",
    "sticker omis",
    "gif retiré",
    "document omis",
    "afbeelding weggelaten",
    "video weggelaten",
];

/// What Android writes in brackets after an attached file's name, in lower case. Files named the
/// way WhatsApp names its media are recognised whatever the words (see `is_whatsapp_media_name`).
const ATTACHED_LABELS: &[&str] = &[
    "file attached",
    "archivo adjunto",
    "arquivo anexado",
    "datei angehängt",
    "fichier joint",
    "file allegato",
    "bestand bijgevoegd",
    "soubor byl přiložen",
    "файл добавлен",
];

/// The word iOS writes in `<attached: NAME>`, in lower case, in the languages it is known in.
/// Other languages are recognised by the name iOS gives the file (see `is_ios_media_name`).
const ATTACHED_TAG_LABELS: &[&str] = &[
    "attached",
    "adjunto",
    "archivo adjunto",
    "anexo",
    "anexado",
    "anhang",
    "allegato",
    "pièce jointe",
    "bijlage",
];

/// The longest word or words before the colon of an iOS `<attached: NAME>` in any language.
const MAX_TAG_LABEL_CHARS: usize = 30;

/// What the first line of a message says about media, if anything.
pub(crate) fn recognise(first_line: &str) -> Option<Media> {
    let visible: String = first_line.chars().filter(|c| !header::is_mark(*c)).collect();
    let line = visible.trim();
    if is_omitted(line) {
        return Some(Media::Omitted);
    }
    ios_tag(line).or_else(|| android_label(line))
}

fn is_omitted(line: &str) -> bool {
    if line.chars().count() > 200 {
        return false;
    }
    let lower = line.to_lowercase();
    if let Some(inner) = lower.strip_prefix('<').and_then(|rest| rest.strip_suffix('>')) {
        return OMITTED_TAGS.contains(&inner.trim());
    }
    OMITTED_PHRASES.iter().any(|phrase| {
        lower == *phrase
            // A document's title and page count come first: `Price list.pdf • 2 pages document omitted`.
            || (lower.contains('\u{2022}')
                && lower.strip_suffix(phrase).is_some_and(|before| before.ends_with(' ')))
    })
}

/// `<attached: NAME>` (in any language, with `:` or `：`) at the end of the line, or the older
/// `NAME <attached>`.
fn ios_tag(line: &str) -> Option<Media> {
    let inside_end = line.strip_suffix('>')?;
    let open = inside_end.rfind('<')?;
    let inside = &inside_end[open + 1..];
    let (label, name, name_first) = match inside.find([':', '\u{ff1a}']) {
        Some(colon) => {
            let colon_len = inside[colon..].chars().next().map_or(1, char::len_utf8);
            (inside[..colon].trim(), inside[colon + colon_len..].trim(), false)
        }
        None => (inside.trim(), inside_end[..open].trim(), true),
    };
    let is_label = !label.is_empty()
        && label.chars().count() <= MAX_TAG_LABEL_CHARS
        && label.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'));
    if !is_label {
        return None;
    }
    let known = ATTACHED_TAG_LABELS.contains(&label.to_lowercase().as_str());
    let recognised = if name_first {
        // `2015-08-04-PHOTO-00004762.jpg <attached>`: only names iOS gave, or `site.com <lol>`
        // would be a file.
        !name.contains(char::is_whitespace) && is_ios_media_name(name)
    } else {
        known || is_ios_media_name(name)
    };
    recognised.then(|| file_name(name)).flatten()
}

/// `NAME (file attached)` in a known language, or any words after a name WhatsApp gave.
fn android_label(line: &str) -> Option<Media> {
    let inside_end = line.strip_suffix(')')?;
    let open = inside_end.rfind(" (")?;
    let label = inside_end[open + 2..].trim().to_lowercase();
    let name = inside_end[..open].trim();
    (ATTACHED_LABELS.contains(&label.as_str()) || is_whatsapp_media_name(name))
        .then(|| file_name(name))
        .flatten()
}

/// `IMG-20250312-WA0001.jpg`, `PTT-20250328-WA0014.opus`: three capitals, the date, `WA` and a number.
fn is_whatsapp_media_name(name: &str) -> bool {
    let Some((stem, _)) = name.rsplit_once('.') else { return false };
    let mut parts = stem.split('-');
    let (Some(kind), Some(day), Some(counter), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    kind.len() == 3
        && kind.bytes().all(|b| b.is_ascii_uppercase())
        && day.len() == 8
        && day.bytes().all(|b| b.is_ascii_digit())
        && counter.strip_prefix("WA").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && has_extension(name)
}

/// `00000012-PHOTO-2023-01-05-10-11-12.jpg`, `00000014-Price list.pdf`, and the older
/// `2015-08-04-PHOTO-00004762.jpg`: digits, a dash, then anything with an extension.
fn is_ios_media_name(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 4 && name[digits..].starts_with('-') && has_extension(name)
}

/// `name.ext`, the extension one to five letters or digits.
fn has_extension(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.trim().is_empty()
            && (1..=5).contains(&extension.len())
            && extension.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// A plain file name: no folders (a zip entry named `../x` must not escape the media folder).
fn file_name(name: &str) -> Option<Media> {
    let name = name.trim();
    let plain = !name.is_empty()
        && name.len() <= 255
        && !name.contains(['/', '\\', '\0'])
        && name != "."
        && name != "..";
    plain.then(|| Media::Attached { file_name: name.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attached(name: &str) -> Option<Media> {
        Some(Media::Attached { file_name: name.into() })
    }

    #[test]
    fn omitted_media_in_every_listed_language() {
        for marker in [
            "<Media omitted>",
            "<Multimedia omitido>",
            "<Mídia oculta>",
            "<Arquivo de mídia oculto>",
            "<Medien ausgeschlossen>",
            "<Médias omis>",
            "<Media omessi>",
            "<Media weggelaten>",
            "<Medya dahil edilmedi>",
            "<Без медиафайлов>",
            "\u{200e}image omitted",
            "\u{200e}Contact card omitted",
            "GIF omitted",
            "imagen omitida",
            "audio omitido",
            "sticker omitido",
            "Imagem ocultada",
            "\u{200e}figurinha omitida",
            "\u{200e}Bild weggelassen",
            "\u{200e}immagine omessa",
            "\u{200e}image absente",
            "afbeelding weggelaten",
            "\u{200e}Price list.pdf \u{2022} \u{200e}2 pages \u{200e}document omitted",
        ] {
            assert_eq!(recognise(marker), Some(Media::Omitted), "{marker}");
        }
        assert_eq!(recognise("te mando el audio omitido mañana"), None);
        assert_eq!(recognise("<Media omitted> y algo más"), None);
    }

    #[test]
    fn ios_attachments_in_any_language_with_marks_anywhere() {
        let photo = "00000042-PHOTO-2025-03-12-14-32-11.jpg";
        for line in [
            "<attached: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "\u{200e}<attached: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "<attached: \u{200e}00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "<\u{200e}attached: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "\u{2068}<adjunto: 00000042-PHOTO-2025-03-12-14-32-11.jpg>\u{2069}",
            "<anexo: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "<Anhang: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "<allegato: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "<pièce jointe : 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "< attached: 00000042-PHOTO-2025-03-12-14-32-11.jpg >",
            // Languages not listed: the name iOS gives tells.
            "<priloženo: 00000042-PHOTO-2025-03-12-14-32-11.jpg>",
            "<附件：00000042-PHOTO-2025-03-12-14-32-11.jpg>",
        ] {
            assert_eq!(recognise(line), attached(photo), "{line:?}");
        }
        assert_eq!(
            recognise(
                "\u{200e}Price list.pdf \u{2022} \u{200e}2 pages \u{200e}<attached: 00000014-Price list.pdf>"
            ),
            attached("00000014-Price list.pdf")
        );
        assert_eq!(
            recognise("<adjunto: 00000043-AUDIO-2025-03-12.opus>"),
            attached("00000043-AUDIO-2025-03-12.opus")
        );
        assert_eq!(
            recognise("2015-08-04-PHOTO-00004762.jpg <\u{200e}attached>"),
            attached("2015-08-04-PHOTO-00004762.jpg")
        );
        for not_media in [
            "<attached: ../../etc/passwd>",
            "mirá <nota: algo.txt>",
            "site.com <lol>",
            "te paso el link <https://example.com/a.jpg>",
            "<3 <3>",
        ] {
            assert_eq!(recognise(not_media), None, "{not_media:?}");
        }
    }

    #[test]
    fn android_attachments_in_any_language_with_marks_before_the_name() {
        for (line, name) in [
            ("IMG-20250312-WA0001.jpg (file attached)", "IMG-20250312-WA0001.jpg"),
            ("IMG-20250312-WA0002.jpg (archivo adjunto)", "IMG-20250312-WA0002.jpg"),
            ("PTT-20250312-WA0003.opus (arquivo anexado)", "PTT-20250312-WA0003.opus"),
            ("\u{200e}IMG-20250312-WA0004.jpg (Datei angehängt)", "IMG-20250312-WA0004.jpg"),
            ("IMG-20250312-WA0005.jpg (fichier joint)", "IMG-20250312-WA0005.jpg"),
            ("VID-20250312-WA0006.mp4 (file allegato)", "VID-20250312-WA0006.mp4"),
            (
                "\u{200e}4f2680f1db95a8454775cc2eefc95bfc.jpg (Datei angehängt)",
                "4f2680f1db95a8454775cc2eefc95bfc.jpg",
            ),
            ("Lista de precios.pdf (archivo adjunto)", "Lista de precios.pdf"),
            // Languages not listed: the name WhatsApp gives tells.
            ("IMG-20180613-WA0004.jpg (datoteka je priložena)", "IMG-20180613-WA0004.jpg"),
            ("STK-20250312-WA0007.webp (fájl csatolva)", "STK-20250312-WA0007.webp"),
        ] {
            assert_eq!(recognise(line), attached(name), "{line:?}");
        }
        assert_eq!(recognise("la foto.jpg (la de ayer)"), None);
        assert_eq!(recognise("IMG-20250312-WA0001.jpg"), None);
    }
}
