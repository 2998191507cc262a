//! The seller's listings and the buyers who show up, made once from the seed (buyers grow as
//! activity is generated).

use std::collections::HashMap;

use rand::RngExt;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::phrases::{self, nickname_part};
use crate::ids::IdSeq;
use crate::site::{Lang, Site};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Category {
    Ceramics,
    Knits,
    Toys,
}

#[derive(Debug, Clone)]
pub(crate) struct Listing {
    pub id: String,
    pub title: String,
    /// What buyers call it ("taza", "manta").
    pub short: String,
    pub category: Category,
    pub price: f64,
    /// Made-to-order lead time (sale term MANUFACTURING_TIME), when the listing has one.
    pub manufacturing_days: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub id: i64,
    pub nickname: String,
    pub first_name: String,
    pub last_name: String,
}

pub(crate) struct Catalog {
    pub listings: Vec<Listing>,
    listing_index: HashMap<String, usize>,
    pub buyers: Vec<Person>,
    buyer_index: HashMap<i64, usize>,
    pub seller_nickname: String,
    pub seller_first_name: String,
    pub seller_last_name: String,
}

impl Catalog {
    pub fn new(site: &Site, rng: &mut StdRng, ids: &mut IdSeq) -> Catalog {
        let table = match site.lang {
            Lang::Es => phrases::LISTINGS_ES,
            Lang::Pt => phrases::LISTINGS_PT,
        };
        // Spanish-site prices are ARS; other Spanish sites scale them roughly to their currency.
        let scale = match site.currency {
            "ARS" | "BRL" => 1.0,
            "CLP" => 0.9,
            "COP" => 4.0,
            "MXN" => 0.018,
            "UYU" => 0.04,
            _ => 0.004,
        };
        let mut listings = Vec::new();
        for (index, (category, title, short, price)) in table.iter().enumerate() {
            let number = 1_400_000_000u64 + (ids.seed % 100_000) * 1_000 + index as u64 * 7_919;
            let manufacturing_days = match category {
                Category::Ceramics => Some([15, 20, 25][index % 3]),
                Category::Knits => Some([10, 20][index % 2]),
                Category::Toys => (index % 2 == 0).then_some(7),
            };
            let rounded = if site.currency == "BRL" { *price } else { (price * scale / 10.0).round() * 10.0 };
            listings.push(Listing {
                id: format!("{}{number}", site.id),
                title: (*title).to_owned(),
                short: (*short).to_owned(),
                category: *category,
                price: rounded,
                manufacturing_days,
            });
        }
        let listing_index = listings.iter().enumerate().map(|(i, l)| (l.id.clone(), i)).collect();
        let (first, last) = names(site.lang);
        let seller_first_name = (*first.choose(rng).unwrap_or(&"Lucía")).to_owned();
        let seller_last_name = (*last.choose(rng).unwrap_or(&"Gómez")).to_owned();
        let seller_nickname = match site.lang {
            Lang::Es => format!("TALLER{}", nickname_part(&seller_first_name)),
            Lang::Pt => format!("ATELIE{}", nickname_part(&seller_first_name)),
        };
        let mut catalog = Catalog {
            listings,
            listing_index,
            buyers: Vec::new(),
            buyer_index: HashMap::new(),
            seller_nickname,
            seller_first_name,
            seller_last_name,
        };
        for _ in 0..8 {
            catalog.new_buyer(site.lang, rng, ids);
        }
        catalog
    }

    pub fn listing(&self, id: &str) -> Option<&Listing> {
        self.listing_index.get(id).map(|i| &self.listings[*i])
    }

    pub fn buyer(&self, id: i64) -> Option<&Person> {
        self.buyer_index.get(&id).map(|i| &self.buyers[*i])
    }

    /// A new Mercado Libre buyer with a nickname in the site's style.
    pub fn new_buyer(&mut self, lang: Lang, rng: &mut StdRng, ids: &mut IdSeq) -> i64 {
        let person = person(lang, rng, ids.bump(|ids| &mut ids.buyer, 40_000));
        let id = person.id;
        self.buyer_index.insert(id, self.buyers.len());
        self.buyers.push(person);
        id
    }

    /// Half the time someone new, otherwise a returning buyer.
    pub fn some_buyer(&mut self, lang: Lang, rng: &mut StdRng, ids: &mut IdSeq) -> i64 {
        if self.buyers.is_empty() || rng.random_bool(0.5) {
            self.new_buyer(lang, rng, ids)
        } else {
            self.buyers[rng.random_range(0..self.buyers.len())].id
        }
    }
}

pub(crate) fn names(lang: Lang) -> (&'static [&'static str], &'static [&'static str]) {
    match lang {
        Lang::Es => (phrases::FIRST_NAMES_ES, phrases::LAST_NAMES_ES),
        Lang::Pt => (phrases::FIRST_NAMES_PT, phrases::LAST_NAMES_PT),
    }
}

/// Someone with a name and a nickname such as "MARIANAG_1987", "LUCAS.SILVA" or "CAMIROMERO22".
pub(crate) fn person(lang: Lang, rng: &mut StdRng, id: i64) -> Person {
    let (first, last) = names(lang);
    let first_name = (*first.choose(rng).unwrap_or(&"Ana")).to_owned();
    let last_name = (*last.choose(rng).unwrap_or(&"Silva")).to_owned();
    let f = nickname_part(&first_name);
    let l = nickname_part(&last_name);
    let nickname = match rng.random_range(0..4) {
        0 => format!("{f}{}_{}", &l[..1], rng.random_range(1970..2008)),
        1 => format!("{f}.{l}"),
        2 => format!("{}{l}{}", &f[..f.len().min(4)], rng.random_range(1..99)),
        _ => format!("{f}{l}"),
    };
    Person { id, nickname, first_name, last_name }
}
