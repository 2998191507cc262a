//! Suggestions for an incoming message, explainable: words of a topic (address, sizes, price, stock,
//! colours, shipping, payment, dates…) in es / pt-BR / en point at answers of that topic, and the
//! full-text index (`text_index`) adds answers that share words with the message. Each suggestion says which.

use std::collections::HashMap;

use super::fuzzy_search::folded;
use super::text_index::TextIndex;
use crate::answers::{AnswerFolder, AnswerSuggestion, SavedAnswer, SuggestionReason};
use crate::vocabulary::Language;

use Language::{En, Es, PtBr};

struct Topic {
    /// Answers in this folder belong to the topic.
    folder: Option<AnswerFolder>,
    /// Words in an answer's title, shortcut or tags that tie it to the topic.
    marks: &'static [&'static str],
    /// Words of the buyer's message; a trailing `*` matches any ending ("envi*": envío, envían).
    keywords: &'static [(&'static str, Language)],
    weight: u32,
}

const TOPICS: &[Topic] = &[
    Topic {
        folder: Some(AnswerFolder::Address),
        marks: &["direccion", "retiro", "endereco", "retirada", "address", "pickup"],
        keywords: &[
            ("direccion", Es),
            ("donde", Es),
            ("ubicacion", Es),
            ("ubicados", Es),
            ("retir*", Es),
            ("taller", Es),
            ("barrio", Es),
            ("endereco", PtBr),
            ("onde", PtBr),
            ("retirada", PtBr),
            ("retirar", PtBr),
            ("bairro", PtBr),
            ("address", En),
            ("where", En),
            ("located", En),
            ("pickup", En),
            ("pick", En),
        ],
        weight: 30,
    },
    Topic {
        folder: Some(AnswerFolder::Sizes),
        marks: &["medidas", "talles", "tamanhos", "sizes", "medida", "talle"],
        keywords: &[
            ("medida*", Es),
            ("mide", Es),
            ("miden", Es),
            ("tamano", Es),
            ("talle*", Es),
            ("talla*", Es),
            ("alto", Es),
            ("ancho", Es),
            ("largo", Es),
            ("diametro", Es),
            ("capacidad", Es),
            ("cm", Es),
            ("grande", Es),
            ("chic*", Es),
            ("tamanho*", PtBr),
            ("altura", PtBr),
            ("largura", PtBr),
            ("capacidade", PtBr),
            ("pequen*", PtBr),
            ("size*", En),
            ("measure*", En),
            ("big", En),
            ("small", En),
            ("large", En),
            ("height", En),
            ("width", En),
            ("dimension*", En),
            ("fit*", En),
        ],
        weight: 30,
    },
    Topic {
        folder: Some(AnswerFolder::Payment),
        marks: &["pago", "pagos", "pagamento", "payment", "precio", "preco", "price"],
        keywords: &[
            ("precio*", Es),
            ("cuanto", Es),
            ("sale", Es),
            ("cuesta", Es),
            ("valor", Es),
            ("cuota*", Es),
            ("costo", Es),
            ("preco", PtBr),
            ("quanto", PtBr),
            ("custa", PtBr),
            ("parcela*", PtBr),
            ("price*", En),
            ("cost*", En),
            ("much", En),
        ],
        weight: 25,
    },
    Topic {
        folder: Some(AnswerFolder::Stock),
        marks: &["disponible", "stock", "disponivel", "estoque", "available"],
        keywords: &[
            ("stock", Es),
            ("disponible*", Es),
            ("tenes", Es),
            ("tienen", Es),
            ("tendr*", Es),
            ("hay", Es),
            ("queda*", Es),
            ("estoque", PtBr),
            ("disponive*", PtBr),
            ("tem", PtBr),
            ("pronta*", PtBr),
            ("available", En),
            ("have", En),
            ("left", En),
        ],
        weight: 20,
    },
    Topic {
        folder: None,
        marks: &[
            "colores",
            "color",
            "variantes",
            "variante",
            "cores",
            "cor",
            "variacoes",
            "colors",
            "colours",
            "variants",
        ],
        keywords: &[
            ("color*", Es),
            ("azul*", Es),
            ("verde*", Es),
            ("roj*", Es),
            ("negr*", Es),
            ("blanc*", Es),
            ("rosa", Es),
            ("amarill*", Es),
            ("celeste*", Es),
            ("gris", Es),
            ("arena", Es),
            ("terracota", Es),
            ("variante*", Es),
            ("modelo*", Es),
            ("cor", PtBr),
            ("cores", PtBr),
            ("vermelh*", PtBr),
            ("pret*", PtBr),
            ("branc*", PtBr),
            ("amarel*", PtBr),
            ("cinza", PtBr),
            ("colo*r*", En),
            ("blue", En),
            ("green", En),
            ("red", En),
            ("black", En),
            ("white", En),
            ("pink", En),
            ("yellow", En),
            ("gr*y", En),
            ("variant*", En),
        ],
        weight: 40,
    },
    Topic {
        folder: Some(AnswerFolder::Delivery),
        marks: &["envio", "envios", "entrega", "frete", "shipping", "delivery"],
        keywords: &[
            ("envi*", Es),
            ("mandan", Es),
            ("llega*", Es),
            ("correo", Es),
            ("despach*", Es),
            ("seguimiento", Es),
            ("entrega*", Es),
            ("demora*", Es),
            ("tarda*", Es),
            ("frete", PtBr),
            ("prazo", PtBr),
            ("correio*", PtBr),
            ("cheg*", PtBr),
            ("rastreio", PtBr),
            ("sedex", PtBr),
            ("ship*", En),
            ("deliver*", En),
            ("arriv*", En),
            ("tracking", En),
        ],
        weight: 30,
    },
    Topic {
        folder: Some(AnswerFolder::Payment),
        marks: &["pago", "pagos", "pagamento", "payment", "transferencia"],
        keywords: &[
            ("pago*", Es),
            ("pagar", Es),
            ("pague", Es),
            ("transfer*", Es),
            ("alias", Es),
            ("tarjeta", Es),
            ("efectivo", Es),
            ("mercadopago", Es),
            ("pagamento", PtBr),
            ("pix", PtBr),
            ("cartao", PtBr),
            ("boleto", PtBr),
            ("pay*", En),
            ("card", En),
            ("cash", En),
            ("paypal", En),
        ],
        weight: 30,
    },
    Topic {
        folder: None,
        marks: &[
            "encargo",
            "plazo",
            "plazos",
            "prazo",
            "encomenda",
            "corte",
            "cutoff",
            "made-to-order",
            "pedidos",
        ],
        keywords: &[
            ("cuando", Es),
            ("fecha", Es),
            ("dias", Es),
            ("plazo", Es),
            ("list*", Es),
            ("navidad", Es),
            ("encargo", Es),
            ("pedido*", Es),
            ("quando", PtBr),
            ("data", PtBr),
            ("pronto", PtBr),
            ("natal", PtBr),
            ("encomenda", PtBr),
            ("when", En),
            ("date", En),
            ("days", En),
            ("ready", En),
            ("christmas", En),
            ("order*", En),
        ],
        weight: 20,
    },
    Topic {
        folder: Some(AnswerFolder::Greetings),
        marks: &["gracias", "resena", "obrigad", "avaliacao", "thanks", "review"],
        keywords: &[
            ("gracias", Es),
            ("llegaron", Es),
            ("llego", Es),
            ("perfect*", Es),
            ("hermos*", Es),
            ("obrigad*", PtBr),
            ("chegou", PtBr),
            ("lind*", PtBr),
            ("thank*", En),
            ("arrived", En),
            ("lovely", En),
            ("beautiful", En),
        ],
        weight: 20,
    },
];

