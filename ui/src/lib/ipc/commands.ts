// The only door to the Tauri shell: typed wrappers around its commands, its one event and the
// window title. Nothing else in the UI imports from @tauri-apps/api.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type {
  AppInfo,
  ConversationView,
  InboxPage,
  InboxQuery,
  IpcError,
  Settings,
  Stats,
} from './bindings';
import { ERROR_CODES, type ErrorCode } from './bindings';

export { ERROR_CODES, type ErrorCode };

export function isKnownErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** Whatever a call rejected with, as the shell's `{ code, message }`. */
export function toIpcError(error: unknown): IpcError {
  if (error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
    return { code: error.code, message };
  }
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: typeof error === 'string' ? error : String(error) };
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

export const commands = {
  appInfo: () => call<AppInfo>('app_info'),
  inboxList: (query: InboxQuery) => call<InboxPage>('inbox_list', { query }),
  conversationGet: (conversationId: number) => call<ConversationView>('conversation_get', { conversationId }),
  conversationMarkRead: (conversationId: number) =>
    call<null>('conversation_mark_read', { conversationId }),
  sampleShopLoad: () => call<Stats>('sample_shop_load'),
  settingsGet: () => call<Settings>('settings_get'),
  settingsSave: (settings: Settings) => call<Settings>('settings_save', { settings }),
};

/**
 * Calls `handler` after any write to the store (the shell emits `store-changed`); returns the
 * unsubscribe function. Outside Tauri (tests, a plain browser) there is nothing to listen to.
 */
export async function onStoreChanged(handler: () => void): Promise<() => void> {
  try {
    const stop = await listen('store-changed', () => handler());
    // Unlistening is best-effort: the window may already be going away.
    return () => void Promise.resolve().then(stop).catch(() => undefined);
  } catch {
    return () => {};
  }
}

/** Sets the window's title; a no-op outside Tauri. */
export async function setWindowTitle(title: string): Promise<void> {
  try {
    await getCurrentWindow().setTitle(title);
  } catch {
    // No window to title (tests, browser preview).
  }
}

// ---- buyers and order threads (orders engineer, issue 3)

import type {
  BuyerPage,
  MergeReason,
  NewOrder,
  OrderStage,
  OrderUpdate,
  OrderView,
  ThreadFilter,
  ThreadMessage,
  TodayView,
} from './bindings';

export const orderCommands = {
  buyerPage: (buyerId: number) => call<BuyerPage>('buyer_page', { buyerId }),
  buyerSetProfile: (buyerId: number, notes: string, tags: string[]) =>
    call<null>('buyer_set_profile', { buyerId, notes, tags }),
  buyersMerge: (target: number, source: number, reasons: MergeReason[]) =>
    call<number>('buyers_merge', { target, source, reasons }),
  buyersUndoMerge: (mergeId: number) => call<null>('buyers_undo_merge', { mergeId }),
  orderCreate: (order: NewOrder, messageIds: number[]) => call<number>('order_create', { order, messageIds }),
  orderGet: (orderId: number) => call<OrderView>('order_get', { orderId }),
  orderUpdate: (orderId: number, update: OrderUpdate) => call<null>('order_update', { orderId, update }),
  orderSetStage: (orderId: number, stage: OrderStage) => call<null>('order_set_stage', { orderId, stage }),
  orderAssignMessages: (orderId: number | null, messageIds: number[]) =>
    call<null>('order_assign_messages', { orderId, messageIds }),
  threadMessages: (conversationId: number, filter: ThreadFilter) =>
    call<ThreadMessage[]>('thread_messages', { conversationId, filter }),
  todayView: () => call<TodayView>('today_view'),
};

// ---- cut-off notices and capacity (cut-off engineer, issue 5)

import type {
  CalendarSettings,
  CapacityDay,
  CapacityOverride,
  ClosedDate,
  CutoffBanner,
  DeadlineView,
  OrderPromise,
  ProductProfile,
  SeasonalDeadline,
} from './bindings';

