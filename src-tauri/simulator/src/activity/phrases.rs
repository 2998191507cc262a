//! What buyers write, in rioplatense Spanish and Brazilian Portuguese, about ceramics, knits and
//! toys. Placeholders: {item} (the listing's short name), {days} (made-to-order lead time),
//! {color}, {city}. Written for the simulator; nothing here is shared with the app.

use super::catalog::Category;
use crate::site::Lang;

/// (category, title, short name, price in the site's currency for Spanish sites / BRL).
pub(crate) const LISTINGS_ES: &[(Category, &str, &str, f64)] = &[
    (Category::Ceramics, "Taza de cerámica esmaltada artesanal 350 ml", "taza", 9_500.0),
    (Category::Ceramics, "Set x4 platos playos de gres hechos a mano", "juego de platos", 38_000.0),
    (Category::Ceramics, "Bowl de cerámica pintado a mano 15 cm", "bowl", 12_000.0),
    (Category::Ceramics, "Maceta de cerámica con plato, esmalte azul cobalto", "maceta", 15_500.0),
    (Category::Ceramics, "Mate de cerámica con bombilla de alpaca", "mate", 11_000.0),
    (Category::Knits, "Bufanda tejida a mano de lana merino", "bufanda", 24_000.0),
    (Category::Knits, "Manta tejida en telar 1,20 x 1,80 m", "manta", 78_000.0),
    (Category::Knits, "Gorro tejido al crochet con pompón", "gorro", 14_500.0),
    (Category::Knits, "Sweater de lana oversize tejido a mano", "sweater", 65_000.0),
    (Category::Toys, "Muñeco de apego amigurumi tejido al crochet", "muñeco", 18_500.0),
    (Category::Toys, "Sonajero de crochet para bebé, algodón", "sonajero", 9_000.0),
    (Category::Toys, "Móvil para cuna con animalitos tejidos", "móvil", 32_000.0),
    (Category::Toys, "Dinosaurio de tela relleno 30 cm", "dino", 16_000.0),
];

pub(crate) const LISTINGS_PT: &[(Category, &str, &str, f64)] = &[
    (Category::Ceramics, "Caneca de cerâmica artesanal esmaltada 350 ml", "caneca", 89.9),
    (Category::Ceramics, "Jogo 4 pratos rasos de cerâmica feitos à mão", "jogo de pratos", 289.0),
    (Category::Ceramics, "Bowl de cerâmica pintado à mão 15 cm", "bowl", 79.9),
    (Category::Ceramics, "Vaso de cerâmica com pratinho, esmalte azul", "vaso", 119.0),
    (Category::Knits, "Cachecol de tricô feito à mão em lã merino", "cachecol", 149.0),
    (Category::Knits, "Manta de tricô em lã 1,20 x 1,80 m", "manta", 459.0),
    (Category::Knits, "Gorro de crochê com pompom", "gorro", 69.9),
    (Category::Toys, "Naninha amigurumi de crochê", "amigurumi", 119.9),
    (Category::Toys, "Chocalho de crochê para bebê, algodão", "chocalho", 49.9),
    (Category::Toys, "Móbile de berço com bichinhos de crochê", "móbile", 219.0),
];

pub(crate) const FIRST_NAMES_ES: &[&str] = &[
    "Mariana",
    "Lucía",
    "Sofía",
    "Valentina",
    "Camila",
    "Julieta",
    "Florencia",
    "Agustina",
    "Martina",
    "Paula",
    "Juan",
    "Tomás",
    "Nicolás",
    "Matías",
    "Santiago",
    "Facundo",
    "Federico",
    "Diego",
    "Gonzalo",
    "Pablo",
];
pub(crate) const LAST_NAMES_ES: &[&str] = &[
    "Gómez",
    "Fernández",
    "Rodríguez",
    "López",
    "Martínez",
    "Pérez",
    "García",
    "Sosa",
    "Romero",
    "Álvarez",
    "Benítez",
    "Acosta",
    "Medina",
    "Herrera",
    "Suárez",
];
pub(crate) const FIRST_NAMES_PT: &[&str] = &[
    "Ana",
    "Beatriz",
    "Camila",
    "Juliana",
    "Larissa",
    "Fernanda",
    "Patrícia",
    "Mariana",
    "Gabriela",
    "Letícia",
    "João",
    "Pedro",
    "Lucas",
    "Gabriel",
    "Rafael",
    "Thiago",
    "Bruno",
    "Felipe",
    "Rodrigo",
    "Gustavo",
];
pub(crate) const LAST_NAMES_PT: &[&str] = &[
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Lima",
    "Pereira",
    "Costa",
    "Ferreira",
    "Almeida",
    "Carvalho",
    "Ribeiro",
    "Rodrigues",
];

