// The quick picker's system-wide shortcut in the Settings screen: what is in effect,
// whether the system granted it, and changing it. The shell registers new keys before saving them.

import type { IpcError, QuickPickerShortcut } from '$lib/ipc/bindings';
import { quickPickerShortcutGet, quickPickerShortcutSet } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

class QuickShortcutState {
  status = $state.raw<QuickPickerShortcut | null>(null);
  error = $state<IpcError | null>(null);
  /** The last change went through (shown until the next one). */
  saved = $state(false);
  busy = $state(false);

  async load(): Promise<void> {
    try {
      this.status = await quickPickerShortcutGet();
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  /** `null` goes back to the default. On a refusal the previous shortcut stays and `error` says why. */
  async set(accelerator: string | null): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      this.status = await quickPickerShortcutSet(accelerator);
      this.saved = true;
      return true;
    } catch (error) {
      this.error = toIpcError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    this.status = null;
    this.error = null;
    this.saved = false;
    this.busy = false;
  }
}

export const quickShortcut = new QuickShortcutState();
