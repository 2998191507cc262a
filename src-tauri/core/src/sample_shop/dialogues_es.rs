//! What buyers and the seller write in Spanish: Mercado Libre questions and post-sale packs,
//! Instagram and WhatsApp chats, e-mails and Etsy messages. Mostly rioplatense voseo; a few
//! Mexican, Chilean and Spanish voices where the buyer is from there.
//!
//! Placeholders: {nombre} {nombre_completo} {producto} {productos} {el_producto} {los_productos}
//! {un_producto} {lo} (la/lo) {o} (a/o ending) {precio} {precio_usd} {precio_mayor} {color}
//! {otro_color} {colores} {medida} {cantidad} {total} {sena} {envio} {ciudad} {direccion} {demora}
//! {fecha} {seguimiento} {alias} {taller} {tienda} {nombre_regalo}; capitalised keys capitalise.

use super::catalog::{CERAMIC, Category, TABLEWARE};
use super::dialogue::{
    Dialogue, Hand, Media, Qa, Qty, Sale, Step, Voice, b, b_with, later_days, later_hours, order, s, s_with,
};

const fn qa(key: &'static str, fits: &'static [Category], q: &'static str, a: &'static str) -> Qa {
    Qa { key, fits, q, a }
}

/// Public questions on Mercado Libre Argentina listings. Answers never carry contact data: Mercado
/// Libre would remove them.
pub(super) static ML_QUESTIONS: &[Qa] = &[
    qa(
        "precio",
        &[],
        "precio?",
        "¡Hola! El precio es el de la publicación, {precio}, y hay stock para envío inmediato. Si comprás antes de las 18 sale al día siguiente. ¡Gracias por preguntar!",
    ),
    qa(
        "hay",
        &[],
        "hay?",
        "¡Hola! Sí, hay stock. Podés comprar directamente y lo despachamos dentro de las 24 h hábiles. ¡Te esperamos!",
    ),
    qa(
        "stock",
        &[],
        "tenés stock?",
        "¡Hola! Sí, tenemos stock en {colores}. Elegí el color en la variante y listo. ¡Saludos de Barro Serrano!",
    ),
    qa(
        "info_ceramica",
        CERAMIC,
        "info",
        "¡Hola! Es {un_producto} hech{o} a mano en nuestro taller de Córdoba: {medida}, esmalte sin plomo, apt{o} para microondas y lavavajillas. Contanos qué necesitás saber y te ayudamos a elegir.",
    ),
    qa(
        "info_tejido",
        &[Category::Toy],
        "info",
        "¡Hola! Está tejid{o} a mano en hilo de algodón, mide {medida} y tiene los ojitos bordados, así que es segur{o} para bebés. ¿Para quién es? Te ayudamos a elegir el color.",
    ),
    qa(
        "otro_color",
        &[],
        "{Lo} tenés en {otro_color}?",
        "¡Hola! Sí, en {otro_color} hay stock. Al comprar elegí la variante '{Otro_color}' y listo. ¡Queda hermos{o}!",
    ),
    qa(
        "microondas",
        TABLEWARE,
        "Va al microondas?",
        "¡Hola! Sí, va al microondas y al lavavajillas. Solo evitá pasarl{o} del freezer al horno caliente de golpe. ¡Saludos!",
    ),
    qa(
        "envios_ciudad",
        &[],
        "Hacen envíos a {ciudad}?",
        "¡Hola! Sí, enviamos a todo el país por Mercado Envíos. Poné tu código postal en la publicación y te muestra el costo y la fecha de entrega.",
    ),
    qa(
        "capacidad",
        &[Category::Mug],
        "cuantos ml tiene?",
        "¡Hola! Tiene {medida} al ras: entra un café con leche generoso ☕",
    ),
    qa(
        "mate_curar",
        &[Category::Mate],
        "se cura? o es como los de calabaza?",
        "¡Hola! No hace falta curarlo: está esmaltado por dentro, no toma gusto ni se humedece. Enjuagalo con agua caliente antes del primer uso y listo.",
    ),
    qa(
        "bombilla",
        &[Category::Mate],
        "viene con bombilla?",
        "¡Sí! Viene con bombilla de alpaca. ¡Ideal para regalar!",
    ),
    qa(
        "factura_a",
        &[],
        "Hacen factura A?",
        "¡Hola! Sí, hacemos factura A y B. Cargá tus datos fiscales al comprar y la adjuntamos en la compra.",
    ),
    qa(
        "descuento_cantidad",
        TABLEWARE,
        "si llevo 6 me hacés precio?",
        "¡Hola! Comprando 6 o más unidades tenés 10% de descuento automático en la publicación. ¡Aprovechalo!",
    ),
    qa(
        "retiro",
        &[],
        "se puede retirar? soy de córdoba capital",
        "¡Hola! Sí, al comprar elegí 'Retiro en domicilio del vendedor': estamos en barrio Güemes. Coordinamos el horario por la mensajería de la compra.",
    ),
    qa(
        "demora_caba",
        &[],
        "Cuánto tarda en llegar a CABA?",
        "Despachamos en 24 a 48 h hábiles y a CABA suele llegar en 3 a 5 días hábiles. ¡Te esperamos!",
    ),
    qa(
        "medidas_plato",
        &[Category::Plate],
        "medidas?",
        "¡Hola! Mide {medida}. Si buscás uno más chico, tenemos el plato de postre de 20 cm en otra publicación.",
    ),
    qa(
        "igual_foto",
        CERAMIC,
        "es igual a la foto?",
        "¡Hola! Cada pieza es única porque el esmalte cambia un poquito en el horno, pero forma, tamaño y color son como en la foto. Esa es la magia de lo hecho a mano 🙂",
    ),
    qa(
        "plomo",
        TABLEWARE,
        "el esmalte tiene plomo?",
        "No. Usamos esmaltes sin plomo ni cadmio, aptos para alimentos, horneados a 1240 °C.",
    ),
    qa(
        "personalizar",
        &[Category::Mug, Category::Plate],
        "se puede personalizar con un nombre?",
        "¡Sí! Lo personalizamos con un nombre o frase corta (hasta 14 letras) sin costo extra; suma 7 días hábiles. Después de comprar nos pasás el texto por la mensajería.",
    ),
    qa(
        "maceta_agujero",
        &[Category::Planter],
        "tiene agujero abajo?",
        "Sí, tiene agujero de drenaje y viene con su platito. ¡Tus plantas te lo van a agradecer!",
    ),
    qa(
        "amigurumi_bebe",
        &[Category::Toy],
        "es apto para bebe?",
        "¡Hola! Sí: algodón hipoalergénico, relleno siliconado y ojos bordados (sin piezas que se suelten). Apto desde recién nacido.",
    ),
    qa(
        "bufanda_lavar",
        &[Category::Scarf],
        "se puede lavar en el lavarropas?",
        "Te recomendamos lavarla a mano con agua fría y jabón neutro, y secarla en horizontal. Así el merino dura años.",
    ),
    qa(
        "bufanda_pica",
        &[Category::Scarf],
        "pica?",
        "Nada: es merino extrafino, muy suave. ¡Apta para pieles sensibles!",
    ),
    qa(
        "colores",
        &[],
        "que colores tenes?",
        "¡Hola! Hoy tenemos {colores}. Elegí el color en la variante al comprar. ¡Saludos!",
    ),
    qa(
        "hoy_llega",
        &[],
        "si compro hoy cuando me llega?",
        "Comprando hoy antes de las 18 lo despachamos mañana. La fecha exacta te la muestra la publicación según tu código postal.",
    ),
    qa(
        "cuotas",
        &[],
        "cuotas sin interés?",
        "¡Hola! Tenés las cuotas que ofrece Mercado Pago en la publicación; con algunas tarjetas hay 3 sin interés.",
    ),
    qa(
        "caja_regalo",
        &[],
        "viene en caja para regalo?",
        "¡Sí! Va en caja de cartón con papel de seda. Si es para regalo avisanos por la mensajería y sumamos una tarjetita escrita a mano.",
    ),
    qa(
        "embalaje",
        CERAMIC,
        "llega bien embalado? me da miedo que se rompa",
        "Va con doble caja y papel burbuja, y si llegara a pasar algo te lo reponemos sin costo. ¡Quedate tranqui!",
    ),
    qa(
        "por_mayor",
        &[],
        "precio x mayor?",
        "¡Hola! Acá vendemos por unidad. Para más de 12 piezas hacemos producción a pedido con precio especial: contanos por acá cantidad y fecha y te respondemos.",
    ),
    qa(
        "disponible",
        &[],
        "buenas, disponible?",
        "¡Hola! Sí, disponible. Podés comprar directamente. ¡Gracias por escribirnos!",
    ),
    qa(
        "precio_par",
        &[Category::Mug, Category::Bowl, Category::Plate],
        "el precio es por uno o por el par?",
        "Es por unidad. Si querés el par, elegí 2 unidades al comprar.",
    ),
    qa(
        "apilables",
        &[Category::Mug, Category::Bowl],
        "se pueden apilar?",
        "Sí, se apilan de a 3 o 4 sin problema.",
    ),
    qa(
        "envio_gratis",
        &[],
        "envio gratis?",
        "¡Hola! El envío es gratis en compras de más de $ 30.000; si no, el costo lo ves poniendo tu código postal en la publicación.",
    ),
    qa(
        "horno",
        &[Category::Serving],
        "va al horno?",
        "¡Sí! Es gres de alta temperatura: va al horno, al microondas y al lavavajillas. Evitá pasarl{o} del freezer al horno caliente.",
    ),
    qa("tamano", &[Category::Toy], "de que tamaño es?", "Mide {medida} de alto. ¡Es ideal para abrazar!"),
    qa(
        "garantia",
        CERAMIC,
        "si se rompe en el envío qué pasa?",
        "Si llega dañad{o} te mandamos otr{o} sin costo o te devolvemos el dinero, como prefieras.",
    ),
    qa(
        "envios",
        &[],
        "envíos?",
        "¡Hola! Sí, enviamos a todo el país por Mercado Envíos y también podés retirar en Córdoba capital.",
    ),
    qa(
        "otro_tamano",
        &[],
        "hola tenes de otro tamaño?",
        "¡Hola! Por ahora {lo} hacemos solo de {medida}. Si necesitás otra medida consultanos y vemos de hacerl{o} a pedido.",
    ),
    qa(
        "regalo_dia",
        &[],
        "Si compro hoy llega para el sábado? es un regalo",
        "¡Hola! Si comprás hoy antes de las 18 sale mañana; a Córdoba y alrededores llega en 1 o 2 días hábiles. Para otras zonas fijate la fecha con tu código postal.",
    ),
];

