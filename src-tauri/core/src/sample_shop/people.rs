//! Buyers: names, cities, street addresses, phones in the formats people really type them,
//! e-mail addresses and channel handles.

use std::collections::BTreeSet;

use super::random::Rng;

/// Where a buyer is from, which decides their name, their city and how they write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Locale {
    /// Rioplatense voseo: most of the shop's buyers.
    Argentina,
    Mexico,
    Chile,
    Spain,
    Brazil,
    /// Etsy buyers from the US, Canada, the UK, Europe.
    English,
}

#[derive(Debug)]
pub(super) struct City {
    pub name: &'static str,
    /// Province or state, as written in an address.
    pub region: &'static str,
    pub postcode: &'static str,
    /// Telephone area code (without trunk prefix).
    pub area: &'static str,
    pub streets: &'static [&'static str],
}

const GENERIC_AR_STREETS: &[&str] =
    &["San Martín", "Belgrano", "Mitre", "Sarmiento", "Rivadavia", "9 de Julio", "Italia", "Moreno"];

const fn city(
    name: &'static str,
    region: &'static str,
    postcode: &'static str,
    area: &'static str,
    streets: &'static [&'static str],
) -> City {
    City { name, region, postcode, area, streets }
}

pub(super) const CORDOBA: City = city(
    "Córdoba",
    "Córdoba",
    "X5000",
    "351",
    &[
        "Av. Colón",
        "Bv. San Juan",
        "Obispo Trejo",
        "Av. Rafael Núñez",
        "Jujuy",
        "Rodríguez Peña",
        "Fragueiro",
    ],
);
pub(super) const BUENOS_AIRES: City = city(
    "CABA",
    "Buenos Aires",
    "C1414",
    "11",
    &[
        "Av. Corrientes",
        "Gascón",
        "Honduras",
        "Av. Rivadavia",
        "Thames",
        "Acoyte",
        "Bonpland",
        "Av. Díaz Vélez",
    ],
);

const AR_CITIES: &[City] = &[
    CORDOBA,
    BUENOS_AIRES,
    city("Rosario", "Santa Fe", "S2000", "341", &["Bv. Oroño", "Córdoba", "Mendoza", "Pellegrini"]),
    city("Mendoza", "Mendoza", "M5500", "261", &["Av. Arístides Villanueva", "Colón", "Chile", "Belgrano"]),
    city("La Plata", "Buenos Aires", "B1900", "221", &["Calle 7", "Calle 12", "Diagonal 74", "Calle 50"]),
    city("Mar del Plata", "Buenos Aires", "B7600", "223", &["Güemes", "Alem", "Olavarría", "Av. Colón"]),
    city("Villa Carlos Paz", "Córdoba", "X5152", "3541", GENERIC_AR_STREETS),
    city("Río Cuarto", "Córdoba", "X5800", "358", GENERIC_AR_STREETS),
    city("San Miguel de Tucumán", "Tucumán", "T4000", "381", &["25 de Mayo", "Laprida", "Muñecas"]),
    city("Salta", "Salta", "A4400", "387", &["Caseros", "Balcarce", "Alvarado"]),
    city("Neuquén", "Neuquén", "Q8300", "299", &["Av. Argentina", "Alderete", "Santa Fe"]),
    city("Bahía Blanca", "Buenos Aires", "B8000", "291", &["Alsina", "Zelarrayán", "Brown"]),
    city("Santa Fe", "Santa Fe", "S3000", "342", &["Bv. Gálvez", "San Jerónimo", "Rivadavia"]),
    city("Villa María", "Córdoba", "X5900", "353", GENERIC_AR_STREETS),
    city("San Carlos de Bariloche", "Río Negro", "R8400", "294", &["Mitre", "Elflein", "Moreno"]),
];

const BR_CITIES: &[City] = &[
    city(
        "São Paulo",
        "SP",
        "01304-001",
        "11",
        &["Rua Augusta", "Rua Harmonia", "Av. Paulista", "Rua Fradique Coutinho"],
    ),
    city("Rio de Janeiro", "RJ", "22041-001", "21", &["Rua Barata Ribeiro", "Rua Voluntários da Pátria"]),
    city("Belo Horizonte", "MG", "30140-071", "31", &["Rua Pernambuco", "Av. Getúlio Vargas"]),
    city("Porto Alegre", "RS", "90035-001", "51", &["Rua Fernandes Vieira", "Av. Osvaldo Aranha"]),
    city("Curitiba", "PR", "80240-210", "41", &["Rua Desembargador Motta", "Av. Sete de Setembro"]),
    city("Florianópolis", "SC", "88015-200", "48", &["Rua Bocaiúva", "Av. Hercílio Luz"]),
    city("Campinas", "SP", "13025-320", "19", &["Rua Coronel Quirino", "Av. Júlio de Mesquita"]),
    city("Salvador", "BA", "40140-110", "71", &["Rua Marquês de Caravelas", "Av. Sete de Setembro"]),
];

