// The answer pickers' shared core: the newest query's hits win, ↑/↓ stay inside the list, Enter
// chooses the highlighted hit (by default opening its fill view, or what the picker asks for).

import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnswerHit } from '$lib/ipc/bindings';
import { AnswerPickerCore, type PickerOptions } from './pickerCore.svelte';

const search = vi.hoisted(() => vi.fn<(query: string, limit: number) => Promise<AnswerHit[]>>());
vi.mock('$lib/ipc/commands', () => ({ answersSearch: search }));

function hit(id: number): AnswerHit {
  return { answer: { id } as AnswerHit['answer'], score: 1, shortcut_prefix: false };
}

let stop: (() => void) | null = null;

function picker(options: PickerOptions): AnswerPickerCore {
  let core: AnswerPickerCore | undefined;
  stop = $effect.root(() => {
    core = new AnswerPickerCore(options);
  });
  flushSync();
  return core!;
}

const key = (k: string) => new KeyboardEvent('keydown', { key: k, cancelable: true });

afterEach(() => {
  stop?.();
  search.mockReset();
});

describe('the answer picker core', () => {
  it('searches the first query with its limit, and again as the query changes', async () => {
    search.mockResolvedValue([hit(1)]);
    const core = picker({ limit: 30, query: '/pa' });
    expect(search).toHaveBeenCalledWith('/pa', 30);
    await vi.waitFor(() => expect(core.hits).toHaveLength(1));

    core.query = '/env';
    flushSync();
    expect(search).toHaveBeenLastCalledWith('/env', 30);
  });

  it('drops the answer to an older query', async () => {
    let answerOld: (hits: AnswerHit[]) => void = () => undefined;
    search.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)));
    search.mockResolvedValueOnce([hit(2)]);
    const core = picker({ limit: 12 });
    core.query = 'env';
    flushSync();
    await vi.waitFor(() => expect(core.hits.map((h) => h.answer.id)).toEqual([2]));
    answerOld([hit(1), hit(3)]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(core.hits.map((h) => h.answer.id)).toEqual([2]);
  });

  it('moves the highlight within the hits and chooses it with Enter', async () => {
    search.mockResolvedValue([hit(1), hit(2)]);
    const core = picker({ limit: 30 });
    await vi.waitFor(() => expect(core.hits).toHaveLength(2));

    const down = key('ArrowDown');
    core.keydown(down);
    core.keydown(key('ArrowDown'));
    expect(down.defaultPrevented).toBe(true);
    expect(core.active).toBe(1);
    core.keydown(key('ArrowUp'));
    core.keydown(key('ArrowUp'));
    expect(core.active).toBe(0);

    core.keydown(key('ArrowDown'));
    core.keydown(key('Enter'));
    expect(core.chosen).toBe(2);
  });

  it('hands the choice to the picker when it says what choosing does', async () => {
    search.mockResolvedValue([hit(7)]);
    const chosen: number[] = [];
    const core = picker({ limit: 12, choose: (id) => void chosen.push(id) });
    await vi.waitFor(() => expect(core.hits).toHaveLength(1));
    core.keydown(key('Enter'));
    expect(chosen).toEqual([7]);
    expect(core.chosen).toBeNull();
  });

  it('shows a failed search, and clears it when a search succeeds', async () => {
    search.mockRejectedValueOnce({ code: 'internal', message: 'boom' });
    search.mockResolvedValue([]);
    const core = picker({ limit: 30 });
    await vi.waitFor(() => expect(core.error?.code).toBe('internal'));
    core.query = 'x';
    flushSync();
    await vi.waitFor(() => expect(core.error).toBeNull());
  });
});
