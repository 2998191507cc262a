//! What the post-sale check looks for, as sellers write it in Spanish (Argentina, Mexico and the
//! rest), Brazilian Portuguese and English, in the phrase language of `phrases.rs`. Words are
//! written folded (lowercase, no accents, no apostrophes: "we've" is "weve"). Mercado Libre's
//! guide to post-sale messages says what is worth a message and what is not; each group below is
//! one of its cases, or what tells them apart.

/// What a phrase says about a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Group {
    /// Thanks: a message only to thank is one the buyer does not expect.
    Thanks,
    /// Good wishes and open offers ("que lo disfrutes", "cualquier duda…"): colloquial.
    Wish,
    /// Asking for a rating: colloquial too, unless it anticipates a claim.
    Rating,
    /// The order's progress as Mercado Libre already tells it: shipped, on its way, being
    /// prepared, the tracking number.
    Progress,
    /// "Did it arrive?", asked: Mercado Libre tells both of them. (Counts only in a question:
    /// "gracias por avisar que te llegó" is thanks.)
    DidItArrive,
    /// "Let me know when it arrives": the same, said.
    TellMeWhenItArrives,
    /// Where Mercado Libre shows the shipment ("en el detalle de la compra"): pointing there is
    /// the right answer, not an update.
    PointsToMarketplace,
    /// Heading off a claim or a bad rating ("antes de abrir un reclamo").
    Claim,
    /// A problem that has not happened ("si llega roto", "cualquier inconveniente").
    HypotheticalProblem,
    /// "Write to me", "let me know": with a hypothetical problem, anticipating a claim.
    Contact,
    /// Something went wrong with the product or the order: a reason to write.
    Problem,
    /// "Sin problema", "no worries": no problem at all.
    NoProblem,
    /// Asking for or confirming variants: a reason to write.
    Variants,
    /// A personalised product: a reason to write.
    Personalised,
    /// Billing data: a reason to write.
    Billing,
    /// Arranging the delivery (pickup, address, day and time, a courier of their own): a reason to write.
    Delivery,
    /// A bulky or heavy product: a reason to write.
    Bulky,
    /// Questions that ask nothing ("¿todo bien?", "¿te gustó?").
    SmallTalkQuestion,
}

impl Group {
    /// The groups that make a message needed, whatever else it says.
    pub const TOPICS: &[Group] =
        &[Group::Variants, Group::Personalised, Group::Billing, Group::Delivery, Group::Bulky];
}

pub(super) const LEXICON: &[(Group, &[&str])] = &[
    (Group::Thanks, THANKS),
    (Group::Wish, WISHES),
    (Group::Rating, RATING),
    (Group::Progress, PROGRESS),
    (Group::DidItArrive, DID_IT_ARRIVE),
    (Group::TellMeWhenItArrives, TELL_ME_WHEN_IT_ARRIVES),
    (Group::PointsToMarketplace, POINTS_TO_MARKETPLACE),
    (Group::Claim, CLAIM),
    (Group::HypotheticalProblem, HYPOTHETICAL_PROBLEM),
    (Group::Contact, CONTACT),
    (Group::Problem, PROBLEM),
    (Group::NoProblem, NO_PROBLEM),
    (Group::Variants, VARIANTS),
    (Group::Personalised, PERSONALISED),
    (Group::Billing, BILLING),
    (Group::Delivery, DELIVERY),
    (Group::Bulky, BULKY),
    (Group::SmallTalkQuestion, SMALL_TALK_QUESTION),
];

/// Words that make a problem after them in the sentence a supposition or a wish, not something
/// that happened: "si llega roto", "cualquier inconveniente", "ojalá no se demore", "if anything
/// is wrong", "qualquer problema". Spanish "si" counts only unaccented and not followed by a comma
/// ("Sí, se rompió"); Portuguese "se" only before the words in `PORTUGUESE_IF_BEFORE`, since in
/// Spanish it is a pronoun ("se rompió").
pub(super) const SUPPOSING: &[&str] = &[
    "si",
    "cualquier",
    "cualquiera",
    "ante",
    "caso",
    "ojala",
    "espero",
    "esperamos",
    "eventual",
    "eventualmente",
    "qualquer",
    "tomara",
    "if",
    "any",
    "anything",
    "should",
    "unless",
    "hope",
    "hopefully",
];

