// The buyer page (a dialog over the inbox): one buyer across channels, their orders, notes, tags,
// merge suggestions and undo.

import type { BuyerPage, IpcError, MergeSuggestion } from '$lib/ipc/bindings';
import {
  buyerPage as loadBuyerPage,
  buyerSetProfile,
  buyersDismissSuggestion,
  buyersMerge,
  buyersUndoDismissal,
  buyersUndoMerge,
} from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import { conversation } from './conversation.svelte';

class BuyerPageState {
  buyerId = $state<number | null>(null);
  page = $state.raw<BuyerPage | null>(null);
  error = $state<IpcError | null>(null);
  busy = $state(false);

  private generation = 0;

  async open(buyerId: number): Promise<void> {
    this.buyerId = buyerId;
    this.page = null;
    await this.refresh();
  }

  close(): void {
    this.generation++;
    this.buyerId = null;
    this.page = null;
    this.error = null;
  }

  async refresh(): Promise<void> {
    const id = this.buyerId;
    if (id === null) return;
    const generation = ++this.generation;
    try {
      const page = await loadBuyerPage(id);
      if (generation !== this.generation) return;
      this.page = page;
      // A merged-away buyer opens as the one it was merged into.
      this.buyerId = page.buyer.id;
      this.error = null;
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    }
  }

  async merge(suggestion: MergeSuggestion): Promise<void> {
    const target = this.buyerId;
    if (target === null) return;
    await this.run(() => buyersMerge(target, suggestion.buyer_id, suggestion.reasons));
  }

  async undo(mergeId: number): Promise<void> {
    await this.run(() => buyersUndoMerge(mergeId));
  }

  /** "Not the same person": this suggestion goes away for good (undo brings it back). */
  async dismiss(suggestion: MergeSuggestion): Promise<void> {
    const buyer = this.buyerId;
    if (buyer === null) return;
    await this.run(() => buyersDismissSuggestion(buyer, suggestion.buyer_id));
  }

  async undoDismiss(other: number): Promise<void> {
    const buyer = this.buyerId;
    if (buyer === null) return;
    await this.run(() => buyersUndoDismissal(buyer, other));
  }

  async saveProfile(notes: string, tags: string[]): Promise<void> {
    const id = this.buyerId;
    if (id === null) return;
    await this.run(() => buyerSetProfile(id, notes, tags));
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      await Promise.all([this.refresh(), conversation.refresh()]);
    } catch (error) {
      this.error = toIpcError(error);
    } finally {
      this.busy = false;
    }
  }
}

export const buyerPage = new BuyerPageState();
