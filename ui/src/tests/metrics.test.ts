// The metrics screen against a mocked shell: the figures in the seller's language, shop-hours
// figures only when the calendar has hours, the busy-hours grid, and the empty shop.

import { render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import MetricsDialog from '$lib/components/metrics/MetricsDialog.svelte';
import type { ChannelMetrics, Metrics } from '$lib/ipc/bindings';
import { i18n } from '$lib/i18n/i18n.svelte';
import { metrics } from '$lib/stores/metrics.svelte';
import { resetStores } from './reset';

beforeEach(resetStores);

/** 2025-06-15, when the figures were computed. */
const NOW = 1_750_000_000;

function figures(overrides: Partial<ChannelMetrics> = {}): ChannelMetrics {
  return {
    channel: null,
    conversations: 0,
    answered: 0,
    first_response_median: null,
    first_response_p90: null,
    first_response_median_shop_hours: null,
    first_response_p90_shop_hours: null,
    unanswered_now: 0,
    oldest_waiting_since: null,
    with_order: 0,
    ...overrides,
  };
}

function shop(shopHours: boolean): Metrics {
  const busiest = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, messages: 0 }));
  busiest[4 * 24 + 17]!.messages = 12;
  return {
    now: NOW,
    since: 1_740_787_200,
    time_zone: 'America/Argentina/Cordoba',
    shop_hours: shopHours,
    mercado_libre: [],
    channels: [
      figures({ channel: 'mercado_libre', conversations: 30, answered: 28, first_response_median: 2_700, first_response_p90: 4 * 3600, first_response_median_shop_hours: shopHours ? 1_500 : null, with_order: 6 }),
      figures({ channel: 'whatsapp', conversations: 10, answered: 10, first_response_median: 4_200, first_response_p90: 26 * 3600, unanswered_now: 3, oldest_waiting_since: NOW - 5 * 3600, with_order: 4 }),
    ],
    total: figures({ conversations: 40, answered: 38, first_response_median: 3_000, first_response_p90: 5 * 3600, first_response_median_shop_hours: shopHours ? 1_800 : null, unanswered_now: 3, oldest_waiting_since: NOW - 5 * 3600, with_order: 10 }),
    months: [
      { month: '2025-03', conversations: 5, with_order: 1, first_response_median: 3_600 },
      { month: '2025-04', conversations: 10, with_order: 2, first_response_median: null },
      { month: '2025-05', conversations: 12, with_order: 3, first_response_median: 2_400 },
      { month: '2025-06', conversations: 13, with_order: 4, first_response_median: 1_200 },
    ],
    busiest,
  };
}

function install(view: Metrics) {
  mockWindows('main');
  mockIPC((command) => (command === 'metrics_get' ? view : null));
}

describe('metrics', () => {
  it('shows the figures, per channel and per month, in Spanish', async () => {
    install(shop(false));
    void metrics.show();
    render(MetricsDialog);
    const first = await screen.findByTestId('metrics-first-response');
    expect(first.textContent).toContain('50 min');
    expect(first.textContent).toContain('9 de cada 10: en menos de 5 h');
    expect(first.textContent).not.toContain('En horario del taller');
    expect(screen.getByTestId('metrics-unanswered').textContent).toContain('La más antigua espera hace 5 h');
    expect(screen.getByTestId('metrics-conversion').textContent).toContain('25');

    const rows = within(screen.getByTestId('metrics-channels')).getAllByTestId('metrics-channel-row');
    expect(rows.map((r) => r.querySelector('.channel-name')?.textContent)).toEqual(['Mercado Libre', 'WhatsApp']);
    expect(rows[1]?.textContent).toContain('1 h 10 min');
    expect(rows[1]?.textContent).toContain('1 d 2 h');
    expect(screen.queryByText('Mediana en horario')).toBeNull();

    const months = screen.getByTestId('metrics-months').textContent ?? '';
    expect(months).toMatch(/marzo de 2025/i);
    expect(months).toContain('—');
    const busy = within(screen.getByTestId('metrics-busiest')).getAllByRole('cell');
    expect(busy).toHaveLength(168);
    expect(busy[4 * 24 + 17]?.getAttribute('aria-label')).toBe('vie 17 h: 12 mensajes');
    expect(screen.getByText(/zona America\/Argentina\/Cordoba/)).toBeTruthy();
  });

  it('adds the shop-hours figures when the calendar has opening hours, in Portuguese', async () => {
    i18n.set('pt-BR');
    install(shop(true));
    void metrics.show();
    render(MetricsDialog);
    const first = await screen.findByTestId('metrics-first-response');
    expect(first.textContent).toContain('No horário do ateliê: 30 min');
    expect(screen.getByText('Mediana no horário')).toBeTruthy();
    expect(screen.getByTestId('metrics-channels').textContent).toContain('25 min');
  });

  it('says so when there is nothing to measure yet', async () => {
    const view = shop(false);
    install({ ...view, channels: [], total: figures(), busiest: view.busiest.map((h) => ({ ...h, messages: 0 })) });
    void metrics.show();
    render(MetricsDialog);
    expect((await screen.findByTestId('metrics-empty')).textContent).toContain('Todavía no hay conversaciones');
  });
});