/// Words that make an update after them in the sentence a promise or an offer, not news: "te
/// aviso cuando esté en camino", "si querés te lo mando hoy", "I'll write once it ships".
pub(super) const LATER: &[&str] = &[
    "si", "caso", "cuando", "apenas", "cuanto", "vez", "quando", "assim", "logo", "if", "unless", "when",
    "once", "soon",
];

/// Portuguese "se" is "if" before these words ("se tiver algum problema", "se chegar quebrado").
pub(super) const PORTUGUESE_IF_BEFORE: &[&str] = &[
    "tiver",
    "tiverem",
    "houver",
    "vier",
    "vierem",
    "chegar",
    "chegarem",
    "der",
    "notar",
    "acontecer",
    "algo",
    "voce",
    "vc",
    "precisar",
    "estiver",
    "nao",
    "o",
    "a",
    "receber",
];

/// Yes and no opening a sentence ("Sí, …", "Não, …", "Yes, …"): the seller answers the buyer,
/// which is a reason to write. "si", "no" and "nao" count only followed by punctuation (or, for
/// "sí", with its accent): otherwise they are "if" and "not".
pub(super) const ANSWERS: &[&str] = &["si", "no", "nao", "sim", "yes", "yeah", "yep", "nope"];

/// Words that end a sentence with a question mark without asking anything: "ya está en camino,
/// ¿dale?", "seu pacote já saiu, viu?".
pub(super) const QUESTION_TAGS: &[&str] = &[
    "viu",
    "ta",
    "ne",
    "ok",
    "okay",
    "right",
    "dale",
    "vale",
    "eh",
    "si",
    "no",
    "sim",
    "combinado",
    "beleza",
];

const THANKS: &[&str] = &[
    "muchas|muchisimas|mil|infinitas? gracias*|grasias|grax",
    "te|le|les? agradec*|agradezc*",
    "muito|muitissimo? obrigad*|obg|brigad*",
    "valeu",
    "grato|grata",
    "many? thanks|thank|thankyou|thx|tysm you|u? so|very|a? much|lot?",
    "i|we? appreciate",
    "grateful",
];

const WISHES: &[&str] = &[
    // es
    "que? lo|la|los|las? disfrut*",
    "espero|esperamos|ojala que? te|le|les|lo|la? guste|gusten|encante|encanten|sirva|sirvan",
    "que tengas|tenga|tengan|pases|pase|pasen un|una? buen|buena|lindo|linda|excelente|hermoso|hermosa|feliz|gran",
    "buen|lindo|excelente finde",
    "felices fiestas",
    "feliz navidad|ano",
    "felicitaciones|felicidades",
    "ante|por? cualquier|alguna duda|dudita|consulta|pregunta|cosa|cosita",
    "estoy|estamos|quedo|quedamos a tu|su? disposicion|ordenes",
    "para lo que necesites|necesite",
    // pt
    "aproveit*",
    "espero|esperamos que? voce|vc? goste|gostem|ame|amem|adore|curta",
    "bom proveito",
    "qualquer duvida|coisa|pergunta",
    "estou|estamos|fico|ficamos a disposicao",
    "tenha|tenham um|uma? otimo|otima|bom|boa|excelente|lindo|feliz dia|semana|fim",
    "boas festas",
    "feliz natal",
    // en
    "enjoy*",
    "hope|hoping you|u? like|love|enjoy it?",
    "any questions|doubts",
    "feel free",
    "have a great|nice|good|lovely|wonderful day|week|weekend|one",
    "happy holidays",
    "merry christmas",
];

const RATING: &[&str] = &[
    "calific*",
    "opinion|opiniao|resena|resenas|valoracion|puntaje",
    "5|cinco estrellas",
    "avali*",
    "qualific*",
    "5|cinco estrelas",
    "review|reviews|feedback|rating|ratings",
    "rate us|me",
    "5|five stars",
];

