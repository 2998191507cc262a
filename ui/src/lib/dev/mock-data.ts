// Made-up conversations for the browser preview (see mock-shell.ts). Times are relative to "now".

import type {
  BuyerView,
  ChannelKind,
  ConversationKind,
  ConversationStatus,
  InboxRow,
  MessageView,
  OrderView,
  SendCapability,
} from '$lib/ipc/bindings';

export type MockConversation = {
  row: InboxRow;
  status: ConversationStatus;
  unread: number;
  waitingSince: number | null;
  buyer: BuyerView;
  messages: MessageView[];
  orders: OrderView[];
  /** What the composer may do; absent: the preview has no connected account, so it copies. */
  send?: SendCapability;
  /** Meta gave only the most recent messages. */
  olderHistoryUnavailable?: boolean;
  /** The post a comment is on. */
  listingRef?: string;
};

/** A connected account that sends, with no limits or windows: each Meta sample says what differs. */
const SENDS: SendCapability = {
  mode: 'send',
  max_chars: null,
  max_bytes: null,
  public_and_permanent: false,
  public: false,
  blocked_reason: null,
  reply_until: null,
  private_reply_until: null,
  opens_in_app: false,
  needs_reason: false,
};

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

const accounts: Record<ChannelKind, { id: number; name: string }> = {
  mercado_libre: { id: 1, name: 'barroylana' },
  instagram: { id: 2, name: '@barro.y.lana' },
  whatsapp: { id: 3, name: 'WhatsApp taller' },
  etsy: { id: 4, name: 'BarroYLanaStudio' },
  email: { id: 5, name: 'hola@barroylana.com.ar' },
  telegram: { id: 6, name: '@barroylana_bot' },
  messenger: { id: 7, name: 'Barro y Lana' },
  other: { id: 8, name: 'Feria y teléfono' },
};

/** A buyer's mail answering the shop's, with the quoted history mail programs add below. */
const QUOTED_REPLY =
  'Hola! ¿Me confirmás si el envío sale esta semana? Es para un regalo del sábado.\nGracias, Lucía\n\n' +
  'El vie, 4 dic 2026 a las 18:20, Barro y Lana <hola@barroylana.com.ar> escribió:\n' +
  '> ¡Gracias por tu compra, Lucía! Te avisamos cuando salga el envío.';

let nextMessageId = 1;
let nextOrderId = 1000;

type Line = [ago: number, who: 'in' | 'out', text: string, extra?: Partial<MessageView>];

function conversation(
  id: number,
  spec: {
    buyer: string;
    channel: ChannelKind;
    kind: ConversationKind;
    status: ConversationStatus;
    subject?: string;
    lines: Line[];
    unread?: number;
    pinned?: boolean;
    tags?: string[];
    seller?: string;
    handle?: string;
    notes?: string;
    /** The buyer's address, for a mail. */
    email?: string;
    orders?: Omit<
      OrderView,
      'id' | 'buyer_id' | 'conversation_id' | 'total_minor' | 'checklist' | 'next_stages' | 'message_count' | 'starts_thread'
    >[];
    send?: SendCapability;
    olderHistoryUnavailable?: boolean;
    listingRef?: string;
  },
  now: number,
): MockConversation {
  const account = accounts[spec.channel];
  const messages: MessageView[] = spec.lines
    .map(([ago, who, text, extra]) => ({
      id: nextMessageId++,
      direction: who === 'in' ? ('incoming' as const) : ('outgoing' as const),
      author: who === 'in' ? spec.buyer : (spec.seller ?? 'Lucía'),
      text,
      sent_at: now - ago,
      status: who === 'in' ? ('received' as const) : ('sent' as const),
      attachments: [],
      order_id: null,
      reactions: [],
      ...extra,
    }))
    .sort((a, b) => a.sent_at - b.sent_at);
  let waitingSince: number | null = null;
  for (const m of messages) {
    if (m.direction === 'incoming' && waitingSince === null) waitingSince = m.sent_at;
    if (m.direction === 'outgoing') waitingSince = null;
  }
  const orders: OrderView[] = (spec.orders ?? []).map((o) => ({
    ...o,
    id: nextOrderId++,
    buyer_id: id,
    conversation_id: id,
    total_minor: o.items.reduce((sum, item) => sum + item.unit_price_minor * item.quantity, 0),
    checklist: [],
    next_stages: [],
    message_count: 0,
    starts_thread: false,
  }));
  return {
    status: spec.status,
    unread: spec.unread ?? 0,
    waitingSince,
    row: {
      conversation_id: id,
      buyer_id: id,
      buyer_name: spec.buyer,
      channel: spec.channel,
      account_id: account.id,
      account_name: account.name,
      kind: spec.kind,
      status: spec.status,
      subject: spec.subject ?? null,
      preview: '',
      preview_attachment: null,
      last_direction: null,
      last_message_at: null,
      waiting_since: null,
      waiting_seconds: null,
      order_stage: orders[0]?.stage ?? null,
      tags: spec.tags ?? [],
      unread: spec.unread ?? 0,
      pinned: spec.pinned ?? false,
      target_seconds: 3600,
      target_waiting_seconds: null,
      target_level: null,
      highlights: [],
    },
    buyer: {
      id,
      name: spec.buyer,
      notes: spec.notes ?? '',
      tags: spec.tags ?? [],
      identities: [
        {
          account_id: account.id,
          channel: spec.channel,
          account_name: account.name,
          external_id: `${spec.channel}-${id}`,
          display_name: spec.buyer,
          handle: spec.handle ?? null,
          phone: null,
          email: spec.email ?? null,
        },
      ],
    },
    messages,
    orders,
    send: spec.send,
    olderHistoryUnavailable: spec.olderHistoryUnavailable,
    listingRef: spec.listingRef,
  };
}

