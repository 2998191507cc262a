// The hand-written side of the door to the Tauri shell: the one `call()` every generated command
// goes through, the shell's events, the window's label and title, the file pickers. The only module
// of the app that imports from @tauri-apps/api (the fake shells of tests and previews aside).

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { open as openFileDialog } from '@tauri-apps/plugin-dialog';
import { ERROR_CODES, type ErrorCode, type IpcError } from './bindings';

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

/** Invokes a shell command; a failure rejects with an `IpcError`. Used by the generated commands.ts. */
export async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** Listens to one of the shell's events; a no-op outside Tauri (tests, a plain browser). */
async function onShellEvent(event: string, handler: () => void): Promise<() => void> {
  try {
    const stop = await listen(event, () => handler());
    // Unlistening is best-effort: the window may already be going away.
    return () => void Promise.resolve().then(stop).catch(() => undefined);
  } catch {
    return () => {};
  }
}

/** Calls `handler` after any write to the store (the shell emits `store-changed`); returns the unsubscribe function. */
export function onStoreChanged(handler: () => void): Promise<() => void> {
  return onShellEvent('store-changed', handler);
}

/** Calls `handler` when an account's sync state changes (the shell emits `accounts-changed`). */
export function onAccountsChanged(handler: () => void): Promise<() => void> {
  return onShellEvent('accounts-changed', handler);
}

/** Which window this page runs in (`main`, `quick-picker`); `null` in a plain browser preview. */
export function windowLabel(): string | null {
  try {
    return getCurrentWindow().label;
  } catch {
    return null;
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

/** The system's open-file dialog for one file with these extensions; `null` when the seller cancels. */
async function pickFile(title: string, filterName: string, extensions: string[]): Promise<string | null> {
  const chosen = await openFileDialog({
    title,
    multiple: false,
    directory: false,
    filters: [{ name: filterName, extensions }],
  });
  return typeof chosen === 'string' ? chosen : null;
}

/** Picks a WhatsApp chat export (`.txt` or `.zip`); the core reads the file at the returned path. */
export function pickWhatsAppExport(title: string, filterName: string): Promise<string | null> {
  return pickFile(title, filterName, ['txt', 'zip']);
}

/** Picks an attachment for a saved answer (images and PDFs). */
export function pickAnswerAttachment(title: string, filterName: string): Promise<string | null> {
  return pickFile(title, filterName, ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf']);
}