const COLORS_ES: &[&str] =
    &["verde agua", "terracota", "mostaza", "crudo", "gris topo", "rosa viejo", "azul"];
const COLORS_PT: &[&str] = &["verde água", "terracota", "mostarda", "cru", "cinza", "rosa antigo", "azul"];
const CITIES_ES: &[&str] =
    &["Córdoba", "Rosario", "Mendoza", "La Plata", "Mar del Plata", "Neuquén", "Salta"];
const CITIES_PT: &[&str] = &["Campinas", "Belo Horizonte", "Curitiba", "Porto Alegre", "Recife", "Salvador"];

const QUESTIONS_ES_CERAMICS: &[&str] = &[
    "Hola! ¿La {item} es apta para microondas y lavavajillas?",
    "Buenas, ¿tenés este modelo en {color}? Quiero dos.",
    "¿El esmalte es libre de plomo? Es para usar con comida.",
    "Hola, ¿viene bien embalado? La última vez que compré cerámica llegó rota.",
    "¿Cada pieza sale distinta o son todas iguales a la foto?",
    "¿Se puede personalizar con un nombre grabado?",
    "¿Qué capacidad tiene exactamente la {item}?",
];
const QUESTIONS_ES_KNITS: &[&str] = &[
    "Hola, ¿de qué lana es? ¿Pica?",
    "¿Lo hacés en talle XL?",
    "¿Se puede lavar en el lavarropas o es a mano?",
    "¿Tenés la {item} en {color}?",
    "Hola! ¿Es tejido a mano o a máquina?",
    "¿Me lo podés hacer a pedido con otras medidas?",
];
const QUESTIONS_ES_TOYS: &[&str] = &[
    "¿Es apto para bebés de 6 meses? ¿Tiene piezas chicas?",
    "Hola! ¿Con qué relleno está hecho? ¿Es hipoalergénico?",
    "¿Lo hacés en otros colores? Mi hija lo quiere en {color}.",
    "¿Cuánto mide el {item}?",
    "¿Se puede lavar? Los chicos lo van a babear todo jaja",
    "Quiero regalarlo para un cumple el sábado, ¿llega?",
];
const QUESTIONS_ES_ANY: &[&str] = &[
    "Hola, ¿hacés envíos a {city}? ¿Cuánto sale?",
    "¿Cuánto tarda si lo encargo hoy? Vi que dice {days} días.",
    "Si compro 3 me hacés precio?",
    "¿Tenés stock para entregar antes del viernes?",
    "Buen día, ¿se puede retirar en persona?",
    "¿Hacés factura A?",
    "¿Aceptás cuotas sin interés?",
];

const QUESTIONS_PT_CERAMICS: &[&str] = &[
    "Olá! A {item} pode ir no micro-ondas e na lava-louças?",
    "Boa tarde, tem esse modelo em {color}? Queria duas.",
    "O esmalte é livre de chumbo? É para usar com comida.",
    "Vem bem embalado? A última cerâmica que comprei chegou quebrada.",
    "Cada peça sai diferente ou todas iguais à foto?",
    "Dá para personalizar com um nome?",
];
const QUESTIONS_PT_KNITS: &[&str] = &[
    "Oi, qual é a lã? Pinica?",
    "Faz no tamanho GG?",
    "Pode lavar na máquina ou só à mão?",
    "Tem o {item} na cor {color}?",
    "É tricô feito à mão mesmo?",
    "Consegue fazer sob encomenda com outras medidas?",
];
const QUESTIONS_PT_TOYS: &[&str] = &[
    "Serve para bebê de 6 meses? Tem peças pequenas?",
    "Qual é o enchimento? É antialérgico?",
    "Faz em outras cores? Minha filha quer {color}.",
    "Qual o tamanho do {item}?",
    "Pode lavar? As crianças vão babar tudo kkk",
    "Quero dar de presente no sábado, chega a tempo?",
];
const QUESTIONS_PT_ANY: &[&str] = &[
    "Olá, envia para {city}? Quanto fica o frete?",
    "Quanto tempo demora se eu encomendar hoje? Vi que são {days} dias.",
    "Se eu levar 3 faz um desconto?",
    "Tem pronta entrega ou é sob encomenda?",
    "Bom dia, posso retirar pessoalmente?",
    "Emite nota fiscal?",
];

