// What both answer pickers share (the composer's "/" picker and the quick picker window): search as
// you type over the saved answers, the highlighted hit, ↑/↓/Enter, and which answer is being filled.
// Each picker keeps what differs: where the filled text goes, and the window's own keys.

import type { AnswerHit, IpcError } from '$lib/ipc/bindings';
import { answersSearch } from '$lib/ipc/commands';
import { toIpcError } from '$lib/ipc/shell';

export interface PickerOptions {
  /** How many hits to ask the core for. */
  limit: number;
  /** The search box's first text. */
  query?: string;
  /** What choosing a hit does; by default it opens that answer's fill view (`chosen`). */
  choose?: (answerId: number) => void | Promise<void>;
}

/**
 * Create it while a component initialises: its search runs in an `$effect` owned by that component,
 * again on every change of `query`.
 */
export class AnswerPickerCore {
  query = $state('');
  hits = $state.raw<AnswerHit[]>([]);
  /** The highlighted hit, an index into `hits`. */
  active = $state(0);
  /** The answer whose fill view is showing; `null` shows the search. */
  chosen = $state<number | null>(null);
  error = $state<IpcError | null>(null);

  readonly #limit: number;
  readonly #choose: (answerId: number) => void | Promise<void>;

  constructor(options: PickerOptions) {
    this.#limit = options.limit;
    this.query = options.query ?? '';
    this.#choose =
      options.choose ??
      ((answerId) => {
        this.chosen = answerId;
      });
    $effect(() => this.#search(this.query));
  }

  #search(query: string): void {
    void answersSearch(query, this.#limit)
      .then((found) => {
        // A slower answer to an older query must not replace a newer one.
        if (query !== this.query) return;
        this.hits = found ?? [];
        this.active = 0;
        this.error = null;
      })
      .catch((e: unknown) => (this.error = toIpcError(e)));
  }

  choose(answerId: number): void {
    void this.#choose(answerId);
  }

  /** The search box's keys: ↑/↓ move the highlight, Enter chooses it. */
  keydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.active = Math.min(this.active + 1, this.hits.length - 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      this.active = Math.max(this.active - 1, 0);
    } else if (event.key === 'Enter') {
      const hit = this.hits[this.active];
      if (!hit) return;
      event.preventDefault();
      this.choose(hit.answer.id);
    }
  }
}
