// The metrics screen against a mocked shell: the figures in the seller's language, shop-hours
// figures only when the calendar has hours, the busy-hours grid, the empty shop, and each Mercado
// Libre account's reputation, rates, claims and months — read, not read yet, and failed.

import { render, screen, waitFor, within } from '@testing-library/svelte';
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import MetricsDialog from '$lib/components/metrics/MetricsDialog.svelte';
import type { ChannelMetrics, Metrics, RateStanding, SellerMetrics } from '$lib/ipc/bindings';
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
    mercado_libre: [],
  };
}

function rate(overrides: Partial<RateStanding> & Pick<RateStanding, 'kind' | 'rate'>): RateStanding {
  return {
    period: '60 days',
    period_days: 60,
    value: 1,
    real_rate: null,
    real_value: null,
    band: 'green',
    limit: 0.08,
    limit_level: 'green',
    ...overrides,
  };
}

/** A Mercado Libre account read an hour ago: light green, claims nearest their limit. */
function seller(overrides: Partial<SellerMetrics> = {}): SellerMetrics {
  return {
    account_id: 3,
    account_name: 'TALLERLUCIA',
    site_id: 'MLA',
    fetched_at: NOW - 3600,
    level: 'light_green',
    power_seller_status: null,
    real_level: null,
    protection_end: null,
    period: '60 days',
    period_days: 60,
    sales_completed: 71,
    rates: [
      rate({ kind: 'claims', rate: 0.0141, value: 1, band: 'light_green', limit: 0.015, limit_level: 'light_green' }),
      rate({ kind: 'delayed_handling_time', rate: 0.0423, value: 3 }),
      rate({ kind: 'cancellations', rate: 0, value: 0, limit: 0.005 }),
    ],
    closest: 'claims',
    open_claims: 2,
    months: [
      { month: '2025-03', sales: 36, visits: 2367, conversion: 36 / 2367 },
      { month: '2025-04', sales: 34, visits: 2419, conversion: 34 / 2419 },
      { month: '2025-05', sales: 0, visits: 0, conversion: null },
      { month: '2025-06', sales: 3, visits: null, conversion: null },
    ],
    failure: null,
    ...overrides,
  };
}