export const cutoffCommands = {
  banner: () => call<CutoffBanner>('cutoff_banner'),
  settingsGet: () => call<CalendarSettings>('calendar_settings_get'),
  settingsSave: (settings: CalendarSettings) => call<null>('calendar_settings_save', { settings }),
  closedDates: (from: string, to: string) => call<ClosedDate[]>('closed_dates_list', { from, to }),
  closedDateSave: (closed: ClosedDate) => call<null>('closed_date_save', { closed }),
  closedDateDelete: (date: string) => call<null>('closed_date_delete', { date }),
  holidaysApply: (country: string, year: number) => call<number>('holidays_apply', { country, year }),
  deadlines: () => call<SeasonalDeadline[]>('seasonal_deadlines_list'),
  deadlineSave: (deadline: SeasonalDeadline) => call<number>('seasonal_deadline_save', { deadline }),
  deadlineDelete: (id: number) => call<null>('seasonal_deadline_delete', { id }),
  deadlinesUpcoming: () => call<DeadlineView[]>('deadlines_upcoming'),
  capacityCalendar: (from: string, to: string) => call<CapacityDay[]>('capacity_calendar', { from, to }),
  capacityOverrideSet: (date: string, pieces: number | null) =>
    call<null>('capacity_override_set', { date, pieces }),
  orderPromises: (conversationId: number) => call<OrderPromise[]>('order_promises', { conversationId }),
  products: () => call<ProductProfile[]>('products_list'),
  productSave: (product: ProductProfile) => call<number>('product_save', { product }),
  productDelete: (id: number) => call<null>('product_delete', { id }),
  capacityOverrides: () => call<CapacityOverride[]>('capacity_overrides_list'),
};

// ---- saved answers (issue 4)
import { open as pickAttachmentFile } from '@tauri-apps/plugin-dialog';

import type {
  AnswerChannel,
  AnswerFacts,
  AnswerFileFormat,
  AnswerHit,
  AnswerImportReport,
  AnswerInput,
  AnswerSuggestion,
  Language as AnswerLanguage,
  LintReport,
  RenderRequest,
  RenderedAnswer,
  SavedAnswer,
} from './bindings';

