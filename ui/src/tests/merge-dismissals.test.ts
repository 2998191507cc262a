// "Not the same person" on the buyer page: the suggestion goes away, the pair is listed
// with an undo, and undo brings the suggestion back. The core decides; this checks what is shown
// and what is sent.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import BuyerPageDialog from '$lib/components/buyers/BuyerPageDialog.svelte';
import type { BuyerPage } from '$lib/ipc/bindings';
import { buyerPage } from '$lib/stores/buyerPage.svelte';
import { resetStores } from './reset';

beforeEach(() => {
  resetStores();
  buyerPage.close();
});

function page(dismissed: boolean): BuyerPage {
  const other = { buyer_id: 2, name: 'Carolina <i>Méndez</i>' };
  return {
    buyer: { id: 1, name: 'Carolina Méndez', notes: '', tags: [], identities: [] },
    conversations: [],
    orders: [],
    suggestions: dismissed
      ? []
      : [{ ...other, channels: ['instagram'], reasons: [{ kind: 'same_name', value: 'Carolina Méndez' }] }],
    merges: [],
    dismissed: dismissed ? [{ ...other, channels: ['instagram'], dismissed_at: 1_750_000_000 }] : [],
  };
}

describe('not the same person', () => {
  it('dismisses a suggestion, lists it with undo, and undo brings it back', async () => {
    let dismissed = false;
    const calls: { command: string; args: unknown }[] = [];
    mockWindows('main');
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === 'buyer_page') return page(dismissed);
      if (command === 'buyers_dismiss_suggestion') dismissed = true;
      if (command === 'buyers_undo_dismissal') dismissed = false;
      return null;
    });
    await buyerPage.open(1);
    render(BuyerPageDialog);

    await screen.findByTestId('merge-suggestion');
    await fireEvent.click(screen.getByRole('button', { name: 'No es la misma persona' }));
    const row = await screen.findByTestId('merge-dismissal');
    expect(calls.find((c) => c.command === 'buyers_dismiss_suggestion')?.args).toEqual({ buyer: 1, other: 2 });
    expect(screen.queryByTestId('merge-suggestion')).toBeNull();
    // The other buyer's name is text, never markup.
    expect(row.textContent).toContain('Carolina <i>Méndez</i> (marcado el');
    expect(row.querySelector('i')).toBeNull();

    await fireEvent.click(screen.getByTestId('undo-dismissal'));
    await screen.findByTestId('merge-suggestion');
    expect(calls.find((c) => c.command === 'buyers_undo_dismissal')?.args).toEqual({ buyer: 1, other: 2 });
    expect(screen.queryByTestId('merge-dismissal')).toBeNull();
  });
});