const MX_CITIES: &[City] = &[
    city("Ciudad de México", "CDMX", "06700", "55", &["Colima", "Álvaro Obregón", "Tonalá"]),
    city("Guadalajara", "Jalisco", "44160", "33", &["Av. Chapultepec", "López Cotilla"]),
];

const CL_CITIES: &[City] = &[
    city("Santiago", "RM", "7500000", "2", &["Av. Providencia", "Los Leones", "Manuel Montt"]),
    city("Valparaíso", "V Región", "2340000", "32", &["Cerro Alegre", "Almirante Montt"]),
];

const ES_CITIES: &[City] = &[
    city("Valencia", "Valencia", "46004", "96", &["Carrer de Cádiz", "Carrer de Sueca"]),
    city("Madrid", "Madrid", "28004", "91", &["Calle del Pez", "Calle de la Palma"]),
    city("Barcelona", "Barcelona", "08012", "93", &["Carrer de Verdi", "Travessera de Gràcia"]),
];

const EN_CITIES: &[City] = &[
    city("Austin", "TX", "78704", "512", &["S Congress Ave", "Annie St"]),
    city("Portland", "OR", "97214", "503", &["SE Belmont St", "SE Hawthorne Blvd"]),
    city("Toronto", "ON", "M6J 1H4", "416", &["Ossington Ave", "Queen St W"]),
    city("Brooklyn", "NY", "11215", "718", &["7th Ave", "Union St"]),
    city("London", "", "E8 3PH", "20", &["Mare Street", "Broadway Market"]),
    city("Seattle", "WA", "98103", "206", &["Stone Way N", "N 45th St"]),
    city("Melbourne", "VIC", "3065", "3", &["Smith St", "Gertrude St"]),
    city("Berlin", "", "10999", "30", &["Oranienstraße", "Reichenberger Str."]),
];

