// Triage: the open tabs and their drafts, the snooze menu and the shortcuts sheet, and the actions
// e / s / p / Copy that change conversations. The core decides; this only asks and refetches.

import type { ChannelKind, ConversationStatus, IpcError, SnoozeChoice, SnoozeOption } from '$lib/ipc/bindings';
import {
  conversationGet,
  conversationSetStatus,
  conversationSnooze,
  conversationsBulk,
  draftSave,
  draftsList,
  replyRecordCopied,
  snoozeOptions,
  tabsList,
  tabsSave,
} from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';
import { conversation } from './conversation.svelte';
import { inbox } from './inbox.svelte';

/** Typing pauses this long before the draft is written to the store. */
export const DRAFT_SAVE_MS = 400;
/** Tabs brought back after a restart (the conversations with the newest drafts). */
export const RESTORED_TABS = 6;
export const OLDER_PAGE = 200;

export type Tab = { id: number; name: string; channel: ChannelKind | null };

class TriageState {
  tabs = $state<Tab[]>([]);
  /** The composer's text per conversation, as typed (saved a moment later). */
  drafts = $state<Record<number, string>>({});
  snoozeOpen = $state(false);
  snoozeOptions = $state.raw<SnoozeOption[]>([]);
  shortcutsOpen = $state(false);
  /** The composer of this conversation takes the keyboard when it appears (Enter on a row). */
  focusComposerOf = $state<number | null>(null);
  busy = $state(false);
  error = $state<IpcError | null>(null);

  /** Conversations the open snooze menu applies to. */
  private snoozeTargets: number[] = [];
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  private restored = false;

  /** Reopens the tabs open at the last exit, then conversations that kept a draft, newest first. */
  async restore(): Promise<void> {
    const [saved, drafts] = await Promise.all([
      tabsList().catch(() => null),
      draftsList().catch(() => null),
    ]);
    const next: Record<number, string> = {};
    for (const draft of drafts ?? []) next[draft.conversation_id] = draft.text;
    this.drafts = { ...next, ...this.drafts };
    const ids = [...(saved ?? []), ...(drafts ?? []).slice(0, RESTORED_TABS).map((d) => d.conversation_id)];
    const restored = ids.filter((id, index) => ids.indexOf(id) === index);
    const views = await Promise.all(restored.map((id) => conversationGet(id).catch(() => null)));
    for (const view of views) {
      if (view && !this.tabs.some((tab) => tab.id === view.summary.conversation_id)) {
        this.tabs = [
          ...this.tabs,
          { id: view.summary.conversation_id, name: view.summary.buyer_name, channel: view.summary.channel },
        ];
      }
    }
    this.restored = true;
    // Tabs opened while this ran are kept with the restored ones.
    if (saved !== null) this.saveTabs();
  }

  /** Remembers the open tabs for the next start (not before the saved ones are back). */
  private saveTabs(): void {
    if (!this.restored) return;
    tabsSave(this.tabs.map((tab) => tab.id)).catch(() => {
      // Losing the tab list costs a click after a restart; the inbox itself still works.
    });
  }

  /** Opens a conversation in its tab (a new one at the end when it has none). */
  open(id: number, name = '', channel: ChannelKind | null = null): void {
    const existing = this.tabs.find((tab) => tab.id === id);
    if (!existing) {
      this.tabs = [...this.tabs, { id, name, channel }];
      this.saveTabs();
    }
    else if (name && existing.name !== name) this.rename(id, name, channel);
    if (conversation.openId !== null && conversation.openId !== id) this.flush(conversation.openId);
    void conversation.open(id);
  }

  /** Tabs opened before their conversation loaded get its buyer's name when it arrives. */
  rename(id: number, name: string, channel: ChannelKind | null): void {
    this.tabs = this.tabs.map((tab) => (tab.id === id ? { ...tab, name, channel } : tab));
  }

  close(id: number): void {
    this.flush(id);
    const index = this.tabs.findIndex((tab) => tab.id === id);
    if (index < 0) return;
    this.tabs = this.tabs.filter((tab) => tab.id !== id);
    this.saveTabs();
    if (conversation.openId !== id) return;
    const next = this.tabs[Math.min(index, this.tabs.length - 1)];
    if (next) void conversation.open(next.id);
    else conversation.close();
  }

