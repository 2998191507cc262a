//! What Brazilian buyers and the seller write in Portuguese on Mercado Livre Brasil and by e-mail.
//!
//! Placeholders: {nome} {nome_completo} {produto} {produtos} {o_produto} {um_produto} {o} (a/o
//! ending) {preco} {preco_atacado} {cor} {outra_cor} {cores} {medida} {cidade} {endereco} {prazo}
//! {data} {rastreio} {total} {quantidade} {loja}.

use super::catalog::{CERAMIC, Category, TABLEWARE};
use super::dialogue::{Dialogue, Hand, Media, Qa, Qty, Sale, Voice, b, b_with, later_days, order, s, s_with};

const fn qa(key: &'static str, fits: &'static [Category], q: &'static str, a: &'static str) -> Qa {
    Qa { key, fits, q, a }
}

/// Public questions on Mercado Livre Brasil listings.
pub(super) static ML_QUESTIONS: &[Qa] = &[
    qa(
        "prazo",
        &[],
        "Qual o prazo de entrega para {cidade}?",
        "Olá! Enviamos da Argentina: postamos em até 2 dias úteis e a entrega leva de 10 a 15 dias úteis. O prazo exato aparece no anúncio com o seu CEP. Obrigada!",
    ),
    qa(
        "pronta_entrega",
        &[],
        "Tem pronta entrega?",
        "Olá! Sim, temos pronta entrega. É só comprar que enviamos em até 2 dias úteis.",
    ),
    qa(
        "micro_ondas",
        TABLEWARE,
        "Pode ir no micro-ondas?",
        "Pode sim! Vai ao micro-ondas e à lava-louças. Só evite choque térmico (do freezer direto para o forno).",
    ),
    qa(
        "outra_cor",
        &[],
        "Tem em {outra_cor}?",
        "Olá! Temos sim em {outra_cor}: é só escolher a variação na hora da compra.",
    ),
    qa("tamanho", &[], "Qual o tamanho?", "Mede {medida}. Qualquer dúvida estamos à disposição!"),
    qa(
        "presente",
        &[],
        "Vem embalado para presente?",
        "Vem em caixa com papel de seda, pronto para presentear 🎁",
    ),
    qa(
        "pix",
        &[],
        "Aceita pix?",
        "Olá! Aqui no Mercado Livre o pagamento é pelo Mercado Pago, que aceita Pix, cartão e boleto.",
    ),
    qa("preco", &[], "preço?", "Olá! O preço é o do anúncio, {preco}, com envio para todo o Brasil."),
    qa(
        "frete",
        &[],
        "Frete grátis?",
        "O frete é calculado pelo Mercado Livre com o seu CEP; acima de R$ 199 é grátis.",
    ),
    qa(
        "feito_a_mao",
        CERAMIC,
        "É feito à mão mesmo?",
        "Sim! Cada peça é modelada e esmaltada à mão no nosso ateliê em Córdoba, Argentina. Por isso cada uma é única.",
    ),
    qa(
        "nota_fiscal",
        &[],
        "Tem nota fiscal?",
        "Emitimos fatura de exportação argentina, que vale como comprovante da compra.",
    ),
    qa(
        "chimarrao",
        &[Category::Mate],
        "Serve para chimarrão? A bomba vem junto?",
        "Serve sim! É uma cuia menor, no estilo do mate argentino, e vem com bomba de alpaca.",
    ),
    qa("quantos_ml", &[Category::Mug], "Quantos ml?", "Tem {medida}. Cabe um bom café com leite ☕"),
    qa(
        "atacado",
        &[],
        "Vende no atacado?",
        "Olá! Aqui vendemos por unidade. Para mais de 12 peças fazemos produção sob encomenda: pergunte aqui a quantidade e o prazo.",
    ),
    qa(
        "chumbo",
        TABLEWARE,
        "O esmalte tem chumbo?",
        "Não! Usamos esmaltes sem chumbo e sem cádmio, próprios para alimentos.",
    ),
    qa(
        "quebrado",
        CERAMIC,
        "E se chegar quebrado?",
        "Vai com embalagem dupla e plástico bolha. Se chegar com algum dano, enviamos outra peça ou devolvemos o dinheiro.",
    ),
    qa("ainda_tem", &[], "Oi, ainda tem?", "Olá! Temos sim, pode comprar que enviamos rapidinho."),
];

/// Post-sale pack threads on Mercado Livre Brasil.
pub(super) static ML_PACKS: &[Dialogue] = &[
    Dialogue {
        key: "mlb_quando_envia",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Envio internacional: 10 a 15 dias úteis.",
        steps: &[
            b("Olá! Quando vocês enviam {o_produto}?"),
            s(
                "Olá {nome}! Enviamos amanhã. O rastreio aparece no detalhe da compra. Como sai da Argentina, o prazo é de 10 a 15 dias úteis.",
            ),
            b("Valeu! 🙏"),
        ],
    },
    Dialogue {
        key: "mlb_quebrado",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Chegou quebrad{o}: reenviar sem custo.",
        steps: &[
            b_with("Chegou quebrad{o} 😢 mando foto", Media::Photo),
            s("Que pena, {nome}! Desculpa. Vamos enviar outr{o} sem custo esta semana."),
            b("Valeu pela atenção"),
        ],
    },
    Dialogue {
        key: "mlb_chegou",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "",
        steps: &[b("Chegou! Lind{o} demais ❤️"), s("Que bom, {nome}! Obrigada por comprar com a gente.")],
    },
    Dialogue {
        key: "mlb_cor",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Confirmou a cor.",
        steps: &[
            s("Olá {nome}, qual cor você prefere para {o_produto}? Temos {cores}."),
            b("{Cor}, por favor"),
            s("Perfeito, enviamos na segunda."),
        ],
    },
    Dialogue {
        key: "mlb_nota",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::Few),
        tags: &[],
        note: "Pediu nota fiscal: fatura de exportação.",
        steps: &[
            b("Vocês emitem nota fiscal? Preciso para a empresa"),
            s(
                "Olá {nome}! Emitimos fatura argentina de exportação, que vale como comprovante da compra. Já está anexada na compra.",
            ),
            b("Ah entendi, tudo bem. Valeu"),
        ],
    },
];

/// E-mail threads in Portuguese (subject, dialogue).
pub(super) static EMAILS: &[(&str, Dialogue)] = &[(
    "Orçamento para revenda — {loja}",
    Dialogue {
        key: "email_pt_loja",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: Sale::Inquiry { qty: Qty::Many },
        tags: &["mayorista"],
        note: "Loja {loja} ({cidade}). Orçamento em dólares, pagamento antecipado.",
        steps: &[
            b(
                "Olá Lucía, tudo bem?\n\nTenho uma loja de decoração em {cidade} ({loja}) e conheci o seu trabalho no Mercado Livre. Vocês fariam {quantidade} {produtos} para revenda? Qual seria o prazo?\n\nAbraços,\n{nome_completo}",
            ),
            s_with(
                "Olá {nome}, tudo ótimo!\n\nObrigada pelo contato. Para {quantidade} peças o preço de atacado é {preco_atacado} cada; total {total}, com frete internacional incluído. O prazo de produção é de {prazo}, mais 10 a 15 dias úteis de envio.\n\nSegue o catálogo em anexo.\n\nLucía — Barro Serrano",
                Media::Pdf,
            ),
            later_days(2, 5),
            b("Oi Lucía! Gostei muito. Vou ver com minha sócia e te respondo na semana que vem, ok?"),
        ],
    },
)];