const AR_WOMEN: &[&str] = &[
    "María",
    "Carolina",
    "Valentina",
    "Agustina",
    "Florencia",
    "Sofía",
    "Camila",
    "Micaela",
    "Romina",
    "Gabriela",
    "Natalia",
    "Paula",
    "Julieta",
    "Milagros",
    "Rocío",
    "Silvina",
    "Mariela",
    "Noelia",
    "Vanesa",
    "Belén",
    "Ayelén",
    "Brenda",
    "Jimena",
    "Luciana",
    "Soledad",
    "Marcela",
    "Graciela",
    "Andrea",
    "Verónica",
    "Eugenia",
    "Cecilia",
    "Lorena",
    "Antonella",
    "Mercedes",
    "Pilar",
    "Candela",
    "Josefina",
    "Analía",
];
const AR_MEN: &[&str] = &[
    "Juan Cruz",
    "Martín",
    "Nicolás",
    "Facundo",
    "Matías",
    "Santiago",
    "Gonzalo",
    "Federico",
    "Diego",
    "Pablo",
    "Sebastián",
    "Ezequiel",
    "Leandro",
    "Gustavo",
    "Rodrigo",
    "Franco",
    "Tomás",
    "Lautaro",
];
const AR_SURNAMES: &[&str] = &[
    "Gómez",
    "Fernández",
    "Rodríguez",
    "López",
    "Martínez",
    "Pérez",
    "García",
    "Sánchez",
    "Romero",
    "Álvarez",
    "Torres",
    "Ruiz",
    "Ramírez",
    "Flores",
    "Acosta",
    "Medina",
    "Herrera",
    "Suárez",
    "Aguirre",
    "Giménez",
    "Gutiérrez",
    "Pereyra",
    "Molina",
    "Castro",
    "Ortiz",
    "Rossi",
    "Bianchi",
    "Quiroga",
    "Vera",
    "Bustos",
    "Moyano",
    "Luna",
    "Cabrera",
    "Ríos",
    "Villalba",
    "Ceballos",
    "Olmos",
    "Peralta",
    "Funes",
    "Barrionuevo",
];
const MX_FIRST: &[&str] = &["Guadalupe", "Ximena", "Itzel", "Fernanda", "Alejandra", "José Luis", "Citlali"];
const MX_SURNAMES: &[&str] = &["Hernández", "Vázquez", "Morales", "Cruz", "Reyes", "Castañeda"];
const CL_FIRST: &[&str] = &["Javiera", "Constanza", "Catalina", "Francisca", "Ignacia", "Benjamín"];
const CL_SURNAMES: &[&str] = &["Muñoz", "Rojas", "Soto", "Contreras", "Silva", "Araya"];
const ES_FIRST: &[&str] = &["Marta", "Nuria", "Carmen", "Elena", "Irene", "Jordi"];
const ES_SURNAMES: &[&str] = &["Navarro", "Serrano", "Iglesias", "Vidal", "Ferrer", "Blanco"];
const BR_FIRST: &[&str] = &[
    "Ana Clara",
    "Mariana",
    "Juliana",
    "Fernanda",
    "Beatriz",
    "Larissa",
    "Letícia",
    "Gabriela",
    "João",
    "Pedro",
    "Lucas",
    "Rafael",
    "Thiago",
    "Bruna",
    "Aline",
    "Patrícia",
    "Renata",
    "Tatiana",
    "Camila",
];
const BR_SURNAMES: &[&str] = &[
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Lima",
    "Pereira",
    "Costa",
    "Rodrigues",
    "Almeida",
    "Nascimento",
    "Carvalho",
    "Araújo",
    "Ribeiro",
    "Gonçalves",
    "Barbosa",
    "Rocha",
    "Moreira",
];
const EN_FIRST: &[&str] = &[
    "Sarah", "Emily", "Hannah", "Olivia", "Megan", "Rachel", "Laura", "Claire", "Anna", "Michael", "David",
    "Tom", "Chloe", "Grace", "Sophie", "Emma", "Naomi", "Ruth",
];
const EN_SURNAMES: &[&str] = &[
    "Kim",
    "Johnson",
    "Walker",
    "Thompson",
    "Nguyen",
    "Anderson",
    "Clark",
    "Lewis",
    "Baker",
    "O'Connor",
    "Schneider",
    "Dubois",
    "Patel",
    "Fischer",
];

#[derive(Debug, Clone)]
pub(super) struct Person {
    pub first: String,
    pub last: String,
    pub locale: Locale,
    pub city: &'static City,
    /// E.164, the stable id a WhatsApp import keys on.
    pub phone_e164: String,
    /// How the number shows up in the seller's phone or an export.
    pub phone: String,
    pub email: String,
    pub instagram: String,
    pub ml_nickname: String,
    pub etsy_user: String,
    pub address: String,
}

impl Person {
    pub(super) fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    /// First name only, the way buyers sign chats ("Juan Cruz" stays whole).
    pub(super) fn given(&self) -> &str {
        &self.first
    }
}

/// Picks people without ever repeating a full name, so two buyers never look like one.
pub(super) struct Crowd {
    used: BTreeSet<String>,
}

impl Crowd {
    pub(super) fn new() -> Crowd {
        Crowd { used: BTreeSet::new() }
    }

    /// Reserves a name written by hand in a scene, so the crowd never reuses it.
    pub(super) fn reserve(&mut self, full_name: &str) {
        self.used.insert(full_name.to_string());
    }

    pub(super) fn person(&mut self, rng: &mut Rng, locale: Locale) -> Person {
        loop {
            let (first, last) = names(rng, locale);
            let full = format!("{first} {last}");
            if self.used.insert(full) {
                let cities = cities(locale);
                let city = rng_pick_city(rng, cities);
                return build(rng, locale, first, last, city);
            }
        }
    }

    /// A buyer from one given city (for scenes that need, say, Córdoba).
    pub(super) fn person_in(&mut self, rng: &mut Rng, locale: Locale, city: &'static City) -> Person {
        loop {
            let (first, last) = names(rng, locale);
            if self.used.insert(format!("{first} {last}")) {
                return build(rng, locale, first, last, city);
            }
        }
    }
}