/// Post-sale pack threads on Mercado Libre Argentina. Seller messages stay under 350 characters
/// and carry no contact data.
pub(super) static ML_PACKS: &[Dialogue] = &[
    Dialogue {
        key: "ml_despacho",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Mercado Envíos. Despachar en 24 h.",
        steps: &[
            b("Hola! Compré {el_producto}, ¿cuándo lo despachás?"),
            s(
                "¡Hola {nombre}! Sale mañana por Correo Argentino. El seguimiento te aparece en el detalle de la compra.",
            ),
            b("genial gracias"),
        ],
    },
    Dialogue {
        key: "ml_variante",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Confirmó color por mensajería.",
        steps: &[
            s(
                "Hola {nombre}, gracias por tu compra. ¿Qué color preferís para {el_producto}? Tenemos {colores}.",
            ),
            later_hours(1, 9),
            b("{color} porfa"),
            s("¡Perfecto! Sale en {color} el lunes."),
        ],
    },
    Dialogue {
        key: "ml_rota",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: order(Hand::Ship, Qty::Few),
        tags: &[],
        note: "Llegó una pieza rajada: reponer sin costo, no devuelve la rota.",
        steps: &[
            b_with("Hola, llegó una de las piezas con una rajadura 😢 les mando foto", Media::Photo),
            s(
                "¡Qué macana, {nombre}! Perdón. Te mandamos una nueva sin costo esta semana; no hace falta que devuelvas la rota.",
            ),
            b("Gracias por la rapidez"),
            later_days(3, 5),
            b("Llegó la nueva, perfecta 👌"),
        ],
    },
    Dialogue {
        key: "ml_personalizado",
        voice: Voice::Any,
        fits: &[Category::Mug],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Personalizar: '{nombre_regalo}', letra cursiva.",
        steps: &[
            b("Hola, compré la taza para personalizar. El nombre es {nombre_regalo}"),
            s("¡Anotado! '{nombre_regalo}' en letra cursiva. Sale en {demora}."),
            b("👌"),
        ],
    },
    Dialogue {
        key: "ml_demora",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Demora del correo en destino.",
        steps: &[
            b("Hola, el seguimiento dice 'en camino' hace 4 días y no llega"),
            s(
                "Hola {nombre}, lo reviso. Figura en la sucursal de destino desde ayer: debería entrar en reparto hoy o mañana.",
            ),
            b("ok espero entonces"),
            later_days(1, 2),
            b("Llegó! Hermos{o} 😍"),
        ],
    },
    Dialogue {
        key: "ml_factura",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::Few),
        tags: &[],
        note: "Factura A.",
        steps: &[
            s(
                "Hola {nombre}, para hacerte la factura A necesitamos CUIT y razón social. Podés cargarlos en el detalle de la compra.",
            ),
            later_hours(2, 20),
            b("Listo, ya los cargué"),
            s("Gracias. La factura ya quedó adjunta en la compra."),
        ],
    },
    Dialogue {
        key: "ml_retiro",
        voice: Voice::Cordoba,
        fits: &[],
        sale: order(Hand::Pickup, Qty::One),
        tags: &[],
        note: "Retira en el taller.",
        steps: &[
            b("Hola! Elegí retirar. ¿Qué días puedo pasar?"),
            s(
                "¡Hola {nombre}! De lunes a viernes de 10 a 18. La dirección la ves en el detalle de la compra.",
            ),
            b("Paso el jueves a la tarde"),
            s("Perfecto, te esperamos."),
        ],
    },
    Dialogue {
        key: "ml_regalo",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Caja de regalo con tarjeta: 'Feliz día ma, te quiero'.",
        steps: &[
            b("¿Me lo podés mandar en caja de regalo? Es para mi mamá"),
            s("¡Claro! Va con caja y tarjetita. ¿Qué querés que diga?"),
            b("Feliz día ma, te quiero"),
            s("Hecho ❤️"),
        ],
    },
    Dialogue {
        key: "ml_voluminoso",
        voice: Voice::Any,
        fits: &[Category::Set, Category::Serving],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Va en dos cajas: dos seguimientos.",
        steps: &[
            b("Hola! Cómo coordinamos el envío? Es mucho peso"),
            s(
                "¡Hola {nombre}! Lo mandamos en dos cajas con doble embalaje. Te van a llegar dos seguimientos en la compra.",
            ),
            b("Perfecto, gracias por avisar"),
        ],
    },
    Dialogue {
        key: "ml_llego",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::Few),
        tags: &[],
        note: "",
        steps: &[
            b("Llegó todo perfecto, son hermos{o}s!! Gracias"),
            s("¡Qué bueno, {nombre}! Gracias por elegirnos."),
        ],
    },
    Dialogue {
        key: "ml_direccion",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Cambió la dirección antes del despacho.",
        steps: &[
            b("Me equivoqué en la dirección, ¿la puedo cambiar?"),
            s(
                "Si todavía no se despachó, podés modificarla desde el detalle de la compra. Nosotros despachamos mañana a la mañana.",
            ),
            b("Listo, ya la cambié"),
            s("¡Perfecto! Sale mañana a la nueva dirección."),
        ],
    },
    Dialogue {
        key: "ml_dos_colores",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::Few),
        tags: &[],
        note: "Mitad {color}, mitad {otro_color}.",
        steps: &[
            b("Compré {cantidad}, ¿me mandás mitad {color} y mitad {otro_color}?"),
            s("¡Sí! Van mitad {color} y mitad {otro_color}. Salen mañana."),
            b("Gracias!!"),
        ],
    },
];