export const answersCommands = {
  list: () => call<SavedAnswer[]>('answers_list'),
  search: (query: string, limit = 50) => call<AnswerHit[]>('answers_search', { query, limit }),
  suggest: (message: string, limit = 3) => call<AnswerSuggestion[]>('answers_suggest', { message, limit }),
  save: (id: number | null, input: AnswerInput) => call<number>('answer_save', { id, input }),
  remove: (id: number) => call<null>('answer_delete', { id }),
  render: (id: number, request: RenderRequest) => call<RenderedAnswer>('answer_render', { id, request }),
  lint: (text: string, channel: AnswerChannel) => call<LintReport>('answers_lint', { text, channel }),
  copy: (id: number, text: string) => call<null>('answer_copy', { id, text }),
  used: (id: number, text: string) => call<null>('answer_used', { id, text }),
  installStarter: (language: AnswerLanguage) => call<number>('answers_install_starter', { language }),
  factsGet: () => call<AnswerFacts>('answer_facts_get'),
  factsSave: (facts: AnswerFacts) => call<null>('answer_facts_save', { facts }),
  exportTo: (format: AnswerFileFormat) => call<string>('answers_export', { format }),
  importText: (text: string, format: AnswerFileFormat) =>
    call<AnswerImportReport>('answers_import', { text, format }),
  /** The system's open-file dialog for an attachment (images and PDFs); `null` when cancelled. */
  pickAttachment: async (title: string, filterName: string): Promise<string | null> => {
    const chosen = await pickAttachmentFile({
      title,
      multiple: false,
      directory: false,
      filters: [{ name: filterName, extensions: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  },
  attach: (answerId: number, path: string) => call<number>('answer_attach', { answerId, path }),
  detach: (attachmentId: number) => call<null>('answer_detach', { attachmentId }),
  /** Replaces the clipboard's text with the image (a clipboard holds one item). */
  copyImage: (attachmentId: number) => call<null>('answer_copy_image', { attachmentId }),
  openQuickPicker: () => call<null>('quick_picker_open'),
  closeQuickPicker: () => call<null>('quick_picker_close'),
};

// ---- triage (inbox engineer, issue 3): statuses, snoozes, bulk actions, drafts, copied replies

import type {
  AccountOption,
  BulkAction,
  ConversationStatus,
  Draft,
  OlderMessages,
  SnoozeChoice,
  SnoozeOption,
  StatusCount,
} from './bindings';

export const triageCommands = {
  counts: (query: InboxQuery) => call<StatusCount[]>('inbox_counts', { query }),
  accounts: () => call<AccountOption[]>('inbox_accounts'),
  setStatus: (conversationId: number, status: ConversationStatus) =>
    call<null>('conversation_set_status', { conversationId, status }),
  snooze: (conversationId: number, choice: SnoozeChoice) =>
    call<null>('conversation_snooze', { conversationId, choice }),
  snoozeOptions: () => call<SnoozeOption[]>('snooze_options'),
  bulk: (conversationIds: number[], action: BulkAction) =>
    call<number>('conversations_bulk', { conversationIds, action }),
  draftSave: (conversationId: number, text: string) => call<null>('draft_save', { conversationId, text }),
  drafts: () => call<Draft[]>('drafts_list'),
  /** The conversations open as tabs, in order, for the next start. */
  tabsSave: (conversationIds: number[]) => call<null>('tabs_save', { conversationIds }),
  tabs: () => call<number[]>('tabs_list'),
  /** The shell puts `text` on the clipboard, then records it in the thread as the seller's reply. */
  copyReply: (conversationId: number, text: string) => call<number>('reply_record_copied', { conversationId, text }),
  olderMessages: (conversationId: number, beforeMessageId: number, limit: number) =>
    call<OlderMessages>('conversation_older_messages', { conversationId, beforeMessageId, limit }),
};

// ---- WhatsApp exports and manual capture (WhatsApp engineer, issue 6)

import { open as openFileDialog } from '@tauri-apps/plugin-dialog';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  AccountOption as CaptureSource,
  BuyerOption,
  CaptureDraft,
  CaptureInput,
  CaptureSaved,
  QuickMessage,
  SplitOptions,
  WhatsAppImportOptions,
  WhatsAppImportReport,
  WhatsAppPreview,
} from './bindings';

export const whatsappCommands = {
  /** The core reads the file at `path` (from the picker or a drop) and says what importing would do. */
  preview: (path: string, options: WhatsAppImportOptions) =>
    call<WhatsAppPreview>('whatsapp_preview', { path, options }),
  importChat: (path: string, options: WhatsAppImportOptions) =>
    call<WhatsAppImportReport>('whatsapp_import', { path, options }),
  /** The system's open-file dialog, filtered to exports; `null` when the seller cancels. */
  pickExport: async (title: string, filterName: string): Promise<string | null> => {
    const chosen = await openFileDialog({
      title,
      multiple: false,
      directory: false,
      filters: [{ name: filterName, extensions: ['txt', 'zip'] }],
    });
    return typeof chosen === 'string' ? chosen : null;
  },
  /** The shell opens https://wa.me/<digits> in the browser: the webview passes only the number. */
  openChat: (e164: string) => call<null>('whatsapp_open_chat', { number: e164.replace(/\D/g, '') }),
};

export type FileDrag = { kind: 'over' } | { kind: 'leave' } | { kind: 'drop'; paths: string[] };

/** Files dragged over and dropped on the window; returns the unsubscribe function (a no-op outside Tauri). */
export async function onFileDrag(handler: (drag: FileDrag) => void): Promise<() => void> {
  try {
    const stop = await getCurrentWebview().onDragDropEvent((event) => {
      const payload = event.payload;
      if (payload.type === 'drop') handler({ kind: 'drop', paths: payload.paths });
      else if (payload.type === 'leave') handler({ kind: 'leave' });
      else handler({ kind: 'over' });
    });
    return () => void Promise.resolve().then(stop).catch(() => undefined);
  } catch {
    return () => {};
  }
}

export const captureCommands = {
  split: (text: string, options: SplitOptions) => call<CaptureDraft>('capture_split', { text, options }),
  save: (input: CaptureInput) => call<CaptureSaved>('capture_save', { input }),
  addMessage: (message: QuickMessage) => call<number>('capture_add_message', { message }),
  buyers: (query: string) => call<BuyerOption[]>('capture_buyers', { query }),
  sources: () => call<CaptureSource[]>('capture_sources'),
};

// ---- live channels: accounts, sending, demo store (app engineer, issue 7)

import type {
  AccountsOverview,
  MlAuthorize,
  MlFinish,
  MlStart,
  OutboxItem,
} from './bindings';

export const accountCommands = {
  /** The accounts with their sync state, where secrets are kept and whether the demo store runs. */
  list: () => call<AccountsOverview>('accounts_list'),
  /** The shell builds the authorisation address and opens it in the browser (ML hosts only). */
  mlStart: (request: MlStart) => call<MlAuthorize>('account_connect_ml_start', { request }),
  mlFinish: (request: MlFinish) => call<number>('account_connect_ml_finish', { request }),
  telegram: (token: string) => call<number>('account_connect_telegram', { token }),
  setDisabled: (accountId: number, disabled: boolean) =>
    call<null>('account_set_disabled', { accountId, disabled }),
  syncNow: (accountId: number) => call<null>('account_sync_now', { accountId }),
  /** The seller agreed to keep secrets in an encrypted file (no system keychain here). */
  allowFileFallback: () => call<AccountsOverview>('secrets_allow_file_fallback'),
  /** Starts the demo store: a simulated Mercado Libre and Telegram with live buyers. */
  demoStart: () => call<null>('demo_start'),
};

export const sendingCommands = {
  send: (conversationId: number, text: string) => call<OutboxItem>('reply_send', { conversationId, text }),
  /** `accountId` says whose sync to wake, so the retry goes now. */
  retry: (outboxId: number, accountId: number) => call<null>('outbox_retry', { outboxId, accountId }),
  cancel: (outboxId: number) => call<null>('outbox_cancel', { outboxId }),
  forConversation: (conversationId: number) => call<OutboxItem[]>('outbox_list', { conversationId }),
};

/** Calls `handler` when an account's sync state changes (the shell emits `accounts-changed`). */
export async function onAccountsChanged(handler: () => void): Promise<() => void> {
  try {
    const stop = await listen('accounts-changed', () => handler());
    return () => void Promise.resolve().then(stop).catch(() => undefined);
  } catch {
    return () => {};
  }
}

// ---- GAPS: the quick picker's global shortcut (issue 4), "not the same person" (issue 3)

import type { QuickPickerShortcut } from './bindings';

export const quickShortcutCommands = {
  /** The shortcut in effect and whether the system granted it. */
  get: () => call<QuickPickerShortcut>('quick_picker_shortcut_get'),
  /** Registers the new keys (`null`: the default) before saving them; refused keys change nothing. */
  set: (shortcut: string | null) =>
    call<QuickPickerShortcut>('quick_picker_shortcut_set', { shortcut }),
};

export const buyerDismissalCommands = {
  /** "Not the same person": the pair is no longer suggested for a merge (order does not matter). */
  dismiss: (buyer: number, other: number) => call<null>('buyers_dismiss_suggestion', { buyer, other }),
  undo: (buyer: number, other: number) => call<null>('buyers_undo_dismissal', { buyer, other }),
};

// ---- daily backups (Settings)

import type { BackupFile, BackupsOverview } from './bindings';

export const backupCommands = {
  /** The folder of the daily copies, the copies newest first, and how many are kept. */
  list: () => call<BackupsOverview>('backups_list'),
  /** A copy now (the same minute's copy is reused). */
  now: () => call<BackupFile>('backup_now'),
};

// ---- metrics

import type { Metrics } from './bindings';

export const metricsCommands = {
  /** The last four months in the shop's time zone, computed now. */
  get: () => call<Metrics>('metrics_get'),
};