/// Builds a person with given names (scenes), deriving phone, handles and address.
pub(super) fn named(rng: &mut Rng, locale: Locale, first: &str, last: &str, city: &'static City) -> Person {
    build(rng, locale, first, last, city)
}

/// A city from the lists by name (scenes place buyers in Mendoza or Porto Alegre).
pub(super) fn city_named(name: &str) -> Option<&'static City> {
    [AR_CITIES, BR_CITIES, MX_CITIES, CL_CITIES, ES_CITIES, EN_CITIES]
        .into_iter()
        .flat_map(|cities| cities.iter())
        .find(|city| city.name == name)
}

fn rng_pick_city(rng: &mut Rng, cities: &'static [City]) -> &'static City {
    // Half of the Argentine buyers are from Córdoba or Buenos Aires, as in a real shop.
    if cities.len() > 2 && rng.chance(45) { &cities[rng.below(2)] } else { &cities[rng.below(cities.len())] }
}

fn cities(locale: Locale) -> &'static [City] {
    match locale {
        Locale::Argentina => AR_CITIES,
        Locale::Mexico => MX_CITIES,
        Locale::Chile => CL_CITIES,
        Locale::Spain => ES_CITIES,
        Locale::Brazil => BR_CITIES,
        Locale::English => EN_CITIES,
    }
}

fn names(rng: &mut Rng, locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::Argentina => {
            let first = if rng.chance(72) { rng.pick(AR_WOMEN) } else { rng.pick(AR_MEN) };
            (first, rng.pick(AR_SURNAMES))
        }
        Locale::Mexico => (rng.pick(MX_FIRST), rng.pick(MX_SURNAMES)),
        Locale::Chile => (rng.pick(CL_FIRST), rng.pick(CL_SURNAMES)),
        Locale::Spain => (rng.pick(ES_FIRST), rng.pick(ES_SURNAMES)),
        Locale::Brazil => (rng.pick(BR_FIRST), rng.pick(BR_SURNAMES)),
        Locale::English => (rng.pick(EN_FIRST), rng.pick(EN_SURNAMES)),
    }
}

fn build(rng: &mut Rng, locale: Locale, first: &str, last: &str, city: &'static City) -> Person {
    let a = ascii(first).replace(' ', "");
    let b = ascii(last).replace(['\'', ' '], "");
    let yy = rng.range(70, 99) % 100;
    let (phone_e164, phone) = phone(rng, locale, city);
    let email = match rng.below(5) {
        0 => format!("{a}.{b}@gmail.com"),
        1 => format!("{a}{b}{yy}@hotmail.com"),
        2 => format!("{}{b}@{}", &a[..1], mail_domain(locale)),
        3 => format!("{a}_{b}@outlook.com"),
        _ => format!("{a}.{b}{}@gmail.com", rng.range(1, 99)),
    };
    let instagram = match rng.below(5) {
        0 => format!("@{a}.{b}"),
        1 => format!("@{a}_{b}{}", rng.range(1, 99)),
        2 => format!("@{a}{b}.deco"),
        3 => format!("@soy.{a}"),
        _ => format!("@{a}.{}", &b[..b.len().min(3)]),
    };
    let ml_nickname = match rng.below(4) {
        0 => format!("{}{}{yy}", a.to_uppercase(), b.to_uppercase()),
        1 => format!("{}.{}", b.to_uppercase(), a.to_uppercase()),
        2 => format!("{}_{}{}", a.to_uppercase(), &b[..1].to_uppercase(), rng.range(10, 999)),
        _ => format!("{}{}", b.to_uppercase(), rng.range(1000, 9999)),
    };
    let etsy_user = match rng.below(3) {
        0 => format!("{a}{b}"),
        1 => format!("{a}makesthings"),
        _ => format!("{a}{}{}", &b[..1], rng.range(10, 99)),
    };
    let street = rng.pick(city.streets);
    let number = rng.range(120, 4800);
    let address = match locale {
        Locale::Brazil => {
            let flat = if rng.chance(60) { format!(", apto {}", rng.range(11, 154)) } else { String::new() };
            format!("{street}, {number}{flat} — {}/{}, CEP {}", city.name, city.region, city.postcode)
        }
        Locale::English => {
            let region = if city.region.is_empty() { String::new() } else { format!(" {}", city.region) };
            format!("{number} {street}, {}{region} {}", city.name, city.postcode)
        }
        _ => {
            let flat = if rng.chance(45) {
                format!(", {}° {}", rng.range(1, 12), char::from(b'A' + rng.below(6) as u8))
            } else {
                String::new()
            };
            format!("{street} {number}{flat}, {} ({})", city.name, city.postcode)
        }
    };
    Person {
        first: first.to_string(),
        last: last.to_string(),
        locale,
        city,
        phone_e164,
        phone,
        email,
        instagram,
        ml_nickname,
        etsy_user,
        address,
    }
}