/// Everyday words that tell the message's language apart (on top of the topic keywords).
const LANGUAGE_HINTS: &[(&str, Language)] = &[
    ("el", Es),
    ("lo", Es),
    ("los", Es),
    ("las", Es),
    ("tenes", Es),
    ("tienes", Es),
    ("hola", Es),
    ("cuanto", Es),
    ("quiero", Es),
    ("puedo", Es),
    ("usted", Es),
    ("gracias", Es),
    ("hay", Es),
    ("mandan", Es),
    ("envian", Es),
    ("cuando", Es),
    ("o", PtBr),
    ("os", PtBr),
    ("voce", PtBr),
    ("qual", PtBr),
    ("ola", PtBr),
    ("oi", PtBr),
    ("obrigado", PtBr),
    ("obrigada", PtBr),
    ("quero", PtBr),
    ("posso", PtBr),
    ("tem", PtBr),
    ("nao", PtBr),
    ("sim", PtBr),
    ("vcs", PtBr),
    ("quanto", PtBr),
    ("the", En),
    ("you", En),
    ("do", En),
    ("is", En),
    ("what", En),
    ("hi", En),
    ("hello", En),
    ("can", En),
    ("how", En),
    ("does", En),
    ("i", En),
    ("it", En),
];

const STOP_WORDS: &[&str] = &[
    "que", "del", "los", "las", "una", "con", "por", "para", "mas", "pero", "como", "este", "esta", "eso",
    "hola", "buenas", "dia", "tardes", "noches", "uma", "com", "por", "para", "voce", "ola", "bom", "the",
    "and", "you", "for", "are", "can", "this", "that", "with", "hello", "hey", "hi", "sos", "son", "muy",
    "nos",
];

