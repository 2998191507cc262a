// A fake Tauri shell for browser previews and screenshots (VITE_MOCK_IPC=1 only; never in a real
// build). It answers the commands in MOCKED_COMMANDS with made-up data, in memory; any other
// command rejects with an error naming it (and says so in the console), so a screen that needs one
// shows why instead of staying empty.
//
// URL parameters: scenario=inbox|first-run|boot-error|inbox-error|slow, os=<locale>, rows=<count>,
// connectError=<code> (the Instagram, Facebook and mailbox wizards' last step fails with it, e.g.
// connect_mail_wrong_password; Microsoft's sign-in too, e.g. connect_microsoft_declined).

import { emit } from '@tauri-apps/api/event';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type {
  AccountView,
  AccountsOverview,
  AppInfo,
  ConversationView,
  LintFinding,
  LintReport,
  OutboxItem,
  PageChoice,
  ReplyRoute,
  InboxPage,
  InboxQuery,
  InboxRow,
  IpcError,
  LeftOutMail,
  MailboxForm,
  MailboxGuess,
  MicrosoftCode,
  MicrosoftStart,
  MessageView,
  OrderView,
  SendCapability,
  SenderMark,
  Settings,
  Stats,
} from '$lib/ipc/bindings';
import type { CommandName } from '$lib/ipc/commands';
import { sampleConversations, generatedConversations, type MockConversation } from './mock-data';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The commands the preview answers: enough for the first run, the inbox, a conversation and settings. */
export const MOCKED_COMMANDS = [
  'app_info',
  'settings_get',
  'settings_save',
  'inbox_list',
  'conversation_get',
  'conversation_mark_read',
  'sample_shop_load',
  'accounts_list',
  'account_connect_instagram_start',
  'account_connect_instagram_finish',
  'account_connect_facebook_start',
  'account_connect_facebook_pages',
  'account_connect_messenger',
  'conversation_open_in_app',
  'mail_guess',
  'account_connect_mailbox',
  'account_etsy_open_apps_page',
  'account_connect_etsy_start',
  'account_connect_etsy_finish',
  'mail_open_app_password_page',
  'mail_microsoft_start',
  'mail_microsoft_open_page',
  'mail_microsoft_copy_code',
  'mail_microsoft_finish',
  'mail_microsoft_cancel',
  'mail_left_out',
  'mail_sender_marks',
  'mail_mark_sender',
  'mail_unmark_sender',
  'conversation_not_a_buyer',
  'reply_send',
  'reply_send_private',
  'outbox_list',
  'answers_lint',
  'answers_suggest',
  'draft_save',
  'drafts_list',
  'tabs_list',
  'tabs_save',
] as const satisfies readonly CommandName[];

type Answer = (args: Record<string, unknown>) => unknown;

