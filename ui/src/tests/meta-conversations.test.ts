// Instagram and Messenger conversations against a fake shell: the byte counter, the reply window
// as a live countdown and what the composer offers once it has closed, comments (the post, a
// public reply linted as public, the one private reply), which version of a saved answer the
// reply uses, and what bubbles show (stories, shares, reactions, hidden comments, deleted
// messages, the missing older history, private replies).

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type {
  AnswerSuggestion,
  ConversationView,
  InboxRow,
  LintReport,
  MessageView,
  OutboxItem,
  RenderRequest,
  RenderedAnswer,
  SendCapability,
} from '$lib/ipc/bindings';
import { answerChannelFor } from '$lib/components/answers/answerChannel';
import { reactionEmoji } from '$lib/components/conversation/reactions';
import { byteCount } from '$lib/stores/sending.svelte';
import { COPY_ONLY, conversationOf, installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const NOW = Math.floor(Date.now() / 1000);
const HOUR = 3600;
const DAY = 86_400;

/** An Instagram direct message with 24 h still to go. */
const DM: SendCapability = {
  ...COPY_ONLY,
  mode: 'send',
  max_bytes: 1000,
  reply_until: NOW + 24 * HOUR,
  opens_in_app: true,
  needs_reason: false,
};

/** A comment on an Instagram post: public reply up to 2200 characters, one private reply for 7 days. */
const COMMENT: SendCapability = {
  ...COPY_ONLY,
  mode: 'send',
  max_chars: 2200,
  public: true,
  private_reply_until: NOW + 6 * DAY,
  opens_in_app: true,
  needs_reason: false,
};

function message(id: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id,
    direction: 'incoming',
    author: 'Sofi Ramírez',
    text: '¿Lo tenés en azul?',
    sent_at: NOW - HOUR,
    status: 'received',
    attachments: [],
    order_id: null,
    reactions: [],
    ...overrides,
  };
}

function outboxItem(messageId: number, route: OutboxItem['route'], state: OutboxItem['state'] = 'sent'): OutboxItem {
  return {
    id: messageId + 1000,
    conversation_id: 1,
    account_id: 2,
    channel: 'instagram',
    conversation_kind: 'comment',
    conversation_ref: 'comment:1',
    buyer_external_id: '178',
    text: 'Te escribo por privado',
    idempotency_key: `k${messageId}`,
    state,
    attempts: 1,
    error_code: null,
    error_detail: null,
    message_id: messageId,
    created_at: NOW,
    route,
    files: [],
    reason: null,
  };
}

type Setup = {
  summary?: Partial<InboxRow>;
  send?: SendCapability;
  messages?: MessageView[];
  view?: Partial<ConversationView>;
  outbox?: OutboxItem[];
  suggestions?: AnswerSuggestion[];
  lint?: (text: string, channel: string) => LintReport;
  render?: (request: RenderRequest) => RenderedAnswer;
};

/** A fake shell whose conversation 1 is an Instagram one, shaped by `setup`; it can change later. */
function metaShell(setup: Setup) {
  const state = { ...setup };
  const summary = row(1, { buyer_name: 'Sofi Ramírez', channel: 'instagram', kind: 'chat', account_name: '@barro.y.lana', ...setup.summary });
  const shell = installShell({
    rows: [summary],
    extra: (command, args) => {
      switch (command) {
        case 'conversation_get': {
          const base = conversationOf(summary);
          return {
            ...base,
            messages: state.messages ?? base.messages,
            send: state.send ?? DM,
            ...state.view,
          } satisfies ConversationView;
        }
        case 'outbox_list':
          return state.outbox ?? [];
        case 'reply_send':
          return outboxItem(900, 'thread', 'queued');
        case 'reply_send_private':
          return outboxItem(901, 'private_reply', 'queued');
        case 'conversation_open_in_app':
          return null;
        case 'answers_suggest':
          return state.suggestions ?? [];
        case 'answer_render':
          return state.render?.(args.request as RenderRequest);
        case 'answers_lint':
          return (
            state.lint?.(args.text as string, args.channel as string) ?? {
              channel: args.channel,
              length: 0,
              limit: null,
              counts_bytes: false,
              public: true,
              findings: [],
            }
          );
        default:
          return undefined;
      }
    },
  });
  return { shell, state };
}

