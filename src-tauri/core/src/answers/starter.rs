//! The starter pack: ten answers a seller needs on day one, written in each language, to edit.
//! Installed once per language (`saved_answer_packs`); each answer carries a `starter_key`, so a
//! second install adds nothing and a deleted answer does not come back.

use rusqlite::{OptionalExtension, Transaction, params};

use super::library;
use crate::Result;
use crate::answers::{AnswerChannel, AnswerFolder, AnswerInput, AnswerVariant};
use crate::vocabulary::{Language, UnixSeconds};

use AnswerChannel::{Instagram, MlPostSale, MlPreSale, WhatsApp};
use AnswerFolder::{Delivery, Greetings, Payment, Policies, Sizes, Stock};

struct Starter {
    key: &'static str,
    folder: AnswerFolder,
    title: &'static str,
    shortcut: &'static str,
    tags: &'static [&'static str],
    body: &'static str,
    variants: &'static [(AnswerChannel, &'static str)],
    pinned: bool,
}

const ES: &[Starter] = &[
    Starter {
        key: "greeting",
        folder: Greetings,
        title: "Saludo",
        shortcut: "hola",
        tags: &["saludo"],
        body: "¡Hola, {{buyer.first_name || 'qué tal'}}! Gracias por escribir a {{shop.name || 'nuestro taller'}}. ¿En qué te puedo ayudar?",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "available",
        folder: Stock,
        title: "Sí, está disponible: así se compra",
        shortcut: "disponible",
        tags: &["stock", "comprar"],
        body: "¡Hola, {{buyer.first_name || 'qué tal'}}! Sí, {{product || 'la pieza'}} está disponible. Para comprarla, dime cuántas quieres y cómo prefieres recibirla (envío o retiro) y te paso el total. ¡La preparo en cuanto confirmes!",
        variants: &[(
            MlPreSale,
            "¡Hola! Sí, {{product || 'la pieza'}} está disponible. Elige la variante en la publicación y presiona «Comprar ahora»: la preparamos apenas se acredita el pago. ¡Cualquier duda, aquí estamos!",
        )],
        pinned: true,
    },
    Starter {
        key: "variants",
        folder: Stock,
        title: "Colores y variantes",
        shortcut: "colores",
        tags: &["colores", "variantes"],
        body: "¡Hola! Sí, {{product || 'esta pieza'}} viene en varios colores: los que ves en la publicación son los disponibles hoy. Cada pieza es hecha a mano, así que el tono puede variar un poco respecto de la foto. Si buscas un color que no aparece, dime cuál y te cuento si puedo hacerlo a pedido. ¡Eliges el color al comprar y te la preparo!",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "sizes",
        folder: Sizes,
        title: "Medidas",
        shortcut: "medidas",
        tags: &["medidas", "tamaños"],
        body: "Te paso las medidas de {{product || 'la pieza'}}: {{ask:medidas}}. Como es hecha a mano, puede variar medio centímetro. Si necesitas otro tamaño, cuéntame para qué la quieres y te digo si la puedo hacer a pedido.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "payment",
        folder: Payment,
        title: "Medios de pago",
        shortcut: "pago",
        tags: &["pago", "transferencia"],
        body: "Aceptamos transferencia bancaria, efectivo al retirar y Mercado Pago. El total de tu pedido es {{order.total}}. Cuando pagues, avísame y lo preparo.",
        variants: &[
            (
                WhatsApp,
                "¡Hola, {{buyer.first_name || 'qué tal'}}! El total es {{order.total}}. Puedes transferir al alias {{payment.alias}}. Cuando lo hagas, mándame el comprobante por aquí o al {{shop.phone}} y preparo tu pedido 🙌",
            ),
            (
                Instagram,
                "¡Hola, {{buyer.first_name || 'qué tal'}}! El total es {{order.total}}. Puedes transferir al alias {{payment.alias}}; cuando lo hagas, mándame el comprobante por aquí y preparo tu pedido 🙌",
            ),
            (
                MlPostSale,
                "¡Hola, {{buyer.first_name || 'qué tal'}}! El pago ya quedó hecho con Mercado Pago en la compra, así que no tienes que hacer nada más. Te aviso por aquí cuando tu pedido esté en camino.",
            ),
            (
                MlPreSale,
                "¡Hola! Puedes pagar con todos los medios de Mercado Pago: tarjeta de crédito o débito (con cuotas según tu banco), efectivo en puntos de pago o dinero en cuenta. Eliges el medio al comprar.",
            ),
        ],
        pinned: true,
    },
    Starter {
        key: "shipping",
        folder: Delivery,
        title: "Envíos y retiro",
        shortcut: "envio",
        tags: &["envíos", "retiro"],
        body: "Enviamos a todo el país por correo; el costo depende de tu código postal. También puedes retirar sin costo en {{pickup.place || 'nuestro taller'}}, coordinando día y hora.",
        variants: &[
            (
                MlPreSale,
                "¡Hola! Enviamos a todo el país con Mercado Envíos: pon tu código postal en la publicación y ves el costo y el plazo. También puedes elegir retirarlo en un punto de retiro.",
            ),
            (
                MlPostSale,
                "¡Hola! Tu pedido sale por Mercado Envíos; el seguimiento lo ves en el detalle de la compra, en «Ver envío».",
            ),
        ],
        pinned: false,
    },
    Starter {
        key: "made_to_order",
        folder: Stock,
        title: "Plazos de lo hecho a pedido",
        shortcut: "encargo",
        tags: &["a pedido", "plazos"],
        body: "Trabajamos a pedido: cada pieza se hace a mano y está lista en {{ask:plazo}} desde que confirmas la compra. Si la necesitas para una fecha especial, cuéntame cuál y te digo con honestidad si llegamos.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "prepayment",
        folder: Policies,
        title: "Seña para pedidos grandes",
        shortcut: "sena",
        tags: &["seña", "pedidos grandes"],
        body: "Para pedidos grandes de clientes nuevos pedimos una seña del 50 % para empezar, y el resto antes de la entrega: así reservamos los materiales y el tiempo de taller para tu pedido. El total es {{order.total}}; con la seña confirmada, lo tenemos listo para el {{order.due_date || 'día que acordemos'}}.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "cutoff",
        folder: Delivery,
        title: "Aviso de hora de corte",
        shortcut: "corte",
        tags: &["hora de corte", "plazos"],
        body: "{{cutoff.notice}} Si confirmas ahora, tu pedido empieza {{cutoff.next_ship_date}}.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "thanks",
        folder: Greetings,
        title: "Gracias y calificación",
        shortcut: "gracias",
        tags: &["gracias", "reseña"],
        body: "¡Muchas gracias por tu compra, {{buyer.first_name || 'de verdad'}}! Espero que disfrutes {{product || 'tu pieza'}}. Si te gustó, nos ayudas muchísimo dejando tu opinión: a los talleres pequeños nos hace crecer. ¡Hasta la próxima!",
        variants: &[],
        pinned: false,
    },
];