export function installMockShell(params: URLSearchParams): void {
  const scenario = params.get('scenario') ?? 'inbox';
  const osLocale = params.get('os') ?? 'es-AR';
  const extraRows = Number(params.get('rows') ?? '2400');
  const latency = scenario === 'slow' ? 900 : 60;
  const now = Math.floor(Date.now() / 1000);

  let conversations: MockConversation[] = [];
  const load = () => {
    conversations = [...sampleConversations(now), ...generatedConversations(now, extraRows)];
  };
  if (scenario !== 'first-run') load();

  let settings: Settings = { language: null, shop_name: 'Barro & Lana', time_zone: null };

  const fail = (code: string, message: string): never => {
    const error: IpcError = { code, message };
    throw error;
  };

  const row = (c: MockConversation): InboxRow => {
    const waiting = c.status === 'needs_reply' ? c.waitingSince : null;
    const lastMessage = c.messages[c.messages.length - 1];
    return {
      ...c.row,
      status: c.status,
      unread: c.unread,
      preview: (lastMessage?.text ?? '').split('\n')[0]?.slice(0, 140) ?? '',
      preview_attachment: lastMessage && !lastMessage.text.trim() ? (lastMessage.attachments[0]?.kind ?? null) : null,
      last_direction: lastMessage?.direction ?? null,
      last_message_at: lastMessage?.sent_at ?? null,
      waiting_since: waiting,
      waiting_seconds: waiting === null ? null : now - waiting,
    };
  };

  const inboxList = (query: InboxQuery): InboxPage => {
    const search = query.search ? fold(query.search) : null;
    const matching = conversations.filter(
      (c) =>
        (!query.status || c.status === query.status) &&
        (!query.channel || c.row.channel === query.channel) &&
        (!search ||
          fold(c.row.buyer_name).includes(search) ||
          c.messages.some((m) => fold(m.text).includes(search))),
    );
    const rows = matching.map(row);
    rows.sort((a, b) => {
      if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
      const aw = a.status === 'needs_reply';
      const bw = b.status === 'needs_reply';
      if (aw !== bw) return aw ? -1 : 1;
      if (aw && bw) return (a.waiting_since ?? 0) - (b.waiting_since ?? 0);
      return (b.last_message_at ?? 0) - (a.last_message_at ?? 0);
    });
    return {
      rows: rows.slice(query.offset, query.offset + query.limit),
      total: rows.length,
      needs_reply: conversations.filter((c) => c.status === 'needs_reply').length,
      total_capped: false,
    };
  };

  const conversationGet = (id: number): ConversationView => {
    const c = conversations.find((x) => x.row.conversation_id === id) ?? fail('not_found', `conversation ${id} was not found`);
    const orders: OrderView[] = conversations
      .filter((x) => x.row.buyer_id === c.row.buyer_id)
      .flatMap((x) => x.orders)
      .sort((a, b) => b.created_at - a.created_at);
    const messages: MessageView[] = c.messages;
    // Accounts the preview does not connect copy their replies.
    const send: SendCapability = c.send ?? {
      mode: 'copy',
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
    return {
      summary: row(c),
      buyer: c.buyer,
      messages,
      has_older_messages: false,
      older_history_unavailable: c.olderHistoryUnavailable ?? false,
      listing_ref: c.listingRef ?? null,
      orders,
      send,
    };
  };

  const connectError = params.get('connectError');
  const account = (id: number, fields: Partial<AccountView>): AccountView => ({
    id,
    channel: 'mercado_libre',
    display_name: '',
    external_id: String(id),
    settings: {},
    disabled: false,
    demo: false,
    sync: {
      state: 'ok',
      last_success_at: now - 120,
      last_attempt_at: now - 120,
      error_code: null,
      error_detail: null,
      retry_at: null,
      updates_may_be_lost: false,
    },
    access_expires_at: null,
    ...fields,
  });
  const accounts: AccountView[] = [
    account(1, { display_name: 'barroylana' }),
    // Instagram's 60-day access, five days from running out.
    account(2, { channel: 'instagram', display_name: '@barro.y.lana', access_expires_at: now + 5 * 86_400 }),
    account(7, {
      channel: 'messenger',
      display_name: 'Barro y Lana',
      sync: {
        state: 'needs_reconnect',
        last_success_at: now - 3 * 86_400,
        last_attempt_at: now - 600,
        error_code: 'token_revoked',
        error_detail: 'Error validating access token: The session has been invalidated because the user changed their password.',
        retry_at: null,
        updates_may_be_lost: false,
      },
    }),
  ];
  // A mailbox: its address on the card, the mail it left out and the seller's marks.
  accounts.push(
    account(5, {
      channel: 'email',
      display_name: 'Barro y Lana',
      settings: {
        address: 'hola@barroylana.com.ar',
        display_name: 'Barro y Lana',
        user: null,
        imap_host: 'imap.barroylana.com.ar',
        imap_port: 993,
        imap_security: 'tls',
        smtp_host: 'smtp.barroylana.com.ar',
        smtp_port: 465,
        smtp_security: 'tls',
      },
    }),
  );
  const leftOut = (sender: string, name: string | null, subject: string, reason: string, ago: number, uid: number): LeftOutMail => ({
    message_id: `<left-out-${uid}@preview>`,
    sender,
    sender_name: name,
    subject,
    reason,
    received_at: now - ago,
    mailbox: 'INBOX',
    uidvalidity: 1,
    uid,
  });
  const leftOutMail: LeftOutMail[] = [
    leftOut('pagos@mercadopago.com', 'Mercado Pago', 'Recibiste un pago de $18.000', 'service_notice', 40 * 60, 41),
    leftOut('novedades@arcilla.com.ar', 'Arcilla & Esmaltes', 'Esmaltes con 20% esta semana', 'list', 3 * 3600, 40),
    leftOut('marta.sosa@gmail.com', 'Marta Sosa', 'Respuesta automática: Re: Pedido de 6 tazas', 'auto_reply', 5 * 3600, 39),
    leftOut('no-reply@correoargentino.com.ar', 'Correo Argentino', 'Tu envío está en camino <b>CA123</b>', 'no_reply_sender', 26 * 3600, 38),
    leftOut('hola@barroylana.com.ar', 'Barro y Lana', 'Lista de precios 2027', 'own_address', 2 * 86_400, 37),
  ];
  let senderMarks: SenderMark[] = [{ pattern: 'ofertas@proveedor.com', is_buyer: false, marked_at: now - 3 * 86_400 }];
  const mailPresets: Record<string, Pick<MailboxGuess, 'provider' | 'app_password' | 'app_password_url' | 'oauth_only'>> = {
    'gmail.com': { provider: 'gmail', app_password: true, app_password_url: 'https://myaccount.google.com/apppasswords', oauth_only: false },
    'yahoo.com': { provider: 'yahoo', app_password: true, app_password_url: 'https://login.yahoo.com/account/security', oauth_only: false },
    'icloud.com': { provider: 'icloud', app_password: true, app_password_url: 'https://account.apple.com/account/manage', oauth_only: false },
    'outlook.com': { provider: 'outlook', app_password: false, app_password_url: null, oauth_only: true },
    'hotmail.com': { provider: 'outlook', app_password: false, app_password_url: null, oauth_only: true },
  };
  const mailGuess = (address: string): MailboxGuess => {
    const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    const preset = mailPresets[domain] ?? { provider: null, app_password: false, app_password_url: null, oauth_only: false };
    const host = (server: string) =>
      preset.provider === 'gmail' ? `${server}.gmail.com` : preset.provider === 'outlook' ? 'outlook.office365.com' : `${server}.${domain}`;
    return {
      ...preset,
      imap: { host: host('imap'), port: 993, security: 'tls' },
      smtp: { host: host('smtp'), port: 465, security: 'tls' },
      // The preview shows the steps for the seller's own Microsoft app.
      microsoft_app_built_in: false,
    };
  };
  /** The Microsoft sign-in the preview waits on: "accepted" after a few seconds unless cancelled. */
  let microsoftLogin: { address: string; name: string | null; cancel: () => void } | null = null;

  const pages: PageChoice[] = [
    { id: '101', name: 'Barro y Lana', instagram_username: 'barro.y.lana' },
    { id: '202', name: 'Barro y Lana — Mayoristas', instagram_username: null },
  ];
  const outbox: OutboxItem[] = [];
  const failConnect = () => {
    if (connectError) fail(connectError, `the preview fails with ${connectError}`);
  };
  const reply = (conversationId: number, text: string, route: ReplyRoute): OutboxItem => {
    const c = conversations.find((x) => x.row.conversation_id === conversationId) ?? fail('not_found', 'no such conversation');
    const id = 90_000 + outbox.length;
    c.messages = [
      ...c.messages,
      { id, direction: 'outgoing', author: 'Lucía', text, sent_at: now, status: 'sent', attachments: [], order_id: null, reactions: [] },
    ];
    c.status = 'waiting_for_buyer';
    if (route === 'private_reply' && c.send) c.send = { ...c.send, private_reply_until: null };
    const item: OutboxItem = {
      id,
      conversation_id: conversationId,
      account_id: c.row.account_id,
      channel: c.row.channel,
      conversation_kind: c.row.kind,
      conversation_ref: String(conversationId),
      buyer_external_id: String(c.row.buyer_id),
      text,
      idempotency_key: `preview-${id}`,
      state: 'sent',
      attempts: 1,
      error_code: null,
      error_detail: null,
      message_id: id,
      created_at: now,
      route,
      files: [],
      reason: null,
    };
    outbox.push(item);
    void emit('store-changed');
    return item;
  };
  /** Phone numbers, as the core's public-comment lint would flag them (the preview's rough cut). */
  const lint = (text: string, channel: LintReport['channel']): LintReport => {
    const findings: LintFinding[] = [...text.matchAll(/\+?\d[\d\s-]{6,}\d/g)].map((m) => ({
      rule: 'phone',
      start: [...text.slice(0, m.index)].length,
      end: [...text.slice(0, m.index)].length + [...m[0]].length,
      excerpt: m[0],
    }));
    return { channel, length: [...text].length, limit: 2200, counts_bytes: false, public: true, findings };
  };

  const stats = (): Stats => ({
    accounts: 6,
    buyers: conversations.length,
    conversations: conversations.length,
    messages: conversations.reduce((n, c) => n + c.messages.length, 0),
    orders: conversations.reduce((n, c) => n + c.orders.length, 0),
    per_channel: [],
    per_status: [],
  });

  const answers: Record<(typeof MOCKED_COMMANDS)[number], Answer> = {
    app_info: () => {
      if (scenario === 'boot-error') {
        fail(
          'database_too_new',
          'this database was created by a newer version of Mostrador (schema 9, this version knows up to 3); update Mostrador to open it',
        );
      }
      const info: AppInfo = {
        version: '0.1.0',
        db_path: '/home/lucia/.local/share/org.mostrador.desktop/mostrador.sqlite3',
        data_dir: '/home/lucia/.local/share/org.mostrador.desktop',
        empty: conversations.length === 0,
        os_locale: osLocale,
      };
      return info;
    },
    settings_get: () => settings,
    settings_save: (args) => {
      settings = args.settings as Settings;
      void emit('store-changed');
      return settings;
    },
    inbox_list: (args) => {
      if (scenario === 'inbox-error') fail('disk_full', 'database error: database or disk is full');
      return inboxList(args.query as InboxQuery);
    },
    conversation_get: (args) => conversationGet(args.conversationId as number),
    conversation_mark_read: (args) => {
      const c = conversations.find((x) => x.row.conversation_id === args.conversationId);
      if (c) c.unread = 0;
      void emit('store-changed');
      return null;
    },
    accounts_list: (): AccountsOverview => ({
      accounts,
      secrets: 'keychain',
      secrets_detail: null,
      secrets_set_aside: null,
      demo_running: false,
    }),
    account_connect_instagram_start: () => ({
      authorize_url:
        'https://www.instagram.com/oauth/authorize?client_id=990001&redirect_uri=https%3A%2F%2Flocalhost%2Fmostrador&response_type=code&scope=instagram_business_basic%2Cinstagram_business_manage_messages%2Cinstagram_business_manage_comments&state=mostrador-1',
    }),
    account_connect_instagram_finish: async () => {
      await sleep(500);
      failConnect();
      accounts.push(account(20 + accounts.length, { channel: 'instagram', display_name: '@lana.de.oveja', sync: { ...accounts[0]!.sync, state: 'never_synced', last_success_at: null } }));
      return accounts[accounts.length - 1]!.id;
    },
    account_connect_facebook_start: () => ({
      authorize_url: 'https://www.facebook.com/v24.0/dialog/oauth?client_id=990002&redirect_uri=https%3A%2F%2Flocalhost%2Fmostrador&state=mostrador-2',
    }),
    account_connect_facebook_pages: async () => {
      await sleep(500);
      failConnect();
      return pages;
    },
    account_connect_messenger: (args) => {
      const page = pages.find((p) => p.id === args.pageId) ?? fail('connect_unknown_page', 'unknown page');
      accounts.push(account(30 + accounts.length, { channel: 'messenger', display_name: page.name, sync: { ...accounts[0]!.sync, state: 'never_synced', last_success_at: null } }));
      return accounts[accounts.length - 1]!.id;
    },
    conversation_open_in_app: () => null,
    mail_guess: (args) => mailGuess(args.address as string),
    account_connect_mailbox: async (args) => {
      await sleep(700);
      failConnect();
      const form = args.request as MailboxForm;
      accounts.push(
        account(40 + accounts.length, {
          channel: 'email',
          display_name: form.display_name ?? form.address,
          settings: { address: form.address },
          sync: { ...accounts[0]!.sync, state: 'never_synced', last_success_at: null },
        }),
      );
      return accounts[accounts.length - 1]!.id;
    },
    account_etsy_open_apps_page: () => null,
    account_connect_etsy_start: () => ({
      authorize_url:
        'https://www.etsy.com/oauth/connect?response_type=code&client_id=k3ystr1ng&redirect_uri=https%3A%2F%2Flocalhost%2Fmostrador&scope=transactions_r+shops_r&state=mostrador-3&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
      code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    }),
    account_connect_etsy_finish: async () => {
      await sleep(600);
      failConnect();
      accounts.push(
        account(60 + accounts.length, {
          channel: 'etsy',
          display_name: 'BarroYLanaStudio',
          settings: { api_base: 'https://api.etsy.com', shop_id: '31234567' },
          sync: { ...accounts[0]!.sync, state: 'never_synced', last_success_at: null },
        }),
      );
      return accounts[accounts.length - 1]!.id;
    },
    mail_open_app_password_page: () => null,
    mail_microsoft_start: async (args) => {
      await sleep(400);
      const request = args.request as MicrosoftStart;
      if (request.client_id !== null && !/^[0-9a-f-]{36}$/i.test(request.client_id.trim())) {
        fail('connect_microsoft_unknown_app', 'the preview knows no such application');
      }
      microsoftLogin?.cancel();
      microsoftLogin = { address: request.address, name: request.display_name, cancel: () => undefined };
      const code: MicrosoftCode = { user_code: 'K7QHM2PXR', verification_uri: 'https://www.microsoft.com/link', expires_in: 900 };
      return code;
    },
    mail_microsoft_open_page: () => null,
    mail_microsoft_copy_code: () => null,
    mail_microsoft_finish: () =>
      new Promise<number>((resolve, reject) => {
        const login = microsoftLogin ?? fail('connect_login_expired', 'no sign-in is waiting');
        const accepted = setTimeout(() => {
          microsoftLogin = null;
          if (connectError) {
            reject({ code: connectError, message: `the preview fails with ${connectError}` });
            return;
          }
          accounts.push(
            account(40 + accounts.length, {
              channel: 'email',
              display_name: login.name ?? login.address,
              settings: { address: login.address, sign_in: 'microsoft' },
              sync: { ...accounts[0]!.sync, state: 'never_synced', last_success_at: null },
            }),
          );
          resolve(accounts[accounts.length - 1]!.id);
        }, 6000);
        login.cancel = () => {
          clearTimeout(accepted);
          reject({ code: 'connect_cancelled', message: 'the sign-in was cancelled' });
        };
      }),
    mail_microsoft_cancel: () => {
      microsoftLogin?.cancel();
      microsoftLogin = null;
      return null;
    },
    mail_left_out: () => leftOutMail,
    mail_sender_marks: () => senderMarks,
    mail_mark_sender: (args) => {
      const pattern = args.pattern as string;
      senderMarks = [...senderMarks.filter((m) => m.pattern !== pattern), { pattern, is_buyer: args.isBuyer as boolean, marked_at: now }];
      return null;
    },
    mail_unmark_sender: (args) => {
      senderMarks = senderMarks.filter((m) => m.pattern !== args.pattern);
      return null;
    },
    conversation_not_a_buyer: (args) => {
      const c = conversations.find((x) => x.row.conversation_id === args.conversationId) ?? fail('not_found', 'no such conversation');
      const address = c.buyer.identities[0]?.email ?? `${c.row.buyer_id}@preview`;
      c.status = 'done';
      senderMarks = [...senderMarks, { pattern: address, is_buyer: false, marked_at: now }];
      void emit('store-changed');
      return address;
    },
    reply_send: (args) => reply(args.conversationId as number, args.text as string, 'thread'),
    reply_send_private: (args) => reply(args.conversationId as number, args.text as string, 'private_reply'),
    outbox_list: (args) => outbox.filter((item) => item.conversation_id === args.conversationId),
    answers_lint: (args) => lint(args.text as string, args.channel as LintReport['channel']),
    answers_suggest: () => [],
    draft_save: () => null,
    drafts_list: () => [],
    tabs_list: () => [],
    tabs_save: () => null,
    sample_shop_load: async () => {
      await sleep(1200);
      load();
      void emit('store-changed');
      return stats();
    },
  };
  const answerFor = (command: string): Answer | undefined =>
    (answers as Partial<Record<string, Answer>>)[command];

  mockWindows('main');
  mockIPC(
    async (command, payload) => {
      if (command.startsWith('plugin:window|')) return null;
      await sleep(latency);
      const answer = answerFor(command);
      if (!answer) {
        const message = `the mock shell does not answer ${command}: add it to MOCKED_COMMANDS in src/lib/dev/mock-shell.ts`;
        console.error(message);
        return fail('internal', message);
      }
      return answer((payload ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
}
