// The open conversation's order threads: which messages are shown (all, one order's, unsorted),
// which are selected, and the seller's actions on them (create an order, move them).

import type { IpcError, NewOrder, ThreadFilter, ThreadMessage } from '$lib/ipc/bindings';
import { orderAssignMessages, orderCreate, threadMessages } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import { conversation } from './conversation.svelte';

class OrderThreadState {
  /** The conversation this state belongs to; a different one resets it. */
  conversationId = $state<number | null>(null);
  filter = $state<ThreadFilter>({ kind: 'all' });
  /** Messages for a filter other than "all" (the conversation view has the rest). */
  messages = $state.raw<ThreadMessage[]>([]);
  selected = $state<number[]>([]);
  selecting = $state(false);
  busy = $state(false);
  error = $state<IpcError | null>(null);
  /** An order just created here: its card opens in edit mode. */
  editingOrderId = $state<number | null>(null);

  private generation = 0;
  private lastClicked: number | null = null;

  /** Called whenever the open conversation changes. */
  follow(conversationId: number | null): void {
    if (conversationId === this.conversationId) return;
    this.conversationId = conversationId;
    this.filter = { kind: 'all' };
    this.messages = [];
    this.selected = [];
    this.selecting = false;
    this.error = null;
    this.lastClicked = null;
  }

  async setFilter(filter: ThreadFilter): Promise<void> {
    this.filter = filter;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const id = this.conversationId;
    if (id === null || this.filter.kind === 'all') {
      this.messages = [];
      return;
    }
    const generation = ++this.generation;
    try {
      const messages = await threadMessages(id, this.filter);
      if (generation === this.generation) this.messages = messages;
    } catch (error) {
      if (generation !== this.generation) return;
      // The order may be gone (undo of a merge): fall back to every message.
      this.filter = { kind: 'all' };
      this.messages = [];
      this.error = toIpcError(error);
    }
  }

  toggleSelecting(): void {
    this.selecting = !this.selecting;
    if (!this.selecting) this.selected = [];
  }

  /** A click on a message's checkbox; with shift, selects the range from the last click. */
  toggle(messageId: number, shift: boolean, order: number[]): void {
    if (shift && this.lastClicked !== null) {
      const from = order.indexOf(this.lastClicked);
      const to = order.indexOf(messageId);
      if (from >= 0 && to >= 0) {
        const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
        this.selected = [...new Set([...this.selected, ...range])];
        this.lastClicked = messageId;
        return;
      }
    }
    this.selected = this.selected.includes(messageId)
      ? this.selected.filter((id) => id !== messageId)
      : [...this.selected, messageId];
    this.lastClicked = messageId;
  }

  /** A new order for this conversation's buyer holding the selected messages (none: from scratch). */
  async createOrder(buyerId: number, currency: string): Promise<void> {
    const order: NewOrder = {
      buyer_id: buyerId,
      conversation_id: this.conversationId,
      stage: 'inquiry',
      currency,
      items: [],
      due_date: null,
      delivery: null,
      payment_status: 'unpaid',
      notes: '',
      messages: [],
    };
    await this.run(async () => {
      this.editingOrderId = await orderCreate(order, this.selected);
    });
  }

  async moveTo(orderId: number | null): Promise<void> {
    await this.run(() => orderAssignMessages(orderId, this.selected));
  }

  private async run(work: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      this.selected = [];
      this.selecting = false;
      await Promise.all([conversation.refresh(), this.refresh()]);
    } catch (error) {
      this.error = toIpcError(error);
    } finally {
      this.busy = false;
    }
  }
}

export const orderThread = new OrderThreadState();
