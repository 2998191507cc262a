// Sending a reply through a connected channel: the confirmation for public, permanent answers
// (Mercado Libre questions), the outbox items of the open conversation, retry and cancel.

import type { IpcError, OutboxItem, SendCapability } from '$lib/ipc/bindings';
import { outboxCancel, outboxList, outboxRetry, replySend } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import { conversation } from './conversation.svelte';
import { inbox } from './inbox.svelte';
import { triage } from './triage.svelte';

/** Characters as the channels count them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length;
}

export type SendBlock = 'empty' | 'too_long' | 'blocked' | 'window_closed' | null;

/** Why Send cannot go now, judged in the UI only to explain; the core refuses the same cases. */
export function sendBlock(send: SendCapability, text: string, now: number): SendBlock {
  if (send.blocked_reason !== null) return 'blocked';
  if (send.reply_until !== null && now > send.reply_until) return 'window_closed';
  if (text.trim() === '') return 'empty';
  if (send.max_chars !== null && charCount(text.trim()) > send.max_chars) return 'too_long';
  return null;
}

class SendingState {
  /** The reply waiting for the seller's "yes, publish it". */
  confirming = $state<{ conversationId: number; text: string } | null>(null);
  busy = $state(false);
  error = $state<IpcError | null>(null);
  /** The open conversation's outbox, to offer Retry and Cancel on its messages. */
  outbox = $state.raw<OutboxItem[]>([]);
  private outboxOf: number | null = null;

  /** Send pressed (or Ctrl+Enter): public answers ask first, everything else goes. */
  async request(conversationId: number, send: SendCapability, text: string): Promise<boolean> {
    const trimmed = text.trim();
    if (trimmed === '' || this.busy) return false;
    if (send.public_and_permanent) {
      this.confirming = { conversationId, text: trimmed };
      return false;
    }
    return this.send(conversationId, trimmed);
  }

  async confirm(): Promise<boolean> {
    const pending = this.confirming;
    if (!pending) return false;
    const sent = await this.send(pending.conversationId, pending.text);
    if (sent) this.confirming = null;
    return sent;
  }

  cancelConfirm(): void {
    this.confirming = null;
  }

  async retry(item: OutboxItem): Promise<void> {
    await this.act(() => outboxRetry(item.id, item.account_id));
  }

  /** Cancels a reply that did not go: its text comes back to the reply box (the core keeps it as the draft). */
  async cancel(outboxId: number): Promise<void> {
    const item = this.outbox.find((i) => i.id === outboxId);
    const cancelled = await this.act(() => outboxCancel(outboxId));
    if (cancelled && item && triage.draft(item.conversation_id).trim() === '') {
      triage.type(item.conversation_id, item.text);
    }
  }

  /** The outbox item behind a message, when it has one. */
  itemFor(messageId: number): OutboxItem | undefined {
    return this.outbox.find((item) => item.message_id === messageId);
  }

  /** Follows the open conversation (and every store change) to keep its outbox current. */
  async load(conversationId: number | null): Promise<void> {
    // A failed send belongs to the conversation it was for.
    if (conversationId !== this.outboxOf) this.error = null;
    this.outboxOf = conversationId;
    if (conversationId === null) {
      this.outbox = [];
      return;
    }
    try {
      const items = await outboxList(conversationId);
      if (this.outboxOf === conversationId) this.outbox = items ?? [];
    } catch {
      // The thread still shows each message's state; only Retry/Cancel would be missing.
      if (this.outboxOf === conversationId) this.outbox = [];
    }
  }

  reset(): void {
    this.confirming = null;
    this.busy = false;
    this.error = null;
    this.outbox = [];
    this.outboxOf = null;
  }

  private async send(conversationId: number, text: string): Promise<boolean> {
    return this.act(async () => {
      await replySend(conversationId, text);
      // Queued durably by the core: the reply box is free again.
      triage.type(conversationId, '');
      await triage.flush(conversationId);
    });
  }

  private async act(write: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await write();
      await Promise.all([inbox.refresh(false), conversation.refresh(), this.load(this.outboxOf)]);
      return true;
    } catch (error) {
      this.error = toIpcError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

export const sending = new SendingState();