const PT: &[Starter] = &[
    Starter {
        key: "greeting",
        folder: Greetings,
        title: "Saudação",
        shortcut: "oi",
        tags: &["saudação"],
        body: "Olá, {{buyer.first_name || 'tudo bem'}}! Obrigada por escrever para {{shop.name || 'o nosso ateliê'}}. Como posso te ajudar?",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "available",
        folder: Stock,
        title: "Sim, está disponível: como comprar",
        shortcut: "disponivel",
        tags: &["estoque", "comprar"],
        body: "Olá, {{buyer.first_name || 'tudo bem'}}! Sim, {{product || 'a peça'}} está disponível. Para comprar, me diga quantas você quer e como prefere receber (envio ou retirada) que eu te passo o total. Preparo assim que você confirmar!",
        variants: &[(
            MlPreSale,
            "Olá! Sim, {{product || 'a peça'}} está disponível. Escolha a variação no anúncio e clique em «Comprar agora»: preparamos assim que o pagamento for aprovado. Qualquer dúvida, estamos aqui!",
        )],
        pinned: true,
    },
    Starter {
        key: "variants",
        folder: Stock,
        title: "Cores e variações",
        shortcut: "cores",
        tags: &["cores", "variações"],
        body: "Olá! Sim, {{product || 'esta peça'}} vem em várias cores: as que aparecem no anúncio são as disponíveis hoje. Cada peça é feita à mão, então o tom pode variar um pouco em relação à foto. Se você procura uma cor que não aparece, me diga qual e eu te conto se consigo fazer sob encomenda. É só escolher a cor na compra!",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "sizes",
        folder: Sizes,
        title: "Medidas",
        shortcut: "tamanhos",
        tags: &["medidas", "tamanhos"],
        body: "Seguem as medidas de {{product || 'a peça'}}: {{ask:medidas}}. Como é feita à mão, pode variar meio centímetro. Se precisar de outro tamanho, me conte para que é e eu te digo se consigo fazer sob encomenda.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "payment",
        folder: Payment,
        title: "Formas de pagamento",
        shortcut: "pagamento",
        tags: &["pagamento", "pix"],
        body: "Aceitamos Pix, transferência e Mercado Pago. O total do seu pedido é {{order.total}}. Quando pagar, me avise que eu já preparo.",
        variants: &[
            (
                WhatsApp,
                "Olá, {{buyer.first_name || 'tudo bem'}}! O total é {{order.total}}. Você pode pagar no Pix ou transferir para {{payment.alias}}. Depois me mande o comprovante por aqui ou no {{shop.phone}} que eu preparo o seu pedido 🙌",
            ),
            (
                Instagram,
                "Olá, {{buyer.first_name || 'tudo bem'}}! O total é {{order.total}}. Você pode pagar no Pix ou transferir para {{payment.alias}}; depois me mande o comprovante por aqui que eu preparo o seu pedido 🙌",
            ),
            (
                MlPostSale,
                "Olá, {{buyer.first_name || 'tudo bem'}}! O pagamento já foi feito pelo Mercado Pago na compra, então você não precisa fazer mais nada. Te aviso por aqui quando o pedido estiver a caminho.",
            ),
            (
                MlPreSale,
                "Olá! Você pode pagar com todos os meios do Mercado Pago: Pix, cartão de crédito (com parcelas conforme o seu banco), boleto ou saldo em conta. A forma é escolhida na compra.",
            ),
        ],
        pinned: true,
    },
    Starter {
        key: "shipping",
        folder: Delivery,
        title: "Envio e retirada",
        shortcut: "entrega",
        tags: &["envio", "retirada"],
        body: "Enviamos para todo o Brasil pelos Correios; o valor depende do seu CEP. Você também pode retirar sem custo em {{pickup.place || 'nosso ateliê'}}, combinando dia e horário.",
        variants: &[
            (
                MlPreSale,
                "Olá! Enviamos para todo o Brasil pelo Mercado Envios: coloque o seu CEP no anúncio para ver o valor e o prazo.",
            ),
            (
                MlPostSale,
                "Olá! Seu pedido vai pelo Mercado Envios; o rastreio aparece no detalhe da compra, em «Ver envio».",
            ),
        ],
        pinned: false,
    },
    Starter {
        key: "made_to_order",
        folder: Stock,
        title: "Prazo das peças sob encomenda",
        shortcut: "encomenda",
        tags: &["sob encomenda", "prazos"],
        body: "Trabalhamos sob encomenda: cada peça é feita à mão e fica pronta em {{ask:prazo}} a partir da confirmação da compra. Se você precisa para uma data especial, me diga qual e eu te respondo com sinceridade se conseguimos.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "prepayment",
        folder: Policies,
        title: "Sinal para pedidos grandes",
        shortcut: "sinal",
        tags: &["sinal", "pedidos grandes"],
        body: "Para pedidos grandes de clientes novos pedimos um sinal de 50% para começar, e o restante antes da entrega: assim reservamos o material e o tempo de ateliê para o seu pedido. O total é {{order.total}}; com o sinal confirmado, fica pronto para {{order.due_date || 'a data que combinarmos'}}.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "cutoff",
        folder: Delivery,
        title: "Aviso de horário de corte",
        shortcut: "prazo",
        tags: &["horário de corte", "prazos"],
        body: "{{cutoff.notice}} Se você confirmar agora, o seu pedido começa {{cutoff.next_ship_date}}.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "thanks",
        folder: Greetings,
        title: "Obrigada e avaliação",
        shortcut: "obrigada",
        tags: &["obrigada", "avaliação"],
        body: "Muito obrigada pela compra, {{buyer.first_name || 'de coração'}}! Espero que você aproveite {{product || 'a sua peça'}}. Se gostou, a sua avaliação ajuda demais um ateliê pequeno a crescer. Até a próxima!",
        variants: &[],
        pinned: false,
    },
];

