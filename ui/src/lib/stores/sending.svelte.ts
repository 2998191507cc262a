// Sending a reply through a connected channel: the confirmation for public, permanent answers
// (Mercado Libre questions), where the post-sale check applies, a comment's public or private
// reply, the channels' limits in characters or bytes, opening a conversation in Meta's app, the
// outbox items of the open conversation, retry and cancel, and the saved answers' files that go
// with a mail reply.

import type {
  AnswerAttachment,
  ChannelKind,
  ConversationKind,
  IpcError,
  OutboxItem,
  ReplyRoute,
  SendCapability,
} from '$lib/ipc/bindings';
import {
  conversationOpenInApp,
  outboxCancel,
  outboxList,
  outboxRetry,
  replySend,
  replySendPrivate,
} from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import { conversation } from './conversation.svelte';
import { inbox } from './inbox.svelte';
import { triage } from './triage.svelte';

/** Characters as the channels count them (code points, not UTF-16 units). */
export function charCount(text: string): number {
  return [...text].length;
}

const utf8 = new TextEncoder();

/** Bytes of UTF-8, as Meta counts a message: "ñ" is 2, most emoji 4 (some more). */
export function byteCount(text: string): number {
  return utf8.encode(text).length;
}

/** The one private reply to a comment is a direct message: Meta's byte limit for one. */
export const PRIVATE_REPLY_MAX_BYTES = 1000;

export type ReplyLimit = { unit: 'chars' | 'bytes'; max: number };

/** What a reply by `route` may measure, in the unit its channel counts. */
export function replyLimit(send: SendCapability, route: ReplyRoute = 'thread'): ReplyLimit | null {
  if (route === 'private_reply') return { unit: 'bytes', max: PRIVATE_REPLY_MAX_BYTES };
  if (send.max_bytes !== null) return { unit: 'bytes', max: send.max_bytes };
  if (send.max_chars !== null) return { unit: 'chars', max: send.max_chars };
  return null;
}

export function measure(text: string, unit: ReplyLimit['unit']): number {
  return unit === 'bytes' ? byteCount(text) : charCount(text);
}

/** The route a reply takes: private only while the comment still takes its one private reply. */
export function effectiveRoute(send: SendCapability, chosen: ReplyRoute): ReplyRoute {
  return chosen === 'private_reply' && send.private_reply_until !== null ? 'private_reply' : 'thread';
}

/** Mercado Libre's guide to post-sale messages applies: what the seller writes after a sale there. */
export function checksPostSale(channel: ChannelKind, kind: ConversationKind): boolean {
  return channel === 'mercado_libre' && kind === 'post_sale';
}

/** The reply window has closed (24 h after the buyer's last message on Meta and Telegram Business). */
export function windowClosed(send: SendCapability, now: number): boolean {
  return send.reply_until !== null && now > send.reply_until;
}

export type SendBlock = 'empty' | 'too_long' | 'blocked' | 'window_closed' | 'private_closed' | null;

/** Why Send cannot go now, judged in the UI only to explain; the core refuses the same cases. */
export function sendBlock(send: SendCapability, text: string, now: number, route: ReplyRoute = 'thread'): SendBlock {
  if (send.blocked_reason !== null) return 'blocked';
  if (route === 'private_reply') {
    if (send.private_reply_until === null || now > send.private_reply_until) return 'private_closed';
  } else if (windowClosed(send, now)) {
    return 'window_closed';
  }
  if (text.trim() === '') return 'empty';
  const limit = replyLimit(send, route);
  if (limit !== null && measure(text.trim(), limit.unit) > limit.max) return 'too_long';
  return null;
}

class SendingState {
  /** The reply waiting for the seller's "yes, publish it". */
  confirming = $state<{ conversationId: number; text: string } | null>(null);
  busy = $state(false);
  error = $state<IpcError | null>(null);
  /** The open conversation's outbox, to offer Retry and Cancel on its messages. */
  outbox = $state.raw<OutboxItem[]>([]);
  /** How the open conversation's reply goes: a comment's public reply (`thread`) or its private one. */
  route = $state<ReplyRoute>('thread');
  private outboxOf: number | null = null;

  /** Send pressed (or Ctrl+Enter): public answers ask first, everything else goes. */
  async request(
    conversationId: number,
    send: SendCapability,
    text: string,
    route: ReplyRoute = 'thread',
  ): Promise<boolean> {
    const trimmed = text.trim();
    if (trimmed === '' || this.busy) return false;
    if (route === 'private_reply') return this.sendPrivate(conversationId, trimmed);
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

  /** Opens the conversation (or a comment's post) in Instagram or Messenger, in the browser. */
  async openInApp(conversationId: number): Promise<boolean> {
    this.error = null;
    try {
      await conversationOpenInApp(conversationId);
      return true;
    } catch (error) {
      this.error = toIpcError(error);
      return false;
    }
  }

  /** A private reply to this comment is queued, on its way or sent: only one is allowed. */
  get privateReplyTaken(): boolean {
    return this.outbox.some((item) => item.route === 'private_reply' && item.state !== 'cancelled');
  }

  /** The outbox item behind a message, when it has one. */
  itemFor(messageId: number): OutboxItem | undefined {
    return this.outbox.find((item) => item.message_id === messageId);
  }

  /** Follows the open conversation (and every store change) to keep its outbox current. */
  async load(conversationId: number | null): Promise<void> {
    // A failed send, and the public or private choice, belong to the conversation they were for.
    if (conversationId !== this.outboxOf) {
      this.error = null;
      this.route = 'thread';
    }
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
    this.route = 'thread';
    this.outboxOf = null;
  }

  private async sendPrivate(conversationId: number, text: string): Promise<boolean> {
    return this.act(async () => {
      await replySendPrivate(conversationId, text);
      triage.type(conversationId, '');
      await triage.flush(conversationId);
      // The comment took its one private reply: the next one is public.
      this.route = 'thread';
    });
  }

  private async send(conversationId: number, text: string): Promise<boolean> {
    return this.act(async () => {
      await replySend(
        conversationId,
        text,
        this.filesOf(conversationId).map((file) => file.id),
      );
      // Queued durably by the core: the reply box is free again.
      triage.type(conversationId, '');
      this.clearFiles(conversationId);
      await triage.flush(conversationId);
    });
  }

  /** Saved answers' files that go with the next mail reply of each conversation. */
  files = $state.raw<Record<number, AnswerAttachment[]>>({});

  filesOf(conversationId: number): AnswerAttachment[] {
    return this.files[conversationId] ?? [];
  }

  /** Adds an inserted answer's files (each once). */
  addFiles(conversationId: number, files: AnswerAttachment[]): void {
    const current = this.filesOf(conversationId);
    const added = files.filter((file) => !current.some((kept) => kept.id === file.id));
    if (added.length > 0) this.files = { ...this.files, [conversationId]: [...current, ...added] };
  }

  removeFile(conversationId: number, attachmentId: number): void {
    this.files = {
      ...this.files,
      [conversationId]: this.filesOf(conversationId).filter((file) => file.id !== attachmentId),
    };
  }

  clearFiles(conversationId: number): void {
    if (!(conversationId in this.files)) return;
    const { [conversationId]: _, ...rest } = this.files;
    this.files = rest;
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