const POST_SALE_FIRST_ES: &[&str] = &[
    "Hola! Ya hice el pago, ¿cuándo lo despachás?",
    "Buenas, ¿me pasás el código de seguimiento cuando lo tengas?",
    "Hola! Compré dos, ¿vienen en la misma caja?",
    "¿Me avisás cuando esté listo? Es para un regalo.",
    "Hola, ¿me lo podés mandar en {color}? Recién me doy cuenta que no elegí.",
    "Perdón, me equivoqué de dirección, ¿se puede cambiar antes del envío?",
    "Necesito factura a nombre de mi empresa, ¿te paso los datos por acá?",
];
const POST_SALE_LATER_ES: &[&str] = &[
    "¿Ya salió? El seguimiento no se mueve desde el martes.",
    "Me llegó hoy, ¡es hermoso! Gracias.",
    "Hola, la {item} llegó con una rajadura, ¿te mando foto?",
    "¿Sabés más o menos qué día llega a {city}?",
    "Gracias! Quedo atenta.",
    "Perfecto, espero novedades entonces.",
];
const POST_SALE_FIRST_PT: &[&str] = &[
    "Oi! Já paguei, quando você envia?",
    "Boa tarde, pode me passar o código de rastreio quando tiver?",
    "Comprei dois, vão na mesma caixa?",
    "Me avisa quando estiver pronto? É para presente.",
    "Oi, consegue mandar na cor {color}? Esqueci de escolher.",
    "Errei o endereço, dá para trocar antes do envio?",
];
const POST_SALE_LATER_PT: &[&str] = &[
    "Já foi enviado? O rastreio não muda desde terça.",
    "Chegou hoje, é lindo! Obrigada.",
    "Oi, a {item} chegou com uma trinca, posso mandar foto?",
    "Sabe mais ou menos quando chega em {city}?",
    "Obrigada! Fico no aguardo.",
];

const FOLLOW_UPS_ES: &[&str] = &[
    "¡Gracias por responder tan rápido! Lo compro ahora.",
    "Buenísimo, ¿y si llevo dos me lo dejás a menos?",
    "Perfecto, entonces lo encargo hoy.",
    "Ah ok, ¿y en qué otros colores lo tenés?",
    "Dale, gracias! Una última: ¿hacés envío el mismo día?",
    "Genial. ¿Los {days} días se cuentan desde el pago?",
];
const FOLLOW_UPS_PT: &[&str] = &[
    "Obrigada pela resposta rápida! Vou comprar agora.",
    "Ótimo, e se eu levar dois faz por menos?",
    "Perfeito, então encomendo hoje.",
    "Ah, entendi. E quais outras cores você tem?",
    "Show, obrigado! Última pergunta: envia no mesmo dia?",
];

const CHAT_ES: &[&str] = &[
    "Hola! Vi tus cosas en Instagram, ¿tenés catálogo con precios?",
    "¿Hacés pedidos por mayor para un local?",
    "Buenas, ¿todavía tenés la {item} que publicaste?",
    "¿Me pasás el precio de la {item} en {color}?",
    "¿Dónde se puede retirar? Estoy por la zona.",
    "Hola, quería encargar una {item} para el día de la madre, ¿llegás?",
    "¿Aceptás transferencia o solo efectivo?",
];
const CHAT_PT: &[&str] = &[
    "Oi! Vi suas peças no Instagram, tem catálogo com preços?",
    "Você vende no atacado para loja?",
    "Boa noite, ainda tem a {item} que você postou?",
    "Qual o valor da {item} na cor {color}?",
    "Onde posso retirar? Estou aqui perto.",
    "Aceita Pix?",
];
const CHAT_FOLLOW_UPS_ES: &[&str] =
    &["Genial, gracias!", "Dale, la quiero. ¿Cómo te pago?", "¿Y para cuándo estaría?"];
const CHAT_FOLLOW_UPS_PT: &[&str] =
    &["Ótimo, obrigada!", "Fechado, quero. Como pago?", "E fica pronto quando?"];
const EDIT_SUFFIX_ES: &str = " (perdón, quise decir en {color})";
const EDIT_SUFFIX_PT: &str = " (desculpa, quis dizer {color})";

