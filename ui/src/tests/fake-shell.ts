// A stand-in for the Tauri shell in component tests: answers commands from fixtures through
// @tauri-apps/api's mockIPC, and records every call. Command names are typed against the generated
// list, so a test cannot fake or look for a command the shell does not declare.

import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type {
  AppInfo,
  ConversationView,
  InboxPage,
  InboxQuery,
  InboxRow,
  IpcError,
  MessageView,
  SendCapability,
  Settings,
  Stats,
} from '$lib/ipc/bindings';
import type { CommandName } from '$lib/ipc/commands';

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
    preview_attachment: null,
    last_direction: 'incoming',
    last_message_at: 1_700_000_000,
    waiting_since: 1_700_000_000,
    waiting_seconds: 3 * 3600,
    order_stage: null,
    tags: [],
    unread: 0,
    pinned: false,
    target_seconds: 3600,
    target_waiting_seconds: 3 * 3600,
    target_level: null,
    highlights: [],
    ...overrides,
  };
}

/** What a conversation without a connected account allows: copy, no limits, no windows. */
export const COPY_ONLY: SendCapability = {
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
        reactions: [],
      },
    ],
    has_older_messages: false,
    older_history_unavailable: false,
    listing_ref: null,
    orders: [],
    // No connected account, so the composer copies.
    send: COPY_ONLY,
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
  /** Saved drafts, by conversation id. */
  drafts?: Record<number, string>;
  /** Tabs saved at the last exit. */
  tabs?: number[];
  /** What "Load older messages" returns. */
  olderMessages?: MessageView[];
  /** Commands that reject, with the error they reject with. */
  failing?: Partial<Record<CommandName, IpcError>>;
  /** Answers commands before the fixtures do (accounts, outbox…); `undefined` falls through. */
  extra?: (command: string, args: Record<string, unknown>) => unknown;
};

export function installShell(options: ShellOptions = {}) {
  const calls: Call[] = [];
  let settings: Settings = options.settings ?? { language: null, shop_name: null, time_zone: null };
  let empty = options.empty ?? false;
  const failing: Partial<Record<string, IpcError>> = { ...(options.failing ?? {}) };
  const rows = (options.rows ?? []).map((r) => ({ ...r }));
  const drafts: Record<number, string> = { ...(options.drafts ?? {}) };
  const tabs: number[] = [...(options.tabs ?? [])];
  const copied: { id: number; text: string }[] = [];
  const edit = (ids: number[], change: Partial<InboxRow>) => {
    for (const r of rows) if (ids.includes(r.conversation_id)) Object.assign(r, change);
  };
  const setStatus = (ids: number[], status: InboxRow['status']) =>
    edit(ids, status === 'needs_reply' ? { status } : { status, waiting_seconds: null, target_level: null });

  mockWindows('main');
  mockIPC(
    (command, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    calls.push({ command, args });
    const failure = failing[command];
    if (failure) return Promise.reject(failure);
    const answered = options.extra?.(command, args);
    if (answered !== undefined) return answered;
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
          total_capped: false,
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
      // Statuses and copied replies change the rows, as the core would.
      case 'inbox_counts': {
        const counts = { needs_reply: 0, waiting_for_buyer: 0, snoozed: 0, done: 0 };
        for (const r of empty ? [] : rows) counts[r.status]++;
        if (options.needsReply !== undefined) counts.needs_reply = options.needsReply;
        return Object.entries(counts).map(([status, conversations]) => ({ status, conversations }));
      }
      case 'inbox_accounts':
        return [{ id: 1, channel: 'mercado_libre', display_name: 'barroylana' }];
      case 'snooze_options':
        return [
          { preset: 'later_today', until: 1_700_010_800 },
          { preset: 'tomorrow_morning', until: 1_700_060_400 },
          { preset: 'next_week', until: 1_700_400_000 },
        ];
      case 'conversation_set_status':
        setStatus([args.conversationId as number], args.status as InboxRow['status']);
        return null;
      case 'conversation_snooze':
        setStatus([args.conversationId as number], 'snoozed');
        return null;
      case 'conversations_bulk': {
        const ids = args.conversationIds as number[];
        const action = args.action as { kind: string; status?: InboxRow['status']; pinned?: boolean };
        if (action.kind === 'set_status' && action.status) setStatus(ids, action.status);
        if (action.kind === 'snooze') setStatus(ids, 'snoozed');
        if (action.kind === 'pin') edit(ids, { pinned: action.pinned ?? true });
        return ids.length;
      }
      case 'tabs_list':
        return [...tabs];
      case 'tabs_save':
        tabs.splice(0, tabs.length, ...(args.conversationIds as number[]));
        return null;
      case 'drafts_list':
        return Object.entries(drafts).map(([id, text]) => ({ conversation_id: Number(id), text, updated_at: 0 }));
      case 'draft_save':
        if ((args.text as string).trim() === '') delete drafts[args.conversationId as number];
        else drafts[args.conversationId as number] = args.text as string;
        return null;
      case 'reply_record_copied': {
        const id = args.conversationId as number;
        delete drafts[id];
        copied.push({ id, text: args.text as string });
        edit([id], { status: 'waiting_for_buyer', waiting_seconds: null, waiting_since: null, target_level: null });
        return 9000 + copied.length;
      }
      case 'conversation_older_messages':
        return { messages: options.olderMessages ?? [], has_more: false };
      default:
        return null;
    }
    },
    { shouldMockEvents: true },
  );

  return {
    calls,
    callsTo: (command: CommandName) => calls.filter((c) => c.command === command),
    drafts,
    tabs,
    copied,
    rows,
    /** Makes a command succeed again (the Retry path). */
    heal: (command: CommandName) => delete failing[command],
  };
}
