// E-mail and Etsy against a fake shell: the mailbox wizard (the provider's rules, the servers, every
// connect error in the seller's words), a mailbox's mail left out and the seller's marks, quoted
// history folded in a mail, "not a buyer", and Etsy's wordless notices with "Responder en Etsy".

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import type {
  AccountView,
  AccountsOverview,
  AnswerAttachment,
  AnswerSuggestion,
  RenderedAnswer,
  ConversationView,
  InboxRow,
  IpcError,
  LeftOutMail,
  MailboxGuess,
  MessageView,
  SendCapability,
  SenderMark,
} from '$lib/ipc/bindings';
import { COPY_ONLY, conversationOf, installShell, row } from './fake-shell';
import { resetStores } from './reset';

beforeEach(resetStores);

const NOW = Math.floor(Date.now() / 1000);

function mailbox(id: number, address: string, name = 'Barro y Lana'): AccountView {
  return {
    id,
    channel: 'email',
    display_name: name,
    external_id: address,
    settings: { address, display_name: name },
    disabled: false,
    demo: false,
    sync: {
      state: 'ok',
      last_success_at: NOW - 60,
      last_attempt_at: NOW - 60,
      error_code: null,
      error_detail: null,
      retry_at: null,
      updates_may_be_lost: false,
    },
    access_expires_at: null,
  };
}

function overview(accounts: AccountView[]): AccountsOverview {
  return { accounts, secrets: 'keychain', secrets_detail: null, secrets_set_aside: null, demo_running: false };
}

const GMAIL: MailboxGuess = {
  provider: 'gmail',
  imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
  smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
  app_password: true,
  app_password_url: 'https://myaccount.google.com/apppasswords',
  oauth_only: false,
  microsoft_app_built_in: false,
};

const OUTLOOK: MailboxGuess = {
  provider: 'outlook',
  imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
  smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
  app_password: false,
  app_password_url: null,
  oauth_only: true,
  microsoft_app_built_in: false,
};

function otherProvider(domain: string): MailboxGuess {
  return {
    provider: null,
    imap: { host: `imap.${domain}`, port: 993, security: 'tls' },
    smtp: { host: `smtp.${domain}`, port: 587, security: 'starttls' },
    app_password: false,
    app_password_url: null,
    oauth_only: false,
    microsoft_app_built_in: false,
  };
}

/** Microsoft's side as the fake shell plays it: the code given, and the seller finishing (or not). */
interface MicrosoftSide {
  builtIn: boolean;
  startFails?: IpcError;
  /** Ends the wait `mail_microsoft_finish` is in: an account id, or a failure. */
  finish: (outcome: number | IpcError) => void;
}

/** A shell for the accounts screen: the guess by domain, connecting (or failing with `fail`). */
function mailShell(
  options: { fail?: IpcError; leftOut?: LeftOutMail[]; marks?: SenderMark[]; accounts?: AccountView[]; microsoftBuiltIn?: boolean } = {},
) {
  const connected: AccountView[] = [...(options.accounts ?? [])];
  let marks: SenderMark[] = [...(options.marks ?? [])];
  const microsoft: MicrosoftSide = { builtIn: options.microsoftBuiltIn ?? false, finish: () => undefined };
  let waiting: { resolve: (id: number) => void; reject: (e: IpcError) => void } | null = null;
  microsoft.finish = (outcome) => {
    if (typeof outcome === 'number') waiting?.resolve(outcome);
    else waiting?.reject(outcome);
    waiting = null;
  };
  const shell = installShell({
    rows: [row(1)],
    extra: (command, args) => {
      switch (command) {
        case 'accounts_list':
          return overview(connected);
        case 'mail_guess': {
          const address = args.address as string;
          if (address.endsWith('@gmail.com')) return GMAIL;
          if (address.endsWith('@hotmail.com')) return { ...OUTLOOK, microsoft_app_built_in: microsoft.builtIn };
          return otherProvider(address.slice(address.indexOf('@') + 1));
        }
        case 'mail_open_app_password_page':
          return null;
        case 'mail_microsoft_start':
          if (microsoft.startFails) return Promise.reject(microsoft.startFails);
          return { user_code: 'K7QHM2PXR', verification_uri: 'https://www.microsoft.com/link', expires_in: 900 };
        case 'mail_microsoft_finish':
          return new Promise<number>((resolve, reject) => {
            waiting = {
              resolve: (id) => {
                const request = shell.callsTo('mail_microsoft_start').at(-1)?.args.request as { address: string };
                connected.push(mailbox(id, request.address));
                resolve(id);
              },
              reject,
            };
          });
        case 'mail_microsoft_cancel':
          microsoft.finish({ code: 'connect_cancelled', message: 'cancelled' });
          return null;
        case 'mail_microsoft_open_page':
        case 'mail_microsoft_copy_code':
          return null;
        case 'account_connect_mailbox': {
          if (options.fail) return Promise.reject(options.fail);
          const request = args.request as { address: string };
          connected.push(mailbox(50 + connected.length, request.address));
          return connected[connected.length - 1]!.id;
        }
        case 'mail_left_out':
          return options.leftOut ?? [];
        case 'mail_sender_marks':
          return marks;
        case 'mail_mark_sender':
          marks = [...marks, { pattern: args.pattern as string, is_buyer: args.isBuyer as boolean, marked_at: NOW }];
          return null;
        case 'mail_unmark_sender':
          marks = marks.filter((m) => m.pattern !== args.pattern);
          return null;
        default:
          return undefined;
      }
    },
  });
  return Object.assign(shell, { microsoft });
}

