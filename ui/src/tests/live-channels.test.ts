// Live channels against a fake shell: the accounts screen, the Mercado Libre and
// Telegram connect wizards, the demo button, and sending (the public-answer confirmation, limits,
// blocked conversations, moderated and failed replies with Retry / Cancel).

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type {
  AccountView,
  AccountsOverview,
  ConversationView,
  MessageView,
  OutboxItem,
  SendCapability,
} from '$lib/ipc/bindings';
import { conversationOf, installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const NOW = Math.floor(Date.now() / 1000);

function account(id: number, overrides: Partial<AccountView> = {}): AccountView {
  return {
    id,
    channel: 'mercado_libre',
    display_name: `TIENDA_${id}`,
    external_id: String(1000 + id),
    settings: {},
    disabled: false,
    demo: false,
    sync: {
      state: 'ok',
      last_success_at: NOW - 180,
      last_attempt_at: NOW - 180,
      error_code: null,
      error_detail: null,
      retry_at: null,
      updates_may_be_lost: false,
    },
    access_expires_at: null,
    ...overrides,
  };
}

function overview(accounts: AccountView[], overrides: Partial<AccountsOverview> = {}): AccountsOverview {
  return { accounts, secrets: 'keychain', secrets_detail: null, secrets_set_aside: null, demo_running: false, ...overrides };
}

const PRE_SALE: SendCapability = {
  mode: 'send',
  max_chars: 2000,
  max_bytes: null,
  public_and_permanent: true,
  public: true,
  blocked_reason: null,
  reply_until: null,
  private_reply_until: null,
  opens_in_app: false,
  needs_reason: false,
};

const POST_SALE: SendCapability = { ...PRE_SALE, max_chars: 350, public_and_permanent: false, public: false };

/** A fake shell whose conversation 1 sends through the channel with `send`. */
function sendingShell(send: SendCapability, messages: MessageView[] = [], outbox: OutboxItem[] = []) {
  const sent: { conversationId: number; text: string }[] = [];
  const shell = installShell({
    rows: [row(1, { buyer_name: 'Gabi Romero' })],
    extra: (command, args) => {
      switch (command) {
        case 'conversation_get': {
          const view: ConversationView = { ...conversationOf(row(1, { buyer_name: 'Gabi Romero' })), send };
          return { ...view, messages: [...view.messages, ...messages] };
        }
        case 'reply_send':
          sent.push({ conversationId: args.conversationId as number, text: args.text as string });
          return { ...outboxItem(99, 'queued'), text: args.text as string };
        case 'outbox_list':
          return outbox;
        case 'outbox_retry':
        case 'outbox_cancel':
          return null;
        default:
          return undefined;
      }
    },
  });
  return { shell, sent };
}

function outboxItem(messageId: number, state: OutboxItem['state'], errorCode: string | null = null): OutboxItem {
  return {
    id: 7,
    conversation_id: 1,
    account_id: 3,
    channel: 'mercado_libre',
    conversation_kind: 'post_sale',
    conversation_ref: '2000001',
    buyer_external_id: '55',
    text: 'Te escribo por acá',
    idempotency_key: 'k',
    state,
    attempts: 1,
    error_code: errorCode,
    error_detail: errorCode === null ? null : 'HTTP 500',
    message_id: messageId,
    created_at: NOW,
    route: 'thread',
    files: [],
    reason: null,
  };
}

function reply(id: number, status: MessageView['status'], overrides: Partial<MessageView> = {}): MessageView {
  return {
    id,
    direction: 'outgoing',
    author: 'Yo',
    text: 'Escribime al 351 555-0142',
    sent_at: NOW,
    status,
    attachments: [],
    order_id: null,
    failure: null,
    moderation_reason: null,
    deleted_at: null,
    reactions: [],
    ...overrides,
  };
}

async function openConversation() {
  render(App);
  const [first] = await screen.findAllByTestId('inbox-row');
  await fireEvent.click(first!);
  return (await screen.findByTestId('composer-text')) as HTMLTextAreaElement;
}

describe('accounts screen', () => {
  it('lists each account with its state, what to do, and the Demo marker', async () => {
    const shell = installShell({
      rows: [row(1)],
      extra: (command) =>
        command === 'demo_start'
          ? null
          : command === 'accounts_list'
          ? overview(
              [
                account(1),
                account(2, {
                  display_name: 'Tienda demo',
                  demo: true,
                  channel: 'telegram',
                }),
                account(3, {
                  sync: {
                    ...account(3).sync,
                    state: 'needs_reconnect',
                    error_code: 'permission_missing',
                    error_detail: 'PA_UNAUTHORIZED_RESULT_FROM_POLICIES',
                  },
                }),
                account(4, { display_name: 'Bot demo', demo: true, channel: 'telegram' }),
              ],
              { demo_running: false },
            )
          : undefined,
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const cards = await screen.findAllByTestId('account-card');
    expect(cards).toHaveLength(4);
    // The demo's accounts start together: one button to open it again, not one per card.
    expect(screen.getAllByTestId('account-demo-restart')).toHaveLength(1);
    expect(within(cards[3]!).getByTestId('account-state').textContent).toBe('Demo — no está en marcha');
    expect(within(cards[0]!).getByTestId('account-state').textContent).toBe('Al día · hace 3 min');
    expect(within(cards[1]!).getByTestId('account-demo').textContent).toBe('Demo');
    expect(within(cards[1]!).getByTestId('account-state').textContent).toBe('Demo — no está en marcha');
    expect(within(cards[1]!).queryByTestId('account-sync-now')).toBeNull();
    await fireEvent.click(within(cards[1]!).getByTestId('account-demo-restart'));
    await waitFor(() => expect(shell.callsTo('demo_start')).toHaveLength(1));
    expect(cards[2]!.textContent).toContain('Conecta la cuenta otra vez');
    expect(within(cards[2]!).getByTestId('account-reason').textContent).toContain('«Comunicación pre y post venta»');
    expect(cards[2]!.textContent).toContain('PA_UNAUTHORIZED_RESULT_FROM_POLICIES');
    expect(screen.getByTestId('secrets-state').textContent).toContain('llavero del sistema');

    await fireEvent.click(within(cards[0]!).getByTestId('account-sync-now'));
    await waitFor(() => expect(shell.callsTo('account_sync_now')).toEqual([{ command: 'account_sync_now', args: { accountId: 1 } }]));
    await fireEvent.click(within(cards[0]!).getByTestId('account-toggle'));
    await waitFor(() => expect(shell.callsTo('account_set_disabled')[0]?.args).toEqual({ accountId: 1, disabled: true }));
  });

  it('asks before keeping secrets in an encrypted file when there is no keychain', async () => {
    let allowed = false;
    const shell = installShell({
      rows: [row(1)],
      extra: (command) => {
        if (command === 'accounts_list') return overview([], { secrets: allowed ? 'encrypted_file' : 'needs_consent' });
        if (command === 'secrets_allow_file_fallback') {
          allowed = true;
          return overview([], { secrets: 'encrypted_file' });
        }
        return undefined;
      },
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const consent = await screen.findByTestId('secrets-consent');
    expect(consent.textContent).toContain('no tiene llavero del sistema');
    expect((screen.getByTestId('connect-ml') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('secrets-allow-file'));
    expect(shell.callsTo('secrets_allow_file_fallback')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('secrets-state').textContent).toContain('archivo cifrado'));
    expect((screen.getByTestId('connect-ml') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says what the consent protects: the key is kept out of the data folder', async () => {
    installShell({ rows: [row(1)], extra: (command) => (command === 'accounts_list' ? overview([], { secrets: 'needs_consent' }) : undefined) });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const consent = await screen.findByTestId('secrets-consent');
    expect(consent.textContent).toContain('fuera de tu carpeta de datos');
    expect(consent.textContent).toContain('Quien use tu sesión');
  });

  it('tells the seller a damaged secrets file was set aside, and where', async () => {
    const aside = '/home/ana/.local/share/org.mostrador.desktop/secrets.bin.damaged-1796668000';
    installShell({
      rows: [row(1)],
      extra: (command) =>
        command === 'accounts_list' ? overview([account(1)], { secrets: 'keychain', secrets_set_aside: aside }) : undefined,
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const notice = await screen.findByTestId('secrets-set-aside');
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toContain('no se pudo abrir');
    expect(notice.textContent).toContain('conecta otra vez');
    expect(notice.textContent).toContain(aside);
    expect(screen.getByTestId('secrets-state').dataset.state).toBe('keychain');
  });
});

describe('connect wizards', () => {
  function wizardShell(failFinish = false) {
    let connected = false;
    return installShell({
      rows: [row(1)],
      extra: (command) => {
        switch (command) {
          case 'accounts_list':
            return overview(connected ? [account(4, { display_name: 'BARRO_Y_LANA', sync: { ...account(4).sync, state: 'never_synced', last_success_at: null } })] : []);
          case 'account_connect_ml_start':
            return {
              authorize_url: 'https://auth.mercadolivre.com.br/authorization?response_type=code&client_id=123',
              code_verifier: 'verifier-abc',
            };
          case 'account_connect_ml_finish':
            if (failFinish) return Promise.reject({ code: 'connect_code_rejected', message: 'invalid_grant: code used' });
            connected = true;
            return 4;
          case 'account_connect_telegram':
            connected = true;
            return 4;
          default:
            return undefined;
        }
      },
    });
  }

  it('walks the Mercado Libre wizard: site, application, authorisation, pasted address', async () => {
    const shell = wizardShell();
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    await fireEvent.click(await screen.findByTestId('connect-ml'));
    const wizard = await screen.findByTestId('ml-wizard');
    expect(wizard.textContent).toContain('¿En qué país vendes?');
    await fireEvent.click(screen.getByTestId('ml-site-MLB'));
    await fireEvent.click(screen.getByTestId('ml-next'));

    // The application step explains, in order, what to do on Mercado Libre's developer portal.
    expect(wizard.textContent).toContain('developers.mercadolivre.com.br');
    expect(wizard.querySelectorAll('ol li')).toHaveLength(5);
    await fireEvent.click(screen.getByTestId('ml-next'));
    expect(screen.getByTestId('ml-missing').textContent).toContain('Completa el App ID');

    await fireEvent.input(screen.getByTestId('ml-client-id'), { target: { value: ' 123 ' } });
    await fireEvent.input(screen.getByTestId('ml-client-secret'), { target: { value: 's3cr3t' } });
    await fireEvent.input(screen.getByTestId('ml-redirect-uri'), { target: { value: 'https://mitienda.com/ml' } });
    await fireEvent.click(screen.getByTestId('ml-pkce'));
    await fireEvent.click(screen.getByTestId('ml-next'));
    expect(screen.getByTestId('ml-step').textContent).toBe('Paso 3 de 3');

    await fireEvent.click(screen.getByTestId('ml-open-auth'));
    await waitFor(() =>
      expect(shell.callsTo('account_connect_ml_start')[0]?.args).toEqual({
        request: { site_id: 'MLB', client_id: '123', redirect_uri: 'https://mitienda.com/ml', pkce: true },
      }),
    );
    expect((await screen.findByTestId('ml-authorize-url')).textContent).toContain('auth.mercadolivre.com.br');

    await fireEvent.input(screen.getByTestId('ml-pasted'), {
      target: { value: 'https://mitienda.com/ml?code=TG-123-abc' },
    });
    await fireEvent.click(screen.getByTestId('ml-finish'));
    const success = await screen.findByTestId('ml-success');
    expect(success.textContent).toContain('La cuenta BARRO_Y_LANA quedó conectada');
    expect(shell.callsTo('account_connect_ml_finish')[0]?.args).toEqual({
      request: {
        site_id: 'MLB',
        client_id: '123',
        client_secret: 's3cr3t',
        redirect_uri: 'https://mitienda.com/ml',
        pasted: 'https://mitienda.com/ml?code=TG-123-abc',
        code_verifier: 'verifier-abc',
      },
    });
    await fireEvent.click(screen.getByTestId('ml-done'));
    expect((await screen.findAllByTestId('account-card'))[0]!.textContent).toContain('Sincronizando por primera vez');
  });

  it('explains a refused authorisation code in plain words and keeps the seller on the step', async () => {
    wizardShell(true);
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    await fireEvent.click(await screen.findByTestId('connect-ml'));
    await fireEvent.click(await screen.findByTestId('ml-next'));
    await fireEvent.input(screen.getByTestId('ml-client-id'), { target: { value: '123' } });
    await fireEvent.input(screen.getByTestId('ml-client-secret'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByTestId('ml-next'));
    await fireEvent.input(screen.getByTestId('ml-pasted'), { target: { value: 'TG-1' } });
    await fireEvent.click(screen.getByTestId('ml-finish'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.errorCode).toBe('connect_code_rejected');
    expect(banner.textContent).toContain('No se pudo conectar');
    expect(banner.textContent).not.toContain('Algo salió mal de nuestro lado');
    expect(screen.queryByTestId('ml-success')).toBeNull();
  });

  it('connects a Telegram bot with the token BotFather gave', async () => {
    const shell = wizardShell();
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    await fireEvent.click(await screen.findByTestId('connect-telegram'));
    const wizard = await screen.findByTestId('telegram-wizard');
    expect(wizard.textContent).toContain('@BotFather');
    expect(wizard.textContent).toContain('Telegram Business');
    await fireEvent.input(screen.getByTestId('telegram-token'), { target: { value: ' 123456:ABC ' } });
    await fireEvent.click(screen.getByTestId('telegram-connect'));
    await screen.findByTestId('telegram-success');
    expect(shell.callsTo('account_connect_telegram')[0]?.args).toEqual({ token: '123456:ABC' });
  });
});

describe('demo store', () => {
  it('starts from the first-run screen and opens the inbox', async () => {
    const shell = installShell({ empty: true, extra: (command) => (command === 'demo_start' ? null : undefined) });
    render(App);
    const button = await screen.findByTestId('try-demo-store');
    expect(button.textContent).toContain('Probar la tienda demo en vivo');
    await fireEvent.click(button);
    await screen.findByTestId('inbox');
    expect(shell.callsTo('demo_start')).toHaveLength(1);
  });
});

describe('sending', () => {
  it('asks before publishing a Mercado Libre answer, then sends it once', async () => {
    const { sent } = sendingShell(PRE_SALE);
    const box = await openConversation();
    await fireEvent.input(box, { target: { value: '¡Hola! Sí, la tengo en azul.' } });
    expect(screen.getByTestId('send-counter').textContent).toBe('28 de 2000 caracteres');

    await fireEvent.click(screen.getByTestId('composer-send'));
    const dialog = await screen.findByTestId('send-confirm');
    expect(dialog.textContent).toContain('son públicas');
    expect(dialog.textContent).toContain('no se pueden editar ni borrar');
    expect(screen.getByTestId('send-confirm-text').textContent).toBe('¡Hola! Sí, la tengo en azul.');
    expect(sent).toEqual([]);

    // "Check it again" sends nothing; Ctrl+Enter asks again.
    await fireEvent.click(screen.getByTestId('send-confirm-no'));
    await waitFor(() => expect(screen.queryByTestId('send-confirm')).toBeNull());
    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await screen.findByTestId('send-confirm');
    await fireEvent.click(screen.getByTestId('send-confirm-yes'));
    await waitFor(() => expect(screen.queryByTestId('send-confirm')).toBeNull());
    expect(sent).toEqual([{ conversationId: 1, text: '¡Hola! Sí, la tengo en azul.' }]);
    await waitFor(() => expect(box.value).toBe(''));
  });

  it('sends a post-sale reply at once, and not over the channel limit', async () => {
    const { sent } = sendingShell(POST_SALE);
    const box = await openConversation();
    await fireEvent.input(box, { target: { value: 'x'.repeat(351) } });
    expect(screen.getByTestId('send-counter').textContent).toContain('límite de 350 caracteres');
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(box, { target: { value: 'Ya lo despaché, te llega el jueves.' } });
    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(sent).toEqual([{ conversationId: 1, text: 'Ya lo despaché, te llega el jueves.' }]));
    expect(screen.queryByTestId('send-confirm')).toBeNull();
  });

  it('shows why a blocked conversation cannot be answered, with no Send button', async () => {
    sendingShell({ ...POST_SALE, blocked_reason: 'blocked_by_buyer' });
    await openConversation();
    expect(screen.getByTestId('send-blocked').textContent).toContain('el comprador bloqueó la conversación');
    expect(screen.queryByTestId('composer-send')).toBeNull();
  });

  it('shows the Telegram Business reply window', async () => {
    sendingShell({ ...POST_SALE, max_chars: 4096, reply_until: NOW + 3600 });
    await openConversation();
    expect(screen.getByTestId('send-window').textContent).toContain('24 horas');
  });

  it('shows a moderated reply with the reason, and Retry / Cancel on a failed one', async () => {
    const { shell } = sendingShell(
      POST_SALE,
      [
        reply(501, 'moderated', { moderation_reason: 'phone' }),
        reply(502, 'failed', { failure: 'server_error', text: 'Te lo mando mañana' }),
        reply(503, 'sent', { text: 'Gracias por tu compra' }),
      ],
      [outboxItem(502, 'failed', 'server_error'), { ...outboxItem(503, 'sent'), id: 8 }],
    );
    await openConversation();
    // The outbox arrives after the conversation: the sent reply gains its line then.
    await waitFor(() => expect(screen.getAllByTestId('message-delivery')).toHaveLength(3));
    const [moderated, failed, delivered] = screen.getAllByTestId('message-delivery');
    expect(moderated!.textContent).toContain('Moderado por Mercado Libre');
    expect(moderated!.textContent).toContain('Motivo: tiene un número de teléfono');
    expect(within(moderated!).queryByTestId('outbox-retry')).toBeNull();
    expect(failed!.textContent).toContain('No se pudo enviar');
    expect(delivered!.textContent).toContain('Enviado');

    await fireEvent.click(within(failed!).getByTestId('outbox-retry'));
    await waitFor(() => expect(shell.callsTo('outbox_retry')[0]?.args).toEqual({ outboxId: 7, accountId: 3 }));
    await fireEvent.click(within(failed!).getByTestId('outbox-cancel'));
    await waitFor(() => expect(shell.callsTo('outbox_cancel')[0]?.args).toEqual({ outboxId: 7 }));
    // The cancelled reply's text is back in the reply box, to edit or copy.
    await waitFor(() => expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toBe('Te escribo por acá'));
  });

  it('offers "save as answer" only on replies that reached the buyer', async () => {
    sendingShell(POST_SALE, [
      reply(501, 'moderated', { moderation_reason: 'phone' }),
      reply(502, 'failed', { failure: 'server_error' }),
      reply(503, 'rejected'),
      reply(504, 'queued'),
      reply(505, 'sending'),
      reply(506, 'sent', { text: 'Gracias por tu compra' }),
      reply(507, 'copied', { text: 'Sale mañana por correo' }),
    ]);
    await openConversation();
    const replies = () => screen.getAllByTestId('message').filter((m) => m.dataset.direction === 'outgoing');
    await waitFor(() => expect(replies()).toHaveLength(7));
    const offered = replies()
      .filter((m) => within(m).queryByTestId('save-as-answer') !== null)
      .map((m) => m.dataset.status);
    expect(offered).toEqual(['sent', 'copied']);
  });

  it('renders buyer and channel text as text, never HTML', async () => {
    sendingShell(POST_SALE, [reply(601, 'moderated', { moderation_reason: '<img src=x onerror=alert(1)>' })]);
    await openConversation();
    const delivery = await screen.findByTestId('message-delivery');
    expect(delivery.querySelector('img')).toBeNull();
    expect(delivery.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