const PROGRESS: &[&str] = &[
    // es: on its way
    "ya|hoy? esta|estan|va|van|sigue|siguen|salio|salieron|viene|vienen? en camino",
    "esta|va|sigue|ya en viaje",
    "ya? esta|va|sigue viajando",
    // es: shipped, sent, dispatched (with what, or when)
    "ya|hoy|recien|ayer|manana? te|se|les? lo|la|los|las enviamos|envie|envio|despachamos|despache|despacho|mandamos|mande|mando|enviaremos|despacharemos|mandaremos|enviare|despachare|mandare",
    "ya|hoy|recien|ayer|manana despachamos|enviamos|mandamos|despache|envie|mande|despacho|envio|mando|salio|sale",
    "despachamos|enviamos|mandamos|despache|envie|mande tu|su pedido|paquete|compra|producto|orden|envio",
    "ya? lo|la|los|las? entregamos|entregue|entrego|dejamos|deje|dejo|llevamos|lleve|llevo al|a|en el|la? correo|sucursal|paqueteria|agencia",
    "ya? te|le? hice|hicimos el envio|despacho",
    "sale|salio|saldra|salen|salieron hoy|manana|ayer|temprano",
    "tu|su|el pedido|paquete|envio|compra|producto|orden ya? salio|salieron|partio",
    "ya? fue|fueron|ha|han|quedo|quedaron|esta|estan|figura|figuran sido|como? enviado|enviada|enviados|enviadas|despachado|despachada|despachados|despachadas|entregado|entregada|entregados|empaquetado|empaquetada|embalado|embalada",
    "ya esta|estan|quedo|quedaron listo|lista|listos|listas",
    "esta|estan|quedo|quedaron listo|lista|listos|listas para enviar|despachar|salir|el|envio",
    "tu|su|el pedido|paquete|compra|producto|orden ya? esta|quedo listo|lista|preparado|preparada|armado|armada",
    "ya? se envio|despacho|mando|entrego",
    "lo|la|los|las? estamos|estoy|estan preparando|armando|empaquetando|embalando|terminando",
    "preparando|armando|empaquetando|embalando tu|su|el pedido|paquete|compra",
    "en preparacion",
    "en proceso de envio|despacho|preparacion",
    // es: tracking
    "te|les? paso|dejo|envio|mando|comparto|adjunto el|la|tu? seguimiento|tracking|rastreo|guia",
    "numero|codigo|nro|num|link|enlace|guia de|del? seguimiento|rastreo|guia|envio|tracking",
    "tu|su guia",
    // pt
    "ja|hoje? esta|estao|vai|vao|segue|seguem|saiu|sairam? a caminho",
    "em transito",
    "saiu para entrega",
    "ja? foi|foram|esta|estao|ficou|ficaram enviado|enviada|enviados|enviadas|postado|postada|postados|postadas|despachado|despachada|despachados|entregue|entregues|embalado|embalada|separado|separada",
    "ja|hoje|ontem|amanha te? enviei|enviamos|postei|postamos|despachei|despachamos|mandei|mandamos|envio|posto|despacho|separei|separamos|embalei|embalamos",
    "enviei|enviamos|postei|postamos|despachei|despachamos|mandei|mandamos o|a? seu|sua|teu|tua pedido|pacote|encomenda|produto|compra|peca",
    "vai? sai|saiu|sair hoje|amanha|ontem",
    "estamos|estou|ja preparando|separando|embalando|montando|finalizando",
    "preparando|separando|embalando o|a? seu|sua pedido|pacote|encomenda|compra",
    "em preparacao|separacao",
    "codigo|numero|link de? rastreio|rastreamento",
    "segue|passo|mando|envio o|seu? codigo|rastreio",
    "o|seu rastreio",
    // en
    "on its|the way",
    "in transit",
    "out for delivery",
    "has|have|was|were|is|are|its been? shipped|dispatched|posted|mailed|packed|delivered",
    "ready to|for ship|shipping|dispatch|post",
    "we|i|weve|ive just|already|have? shipped|dispatched|posted|mailed",
    "we|i|weve|ive just|already|have? sent it|out",
    "we|i|weve|ive just|already|have? sent your|the order|package|parcel",
    "ships|ship|shipping|dispatches|dispatching|goes|going|leaves|leaving|posting out? today|tomorrow",
    "preparing|packing|packaging your|the order|package|parcel|item",
    "getting your? order|it ready",
    "being prepared|packed|made",
    "tracking number|code|link|info|information|details|id",
    "here|heres is? the|your tracking",
];

