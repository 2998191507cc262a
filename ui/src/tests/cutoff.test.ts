// Cut-off notices and capacity in the UI: the banner's countdown and deadline, the month picture
// of booked capacity, and the order card's warning. The core computes every date; these check
// what the seller sees of them.

import { render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import CapacityCalendar from '$lib/components/cutoff/CapacityCalendar.svelte';
import CutoffBanner from '$lib/components/cutoff/CutoffBanner.svelte';
import OrderPromiseLine from '$lib/components/cutoff/OrderPromiseLine.svelte';
import type { CapacityDay, CutoffBanner as Banner, OrderPromise } from '$lib/ipc/bindings';
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
    mockIPC((command) => (command === 'capacity_calendar' ? days : null));
    render(CapacityCalendar, { today: '2026-12-01' });
    await waitFor(() => expect(screen.getAllByTestId('capacity-day')).toHaveLength(4));
    const tones = screen.getAllByTestId('capacity-day').map((cell) => cell.dataset['tone']);
    expect(tones).toEqual(['booked', 'full', 'free', 'closed']);
    expect(screen.getAllByTestId('capacity-day')[3]?.textContent).toContain('Inmaculada Concepción de María');
    expect(screen.getByTestId('capacity-summary').textContent).toBe('En este mes: 8 piezas reservadas de 18.');
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
});
