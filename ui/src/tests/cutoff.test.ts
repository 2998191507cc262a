// Cut-off notices and capacity in the UI: the banner's countdown and deadline, the month picture
// of booked capacity, and the order card's warning. The core computes every date; these check
// what the seller sees of them.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import CapacityCalendar from '$lib/components/cutoff/CapacityCalendar.svelte';
import CutoffBanner from '$lib/components/cutoff/CutoffBanner.svelte';
import ProcessingTimesEditor from '$lib/components/cutoff/ProcessingTimesEditor.svelte';
import OrderPromiseLine from '$lib/components/cutoff/OrderPromiseLine.svelte';
import type {
  CalendarSettings,
  CapacityDay,
  CapacityOverride,
  CutoffBanner as Banner,
  OrderPromise,
  ProductProfile,
} from '$lib/ipc/bindings';
import { i18n } from '$lib/i18n/i18n.svelte';
import { cutoff } from '$lib/stores/cutoff.svelte';
import { resetStores } from './reset';

const BANNER: Banner = {
  today: '2026-12-01',
  countdown: {
    cutoff_at: 1_796_158_800,
    cutoff_date: '2026-12-01',
    cutoff_time: '18:00',
    minutes_left: 40,
    today: true,
    starts_on: '2026-12-02',
    then_starts_on: '2026-12-03',
  },
  deadline: {
    id: 1,
    name: 'Navidad',
    event_date: '2026-12-25',
    methods: [
      {
        method: 'Correo Argentino',
        delivery_days: 7,
        ship_by: '2026-12-18',
        order_by: '2026-12-04',
        before: '18:00',
        days_left: 3,
      },
    ],
  },
};

const SETTINGS: CalendarSettings = {
  time_zone: 'America/Argentina/Cordoba',
  cutoff_time: '18:00',
  cutoff_day_counts: false,
  working_days: [],
  pieces_per_day: 6,
  default_min_days: 2,
  default_max_days: 4,
};

function day(date: string, weekday: number, overrides: Partial<CapacityDay> = {}): CapacityDay {
  return { date, weekday, open: true, closed: null, capacity: 6, booked: 0, ...overrides };
}

beforeEach(() => {
  resetStores();
  cutoff.banner = null;
  cutoff.promises = {};
});

describe('the cut-off banner', () => {
  it('counts down to today’s cut-off and names the next deadline', async () => {
    mockWindows('main');
    mockIPC((command) => (command === 'cutoff_banner' ? BANNER : null));
    render(CutoffBanner);
    const countdown = await screen.findByTestId('cutoff-countdown');
    expect(countdown.textContent).toContain('Cierre de hoy a las 18:00: faltan 40 min.');
    expect(countdown.textContent).toContain('Lo que se confirme ahora empieza mañana, miércoles, 2 de diciembre.');
    const deadline = screen.getByTestId('cutoff-deadline');
    expect(deadline.textContent).toContain('Navidad: último día para pedir por Correo Argentino, viernes, 4 de diciembre');
    expect(deadline.textContent).toContain('(faltan 3 días)');
  });

  it('speaks English too, and shows nothing without a calendar answer', async () => {
    i18n.set('en');
    mockWindows('main');
    mockIPC((command) => (command === 'cutoff_banner' ? { ...BANNER, deadline: null } : null));
    render(CutoffBanner);
    const countdown = await screen.findByTestId('cutoff-countdown');
    expect(countdown.textContent).toContain("Today's cut-off at 18:00: 40 min left.");
    expect(screen.queryByTestId('cutoff-deadline')).toBeNull();
  });
});