async function openConversation() {
  render(App);
  const [first] = await screen.findAllByTestId('inbox-row');
  await fireEvent.click(first!);
  return (await screen.findByTestId('composer-text')) as HTMLTextAreaElement;
}

describe('Instagram and Messenger direct messages', () => {
  it('counts bytes as Meta does: an accented letter is 2, an emoji 4, and says so', async () => {
    expect(byteCount('Sí, mañana 😊')).toBe(17);
    expect([...'Sí, mañana 😊']).toHaveLength(12);
    metaShell({});
    const box = await openConversation();
    await fireEvent.input(box, { target: { value: 'Sí, mañana 😊' } });
    const counter = screen.getByTestId('send-counter');
    expect(counter.dataset.unit).toBe('bytes');
    expect(counter.textContent).toBe('17 de 1000 bytes · una letra con tilde cuenta 2 y un emoji, 4');

    // 500 "ñ" are 1000 bytes: they fit; one more does not, though it is far from 1000 characters.
    await fireEvent.input(box, { target: { value: 'ñ'.repeat(500) } });
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.input(box, { target: { value: 'ñ'.repeat(501) } });
    expect(screen.getByTestId('send-counter').textContent).toContain('límite de 1000 bytes de Instagram');
    expect(screen.getByTestId('send-counter').textContent).toContain('Una letra con tilde cuenta 2');
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the reply window as a countdown and sends while it is open', async () => {
    const { shell } = metaShell({ send: { ...DM, reply_until: NOW + 5 * HOUR + 12 * 60 + 40 } });
    const box = await openConversation();
    const window = screen.getByTestId('send-window');
    expect(screen.getByTestId('send-countdown').textContent).toBe('Puedes responder por 5 h 12 min.');
    expect(window.textContent).toContain('24 horas después del último mensaje del comprador');
    expect(window.classList.contains('hurry')).toBe(false);
    expect(screen.queryByTestId('open-in-app')).toBeNull();

    await fireEvent.input(box, { target: { value: '¡Sí! Sale mañana.' } });
    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(shell.callsTo('reply_send')[0]?.args).toEqual({ conversationId: 1, text: '¡Sí! Sale mañana.', answerAttachmentIds: [] }));
    expect(shell.callsTo('reply_send_private')).toHaveLength(0);
  });

  it('turns the countdown into a warning in the last hour', async () => {
    metaShell({ send: { ...DM, reply_until: NOW + 25 * 60 + 30 } });
    await openConversation();
    expect(screen.getByTestId('send-countdown').textContent).toBe('Puedes responder por 25 min.');
    expect(screen.getByTestId('send-window').classList.contains('hurry')).toBe(true);
  });

  it('once the window has closed: says why, no Send, Copy and Open in Instagram', async () => {
    const { shell } = metaShell({ send: { ...DM, reply_until: NOW - 10 * 60 } });
    const box = await openConversation();
    const window = screen.getByTestId('send-window');
    expect(window.classList.contains('blocked')).toBe(true);
    expect(window.querySelector('strong')?.textContent).toBe('Ya no puedes responder desde Mostrador.');
    expect(window.textContent).toContain('24 horas siguientes al último mensaje del comprador');
    expect(window.textContent).toContain('envíala desde Instagram');
    expect(screen.queryByTestId('composer-send')).toBeNull();

    const open = screen.getByTestId('open-in-app');
    expect(open.textContent).toBe('Abrir en Instagram');
    await fireEvent.click(open);
    await waitFor(() => expect(shell.callsTo('conversation_open_in_app')[0]?.args).toEqual({ conversationId: 1 }));

    // Copy is the main action now, Ctrl+Enter included.
    const copy = screen.getByTestId('composer-copy');
    expect(copy.classList.contains('btn-primary')).toBe(true);
    await fireEvent.input(box, { target: { value: 'Te escribo por Instagram' } });
    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(shell.copied).toEqual([{ id: 1, text: 'Te escribo por Instagram' }]));
    expect(shell.callsTo('reply_send')).toHaveLength(0);
  });

  it('names Messenger on a Facebook Page conversation', async () => {
    metaShell({ summary: { channel: 'messenger', account_name: 'Barro y Lana' }, send: { ...DM, reply_until: NOW - 60 } });
    await openConversation();
    expect(screen.getByTestId('open-in-app').textContent).toBe('Abrir en Messenger');
    expect(screen.getByTestId('send-window').textContent).toContain('envíala desde Messenger');
  });

  it('speaks English too', async () => {
    const { i18n } = await import('$lib/i18n/i18n.svelte');
    metaShell({ send: { ...DM, reply_until: NOW + 2 * HOUR + 5 * 60 + 30 } });
    const box = await openConversation();
    i18n.set('en');
    await fireEvent.input(box, { target: { value: 'Olá 👋' } });
    await waitFor(() => expect(screen.getByTestId('send-countdown').textContent).toBe('You can reply for 2 h 5 min.'));
    expect(screen.getByTestId('send-counter').textContent).toBe('9 of 1,000 bytes · an accented letter counts 2 and an emoji 4');
  });
});