const EN: &[Starter] = &[
    Starter {
        key: "greeting",
        folder: Greetings,
        title: "Greeting",
        shortcut: "hi",
        tags: &["greeting"],
        body: "Hi {{buyer.first_name || 'there'}}! Thanks for writing to {{shop.name || 'our studio'}}. How can I help?",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "available",
        folder: Stock,
        title: "Yes, it's available: how to buy",
        shortcut: "available",
        tags: &["stock", "buy"],
        body: "Hi {{buyer.first_name || 'there'}}! Yes, {{product || 'the piece'}} is available. To order, tell me how many you'd like and whether you want it shipped or picked up, and I'll send you the total. I'll get it ready as soon as you confirm!",
        variants: &[(
            MlPreSale,
            "Hi! Yes, {{product || 'the piece'}} is available. Choose the option in the listing and press «Buy now»: we get it ready as soon as the payment clears. Any questions, we're here!",
        )],
        pinned: true,
    },
    Starter {
        key: "variants",
        folder: Stock,
        title: "Colours and options",
        shortcut: "colours",
        tags: &["colours", "variants"],
        body: "Hi! Yes, {{product || 'this piece'}} comes in several colours: the ones in the listing are available today. Every piece is handmade, so the shade may differ slightly from the photo. If you're after a colour that isn't listed, tell me which and I'll let you know whether I can make it to order. Just pick the colour when you buy!",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "sizes",
        folder: Sizes,
        title: "Sizes and measurements",
        shortcut: "sizes",
        tags: &["sizes", "measurements"],
        body: "Here are the measurements of {{product || 'the piece'}}: {{ask:measurements}}. As it's handmade, it can vary by a few millimetres. If you need another size, tell me what it's for and I'll see whether I can make it to order.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "payment",
        folder: Payment,
        title: "Payment methods",
        shortcut: "payment",
        tags: &["payment"],
        body: "We take card payments through the shop and bank transfers. Your order total is {{order.total}}. Let me know once you've paid and I'll get it ready.",
        variants: &[
            (
                WhatsApp,
                "Hi {{buyer.first_name || 'there'}}! Your total is {{order.total}}. You can transfer to {{payment.alias}}; once you have, send the receipt here or to {{shop.phone}} and I'll get your order ready 🙌",
            ),
            (
                Instagram,
                "Hi {{buyer.first_name || 'there'}}! Your total is {{order.total}}. You can transfer to {{payment.alias}}; once you have, send the receipt here and I'll get your order ready 🙌",
            ),
            (
                MlPostSale,
                "Hi {{buyer.first_name || 'there'}}! Your payment went through Mercado Pago with the purchase, so there's nothing else to do. I'll message you here when your order is on its way.",
            ),
            (
                MlPreSale,
                "Hi! You can pay with any Mercado Pago method: credit or debit card (instalments depend on your bank), cash at payment points or account balance. You choose at checkout.",
            ),
        ],
        pinned: true,
    },
    Starter {
        key: "shipping",
        folder: Delivery,
        title: "Shipping and pickup",
        shortcut: "shipping",
        tags: &["shipping", "pickup"],
        body: "We ship with tracking; the cost depends on your address. You can also pick it up for free at {{pickup.place || 'our studio'}} at a time we agree on.",
        variants: &[(
            MlPostSale,
            "Hi! Your order ships with Mercado Envíos; you'll find the tracking in the purchase details, under «View shipment».",
        )],
        pinned: false,
    },
    Starter {
        key: "made_to_order",
        folder: Stock,
        title: "Made-to-order times",
        shortcut: "madetoorder",
        tags: &["made to order", "lead time"],
        body: "Everything is made to order: each piece is handmade and ready {{ask:lead time}} after you confirm. If you need it for a special date, tell me which and I'll be honest about whether we can make it.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "prepayment",
        folder: Policies,
        title: "Deposit for large orders",
        shortcut: "deposit",
        tags: &["deposit", "large orders"],
        body: "For large orders from new customers we ask for a 50% deposit to start and the rest before delivery: that reserves the materials and studio time for your order. The total is {{order.total}}; once the deposit is in, it will be ready by {{order.due_date || 'the date we agree on'}}.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "cutoff",
        folder: Delivery,
        title: "Cut-off notice",
        shortcut: "cutoff",
        tags: &["cut-off", "lead time"],
        body: "{{cutoff.notice}} If you confirm now, your order starts {{cutoff.next_ship_date}}.",
        variants: &[],
        pinned: false,
    },
    Starter {
        key: "thanks",
        folder: Greetings,
        title: "Thanks and review",
        shortcut: "thanks",
        tags: &["thanks", "review"],
        body: "Thank you so much for your order, {{buyer.first_name || 'truly'}}! I hope you enjoy {{product || 'your piece'}}. If you like it, a review helps a small studio like ours more than you'd think. See you next time!",
        variants: &[],
        pinned: false,
    },
];

