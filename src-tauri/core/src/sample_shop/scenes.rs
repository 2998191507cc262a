//! The stories the sample shop must tell, written out by hand (seed 003 and the product's
//! acceptance scenarios): the blue-mug question that has waited three hours, the one-word buyers,
//! the buyer who wants everything, the mediator, the holiday rush, the confused pickup, one buyer
//! on two channels, the new Etsy buyer, the moderated Mercado Libre message, Portuguese and English.

use crate::ingest::BuyerIdentityInput;
use crate::orders::Delivery;
use crate::vocabulary::{
    ConversationKind, DeliveryMethod, MessageStatus, OrderStage, PaymentStatus, UnixSeconds,
};

use super::accounts::{AccountKey, SHOP_PHONE};
use super::catalog::{self, BOWL, CAT_MUG, CUSTOM_PLATE, MATE, MINI_TOY, MUG, MUG_SET, RABBIT};
use super::dialogue::Media;
use super::people::{self, BUENOS_AIRES, CORDOBA, Locale, Person};
use super::plan::{PlannedOrder, Thread, item};
use super::shop::ShopBuilder;
use super::shop_time::{self, DAY, HOUR, MINUTE, day_start, weekday};
use super::timing::State;

/// Names the tests look the scenes up by.
pub(super) const BLUE_MUG_ASKER: &str = "GABIROMERO_CBA";
pub(super) const CATALOGUE_ASKER: &str = "Valeria Acosta";
pub(super) const ENTHUSIAST: &str = "Micaela Benítez";
pub(super) const MEDIATOR: &str = "Martín Sosa";
pub(super) const RUSH_BUYER: &str = "Daiana Ledesma";
pub(super) const PICKUP_BUYER: &str = "Vero Paz";
pub(super) const TWO_CHANNEL_BUYER: &str = "Carolina Méndez";
pub(super) const NEW_ETSY_BUYER: &str = "Jessica Miller";
pub(super) const MODERATED_BUYER: &str = "Nicolás Herrera";
pub(super) const PRAZO_ASKER: &str = "RAFAPOA_RS";
pub(super) const WHOLESALE_BUYER: &str = "Florencia Aguirre";

pub(super) fn write(shop: &mut ShopBuilder) {
    for name in [
        CATALOGUE_ASKER,
        ENTHUSIAST,
        MEDIATOR,
        RUSH_BUYER,
        "Verónica Paz",
        TWO_CHANNEL_BUYER,
        NEW_ETSY_BUYER,
        MODERATED_BUYER,
        WHOLESALE_BUYER,
        "Gabriela Romero",
        "Rafael Moreira",
        "Ezequiel Quiroga",
        "Antonella Funes",
    ] {
        shop.crowd.reserve(name);
    }
    blue_mug_question(shop);
    one_word_questions(shop);
    catalogue_link(shop);
    wants_everything(shop);
    mediator(shop);
    holiday_rush(shop);
    confused_pickup(shop);
    one_buyer_two_channels(shop);
    new_etsy_buyer(shop);
    moderated_pack(shop);
    prazo_de_entrega(shop);
    wholesale_email(shop);
}

/// `days_ago` days before today (shop time), at hh:mm. Always in the past for `days_ago >= 1`.
fn day(shop: &ShopBuilder, days_ago: i64, hour: i64, minute: i64) -> UnixSeconds {
    day_start(shop.now) - days_ago * DAY + hour * HOUR + minute * MINUTE
}

fn person(
    shop: &mut ShopBuilder,
    locale: Locale,
    first: &str,
    last: &str,
    city: &'static people::City,
) -> Person {
    people::named(&mut shop.rng, locale, first, last, city)
}

fn ml_identity(id: &str, nickname: &str, display: &str) -> BuyerIdentityInput {
    BuyerIdentityInput {
        external_id: id.to_string(),
        display_name: display.to_string(),
        handle: Some(nickname.to_string()),
        phone: None,
        email: None,
    }
}

fn instagram_identity(id: &str, person: &Person) -> BuyerIdentityInput {
    BuyerIdentityInput {
        external_id: id.to_string(),
        display_name: person.full_name(),
        handle: Some(person.instagram.clone()),
        phone: None,
        email: None,
    }
}

fn whatsapp_identity(saved_as: &str, person: &Person) -> BuyerIdentityInput {
    BuyerIdentityInput {
        external_id: person.phone_e164.clone(),
        display_name: saved_as.to_string(),
        handle: None,
        phone: Some(person.phone.clone()),
        email: None,
    }
}

fn all_messages(thread: &Thread) -> Vec<usize> {
    (0..thread.messages.len()).collect()
}

fn attach(shop: &mut ShopBuilder, thread: &mut Thread, message: usize, media: Media) {
    let at = thread.messages[message].sent_at;
    let file = shop.media(thread.account, media, at);
    thread.attach(message, file);
}