describe('comments on a post', () => {
  const commentSetup = (overrides: Setup = {}): Setup => ({
    summary: { kind: 'comment', subject: 'Tazas nuevas de la hornada de invierno 🔥' },
    send: COMMENT,
    view: { listing_ref: 'https://www.instagram.com/p/Cx1/' },
    ...overrides,
  });

  it('says it is a public comment on a post, with its caption and a way to see the post', async () => {
    const { shell } = metaShell(commentSetup());
    await openConversation();
    const post = screen.getByTestId('comment-post');
    expect(post.textContent).toContain('Comentario público en tu publicación de Instagram');
    expect(screen.getByTestId('comment-caption').textContent?.trim()).toBe('«Tazas nuevas de la hornada de invierno 🔥»');
    const open = within(post).getByTestId('open-post');
    expect(open.textContent).toBe('Ver la publicación');
    expect(open.getAttribute('title')).toBe('https://www.instagram.com/p/Cx1/');
    await fireEvent.click(open);
    await waitFor(() => expect(shell.callsTo('conversation_open_in_app')).toHaveLength(1));
    // The caption is said once, in the post bar, not again in the header.
    expect(screen.getByTestId('conversation').querySelector('.head .subject')).toBeNull();
  });

  it('replies in public with a clear note, and flags private data everyone would read', async () => {
    const { shell } = metaShell(
      commentSetup({
        lint: (text, channel) => ({
          channel: channel as LintReport['channel'],
          length: text.length,
          limit: 2200,
          counts_bytes: false,
          public: true,
          findings: text.includes('351')
            ? [{ rule: 'phone', start: text.indexOf('351'), end: text.indexOf('351') + 12, excerpt: '351 555-0142' }]
            : [],
        }),
      }),
    );
    const box = await openConversation();
    expect(screen.getByTestId('composer').dataset.route).toBe('thread');
    expect(screen.getByTestId('send-public-note').textContent).toContain('Todos ven esta respuesta');
    expect(screen.getByTestId('send-public-note').textContent).toContain('responde por privado');
    expect(box.placeholder).toBe('Escribe tu respuesta pública…');

    await fireEvent.input(box, { target: { value: 'Escribime al 351 555-0142' } });
    const check = await screen.findByTestId('public-lint');
    expect(check.textContent).toContain('351 555-0142');
    expect(check.textContent).toContain('Número de teléfono: todos lo verían');
    expect(check.textContent).toContain('mándalo por privado');
    // The check says who reads it; the general note steps aside meanwhile.
    expect(screen.queryByTestId('send-public-note')).toBeNull();
    expect(shell.callsTo('answers_lint').at(-1)?.args).toEqual({ text: 'Escribime al 351 555-0142', channel: 'public_comment' });
    expect(screen.getByTestId('send-counter').textContent).toBe('25 de 2200 caracteres');

    await fireEvent.input(box, { target: { value: '¡Gracias! Te escribimos por privado.' } });
    await waitFor(() => expect(screen.queryByTestId('public-lint')).toBeNull());
    expect(screen.getByTestId('send-public-note')).toBeTruthy();
    const send = screen.getByTestId('composer-send');
    expect(send.textContent).toContain('Responder en público');
    await fireEvent.click(send);
    await waitFor(() => expect(shell.callsTo('reply_send')[0]?.args).toEqual({ conversationId: 1, text: '¡Gracias! Te escribimos por privado.', answerAttachmentIds: [] }));
    // A comment's reply can be deleted later: no "publish for ever?" question.
    expect(screen.queryByTestId('send-confirm')).toBeNull();
  });

  it('sends the one private reply, then offers only the public one', async () => {
    const { shell, state } = metaShell(commentSetup());
    const box = await openConversation();
    const routes = screen.getByTestId('reply-routes');
    expect(within(routes).getByTestId('route-private').closest('label')?.textContent).toContain('una sola vez, hasta el');

    await fireEvent.click(screen.getByTestId('route-private'));
    expect(screen.getByTestId('composer').dataset.route).toBe('private_reply');
    expect(box.placeholder).toBe('Escribe tu mensaje privado…');
    expect(screen.getByTestId('send-private-note').textContent).toContain('Solo quien comentó lo ve');
    expect(screen.queryByTestId('send-public-note')).toBeNull();

    // A private reply is a direct message: Meta's bytes, and no public-comment check.
    await fireEvent.input(box, { target: { value: 'Hola Sofi, te paso el alias: taller.barro' } });
    expect(screen.getByTestId('send-counter').textContent).toContain('de 1000 bytes');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(shell.callsTo('answers_lint')).toHaveLength(0);
    expect(screen.queryByTestId('public-lint')).toBeNull();

    // What the core says after it: no private reply left, the outbox holds the one sent.
    state.send = { ...COMMENT, private_reply_until: null };
    state.outbox = [outboxItem(901, 'private_reply', 'queued')];
    const send = screen.getByTestId('composer-send');
    expect(send.textContent).toContain('Enviar por privado');
    await fireEvent.click(send);
    await waitFor(() =>
      expect(shell.callsTo('reply_send_private')[0]?.args).toEqual({
        conversationId: 1,
        text: 'Hola Sofi, te paso el alias: taller.barro',
      }),
    );
    expect(shell.callsTo('reply_send')).toHaveLength(0);
    await waitFor(() => expect(screen.queryByTestId('route-private')).toBeNull());
    expect(screen.getByTestId('private-reply-taken').textContent).toContain('Ya le respondiste por privado');
    expect(screen.getByTestId('composer').dataset.route).toBe('thread');
    expect(screen.getByTestId('send-public-note').textContent).not.toContain('responde por privado');
  });

  it('marks comments in the inbox list', async () => {
    metaShell(commentSetup());
    render(App);
    const [first] = await screen.findAllByTestId('inbox-row');
    expect(within(first!).getByTestId('row-comment').textContent).toBe('Comentario');
    expect(within(first!).getByTestId('row-comment').getAttribute('title')).toContain('Comentario público');
  });
});