/** The accessible names of a chart's bars, in order. */
function bars(testid: string): string[] {
  return within(screen.getByTestId(testid))
    .getAllByRole('listitem')
    .map((bar) => (bar.getAttribute('aria-label') ?? '').replace(/\s/g, ' '));
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

  it("shows a Mercado Libre account's colour, the rate nearest its limit, claims and months, in Spanish", async () => {
    install({ ...shop(false), mercado_libre: [seller({ power_seller_status: 'gold' })] });
    void metrics.show();
    render(MetricsDialog);
    const standing = await screen.findByTestId('seller-standing');
    expect(standing.textContent).toContain('TALLERLUCIA');
    expect(standing.textContent).toContain('Leída de Mercado Libre hace 1 h');
    const level = screen.getByTestId('seller-level');
    expect(level.dataset.level).toBe('light_green');
    expect(level.textContent).toContain('Verde claro');
    expect(screen.getByTestId('seller-medal').textContent).toBe('MercadoLíder Gold');
    expect(screen.getByTestId('seller-period').textContent).toContain('Últimos 60 días · 71 ventas concretadas');

    const closest = screen.getByTestId('seller-closest').textContent?.replace(/\s+/g, ' ').trim();
    expect(closest).toBe('Lo más cerca de bajarte de color: Reclamos 1,41 % — el verde claro admite hasta 1,5 %');
    const rates = screen.getAllByTestId('seller-rate');
    expect(rates.map((r) => r.dataset.kind)).toEqual(['claims', 'delayed_handling_time', 'cancellations']);
    expect(rates[0]?.classList.contains('closest')).toBe(true);
    expect(rates[1]?.textContent?.replace(/\s+/g, ' ')).toContain('Despachos con demora 4,23 % 3 en el período — el verde admite hasta 8 %');
    expect(rates[2]?.textContent?.replace(/\s+/g, ' ')).toContain('0 % 0 en el período — el verde admite hasta 0,5 %');
    expect(screen.getByTestId('seller-open-claims').textContent).toBe('Reclamos abiertos: 2');

    // Numbers in the charts as text too; no visits means no conversion.
    expect(bars('seller-sales')).toEqual(['marzo de 2025: 36', 'abril de 2025: 34', 'mayo de 2025: 0', 'junio de 2025: 3']);
    expect(bars('seller-visits')).toEqual(['marzo de 2025: 2367', 'abril de 2025: 2419', 'mayo de 2025: 0', 'junio de 2025: —']);
    expect(bars('seller-conversion')).toEqual(['marzo de 2025: 1,52 %', 'abril de 2025: 1,41 %', 'mayo de 2025: —', 'junio de 2025: —']);
    expect(screen.getByTestId('seller-sales').textContent).toContain('mar');
  });

  it('says how far each rate is in English, and a red one is over orange', async () => {
    i18n.set('en');
    const red = seller({
      level: 'red',
      rates: [rate({ kind: 'claims', rate: 0.07, value: 5, band: 'red', limit: 0.06, limit_level: 'orange' })],
      closest: 'claims',
    });
    install({ ...shop(false), mercado_libre: [red] });
    void metrics.show();
    render(MetricsDialog);
    expect((await screen.findByTestId('seller-level')).textContent).toContain('Red');
    const closest = screen.getByTestId('seller-closest').textContent?.replace(/\s+/g, ' ').trim();
    expect(closest).toBe('Closest to costing you a colour: Claims 7% — over the 6% orange allows');
    expect(bars('seller-conversion')[0]).toBe('March 2025: 1.52%');
  });

  it('shows the account before Mercado Libre was read, even in an empty shop', async () => {
    const view = shop(false);
    const waiting = seller({ fetched_at: null, level: null, period: null, period_days: null, sales_completed: null, rates: [], closest: null, open_claims: null, months: view.months.map((m) => ({ month: m.month, sales: 0, visits: null, conversion: null })) });
    install({ ...view, channels: [], total: figures(), busiest: view.busiest.map((h) => ({ ...h, messages: 0 })), mercado_libre: [waiting] });
    void metrics.show();
    render(MetricsDialog);
    expect(await screen.findByTestId('metrics-empty')).toBeTruthy();
    expect(screen.getByTestId('seller-waiting').textContent).toBe(
      'Mercado Libre todavía no mandó tu reputación: aparece tras la próxima sincronización.',
    );
    expect(screen.queryByTestId('seller-level')).toBeNull();
    expect(bars('seller-visits')).toEqual(['marzo de 2025: —', 'abril de 2025: —', 'mayo de 2025: —', 'junio de 2025: —']);
  });

  it('says why the last read failed, above what was read before or instead of the wait', async () => {
    const failed = { code: 'permission_missing', detail: 'PA_UNAUTHORIZED_RESULT_FROM_POLICIES', at: NOW - 600 };
    install({
      ...shop(false),
      mercado_libre: [
        seller({ failure: failed }),
        seller({ account_id: 4, account_name: 'OTRA', fetched_at: null, failure: { ...failed, code: 'server_error' } }),
      ],
    });
    void metrics.show();
    render(MetricsDialog);
    const [kept, never] = await screen.findAllByTestId('seller-failure');
    expect(kept?.textContent).toContain('no tiene permiso para leer la reputación');
    expect(kept?.textContent).toContain('Ves lo último que se pudo leer.');
    expect(never?.textContent).toContain('Mercado Libre respondió con un error');
    expect(never?.textContent).not.toContain('Ves lo último');
    expect(screen.getAllByTestId('seller-level')).toHaveLength(1);
    expect(screen.queryByTestId('seller-waiting')).toBeNull();
  });

  it('tells a protected colour and a seller without one yet, in Portuguese', async () => {
    i18n.set('pt-BR');
    install({
      ...shop(false),
      mercado_libre: [
        seller({ level: 'green', real_level: 'orange', protection_end: NOW + 20 * 86_400 }),
        seller({ account_id: 5, level: null, period: '365 days', period_days: 365, rates: [], closest: null }),
      ],
    });
    void metrics.show();
    render(MetricsDialog);
    expect((await screen.findByTestId('seller-protected')).textContent).toContain('sem a proteção sua cor seria laranja');
    const levels = screen.getAllByTestId('seller-level');
    expect(levels[1]?.textContent).toContain('Ainda sem cor');
    expect(screen.getAllByTestId('seller-period')[1]?.textContent).toContain('Últimos 365 dias');
  });
});