/// Instagram DMs and WhatsApp chats.
pub(super) static CHATS: &[Dialogue] = &[
    Dialogue {
        key: "chat_precio_una_palabra",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("precio?"),
            s("¡Hola! {El_producto} sale {precio}. {Lo} tengo en {colores}. ¿Te guardo {un_producto}? 😊"),
            later_hours(1, 20),
            b("y envio?"),
            s(
                "Enviamos a todo el país por Correo Argentino: a {ciudad} sale {envio} y llega en 4 a 6 días hábiles.",
            ),
            b("ok"),
        ],
    },
    Dialogue {
        key: "chat_hay",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "Pagó por transferencia.",
        steps: &[
            b("hay?"),
            s("¡Hola {nombre}! Sí, {lo} tengo en {color} y en {otro_color}. ¿Cuál te gusta?"),
            b("{color}"),
            s("¡Buenísimo! Son {precio} + envío. ¿Me pasás nombre completo, dirección y código postal?"),
            b("{direccion}. A nombre de {nombre_completo}"),
            s("Perfecto. Te paso el alias: {alias} (a nombre de Lucía Ferreyra). Total con envío: {total}."),
            b_with("listo ahi te mande el comprobante", Media::Receipt),
            s("¡Recibido, gracias! Sale mañana y te paso el número de seguimiento 📦"),
        ],
    },
    Dialogue {
        key: "chat_info",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("info"),
            s(
                "¡Hola! ¿Sobre qué pieza querés info? Si me decís cuál te gustó te paso medidas, colores y precio 😊",
            ),
            b("la de la foto"),
            s(
                "¡Dale! Si es {el_producto} de la última publicación: mide {medida}, está en {colores} y sale {precio}. Esmalte sin plomo, va al microondas y al lavavajillas.",
            ),
            b("gracias"),
        ],
    },
    Dialogue {
        key: "chat_regalo_mama",
        voice: Voice::Any,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Envolver para regalo. Tarjeta: 'Feliz cumple, ma. Te quiero mucho'.",
        steps: &[
            b("Holaa! Quería regalarle {un_producto} a mi mamá para el cumple, ¿lo podés mandar envuelto?"),
            s(
                "¡Hola {nombre}! Claro, va en caja con papel de seda y una tarjetita escrita a mano. ¿Qué color te gusta para ella? Tengo {colores}.",
            ),
            b("El {color} me encanta. Cuánto sería con envío a {ciudad}?"),
            s("{precio} + {envio} de envío, total {total}. Si me confirmás hoy, sale mañana."),
            b("Dale! Te transfiero ahora. Que diga la tarjeta: 'Feliz cumple, ma. Te quiero mucho'"),
            s("Anotado 💛 Alias: {alias}. Cuando transfieras mandame el comprobante."),
            b_with("Ahí va!", Media::Receipt),
            s("¡Gracias! Ya quedó reservad{o} con tu nombre."),
        ],
    },
    Dialogue {
        key: "chat_stock_o_pedido",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Hola! cuáles tenés en stock y cuáles son a pedido? no me doy cuenta en las fotos"),
            s(
                "¡Hola {nombre}! En las historias destacadas 'STOCK' está todo lo disponible ya. Lo que está en el feed con 🔸 es a pedido ({demora}).",
            ),
            b("no veo donde dice 🤔"),
            s(
                "Te paso lo que hay hoy: tazas en verde oliva y arena, 3 cuencos azules, 2 mates negros y macetas medianas. ¿Buscabas algo en particular?",
            ),
            later_hours(3, 20),
            b("ahh ok gracias, lo veo y te digo"),
        ],
    },
    Dialogue {
        key: "chat_reposicion",
        voice: Voice::Cordoba,
        fits: &[],
        sale: order(Hand::Pickup, Qty::One),
        tags: &[],
        note: "Retira el sábado de 10 a 13.",
        steps: &[
            b("Holaa cuándo vuelven a tener {productos} en {color}? 🙏"),
            s(
                "¡Hola {nombre}! Estoy esmaltando una tanda nueva; sale del horno el viernes. ¿Querés que te guarde {un_producto}?",
            ),
            b("siii porfa! avisame"),
            s("¡Hecho! Te anoto y te escribo apenas salga del horno 🔥"),
            later_days(2, 5),
            s_with(
                "¡{nombre}! Ya salieron en {color}, te guardé {un_producto}. Sale {precio}. ¿Te {lo} mando o {lo} retirás?",
                Media::Photo,
            ),
            b("{Lo} retiro el sábado!"),
            s("Dale, te espero en el taller de 10 a 13: {taller}."),
        ],
    },
    Dialogue {
        key: "chat_envio_chile",
        voice: Voice::Chile,
        fits: CERAMIC,
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Hola! Qué lindos tus {productos} 😍 ¿hacen envíos a Santiago?"),
            s(
                "¡Hola {nombre}! Gracias 💛 Por ahora no mandamos por correo a Chile desde acá, pero tenemos tienda en Etsy que envía a todo el mundo con seguimiento.",
            ),
            b("ya, y cuánto sale el envío más o menos?"),
            s(
                "A Chile suele estar entre US$ 18 y 25 según el peso. {El_producto} en Etsy está a {precio_usd}.",
            ),
            b("ya, lo voy a cachar. Gracias!!"),
        ],
    },
    Dialogue {
        key: "chat_envio_mexico",
        voice: Voice::Mexico,
        fits: CERAMIC,
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b(
                "Hola, ¿qué tal? ¿Me podría decir cuánto cuesta el envío a CDMX? Me gustaron mucho sus {productos}.",
            ),
            s(
                "¡Hola {nombre}! Muchas gracias. A México enviamos por nuestra tienda de Etsy: {el_producto} sale {precio_usd} y el envío ronda los US$ 30, con seguimiento.",
            ),
            b("Órale, está un poco caro el envío 😅 ¿y si compro dos?"),
            s("Si son dos piezas el envío sube poco, queda en unos US$ 34 en total. Te conviene juntar."),
            b("Ok, déjeme lo platico con mi hermana y le escribo. ¡Gracias!"),
        ],
    },
    Dialogue {
        key: "chat_clases",
        voice: Voice::Cordoba,
        fits: &[],
        sale: Sale::None,
        tags: &["nuevo"],
        note: "",
        steps: &[
            b("Hola! Daban clases de cerámica? 🙂"),
            s(
                "¡Hola {nombre}! Sí, martes y jueves de 18 a 20 en el taller, grupos de 6. La cuota es $ 45.000 por mes con materiales y horneadas incluidas.",
            ),
            b("Y hay lugar para empezar este mes?"),
            s("Quedan 2 lugares los jueves. Si querés te reservo uno con una seña de $ 15.000."),
            b("Dale, lo hablo con mi novio que también quiere y te confirmo"),
        ],
    },
    Dialogue {
        key: "chat_mayorista_tienda",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: Sale::Order { hand: Hand::Ship, qty: Qty::Many, deposit: true },
        tags: &["mayorista"],
        note: "Tienda {tienda} ({ciudad}). Mayorista 25% off. Seña 50%, saldo antes del envío.",
        steps: &[
            b("Hola! Tengo una tienda de deco en {ciudad} ({tienda}). ¿Venden por mayor?"),
            s(
                "¡Hola {nombre}! Sí, mayorista desde 12 piezas surtidas, con 25% off sobre el precio de lista. ¿Qué te interesa?",
            ),
            b("{Productos} sobre todo. ¿Tenés catálogo mayorista?"),
            s_with("Te paso el PDF con precios mayoristas y colores disponibles.", Media::Pdf),
            later_hours(2, 30),
            b(
                "Genial. Me quedo con {cantidad} {productos}, mitad {color} y mitad {otro_color}. ¿Cuánto demora?",
            ),
            s(
                "Para {cantidad} piezas, {demora}. Te pido 50% de seña para arrancar y el resto antes del envío. Total: {total}.",
            ),
            b_with("Listo, ahí va la seña 🙌", Media::Receipt),
            s("¡Gracias! Arranco esta semana. Te aviso cuando estén para esmaltar."),
        ],
    },
    Dialogue {
        key: "chat_retiro_direccion",
        voice: Voice::Cordoba,
        fits: &[],
        sale: order(Hand::Pickup, Qty::One),
        tags: &[],
        note: "Retira en el taller.",
        steps: &[
            b("Hola Lu! Pasame la dirección para retirar {el_producto} que te reservé"),
            s(
                "¡Hola {nombre}! {taller}. Timbre 'Taller'. De lunes a viernes de 10 a 18, avisame antes de venir así estoy.",
            ),
            b("Voy mañana tipo 11?"),
            s("Dale, te espero 😊"),
            later_hours(16, 22),
            b("Estoy en la puerta!"),
            s("¡Bajo!"),
        ],
    },
    Dialogue {
        key: "chat_audio_encuentro",
        voice: Voice::Cordoba,
        fits: &[],
        sale: order(Hand::Meet, Qty::One),
        tags: &[],
        note: "Paga en efectivo al encontrarnos.",
        steps: &[
            b_with("audio omitido", Media::Audio),
            s("¡Hola {nombre}! Escuché tu audio. Sí, {el_producto} en {color} {lo} tengo. Sale {precio}."),
            b("Genial. Nos podemos ver en el centro? Trabajo por el Patio Olmos"),
            s(
                "Dale, el jueves a las 13 puedo en la entrada de Patio Olmos sobre Vélez Sarsfield. ¿Te sirve?",
            ),
            b("Perfecto, llevo efectivo"),
            s("Buenísimo. Nos vemos el jueves 👋"),
        ],
    },
    Dialogue {
        key: "chat_cancelado",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::Cancelled { qty: Qty::One },
        tags: &[],
        note: "Canceló antes de empezar; sin seña.",
        steps: &[
            b("Hola Lucía, ¿cómo andás? Te quería encargar {un_producto} en {color}"),
            s("¡Hola {nombre}! Bien, ¿vos? Sí, {lo} hago en {color}, demora {demora}. Sale {precio}."),
            b("Dale, hacéme{lo}"),
            s("¡Genial! Te aviso cuando esté."),
            later_days(2, 4),
            b("Lu perdón, al final no {lo} voy a poder comprar este mes 😔 se me complicó"),
            s("¡No pasa nada, {nombre}! Todavía no lo había empezado. Cuando quieras lo retomamos 💛"),
            b("Gracias por entender!!"),
        ],
    },
    Dialogue {
        key: "chat_sena",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: Sale::Order { hand: Hand::Ship, qty: Qty::Few, deposit: true },
        tags: &["regalo"],
        note: "Seña 50% recibida; saldo antes del envío.",
        steps: &[
            b("Buenas! Quiero {cantidad} {productos} en {color} para regalar. Te dejo seña?"),
            s("¡Hola {nombre}! Sí, con el 50% arranco. Total {total}; seña {sena}. Alias {alias}."),
            b_with("Transferido! Ahí va", Media::Receipt),
            s("¡Recibido! Quedan para {fecha}. Te mando fotos cuando salgan del horno."),
            later_days(3, 8),
            s_with("¡Salieron del horno! Mirá qué lindo quedó el {color} 🔥", Media::Photo),
            b("AMO 😍😍 te transfiero el resto"),
            b_with("Listo el saldo", Media::Receipt),
            s("¡Gracias! Mañana los despacho y te paso el seguimiento."),
        ],
    },
    Dialogue {
        key: "chat_recurrente",
        voice: Voice::Cordoba,
        fits: CERAMIC,
        sale: order(Hand::Pickup, Qty::Few),
        tags: &["recurrente"],
        note: "Ya compró antes: paga al retirar.",
        steps: &[
            b(
                "Hola Lu!! Te acordás de mí? Te compré {productos} hace unos meses. Quiero {cantidad} más iguales para mi hermana",
            ),
            s("¡{nombre}, hola! Claro que me acuerdo 😊 ¿En el mismo color, {color}?"),
            b("Sí! mismo color"),
            s("Perfecto. Tengo 2 hechas y las otras salen en la próxima horneada. ¿Te sirve para {fecha}?"),
            b("sí sí, no hay apuro"),
            s("Total {total}. Como ya me conocés, pagás al retirar 😉"),
            b("Sos una genia!"),
        ],
    },
    Dialogue {
        key: "chat_restaurante",
        voice: Voice::Cordoba,
        fits: &[Category::Plate],
        sale: Sale::Inquiry { qty: Qty::Many },
        tags: &["mayorista"],
        note: "Restó {tienda}. Factura A. Seña 50%, saldo contra entrega.",
        steps: &[
            b(
                "Hola, ¿qué tal? Te escribo de {tienda}, un restó en Nueva Córdoba. Necesitamos {cantidad} {productos} para la carta nueva",
            ),
            s(
                "¡Hola {nombre}! Qué lindo proyecto. Para {cantidad} piezas hago una sola horneada, demora {demora}. ¿Los querés en {color}?",
            ),
            b("Sí, que sean todos iguales. Aguantan el lavavajillas industrial?"),
            s(
                "Sí, es gres de alta temperatura (1240 °C), va perfecto al lavavajillas industrial. Precio por cantidad: {precio_mayor} c/u.",
            ),
            b("Pasame total con factura A"),
            s("Total {total} + IVA, con factura A. Seña 50% y el resto contra entrega."),
            b("Ok, lo consulto con mi socio y te confirmo mañana"),
        ],
    },
    Dialogue {
        key: "chat_foto_perro",
        voice: Voice::Any,
        fits: &[Category::Mug],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Hola!! hacés tazas con la foto de mi perro? 🐶"),
            s(
                "¡Hola {nombre}! Fotos impresas no hago, pero pinto a mano la carita de tu perro en la taza. Queda re lindo. Sale $ 19.500 y demora {demora}.",
            ),
            b_with("Este es Ramón 🥹", Media::Photo),
            s("¡Qué hermoso Ramón! Sí, se puede. ¿Lo querés sobre fondo {color}?"),
            b("Sii. Lo pienso y te digo, es para el día del amigo"),
        ],
    },
    Dialogue {
        key: "chat_color_distinto",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Hola! Me llegó {el_producto} 😊 pero el color es más oscuro que en la foto"),
            s(
                "¡Hola {nombre}! Gracias por avisar. El esmalte cambia un poco en cada horneada, por eso cada pieza es única. Si no te gusta, te {lo} cambio sin problema.",
            ),
            b("No no, igual me encantó! Era para saber nomás"),
            s("¡Qué alivio! Si querés mandame una foto y la subo a historias ☕"),
            b_with("Ahí va!", Media::Photo),
            s("¡Divina! Gracias 💛"),
        ],
    },
    Dialogue {
        key: "chat_canje",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b(
                "Hola! Tengo una cuenta de deco con 12k seguidores y me encantaría hacer un canje con tus {productos} ✨",
            ),
            s(
                "¡Hola {nombre}! Gracias por pensar en el taller. Por ahora no estamos haciendo canjes, pero si te gusta algo te hago un 10% off 💛",
            ),
            b("Ah ok, gracias igual!"),
        ],
    },
    Dialogue {
        key: "chat_ubicacion",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Dónde están ubicados?"),
            s(
                "¡Hola! El taller está en barrio Güemes, Córdoba. Se puede retirar coordinando antes, y enviamos a todo el país.",
            ),
            b("Genial, soy de {ciudad}. Cuánto sale el envío?"),
            s("A {ciudad} el envío sale {envio} por Correo Argentino y llega en 4 a 6 días hábiles."),
            b("👍"),
        ],
    },
    Dialogue {
        key: "chat_amigurumi_encargo",
        voice: Voice::Any,
        fits: &[Category::Toy],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Regalo para el sobrino (2 años).",
        steps: &[
            b("Hola! Hacés amigurumis a pedido? Quiero {un_producto} para mi sobrino que cumple 2"),
            s(
                "¡Hola {nombre}! Sí 🧶 Los tejo en algodón, con ojitos bordados (sin piezas que se suelten), aptos para bebés. Mide {medida}. Sale {precio}.",
            ),
            b("Ay qué lindo. En qué colores?"),
            s("El que quieras: te recomiendo {color} con detalles en {otro_color}, es el que más sale."),
            b("Dale ese! Para cuándo estaría?"),
            s("Lo tengo para {fecha}. ¿Te lo mando a {ciudad} o lo retirás?"),
            b("Mandalo porfa. {direccion}"),
            s("Anotado. Total con envío {total}, alias {alias}."),
            b_with("Pagado 🙌", Media::Receipt),
        ],
    },
    Dialogue {
        key: "chat_bufanda_guardar",
        voice: Voice::Cordoba,
        fits: &[Category::Scarf],
        sale: order(Hand::Pickup, Qty::One),
        tags: &[],
        note: "Se la guardé hasta que cobre. Retira el lunes.",
        steps: &[
            b("hola, {el_producto} en {color} la tenés todavía?"),
            s("¡Hola {nombre}! Sí, me queda una. Es de merino, suavecita, {medida}. {precio}."),
            b("pica?"),
            s("Nada, el merino no pica. Se lava a mano con agua fría."),
            b("me la guardás hasta el viernes que cobro?"),
            s("Dale, te la guardo hasta el viernes 😉"),
            later_days(2, 3),
            b("Ya cobré! te transfiero"),
            b_with("ahí está", Media::Receipt),
            s("¡Gracias! ¿Te la mando o la retirás?"),
            b("La retiro por el taller el lunes"),
        ],
    },
    Dialogue {
        key: "chat_monosilabos",
        voice: Voice::Cordoba,
        fits: &[],
        sale: order(Hand::Pickup, Qty::One),
        tags: &[],
        note: "",
        steps: &[
            b("hola"),
            s("¡Hola! ¿Cómo estás?"),
            b("tenés {productos}?"),
            s("Sí, tengo en {colores}. ¿Cuál te gusta?"),
            b("cual me recomendas"),
            s("Te recomiendo {color}: es el que más sale 😊"),
            b("bueno"),
            b("cuanto"),
            s("{precio}. ¿Te {lo} guardo?"),
            b("si"),
            later_hours(5, 26),
            b("cuando lo puedo buscar"),
            s("Cuando quieras, de lunes a viernes de 10 a 18, en {taller}."),
            b("ok mañana"),
        ],
    },
    Dialogue {
        key: "chat_mate_curado",
        voice: Voice::Any,
        fits: &[Category::Mate],
        sale: order(Hand::Ship, Qty::One),
        tags: &[],
        note: "",
        steps: &[
            b("Hola! El mate de cerámica se cura como el de calabaza?"),
            s(
                "¡Hola {nombre}! No hace falta curarlo 🙌 Viene esmaltado por dentro, así que no toma gusto. Solo enjuagalo con agua caliente antes de usarlo.",
            ),
            b("Ahh mirá! Y la bombilla viene?"),
            s("Sí, viene con bombilla de alpaca. Sale {precio}."),
            b("Me llevo el {color} entonces"),
            s("¡Genial! ¿Envío o retiro? Si es envío pasame dirección y código postal."),
            b("{direccion}"),
            s("Perfecto. Total con envío {total}. Alias: {alias}."),
            b_with("Listo 👌", Media::Receipt),
        ],
    },
    Dialogue {
        key: "chat_cuotas",
        voice: Voice::Any,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b("Se puede pagar en cuotas?"),
            s(
                "¡Hola {nombre}! Sí, con link de Mercado Pago y tarjeta te sale en 3 cuotas sin interés. Te paso el link cuando elijas.",
            ),
            b("Buenísimo, elijo y te aviso"),
        ],
    },
    Dialogue {
        key: "chat_rota",
        voice: Voice::Any,
        fits: CERAMIC,
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b_with("Hola Lu 😢 me llegó {el_producto} pero con una rajadura, te mando foto", Media::Photo),
            s(
                "¡Ay no, {nombre}, perdón! Te hago {un_producto} nuev{o} y te {lo} mando sin costo esta semana. No hace falta que me {lo} devuelvas.",
            ),
            b("Gracias por la rapidez! Pensé que iba a ser un lío"),
            s("Para nada. Sale el viernes y te paso el seguimiento."),
            later_days(3, 5),
            s("Salió: seguimiento {seguimiento}."),
            later_days(2, 4),
            b("Llegó perfect{o} esta vez ❤️"),
        ],
    },
    Dialogue {
        key: "chat_souvenirs",
        voice: Voice::Any,
        fits: &[Category::Toy, Category::Planter],
        sale: Sale::Inquiry { qty: Qty::Many },
        tags: &["regalo"],
        note: "Souvenirs de bautismo. Confirmar cantidad final.",
        steps: &[
            b("Hola! Hacés souvenirs para bautismo? Serían unos {cantidad}"),
            s(
                "¡Hola {nombre}! Sí. ¿Para cuándo es el bautismo? Así veo si llego con {cantidad} {productos}.",
            ),
            b("En un mes y medio más o menos. Se pueden hacer más chiquitos?"),
            s(
                "Sí, en versión mini quedan a {precio_mayor} cada uno. Con una etiqueta con el nombre del bebé.",
            ),
            b("Ay me encanta. Lo hablo con mi marido y te confirmo la cantidad"),
        ],
    },
    Dialogue {
        key: "chat_casamiento",
        voice: Voice::Any,
        fits: &[Category::Set, Category::Serving],
        sale: Sale::Order { hand: Hand::Ship, qty: Qty::One, deposit: true },
        tags: &["regalo"],
        note: "Regalo de casamiento de las amigas. Seña 50%.",
        steps: &[
            b("Hola! Con mis amigas queremos regalarle {el_producto} a una amiga que se casa 💍"),
            s("¡Qué lindo regalo! ¿Saben qué colores le gustan? Tengo {colores}."),
            b("Su cocina es blanca con madera. Qué nos recomendás?"),
            s("Para blanco y madera, {color} queda precioso. Sale {precio} y demora {demora}."),
            b("Dale! Hacemos una vaquita y te mando la seña esta semana"),
            later_days(1, 4),
            b_with("Ahí va la seña! Somos 6 jaja", Media::Receipt),
            s("¡Recibida! Queda para {fecha}. Les mando foto antes de embalar."),
        ],
    },
    Dialogue {
        key: "chat_horario",
        voice: Voice::Cordoba,
        fits: &[],
        sale: order(Hand::Pickup, Qty::One),
        tags: &[],
        note: "",
        steps: &[
            b("Hola! A qué hora cierran hoy? Quiero pasar a buscar {el_producto}"),
            s("¡Hola {nombre}! Hoy estoy hasta las 18."),
            b("Llego 18:15 🙈"),
            s("Jaja dale, te espero 😅"),
        ],
    },
];