describe('the lint channel of a reply', () => {
  it('is the public comment for a comment\'s public reply and the channel for everything else', () => {
    expect(answerChannelFor('instagram', 'comment', 'thread')).toBe('public_comment');
    expect(answerChannelFor('messenger', 'comment', 'thread')).toBe('public_comment');
    expect(answerChannelFor('instagram', 'comment', 'private_reply')).toBe('instagram');
    expect(answerChannelFor('messenger', 'comment', 'private_reply')).toBe('messenger');
    expect(answerChannelFor('instagram', 'chat', 'thread')).toBe('instagram');
    expect(answerChannelFor('messenger', 'chat', 'thread')).toBe('messenger');
    expect(answerChannelFor('mercado_libre', 'pre_sale_question', 'thread')).toBe('ml_pre_sale');
    expect(answerChannelFor('mercado_libre', 'post_sale', 'thread')).toBe('ml_post_sale');
    expect(answerChannelFor('whatsapp', 'chat', 'thread')).toBe('whatsapp');
  });

  it('fills a saved answer for where the reply goes, and says why public data is flagged', async () => {
    const suggestion: AnswerSuggestion = {
      answer: {
        id: 5,
        title: 'Medios de pago',
        shortcut: 'pago',
        folder: null,
        body: 'Pagás al alias taller.barro',
        language: 'es',
        pinned: false,
        tags: [],
        variants: [],
        attachments: [],
        use_count: 0,
        last_used_at: null,
        chars_saved: 0,
        created_at: NOW,
        updated_at: NOW,
      },
      score: 1,
      reason: 'topic_keywords',
      matched: ['pago'],
    };
    const renders: RenderRequest[] = [];
    const render = (request: RenderRequest): RenderedAnswer => {
      renders.push(request);
      const text = 'Pagás al alias taller.barro';
      const publicReply = request.channel === 'public_comment';
      const lint: LintReport = {
        channel: request.channel ?? 'instagram',
        length: publicReply ? 27 : 28,
        limit: publicReply ? 2200 : 1000,
        counts_bytes: !publicReply,
        public: publicReply,
        findings: publicReply ? [{ rule: 'payment_link', start: 9, end: 27, excerpt: 'alias taller.barro' }] : [],
      };
      return {
        answer_id: 5,
        channel: lint.channel,
        language: 'es',
        version: null,
        text,
        prompts: [],
        missing: [],
        lint,
        versions: [{ version: null, language: 'es', text, lint }],
        safe_version: null,
        attachments: [],
      };
    };
    metaShell({ summary: { kind: 'comment', subject: 'Tazas' }, send: COMMENT, suggestions: [suggestion], render });

    await openConversation();
    await fireEvent.click(await screen.findByTestId('answer-suggestion'));
    const lint = await screen.findByTestId('answer-lint');
    expect(renders.at(-1)?.channel).toBe('public_comment');
    expect(lint.textContent).toContain('Todos pueden leer esta respuesta en la publicación');
    expect(lint.textContent).toContain('Datos o enlace de pago: todos los verían');
    expect(lint.textContent).not.toContain('Mercado Libre');

    await fireEvent.click(screen.getByTestId('route-private'));
    await waitFor(() => expect(renders.at(-1)?.channel).toBe('instagram'));
    expect((await screen.findByTestId('answer-lint-ok')).textContent).toBe('Lista para Instagram: 28 de 1000 bytes');
  });
});