/// (g) and scenario 1: the oldest unanswered question of the morning, close to three hours old.
fn blue_mug_question(shop: &mut ShopBuilder) {
    let buyer = ml_identity("241907735", BLUE_MUG_ASKER, BLUE_MUG_ASKER);
    let mut t = Thread::new(
        AccountKey::MercadoLibreAr,
        ConversationKind::PreSaleQuestion,
        Some(MUG.title_es.to_string()),
        buyer,
    );
    t.buyer_says(shop.ago(2, 57), "¿Lo tenés en azul?");
    shop.file(t, State::NeedsReply { wait: 177 * MINUTE });
}

/// (a) Classified-ads style buyers on Mercado Libre: one word, nothing else.
fn one_word_questions(shop: &mut ShopBuilder) {
    let buyer = ml_identity("198433051", "QUIROGAEZE_87", "QUIROGAEZE_87");
    let mut t = Thread::new(
        AccountKey::MercadoLibreAr,
        ConversationKind::PreSaleQuestion,
        Some(MATE.title_es.to_string()),
        buyer,
    );
    t.buyer_says(shop.ago(0, 23), "precio?");
    shop.file(t, State::NeedsReply { wait: 23 * MINUTE });

    let buyer = ml_identity("230118842", "ANTOFUNES.22", "ANTOFUNES.22");
    let mut t = Thread::new(
        AccountKey::MercadoLibreAr,
        ConversationKind::PreSaleQuestion,
        Some(catalog::PLANTER.title_es.to_string()),
        buyer,
    );
    t.buyer_says(shop.ago(5, 12), "hay?");
    t.seller_says(
        shop.ago(4, 58),
        "¡Hola! Sí, hay stock en terracota, blanco nieve, verde oliva y arena. Comprando antes de las 18 sale mañana. ¡Gracias por tu consulta!",
    );
    shop.file(t, State::Waiting { ago: 4 * HOUR + 58 * MINUTE });
}

/// (a) "Send me a link to the whole catalogue" on Instagram, and the buyer who closes the group.
fn catalogue_link(shop: &mut ShopBuilder) {
    let mut p = person(shop, Locale::Argentina, "Valeria", "Acosta", BUENOS_AIRES_REF);
    p.instagram = "@vale.acosta.home".to_string();
    let mut t = Thread::new(
        AccountKey::Instagram,
        ConversationKind::Chat,
        None,
        instagram_identity("17846629013377120", &p),
    );
    t.buyer_says(day(shop, 9, 22, 14), "Hola!! me pasás el link de todo el catálogo? 🙏");
    t.seller_says(
        day(shop, 9, 22, 31),
        "¡Hola Valeria! Está todo en el link de la bio y en las historias destacadas 'STOCK'. ¿Buscás algo en particular? Así te paso fotos y precios directo 😊",
    );
    t.buyer_says(day(shop, 9, 22, 40), "no veo dónde dice qué hay en stock y qué no");
    t.seller_says(
        day(shop, 9, 22, 58),
        "Tenés razón, es un lío 🙈 Lo disponible hoy: tazas esmaltadas ($ 14.900) en verde oliva y arena; cuencos ($ 13.900) azul cobalto; mates con bombilla ($ 18.500) negro mate y verde agua; macetas con plato ($ 21.500) terracota. Lo demás es a pedido (10 días hábiles).",
    );
    t.seller_says(day(shop, 8, 10, 12), "¿Pudiste verlo, Valeria?");
    t.buyer_says(day(shop, 7, 19, 40), "ah sí, había un grupo y lo cerré jaja. Después miro bien");
    t.seller_says(day(shop, 7, 19, 52), "¡Dale! Cuando quieras te ayudo a elegir 💛");
    shop.file(t, State::Done { days_ago: 7 });
}

const BUENOS_AIRES_REF: &people::City = &BUENOS_AIRES;
const CORDOBA_REF: &people::City = &CORDOBA;

