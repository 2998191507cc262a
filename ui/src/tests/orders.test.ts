// Buyers and order threads in the UI: the buyer page's merge suggestion and undo, range selection
// of messages, and the today view's order. The core decides; these check what the seller sees.

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import BuyerPageDialog from '$lib/components/buyers/BuyerPageDialog.svelte';
import OrderEditor from '$lib/components/orders/OrderEditor.svelte';
import TodayDialog from '$lib/components/today/TodayDialog.svelte';
import type { BuyerPage, OrderView, TodayView } from '$lib/ipc/bindings';
import { buyerPage } from '$lib/stores/buyerPage.svelte';
import { orderThread } from '$lib/stores/orderThread.svelte';
import { today } from '$lib/stores/today.svelte';
import { resetStores } from './reset';

beforeEach(() => {
  resetStores();
  buyerPage.close();
  today.hide();
  orderThread.follow(null);
});

function order(id: number, overrides: Partial<OrderView> = {}): OrderView {
  return {
    id,
    buyer_id: 1,
    conversation_id: 10,
    stage: 'agreed',
    currency: 'ARS',
    items: [],
    total_minor: 0,
    due_date: null,
    delivery: null,
    payment_status: 'unpaid',
    notes: '',
    created_at: 1_750_000_000,
    checklist: [],
    next_stages: [],
    message_count: 0,
    starts_thread: false,
    ...overrides,
  };
}

function page(merged: boolean): BuyerPage {
  return {
    buyer: { id: 1, name: 'Carolina <b>Méndez</b>', notes: '', tags: ['recurrente'], identities: [] },
    conversations: [],
    orders: merged ? [order(1), order(2)] : [order(1)],
    suggestions: merged
      ? []
      : [
          {
            buyer_id: 2,
            name: 'Carolina Méndez',
            channels: ['instagram'],
            reasons: [{ kind: 'same_name', value: 'Carolina Méndez' }],
          },
        ],
    merges: merged
      ? [
          {
            id: 5,
            source_buyer_id: 2,
            source_name: 'Carolina Méndez',
            reasons: [],
            merged_at: 1_750_000_000,
            identities: 1,
            conversations: 1,
            orders: 1,
          },
        ]
      : [],
    dismissed: [],
  };
}

describe('buyer page', () => {
  it('suggests a merge with its reason, merges, and offers undo', async () => {
    let merged = false;
    const calls: { command: string; args: unknown }[] = [];
    mockWindows('main');
    mockIPC((command, args) => {
      calls.push({ command, args });
      if (command === 'buyer_page') return page(merged);
      if (command === 'buyers_merge') {
        merged = true;
        return 5;
      }
      if (command === 'buyers_undo_merge') {
        merged = false;
        return null;
      }
      return null;
    });
    await buyerPage.open(1);
    render(BuyerPageDialog);

    const suggestion = await screen.findByTestId('merge-suggestion');
    expect(suggestion.textContent).toContain('Mismo nombre en otro canal: Carolina Méndez');
    // Buyer text is text: the markup in the name is shown, not rendered.
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Carolina <b>Méndez</b>');

    await fireEvent.click(screen.getByTestId('merge-buyer'));
    await screen.findByTestId('undo-merge');
    expect(calls.find((c) => c.command === 'buyers_merge')?.args).toEqual({
      target: 1,
      source: 2,
      reasons: [{ kind: 'same_name', value: 'Carolina Méndez' }],
    });
    expect(screen.queryByTestId('merge-suggestion')).toBeNull();
    expect(screen.getAllByTestId('order')).toHaveLength(2);

    await fireEvent.click(screen.getByTestId('undo-merge'));
    await screen.findByTestId('merge-suggestion');
    expect(calls.some((c) => c.command === 'buyers_undo_merge')).toBe(true);
  });
});

describe('message selection', () => {
  it('selects a range with shift and clears when leaving selection mode', () => {
    orderThread.follow(10);
    orderThread.toggleSelecting();
    const shown = [101, 102, 103, 104, 105];
    orderThread.toggle(102, false, shown);
    orderThread.toggle(104, true, shown);
    expect([...orderThread.selected].sort()).toEqual([102, 103, 104]);
    orderThread.toggle(103, false, shown);
    expect([...orderThread.selected].sort()).toEqual([102, 104]);
    orderThread.toggleSelecting();
    expect(orderThread.selected).toEqual([]);
  });
});

describe('today', () => {
  it('lists overdue orders first and says how late they are', async () => {
    const view: TodayView = {
      date: '2025-06-15',
      rows: [
        { order: order(3, { due_date: '2025-06-12' }), buyer_name: 'Ana', channel: 'whatsapp', days_left: -3 },
        { order: order(4, { due_date: '2025-06-15' }), buyer_name: 'Bruno', channel: 'instagram', days_left: 0 },
        { order: order(5), buyer_name: 'Caro', channel: null, days_left: null },
      ],
    };
    mockWindows('main');
    mockIPC((command) => (command === 'today_view' ? view : null));
    await today.show();
    render(TodayDialog);
    await waitFor(() => expect(screen.getAllByTestId('today-row')).toHaveLength(3));
    const texts = screen.getAllByTestId('today-row').map((row) => row.textContent ?? '');
    expect(texts[0]).toContain('Atrasado 3 d');
    expect(texts[1]).toContain('Vence hoy');
    expect(texts[2]).toContain('Sin fecha');
  });
});

describe('the order editor', () => {
  it('reads prices however they are typed, marks one it cannot read, and keeps the currency', async () => {
    const updates: unknown[] = [];
    mockWindows('main');
    mockIPC((command, payload) => {
      if (command === 'order_update') updates.push((payload as { update: unknown }).update);
      return null;
    });
    let done = 0;
    const item = (product: string, unit_price_minor: number) => ({ product, variant: null, quantity: 1, unit_price_minor });
    render(OrderEditor, {
      order: order(4, { currency: 'USD', items: [item('Mug', 1_690_050), item('Plate', 150_000)] }),
      ondone: () => (done += 1),
    });
    const prices = screen.getAllByTestId('order-item-price') as HTMLInputElement[];
    expect(prices.map((p) => p.value)).toEqual(['16900,50', '1500']);

    await fireEvent.input(prices[0]!, { target: { value: '1,234.50' } });
    await fireEvent.input(prices[1]!, { target: { value: '12 pesos' } });
    await fireEvent.submit(screen.getByTestId('order-editor'));
    expect((await screen.findByTestId('order-price-error')).textContent).toContain('No entendimos ese precio');
    expect(prices[1]!.getAttribute('aria-invalid')).toBe('true');
    expect(prices[0]!.getAttribute('aria-invalid')).toBe('false');
    expect(updates).toHaveLength(0);

    await fireEvent.input(prices[1]!, { target: { value: '$ 1.500' } });
    await fireEvent.input(screen.getByDisplayValue('USD'), { target: { value: '' } });
    await fireEvent.submit(screen.getByTestId('order-editor'));
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toMatchObject({
      currency: 'USD',
      items: [
        { product: 'Mug', unit_price_minor: 123_450 },
        { product: 'Plate', unit_price_minor: 150_000 },
      ],
    });
    expect(screen.queryByTestId('order-price-error')).toBeNull();
    await waitFor(() => expect(done).toBe(1));
  });
});