/// E-mail threads (subject, dialogue): wholesale, restaurants, events, invoices.
pub(super) static EMAILS: &[(&str, Dialogue)] = &[
    (
        "Consulta venta mayorista — {tienda}",
        Dialogue {
            key: "email_mayorista",
            voice: Voice::Any,
            fits: CERAMIC,
            sale: Sale::Order { hand: Hand::Ship, qty: Qty::Many, deposit: true },
            tags: &["mayorista"],
            note: "{tienda} ({ciudad}). Seña 50% por transferencia, saldo antes del envío.",
            steps: &[
                b(
                    "Hola Lucía, ¿cómo estás?\n\nTe escribo de {tienda}, una tienda de objetos de diseño en {ciudad}. Vimos tus piezas en Instagram y nos encantaría sumarlas. ¿Tenés lista de precios mayorista y mínimo de compra?\n\nSaludos,\n{nombre_completo}",
                ),
                s_with(
                    "Hola {nombre}, ¡gracias por escribir!\n\nTe adjunto el catálogo mayorista con precios. El mínimo es de 12 piezas surtidas y trabajamos con 50% de seña y el saldo antes del envío. La producción lleva {demora}.\n\nQuedo atenta,\nLucía — Barro Serrano",
                    Media::Pdf,
                ),
                later_days(1, 3),
                b(
                    "Hola Lucía,\n\nPerfecto. Queremos arrancar con {cantidad} {productos} ({color} y {otro_color}). ¿Nos pasás el total con envío a {ciudad}?\n\nGracias,\n{nombre}",
                ),
                s(
                    "Hola {nombre},\n\nEl total es {total} con el envío incluido. La seña de {sena} va al alias {alias} y arrancamos esta semana: estarían listas para {fecha}.\n\nSaludos,\nLucía",
                ),
                b_with("Hola, te adjunto el comprobante de la seña. ¡Gracias!\n{nombre}", Media::Receipt),
                s(
                    "¡Recibido, {nombre}! Ya quedó agendado. Te escribo con fotos cuando salgan del horno.\nLucía",
                ),
            ],
        },
    ),
    (
        "Presupuesto vajilla para {tienda}",
        Dialogue {
            key: "email_restaurante",
            voice: Voice::Any,
            fits: &[Category::Plate, Category::Bowl],
            sale: Sale::Inquiry { qty: Qty::Many },
            tags: &["mayorista"],
            note: "Presupuesto para restó {tienda}. Esperando confirmación del chef.",
            steps: &[
                b(
                    "Hola, ¿qué tal?\n\nSoy {nombre_completo}, de compras de {tienda}. Estamos renovando la vajilla y buscamos {productos} de autor para el menú de pasos. Necesitaríamos {cantidad} unidades. ¿Podrían enviarnos un presupuesto?\n\nMuchas gracias.",
                ),
                s(
                    "Hola {nombre}, ¡gracias por pensar en Barro Serrano!\n\nPara {cantidad} unidades el precio por cantidad es {precio_mayor} c/u (gres de alta temperatura, apto lavavajillas industrial). Total {total} + IVA, con factura A. La producción lleva {demora}.\n\n¿Tienen algún color en mente? Les puedo mandar muestras.\n\nLucía",
                ),
                later_days(1, 2),
                b(
                    "Hola Lucía, ¡gracias por la rapidez! Nos gustaría ver una muestra en {color}. ¿Se puede pasar a buscar por el taller?",
                ),
                s(
                    "¡Claro! Pueden pasar de lunes a viernes de 10 a 18 por {taller}. Les preparo dos muestras.",
                ),
                later_days(2, 6),
                b(
                    "Hola Lucía, el chef vio las muestras y le encantaron. Lo consultamos con los socios y te confirmamos la semana que viene.\n\nSaludos,\n{nombre}",
                ),
            ],
        },
    ),
    (
        "Souvenirs para casamiento 💍",
        Dialogue {
            key: "email_souvenirs_casamiento",
            voice: Voice::Any,
            fits: &[Category::Planter, Category::Toy],
            sale: Sale::Inquiry { qty: Qty::Many },
            tags: &["regalo"],
            note: "Souvenirs de casamiento con cartelito de nombres.",
            steps: &[
                b(
                    "Hola! Me caso en unos meses y quería consultar por {cantidad} {productos} en versión mini para souvenirs. ¿Hacen? ¿Cuánto saldrían?\n\n{nombre}",
                ),
                s(
                    "¡Hola {nombre}, felicitaciones! 🎉\n\nSí, hacemos souvenirs. En versión mini quedan a {precio_mayor} cada uno; para {cantidad} el total es {total}. Necesito {demora} desde que confirmás.\n\nLucía",
                ),
                b("¡Genial! ¿Y se les puede poner un cartelito con nuestros nombres y la fecha?"),
                s(
                    "Sí, una etiqueta de papel kraft atada con hilo de algodón, sin costo extra. Si me pasás los nombres te mando una prueba.",
                ),
                b("Son Flor y Nacho 😍 Te confirmo la cantidad final cuando cierre la lista de invitados"),
            ],
        },
    ),
    (
        "Pedido de factura B",
        Dialogue {
            key: "email_factura",
            voice: Voice::Any,
            fits: &[],
            sale: Sale::None,
            tags: &[],
            note: "",
            steps: &[
                b(
                    "Hola, ¿cómo estás? Compré por Instagram {el_producto} la semana pasada. ¿Me podrían hacer factura B a mi nombre? DNI 31.456.789.\n\nGracias,\n{nombre_completo}",
                ),
                s_with(
                    "Hola {nombre}, te adjunto la factura B. ¡Gracias por tu compra!\n\nLucía — Barro Serrano",
                    Media::Invoice,
                ),
                b("¡Recibida, gracias!"),
            ],
        },
    ),
    (
        "Invitación — Feria de Diseño de Córdoba",
        Dialogue {
            key: "email_feria",
            voice: Voice::Any,
            fits: &[],
            sale: Sale::None,
            tags: &[],
            note: "",
            steps: &[
                b(
                    "Hola Lucía,\n\nDesde la organización de la Feria de Diseño de Córdoba te invitamos a participar en la próxima edición, en el Paseo del Buen Pastor. Son dos días, sábado y domingo de 15 a 22.\n\n¿Te interesa? Te cuento las condiciones.\n\n{nombre_completo}\nProducción — Feria de Diseño",
                ),
                s(
                    "¡Hola {nombre}! Gracias por la invitación. Sí, me interesa. ¿Cuál es el costo del stand y el horario de armado?",
                ),
                b(
                    "El stand de 2×2 sale $ 60.000 por los dos días; el armado es el viernes de 17 a 21. Hay mesas, no sillas.",
                ),
                s("Perfecto. ¿Hay lugares con enchufe? Llevo una lámpara para las piezas. Si hay, me anoto."),
                b("Sí, te reservo el 14 con enchufe. ¡Nos vemos!"),
            ],
        },
    ),
    (
        "Cotización regalos empresariales — {tienda}",
        Dialogue {
            key: "email_empresa",
            voice: Voice::Any,
            fits: &[Category::Mug, Category::Mate, Category::Bowl],
            sale: Sale::Order { hand: Hand::Ship, qty: Qty::Many, deposit: false },
            tags: &["mayorista", "regalo"],
            note: "Regalo empresarial, factura A a nombre de {tienda} SRL. Paga 100% por transferencia.",
            steps: &[
                b(
                    "Hola,\n\nEstamos buscando un regalo para nuestros clientes: {cantidad} {productos} con una etiqueta de la empresa. ¿Podrían cotizarnos?\n\nSaludos cordiales,\n{nombre_completo}\n{tienda}",
                ),
                s(
                    "Hola {nombre},\n\n¡Gracias por escribir! Para {cantidad} unidades el precio es {precio_mayor} c/u; total {total} + IVA. La etiqueta con el logo va sin cargo. La producción lleva {demora}.\n\nLucía",
                ),
                later_days(1, 4),
                b(
                    "Hola Lucía, aprobado. Necesitamos factura A a nombre de {tienda} SRL. ¿Transferimos el total?",
                ),
                s(
                    "¡Perfecto! Sí, el total por transferencia. Te mando la factura cuando acredite y quedan para {fecha}.",
                ),
                b_with("Adjunto comprobante. Saludos.", Media::Receipt),
            ],
        },
    ),
    (
        "Visita al taller con alumnos de 5° grado",
        Dialogue {
            key: "email_escuela",
            voice: Voice::Any,
            fits: &[],
            sale: Sale::None,
            tags: &[],
            note: "",
            steps: &[
                b(
                    "Estimada Lucía:\n\nSoy docente de plástica en una escuela primaria de {ciudad}. Queríamos saber si sería posible una visita al taller con 20 chicos de 5° grado, para que vean el torno y el horno.\n\nQuedo a la espera,\n{nombre_completo}",
                ),
                s(
                    "¡Hola {nombre}! Me encantaría. Los martes a la mañana es el mejor momento: entran 10 chicos por turno. ¿Les sirve en dos turnos de una hora?",
                ),
                b("¡Sí, perfecto! Lo hablo con la dirección y te confirmo la fecha."),
            ],
        },
    ),
    (
        "Consulta por mi pedido",
        Dialogue {
            key: "email_novedades",
            voice: Voice::Any,
            fits: CERAMIC,
            sale: order(Hand::Ship, Qty::Few),
            tags: &[],
            note: "Se demoró la horneada; avisé por mail.",
            steps: &[
                b(
                    "Hola Lucía, hice un pedido por WhatsApp hace dos semanas ({cantidad} {productos}) y no tuve novedades. ¿Está todo bien?\n\n{nombre}",
                ),
                s(
                    "Hola {nombre}, perdón la demora en contestar. Tu pedido ya está esmaltado y sale del horno el viernes; el lunes lo despacho y te mando el seguimiento.\n\nLucía",
                ),
                b("¡Gracias por avisar! Quedo a la espera."),
                later_days(3, 5),
                s("Hola {nombre}, salió hoy. Seguimiento: {seguimiento}. ¡Gracias por la paciencia!"),
            ],
        },
    ),
];