const DID_IT_ARRIVE: &[&str] = &[
    "ya? te|le|les llego|llegaron",
    "llego|llegaron bien|perfecto|sano|sana",
    "lo|la|los|las? recibiste|recibio|recibieron",
    "ja? chegou|chegaram|recebeu",
    "did|has|have … arrive|arrived",
    "did|have you get|got|receive|received",
];

const TELL_ME_WHEN_IT_ARRIVES: &[&str] = &[
    // es
    "avisame|avisanos|contame|confirmame cuando|si te|lo|la? llegue|lleguen|llego|recibas|recibis|tengas",
    "me|nos avisas|contas|confirmas cuando|si te|lo|la? llegue|lleguen|llego|recibas|recibis|tengas",
    "cuando te|lo|la? llegue|lleguen|recibas avisame|avisanos|contame|confirmame",
    // pt
    "me? avisa|avise|avisem|conta quando|se chegar|receber|chegou",
    "quando chegar|receber me? avisa|avise|conta",
    // en
    "let me|us know when|once|if … arrives|arrive|arrived|get|receive|received|lands",
];

const POINTS_TO_MARKETPLACE: &[&str] = &[
    "detalle|detalles de la|tu? compra|venta|envio",
    "mis compras",
    "ver envio",
    "detalhe|detalhes da|de sua? compra|envio",
    "minhas compras",
    "purchase|order details",
    "my purchases",
    "view shipment",
];

const CLAIM: &[&str] = &[
    // es
    "antes|previo de|a? … reclam*|queja*|calific*|mediacion|disputa|denuncia*|opinar|puntuar|valorar",
    "no|sin|evita|evitar|evitemos|evites … reclam*|queja*|mediacion|disputa|denuncia*",
    "calific*|opinion|resena|valoracion|puntaje|puntuacion|comentario negativ*|mala|malo|mal|baja|neutral|neutra",
    "dejar|dejes|dejen|poner|pongas|pongan? una|un? mala|baja|negativ*|neutral calific*|opinion|resena|valoracion|puntuacion|puntaje",
    "no me|nos|le? califiques|califique|califiquen mal|negativ*?",
    // pt
    "antes de … reclam*|queixa*|avali*|qualific*|mediacao|disputa|denuncia*",
    "nao|sem|evite|evitar|evitem|precisa … reclam*|queixa*|mediacao|disputa|denuncia*",
    "avali*|qualific*|nota|comentario negativ*|ruim|baixa|neutra|neutro|mal",
    "negativ*|ruim|baixa nota|avali*|qualific*",
    // en
    "before … claim*|dispute*|complain*|case|feedback|review*|rating*|rate|report*",
    "no|dont|not|never|avoid|instead|rather … claim*|dispute*|complain*",
    "instead|rather … case",
    "leave|leaving|give|giving? negative|bad|neutral|low|poor|lower feedback|review*|rating*|rate|score",
];

const HYPOTHETICAL_PROBLEM: &[&str] = &[
    // es
    "ante|por|en? cualquier|qualquer inconveniente*|problem*|falla*|defecto*|defeito*|detalle|error*|erro|imprevisto*",
    "si|caso … problem*|inconveniente*|roto|rota|rotos|rotas|rompe|rompio|falla*|fallad*|mal|defect*|danad*|dano|falta*|distinto|diferente|equivocad*",
    "si algo|alguna|algun? no … bien|como|perfecto|ok|correcto",
    "si … no te|le? convence|convenza|gusta|guste|conforma|llega|llego|funciona|anda|esperabas|esperaba",
    // pt
    "se tiver|tiverem|houver|vier|chegar|der|notar|acontecer|algo|voce|vc … problem*|inconveniente*|defeito*|quebrad*|errad*|avaria*|danificad*|faltando|falta*",
    "se nao chegar|receber|gostar|funcionar",
    "caso … problem*|inconveniente*|defeito*|defect*|quebrad*|errad*|avaria*|danificad*|faltando|roto|rota|mal",
    // en
    "any|anything problem*|issue*|wrong|trouble|defect*|damage*",
    "if|should … problem*|issue*|wrong|broken|broke|damaged|defect*|faulty|missing|trouble",
    "if … not happy|satisfied|right",
    "in case … problem*|issue*|wrong",
];