describe('the capacity calendar', () => {
  it('draws a month with booked, full and closed days', async () => {
    mockWindows('main');
    const days = [
      day('2026-12-01', 2, { booked: 2 }),
      day('2026-12-02', 3, { booked: 6 }),
      day('2026-12-03', 4),
      day('2026-12-08', 2, {
        open: false,
        capacity: 0,
        closed: { date: '2026-12-08', kind: 'holiday', reason: 'Inmaculada Concepción de María' },
      }),
    ];
    mockIPC((command) => {
      if (command === 'capacity_calendar') return days;
      if (command === 'capacity_overrides_list') return [];
      if (command === 'calendar_settings_get') return SETTINGS;
      return null;
    });
    render(CapacityCalendar, { today: '2026-12-01' });
    await waitFor(() => expect(screen.getAllByTestId('capacity-day')).toHaveLength(4));
    const tones = screen.getAllByTestId('capacity-day').map((cell) => cell.dataset['tone']);
    expect(tones).toEqual(['booked', 'full', 'free', 'closed']);
    expect(screen.getAllByTestId('capacity-day')[3]?.textContent).toContain('Inmaculada Concepción de María');
    expect(screen.getByTestId('capacity-summary').textContent).toBe('En este mes: 8 piezas reservadas de 18.');
  });
});

describe('a day with its own capacity', () => {
  it('sets pieces for the clicked day and goes back to the usual', async () => {
    mockWindows('main');
    let overrides: CapacityOverride[] = [];
    const calls: { date: string; pieces: number | null }[] = [];
    mockIPC((command, args) => {
      if (command === 'capacity_calendar') {
        const own = (date: string) => overrides.find((o) => o.date === date)?.pieces;
        return [day('2026-12-01', 2, { booked: 2 }), day('2026-12-02', 3, { booked: 4, capacity: own('2026-12-02') ?? 6 })];
      }
      if (command === 'capacity_overrides_list') return overrides;
      if (command === 'calendar_settings_get') return SETTINGS;
      if (command === 'capacity_override_set') {
        const { date, pieces } = args as { date: string; pieces: number | null };
        calls.push({ date, pieces });
        overrides = pieces === null ? [] : [{ date, pieces }];
        return null;
      }
      return null;
    });
    render(CapacityCalendar, { today: '2026-12-01' });
    await waitFor(() => expect(screen.getAllByTestId('capacity-day')).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId('capacity-day')[1]!);
    const editor = await screen.findByTestId('capacity-override');
    expect(editor.textContent).toContain('Capacidad del miércoles, 2 de diciembre');
    expect(screen.getByTestId('capacity-override-usual').textContent).toContain('Lo habitual: 6 piezas por día hábil.');
    expect(screen.queryByTestId('capacity-override-clear')).toBeNull();

    // Fewer pieces than already booked: allowed, with a word about it.
    const input = screen.getByTestId('capacity-override-pieces') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: '3' } });
    expect(screen.getByTestId('capacity-override-warning').textContent).toContain('Ya hay 4 piezas reservadas');
    await fireEvent.input(input, { target: { value: '10' } });
    await fireEvent.click(screen.getByTestId('capacity-override-save'));
    await waitFor(() => expect(calls).toEqual([{ date: '2026-12-02', pieces: 10 }]));
    await waitFor(() => expect(screen.getAllByTestId('capacity-day')[1]?.dataset['override']).toBe('10'));
    expect(screen.getAllByTestId('capacity-day')[1]?.textContent).toContain('4/10');
    expect(screen.getByTestId('capacity-override-usual').textContent).toContain('Este día tiene capacidad propia: 10 piezas (lo habitual son 6).');

    await fireEvent.click(screen.getByTestId('capacity-override-clear'));
    await waitFor(() => expect(calls.at(-1)).toEqual({ date: '2026-12-02', pieces: null }));
    await waitFor(() => expect(screen.getAllByTestId('capacity-day')[1]?.dataset['override']).toBeUndefined());
    expect(screen.getAllByTestId('capacity-day')[1]?.textContent).toContain('4/6');
  });

  it('does not open a closed day', async () => {
    mockWindows('main');
    mockIPC((command) => {
      if (command === 'capacity_calendar')
        return [day('2026-12-06', 7, { open: false, capacity: 0 }), day('2026-12-07', 1)];
      if (command === 'capacity_overrides_list') return [];
      if (command === 'calendar_settings_get') return SETTINGS;
      return null;
    });
    render(CapacityCalendar, { today: '2026-12-01' });
    await waitFor(() => expect(screen.getAllByTestId('capacity-day')).toHaveLength(2));
    await fireEvent.click(screen.getAllByTestId('capacity-day')[0]!);
    expect(screen.queryByTestId('capacity-override')).toBeNull();
    await fireEvent.keyDown(screen.getAllByTestId('capacity-day')[1]!, { key: 'Enter' });
    expect((await screen.findByTestId('capacity-override')).dataset['date']).toBe('2026-12-07');
  });
});