/// (b) "¡Lo quiero todo!" with two dozen emojis, then the cooling down: one mug, another colour.
fn wants_everything(shop: &mut ShopBuilder) {
    let mut p = person(shop, Locale::Argentina, "Micaela", "Benítez", CORDOBA_REF);
    p.instagram = "@mica.benitez.deco".to_string();
    let mut t = Thread::new(
        AccountKey::Instagram,
        ConversationKind::Chat,
        None,
        instagram_identity("17851190442268731", &p),
    );
    t.buyer_says(
        day(shop, 6, 21, 3),
        "¡Ay, todo es tan lindo! ¡Qué trabajo hermoso que hacés! ¡Lo quiero todo! 😍😍😍😍😍😍🥰🥰🥰🥰😻😻😻😻✨✨✨✨💖💖💖💖🙌🙌",
    );
    t.seller_says(
        day(shop, 6, 21, 15),
        "¡Gracias, Mica! 🥰 Me alegra un montón. ¿Lo buscás para vos o para regalar? Así te recomiendo.",
    );
    t.buyer_says(day(shop, 6, 21, 16), "Para mí!! Las tazas, los cuencos, el mate verde, TODO");
    t.seller_says(
        day(shop, 6, 21, 30),
        "¡Qué lindo! Te paso precios: taza $ 14.900, cuenco $ 13.900, mate con bombilla $ 18.500. Si armás un desayuno para dos (2 tazas + 2 cuencos) te queda en $ 54.700 con 5% off.",
    );
    t.buyer_says(day(shop, 6, 21, 32), "Ayyy sí quiero eso");
    t.buyer_says(day(shop, 6, 21, 33), "y el mate también 😍");
    t.seller_says(
        day(shop, 6, 21, 40),
        "¡Genial! Serían $ 73.200 todo. ¿Te lo mando o lo retirás por el taller?",
    );
    t.buyer_says(day(shop, 5, 13, 5), "Uh bueno, lo voy a pensar 😅");
    t.seller_says(day(shop, 5, 13, 20), "¡Obvio, pensalo tranquila! Te lo guardo hasta el viernes.");
    let change = t.buyer_says(
        day(shop, 2, 23, 10),
        "Hola! Al final me quedo solo con una taza, pero ¿me la podés hacer en rosa viejo?",
    );
    t.seller_says(
        day(shop, 1, 8, 40),
        "¡Sí! La hago en rosa viejo: sale en la próxima horneada, 10 días hábiles. Te pido una seña de $ 7.000 para arrancar. ¿Te parece?",
    );
    t.buyer_says(day(shop, 1, 12, 2), "Dale, después te confirmo 😊");
    t.orders.push(PlannedOrder {
        stage: OrderStage::Inquiry,
        currency: "ARS",
        items: vec![item("Taza esmaltada (350 ml)", Some("Rosa viejo (a pedido)"), 1, MUG.ars)],
        due_date: None,
        delivery: None,
        payment_status: PaymentStatus::Unpaid,
        notes: "Empezó queriendo todo (desayuno para dos + mate, $ 73.200); al final una sola taza en rosa viejo. Pedir seña de $ 7.000 antes de esmaltar.".to_string(),
        messages: (change..t.messages.len()).collect(),
        created_at: day(shop, 1, 8, 40),
    });
    t.tag("nuevo");
    let until = day_start(shop.now + 2 * DAY) + 9 * HOUR;
    shop.file(t, State::Snoozed { ago: shop.now - day(shop, 1, 12, 2), until });
}

/// (c) The mediator: buying for his boss, knows nothing of her taste, and it is a surprise.
fn mediator(shop: &mut ShopBuilder) {
    let mut p = person(shop, Locale::Argentina, "Martín", "Sosa", CORDOBA_REF);
    p.instagram = "@martin.sosa.propiedades".to_string();
    let buyer = instagram_identity("17839917265510042", &p);
    let external_id = buyer.external_id.clone();
    let mut t = Thread::new(AccountKey::Instagram, ConversationKind::Chat, None, buyer);
    // The birthday is next week; he collects on the coming Thursday, named by its date.
    let thursday = next_weekday(shop.now, 3);
    let when = shop_time::day_words_es(thursday);
    t.buyer_says(
        day(shop, 2, 11, 20),
        "Buenas! Quiero comprar un juego de tazas para regalarle a mi jefa, cumple la semana que viene",
    );
    t.seller_says(
        day(shop, 2, 11, 34),
        "¡Hola Martín! Qué lindo regalo. ¿Sabés qué colores le gustan o cómo es su cocina? ¿Toma té o café?",
    );
    t.buyer_says(day(shop, 2, 11, 50), "Ni idea jaja. Le gustan las plantas creo");
    t.seller_says(
        day(shop, 2, 11, 58),
        "Jaja bueno, eso ayuda: el verde oliva va muy bien con plantas. El juego de 4 tazas con platitos sale $ 62.000. ¿Podrías preguntarle a alguien que la conozca, o que ella me escriba? Así no le erramos.",
    );
    t.buyer_says(day(shop, 2, 12, 10), "No, es sorpresa 🤫 Lo compramos entre todos los de la inmobiliaria");
    t.seller_says(
        day(shop, 2, 12, 25),
        "¡Entiendo! Entonces te recomiendo verde oliva: es neutro y combina con todo. Y si no le gusta el color, se lo cambio sin problema, avisale.",
    );
    t.buyer_says(day(shop, 2, 12, 31), &format!("Dale, verde oliva. Lo paso a buscar {when}?"));
    t.seller_says(
        day(shop, 2, 12, 40),
        &format!("Perfecto: {when}, de 10 a 18 en el taller. Total $ 62.000. ¿Te lo envuelvo para regalo con tarjeta?"),
    );
    t.buyer_says(
        day(shop, 2, 12, 42),
        "Sí, que diga: 'Feliz cumple, Graciela! De todo el equipo de Sosa Propiedades'",
    );
    t.seller_says(day(shop, 2, 12, 50), "Anotado 💚");
    t.orders.push(PlannedOrder {
        stage: OrderStage::Agreed,
        currency: "ARS",
        items: vec![item("Juego de 4 tazas con platitos (tazas de 250 ml)", Some("Verde oliva"), 1, MUG_SET.ars)],
        due_date: Some(shop_time::iso_date(thursday)),
        delivery: Some(Delivery {
            method: DeliveryMethod::Pickup,
            address: None,
            place: Some(format!("Taller — {}", super::accounts::WORKSHOP)),
            time_note: Some("Jueves de 10 a 18".to_string()),
            picked_up_by: None,
        }),
        payment_status: PaymentStatus::Unpaid,
        notes: "Regalo de cumpleaños para su jefa. Envolver con tarjeta: 'Feliz cumple, Graciela! De todo el equipo de Sosa Propiedades'. Si no le gusta el color, se cambia.".to_string(),
        messages: all_messages(&t),
        created_at: day(shop, 2, 12, 40),
    });
    t.tag("regalo");
    shop.plan.profile(
        AccountKey::Instagram,
        &external_id,
        "Compra para su jefa; la usuaria final es Graciela, dueña de Sosa Propiedades. No conoce sus gustos y es sorpresa: ofrecer cambio de color.",
        &["regalo"],
    );
    shop.file(t, State::Waiting { ago: shop.now - day(shop, 2, 12, 50) });
}

