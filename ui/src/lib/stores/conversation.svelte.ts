// The open conversation: fetched from the core, then marked read.

import type { ConversationView, IpcError, MessageView } from '$lib/ipc/bindings';
import { conversationGet, conversationMarkRead, conversationOlderMessages } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import { inbox } from './inbox.svelte';

class ConversationState {
  openId = $state<number | null>(null);
  view = $state.raw<ConversationView | null>(null);
  loading = $state(false);
  error = $state<IpcError | null>(null);
  /** Messages older than the view's, fetched with "Load older messages", oldest first. */
  older = $state.raw<MessageView[]>([]);
  /** Still older messages exist before `older` (or before the view's, when `older` is empty). */
  olderMore = $state(false);
  loadingOlder = $state(false);

  private generation = 0;

  /** Everything fetched so far, oldest first. */
  get messages(): MessageView[] {
    const view = this.view;
    if (!view) return [];
    if (this.older.length === 0) return view.messages;
    // A refetch may overlap what was paged in: keep each message once.
    const first = view.messages[0]?.id ?? Infinity;
    return [...this.older.filter((m) => m.id < first), ...view.messages];
  }

  get hasOlder(): boolean {
    return this.older.length === 0 ? (this.view?.has_older_messages ?? false) : this.olderMore;
  }

  async loadOlder(limit = 200): Promise<void> {
    const id = this.openId;
    const oldest = this.messages[0];
    if (id === null || !oldest || this.loadingOlder) return;
    this.loadingOlder = true;
    try {
      const page = await conversationOlderMessages(id, oldest.id, limit);
      if (this.openId !== id) return;
      this.older = [...page.messages, ...this.older];
      this.olderMore = page.has_more;
    } catch (error) {
      this.error = toIpcError(error);
    } finally {
      this.loadingOlder = false;
    }
  }

  async open(conversationId: number): Promise<void> {
    if (this.openId !== conversationId) {
      this.view = null;
      this.older = [];
      this.olderMore = false;
    }
    this.openId = conversationId;
    await this.fetch();
  }

  /** Fetches the open conversation again (after a write), without blanking the screen. */
  async refresh(): Promise<void> {
    if (this.openId !== null) await this.fetch();
  }

  async retry(): Promise<void> {
    await this.refresh();
  }

  close(): void {
    this.generation++;
    this.openId = null;
    this.view = null;
    this.error = null;
    this.loading = false;
    this.older = [];
    this.olderMore = false;
  }

  private async fetch(): Promise<void> {
    const id = this.openId;
    if (id === null) return;
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const view = await conversationGet(id);
      if (generation !== this.generation) return;
      this.view = view;
      if (view.summary.unread > 0) {
        inbox.markReadLocally(id);
        // Being read is a convenience: failing to record it must not hide the conversation.
        await conversationMarkRead(id).catch(() => undefined);
      }
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }
}

export const conversation = new ConversationState();
