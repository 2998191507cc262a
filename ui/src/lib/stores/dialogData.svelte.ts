// A dialog that shows one thing the core computes (today's orders, the metrics): whether it is
// open, the last answer, the last error, and a refetch while it stays open.

import type { IpcError } from '$lib/ipc/bindings';
import { toIpcError } from '$lib/ipc/shell';

export class DialogData<T> {
  open = $state(false);
  view = $state.raw<T | null>(null);
  error = $state<IpcError | null>(null);

  constructor(private readonly load: () => Promise<T>) {}

  async show(): Promise<void> {
    this.open = true;
    await this.refresh();
  }

  hide(): void {
    this.open = false;
  }

  async refresh(): Promise<void> {
    if (!this.open) return;
    try {
      this.view = await this.load();
      this.error = null;
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  reset(): void {
    this.open = false;
    this.view = null;
    this.error = null;
  }
}
