// The inbox list: filters, pages of rows as the core orders them, and the keyboard cursor.

import type { ChannelKind, ConversationStatus, InboxQuery, InboxRow, IpcError } from '$lib/ipc/bindings';
import { commands, toIpcError } from '$lib/ipc/commands';

export const PAGE_SIZE = 200;
export const SEARCH_DEBOUNCE_MS = 150;

export type StatusFilter = ConversationStatus | 'all';
export type ChannelFilter = ChannelKind | 'all';

class InboxState {
  status = $state<StatusFilter>('all');
  channel = $state<ChannelFilter>('all');
  /** What the seller typed, shown in the box. */
  searchText = $state('');
  /** The search last sent to the core (after the debounce). */
  search = $state('');

  // Raw: thousands of rows are replaced wholesale, never mutated, so they need no deep proxies.
  rows = $state.raw<InboxRow[]>([]);
  total = $state(0);
  needsReply = $state(0);

  /** The first page for the current filters has arrived. */
  loaded = $state(false);
  loading = $state(false);
  loadingMore = $state(false);
  error = $state<IpcError | null>(null);

  /** Index of the keyboard cursor in `rows`. */
  selected = $state(0);

  /** Bumped by every new query, so an answer to an older query is dropped. */
  private generation = 0;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  get selectedRow(): InboxRow | undefined {
    return this.rows[this.selected];
  }

  get filtered(): boolean {
    return this.status !== 'all' || this.channel !== 'all' || this.search !== '';
  }

  private query(offset: number, limit: number): InboxQuery {
    return {
      status: this.status === 'all' ? null : this.status,
      channel: this.channel === 'all' ? null : this.channel,
      account_id: null,
      search: this.search.trim() === '' ? null : this.search.trim(),
      limit,
      offset,
    };
  }

  /** Loads the first page for the current filters; the cursor goes back to the top. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const page = await commands.inboxList(this.query(0, PAGE_SIZE));
      if (generation !== this.generation) return;
      this.rows = page.rows;
      this.total = page.total;
      this.needsReply = page.needs_reply;
      this.selected = 0;
      this.loaded = true;
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** Fetches again everything already shown (after a write), keeping the cursor on the same row. */
  async refresh(): Promise<void> {
    if (!this.loaded) return this.reload();
    const generation = ++this.generation;
    const keep = this.selectedRow?.conversation_id;
    const limit = Math.max(PAGE_SIZE, Math.ceil(this.rows.length / PAGE_SIZE) * PAGE_SIZE);
    try {
      const page = await commands.inboxList(this.query(0, limit));
      if (generation !== this.generation) return;
      this.rows = page.rows;
      this.total = page.total;
      this.needsReply = page.needs_reply;
      this.error = null;
      const index = keep === undefined ? -1 : page.rows.findIndex((r) => r.conversation_id === keep);
      this.selected = index >= 0 ? index : Math.min(this.selected, Math.max(0, page.rows.length - 1));
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    }
  }

  /** The next page, when the list scrolls near the end of what is loaded. */
  async loadMore(): Promise<void> {
    if (this.loading || this.loadingMore || this.error || this.rows.length >= this.total) return;
    const generation = this.generation;
    this.loadingMore = true;
    try {
      const page = await commands.inboxList(this.query(this.rows.length, PAGE_SIZE));
      if (generation !== this.generation) return;
      // A write between two pages can shift rows by one: never show a conversation twice.
      const seen = new Set(this.rows.map((r) => r.conversation_id));
      this.rows = [...this.rows, ...page.rows.filter((r) => !seen.has(r.conversation_id))];
      this.total = page.rows.length === 0 ? this.rows.length : page.total;
      this.needsReply = page.needs_reply;
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    } finally {
      this.loadingMore = false;
    }
  }

  setStatus(status: StatusFilter): void {
    if (status === this.status) return;
    this.status = status;
    void this.reload();
  }

  setChannel(channel: ChannelFilter): void {
    if (channel === this.channel) return;
    this.channel = channel;
    void this.reload();
  }

  /** Called on every keystroke; the core is asked once typing pauses. */
  typeSearch(text: string): void {
    this.searchText = text;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.searchTimer = null;
      if (text === this.search) return;
      this.search = text;
      void this.reload();
    }, SEARCH_DEBOUNCE_MS);
  }

  move(delta: number): void {
    if (this.rows.length === 0) return;
    this.selected = Math.min(this.rows.length - 1, Math.max(0, this.selected + delta));
  }

  select(index: number): void {
    if (index >= 0 && index < this.rows.length) this.selected = index;
  }

  /** Clears the unread count of a row the seller just opened, before the refetch confirms it. */
  markReadLocally(conversationId: number): void {
    const index = this.rows.findIndex((r) => r.conversation_id === conversationId);
    const row = this.rows[index];
    if (!row || row.unread === 0) return;
    const next = this.rows.slice();
    next[index] = { ...row, unread: 0 };
    this.rows = next;
  }

  /** Back to a blank state (tests, or a database switched under the app). */
  reset(): void {
    this.generation++;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = null;
    this.status = 'all';
    this.channel = 'all';
    this.searchText = '';
    this.search = '';
    this.rows = [];
    this.total = 0;
    this.needsReply = 0;
    this.loaded = false;
    this.loading = false;
    this.loadingMore = false;
    this.error = null;
    this.selected = 0;
  }
}

export const inbox = new InboxState();
