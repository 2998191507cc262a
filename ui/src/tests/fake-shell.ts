// A stand-in for the Tauri shell in component tests: answers commands from fixtures through
// @tauri-apps/api's mockIPC, and records every call.

import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type {
  AppInfo,
  ConversationView,
  InboxPage,
  InboxQuery,
  InboxRow,
  IpcError,
  Settings,
  Stats,
} from '$lib/ipc/bindings';

export type Call = { command: string; args: Record<string, unknown> };

export function row(id: number, overrides: Partial<InboxRow> = {}): InboxRow {
  return {
    conversation_id: id,
    buyer_id: id,
    buyer_name: `Comprador ${id}`,
    channel: 'mercado_libre',
    account_id: 1,
    account_name: 'barroylana',
    kind: 'pre_sale_question',
    status: 'needs_reply',
    subject: null,
    preview: `Mensaje ${id}`,
    last_direction: 'incoming',
    last_message_at: 1_700_000_000,
    waiting_since: 1_700_000_000,
    waiting_seconds: 3 * 3600,
    order_stage: null,
    tags: [],
    unread: 0,
    pinned: false,
    ...overrides,
  };
}

export function conversationOf(summary: InboxRow, text = 'Hola, ¿lo tenés en azul?'): ConversationView {
  return {
    summary,
    buyer: { id: summary.buyer_id, name: summary.buyer_name, notes: '', tags: [], identities: [] },
    messages: [
      {
        id: summary.conversation_id * 10,
        direction: 'incoming',
        author: summary.buyer_name,
        text,
        sent_at: 1_700_000_000,
        status: 'received',
        attachments: [],
        order_id: null,
      },
    ],
    orders: [],
  };
}

export type ShellOptions = {
  empty?: boolean;
  osLocale?: string | null;
  settings?: Settings;
  rows?: InboxRow[];
  /** Total reported by the core, when more rows exist than `rows` (paging tests). */
  total?: number;
  needsReply?: number;
  messageText?: string;
  /** Commands that reject, with the error they reject with. */
  failing?: Record<string, IpcError>;
};

export function installShell(options: ShellOptions = {}) {
  const calls: Call[] = [];
  let settings: Settings = options.settings ?? { language: null, shop_name: null, time_zone: null };
  let empty = options.empty ?? false;
  const failing = { ...(options.failing ?? {}) };
  const rows = options.rows ?? [];

  mockWindows('main');
  mockIPC(
    (command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, args });
    const failure = failing[command];
    if (failure) return Promise.reject(failure);
    switch (command) {
      case 'app_info': {
        const info: AppInfo = {
          version: '0.1.0',
          db_path: '/tmp/mostrador.sqlite3',
          data_dir: '/tmp',
          empty,
          os_locale: options.osLocale === undefined ? 'es-AR' : options.osLocale,
        };
        return info;
      }
      case 'settings_get':
        return settings;
      case 'settings_save':
        settings = args.settings as Settings;
        return settings;
      case 'sample_shop_load': {
        empty = false;
        const stats: Stats = {
          accounts: 1,
          buyers: rows.length,
          conversations: rows.length,
          messages: rows.length,
          orders: 0,
          per_channel: [],
          per_status: [],
        };
        return stats;
      }
      case 'inbox_list': {
        const query = args.query as InboxQuery;
        const visible = empty ? [] : rows;
        const page: InboxPage = {
          rows: visible.slice(query.offset, query.offset + query.limit),
          total: empty ? 0 : (options.total ?? visible.length),
          needs_reply: empty ? 0 : (options.needsReply ?? visible.filter((r) => r.status === 'needs_reply').length),
        };
        return page;
      }
      case 'conversation_get': {
        const summary = rows.find((r) => r.conversation_id === args.conversationId);
        if (!summary) return Promise.reject({ code: 'not_found', message: 'conversation was not found' });
        return conversationOf(summary, options.messageText);
      }
      case 'conversation_mark_read':
        return null;
      default:
        return null;
    }
    },
    { shouldMockEvents: true },
  );

  return {
    calls,
    callsTo: (command: string) => calls.filter((c) => c.command === command),
    /** Makes a command succeed again (the Retry path). */
    heal: (command: string) => delete failing[command],
  };
}
