// The open conversation: fetched from the core, then marked read.

import type { ConversationView, IpcError } from '$lib/ipc/bindings';
import { commands, toIpcError } from '$lib/ipc/commands';
import { inbox } from './inbox.svelte';

class ConversationState {
  openId = $state<number | null>(null);
  view = $state.raw<ConversationView | null>(null);
  loading = $state(false);
  error = $state<IpcError | null>(null);

  private generation = 0;

  async open(conversationId: number): Promise<void> {
    if (this.openId !== conversationId) this.view = null;
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
  }

  private async fetch(): Promise<void> {
    const id = this.openId;
    if (id === null) return;
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const view = await commands.conversationGet(id);
      if (generation !== this.generation) return;
      this.view = view;
      if (view.summary.unread > 0) {
        inbox.markReadLocally(id);
        // Being read is a convenience: failing to record it must not hide the conversation.
        await commands.conversationMarkRead(id).catch(() => undefined);
      }
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }
}

export const conversation = new ConversationState();