/// The next local `weekday` (0 = Monday) strictly after today, at noon.
fn next_weekday(now: UnixSeconds, target: usize) -> UnixSeconds {
    let mut t = day_start(now) + DAY + 12 * HOUR;
    while weekday(t) != target {
        t += DAY;
    }
    t
}

/// (d) Scenario 6, the holiday rush: fifteen pieces in two days, "they're small". Needs a reply.
fn holiday_rush(shop: &mut ShopBuilder) {
    let p = person(shop, Locale::Argentina, "Daiana", "Ledesma", CORDOBA_REF);
    let mut t = Thread::new(
        AccountKey::WhatsApp,
        ConversationKind::Chat,
        None,
        whatsapp_identity("Daiana Ledesma", &p),
    );
    // She bought a mate two months ago: the chat export carries that too.
    let old = [
        t.buyer_says(
            day(shop, 68, 18, 2),
            "Hola! Te compré un mate en la feria y me encantó. Tenés otro en verde agua para mi hermana?",
        ),
        t.seller_says(
            day(shop, 68, 18, 20),
            "¡Hola Daiana! Sí, me queda uno. $ 18.500. ¿Lo retirás por el taller?",
        ),
        t.buyer_says(day(shop, 68, 18, 24), "Sí! mañana paso a la tarde"),
        t.buyer_says(day(shop, 67, 17, 48), "Gracias Lu, es divino!"),
        t.seller_says(day(shop, 67, 17, 55), "¡Gracias a vos! 💚"),
    ];
    t.orders.push(PlannedOrder {
        stage: OrderStage::PickedUp,
        currency: "ARS",
        items: vec![item("Mate de cerámica con bombilla (200 ml)", Some("Verde agua"), 1, MATE.ars)],
        due_date: Some(shop_time::iso_date(day(shop, 67, 12, 0))),
        delivery: Some(super::shop::delivery(super::dialogue::Hand::Pickup, &p)),
        payment_status: PaymentStatus::Paid,
        notes: "Para su hermana. Pagó en efectivo al retirar.".to_string(),
        messages: old.to_vec(),
        created_at: day(shop, 68, 18, 20),
    });
    let rush = [
        t.buyer_says(
            shop.ago(0, 41),
            "Hola Lu!! Cómo andás? Quiero regalarle a las chicas de la oficina unos amigurumis de los chiquitos, los llaveritos 🧶",
        ),
        t.buyer_says(shop.ago(0, 40), "Me hacés 15 piezas en dos días? Son chiquitas, no te lleva mucho, no? 🙏🙏"),
        t.buyer_says(shop.ago(0, 39), "Ah y si me hacés precio por cantidad mejor jaja"),
    ];
    t.orders.push(PlannedOrder {
        stage: OrderStage::Inquiry,
        currency: "ARS",
        items: vec![item("Amigurumi mini llavero (8 cm)", Some("Surtidos"), 15, catalog::wholesale(MINI_TOY.ars))],
        due_date: Some(shop_time::iso_date(shop.now + 2 * DAY)),
        delivery: None,
        payment_status: PaymentStatus::Unpaid,
        notes: "Pide 15 llaveros en 2 días para las chicas de la oficina. Capacidad real: unos 6 por día. Darle una fecha honesta y pedir seña del 50%.".to_string(),
        messages: rush.to_vec(),
        created_at: shop.ago(0, 39),
    });
    t.tag("urgente");
    t.tag("recurrente");
    shop.file(t, State::NeedsReply { wait: 41 * MINUTE });
}