fn pack(language: Language) -> &'static [Starter] {
    match language {
        Language::Es => ES,
        Language::PtBr => PT,
        Language::En => EN,
    }
}

/// Installs a language's pack unless it was installed before; returns how many answers it added.
/// A shortcut the seller already uses is left to them: that starter answer comes without one.
pub(crate) fn install(tx: &Transaction<'_>, language: Language, now: UnixSeconds) -> Result<u32> {
    let installed = tx
        .prepare_cached("SELECT 1 FROM saved_answer_packs WHERE language = ?1")?
        .query_row([language.as_str()], |_| Ok(()))
        .optional()?
        .is_some();
    if installed {
        return Ok(0);
    }
    let mut added = 0;
    for starter in pack(language) {
        let key = format!("{}:{}", language.as_str(), starter.key);
        let exists = tx
            .prepare_cached("SELECT 1 FROM saved_answers WHERE starter_key = ?1")?
            .query_row([&key], |_| Ok(()))
            .optional()?
            .is_some();
        if exists {
            continue;
        }
        let shortcut = match library::id_by_shortcut(tx, starter.shortcut)? {
            Some(_) => None,
            None => Some(starter.shortcut.to_string()),
        };
        let input = AnswerInput {
            title: starter.title.to_string(),
            shortcut,
            folder: Some(starter.folder),
            body: starter.body.to_string(),
            language: Some(language),
            pinned: starter.pinned,
            tags: starter.tags.iter().map(|t| t.to_string()).collect(),
            variants: starter
                .variants
                .iter()
                .map(|(channel, body)| AnswerVariant { channel: *channel, language, body: body.to_string() })
                .collect(),
        };
        library::create_keyed(tx, &input, Some(&key), now)?;
        added += 1;
    }
    tx.prepare_cached("INSERT INTO saved_answer_packs (language, installed_at) VALUES (?1, ?2)")?
        .execute(params![language.as_str(), now])?;
    Ok(added)
}

#[cfg(test)]
pub(crate) fn starter_count(language: Language) -> usize {
    pack(language).len()
}
