//! What buyers write to the shop on Instagram and Messenger, and under its posts, in rioplatense
//! Spanish and Brazilian Portuguese; the shop's captions and its side of seeded conversations.
//! Placeholders as in `phrases`: {item}, {days}, {color}, {city}.

use super::catalog::Listing;
use crate::site::Lang;

const DM_ES: &[&str] = &[
    "hola! tenés la {item} en {color}?",
    "Buenas! Precio de la {item}? 🙏",
    "Hola, ¿hacés envíos a {city}?",
    "Me encantó la {item} que subiste 😍 ¿sigue disponible?",
    "¿Cuánto tarda un pedido? Vi que decís {days} días",
    "Holaa, ¿aceptás transferencia?",
    "¿Tenés local o es solo online?",
    "Hola! Quiero regalar una {item} para un cumple el sábado, ¿llegás?",
    "¿Hacés por mayor? Tengo un local en {city}",
];
const DM_PT: &[&str] = &[
    "oi! tem a {item} na cor {color}?",
    "Boa tarde! Qual o valor da {item}? 🙏",
    "Olá, você envia para {city}?",
    "Amei a {item} que você postou 😍 ainda tem?",
    "Quanto tempo demora uma encomenda? Vi que são {days} dias",
    "Oii, aceita Pix?",
    "Vocês têm loja física ou é só online?",
    "Queria dar uma {item} de presente no sábado, chega a tempo?",
];
const FOLLOW_UP_ES: &[&str] = &[
    "Dale! ¿cómo te pago?",
    "Perfecto, gracias!! 🙌",
    "¿Y el envío cuánto sale?",
    "Buenísimo, te la encargo",
    "Genial, ¿me pasás el alias?",
];
const FOLLOW_UP_PT: &[&str] = &[
    "Fechado! Como faço o pagamento?",
    "Perfeito, obrigada!! 🙌",
    "E o frete fica quanto?",
    "Ótimo, vou querer",
];
const STORY_REPLY_ES: &[&str] =
    &["¡Qué lindo! ¿cuánto sale?", "😍😍", "¿Esa en qué color la tenés?", "Quiero una igual!"];
const STORY_REPLY_PT: &[&str] =
    &["Que lindo! Quanto custa?", "😍😍", "Tem essa em outra cor?", "Quero uma igual!"];
const SHARE_ES: &[&str] = &["mirá esta, ¿la tenés?", "", "¿Podés hacer algo así?"];
const SHARE_PT: &[&str] = &["olha essa, você tem?", "", "Consegue fazer algo assim?"];
const PHOTO_ES: &[&str] = &["Te mando foto de lo que busco", "", "Así me llegó 😢"];
const PHOTO_PT: &[&str] = &["Te mando foto do que procuro", "", "Chegou assim 😢"];
const SHOP_ES: &[&str] = &[
    "¡Hola! Sí, la tengo en {color} 😊",
    "¡Gracias por escribir! Sale $ 9.500 y tarda {days} días.",
    "Sí, envío a {city} por correo.",
    "¡Buenísimo! Te paso los datos para el pago.",
];
const SHOP_PT: &[&str] = &[
    "Oi! Tenho sim na cor {color} 😊",
    "Obrigada pela mensagem! Fica pronto em {days} dias.",
    "Envio sim para {city} pelos Correios.",
    "Ótimo! Te passo os dados para o pagamento.",
];
const COMMENT_PRICE_ES: &[&str] = &["precio?", "¿Cuánto sale?", "Precio por favor 🙏", "valor?"];
const COMMENT_PRICE_PT: &[&str] = &["preço?", "Quanto custa?", "Valor por favor 🙏", "qual o valor?"];
const COMMENT_SIZE_ES: &[&str] =
    &["¿Qué medida tiene?", "¿Hay en {color}?", "¿Viene en talle M?", "¿De cuántos cm es?"];
const COMMENT_SIZE_PT: &[&str] =
    &["Qual o tamanho?", "Tem na cor {color}?", "Tem tamanho M?", "Quantos cm tem?"];
const COMMENT_INFO_ES: &[&str] =
    &["Info por DM", "Me interesa! info al privado porfa", "Te escribo por DM 💌"];
const COMMENT_INFO_PT: &[&str] =
    &["Info no direct", "Tenho interesse! me chama no privado", "Te chamei no direct 💌"];