async function openWizard() {
  render(App);
  await fireEvent.click(await screen.findByTestId('open-accounts'));
  await fireEvent.click(await screen.findByTestId('connect-email'));
  return screen.findByTestId('mail-wizard');
}

async function toPasswordStep(address: string, name = 'Barro y Lana') {
  await fireEvent.input(screen.getByTestId('mail-address'), { target: { value: address } });
  await fireEvent.input(screen.getByTestId('mail-display-name'), { target: { value: name } });
  await fireEvent.click(screen.getByTestId('mail-next'));
}

describe('the mailbox wizard', () => {
  it('asks for the address first and explains Gmail app passwords before the password', async () => {
    const shell = mailShell();
    const wizard = await openWizard();
    expect(screen.getByTestId('mail-step').textContent).toBe('Paso 1 de 2');
    await fireEvent.click(screen.getByTestId('mail-next'));
    expect(screen.getByTestId('mail-missing').textContent).toContain('dirección de correo completa');
    expect(shell.callsTo('mail_guess')).toHaveLength(0);

    await toPasswordStep(' barroylana@gmail.com ');
    const notice = await screen.findByTestId('mail-app-password');
    expect(shell.callsTo('mail_guess')[0]?.args).toEqual({ address: 'barroylana@gmail.com' });
    expect(screen.getByTestId('mail-step').textContent).toBe('Paso 2 de 2');
    expect(notice.textContent).toContain('Gmail pide una contraseña de aplicación');
    expect(screen.getByTestId('mail-two-step').textContent).toContain('verificación en dos pasos');
    expect(notice.querySelectorAll('ol li')).toHaveLength(3);
    // A known provider's servers are right: nothing to check.
    expect(screen.queryByTestId('mail-servers')).toBeNull();
    expect(within(wizard).getByLabelText('Contraseña de aplicación de Gmail')).toBeTruthy();

    await fireEvent.click(screen.getByTestId('mail-open-app-password'));
    expect(screen.getByTestId('mail-open-app-password').textContent).toContain('Abrir la página de Google');
    await waitFor(() =>
      expect(shell.callsTo('mail_open_app_password_page')[0]?.args).toEqual({ address: 'barroylana@gmail.com' }),
    );
  });

  it('shows and hides the password, and connects with the guessed servers', async () => {
    const shell = mailShell();
    await openWizard();
    await toPasswordStep('barroylana@gmail.com');
    const password = (await screen.findByTestId('mail-password')) as HTMLInputElement;
    expect(password.type).toBe('password');
    await fireEvent.click(screen.getByTestId('mail-connect'));
    expect(screen.getByTestId('mail-missing').textContent).toBe('Escribe la contraseña.');
    await fireEvent.input(password, { target: { value: 'abcd efgh ijkl mnop' } });
    const toggle = screen.getByTestId('mail-password-toggle');
    await fireEvent.click(toggle);
    expect(password.type).toBe('text');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await fireEvent.click(toggle);
    expect(password.type).toBe('password');

    await fireEvent.click(screen.getByTestId('mail-connect'));
    expect((await screen.findByTestId('mail-success')).textContent).toContain('barroylana@gmail.com quedó conectado');
    expect(shell.callsTo('account_connect_mailbox')[0]?.args).toEqual({
      request: {
        address: 'barroylana@gmail.com',
        password: 'abcd efgh ijkl mnop',
        display_name: 'Barro y Lana',
        user: null,
        imap: GMAIL.imap,
        smtp: GMAIL.smtp,
      },
    });
    // Several mailboxes: the next starts empty.
    await fireEvent.click(screen.getByTestId('mail-another'));
    expect((screen.getByTestId('mail-address') as HTMLInputElement).value).toBe('');
  });

  it('lets another provider change its servers and sign-in name', async () => {
    const shell = mailShell();
    await openWizard();
    await toPasswordStep('ventas@barroylana.com.ar');
    const servers = (await screen.findByTestId('mail-servers')) as HTMLDetailsElement;
    expect(servers.open).toBe(false);
    expect(screen.queryByTestId('mail-app-password')).toBeNull();
    expect((screen.getByTestId('mail-imap-host') as HTMLInputElement).value).toBe('imap.barroylana.com.ar');
    expect((screen.getByTestId('mail-smtp-security') as HTMLSelectElement).value).toBe('starttls');
    // TLS always: only the two ways of starting it are offered.
    const choices = [...(screen.getByTestId('mail-smtp-security') as HTMLSelectElement).options].map((o) => o.value);
    expect(choices).toEqual(['tls', 'starttls']);
    await fireEvent.input(screen.getByTestId('mail-imap-host'), { target: { value: ' mail.hosting.com ' } });
    await fireEvent.input(screen.getByTestId('mail-smtp-host'), { target: { value: 'mail.hosting.com' } });
    await fireEvent.input(screen.getByTestId('mail-smtp-port'), { target: { value: '465' } });
    await fireEvent.change(screen.getByTestId('mail-smtp-security'), { target: { value: 'tls' } });
    await fireEvent.input(screen.getByTestId('mail-user'), { target: { value: 'ventas' } });
    await fireEvent.input(screen.getByTestId('mail-password'), { target: { value: 's3creta' } });
    await fireEvent.click(screen.getByTestId('mail-connect'));
    await screen.findByTestId('mail-success');
    expect(shell.callsTo('account_connect_mailbox')[0]?.args).toMatchObject({
      request: {
        user: 'ventas',
        imap: { host: 'mail.hosting.com', port: 993, security: 'tls' },
        smtp: { host: 'mail.hosting.com', port: 465, security: 'tls' },
      },
    });
  });

  it('signs an Outlook address in with Microsoft: the seller app, the code big, copy, the page, then connected', async () => {
    const shell = mailShell();
    await openWizard();
    await toPasswordStep('barroylana@hotmail.com');
    const notice = await screen.findByTestId('mail-oauth-only');
    expect(notice.textContent).toContain('Iniciar sesión con Microsoft');
    expect(notice.textContent).toContain('No hace falta contraseña');
    expect(screen.getByTestId('mail-microsoft-app-steps').querySelectorAll('li')).toHaveLength(5);
    expect(screen.queryByTestId('mail-password')).toBeNull();
    await fireEvent.click(screen.getByTestId('mail-microsoft-start'));
    expect(screen.getByTestId('mail-missing').textContent).toContain('Id. de aplicación (cliente)');
    expect(shell.callsTo('mail_microsoft_start')).toHaveLength(0);

    await fireEvent.input(screen.getByTestId('mail-microsoft-client-id'), {
      target: { value: ' 0d4b1c9e-1111-4222-a333-444455556666 ' },
    });
    await fireEvent.click(screen.getByTestId('mail-microsoft-start'));
    const code = await screen.findByTestId('mail-microsoft-user-code');
    expect(code.textContent).toBe('K7QHM2PXR');
    expect(shell.callsTo('mail_microsoft_start')[0]?.args).toEqual({
      request: { address: 'barroylana@hotmail.com', display_name: 'Barro y Lana', client_id: '0d4b1c9e-1111-4222-a333-444455556666' },
    });
    expect(screen.getByTestId('mail-microsoft-code').textContent).toContain('inicia sesión con barroylana@hotmail.com');
    expect(screen.getByTestId('mail-microsoft-waiting').textContent).toContain('Esperando');
    await fireEvent.click(screen.getByTestId('mail-microsoft-copy'));
    await waitFor(() => expect(screen.getByTestId('mail-microsoft-copy').textContent).toContain('Copiado'));
    expect(shell.callsTo('mail_microsoft_copy_code')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('mail-microsoft-open'));
    await waitFor(() => expect(shell.callsTo('mail_microsoft_open_page')).toHaveLength(1));
    expect(shell.callsTo('mail_microsoft_finish')).toHaveLength(1);

    shell.microsoft.finish(61);
    expect((await screen.findByTestId('mail-success')).textContent).toContain('barroylana@hotmail.com quedó conectado');
    expect(shell.callsTo('account_connect_mailbox')).toHaveLength(0);
  });

  it('needs no application ID when the build has its own, and Cancel goes back quietly', async () => {
    const shell = mailShell({ microsoftBuiltIn: true });
    await openWizard();
    await toPasswordStep('barroylana@hotmail.com', '');
    await screen.findByTestId('mail-oauth-only');
    expect(screen.queryByTestId('mail-microsoft-client-id')).toBeNull();
    expect(screen.queryByTestId('mail-microsoft-app-steps')).toBeNull();
    await fireEvent.click(screen.getByTestId('mail-microsoft-start'));
    await screen.findByTestId('mail-microsoft-user-code');
    expect(shell.callsTo('mail_microsoft_start')[0]?.args).toEqual({
      request: { address: 'barroylana@hotmail.com', display_name: null, client_id: null },
    });
    await fireEvent.click(screen.getByTestId('mail-microsoft-cancel'));
    expect(await screen.findByTestId('mail-microsoft-start')).toBeTruthy();
    expect(screen.queryByTestId('mail-microsoft-user-code')).toBeNull();
    expect(screen.queryByTestId('error-banner')).toBeNull();
    expect(shell.callsTo('mail_microsoft_cancel')).toHaveLength(1);
  });

  it('stops waiting for Microsoft when the seller closes the accounts window', async () => {
    const shell = mailShell({ microsoftBuiltIn: true });
    await openWizard();
    await toPasswordStep('barroylana@hotmail.com', '');
    await fireEvent.click(await screen.findByTestId('mail-microsoft-start'));
    await screen.findByTestId('mail-microsoft-user-code');
    expect(shell.callsTo('mail_microsoft_cancel')).toHaveLength(0);
    await fireEvent.click(screen.getByTestId('close-accounts'));
    await waitFor(() => expect(shell.callsTo('mail_microsoft_cancel')).toHaveLength(1));
  });

  it.each([
    ['connect_microsoft_declined', 'no dar permiso'],
    ['connect_microsoft_expired', '15 minutos'],
    ['connect_microsoft_wrong_account', 'otra cuenta de Microsoft'],
    ['offline', 'Revisa tu conexión y empieza otra vez'],
  ])('explains %s after the wait and offers to start again', async (code, words) => {
    const shell = mailShell({ microsoftBuiltIn: true });
    await openWizard();
    await toPasswordStep('barroylana@hotmail.com');
    await fireEvent.click(await screen.findByTestId('mail-microsoft-start'));
    await screen.findByTestId('mail-microsoft-user-code');
    shell.microsoft.finish({ code, message: `said ${code}` });
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.errorCode).toBe(code);
    expect(banner.textContent).toContain(words);
    expect(screen.getByTestId('mail-microsoft-start').textContent).toContain('Empezar otra vez');
    expect(screen.queryByTestId('mail-success')).toBeNull();
  });

  it('says when Microsoft does not know the application, before any code', async () => {
    const shell = mailShell();
    shell.microsoft.startFails = { code: 'connect_microsoft_unknown_app', message: 'AADSTS700016' };
    await openWizard();
    await toPasswordStep('barroylana@hotmail.com');
    await fireEvent.input(await screen.findByTestId('mail-microsoft-client-id'), { target: { value: 'not-an-id' } });
    await fireEvent.click(screen.getByTestId('mail-microsoft-start'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('Permitir flujos de clientes públicos');
    expect(screen.queryByTestId('mail-microsoft-user-code')).toBeNull();
    expect(shell.callsTo('mail_microsoft_finish')).toHaveLength(0);
  });

  it('offers servers and a password for work or school Microsoft addresses', async () => {
    mailShell();
    await openWizard();
    await toPasswordStep('barroylana@hotmail.com');
    await screen.findByTestId('mail-oauth-only');
    await fireEvent.click(screen.getByTestId('mail-oauth-other'));
    expect(((await screen.findByTestId('mail-servers')) as HTMLDetailsElement).open).toBe(true);
    expect((screen.getByTestId('mail-imap-host') as HTMLInputElement).value).toBe('outlook.office365.com');
    expect(screen.getByTestId('mail-password')).toBeTruthy();
  });

  it.each([
    ['connect_mail_address_invalid', 'no está completa'],
    ['connect_mail_wrong_password', 'no aceptó la contraseña'],
    ['connect_mail_app_password', 'contraseña de aplicación'],
    ['connect_mail_oauth_only', 'Iniciar sesión con Microsoft'],
    ['connect_mail_unreachable', 'el servidor y el puerto'],
  ])('explains %s in plain words and keeps the seller on the step', async (code, words) => {
    mailShell({ fail: { code, message: `server said ${code}` } });
    await openWizard();
    await toPasswordStep('ventas@barroylana.com.ar');
    await fireEvent.input(await screen.findByTestId('mail-password'), { target: { value: 'x' } });
    await fireEvent.click(screen.getByTestId('mail-connect'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.errorCode).toBe(code);
    expect(banner.textContent).toContain('No se pudo conectar');
    expect(banner.textContent).toContain(words);
    expect(screen.getByTestId('mail-password')).toBeTruthy();
    expect((screen.getByTestId('mail-connect') as HTMLButtonElement).disabled).toBe(false);
  });
});

const LEFT_OUT: LeftOutMail[] = [
  {
    message_id: '<a@mp>',
    sender: 'Pagos@MercadoPago.com',
    sender_name: 'Mercado Pago',
    subject: 'Recibiste un pago <b>$18.000</b>',
    reason: 'service_notice',
    received_at: NOW - 600,
    mailbox: 'INBOX',
    uidvalidity: 1,
    uid: 7,
  },
  {
    message_id: '<b@list>',
    sender: 'novedades@arcilla.com.ar',
    sender_name: null,
    subject: '',
    reason: 'list',
    received_at: NOW - 7200,
    mailbox: 'INBOX',
    uidvalidity: 1,
    uid: 6,
  },
];

describe('a mailbox card', () => {
  it('lists the mail left out with why, and brings an address or its domain back', async () => {
    const shell = mailShell({
      accounts: [mailbox(5, 'hola@barroylana.com.ar')],
      leftOut: LEFT_OUT,
      marks: [{ pattern: 'ofertas@proveedor.com', is_buyer: false, marked_at: NOW - 86_400 }],
    });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    const card = await screen.findByTestId('account-card');
    expect(within(card).getByTestId('account-address').textContent).toBe('hola@barroylana.com.ar');
    const toggle = within(card).getByTestId('mail-left-out-toggle');
    await waitFor(() => expect(toggle.textContent).toContain('(2)'));
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);

    const mails = await within(card).findAllByTestId('left-out-mail');
    expect(mails).toHaveLength(2);
    // Buyer text stays text.
    expect(mails[0]!.textContent).toContain('Recibiste un pago <b>$18.000</b>');
    expect(mails[0]!.querySelector('b')).toBeNull();
    expect(within(mails[0]!).getByTestId('left-out-reason').textContent).toBe('Aviso de un servicio (pagos, envíos, cuentas)');
    expect(within(mails[1]!).getByTestId('left-out-reason').textContent).toBe('Boletín o lista de correo');
    expect(mails[1]!.textContent).toContain('(sin asunto)');

    await fireEvent.click(within(mails[0]!).getByTestId('left-out-buyer'));
    await waitFor(() =>
      expect(shell.callsTo('mail_mark_sender')[0]?.args).toEqual({ accountId: 5, pattern: 'pagos@mercadopago.com', isBuyer: true }),
    );
    // Marked: the next round brings it in.
    await waitFor(() => expect(within(card).getAllByTestId('left-out-coming')).toHaveLength(1));

    await fireEvent.click(within(card).getByTestId('left-out-domain'));
    await waitFor(() =>
      expect(shell.callsTo('mail_mark_sender')[1]?.args).toEqual({ accountId: 5, pattern: '@arcilla.com.ar', isBuyer: true }),
    );
    await waitFor(() => expect(within(card).getAllByTestId('sender-mark')).toHaveLength(3));
    const [notBuyer] = within(card).getAllByTestId('sender-mark');
    expect(notBuyer!.textContent).toContain('No es comprador');

    await fireEvent.click(within(notBuyer!).getByTestId('sender-mark-remove'));
    await waitFor(() =>
      expect(shell.callsTo('mail_unmark_sender')[0]?.args).toEqual({ accountId: 5, pattern: 'ofertas@proveedor.com' }),
    );
    await waitFor(() => expect(within(card).getAllByTestId('sender-mark')).toHaveLength(2));
  });

  it('says when nothing was left out and nothing is marked', async () => {
    mailShell({ accounts: [mailbox(5, 'hola@barroylana.com.ar')] });
    render(App);
    await fireEvent.click(await screen.findByTestId('open-accounts'));
    await fireEvent.click(await screen.findByTestId('mail-left-out-toggle'));
    expect((await screen.findByTestId('mail-left-out-empty')).textContent).toBe('No quedó ningún correo afuera.');
    expect(screen.getByTestId('mail-marks-empty')).toBeTruthy();
  });
});

const SENDS: SendCapability = { ...COPY_ONLY, mode: 'send' };

function message(overrides: Partial<MessageView>): MessageView {
  return {
    id: 10,
    direction: 'incoming',
    author: 'Lucía Fernández',
    text: '',
    sent_at: NOW - 3600,
    status: 'received',
    attachments: [],
    order_id: null,
    reactions: [],
    ...overrides,
  };
}

/** A shell whose only conversation is `summary`, with these messages. */
function conversationShell(summary: InboxRow, messages: MessageView[], send: SendCapability, email: string | null = null) {
  return installShell({
    rows: [summary],
    extra: (command) => {
      switch (command) {
        case 'conversation_get': {
          const base = conversationOf(summary);
          const buyer = {
            ...base.buyer,
            identities: email
              ? [{ account_id: 5, channel: summary.channel, account_name: 'hola@barroylana.com.ar', external_id: email, display_name: summary.buyer_name, handle: null, phone: null, email }]
              : [],
          };
          return { ...base, buyer, messages, send } satisfies ConversationView;
        }
        case 'outbox_list':
          return [];
        case 'conversation_open_in_app':
        case 'conversation_not_a_buyer':
          return email ?? null;
        default:
          return undefined;
      }
    },
  });
}

async function openConversation() {
  render(App);
  const [first] = await screen.findAllByTestId('inbox-row');
  await fireEvent.click(first!);
  return screen.findByTestId('conversation');
}

const QUOTED =
  'Hola, ¿sale esta semana?\nGracias, Lucía\n\nEl vie, 4 dic 2026 a las 18:20, Barro y Lana <hola@barroylana.com.ar> escribió:\n> Te avisamos cuando salga.';

describe('an e-mail conversation', () => {
  const summary = row(1, { buyer_name: 'Lucía Fernández', channel: 'email', kind: 'email', subject: 'Re: Tu pedido de 2 tazones' });

  it('shows the subject and folds the quoted history behind a toggle', async () => {
    conversationShell(summary, [message({ text: QUOTED, quote_start: QUOTED.indexOf('El vie') })], SENDS);
    const conversation = await openConversation();
    expect(conversation.querySelector('.head')!.textContent).toContain('Re: Tu pedido de 2 tazones');
    const bubble = (await screen.findAllByTestId('message'))[0]!;
    expect(bubble.textContent).toContain('Gracias, Lucía');
    expect(bubble.textContent).not.toContain('Te avisamos cuando salga');
    const toggle = within(bubble).getByTestId('quote-toggle');
    expect(toggle.textContent).toBe('Mostrar texto citado');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(toggle);
    expect(within(bubble).getByTestId('quoted-text').textContent).toContain('> Te avisamos cuando salga.');
    expect(toggle.textContent).toBe('Ocultar texto citado');
    await fireEvent.click(toggle);
    expect(within(bubble).queryByTestId('quoted-text')).toBeNull();
  });

  it('shows a mail without quoted history whole, with no toggle', async () => {
    conversationShell(summary, [message({ text: 'Hola, ¿hacen envíos?', quote_start: null })], SENDS);
    await openConversation();
    const bubble = (await screen.findAllByTestId('message'))[0]!;
    expect(bubble.textContent).toContain('Hola, ¿hacen envíos?');
    expect(within(bubble).queryByTestId('quote-toggle')).toBeNull();
  });

  it('asks before "not a buyer", names the address, and says what happened', async () => {
    const shell = conversationShell(summary, [message({ text: 'Oferta de hosting' })], SENDS, 'ventas@hosting.com');
    await openConversation();
    await fireEvent.click(screen.getByTestId('not-a-buyer'));
    const dialog = await screen.findByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('ventas@hosting.com');
    expect(dialog.textContent).toContain('queda afuera de la bandeja');
    expect(dialog.textContent).toContain('se cierra');
    // The safe choice first: nothing happens.
    await fireEvent.click(within(dialog).getByTestId('confirm-no'));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
    expect(shell.callsTo('conversation_not_a_buyer')).toHaveLength(0);

    await fireEvent.click(screen.getByTestId('not-a-buyer'));
    await fireEvent.click(within(await screen.findByTestId('confirm-dialog')).getByTestId('confirm-yes'));
    await waitFor(() => expect(shell.callsTo('conversation_not_a_buyer')[0]?.args).toEqual({ conversationId: 1 }));
    expect((await screen.findByTestId('not-a-buyer-done')).textContent).toContain('ventas@hosting.com');
  });

  it('offers "not a buyer" only on mail', async () => {
    conversationShell(row(1, { channel: 'instagram', kind: 'chat' }), [message({ text: 'Hola' })], SENDS);
    await openConversation();
    expect(screen.queryByTestId('not-a-buyer')).toBeNull();
  });
});

describe('an Etsy conversation', () => {
  const summary = row(1, {
    buyer_name: 'Lucia',
    channel: 'etsy',
    kind: 'chat',
    subject: 'Etsy Conversation with Lucia',
    preview: '',
    last_direction: 'incoming',
  });

  it('says a wordless notice is read on Etsy, in the row and in the bubble', async () => {
    conversationShell(summary, [message({ author: 'Lucia', text: '' })], COPY_ONLY);
    await openConversation();
    expect(screen.getByTestId('row-preview-etsy').textContent).toBe('Te escribió en Etsy: léelo allí');
    expect(screen.getByTestId('etsy-wordless').textContent?.trim()).toBe(
      'Lucia te escribió en Etsy. El aviso de Etsy no trae el texto del mensaje: léelo y respóndele en Etsy.',
    );
  });

  it('answers on Etsy beside Copy', async () => {
    const shell = conversationShell(summary, [message({ author: 'Lucia', text: '' })], COPY_ONLY);
    await openConversation();
    const etsy = screen.getByTestId('reply-on-etsy');
    expect(etsy.textContent).toContain('Responder en Etsy');
    expect(screen.getByTestId('composer-copy')).toBeTruthy();
    await fireEvent.click(etsy);
    await waitFor(() => expect(shell.callsTo('conversation_open_in_app')[0]?.args).toEqual({ conversationId: 1 }));
  });

  it('shows an older notice that carries the words as it is', async () => {
    conversationShell({ ...summary, preview: '¿Hacés envíos a Canadá?' }, [message({ author: 'Lucia', text: '¿Hacés envíos a Canadá?' })], COPY_ONLY);
    await openConversation();
    expect(screen.queryByTestId('etsy-wordless')).toBeNull();
    expect(screen.queryByTestId('row-preview-etsy')).toBeNull();
    expect(screen.getByTestId('reply-on-etsy')).toBeTruthy();
  });
});

describe('a saved answer with files, on a mail reply', () => {
  const CHART: AnswerAttachment = { id: 31, file_name: 'tabla de talles.pdf', mime_type: 'application/pdf', size_bytes: 120_000, local_path: '/x/answers/5/0-tabla de talles.pdf' };
  const QR: AnswerAttachment = { id: 32, file_name: 'qr-pago.png', mime_type: 'image/png', size_bytes: 8_000, local_path: '/x/answers/5/1-qr-pago.png' };
  const answer = {
    id: 5,
    title: 'Talles',
    shortcut: 'talles',
    folder: null,
    body: 'Te paso la tabla de talles.',
    language: 'es' as const,
    pinned: false,
    tags: [],
    variants: [],
    attachments: [CHART, QR],
    use_count: 0,
    last_used_at: null,
    chars_saved: 0,
    created_at: NOW,
    updated_at: NOW,
  };
  const suggestion: AnswerSuggestion = { answer, score: 1, reason: 'topic_keywords', matched: ['talles'] };
  const rendered = (channel: RenderedAnswer['channel']): RenderedAnswer => {
    const lint = { channel, length: 27, limit: null, counts_bytes: false, public: false, findings: [] };
    const text = 'Te paso la tabla de talles.';
    return { answer_id: 5, channel, language: 'es', version: null, text, prompts: [], missing: [], lint, versions: [{ version: null, language: 'es', text, lint }], safe_version: null, attachments: [CHART, QR] };
  };

  function filesShell(summary: InboxRow) {
    return installShell({
      rows: [summary],
      extra: (command, args) => {
        switch (command) {
          case 'conversation_get':
            return { ...conversationOf(summary), messages: [message({ text: '¿Qué talles hay?' })], send: SENDS } satisfies ConversationView;
          case 'outbox_list':
            return [];
          case 'answers_suggest':
            return [suggestion];
          case 'answers_list':
            return [answer];
          case 'answer_render':
            return rendered((args.request as { channel: RenderedAnswer['channel'] }).channel ?? 'email');
          case 'reply_send':
            return undefined;
          default:
            return undefined;
        }
      },
    });
  }

  it('lists the files under the reply, lets one go, and sends the rest with it', async () => {
    const shell = filesShell(row(1, { buyer_name: 'Flor', channel: 'email', kind: 'email', subject: 'Talles' }));
    await openConversation();
    await fireEvent.click(await screen.findByTestId('answer-suggestion'));
    await fireEvent.click(await screen.findByTestId('answer-do'));
    const files = await screen.findAllByTestId('reply-file');
    expect(files.map((f) => f.textContent)).toEqual([expect.stringContaining('tabla de talles.pdf'), expect.stringContaining('qr-pago.png')]);
    await fireEvent.click(within(files[1]!).getByTestId('reply-file-remove'));
    await waitFor(() => expect(screen.getAllByTestId('reply-file')).toHaveLength(1));

    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() =>
      expect(shell.callsTo('reply_send')[0]?.args).toEqual({ conversationId: 1, text: 'Te paso la tabla de talles.', answerAttachmentIds: [31] }),
    );
    await waitFor(() => expect(screen.queryByTestId('reply-files')).toBeNull());
  });

  it('leaves the files out of a chat, where the seller copies them by hand', async () => {
    const shell = filesShell(row(1, { buyer_name: 'Flor', channel: 'telegram', kind: 'chat' }));
    await openConversation();
    await fireEvent.click(await screen.findByTestId('answer-suggestion'));
    await fireEvent.click(await screen.findByTestId('answer-do'));
    await waitFor(() => expect((screen.getByTestId('composer-text') as HTMLTextAreaElement).value).toContain('tabla de talles'));
    expect(screen.queryByTestId('reply-files')).toBeNull();
    await fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(shell.callsTo('reply_send')[0]?.args).toMatchObject({ answerAttachmentIds: [] }));
  });
});