export function sampleConversations(now: number): MockConversation[] {
  nextMessageId = 1;
  nextOrderId = 1000;
  return [
    conversation(
      1,
      {
        buyer: 'Martina Gómez',
        channel: 'mercado_libre',
        kind: 'pre_sale_question',
        status: 'needs_reply',
        subject: 'Taza esmaltada artesanal 350 ml',
        unread: 1,
        handle: 'MARTIGOMEZ82',
        lines: [[3 * HOUR + 12 * MIN, 'in', '¿Lo tenés en azul? Lo quiero para regalar el sábado.']],
      },
      now,
    ),
    conversation(
      2,
      {
        buyer: 'Sofi ✿ Ramírez',
        channel: 'instagram',
        kind: 'chat',
        status: 'needs_reply',
        unread: 2,
        handle: '@sofi.ramirez',
        tags: ['mayorista'],
        olderHistoryUnavailable: true,
        // Meta's window: 24 hours after her last message.
        send: { ...SENDS, max_bytes: 1000, reply_until: now - (18 * HOUR + 47 * MIN + 30) + DAY, opens_in_app: true },
        lines: [
          [18 * HOUR + 50 * MIN, 'in', 'Holaaa!! Quiero todo 😍😍😍🙌✨', { reactions: ['love'] }],
          [18 * HOUR + 47 * MIN + 30, 'in', '¿Hacen envíos a Rosario?'],
        ],
      },
      now,
    ),
    conversation(
      3,
      {
        buyer: 'Paula Herrera',
        channel: 'telegram',
        kind: 'chat',
        status: 'needs_reply',
        unread: 1,
        tags: ['navidad', 'pedido grande', 'cliente nueva'],
        lines: [
          [12 * MIN, 'in', 'Necesito 15 piezas en dos días, son para las chicas de la oficina. Son chiquitas, ¿llegás?'],
        ],
      },
      now,
    ),
    conversation(
      4,
      {
        buyer: 'Emily Carter',
        channel: 'etsy',
        kind: 'email',
        status: 'needs_reply',
        subject: 'Question about your listing: Hand-thrown ceramic plate',
        unread: 1,
        lines: [
          [2 * DAY + 3 * HOUR, 'in', 'Hi! Do you ship to Canada? And would the large plate fit in a standard dishwasher?'],
        ],
      },
      now,
    ),
    conversation(
      5,
      {
        buyer: 'João Pereira',
        channel: 'mercado_libre',
        kind: 'pre_sale_question',
        status: 'needs_reply',
        subject: 'Jogo de 4 pratos rasos pintados à mão',
        lines: [[25 * MIN, 'in', 'Oi! Vocês enviam para São Paulo? Qual o prazo?']],
      },
      now,
    ),
    conversation(
      6,
      {
        buyer: 'Carla Méndez',
        channel: 'whatsapp',
        kind: 'chat',
        status: 'waiting_for_buyer',
        pinned: true,
        tags: ['retiro'],
        notes: 'Compra para la hija. Prefiere que le escriban a la tarde.',
        lines: [
          [3 * DAY, 'in', 'Hola! Vi el muñeco de tela en la foto, ¿qué opciones tenés?'],
          [3 * DAY - 20 * MIN, 'out', 'Hola Carla! Tengo dos: 1) el zorro con bufanda, 2) el oso con overol. Los dos a $18.000.'],
          [2 * DAY, 'in', '¿Cuál opción?'],
          [2 * DAY - 5 * MIN, 'out', 'Te mando fotos de las dos 😊', { attachments: [{ file_name: 'zorro-bufanda.jpg', mime_type: 'image/jpeg', size_bytes: 284_000, local_path: null }, { file_name: 'oso-overol.jpg', mime_type: 'image/jpeg', size_bytes: 301_500, local_path: null }] }],
          [1 * DAY + 2 * HOUR, 'in', 'La 1!! ¿Cuándo puede pasar mi marido a buscarla?'],
          [1 * DAY + 1 * HOUR, 'out', 'Genial. La semana que viene a las 18:30 en Subte Línea D, estación Tribunales. ¿Le queda bien?'],
        ],
        orders: [
          {
            stage: 'agreed',
            currency: 'ARS',
            items: [{ product: 'Muñeco de tela', variant: 'Zorro con bufanda', quantity: 1, unit_price_minor: 1_800_000 }],
            due_date: null,
            delivery: {
              method: 'meeting_point',
              address: null,
              place: 'Subte Línea D, estación Tribunales',
              time_note: 'la semana que viene, 18:30',
              picked_up_by: 'su marido, Jorge',
            },
            payment_status: 'unpaid',
            notes: 'Paga en efectivo al retirar.',
            created_at: now - 1 * DAY,
          },
        ],
      },
      now,
    ),
    conversation(
      7,
      {
        buyer: 'Rodrigo Sosa',
        channel: 'mercado_libre',
        kind: 'post_sale',
        status: 'waiting_for_buyer',
        subject: 'Pack #2000004512 · Juego de 2 tazones',
        handle: 'RODRISOSA',
        lines: [
          [5 * HOUR, 'in', 'Buenas, ya pagué. ¿Para cuándo lo despachan?'],
          [4 * HOUR, 'out', 'Hola Rodrigo! Escribime al 351 555-0101 y coordinamos.', { status: 'moderated' }],
          [3 * HOUR + 50 * MIN, 'out', '¡Hola Rodrigo! Gracias por tu compra. Los despachamos el jueves por Correo Argentino; te llega el código de seguimiento por acá.'],
        ],
        orders: [
          {
            stage: 'paid',
            currency: 'ARS',
            items: [{ product: 'Tazón de gres', variant: 'Verde musgo', quantity: 2, unit_price_minor: 1_250_000 }],
            due_date: '2025-12-11',
            delivery: { method: 'shipping', address: 'Av. Colón 1234, 3° B, Córdoba', place: null, time_note: null, picked_up_by: null },
            payment_status: 'paid',
            notes: '',
            created_at: now - 5 * HOUR,
          },
        ],
      },
      now,
    ),
    conversation(
      8,
      {
        buyer: 'Valentina <b>html</b> López',
        channel: 'email',
        kind: 'email',
        status: 'needs_reply',
        subject: 'Consulta por <i>platos</i> para restaurante',
        unread: 1,
        lines: [
          [6 * HOUR, 'in', 'Hola, les escribo por 40 platos para un restaurante.\nAdjunto el logo. <script>alert(1)</script> ¿Pueden grabarlo?', { attachments: [{ file_name: 'logo-restaurante.pdf', mime_type: 'application/pdf', size_bytes: 1_240_000, local_path: null }] }],
        ],
      },
      now,
    ),
    conversation(
      9,
      {
        buyer: 'Ana Beatriz Costa',
        channel: 'instagram',
        kind: 'chat',
        status: 'done',
        lines: [
          [6 * DAY, 'in', 'Amei a caneca! Chegou certinho 💛'],
          [6 * DAY - HOUR, 'out', 'Que bom, Ana! Obrigada por comprar com a gente.'],
        ],
        orders: [
          {
            stage: 'delivered',
            currency: 'BRL',
            items: [{ product: 'Caneca esmaltada', variant: 'Terracota', quantity: 1, unit_price_minor: 8990 }],
            due_date: null,
            delivery: { method: 'shipping', address: 'Rua Augusta 500, São Paulo', place: null, time_note: null, picked_up_by: null },
            payment_status: 'paid',
            notes: '',
            created_at: now - 20 * DAY,
          },
        ],
      },
      now,
    ),
    conversation(
      10,
      {
        buyer: 'Lucas Fernández',
        channel: 'messenger',
        kind: 'chat',
        status: 'snoozed',
        lines: [
          [4 * DAY, 'in', '¿Tenés stock del florero alto?'],
          [4 * DAY - HOUR, 'out', 'Sale del horno el viernes, te aviso ese día.', { status: 'failed' }],
        ],
      },
      now,
    ),
    conversation(
      11,
      {
        buyer: 'Feria de San Telmo — Graciela',
        channel: 'other',
        kind: 'chat',
        status: 'waiting_for_buyer',
        lines: [
          [26 * HOUR, 'in', 'Me llevo las 3 macetas si me las guardás hasta el domingo.'],
          [25 * HOUR, 'out', 'Te las guardo, Graciela. Copio la seña acá para no olvidarme.', { status: 'copied' }],
        ],
        orders: [
          {
            stage: 'in_production',
            currency: 'ARS',
            items: [
              { product: 'Maceta cilíndrica', variant: 'Chica', quantity: 2, unit_price_minor: 650_000 },
              { product: 'Maceta cilíndrica', variant: 'Grande', quantity: 1, unit_price_minor: 980_000 },
            ],
            due_date: '2025-12-14',
            delivery: { method: 'pickup', address: null, place: 'Puesto 14, Feria de San Telmo', time_note: 'domingo a la mañana', picked_up_by: null },
            payment_status: 'partial',
            notes: 'Dejó seña de $10.000.',
            created_at: now - 26 * HOUR,
          },
        ],
      },
      now,
    ),
    conversation(
      12,
      {
        buyer: 'Camila Ortiz',
        channel: 'instagram',
        kind: 'chat',
        status: 'needs_reply',
        unread: 1,
        handle: '@cami.ortiz',
        olderHistoryUnavailable: true,
        // The buyer wrote 26 hours ago: Meta's 24-hour window has closed.
        send: { ...SENDS, max_bytes: 1000, reply_until: now - 2 * HOUR, opens_in_app: true },
        lines: [
          [27 * HOUR, 'in', '¡Qué lindas! ¿Las hacés por encargo?', { attachments: [{ file_name: 'story', mime_type: null, size_bytes: null, local_path: null, kind: 'story_reply' }] }],
          [26 * HOUR + 30 * MIN, 'in', '¿Tenés este en verde?', { attachments: [{ file_name: 'https://www.instagram.com/p/C9xTaza/', mime_type: null, size_bytes: null, local_path: null, kind: 'share' }], reactions: ['haha'] }],
          [26 * HOUR + 10 * MIN, 'in', 'Perdón, era para otra persona', { deleted_at: now - 26 * HOUR }],
          [26 * HOUR, 'in', '', { attachments: [{ file_name: 'message', mime_type: null, size_bytes: null, local_path: null, kind: 'unsupported' }] }],
        ],
      },
      now,
    ),
    conversation(
      13,
      {
        buyer: 'Julieta Paz',
        channel: 'instagram',
        kind: 'comment',
        status: 'needs_reply',
        unread: 1,
        handle: '@julipaz',
        subject: 'Tazas nuevas de la hornada de invierno 🔥 Hechas a mano en Córdoba, esmalte de ceniza',
        listingRef: 'https://www.instagram.com/p/C9xTaza/',
        send: { ...SENDS, max_chars: 2200, public: true, private_reply_until: now + 6 * DAY + 20 * HOUR, opens_in_app: true },
        lines: [
          [3 * HOUR, 'in', '¿Precio? ¿Hacen envíos a Mendoza? 😍', { reactions: ['love'] }],
          [2 * HOUR, 'in', 'Carísimo todo, ni loca', { author: 'Ramiro G.', status: 'moderated' }],
          [40 * MIN, 'in', 'Me interesan dos, la verde y la gris'],
        ],
      },
      now,
    ),
    conversation(
      14,
      {
        buyer: 'Lucía Fernández',
        channel: 'email',
        kind: 'email',
        status: 'needs_reply',
        subject: 'Re: Tu pedido de 2 tazones',
        unread: 1,
        email: 'lucia.fernandez@correo.com.ar',
        // A connected mailbox: replies go out by SMTP.
        send: SENDS,
        lines: [
          [2 * DAY, 'out', '¡Gracias por tu compra, Lucía! Te avisamos cuando salga el envío.'],
          [
            50 * MIN,
            'in',
            QUOTED_REPLY,
            { quote_start: QUOTED_REPLY.indexOf('El vie') },
          ],
        ],
      },
      now,
    ),
    conversation(
      15,
      {
        buyer: 'Lucia',
        channel: 'etsy',
        kind: 'chat',
        status: 'needs_reply',
        subject: 'Etsy Conversation with Lucia',
        unread: 1,
        // Etsy's newer notices carry no words: the message is read on Etsy.
        lines: [[35 * MIN, 'in', '']],
      },
      now,
    ),
  ];
}