describe('processing times', () => {
  const PRODUCTS: ProductProfile[] = [
    { id: 1, name: 'Llavero mini', category: 'Llaveros', ready_to_ship: false, min_days: 2, max_days: 4, pieces_per_unit: 1 },
    { id: 2, name: 'Llavero corazón', category: 'Llaveros', ready_to_ship: false, min_days: 3, max_days: 5, pieces_per_unit: 1 },
    { id: 3, name: 'Taza 350 ml', category: 'Tazas', ready_to_ship: true, min_days: 0, max_days: 1, pieces_per_unit: 1 },
  ];

  function mockProducts() {
    let products = PRODUCTS.map((p) => ({ ...p }));
    const saved: ProductProfile[] = [];
    const deleted: number[] = [];
    mockWindows('main');
    mockIPC((command, args) => {
      if (command === 'products_list') return products.map((p) => ({ ...p }));
      if (command === 'product_save') {
        const { product } = args as { product: ProductProfile };
        saved.push(product);
        const id = product.id ?? 99;
        products = [...products.filter((p) => p.id !== id), { ...product, id }];
        return id;
      }
      if (command === 'product_delete') {
        const { id } = args as { id: number };
        deleted.push(id);
        products = products.filter((p) => p.id !== id);
        return null;
      }
      return null;
    });
    return { saved, deleted };
  }

  it('groups products by category with their mode and days', async () => {
    mockProducts();
    render(ProcessingTimesEditor);
    await waitFor(() => expect(screen.getAllByTestId('processing-product')).toHaveLength(3));
    const categories = screen.getAllByTestId('processing-category').map((c) => c.dataset['category']);
    expect(categories).toEqual(['Llaveros', 'Tazas']);
    const mug = screen.getAllByTestId('processing-product')[2]!;
    expect((within(mug).getByTestId('processing-mode') as HTMLSelectElement).value).toBe('ready');
    expect(within(mug).getByTestId('processing-mode').textContent).toContain('Listo para enviar');
    expect(screen.queryByTestId('processing-save')).toBeNull();
  });

  it('saves a product made to order as ready to ship, 0–1 days', async () => {
    const { saved } = mockProducts();
    render(ProcessingTimesEditor);
    await waitFor(() => expect(screen.getAllByTestId('processing-product')).toHaveLength(3));
    const keyring = screen.getAllByTestId('processing-product')[0]!;
    await fireEvent.change(within(keyring).getByTestId('processing-mode'), { target: { value: 'ready' } });
    expect((within(keyring).getByTestId('processing-max') as HTMLInputElement).value).toBe('1');
    await fireEvent.click(within(keyring).getByTestId('processing-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ id: 1, ready_to_ship: true, min_days: 0, max_days: 1 });
    expect(await screen.findByTestId('processing-saved')).toBeTruthy();
  });

  it('sets a whole category at once and adds a product', async () => {
    const { saved } = mockProducts();
    render(ProcessingTimesEditor);
    await waitFor(() => expect(screen.getAllByTestId('processing-category')).toHaveLength(2));
    const keyrings = screen.getAllByTestId('processing-category')[0]!;
    const header = keyrings.querySelector('header')!;
    await fireEvent.input(within(header).getByTestId('processing-min'), { target: { value: '5' } });
    await fireEvent.input(within(header).getByTestId('processing-max'), { target: { value: '8' } });
    await fireEvent.click(within(header).getByTestId('processing-category-apply'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.map((p) => [p.id, p.min_days, p.max_days])).toEqual([
      [1, 5, 8],
      [2, 5, 8],
    ]);

    await fireEvent.input(screen.getByTestId('processing-new-name'), { target: { value: '  Cuenco grande ' } });
    await fireEvent.input(screen.getByTestId('processing-new-category'), { target: { value: 'Cuencos' } });
    await fireEvent.click(screen.getByTestId('processing-add'));
    await waitFor(() => expect(saved).toHaveLength(3));
    expect(saved[2]).toMatchObject({ id: null, name: 'Cuenco grande', category: 'Cuencos', ready_to_ship: false, min_days: 3, max_days: 5 });
    await waitFor(() => expect(screen.getAllByTestId('processing-category')).toHaveLength(3));
  });

  it('shows the core’s refusal instead of losing the change', async () => {
    mockWindows('main');
    mockIPC((command) => {
      if (command === 'products_list') return [PRODUCTS[0]];
      if (command === 'product_save') throw { code: 'invalid_input', message: 'the longest processing time is shorter than the shortest' };
      return null;
    });
    render(ProcessingTimesEditor);
    const row = await screen.findByTestId('processing-product');
    await fireEvent.input(within(row).getByTestId('processing-min'), { target: { value: '9' } });
    await fireEvent.click(within(row).getByTestId('processing-save'));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect((within(row).getByTestId('processing-min') as HTMLInputElement).value).toBe('9');
  });
});

describe('the order card', () => {
  it('warns when the agreed date cannot be met', async () => {
    const promise: OrderPromise = {
      order_id: 4,
      due_date: '2026-03-12',
      booked: false,
      ship_earliest: '2026-03-14',
      ship_latest: '2026-03-14',
      feasible: false,
      fits_by_due: 0,
      units: 15,
    };
    mockWindows('main');
    mockIPC((command) => (command === 'order_promises' ? [promise] : null));
    render(OrderPromiseLine, { orderId: 4, conversationId: 9 });
    const warning = await screen.findByTestId('order-promise-warning');
    expect(warning.textContent).toContain('No llega para la fecha pactada: lo antes posible es el sábado, 14 de marzo.');
    expect(warning.textContent).toContain('Para esa fecha se llegan a hacer 0 de 15.');
    expect(screen.getByTestId('order-promise-date').textContent?.trim()).toBe('el sábado, 14 de marzo');
  });

  it('agrees on the earliest date, keeping the rest of the order', async () => {
    let promise: OrderPromise = {
      order_id: 4,
      due_date: '2026-03-12',
      booked: false,
      ship_earliest: '2026-03-14',
      ship_latest: '2026-03-14',
      feasible: false,
      fits_by_due: 0,
      units: 15,
    };
    const order = {
      id: 4,
      currency: 'ARS',
      items: [{ name: 'Llavero mini', quantity: 15, unit_price_minor: 350_000 }],
      due_date: '2026-03-12',
      delivery: null,
      payment_status: 'unpaid',
      notes: 'para la oficina',
    };
    const updates: unknown[] = [];
    mockWindows('main');
    mockIPC((command, args) => {
      if (command === 'order_promises') return [promise];
      if (command === 'order_get') return order;
      if (command === 'order_update') {
        updates.push(args);
        promise = { ...promise, due_date: '2026-03-14', feasible: true };
        return null;
      }
      return null;
    });
    render(OrderPromiseLine, { orderId: 4, conversationId: 10 });
    const agree = await screen.findByTestId('order-promise-agree');
    expect(agree.textContent).toContain('Acordar el sábado, 14 de marzo');
    await fireEvent.click(agree);
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toEqual({
      orderId: 4,
      update: {
        currency: 'ARS',
        items: order.items,
        due_date: '2026-03-14',
        delivery: null,
        payment_status: 'unpaid',
        notes: 'para la oficina',
      },
    });
    await waitFor(() => expect(screen.queryByTestId('order-promise-warning')).toBeNull());
    expect(screen.getByText('Llega a tiempo para la fecha pactada.')).toBeTruthy();
  });
});
