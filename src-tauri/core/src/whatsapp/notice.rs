//! WhatsApp's own lines in an export ("Messages are end-to-end encrypted", "Ana added Bea"…): they
//! are not imported, so the preview says what kind they are. Told apart by words in Spanish,
//! Portuguese and English, and the encryption notice in the other languages exports are often in;
//! anything else is `Other`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// "Messages and calls are end-to-end encrypted", "Your security code with … changed".
    Encryption,
    /// Created, added, removed, left, joined, subject, icon, description, admins.
    GroupChange,
    /// "This message was deleted" written by iOS in place of the message.
    DeletedMessage,
    /// "Missed voice call", "Missed video call".
    MissedCall,
    Other,
}

/// Words (in lower case) that say which kind a notice is; the first kind with a match wins.
const KIND_WORDS: &[(NoticeKind, &[&str])] = &[
    (
        NoticeKind::Encryption,
        &[
            "end-to-end",
            "cifrad",
            "criptografia",
            "código de seguridad",
            "código de segurança",
            "security code",
            "ende-zu-ende",
            "chiffr",
            "crittografat",
            "versleuteld",
            "uçtan uca",
            "шифрован",
        ],
    ),
    (
        NoticeKind::DeletedMessage,
        &[
            "message was deleted",
            "deleted this message",
            "se eliminó este mensaje",
            "eliminaste este mensaje",
            "mensagem foi apagada",
            "apagou esta mensagem",
        ],
    ),
    (
        NoticeKind::MissedCall,
        &[
            "missed voice call",
            "missed video call",
            "missed group",
            "llamada perdida",
            "videollamada perdida",
            "chamada de voz perdida",
            "chamada de vídeo perdida",
        ],
    ),
    (
        NoticeKind::GroupChange,
        &[
            "group",
            "grupo",
            "added",
            "añadió",
            "agregó",
            "adicionou",
            "removed",
            "eliminó a",
            "removeu",
            " left",
            "salió",
            "saiu",
            "joined",
            "se unió",
            "entrou",
            "subject",
            "asunto",
            "assunto",
            "admin",
        ],
    ),
];

pub(crate) fn kind_of(text: &str) -> NoticeKind {
    let lower = text.to_lowercase();
    KIND_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|word| lower.contains(word)))
        .map_or(NoticeKind::Other, |(kind, _)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_in_three_languages_and_the_encryption_one_in_more() {
        for (text, kind) in [
            (
                "Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.",
                NoticeKind::Encryption,
            ),
            (
                "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta.",
                NoticeKind::Encryption,
            ),
            ("Messages and calls are end-to-end encrypted.", NoticeKind::Encryption),
            ("Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.", NoticeKind::Encryption),
            ("Les messages et les appels sont chiffrés de bout en bout.", NoticeKind::Encryption),
            ("Tu código de seguridad con Ana cambió.", NoticeKind::Encryption),
            ("Lucía creó el grupo \"Pedidos feria\"", NoticeKind::GroupChange),
            ("Lucía añadió a Ana", NoticeKind::GroupChange),
            ("Bia saiu", NoticeKind::GroupChange),
            ("Beth left", NoticeKind::GroupChange),
            ("Ana se unió usando el enlace de invitación de este grupo", NoticeKind::GroupChange),
            ("Lucía cambió el asunto de \"Pedidos\" a \"Feria\"", NoticeKind::GroupChange),
            ("This message was deleted.", NoticeKind::DeletedMessage),
            ("Se eliminó este mensaje.", NoticeKind::DeletedMessage),
            ("Missed voice call", NoticeKind::MissedCall),
            ("Llamada perdida", NoticeKind::MissedCall),
            ("Ana cambió su número de teléfono.", NoticeKind::Other),
        ] {
            assert_eq!(kind_of(text), kind, "{text}");
        }
    }
}