const FIRST = ['Camila', 'Julieta', 'Mateo', 'Bruno', 'Florencia', 'Agustina', 'Tomás', 'Micaela', 'Gabriel', 'Renata', 'Beatriz', 'Thiago', 'Larissa', 'Fernanda', 'Diego', 'Ximena', 'Olivia', 'Santiago', 'Mariana', 'Joaquín'];
const LAST = ['García', 'Rodríguez', 'Silva', 'Santos', 'Martínez', 'Pérez', 'Oliveira', 'Torres', 'Díaz', 'Souza', 'Romero', 'Álvarez', 'Ruiz', 'Castro', 'Núñez'];
const CHANNELS: ChannelKind[] = ['mercado_libre', 'instagram', 'whatsapp', 'etsy', 'email', 'telegram', 'messenger', 'other'];
const ASKS = [
  '¿Hacen factura A?',
  '¿Tienen en verde oliva?',
  'Gracias! Llegó perfecto.',
  '¿El precio es por unidad o por el juego?',
  '¿Se puede lavar en lavavajillas?',
  'Quiero encargar 6 tazas con nombres.',
  '¿Hacen envíos por Andreani?',
  '¿Aceptan transferencia?',
  'Vocês fazem personalizado?',
  'Listo, ya transferí.',
];
const STATUSES: ConversationStatus[] = ['done', 'done', 'waiting_for_buyer', 'done', 'snoozed', 'done', 'waiting_for_buyer'];

/** Many older conversations, so the list's windowing and paging can be seen working. */
export function generatedConversations(now: number, count: number): MockConversation[] {
  const out: MockConversation[] = [];
  for (let i = 0; i < count; i++) {
    const id = 100 + i;
    const channel = CHANNELS[(i * 3 + Math.floor(i / 8)) % CHANNELS.length] ?? 'other';
    // Older history is answered: what waits is the hand-written sample above.
    const status = STATUSES[i % STATUSES.length] ?? 'done';
    const ago = 2 * DAY + i * 47 * MIN;
    const lines: Line[] = [
      [ago + 30 * MIN, 'in', ASKS[i % ASKS.length] ?? ''],
      [ago, 'out', '¡Gracias por escribir! Te cuento enseguida.'],
    ];
    out.push(
      conversation(
        id,
        {
          buyer: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
          channel,
          kind: channel === 'email' ? 'email' : channel === 'mercado_libre' ? 'pre_sale_question' : 'chat',
          status,
          lines,
          tags: i % 11 === 0 ? ['recurrente'] : [],
        },
        now,
      ),
    );
  }
  return out;
}