const COMMENT_PRAISE_ES: &[&str] = &["Hermoso 😍", "Qué lindo trabajo!", "Lo amo 🤍"];
const COMMENT_PRAISE_PT: &[&str] = &["Lindo demais 😍", "Que trabalho lindo!", "Amei 🤍"];
const SPAM_ES: &[&str] = &[
    "🔥 Ganá 10k seguidores reales, mirá mi perfil 🔥",
    "Promo de seguidores en la bio 💯",
    "Sorteo de un iPhone en mi perfil!! 🎁",
];
const SPAM_PT: &[&str] = &[
    "🔥 Ganhe 10 mil seguidores reais, veja meu perfil 🔥",
    "Promoção de seguidores na bio 💯",
    "Check my profile for a collab 💌",
];
const CAPTION_ES: &[&str] = &[
    "{title} 🤍 Hecha a mano, cada pieza es única. Pedidos por DM.",
    "Nueva tanda: {title}. Tarda {days} días, consultas por mensaje ✨",
    "{title} en {color} 😍 Envíos a todo el país.",
];
const CAPTION_PT: &[&str] = &[
    "{title} 🤍 Feito à mão, cada peça é única. Encomendas pelo direct.",
    "Nova fornada: {title}. Fica pronto em {days} dias, chama no direct ✨",
    "{title} na cor {color} 😍 Enviamos para todo o Brasil.",
];

/// What a buyer is writing in a DM or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MetaText {
    First,
    FollowUp,
    StoryReply,
    Share,
    Photo,
    Shop,
    CommentPrice,
    CommentSize,
    CommentInfo,
    CommentPraise,
    Spam,
}

pub(crate) fn table(lang: Lang, kind: MetaText) -> &'static [&'static str] {
    let es = lang == Lang::Es;
    match kind {
        MetaText::First => {
            if es {
                DM_ES
            } else {
                DM_PT
            }
        }
        MetaText::FollowUp => {
            if es {
                FOLLOW_UP_ES
            } else {
                FOLLOW_UP_PT
            }
        }
        MetaText::StoryReply => {
            if es {
                STORY_REPLY_ES
            } else {
                STORY_REPLY_PT
            }
        }
        MetaText::Share => {
            if es {
                SHARE_ES
            } else {
                SHARE_PT
            }
        }
        MetaText::Photo => {
            if es {
                PHOTO_ES
            } else {
                PHOTO_PT
            }
        }
        MetaText::Shop => {
            if es {
                SHOP_ES
            } else {
                SHOP_PT
            }
        }
        MetaText::CommentPrice => {
            if es {
                COMMENT_PRICE_ES
            } else {
                COMMENT_PRICE_PT
            }
        }
        MetaText::CommentSize => {
            if es {
                COMMENT_SIZE_ES
            } else {
                COMMENT_SIZE_PT
            }
        }
        MetaText::CommentInfo => {
            if es {
                COMMENT_INFO_ES
            } else {
                COMMENT_INFO_PT
            }
        }
        MetaText::CommentPraise => {
            if es {
                COMMENT_PRAISE_ES
            } else {
                COMMENT_PRAISE_PT
            }
        }
        MetaText::Spam => {
            if es {
                SPAM_ES
            } else {
                SPAM_PT
            }
        }
    }
}

/// The shop's post for a listing (deterministic: no random draws).
pub(crate) fn caption(lang: Lang, listing: &Listing, index: usize) -> String {
    let templates = if lang == Lang::Es { CAPTION_ES } else { CAPTION_PT };
    let colors = super::phrases::colors(lang);
    templates[index % templates.len()]
        .replace("{title}", &listing.title)
        .replace("{days}", &listing.manufacturing_days.unwrap_or(15).to_string())
        .replace("{color}", colors[index % colors.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_text_in_both_languages() {
        for lang in [Lang::Es, Lang::Pt] {
            for kind in [
                MetaText::First,
                MetaText::FollowUp,
                MetaText::StoryReply,
                MetaText::Share,
                MetaText::Photo,
                MetaText::Shop,
                MetaText::CommentPrice,
                MetaText::CommentSize,
                MetaText::CommentInfo,
                MetaText::CommentPraise,
                MetaText::Spam,
            ] {
                assert!(!table(lang, kind).is_empty());
            }
        }
    }
}
