//! One sale being talked about: the piece, colours, quantity, prices and dates, and the words a
//! dialogue's placeholders become in Spanish, Portuguese or English.

use crate::vocabulary::UnixSeconds;

use super::catalog::{self, Colour, Gender, Product};
use super::dialogue::{Vars, capitalise};
use super::people::Person;
use super::shop_time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Es,
    Pt,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Currency {
    Ars,
    Brl,
    Usd,
}

impl Currency {
    pub(super) fn code(self) -> &'static str {
        match self {
            Currency::Ars => "ARS",
            Currency::Brl => "BRL",
            Currency::Usd => "USD",
        }
    }

    pub(super) fn list_price(self, product: &Product) -> i64 {
        match self {
            Currency::Ars => product.ars,
            Currency::Brl => product.brl,
            Currency::Usd => product.usd,
        }
    }

    pub(super) fn format(self, minor: i64, lang: Lang) -> String {
        match (self, lang) {
            (Currency::Ars, _) => catalog::ars(minor),
            (Currency::Brl, _) => catalog::brl(minor),
            (Currency::Usd, Lang::En) => catalog::usd_en(minor),
            (Currency::Usd, _) => catalog::usd_es(minor),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Deal {
    pub product: &'static Product,
    pub colour: Colour,
    pub other_colour: Colour,
    pub quantity: u32,
    pub currency: Currency,
    /// What one piece costs in this deal (the wholesale price from twelve pieces).
    pub unit_minor: i64,
    /// Shipping charged on top, 0 for pickup or when the marketplace charges it.
    pub shipping_minor: i64,
    /// What shipping to the buyer's city would cost, for "how much is shipping?" answers.
    pub shipping_quote_minor: i64,
    pub due: UnixSeconds,
    pub tracking: String,
    pub gift_name: &'static str,
    /// The buyer's business, for wholesale and restaurant talks.
    pub business: &'static str,
}

impl Deal {
    pub(super) fn total_minor(&self) -> i64 {
        self.unit_minor * i64::from(self.quantity) + self.shipping_minor
    }

    pub(super) fn deposit_minor(&self) -> i64 {
        // Half, rounded to whole hundreds as sellers quote a deposit.
        (self.total_minor() / 2) / 10_000 * 10_000
    }

    pub(super) fn lead_days(&self) -> u32 {
        if self.quantity >= 12 { self.product.lead_days * 2 } else { self.product.lead_days }
    }

    pub(super) fn vars(&self, lang: Lang, person: &Person) -> Vars {
        match lang {
            Lang::Es => self.vars_es(person),
            Lang::Pt => self.vars_pt(person),
            Lang::En => self.vars_en(person),
        }
    }

    fn money(&self, minor: i64, lang: Lang) -> String {
        self.currency.format(minor, lang)
    }

    fn vars_es(&self, person: &Person) -> Vars {
        let p = self.product;
        let fem = p.es.gender == Gender::Feminine;
        let mut v = Vars::default();
        v.set("nombre", person.given());
        v.set("nombre_completo", person.full_name());
        v.set("producto", p.es.one);
        v.set("productos", p.es.many);
        v.set("el_producto", format!("{} {}", if fem { "la" } else { "el" }, p.es.one));
        v.set("los_productos", format!("{} {}", if fem { "las" } else { "los" }, p.es.many));
        v.set("un_producto", format!("{} {}", if fem { "una" } else { "un" }, p.es.one));
        v.set("lo", if fem { "la" } else { "lo" });
        v.set("o", if fem { "a" } else { "o" });
        v.set("precio", self.money(self.currency.list_price(p), Lang::Es));
        v.set("precio_usd", catalog::usd_es(p.usd));
        v.set("precio_mayor", self.money(self.unit_minor, Lang::Es));
        v.set("color", self.colour.es);
        v.set("otro_color", self.other_colour.es);
        v.set("colores", list(p.colours.iter().map(|c| c.es), "y"));
        v.set("medida", p.size_es);
        v.set("cantidad", self.quantity.to_string());
        v.set("total", self.money(self.total_minor(), Lang::Es));
        v.set("sena", self.money(self.deposit_minor(), Lang::Es));
        v.set("envio", self.money(self.shipping_quote_minor, Lang::Es));
        v.set("ciudad", person.city.name);
        v.set("direccion", person.address.clone());
        v.set("demora", format!("{} días hábiles", self.lead_days()));
        v.set("fecha", shop_time::day_words_es(self.due));
        v.set("seguimiento", self.tracking.clone());
        v.set("alias", super::accounts::PAYMENT_ALIAS);
        v.set("taller", super::accounts::WORKSHOP);
        v.set("tienda", self.business);
        v.set("nombre_regalo", self.gift_name);
        v
    }

    fn vars_pt(&self, person: &Person) -> Vars {
        let p = self.product;
        let fem = p.pt.gender == Gender::Feminine;
        let mut v = Vars::default();
        v.set("nome", person.given());
        v.set("nome_completo", person.full_name());
        v.set("produto", p.pt.one);
        v.set("produtos", p.pt.many);
        v.set("o_produto", format!("{} {}", if fem { "a" } else { "o" }, p.pt.one));
        v.set("um_produto", format!("{} {}", if fem { "uma" } else { "um" }, p.pt.one));
        v.set("o", if fem { "a" } else { "o" });
        v.set("preco", self.money(self.currency.list_price(p), Lang::Pt));
        v.set("preco_atacado", self.money(self.unit_minor, Lang::Pt));
        v.set("cor", self.colour.pt);
        v.set("outra_cor", self.other_colour.pt);
        v.set("cores", list(p.colours.iter().map(|c| c.pt), "e"));
        v.set("medida", p.size_pt);
        v.set("cidade", person.city.name);
        v.set("endereco", person.address.clone());
        v.set("prazo", format!("{} dias úteis", self.lead_days()));
        v.set("data", shop_time::day_words_pt(self.due));
        v.set("rastreio", self.tracking.clone());
        v.set("total", self.money(self.total_minor(), Lang::Pt));
        v.set("quantidade", self.quantity.to_string());
        v.set("loja", self.business);
        v
    }

    fn vars_en(&self, person: &Person) -> Vars {
        let p = self.product;
        let mut v = Vars::default();
        v.set("name", person.given());
        v.set("full_name", person.full_name());
        v.set("product", p.en.one);
        v.set("products", p.en.many);
        v.set("price", self.money(self.currency.list_price(p), Lang::En));
        v.set("wholesale_price", self.money(self.unit_minor, Lang::En));
        v.set("colour", self.colour.en);
        v.set("other_colour", self.other_colour.en);
        v.set("colours", list(p.colours.iter().map(|c| c.en), "and"));
        v.set("size", p.size_en);
        v.set("city", person.city.name);
        v.set("address", person.address.clone());
        v.set("lead", format!("about {} business days", self.lead_days()));
        v.set("date", shop_time::day_words_en(self.due));
        v.set("tracking", self.tracking.clone());
        v.set("total", self.money(self.total_minor(), Lang::En));
        v.set("quantity", self.quantity.to_string());
        v.set("shop", self.business);
        v
    }

    /// The product as the seller writes it on the order card (she works in Spanish).
    pub(super) fn item_name(&self) -> String {
        format!("{} ({})", capitalise(self.product.es.one), self.product.size_es)
    }
}

/// "a, b y c".
fn list<'a>(items: impl Iterator<Item = &'a str>, and: &str) -> String {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_shop::catalog::{MATE, MUG, OLIVE, SAND};
    use crate::sample_shop::people::{CORDOBA, Locale, named};
    use crate::sample_shop::random::Rng;

    fn deal(product: &'static Product, quantity: u32) -> Deal {
        Deal {
            product,
            colour: OLIVE,
            other_colour: SAND,
            quantity,
            currency: Currency::Ars,
            unit_minor: product.ars,
            shipping_minor: 720_000,
            shipping_quote_minor: 720_000,
            due: 1_741_572_000,
            tracking: "CP123456789AR".into(),
            gift_name: "Abu Nelly",
            business: "Casa Raíz",
        }
    }

    #[test]
    fn spanish_articles_follow_the_noun() {
        let person = named(&mut Rng::new(1), Locale::Argentina, "Ana", "Paz", &CORDOBA);
        let v = deal(MUG, 2).vars(Lang::Es, &person);
        assert_eq!(v.fill("{El_producto} sale {precio}"), "La taza esmaltada sale $ 14.900");
        let v = deal(MATE, 1).vars(Lang::Es, &person);
        assert_eq!(v.fill("{un_producto}, lind{o}"), "un mate de cerámica con bombilla, lindo");
        assert_eq!(v.fill("{total}"), "$ 25.700");
        assert_eq!(v.fill("{colores}"), "negro mate, verde agua, verde oliva y terracota");
    }
}