/// Etsy buyers who write in Spanish (Spain, Mexico).
pub(super) static ETSY: &[Dialogue] = &[
    Dialogue {
        key: "etsy_es_espana",
        voice: Voice::Spain,
        fits: &[],
        sale: Sale::None,
        tags: &[],
        note: "",
        steps: &[
            b(
                "¡Hola! Vivo en {ciudad} y me encantan tus {productos}. ¿Cuánto tardaría en llegar a España? ¿Hay que pagar aduana?",
            ),
            s(
                "¡Hola {nombre}! Gracias 💛 A España suele tardar de 12 a 20 días hábiles con seguimiento. Al venir de fuera de la UE, Correos puede cobrarte el IVA de importación al recibirlo.",
            ),
            b("Vale, entiendo. Me lo pienso y os digo. ¡Gracias!"),
        ],
    },
    Dialogue {
        key: "etsy_es_mexico",
        voice: Voice::Mexico,
        fits: &[],
        sale: order(Hand::Ship, Qty::One),
        tags: &["regalo"],
        note: "Regalo de cumpleaños: envolver.",
        steps: &[
            b("Hola, ¿qué tal? ¿Me lo puede enviar a {ciudad}? Es para el cumpleaños de mi mamá."),
            s(
                "¡Hola {nombre}! Sí, claro. A México tarda de 15 a 25 días hábiles. Si es para una fecha especial, avísame y te digo si llega.",
            ),
            b("Su cumpleaños es en un mes, ¿sí alcanza?"),
            s("Sí, alcanza. Si lo compras esta semana lo despacho el lunes y te paso el número de rastreo."),
            b("¡Perfecto, ya lo compré! Muchas gracias"),
            s("¡Gracias a ti! Va envuelto para regalo 🎁"),
        ],
    },
];

/// What a happy buyer writes days after a parcel arrives (appended to some finished chats).
pub(super) static AFTER_DELIVERY: &[&[Step]] = &[
    &[
        later_days(3, 6),
        b("Llegó!! Es hermos{o}, gracias 😍"),
        s("¡Qué alegría, {nombre}! Que l{o} disfrutes 💛"),
    ],
    &[
        later_days(2, 5),
        b_with("Mirá dónde quedó 🥰", Media::Photo),
        s("¡Qué lindo rincón! Gracias por compartir"),
    ],
    &[
        later_days(4, 8),
        b("Quedó divin{o} en casa 🥰 Gracias Lu"),
        s("¡Gracias a vos! Cualquier cosa acá estoy"),
    ],
    &[later_days(2, 4), b("Llegó perfecto, súper bien embalado"), s("¡Genial! Gracias por avisar 🙌")],
];

/// After a pickup at the workshop or a meeting point.
pub(super) static AFTER_PICKUP: &[&[Step]] = &[
    &[later_hours(1, 5), b("Gracias Lu! Es más lind{o} en persona"), s("¡Gracias por venir! 💛")],
    &[later_hours(2, 8), b("Ya está en casa, le encantó a todos 🙌"), s("¡Me alegra un montón!")],
];
