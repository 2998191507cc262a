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