/// (e) Scenario 4, the confused pickup: a toy, two options, "next week", the husband, silence,
/// Sunday 23:52 "¿Estás dormida?", Monday 6:30 "Ya no. A trabajar.", Monday 9:40.
fn confused_pickup(shop: &mut ShopBuilder) {
    // The latest Monday whose morning exchange (until 10:31) is already over.
    let mut monday = day_start(shop.now);
    while weekday(monday) != 0 || monday + 10 * HOUR + 41 * MINUTE > shop.now {
        monday -= DAY;
    }
    let at = |days: i64, hour: i64, minute: i64| monday + days * DAY + hour * HOUR + minute * MINUTE;
    let pickup = at(8, 18, 30);
    let p = person(shop, Locale::Argentina, "Verónica", "Paz", BUENOS_AIRES_REF);
    let mut t =
        Thread::new(AccountKey::WhatsApp, ConversationKind::Chat, None, whatsapp_identity(PICKUP_BUYER, &p));
    t.buyer_says(at(-4, 14, 10), "Hola! Está disponible el juguete?");
    let options = t.seller_says(
        at(-4, 14, 25),
        "¡Buenas tardes! Sí, hay dos opciones del conejito tejido: 1) celeste con orejas largas, 2) beige con moñito. ¿Cuál te gusta más?",
    );
    attach(shop, &mut t, options, Media::Photo);
    t.buyer_says(at(-4, 16, 2), "Lo necesito para la semana que viene");
    t.seller_says(at(-4, 16, 10), "Lo tengo. Podés retirarlo la semana que viene.");
    t.buyer_says(at(-4, 19, 45), "No sé qué opción");
    t.seller_says(at(-4, 19, 52), "Te recomiendo la opción 1, es la más elegida por las mamás 😊");
    t.buyer_says(at(-4, 21, 3), "Dale. ¿Cuándo me lo podés dar?");
    t.seller_says(
        at(-4, 21, 15),
        "Estoy en Córdoba pero viajo seguido a Buenos Aires. Allá: de 9 a 18 estoy en la feria del Centro Cultural (Sarmiento 1551); de 20 a 22 en lo de mi hermana en Almagro (Medrano 850); o a las 18:30 te encuentro en el subte, estación Medrano de la línea B.",
    );
    t.buyer_says(at(-3, 8, 15), "¿En qué zona trabajás? Mi marido va a buscar el juguete");
    t.seller_says(
        at(-3, 8, 31),
        "De 9 a 18 en la feria del Centro Cultural, Sarmiento 1551 (San Nicolás). O a las 18:30 en el subte, estación Medrano de la línea B.",
    );
    t.buyer_says(at(-3, 8, 40), "Gracias. Te llamo.");
    t.buyer_says(at(-1, 23, 52), "¿Estás dormida?");
    t.seller_says(at(0, 6, 30), "Ya no. A trabajar.");
    t.buyer_says(at(0, 9, 40), "¿No trajiste el juguete?");
    t.seller_says(
        at(0, 9, 58),
        &format!(
            "¡Sí, lo tengo listo y envuelto! 😅 Pero a Buenos Aires viajo la semana que viene: {}, a las 18:30 en el subte, estación Medrano (línea B). ¿Va tu marido?",
            shop_time::day_words_es(pickup)
        ),
    );
    t.buyer_says(
        at(0, 10, 20),
        "Ahh pensé que era esta semana. Bueno, va Hernán, mi marido. 18:30 en Medrano",
    );
    t.seller_says(
        at(0, 10, 31),
        "Perfecto. Opción 1, el conejito celeste, $ 18.500 en efectivo. Que Hernán me avise cuando llegue al andén 🙂",
    );
    t.orders.push(PlannedOrder {
        stage: OrderStage::Ready,
        currency: "ARS",
        items: vec![item("Conejo tejido (amigurumi) (25 cm)", Some("Opción 1 — celeste, orejas largas"), 1, RABBIT.ars)],
        due_date: Some(shop_time::iso_date(pickup)),
        delivery: Some(Delivery {
            method: DeliveryMethod::Pickup,
            address: None,
            place: Some("Subte línea B, estación Medrano (Buenos Aires)".to_string()),
            time_note: Some(format!("La semana que viene: {}, 18:30", shop_time::weekday_es(pickup))),
            picked_up_by: Some("Hernán, su marido".to_string()),
        }),
        payment_status: PaymentStatus::Unpaid,
        notes: "Opción 1 (conejito celeste). Retira el marido, Hernán, en el subte: 18:30, estación Medrano (línea B). Paga en efectivo al retirar. Ella pensó que era esta semana: confirmar el día antes.".to_string(),
        messages: all_messages(&t),
        created_at: at(0, 10, 31),
    });
    t.finish.pinned = true;
    shop.file(t, State::Waiting { ago: shop.now - at(0, 10, 31) });
}