fn words(text: &str) -> Vec<String> {
    folded(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// A keyword pattern: `*` stands for any run of letters ("envi*": envío, envían; "colo*r*": colour).
fn matches(pattern: &str, word: &str) -> bool {
    fn glob(p: &[u8], w: &[u8]) -> bool {
        match p.split_first() {
            None => w.is_empty(),
            Some((b'*', rest)) => (0..=w.len()).any(|i| glob(rest, &w[i..])),
            Some((c, rest)) => w.first() == Some(c) && glob(rest, &w[1..]),
        }
    }
    glob(pattern.as_bytes(), word.as_bytes())
}

/// Which topics an answer belongs to, as bits over `TOPICS`: by its folder, and by a mark word in
/// its title, shortcut or tags. Worked out once per answer when the library index is built.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TopicBits {
    folder: u32,
    marked: u32,
}

pub(crate) fn topic_bits(answer: &SavedAnswer) -> TopicBits {
    let marks = answer_marks(answer);
    let mut bits = TopicBits::default();
    for (t, topic) in TOPICS.iter().enumerate() {
        if topic.folder.is_some() && answer.folder == topic.folder {
            bits.folder |= 1 << t;
        }
        if marks.iter().any(|w| topic.marks.contains(&w.as_str())) {
            bits.marked |= 1 << t;
        }
    }
    bits
}

pub(crate) fn suggest(
    answers: &[SavedAnswer],
    topics: &[TopicBits],
    text: &TextIndex,
    message: &str,
    limit: usize,
) -> Vec<AnswerSuggestion> {
    let message_words = words(message);
    // The message words that hit each topic (empty: the topic is not asked about).
    let mut language_votes: HashMap<Language, u32> = HashMap::new();
    let topic_hits: Vec<Vec<&String>> = TOPICS
        .iter()
        .map(|topic| {
            message_words
                .iter()
                .filter(|w| {
                    topic.keywords.iter().any(|(k, language)| {
                        let hit = matches(k, w);
                        if hit {
                            *language_votes.entry(*language).or_default() += 1;
                        }
                        hit
                    })
                })
                .collect()
        })
        .collect();
    let asked: u32 = topic_hits.iter().enumerate().filter(|(_, h)| !h.is_empty()).map(|(t, _)| 1 << t).sum();
    // Topic points of an answer, from the bits worked out when the index was built.
    let topic_points = |bits: TopicBits| -> u32 {
        TOPICS
            .iter()
            .enumerate()
            .filter(|(t, _)| asked & (1 << t) != 0)
            .map(|(t, topic)| {
                topic.weight
                    * (u32::from(bits.folder & (1 << t) != 0) + u32::from(bits.marked & (1 << t) != 0))
            })
            .sum()
    };
    // The message words that earned an answer its topic points, in topic order.
    let topic_words = |bits: TopicBits| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (t, hits) in topic_hits.iter().enumerate() {
            if (bits.folder | bits.marked) & (1 << t) == 0 {
                continue;
            }
            for hit in hits {
                if !out.contains(hit) {
                    out.push((*hit).clone());
                }
            }
        }
        out
    };
    for word in &message_words {
        for (hint, language) in LANGUAGE_HINTS {
            if hint == word {
                *language_votes.entry(*language).or_default() += 2;
            }
        }
    }
    let text_points = similarity(text, &message_words);
    let language = language_votes.into_iter().max_by_key(|(l, n)| (*n, *l == Es)).map(|(l, _)| l);

    // Scored by position first; only the answers kept are cloned and explained.
    let mut scored: Vec<(u32, usize, bool)> = Vec::new();
    for (i, answer) in answers.iter().enumerate() {
        let topic = if asked == 0 { 0 } else { topic_points(topics[i]) };
        let text = text_points.get(&i).map_or(0, |(points, _)| *points);
        if topic == 0 && text == 0 {
            continue;
        }
        // An answer in the buyer's language beats the same answer in another one.
        let language_bonus = if language.is_some() && answer.language == language { 15 } else { 0 };
        scored.push((topic + text + language_bonus, i, topic >= text));
    }
    scored.sort_by(|(sa, a, _), (sb, b, _)| {
        sb.cmp(sa)
            .then(answers[*b].use_count.cmp(&answers[*a].use_count))
            .then(answers[*a].id.cmp(&answers[*b].id))
    });
    scored
        .into_iter()
        .take(limit)
        .map(|(score, i, by_topic)| {
            let answer = &answers[i];
            let (reason, matched) = if by_topic {
                (SuggestionReason::TopicKeywords, topic_words(topics[i]))
            } else {
                let shared = text_points.get(&i).map(|(_, shared)| shared.clone()).unwrap_or_default();
                (SuggestionReason::TextSimilarity, shared)
            };
            AnswerSuggestion { answer: answer.clone(), score, reason, matched }
        })
        .collect()
}