  /** Ctrl+PageDown / Ctrl+PageUp. */
  cycle(delta: number): void {
    if (this.tabs.length === 0) return;
    const index = this.tabs.findIndex((tab) => tab.id === conversation.openId);
    const next = this.tabs[(index + delta + this.tabs.length) % this.tabs.length];
    if (!next) return;
    // From the keyboard, a tab opens ready to type.
    this.focusComposerOf = next.id;
    this.open(next.id);
  }

  draft(id: number): string {
    return this.drafts[id] ?? '';
  }

  /** Keeps what was typed and writes it once typing pauses. */
  type(id: number, text: string): void {
    this.drafts[id] = text;
    const pending = this.timers.get(id);
    if (pending) clearTimeout(pending);
    this.timers.set(
      id,
      setTimeout(() => void this.flush(id), DRAFT_SAVE_MS),
    );
  }

  /** Writes a pending draft now (switching tabs, closing, the window going away). */
  flush(id: number): Promise<void> {
    const pending = this.timers.get(id);
    if (!pending) return Promise.resolve();
    clearTimeout(pending);
    this.timers.delete(id);
    return draftSave(id, this.drafts[id] ?? '').then(
      () => undefined,
      (error) => void (this.error = toIpcError(error)),
    );
  }

  /** Copy: the shell copies the text and records it as the seller's reply; the wait stops. */
  async copy(id: number): Promise<boolean> {
    const text = (this.drafts[id] ?? '').trim();
    if (text === '' || this.busy) return false;
    const pending = this.timers.get(id);
    if (pending) clearTimeout(pending);
    this.timers.delete(id);
    return this.act(async () => {
      await replyRecordCopied(id, text);
      this.drafts[id] = '';
    }, false);
  }

  async done(ids = inbox.targets): Promise<boolean> {
    return this.setStatus(ids, 'done');
  }

  async setStatus(ids: number[], status: ConversationStatus): Promise<boolean> {
    if (ids.length === 0) return false;
    return this.act(() =>
      ids.length === 1
        ? conversationSetStatus(ids[0]!, status)
        : conversationsBulk(ids, { kind: 'set_status', status }),
    );
  }

  /** Pins the targets, or unpins them when every one is pinned already. */
  async togglePin(ids = inbox.targets): Promise<boolean> {
    if (ids.length === 0) return false;
    const rows = inbox.rows.filter((r) => ids.includes(r.conversation_id));
    const pinned = !(rows.length > 0 && rows.every((r) => r.pinned));
    return this.act(() => conversationsBulk(ids, { kind: 'pin', pinned }), false);
  }

  async addTag(ids: number[], tag: string): Promise<boolean> {
    const clean = tag.trim();
    if (ids.length === 0 || clean === '') return false;
    return this.act(() => conversationsBulk(ids, { kind: 'add_tag', tag: clean }), false);
  }

  async openSnooze(ids = inbox.targets): Promise<void> {
    if (ids.length === 0) return;
    this.snoozeTargets = ids;
    this.snoozeOpen = true;
    try {
      this.snoozeOptions = await snoozeOptions();
    } catch (error) {
      this.error = toIpcError(error);
    }
  }

  closeSnooze(): void {
    this.snoozeOpen = false;
  }

  async snooze(choice: SnoozeChoice): Promise<boolean> {
    const ids = this.snoozeTargets;
    this.snoozeOpen = false;
    if (ids.length === 0) return false;
    return this.act(() =>
      ids.length === 1 ? conversationSnooze(ids[0]!, choice) : conversationsBulk(ids, { kind: 'snooze', choice }),
    );
  }

  /** Runs a write, then refetches what shows it (the shell's `store-changed` does too, later). */
  private async act(write: () => Promise<unknown>, moves = true): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await write();
      inbox.clearChecked();
      await Promise.all([inbox.refresh(moves), conversation.refresh()]);
      return true;
    } catch (error) {
      this.error = toIpcError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.tabs = [];
    this.drafts = {};
    this.snoozeOpen = false;
    this.snoozeOptions = [];
    this.shortcutsOpen = false;
    this.focusComposerOf = null;
    this.busy = false;
    this.error = null;
    this.snoozeTargets = [];
  }
}

export const triage = new TriageState();