/// (f) Scenario 5: the same buyer on Instagram (a mug) and on WhatsApp (a custom plate). Two
/// identities, so two buyers in the store for now; each order keeps only its own messages.
fn one_buyer_two_channels(shop: &mut ShopBuilder) {
    let alta_cordoba = "Av. Juan B. Justo 2840, Alta Córdoba, Córdoba (X5001)";
    let mut p = person(shop, Locale::Argentina, "Carolina", "Méndez", CORDOBA_REF);
    p.instagram = "@caro.mendez.deco".to_string();
    p.address = alta_cordoba.to_string();
    let notes = "Misma clienta en Instagram (@caro.mendez.deco, taza con gatito) y en WhatsApp (plato personalizado). Vive en Alta Córdoba.";

    let ig = instagram_identity("17843377805129964", &p);
    let ig_id = ig.external_id.clone();
    let mut t = Thread::new(AccountKey::Instagram, ConversationKind::Chat, None, ig);
    t.buyer_says(day(shop, 12, 16, 5), "Hola! La taza con gatito está disponible? 😻");
    t.seller_says(
        day(shop, 12, 16, 19),
        "¡Hola Carolina! Sí, me quedan dos: blanca y rosa viejo. Sale $ 16.900.",
    );
    t.buyer_says(day(shop, 12, 16, 22), "La blanca! Me la mandás? Vivo en Alta Córdoba");
    t.seller_says(
        day(shop, 12, 16, 35),
        "¡Sí! Envío en Córdoba capital $ 4.200, llega en 48 h. Total $ 21.100. Alias barro.serrano.mp",
    );
    let paid = t.buyer_says(day(shop, 12, 17, 2), "Listo, transferido 🙌");
    attach(shop, &mut t, paid, Media::Receipt);
    t.seller_says(day(shop, 12, 17, 10), "¡Gracias! Sale mañana.");
    t.seller_says(day(shop, 11, 11, 40), "Salió tu taza: seguimiento CP482913375AR");
    t.buyer_says(
        day(shop, 9, 20, 15),
        "Llegó! Es hermosa 😍 Ya te escribo por WhatsApp por otra cosa que te quiero encargar",
    );
    t.seller_says(day(shop, 9, 20, 31), "¡Qué alegría! Dale, te espero por allá 💛");
    t.orders.push(PlannedOrder {
        stage: OrderStage::Delivered,
        currency: "ARS",
        items: vec![
            item("Taza con gatito (300 ml)", Some("Blanco nieve"), 1, CAT_MUG.ars),
            item("Envío Correo Argentino", None, 1, 420_000),
        ],
        due_date: Some(shop_time::iso_date(day(shop, 10, 12, 0))),
        delivery: Some(super::shop::delivery(super::dialogue::Hand::Ship, &p)),
        payment_status: PaymentStatus::Paid,
        notes: "Pagó por transferencia.".to_string(),
        messages: all_messages(&t),
        created_at: day(shop, 12, 17, 2),
    });
    shop.plan.profile(AccountKey::Instagram, &ig_id, notes, &["recurrente"]);
    shop.file(t, State::Done { days_ago: 9 });

    let wa = whatsapp_identity(TWO_CHANNEL_BUYER, &p);
    let wa_id = wa.external_id.clone();
    let mut t = Thread::new(AccountKey::WhatsApp, ConversationKind::Chat, None, wa);
    t.buyer_says(
        day(shop, 6, 10, 2),
        "Hola Lu! Soy Carolina, la de la taza con gatito de Instagram 😊 Te quería encargar un plato pintado con los nombres de mis hijos, Tomi y Juana",
    );
    t.seller_says(
        day(shop, 6, 10, 15),
        "¡Hola Caro! Qué lindo. El plato personalizado es de 28 cm, pintado a mano. ¿Lo querés con algún dibujo además de los nombres?",
    );
    t.buyer_says(day(shop, 6, 10, 21), "Sí! Un sol y unas plantitas, colores suaves");
    t.seller_says(
        day(shop, 6, 10, 30),
        "Perfecto. Sale $ 24.000 y demora 15 días hábiles. Te pido 50% de seña.",
    );
    let deposit = t.buyer_says(day(shop, 6, 11, 5), "Ahí va la seña 🙌");
    attach(shop, &mut t, deposit, Media::Receipt);
    t.seller_says(day(shop, 6, 11, 12), "¡Recibida! Te mando boceto antes de pintar.");
    let sketch = t.seller_says(
        day(shop, 3, 9, 45),
        "Boceto: ¿así te gusta? Tomi a la izquierda, Juana a la derecha, el sol arriba.",
    );
    attach(shop, &mut t, sketch, Media::Photo);
    t.buyer_says(day(shop, 3, 10, 3), "Me encanta!! Pero Juana con la J bien grande porfa jaja");
    let due = day_start(day(shop, 6, 10, 30)) + 21 * DAY + 12 * HOUR;
    t.seller_says(
        day(shop, 3, 10, 9),
        &format!("¡Hecho! Ya lo pinto. Queda para {}.", shop_time::day_words_es(due)),
    );
    t.orders.push(PlannedOrder {
        stage: OrderStage::InProduction,
        currency: "ARS",
        items: vec![
            item("Plato pintado personalizado (28 cm de diámetro)", Some("Tomi y Juana, sol y plantitas"), 1, CUSTOM_PLATE.ars),
            item("Envío Correo Argentino", None, 1, 420_000),
        ],
        due_date: Some(shop_time::iso_date(due)),
        delivery: Some(super::shop::delivery(super::dialogue::Hand::Ship, &p)),
        payment_status: PaymentStatus::Partial,
        notes: "Plato de 28 cm pintado: 'Tomi' y 'Juana' (la J bien grande), sol arriba y plantitas, colores suaves. Seña 50% recibida; saldo antes del envío.".to_string(),
        messages: all_messages(&t),
        created_at: day(shop, 6, 10, 30),
    });
    t.finish.pinned = true;
    shop.plan.profile(AccountKey::WhatsApp, &wa_id, notes, &["recurrente"]);
    shop.file(t, State::Waiting { ago: shop.now - day(shop, 3, 10, 9) });
}