fn mail_domain(locale: Locale) -> &'static str {
    match locale {
        Locale::Argentina => "yahoo.com.ar",
        Locale::Mexico => "yahoo.com.mx",
        Locale::Chile => "gmail.com",
        Locale::Spain => "yahoo.es",
        Locale::Brazil => "uol.com.br",
        Locale::English => "icloud.com",
    }
}

/// (E.164, as displayed). Argentine numbers come in the many shapes people type them.
fn phone(rng: &mut Rng, locale: Locale, city: &City) -> (String, String) {
    match locale {
        Locale::Argentina => {
            let rest = rng.digits(10 - city.area.len());
            let (head, tail) = rest.split_at(rest.len() - 4);
            let e164 = format!("+549{}{rest}", city.area);
            let shown = match rng.below(5) {
                0 => format!("+54 9 {} {head}-{tail}", city.area),
                1 => format!("0{} 15-{head}-{tail}", city.area),
                2 => format!("{} {rest}", city.area),
                3 => e164.clone(),
                _ => format!("+54 9 {} {head} {tail}", city.area),
            };
            (e164, shown)
        }
        Locale::Brazil => {
            let rest = format!("9{}", rng.digits(8));
            let e164 = format!("+55{}{rest}", city.area);
            let shown = match rng.below(3) {
                0 => format!("+55 {} {}-{}", city.area, &rest[..5], &rest[5..]),
                1 => format!("({}) {}-{}", city.area, &rest[..5], &rest[5..]),
                _ => format!("{} {rest}", city.area),
            };
            (e164, shown)
        }
        Locale::Mexico => {
            let rest = rng.digits(8);
            (format!("+52{}{rest}", city.area), format!("+52 {} {} {}", city.area, &rest[..4], &rest[4..]))
        }
        Locale::Chile => {
            let rest = rng.digits(8);
            (format!("+569{rest}"), format!("+56 9 {} {}", &rest[..4], &rest[4..]))
        }
        Locale::Spain => {
            let rest = format!("6{}", rng.digits(8));
            (format!("+34{rest}"), format!("+34 {} {} {}", &rest[..3], &rest[3..6], &rest[6..]))
        }
        Locale::English => {
            let rest = rng.digits(7);
            (format!("+1{}{rest}", city.area), format!("+1 ({}) {}-{}", city.area, &rest[..3], &rest[3..]))
        }
    }
}

/// Lower-case ASCII for e-mail addresses and handles ("Ríos" → "rios", "João" → "joao").
pub(super) fn ascii(text: &str) -> String {
    text.chars()
        .map(|ch| match ch {
            'á' | 'à' | 'â' | 'ã' | 'Á' | 'Â' | 'Ã' => 'a',
            'é' | 'ê' | 'É' | 'Ê' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'ô' | 'õ' | 'Ó' | 'Ô' => 'o',
            'ú' | 'ü' | 'Ú' => 'u',
            'ñ' | 'Ñ' => 'n',
            'ç' | 'Ç' => 'c',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_plain_ascii() {
        let mut rng = Rng::new(3);
        let mut crowd = Crowd::new();
        for locale in [Locale::Argentina, Locale::Brazil, Locale::English, Locale::Mexico] {
            for _ in 0..20 {
                let p = crowd.person(&mut rng, locale);
                assert!(p.email.is_ascii() && p.instagram.is_ascii() && p.ml_nickname.is_ascii(), "{p:?}");
                assert!(p.phone_e164.starts_with('+'));
            }
        }
        assert_eq!(ascii("João Ríos Muñoz"), "joao rios munoz");
    }

    #[test]
    fn argentine_numbers_have_ten_digits_after_the_country_code() {
        let mut rng = Rng::new(9);
        let mut crowd = Crowd::new();
        for _ in 0..50 {
            let p = crowd.person(&mut rng, Locale::Argentina);
            assert_eq!(p.phone_e164.len(), "+549".len() + 10, "{}", p.phone_e164);
        }
    }
}
