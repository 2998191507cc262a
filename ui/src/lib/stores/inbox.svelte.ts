// The inbox list: filters, pages of rows as the core orders them, and the keyboard cursor.

import type {
  AccountOption,
  ChannelKind,
  ConversationStatus,
  InboxQuery,
  InboxRow,
  IpcError,
  OrderStage,
} from '$lib/ipc/bindings';
import { inboxAccounts, inboxCounts, inboxList } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

export const PAGE_SIZE = 200;
export const SEARCH_DEBOUNCE_MS = 150;

export type StatusFilter = ConversationStatus | 'all';
export type ChannelFilter = ChannelKind | 'all';
/** The order filter: any, with an order at one stage, with any order, without one. */
export type OrderFilter = OrderStage | 'any' | 'with' | 'without';

class InboxState {
  status = $state<StatusFilter>('all');
  channel = $state<ChannelFilter>('all');
  /** What the seller typed, shown in the box. */
  searchText = $state('');
  /** The search last sent to the core (after the debounce). */
  search = $state('');
  accountId = $state<number | null>(null);
  tag = $state('');
  order = $state<OrderFilter>('any');

  /** Conversations per status for the current filters (the tab counts). */
  counts = $state<Record<ConversationStatus, number>>({ needs_reply: 0, waiting_for_buyer: 0, snoozed: 0, done: 0 });
  accounts = $state.raw<AccountOption[]>([]);
  /** Conversations ticked with x for a bulk action. */
  checked = $state.raw<Set<number>>(new Set());
  /** A search with very many matches stopped counting: `total` is a lower bound. */
  totalCapped = $state(false);

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
    return (
      this.status !== 'all' ||
      this.channel !== 'all' ||
      this.search !== '' ||
      this.accountId !== null ||
      this.tag !== '' ||
      this.order !== 'any'
    );
  }

  private query(offset: number, limit: number): InboxQuery {
    return {
      status: this.status === 'all' ? null : this.status,
      channel: this.channel === 'all' ? null : this.channel,
      account_id: this.accountId,
      search: this.search.trim() === '' ? null : this.search.trim(),
      tag: this.tag.trim() === '' ? null : this.tag.trim(),
      order_stage: ['any', 'with', 'without'].includes(this.order) ? null : (this.order as OrderStage),
      has_order: this.order === 'with' ? true : this.order === 'without' ? false : null,
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
      const page = await inboxList(this.query(0, PAGE_SIZE));
      if (generation !== this.generation) return;
      this.rows = page.rows;
      this.total = page.total;
      this.totalCapped = page.total_capped;
      this.needsReply = page.needs_reply;
      this.selected = 0;
      this.loaded = true;
      void this.refreshCounts();
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /**
   * Fetches again everything already shown (after a write), keeping the cursor on the same row — or,
   * with `keepIndex` (after e / s on that row), at the same place, so it lands on the next one.
   */
  async refresh(keepIndex = false): Promise<void> {
    if (!this.loaded) return this.reload();
    const generation = ++this.generation;
    const keep = keepIndex ? undefined : this.selectedRow?.conversation_id;
    const limit = Math.max(PAGE_SIZE, Math.ceil(this.rows.length / PAGE_SIZE) * PAGE_SIZE);
    try {
      const page = await inboxList(this.query(0, limit));
      if (generation !== this.generation) return;
      this.rows = page.rows;
      this.total = page.total;
      this.totalCapped = page.total_capped;
      this.needsReply = page.needs_reply;
      this.error = null;
      void this.refreshCounts();
      const index = keep === undefined ? -1 : page.rows.findIndex((r) => r.conversation_id === keep);
      this.selected = index >= 0 ? index : Math.min(this.selected, Math.max(0, page.rows.length - 1));
    } catch (error) {
      if (generation === this.generation) this.error = toIpcError(error);
    }
  }

  /** The next page, when the list scrolls near the end of what is loaded. */
  async loadMore(): Promise<void> {
    // A capped total is a lower bound: the list goes on while pages keep coming.
    const complete = this.rows.length >= this.total && !this.totalCapped;
    if (this.loading || this.loadingMore || this.error || complete) return;
    const generation = this.generation;
    this.loadingMore = true;
    try {
      const page = await inboxList(this.query(this.rows.length, PAGE_SIZE));
      if (generation !== this.generation) return;
      // A write between two pages can shift rows by one: never show a conversation twice.
      const seen = new Set(this.rows.map((r) => r.conversation_id));
      this.rows = [...this.rows, ...page.rows.filter((r) => !seen.has(r.conversation_id))];
      this.total = page.rows.length === 0 ? this.rows.length : page.total;
      this.totalCapped = page.rows.length > 0 && page.total_capped;
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

  /** The tab counts follow every filter but the status itself. */
  async refreshCounts(): Promise<void> {
    try {
      const counts = await inboxCounts({ ...this.query(0, 0), status: null });
      const next = { needs_reply: 0, waiting_for_buyer: 0, snoozed: 0, done: 0 };
      for (const entry of counts) next[entry.status] = entry.conversations;
      this.counts = next;
    } catch {
      // The counts are a convenience: the list itself reports errors.
    }
  }

  async loadAccounts(): Promise<void> {
    try {
      this.accounts = await inboxAccounts();
    } catch {
      this.accounts = [];
    }
  }

  setAccount(accountId: number | null): void {
    if (accountId === this.accountId) return;
    this.accountId = accountId;
    void this.reload();
  }

  setTag(tag: string): void {
    if (tag === this.tag) return;
    this.tag = tag;
    void this.reload();
  }

  setOrder(order: OrderFilter): void {
    if (order === this.order) return;
    this.order = order;
    void this.reload();
  }

  /** Ticks or unticks a conversation for a bulk action. */
  toggleChecked(conversationId: number): void {
    const next = new Set(this.checked);
    if (next.has(conversationId)) next.delete(conversationId);
    else next.add(conversationId);
    this.checked = next;
  }

  clearChecked(): void {
    if (this.checked.size > 0) this.checked = new Set();
  }

  /** What e, s and p act on: the ticked conversations, else the row under the cursor. */
  get targets(): number[] {
    if (this.checked.size > 0) return [...this.checked];
    const row = this.selectedRow;
    return row ? [row.conversation_id] : [];
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
    this.accountId = null;
    this.tag = '';
    this.order = 'any';
    this.counts = { needs_reply: 0, waiting_for_buyer: 0, snoozed: 0, done: 0 };
    this.accounts = [];
    this.checked = new Set();
    this.totalCapped = false;
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