const CONTACT: &[&str] = &[
    // es
    "avisame|avisanos|avisa|avisas|avises|aviseme|avisenos|avisar|avisarme|avisarnos|escribime|escribinos|escribeme|escribenos|escribir|escribirme|escribirnos|contact*|comunic*|hablame|hablanos|consultame|consultanos|mandame|mandanos",
    "me|nos escribis|escribes|escriba|avisas|avisa|contactas|contacta",
    "lo|la? solucionamos|resolvemos|arreglamos",
    "estamos|estoy para ayudarte|resolverlo|solucionarlo",
    "te ayudamos|ayudo",
    // pt
    "me|nos avisa|avise|chama|chame|manda|mande|fala|fale|procura|procure",
    "entre|entra em contato",
    "fale|fala comigo|conosco",
    "resolvemos|resolvo|resolveremos",
    // en
    "let me|us know",
    "contact|message|msg|email|text|tell me|us",
    "reach out",
    "get in touch",
    "write to? me|us",
    "well|ill fix|sort|solve|make",
    "happy|here to help",
];

const PROBLEM: &[&str] = &[
    // es
    "problem*",
    "inconveniente*",
    "demor*",
    "retras*",
    "atraso|atrasos|atrasado|atrasada|atrasados|atrasamos",
    "tardar|tardara|tardaria|tardando mas",
    "va a tardar",
    "roto|rota|rotos|rotas|rompio|rompieron|rotura",
    "danad*",
    "dano",
    "defect*",
    "fallad*",
    "falla|fallas|fallo",
    "faltante*",
    "falto|faltaron|faltan",
    "nos|me falta",
    "sin stock",
    "no hay|tenemos|tengo|queda|quedan|quedo|quedaron stock|mas",
    "agotad*",
    "se agoto|agotaron",
    "nos|me quedamos|quede sin",
    "error|errores",
    "equivoc*",
    "mal",
    "perdid*",
    "se perdio",
    "extravi*",
    "devolucion",
    "reembolso",
    "reintegro",
    "cancel*",
    "lamentablemente",
    "reemplazo|reposicion|reenvio|reenviar|reenviamos|repuesto",
    "te|le mando|envio|enviamos|mandamos|hago|hacemos otra|otro",
    "te|le mando|envio|enviamos|mandamos|hago|hacemos una|uno nueva|nuevo",
    "no te|le? llego|llega|llegaron|ha|han llegado?",
    "no lo|la recibiste|recibio|recibieron",
    // pt
    "atrasou|atrasar",
    "quebr*",
    "danificad*",
    "avaria*",
    "defeit*",
    "falha*",
    "faltando|faltou|faltaram",
    "sem estoque",
    "nao tenho|temos|ha|tem mais? estoque",
    "esgot*",
    "acabou|acabaram o? estoque",
    "erro|erros|errado|errada|engano",
    "estorno",
    "infelizmente",
    "troca|trocar",
    "nao chegou|chegaram|recebeu",
    "ainda nao",
    // en
    "issue|issues",
    "delay*",
    "late",
    "broke|broken",
    "damage*",
    "faulty",
    "missing",
    "out of stock",
    "sold out",
    "ran|run out",
    "mistake*",
    "wrong",
    "lost",
    "refund*",
    "unfortunately",
    "replacement|replace|resend|reship",
    "havent|hasnt|didnt|not … arrived|received|arrive|receive",
];

const NO_PROBLEM: &[&str] = &[
    "sin|sem|cero|zero problema*|inconveniente*|drama",
    "no hay|es|era problema",
    "ningun|nenhum problema|inconveniente",
    "no problem*",
    "not a problem",
    "no issue*",
    "no worries",
    "no hace falta",
    "demora|tardanza|delay|atraso en|em|in responder|responderte|contestar|contestarte|replying|responding|getting",
    "nada mal",
];