/// (h) A buyer new to Etsy: "I want this, three pieces", and the seller asks to prepay.
fn new_etsy_buyer(shop: &mut ShopBuilder) {
    let city = people::city_named("Austin").unwrap_or(&BUENOS_AIRES);
    let mut p = person(shop, Locale::English, "Jessica", "Miller", city);
    p.etsy_user = "jessmillerATX".to_string();
    let buyer = BuyerIdentityInput {
        external_id: p.etsy_user.clone(),
        display_name: p.full_name(),
        handle: Some(p.etsy_user.clone()),
        phone: None,
        email: None,
    };
    let external_id = buyer.external_id.clone();
    let mut t =
        Thread::new(AccountKey::Etsy, ConversationKind::Chat, MUG.title_en.map(str::to_string), buyer);
    t.buyer_says(day(shop, 2, 15, 48), "Hi! I want this, three pieces. Can you send them to Austin?");
    t.seller_says(
        day(shop, 2, 19, 5),
        "Hi Jessica! Thank you so much 😊 I have one ready; the other two I'd make to order (about 10 business days), plus 15–25 days of shipping to Texas. I'll set up a listing for the three with shipping included: $117.00. Payment goes upfront through Etsy checkout and I start the day it's paid. Does that work?",
    );
    t.buyer_says(
        day(shop, 1, 9, 30),
        "Can I pay half now and half when they arrive? I've never bought on Etsy before",
    );
    let last = day(shop, 1, 11, 2);
    t.seller_says(
        last,
        "I understand! For made-to-order pieces I ask for full payment upfront through Etsy: it also protects you, since Etsy's purchase protection covers the order. I'll send tracking the day they ship and photos before that.",
    );
    t.orders.push(PlannedOrder {
        stage: OrderStage::Inquiry,
        currency: "USD",
        items: vec![
            item("Taza esmaltada (350 ml)", Some("Verde oliva"), 3, MUG.usd),
            item("Envío internacional", None, 1, 2_100),
        ],
        due_date: None,
        delivery: Some(super::shop::delivery(super::dialogue::Hand::Ship, &p)),
        payment_status: PaymentStatus::Unpaid,
        notes: "Compradora nueva en Etsy, sin historial. Pago 100% por adelantado antes de empezar; no aceptar mitad y mitad.".to_string(),
        messages: all_messages(&t),
        created_at: day(shop, 2, 19, 5),
    });
    t.tag("nuevo");
    shop.plan.profile(
        AccountKey::Etsy,
        &external_id,
        "Nueva en Etsy: pedir pago por adelantado en pedidos grandes.",
        &["nuevo"],
    );
    shop.file(t, State::Waiting { ago: shop.now - last });
}

/// (i) A post-sale pack about shipping, where a message with the shop's phone was moderated.
fn moderated_pack(shop: &mut ShopBuilder) {
    let city = people::city_named("Rosario").unwrap_or(&BUENOS_AIRES);
    let p = person(shop, Locale::Argentina, "Nicolás", "Herrera", city);
    let buyer = ml_identity("152260981", "NICOHERRERA.ROS", MODERATED_BUYER);
    let mut t = Thread::new(
        AccountKey::MercadoLibreAr,
        ConversationKind::PostSale,
        Some(BOWL.title_es.to_string()),
        buyer,
    );
    t.buyer_says(
        day(shop, 5, 10, 12),
        "Hola, me figura que lo despacharon pero no encuentro el número de seguimiento",
    );
    let blocked = t.seller_says(
        day(shop, 5, 10, 40),
        &format!("¡Hola Nicolás! Si querés escribime al WhatsApp {SHOP_PHONE} y te mando foto del comprobante del correo."),
    );
    t.messages[blocked].status = MessageStatus::Moderated;
    t.seller_says(
        day(shop, 5, 10, 46),
        "Perdón, por acá no podemos pasar datos de contacto. El paquete salió ayer por Correo Argentino: el seguimiento lo ves en el detalle de la compra, en 'Ver envío'.",
    );
    t.buyer_says(day(shop, 5, 12, 31), "Ah ahí lo vi, gracias. Dice que llega el jueves");
    t.buyer_says(day(shop, 2, 18, 4), "Llegaron los cuencos, todo perfecto 👌");
    t.orders.push(PlannedOrder {
        stage: OrderStage::Delivered,
        currency: "ARS",
        items: vec![item("Cuenco (15 cm de diámetro y 7 de alto)", Some("Azul cobalto"), 2, BOWL.ars)],
        due_date: Some(shop_time::iso_date(day(shop, 3, 12, 0))),
        delivery: Some(super::shop::delivery(super::dialogue::Hand::Ship, &p)),
        payment_status: PaymentStatus::Paid,
        notes: "Mercado Envíos. Un mensaje con el teléfono del taller fue moderado: por Mercado Libre nunca pasar contacto.".to_string(),
        messages: all_messages(&t),
        created_at: day(shop, 6, 16, 0),
    });
    shop.file(t, State::Done { days_ago: 2 });
}

