//! The markers WhatsApp writes instead of (or next to) a photo, audio, sticker or document, in
//! Spanish, Portuguese and English.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Media {
    /// Exported "without media": only a marker remains.
    Omitted,
    /// Exported with media: the file's name inside the `.zip`.
    Attached { file_name: String },
}

/// Whole-message markers of media left out of the export (compared in lower case).
const OMITTED: &[&str] = &[
    "<media omitted>",
    "<multimedia omitido>",
    "<mídia oculta>",
    "<arquivo de mídia oculto>",
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "gif omitted",
    "document omitted",
    "imagen omitida",
    "video omitido",
    "audio omitido",
    "sticker omitido",
    "gif omitido",
    "documento omitido",
    "imagem ocultada",
    "vídeo omitido",
    "áudio ocultado",
    "figurinha omitida",
    "documento ocultado",
];

/// `<attached: NAME>` (iOS) in each language.
const ATTACHED_TAGS: &[&str] = &["<attached: ", "<adjunto: ", "<anexo: ", "<anexado: "];

/// `NAME (file attached)` (Android) in each language.
const ATTACHED_SUFFIXES: &[&str] = &[" (file attached)", " (archivo adjunto)", " (arquivo anexado)"];

/// What the first line of a message says about media, if anything.
pub(crate) fn recognise(first_line: &str) -> Option<Media> {
    let line = first_line.trim_matches(|c: char| c.is_whitespace() || super::header::is_mark(c));
    if line.len() <= 40
        && OMITTED.iter().any(|marker| line.eq_ignore_ascii_case(marker) || line.to_lowercase() == *marker)
    {
        return Some(Media::Omitted);
    }
    for tag in ATTACHED_TAGS {
        if let Some(name) = strip_prefix_ignore_case(line, tag).and_then(|rest| rest.strip_suffix('>')) {
            return file_name(name);
        }
    }
    for suffix in ATTACHED_SUFFIXES {
        if let Some(name) = line.strip_suffix(suffix) {
            return file_name(name);
        }
    }
    None
}

fn strip_prefix_ignore_case<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &line[prefix.len()..])
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
    fn omitted_markers_in_three_languages() {
        for marker in [
            "<Media omitted>",
            "<Multimedia omitido>",
            "imagen omitida",
            "audio omitido",
            "sticker omitido",
            "\u{200e}image omitted",
            "<Mídia oculta>",
            "Imagem ocultada",
        ] {
            assert_eq!(recognise(marker), Some(Media::Omitted), "{marker}");
        }
        assert_eq!(recognise("te mando el audio omitido mañana"), None);
    }

    #[test]
    fn attachments_in_three_languages() {
        assert_eq!(
            recognise("\u{200e}<attached: 00000042-PHOTO-2025-03-12-14-32-11.jpg>"),
            attached("00000042-PHOTO-2025-03-12-14-32-11.jpg")
        );
        assert_eq!(
            recognise("<adjunto: 00000043-AUDIO-2025-03-12.opus>"),
            attached("00000043-AUDIO-2025-03-12.opus")
        );
        assert_eq!(recognise("IMG-20250312-WA0001.jpg (file attached)"), attached("IMG-20250312-WA0001.jpg"));
        assert_eq!(
            recognise("IMG-20250312-WA0002.jpg (archivo adjunto)"),
            attached("IMG-20250312-WA0002.jpg")
        );
        assert_eq!(
            recognise("PTT-20250312-WA0003.opus (arquivo anexado)"),
            attached("PTT-20250312-WA0003.opus")
        );
        assert_eq!(recognise("<attached: ../../etc/passwd>"), None);
    }
}
