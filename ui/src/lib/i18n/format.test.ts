// The formatters in each language and zone (waiting times, durations, dates, money), and the locale choice.

import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDuration, formatLastActivity, formatMoney, formatWaiting } from './format';
import { matchLocale, resolveLocale } from './locale';

describe('formatWaiting', () => {
  const cases: [number, string][] = [
    [0, '< 1 min'],
    [59, '< 1 min'],
    [60, '1 min'],
    [12 * 60 + 30, '12 min'],
    [3599, '59 min'],
    [3600, '1 h'],
    [3 * 3600 + 20 * 60, '3 h'],
    [23 * 3600 + 59 * 60, '23 h'],
    [2 * 86400 + 5 * 3600, '2 d'],
    [45 * 86400, '45 d'],
  ];

  for (const locale of ['es', 'pt-BR', 'en'] as const) {
    it(`speaks ${locale}`, () => {
      for (const [seconds, expected] of cases) expect(formatWaiting(seconds, locale)).toBe(expected);
    });
  }

  it('groups thousands the way each language does', () => {
    expect(formatWaiting(1234 * 86400, 'es')).toBe('1234 d');
    expect(formatWaiting(1234 * 86400, 'pt-BR')).toBe('1.234 d');
    expect(formatWaiting(1234 * 86400, 'en')).toBe('1,234 d');
  });

  it('treats a negative wait (clock skew) as just now', () => {
    expect(formatWaiting(-30, 'es')).toBe('< 1 min');
  });
});

describe('formatDuration', () => {
  it('keeps the second unit so response times can be compared', () => {
    expect(formatDuration(30, 'es')).toBe('< 1 min');
    expect(formatDuration(45 * 60, 'es')).toBe('45 min');
    expect(formatDuration(3600, 'es')).toBe('1 h');
    expect(formatDuration(70 * 60, 'pt-BR')).toBe('1 h 10 min');
    expect(formatDuration(26 * 3600 + 59, 'en')).toBe('1 d 2 h');
  });
});

describe('formatLastActivity', () => {
  const noon = Date.UTC(2025, 2, 12, 12, 0) / 1000; // Wednesday 12 March 2025, 12:00 UTC

  it('shows the time for today, then yesterday, the weekday, the date', () => {
    expect(formatLastActivity(noon - 3600, noon, 'es', 'UTC')).toBe('11:00');
    expect(formatLastActivity(noon - 86400, noon, 'es', 'UTC')).toBe('Ayer');
    expect(formatLastActivity(noon - 86400, noon, 'pt-BR', 'UTC')).toBe('Ontem');
    expect(formatLastActivity(noon - 86400, noon, 'en', 'UTC')).toBe('Yesterday');
    expect(formatLastActivity(noon - 3 * 86400, noon, 'en', 'UTC')).toBe('Sun');
    expect(formatLastActivity(noon - 30 * 86400, noon, 'en', 'UTC')).toBe('Feb 10');
    expect(formatLastActivity(noon - 400 * 86400, noon, 'en', 'UTC')).toBe('Feb 6, 2024');
  });

  it('counts days in the shop’s time zone', () => {
    // 01:00 UTC on the 12th is still the 11th in Córdoba (UTC−3).
    const earlyUtc = Date.UTC(2025, 2, 12, 1, 0) / 1000;
    expect(formatLastActivity(earlyUtc, noon, 'es', 'UTC')).toBe('1:00');
    expect(formatLastActivity(earlyUtc, noon, 'es', 'America/Argentina/Cordoba')).toBe('Ayer');
  });
});

describe('formatMoney', () => {
  const plain = (text: string) => text.replace(/\s/g, ' ');

  it('reads minor units in the currency’s own precision and local style', () => {
    expect(plain(formatMoney(1_250_050, 'ARS', 'es'))).toBe('$ 12.500,50');
    expect(plain(formatMoney(8990, 'BRL', 'pt-BR'))).toBe('R$ 89,90');
    expect(formatMoney(2599, 'USD', 'en')).toBe('$25.99');
    expect(plain(formatMoney(15000, 'CLP', 'es'))).toMatch(/^\$ ?15\.000$/);
  });

  it('drops the cents of whole amounts, as price tags do', () => {
    expect(plain(formatMoney(1_800_000, 'ARS', 'es'))).toBe('$ 18.000');
    expect(formatMoney(2500, 'USD', 'en')).toBe('$25');
  });

  it('names a foreign currency in the seller’s language', () => {
    expect(plain(formatMoney(1_800_000, 'ARS', 'en'))).toBe('ARS 18,000');
    expect(plain(formatMoney(1_800_000, 'ARS', 'pt-BR'))).toBe('ARS 18.000');
  });

  it('still shows a number for a code Intl does not know', () => {
    expect(formatMoney(1000, 'XX', 'en')).toBe('XX 10.00');
  });
});

describe('formatCalendarDate', () => {
  it('keeps the agreed day whatever the time zone', () => {
    expect(formatCalendarDate('2025-12-12', 'en')).toBe('Fri, Dec 12, 2025');
    expect(formatCalendarDate('not a date', 'en')).toBe('not a date');
  });
});

describe('choosing the language', () => {
  it('maps system locales to the app’s languages', () => {
    expect(matchLocale('pt-PT')).toBe('pt-BR');
    expect(matchLocale('pt_BR.UTF-8')).toBe('pt-BR');
    expect(matchLocale('es-MX')).toBe('es');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('fr-FR')).toBeNull();
    expect(matchLocale(null)).toBeNull();
  });

  it('prefers the saved choice, then the OS, then the webview, then Spanish', () => {
    expect(resolveLocale('en', 'pt-BR', 'es')).toBe('en');
    expect(resolveLocale(null, 'pt-BR', 'en-US')).toBe('pt-BR');
    expect(resolveLocale(null, null, 'en-US')).toBe('en');
    expect(resolveLocale(null, 'fr-FR', 'en-US')).toBe('es');
    expect(resolveLocale(null, null, null)).toBe('es');
  });
});