const VARIANTS: &[&str] = &[
    "color|colores|colour|colours|cor|cores",
    "talle|talles|talla|tallas|tamano|tamanos|tamanho|tamanhos|size|sizes|medida|medidas",
    "modelo|modelos|model|models",
    "variante*|variacion*|variacao|variacoes|variant*|variation*",
    "estampa*|diseno|disenos|design",
    "aroma|aromas|fragancia*|fragrance|sabor|sabores|flavor|flavour",
    "tono|tonos|tonalidad*|acabado|terminacion|acabamento",
];

const PERSONALISED: &[&str] = &[
    "personaliz*|personalis*|custom*",
    "grabado|grabada|grabar|grabamos|gravacao|gravar|gravado|gravada|engrav*",
    "iniciales|iniciais|initials",
    "dedicatoria*|monogram*|bordado*|bordar|embroider*",
    "nombre|nombres|nome|nomes",
    "the|which|what name",
    "frase|frases",
    "envoltorio|envolver|envuelto|envuelta|embrulho|embrulhar",
    "para regalo|presente",
    "gift wrap*|note|message",
    "giftwrap*",
    "a|sob medida",
    "made to measure",
];

const BILLING: &[&str] = &[
    "factur*",
    "cuit|cuil|dni|rfc|cfdi|rut|ruc|nit|cpf|cnpj|nfe|nif|vat|boleta|invoic*|billing|receipt",
    "razon social",
    "condicion frente|ante? al? iva",
    "responsable inscripto",
    "monotribut*",
    "consumidor final",
    "datos|dados fiscal*",
    "regimen fiscal",
    "nota fiscal",
    "nf e",
    "inscricao estadual",
    "tax id|number",
];

const DELIVERY: &[&str] = &[
    "coordin*",
    "acordar|acordamos|acordemos|acordado|acordada|acordarlo|acordarla",
    "combinar|combinamos|combinemos",
    "arrang*",
    "retirar|retiro|retiras|retires|retiren|retiran|retiralo|retirala|retiralos|retirarlo|retirarla|retirarlos|retirarlas|retirada|retirarem|retire",
    "pasar|pasas|pasa|pases|passar|passa a? buscar*",
    "pick|picking … up",
    "pickup|collect",
    "punto|lugar|ponto de encuentro|encontro",
    "nos encontramos|juntamos|vemos",
    "domicilio",
    "direccion|direcciones|endereco|address",
    "codigo postal",
    "cep|zip",
    "horario*",
    "a que hora",
    "que dia|dias|horario",
    "cuando|quando|when … podes|puedes|pode|can|estas|estaras|free|available",
    "te|le queda bien",
    "quien|quem|who … recibe|recibir|receber|recebe|receive",
    "flete*",
    "comisionista",
    "cadete*|cadeteria|motomandado|mensajeria",
    "uber|cabify|didi",
    "expreso",
    "transporte|transportadora|freight",
    "a cargo del? comprador",
];

const BULKY: &[&str] = &[
    // Not "muy grande" alone: "un abrazo muy grande" is a sign-off.
    "grande|grandes|big|large|pesado|pesada|heavy … enviar*|envio|mandar*|despach*|ship*|correo|correios|postar",
    "pesado|pesada|pesados|pesadas",
    "voluminos*|volumoso|volumosa|volumen",
    "bulto|bultos",
    "kg|kilos|kilogramos",
    "heavy|bulky|oversized",
];

const SMALL_TALK_QUESTION: &[&str] = &[
    "todo|tudo bien|bem|bom|certo|joia|ok",
    "como estas|andas|va|vai",
    "como te|le|voce va|vai|esta",
    "que tal",
    "te|le gusto|gustaron|encanto|encantaron",
    "gostou|gostaram|curtiu",
    "how are you",
    "how is|hows it going",
    "did|do you like|love|enjoy",
    "alguna|algo|otra|alguma|outra duda|consulta|pregunta|duvida|mas|mais",
    "anything else",
    "necesitas|necesitabas|necesita|precisa|precisas|need algo|anything|something|mais|else",
];
