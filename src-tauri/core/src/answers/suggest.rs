//! Suggestions for an incoming message, explainable: words of a topic (address, sizes, price, stock,
//! colours, shipping, payment, dates…) in es / pt-BR / en point at answers of that topic, and the
//! full-text index adds answers that share words with the message. Each suggestion says which.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::lint::fold;
use super::search::folded;
use crate::Result;
use crate::model::{AnswerFolder, AnswerSuggestion, Language, SavedAnswer, SuggestionReason};

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

pub(crate) fn suggest(
    tx: &Transaction<'_>,
    answers: &[SavedAnswer],
    message: &str,
    limit: usize,
) -> Result<Vec<AnswerSuggestion>> {
    let message_words = words(message);
    // Topic points per answer, with the message words that earned them.
    let mut topic_points: HashMap<i64, (u32, Vec<String>)> = HashMap::new();
    let mut language_votes: HashMap<Language, u32> = HashMap::new();
    for topic in TOPICS {
        let hits: Vec<&String> = message_words
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
            .collect();
        if hits.is_empty() {
            continue;
        }
        for answer in answers {
            let in_folder = topic.folder.is_some() && answer.folder == topic.folder;
            let marked = answer_marks(answer).iter().any(|w| topic.marks.contains(&w.as_str()));
            if !in_folder && !marked {
                continue;
            }
            let entry = topic_points.entry(answer.id).or_default();
            entry.0 += topic.weight * (u32::from(in_folder) + u32::from(marked));
            for hit in &hits {
                if !entry.1.contains(hit) {
                    entry.1.push((*hit).clone());
                }
            }
        }
    }
    for word in &message_words {
        for (hint, language) in LANGUAGE_HINTS {
            if hint == word {
                *language_votes.entry(*language).or_default() += 2;
            }
        }
    }
    let text_points = similarity(tx, &message_words)?;
    let language = language_votes.into_iter().max_by_key(|(l, n)| (*n, *l == Es)).map(|(l, _)| l);

    let mut out: Vec<AnswerSuggestion> = Vec::new();
    for answer in answers {
        let (topic, topic_words) = topic_points.get(&answer.id).cloned().unwrap_or_default();
        let (text, shared) = text_points.get(&answer.id).cloned().unwrap_or_default();
        if topic == 0 && text == 0 {
            continue;
        }
        // An answer in the buyer's language beats the same answer in another one.
        let language_bonus = if language.is_some() && answer.language == language { 15 } else { 0 };
        let (reason, matched) = if topic >= text {
            (SuggestionReason::TopicKeywords, topic_words)
        } else {
            (SuggestionReason::TextSimilarity, shared)
        };
        out.push(AnswerSuggestion {
            answer: answer.clone(),
            score: topic + text + language_bonus,
            reason,
            matched,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.answer.use_count.cmp(&a.answer.use_count))
            .then(a.answer.id.cmp(&b.answer.id))
    });
    out.truncate(limit);
    Ok(out)
}

fn answer_marks(answer: &SavedAnswer) -> Vec<String> {
    let mut out = words(&answer.title);
    out.extend(answer.shortcut.iter().flat_map(|s| words(s)));
    out.extend(answer.tags.iter().map(|t| folded(t)));
    out
}

/// Points from the full-text index (bm25 over title, shortcut and body) for answers sharing
/// meaningful words with the message, and which words they share.
fn similarity(tx: &Transaction<'_>, message_words: &[String]) -> Result<HashMap<i64, (u32, Vec<String>)>> {
    let mut terms: Vec<&String> = message_words
        .iter()
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .collect();
    terms.sort();
    terms.dedup();
    let mut out = HashMap::new();
    if terms.is_empty() {
        return Ok(out);
    }
    let query = terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" OR ");
    let mut stmt = tx.prepare_cached(
        "SELECT rowid, bm25(saved_answers_fts, 4.0, 4.0, 1.0), lower(title || ' ' || coalesce(shortcut, '') || ' ' || body)
         FROM saved_answers_fts WHERE saved_answers_fts MATCH ?1 ORDER BY rank LIMIT 50",
    )?;
    let rows = stmt.query_map([query], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, f64>(1)?, row.get::<_, String>(2)?))
    })?;
    for row in rows {
        let (id, bm25, text) = row?;
        let text: String = text.chars().map(fold).collect();
        let shared: Vec<String> =
            terms.iter().filter(|t| text.contains(t.as_str())).map(|t| (*t).clone()).collect();
        // bm25 is negative, more negative is better; a few points per shared word, capped.
        let points = ((-bm25) * 4.0).clamp(1.0, 35.0) as u32;
        out.insert(id, (points, shared));
    }
    Ok(out)
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