/// (j) Mercado Livre Brasil: a Portuguese question about delivery time, waiting for an answer.
fn prazo_de_entrega(shop: &mut ShopBuilder) {
    let buyer = ml_identity("1188402377", PRAZO_ASKER, PRAZO_ASKER);
    let mut t = Thread::new(
        AccountKey::MercadoLivreBr,
        ConversationKind::PreSaleQuestion,
        MATE.title_pt.map(str::to_string),
        buyer,
    );
    t.buyer_says(
        shop.ago(1, 35),
        "Olá! Qual o prazo de entrega para Porto Alegre? É para presente de aniversário",
    );
    shop.file(t, State::NeedsReply { wait: 95 * MINUTE });
}

/// A wholesale order by e-mail, pinned while it is in production.
fn wholesale_email(shop: &mut ShopBuilder) {
    let city = people::city_named("Mendoza").unwrap_or(&BUENOS_AIRES);
    let mut p = person(shop, Locale::Argentina, "Florencia", "Aguirre", city);
    p.email = "compras@casaraiz.com.ar".to_string();
    p.address = "Av. Arístides Villanueva 512, Mendoza (M5500)".to_string();
    let buyer = BuyerIdentityInput {
        external_id: p.email.clone(),
        display_name: p.full_name(),
        handle: None,
        phone: None,
        email: Some(p.email.clone()),
    };
    let external_id = buyer.external_id.clone();
    let mut t = Thread::new(
        AccountKey::Email,
        ConversationKind::Email,
        Some("Pedido mayorista — Casa Raíz (Mendoza)".to_string()),
        buyer,
    );
    t.buyer_says(
        day(shop, 12, 10, 20),
        "Hola Lucía, ¿cómo estás?\n\nTe escribo de Casa Raíz, en Mendoza. Queremos hacer un pedido para la tienda: 24 tazas esmaltadas (12 verde oliva y 12 arena) y 12 cuencos azul cobalto. ¿Nos pasás total con envío y plazo?\n\nGracias,\nFlorencia Aguirre\nCasa Raíz — objetos de diseño",
    );
    t.seller_says(
        day(shop, 12, 15, 5),
        "Hola Flor, ¡qué lindo pedido!\n\nCon precio mayorista: 24 tazas a $ 11.100 = $ 266.400 y 12 cuencos a $ 10.400 = $ 124.800. Envío a Mendoza por transporte, $ 18.500. Total $ 409.700.\n\nSeña 50% ($ 204.800) y el saldo antes del envío. Plazo: 20 días hábiles. Hago factura A.\n\nLucía — Barro Serrano",
    );
    let paid = t.buyer_says(
        day(shop, 11, 9, 12),
        "Perfecto, avanzamos. Te adjunto el comprobante de la seña. Los datos para la factura A van abajo.\n\nCasa Raíz SRL — CUIT 30-71234567-8\n\nFlor",
    );
    attach(shop, &mut t, paid, Media::Receipt);
    t.seller_says(day(shop, 11, 11, 30), "¡Recibido! Arranco esta semana. Te aviso cómo viene.\nLucía");
    let update = t.seller_says(
        day(shop, 2, 17, 40),
        "Hola Flor, te cuento: las tazas ya están esmaltadas y los cuencos entran al horno el jueves. Estimo despacharlo la semana que viene. Te mando fotos.\nLucía",
    );
    attach(shop, &mut t, update, Media::Photo);
    t.orders.push(PlannedOrder {
        stage: OrderStage::InProduction,
        currency: "ARS",
        items: vec![
            item("Taza esmaltada (350 ml)", Some("12 verde oliva, 12 arena"), 24, 1_110_000),
            item("Cuenco (15 cm de diámetro y 7 de alto)", Some("Azul cobalto"), 12, 1_040_000),
            item("Envío a Mendoza (transporte)", None, 1, 1_850_000),
        ],
        due_date: Some(shop_time::iso_date(shop.now + 6 * DAY)),
        delivery: Some(super::shop::delivery(super::dialogue::Hand::Ship, &p)),
        payment_status: PaymentStatus::Partial,
        notes: "Mayorista. Seña 50% ($ 204.800) recibida; saldo antes del envío. Factura A a Casa Raíz SRL."
            .to_string(),
        messages: all_messages(&t),
        created_at: day(shop, 11, 9, 12),
    });
    t.tag("mayorista");
    t.finish.pinned = true;
    shop.plan.profile(
        AccountKey::Email,
        &external_id,
        "Casa Raíz (Mendoza), tienda de objetos de diseño. Compra por mayor cada dos o tres meses; factura A.",
        &["mayorista", "recurrente"],
    );
    shop.file(t, State::Waiting { ago: shop.now - day(shop, 2, 17, 40) });
}
