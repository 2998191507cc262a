//! What the sample workshop makes and sells: pieces, colours, listing titles and prices in each
//! channel's currency (minor units, as `OrderItem` stores them).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Category {
    Mug,
    Mate,
    Plate,
    Bowl,
    Planter,
    Toy,
    Scarf,
    Set,
    Serving,
}

/// Everything that comes out of the kiln.
pub(super) const CERAMIC: &[Category] = &[
    Category::Mug,
    Category::Mate,
    Category::Plate,
    Category::Bowl,
    Category::Planter,
    Category::Set,
    Category::Serving,
];
/// Ceramics that touch food.
pub(super) const TABLEWARE: &[Category] =
    &[Category::Mug, Category::Mate, Category::Plate, Category::Bowl, Category::Set, Category::Serving];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Feminine,
    Masculine,
}

/// A noun phrase in one language: singular, plural and grammatical gender (for articles and
/// adjective endings in Spanish and Portuguese).
#[derive(Debug, Clone, Copy)]
pub(super) struct Noun {
    pub one: &'static str,
    pub many: &'static str,
    pub gender: Gender,
}

const fn f(one: &'static str, many: &'static str) -> Noun {
    Noun { one, many, gender: Gender::Feminine }
}

const fn m(one: &'static str, many: &'static str) -> Noun {
    Noun { one, many, gender: Gender::Masculine }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Colour {
    pub es: &'static str,
    pub pt: &'static str,
    pub en: &'static str,
}

const fn c(es: &'static str, pt: &'static str, en: &'static str) -> Colour {
    Colour { es, pt, en }
}

pub(super) const OLIVE: Colour = c("verde oliva", "verde-oliva", "olive green");
pub(super) const COBALT: Colour = c("azul cobalto", "azul-cobalto", "cobalt blue");
pub(super) const SAND: Colour = c("arena", "areia", "sand");
pub(super) const SNOW: Colour = c("blanco nieve", "branco neve", "snow white");
pub(super) const TERRACOTTA: Colour = c("terracota", "terracota", "terracotta");
pub(super) const MATTE_BLACK: Colour = c("negro mate", "preto fosco", "matte black");
pub(super) const OLD_ROSE: Colour = c("rosa viejo", "rosa antigo", "dusty pink");
pub(super) const SAGE: Colour = c("verde agua", "verde-água", "sage green");
pub(super) const SKY: Colour = c("celeste", "azul-claro", "light blue");
pub(super) const BEIGE: Colour = c("beige", "bege", "beige");
pub(super) const MUSTARD: Colour = c("mostaza", "mostarda", "mustard");
pub(super) const GREY: Colour = c("gris perla", "cinza-pérola", "pearl grey");
pub(super) const BOTTLE: Colour = c("verde inglés", "verde-garrafa", "bottle green");

const GLAZES: &[Colour] = &[OLIVE, COBALT, SAND, SNOW, TERRACOTTA];
const MATE_GLAZES: &[Colour] = &[MATTE_BLACK, SAGE, OLIVE, TERRACOTTA];
const TOY_YARNS: &[Colour] = &[SKY, BEIGE, OLD_ROSE, MUSTARD];
const WOOLS: &[Colour] = &[GREY, MUSTARD, BOTTLE];

#[derive(Debug)]
pub(super) struct Product {
    /// Stable name, read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    pub key: &'static str,
    pub category: Category,
    pub es: Noun,
    pub pt: Noun,
    pub en: Noun,
    /// Price of one piece in centavos of each currency.
    pub ars: i64,
    pub brl: i64,
    pub usd: i64,
    pub colours: &'static [Colour],
    /// Size as a buyer reads it ("350 ml", "26 cm de diámetro").
    pub size_es: &'static str,
    pub size_pt: &'static str,
    pub size_en: &'static str,
    /// Working days to make one to order.
    pub lead_days: u32,
    pub title_es: &'static str,
    pub title_pt: Option<&'static str>,
    pub title_en: Option<&'static str>,
}

pub(super) const MUG: &Product = &Product {
    key: "taza",
    category: Category::Mug,
    es: f("taza esmaltada", "tazas esmaltadas"),
    pt: f("caneca esmaltada", "canecas esmaltadas"),
    en: m("glazed mug", "glazed mugs"),
    ars: 1_490_000,
    brl: 12_990,
    usd: 3_200,
    colours: GLAZES,
    size_es: "350 ml",
    size_pt: "350 ml",
    size_en: "12 oz",
    lead_days: 10,
    title_es: "Taza Cerámica Artesanal Esmaltada 350 Ml Hecha A Mano",
    title_pt: Some("Caneca Cerâmica Artesanal Esmaltada 350 Ml Feita À Mão"),
    title_en: Some("Handmade Stoneware Mug 12 oz, Glazed Ceramic Coffee Cup"),
};

pub(super) const CAT_MUG: &Product = &Product {
    key: "taza_gatito",
    category: Category::Mug,
    es: f("taza con gatito", "tazas con gatito"),
    pt: f("caneca de gatinho", "canecas de gatinho"),
    en: m("cat mug", "cat mugs"),
    ars: 1_690_000,
    brl: 14_990,
    usd: 3_600,
    colours: &[SNOW, SAND, OLD_ROSE],
    size_es: "300 ml",
    size_pt: "300 ml",
    size_en: "10 oz",
    lead_days: 12,
    title_es: "Taza Gatito Cerámica Pintada A Mano 300 Ml",
    title_pt: Some("Caneca Gatinho Cerâmica Pintada À Mão 300 Ml"),
    title_en: Some("Hand Painted Cat Mug, Ceramic 10 oz"),
};

pub(super) const NAME_MUG: &Product = &Product {
    key: "taza_personalizada",
    category: Category::Mug,
    es: f("taza personalizada", "tazas personalizadas"),
    pt: f("caneca personalizada", "canecas personalizadas"),
    en: m("personalised mug", "personalised mugs"),
    ars: 1_750_000,
    brl: 15_990,
    usd: 3_800,
    colours: GLAZES,
    size_es: "350 ml",
    size_pt: "350 ml",
    size_en: "12 oz",
    lead_days: 12,
    title_es: "Taza Personalizada Con Nombre Cerámica Artesanal",
    title_pt: None,
    title_en: Some("Custom Name Mug, Handmade Ceramic"),
};

pub(super) const MATE: &Product = &Product {
    key: "mate",
    category: Category::Mate,
    es: m("mate de cerámica con bombilla", "mates de cerámica"),
    pt: f("cuia de cerâmica com bomba", "cuias de cerâmica"),
    en: m("ceramic mate cup with bombilla", "ceramic mate cups"),
    ars: 1_850_000,
    brl: 14_990,
    usd: 3_600,
    colours: MATE_GLAZES,
    size_es: "200 ml",
    size_pt: "200 ml",
    size_en: "7 oz",
    lead_days: 10,
    title_es: "Mate De Cerámica Esmaltado Con Bombilla De Alpaca",
    title_pt: Some("Cuia De Cerâmica Para Chimarrão Com Bomba"),
    title_en: Some("Ceramic Yerba Mate Cup with Bombilla Straw"),
};

pub(super) const MATE_SET: &Product = &Product {
    key: "set_matero",
    category: Category::Set,
    es: m("set matero (mate, yerbera y azucarera)", "sets materos"),
    pt: m("kit chimarrão (cuia, erveira e açucareiro)", "kits chimarrão"),
    en: m("mate set (cup, yerba jar and sugar jar)", "mate sets"),
    ars: 4_200_000,
    brl: 32_990,
    usd: 7_900,
    colours: MATE_GLAZES,
    size_es: "mate de 200 ml y frascos de 500 ml",
    size_pt: "cuia de 200 ml e potes de 500 ml",
    size_en: "7 oz cup and two 17 oz jars",
    lead_days: 15,
    title_es: "Set Matero Cerámica Artesanal Mate Yerbera Azucarera",
    title_pt: Some("Kit Chimarrão Cerâmica Artesanal Cuia Erveira Açucareiro"),
    title_en: None,
};

pub(super) const PLATE: &Product = &Product {
    key: "plato_playo",
    category: Category::Plate,
    es: m("plato playo", "platos playos"),
    pt: m("prato raso", "pratos rasos"),
    en: m("dinner plate", "dinner plates"),
    ars: 1_680_000,
    brl: 13_990,
    usd: 3_400,
    colours: GLAZES,
    size_es: "26 cm de diámetro",
    size_pt: "26 cm de diâmetro",
    size_en: "10 in across",
    lead_days: 12,
    title_es: "Plato Playo Cerámica Gres Artesanal 26 Cm",
    title_pt: Some("Prato Raso Cerâmica Artesanal 26 Cm"),
    title_en: Some("Stoneware Dinner Plate 10 in, Handmade"),
};

pub(super) const DESSERT_PLATE: &Product = &Product {
    key: "plato_postre",
    category: Category::Plate,
    es: m("plato de postre", "platos de postre"),
    pt: m("prato de sobremesa", "pratos de sobremesa"),
    en: m("side plate", "side plates"),
    ars: 1_250_000,
    brl: 9_990,
    usd: 2_600,
    colours: GLAZES,
    size_es: "20 cm de diámetro",
    size_pt: "20 cm de diâmetro",
    size_en: "8 in across",
    lead_days: 10,
    title_es: "Plato Postre Cerámica Artesanal 20 Cm Esmaltado",
    title_pt: None,
    title_en: None,
};

pub(super) const CUSTOM_PLATE: &Product = &Product {
    key: "plato_personalizado",
    category: Category::Plate,
    es: m("plato pintado personalizado", "platos pintados personalizados"),
    pt: m("prato pintado personalizado", "pratos pintados personalizados"),
    en: m("custom painted plate", "custom painted plates"),
    ars: 2_400_000,
    brl: 19_990,
    usd: 4_800,
    colours: &[SNOW, SAND],
    size_es: "28 cm de diámetro",
    size_pt: "28 cm de diâmetro",
    size_en: "11 in across",
    lead_days: 15,
    title_es: "Plato Decorativo Pintado A Mano Personalizado",
    title_pt: None,
    title_en: None,
};

pub(super) const BOWL: &Product = &Product {
    key: "cuenco",
    category: Category::Bowl,
    es: m("cuenco", "cuencos"),
    pt: f("tigela", "tigelas"),
    en: m("bowl", "bowls"),
    ars: 1_390_000,
    brl: 11_990,
    usd: 2_900,
    colours: GLAZES,
    size_es: "15 cm de diámetro y 7 de alto",
    size_pt: "15 cm de diâmetro e 7 de altura",
    size_en: "6 in across",
    lead_days: 10,
    title_es: "Cuenco Bowl Cerámica Artesanal 15 Cm Apto Microondas",
    title_pt: Some("Tigela Bowl Cerâmica Artesanal 15 Cm"),
    title_en: Some("Handmade Ceramic Bowl 6 in, Cereal Soup Bowl"),
};

pub(super) const MUG_SET: &Product = &Product {
    key: "juego_tazas",
    category: Category::Set,
    es: m("juego de 4 tazas con platitos", "juegos de tazas"),
    pt: m("jogo de 4 xícaras com pires", "jogos de xícaras"),
    en: m("set of 4 cups and saucers", "cup sets"),
    ars: 6_200_000,
    brl: 47_990,
    usd: 11_500,
    colours: GLAZES,
    size_es: "tazas de 250 ml",
    size_pt: "xícaras de 250 ml",
    size_en: "8 oz cups",
    lead_days: 15,
    title_es: "Juego 4 Tazas Con Platos Cerámica Artesanal Esmaltada",
    title_pt: Some("Jogo 4 Xícaras Com Pires Cerâmica Artesanal"),
    title_en: None,
};

pub(super) const DINNER_SET: &Product = &Product {
    key: "vajilla",
    category: Category::Serving,
    es: f("vajilla de 12 piezas", "vajillas"),
    pt: m("aparelho de jantar de 12 peças", "aparelhos de jantar"),
    en: m("12-piece dinner set", "dinner sets"),
    ars: 14_500_000,
    brl: 109_000,
    usd: 26_000,
    colours: GLAZES,
    size_es: "4 platos playos, 4 de postre y 4 cuencos",
    size_pt: "4 pratos rasos, 4 de sobremesa e 4 tigelas",
    size_en: "4 dinner plates, 4 side plates, 4 bowls",
    lead_days: 20,
    title_es: "Vajilla Artesanal Cerámica 12 Piezas Gres Esmaltado",
    title_pt: None,
    title_en: None,
};

pub(super) const BAKING_DISH: &Product = &Product {
    key: "fuente",
    category: Category::Serving,
    es: f("fuente para horno", "fuentes para horno"),
    pt: f("travessa refratária", "travessas refratárias"),
    en: m("baking dish", "baking dishes"),
    ars: 3_400_000,
    brl: 25_990,
    usd: 6_200,
    colours: &[SNOW, TERRACOTTA, OLIVE],
    size_es: "30 × 20 cm",
    size_pt: "30 × 20 cm",
    size_en: "12 × 8 in",
    lead_days: 15,
    title_es: "Fuente Para Horno Cerámica Gres Artesanal 30 Cm",
    title_pt: None,
    title_en: None,
};

pub(super) const JUG: &Product = &Product {
    key: "jarra",
    category: Category::Serving,
    es: f("jarra de 1 litro", "jarras"),
    pt: f("jarra de 1 litro", "jarras"),
    en: m("1-litre jug", "jugs"),
    ars: 2_950_000,
    brl: 22_990,
    usd: 5_400,
    colours: GLAZES,
    size_es: "1 litro",
    size_pt: "1 litro",
    size_en: "34 oz",
    lead_days: 12,
    title_es: "Jarra Cerámica Artesanal 1 Litro Esmaltada",
    title_pt: None,
    title_en: None,
};

pub(super) const PLANTER: &Product = &Product {
    key: "maceta",
    category: Category::Planter,
    es: f("maceta esmaltada con plato", "macetas esmaltadas"),
    pt: m("vaso esmaltado com pratinho", "vasos esmaltados"),
    en: m("glazed planter with saucer", "glazed planters"),
    ars: 2_150_000,
    brl: 16_990,
    usd: 3_900,
    colours: &[TERRACOTTA, SNOW, OLIVE, SAND],
    size_es: "14 cm de diámetro",
    size_pt: "14 cm de diâmetro",
    size_en: "5.5 in across",
    lead_days: 10,
    title_es: "Maceta Cerámica Esmaltada Con Plato 14 Cm Artesanal",
    title_pt: Some("Vaso Cerâmica Esmaltado Com Pratinho 14 Cm"),
    title_en: Some("Glazed Ceramic Planter with Saucer, 5.5 in"),
};

pub(super) const HANGING_PLANTER: &Product = &Product {
    key: "maceta_colgante",
    category: Category::Planter,
    es: f("maceta colgante", "macetas colgantes"),
    pt: m("vaso suspenso", "vasos suspensos"),
    en: m("hanging planter", "hanging planters"),
    ars: 1_790_000,
    brl: 13_990,
    usd: 3_300,
    colours: &[SNOW, TERRACOTTA, SAGE],
    size_es: "12 cm, con cordón de algodón",
    size_pt: "12 cm, com cordão de algodão",
    size_en: "5 in, cotton cord",
    lead_days: 10,
    title_es: "Maceta Colgante Cerámica Con Cordón Macramé",
    title_pt: None,
    title_en: None,
};

pub(super) const RABBIT: &Product = &Product {
    key: "conejo",
    category: Category::Toy,
    es: m("conejo tejido (amigurumi)", "conejos tejidos"),
    pt: m("coelho de crochê (amigurumi)", "coelhos de crochê"),
    en: m("crochet bunny (amigurumi)", "crochet bunnies"),
    ars: 1_850_000,
    brl: 13_990,
    usd: 2_800,
    colours: TOY_YARNS,
    size_es: "25 cm",
    size_pt: "25 cm",
    size_en: "10 in",
    lead_days: 7,
    title_es: "Amigurumi Conejo Tejido Crochet Algodón Apto Bebé",
    title_pt: Some("Amigurumi Coelho Crochê Algodão"),
    title_en: Some("Crochet Bunny Amigurumi, Cotton Baby Toy"),
};

pub(super) const BEAR: &Product = &Product {
    key: "osito",
    category: Category::Toy,
    es: m("osito tejido (amigurumi)", "ositos tejidos"),
    pt: m("ursinho de crochê (amigurumi)", "ursinhos de crochê"),
    en: m("crochet teddy bear", "crochet teddy bears"),
    ars: 1_700_000,
    brl: 12_990,
    usd: 2_700,
    colours: TOY_YARNS,
    size_es: "22 cm",
    size_pt: "22 cm",
    size_en: "9 in",
    lead_days: 7,
    title_es: "Osito Amigurumi Tejido A Crochet Algodón",
    title_pt: None,
    title_en: Some("Crochet Teddy Bear, Handmade Cotton Amigurumi"),
};

pub(super) const GIRAFFE: &Product = &Product {
    key: "jirafa",
    category: Category::Toy,
    es: f("jirafa tejida (amigurumi)", "jirafas tejidas"),
    pt: f("girafa de crochê (amigurumi)", "girafas de crochê"),
    en: m("crochet giraffe", "crochet giraffes"),
    ars: 2_100_000,
    brl: 15_990,
    usd: 3_200,
    colours: &[MUSTARD, BEIGE],
    size_es: "30 cm",
    size_pt: "30 cm",
    size_en: "12 in",
    lead_days: 9,
    title_es: "Jirafa Amigurumi Tejida Crochet 30 Cm",
    title_pt: None,
    title_en: None,
};

pub(super) const MINI_TOY: &Product = &Product {
    key: "mini_amigurumi",
    category: Category::Toy,
    es: m("amigurumi mini llavero", "amigurumis mini"),
    pt: m("amigurumi mini chaveiro", "amigurumis mini"),
    en: m("mini amigurumi keyring", "mini amigurumis"),
    ars: 750_000,
    brl: 5_990,
    usd: 1_200,
    colours: TOY_YARNS,
    size_es: "8 cm",
    size_pt: "8 cm",
    size_en: "3 in",
    lead_days: 3,
    title_es: "Llavero Amigurumi Mini Tejido A Crochet",
    title_pt: None,
    title_en: None,
};

pub(super) const SCARF: &Product = &Product {
    key: "bufanda",
    category: Category::Scarf,
    es: f("bufanda de lana merino", "bufandas de lana merino"),
    pt: m("cachecol de lã merino", "cachecóis de lã merino"),
    en: m("merino wool scarf", "merino wool scarves"),
    ars: 2_800_000,
    brl: 19_990,
    usd: 4_500,
    colours: WOOLS,
    size_es: "180 × 30 cm",
    size_pt: "180 × 30 cm",
    size_en: "71 × 12 in",
    lead_days: 8,
    title_es: "Bufanda Tejida A Mano Lana Merino 180 Cm",
    title_pt: None,
    title_en: Some("Hand Knitted Merino Wool Scarf, 71 in"),
};

pub(super) const INCENSE_CAT: &Product = &Product {
    key: "gatito_sahumerio",
    category: Category::Bowl,
    es: m("gatito portasahumerios", "gatitos portasahumerios"),
    pt: m("gatinho porta-incenso", "gatinhos porta-incenso"),
    en: m("cat incense holder", "cat incense holders"),
    ars: 980_000,
    brl: 7_990,
    usd: 1_800,
    colours: &[SNOW, MATTE_BLACK, TERRACOTTA],
    size_es: "9 cm",
    size_pt: "9 cm",
    size_en: "3.5 in",
    lead_days: 8,
    title_es: "Portasahumerios Gatito Cerámica Artesanal",
    title_pt: None,
    title_en: None,
};

pub(super) const ALL: &[&Product] = &[
    MUG,
    CAT_MUG,
    NAME_MUG,
    MATE,
    MATE_SET,
    PLATE,
    DESSERT_PLATE,
    CUSTOM_PLATE,
    BOWL,
    MUG_SET,
    DINNER_SET,
    BAKING_DISH,
    JUG,
    PLANTER,
    HANGING_PLANTER,
    RABBIT,
    BEAR,
    GIRAFFE,
    MINI_TOY,
    SCARF,
    INCENSE_CAT,
];

/// Listings on Mercado Livre Brasil (ceramics that travel well; no toys or wool).
pub(super) fn sold_in_brazil(p: &Product) -> bool {
    p.title_pt.is_some()
}

/// Listings on Etsy.
pub(super) fn sold_on_etsy(p: &Product) -> bool {
    p.title_en.is_some()
}

/// The shop's wholesale price: 25 % off from 12 pieces.
pub(super) fn wholesale(unit_minor: i64) -> i64 {
    // Round to whole hundreds of the currency's unit, as a seller would quote it.
    (unit_minor * 75 / 100) / 10_000 * 10_000
}

fn thousands(n: i64, separator: char) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// "$ 14.900" (Argentine pesos; centavos only when there are any).
pub(super) fn ars(minor: i64) -> String {
    let cents = minor % 100;
    if cents == 0 {
        format!("$ {}", thousands(minor / 100, '.'))
    } else {
        format!("$ {},{cents:02}", thousands(minor / 100, '.'))
    }
}

/// "R$ 129,90".
pub(super) fn brl(minor: i64) -> String {
    format!("R$ {},{:02}", thousands(minor / 100, '.'), minor % 100)
}

/// "US$ 32" in Spanish and Portuguese text.
pub(super) fn usd_es(minor: i64) -> String {
    if minor % 100 == 0 {
        format!("US$ {}", minor / 100)
    } else {
        format!("US$ {},{:02}", minor / 100, minor % 100)
    }
}

/// "$32.00" in English text.
pub(super) fn usd_en(minor: i64) -> String {
    format!("${}.{:02}", thousands(minor / 100, ','), minor % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_read_like_a_seller_writes_them() {
        assert_eq!(ars(1_490_000), "$ 14.900");
        assert_eq!(ars(14_500_000), "$ 145.000");
        assert_eq!(ars(99), "$ 0,99");
        assert_eq!(brl(12_990), "R$ 129,90");
        assert_eq!(brl(109_000), "R$ 1.090,00");
        assert_eq!(usd_es(3_200), "US$ 32");
        assert_eq!(usd_en(26_000), "$260.00");
        assert_eq!(wholesale(1_680_000), 1_260_000);
    }

    #[test]
    fn every_product_has_colours_and_a_unique_key() {
        let mut keys: Vec<_> = ALL.iter().map(|p| p.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
        assert!(ALL.iter().all(|p| p.colours.len() >= 2));
    }
}