fn answer_marks(answer: &SavedAnswer) -> Vec<String> {
    let mut out = words(&answer.title);
    out.extend(answer.shortcut.iter().flat_map(|s| words(s)));
    out.extend(answer.tags.iter().map(|t| folded(t)));
    out
}

/// Points from the full-text index (bm25 over title, shortcut and body) for answers sharing
/// meaningful words with the message, and which words they share; keyed by position in `answers`.
fn similarity(text: &TextIndex, message_words: &[String]) -> HashMap<usize, (u32, Vec<String>)> {
    let mut terms: Vec<&str> = message_words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(w))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    text.rank(&terms, 50)
        .into_iter()
        // A few points per shared word, capped.
        .map(|(i, bm25, shared)| (i, ((bm25 * 4.0).clamp(1.0, 35.0) as u32, shared)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_patterns() {
        assert!(matches("azul*", "azules"));
        assert!(matches("azul*", "azul"));
        assert!(!matches("azul*", "azu"));
        assert!(matches("azul", "azul"));
        assert!(matches("colo*r*", "colour"));
        assert!(matches("colo*r*", "colors"));
        assert!(matches("gr*y", "grey"));
        assert_eq!(words("¿Lo tenés en AZUL?"), vec!["lo", "tenes", "en", "azul"]);
    }
}