describe('bubbles', () => {
  it('show stories, shares and what only the app shows, in words', async () => {
    metaShell({
      messages: [
        message(1, { text: '😍', attachments: [{ file_name: 'story', mime_type: null, size_bytes: null, local_path: null, kind: 'story_reply' }] }),
        message(2, { text: '', attachments: [{ file_name: 'story', mime_type: null, size_bytes: null, local_path: null, kind: 'story_mention' }] }),
        message(3, {
          text: '¿Tenés este?',
          attachments: [{ file_name: 'https://www.instagram.com/p/Cx/', mime_type: null, size_bytes: null, local_path: null, kind: 'share' }],
        }),
        message(4, { text: '', attachments: [{ file_name: 'message', mime_type: null, size_bytes: null, local_path: null, kind: 'unsupported' }] }),
        message(5, { text: 'Mirá la foto', attachments: [{ file_name: 'photo.jpg', mime_type: 'image/jpeg', size_bytes: null, local_path: null }] }),
      ],
    });
    await openConversation();
    const kinds = screen.getAllByTestId('attachment-kind').map((k) => [k.dataset.kind, k.textContent?.replace(/\s+/g, ' ').trim()]);
    expect(kinds).toEqual([
      ['story_reply', 'Respondió a tu historia'],
      ['story_mention', 'Te mencionó en su historia'],
      ['share', 'Compartió una publicación https://www.instagram.com/p/Cx/'],
      ['unsupported', 'Un mensaje que Instagram no muestra acá: míralo en la app'],
    ]);
    // A plain file is still a file, by its name.
    expect(screen.getByText('photo.jpg')).toBeTruthy();
  });

  it('show reactions as the emoji people see', async () => {
    expect(['love', 'like', 'haha', 'wow', 'sad', 'angry', '🔥', 'LOVE'].map(reactionEmoji)).toEqual([
      '❤️',
      '👍',
      '😆',
      '😮',
      '😢',
      '😠',
      '🔥',
      '❤️',
    ]);
    metaShell({ messages: [message(1, { reactions: ['love', '😂'] }), message(2, { text: 'Sin reacciones' })] });
    await openConversation();
    const reactions = screen.getAllByTestId('message-reactions');
    expect(reactions).toHaveLength(1);
    expect(reactions[0]!.textContent?.replace(/\s+/g, '')).toBe('Reacciones:❤️😂');
  });

  it('mark a comment the shop hid, a message the buyer deleted, and a private reply', async () => {
    metaShell({
      summary: { kind: 'comment', subject: 'Tazas' },
      send: COMMENT,
      messages: [
        message(1, { text: 'Qué caro todo', status: 'moderated' }),
        message(2, { text: 'Perdón, me equivoqué', deleted_at: NOW - 60 }),
        message(3, { direction: 'outgoing', author: 'Lucía', text: 'Te escribo por privado', status: 'sent' }),
      ],
      outbox: [outboxItem(3, 'private_reply')],
    });
    await openConversation();
    const [hidden, deleted, reply] = screen.getAllByTestId('message');
    expect(within(hidden!).getByTestId('message-hidden').textContent).toContain('Oculto en tu publicación');
    // Hiding is the shop's choice, not a delivery problem.
    expect(hidden!.classList.contains('problem')).toBe(false);
    expect(within(deleted!).getByTestId('message-deleted').textContent).toContain('El comprador lo eliminó');
    expect(within(deleted!).getByText('Perdón, me equivoqué')).toBeTruthy();
    await waitFor(() => expect(within(reply!).getByTestId('private-reply-label').textContent).toBe('Respuesta por privado: le llega como mensaje directo'));
    expect(within(reply!).getByTestId('delivery-state').textContent).toBe('Enviado');
  });

  it('say quietly that older messages are not in Mostrador, with a way to see them', async () => {
    const { shell } = metaShell({ view: { older_history_unavailable: true } });
    await openConversation();
    const gap = screen.getByTestId('older-history-unavailable');
    expect(gap.textContent).toContain('Los mensajes anteriores de esta conversación no están en Mostrador');
    expect(gap.textContent).toContain('Instagram solo entrega los 20 más recientes');
    await fireEvent.click(within(gap).getByTestId('older-open-in-app'));
    await waitFor(() => expect(shell.callsTo('conversation_open_in_app')).toHaveLength(1));
  });

  it('say nothing about older history where the channel keeps it all', async () => {
    installShell({ rows: [row(1)] });
    await openConversation();
    expect(screen.queryByTestId('older-history-unavailable')).toBeNull();
    expect(screen.queryByTestId('comment-post')).toBeNull();
    expect(screen.queryByTestId('row-comment')).toBeNull();
  });
});
