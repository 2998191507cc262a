// The cut-off banner, the workshop-calendar dialog and the promised dates of the open
// conversation's orders. Dates and feasibility come from the core; this only fetches and keeps them.

import type { CutoffBanner, IpcError, OrderPromise } from '$lib/ipc/bindings';
import { cutoffBanner, orderPromises } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

class Cutoff {
  banner = $state<CutoffBanner | null>(null);
  bannerError = $state<IpcError | null>(null);
  dialogOpen = $state(false);
  /** Promises of one conversation's orders, by order id. */
  promises = $state<Record<number, OrderPromise>>({});
  private promisesFor: number | null = null;
  private promisesAsked = 0;

  async refreshBanner(): Promise<void> {
    try {
      this.banner = await cutoffBanner();
      this.bannerError = null;
    } catch (error) {
      this.bannerError = toIpcError(error);
    }
  }

  /** Loads the promises of a conversation's orders; a newer request wins over an older one. */
  async loadPromises(conversationId: number, force = false): Promise<void> {
    if (!force && this.promisesFor === conversationId) return;
    this.promisesFor = conversationId;
    const asked = ++this.promisesAsked;
    try {
      const list = await orderPromises(conversationId);
      if (asked !== this.promisesAsked) return;
      this.promises = Object.fromEntries(list.map((p) => [p.order_id, p]));
    } catch {
      // The card shows nothing rather than a wrong date.
      if (asked === this.promisesAsked) this.promises = {};
    }
  }

  /** After a change in the store: ask again for what is on screen. */
  async refresh(): Promise<void> {
    await this.refreshBanner();
    if (this.promisesFor !== null) await this.loadPromises(this.promisesFor, true);
  }

  openDialog(): void {
    this.dialogOpen = true;
  }

  closeDialog(): void {
    this.dialogOpen = false;
  }
}

export const cutoff = new Cutoff();