/// What a buyer is writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Question,
    PostSaleFirst,
    PostSaleLater,
    FollowUp,
    Chat,
    ChatFollowUp,
}

/// The table to draw from; questions mix category-specific and general ones.
pub(crate) fn table(lang: Lang, kind: Kind, category: Category) -> [&'static [&'static str]; 2] {
    match (lang, kind) {
        (Lang::Es, Kind::Question) => [
            match category {
                Category::Ceramics => QUESTIONS_ES_CERAMICS,
                Category::Knits => QUESTIONS_ES_KNITS,
                Category::Toys => QUESTIONS_ES_TOYS,
            },
            QUESTIONS_ES_ANY,
        ],
        (Lang::Pt, Kind::Question) => [
            match category {
                Category::Ceramics => QUESTIONS_PT_CERAMICS,
                Category::Knits => QUESTIONS_PT_KNITS,
                Category::Toys => QUESTIONS_PT_TOYS,
            },
            QUESTIONS_PT_ANY,
        ],
        (Lang::Es, Kind::PostSaleFirst) => [POST_SALE_FIRST_ES, &[]],
        (Lang::Pt, Kind::PostSaleFirst) => [POST_SALE_FIRST_PT, &[]],
        (Lang::Es, Kind::PostSaleLater) => [POST_SALE_LATER_ES, &[]],
        (Lang::Pt, Kind::PostSaleLater) => [POST_SALE_LATER_PT, &[]],
        (Lang::Es, Kind::FollowUp) => [FOLLOW_UPS_ES, &[]],
        (Lang::Pt, Kind::FollowUp) => [FOLLOW_UPS_PT, &[]],
        (Lang::Es, Kind::Chat) => [CHAT_ES, &[]],
        (Lang::Pt, Kind::Chat) => [CHAT_PT, &[]],
        (Lang::Es, Kind::ChatFollowUp) => [CHAT_FOLLOW_UPS_ES, &[]],
        (Lang::Pt, Kind::ChatFollowUp) => [CHAT_FOLLOW_UPS_PT, &[]],
    }
}

pub(crate) fn colors(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => COLORS_ES,
        Lang::Pt => COLORS_PT,
    }
}

pub(crate) fn cities(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Es => CITIES_ES,
        Lang::Pt => CITIES_PT,
    }
}

pub(crate) fn edit_suffix(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => EDIT_SUFFIX_ES,
        Lang::Pt => EDIT_SUFFIX_PT,
    }
}

/// Fills the placeholders of a template.
pub(crate) fn fill(template: &str, item: &str, days: u32, color: &str, city: &str) -> String {
    template
        .replace("{item}", item)
        .replace("{days}", &days.to_string())
        .replace("{color}", color)
        .replace("{city}", city)
}

/// ASCII capitals for nicknames ("Lucía Álvarez" → "LUCIAALVAREZ").
pub(crate) fn nickname_part(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let base = match c {
                'á' | 'à' | 'â' | 'ã' | 'Á' | 'Â' | 'Ã' => 'a',
                'é' | 'ê' | 'É' | 'Ê' => 'e',
                'í' | 'Í' => 'i',
                'ó' | 'ô' | 'õ' | 'Ó' | 'Ô' | 'Õ' => 'o',
                'ú' | 'ü' | 'Ú' => 'u',
                'ñ' | 'Ñ' => 'n',
                'ç' | 'Ç' => 'c',
                c if c.is_ascii_alphanumeric() => c,
                _ => return None,
            };
            Some(base.to_ascii_uppercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_and_nicknames_fold_accents() {
        let text = fill("¿Tenés la {item} en {color}? {days} días a {city}", "taza", 20, "azul", "Salta");
        assert_eq!(text, "¿Tenés la taza en azul? 20 días a Salta");
        assert_eq!(nickname_part("Lucía Álvarez"), "LUCIAALVAREZ");
        assert_eq!(nickname_part("João"), "JOAO");
    }

    #[test]
    fn every_table_has_text_in_both_languages() {
        for lang in [Lang::Es, Lang::Pt] {
            for kind in [
                Kind::Question,
                Kind::PostSaleFirst,
                Kind::PostSaleLater,
                Kind::FollowUp,
                Kind::Chat,
                Kind::ChatFollowUp,
            ] {
                for category in [Category::Ceramics, Category::Knits, Category::Toys] {
                    assert!(!table(lang, kind, category)[0].is_empty());
                }
            }
        }
    }
}
