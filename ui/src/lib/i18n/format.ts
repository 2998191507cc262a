// Turns the core's numbers (seconds, unix times, minor units) into text in the active language.
// Only formatting lives here: waiting times and totals are computed by the core.

import { translate } from './i18n.svelte';
import type { Locale } from './locale';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long a buyer has waited, short enough for a list row: "12 min", "3 h", "2 d". */
export function formatWaiting(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < MINUTE) return translate(locale, 'time.lessThanMinute');
  if (s < HOUR) return translate(locale, 'time.minutes', { n: Math.floor(s / MINUTE) });
  if (s < DAY) return translate(locale, 'time.hours', { n: Math.floor(s / HOUR) });
  return translate(locale, 'time.days', { n: Math.floor(s / DAY) });
}

/** A response time, precise enough to compare: "< 1 min", "45 min", "1 h 10 min", "2 d 3 h". */
export function formatDuration(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < MINUTE) return translate(locale, 'time.lessThanMinute');
  if (s < HOUR) return translate(locale, 'time.minutes', { n: Math.floor(s / MINUTE) });
  const days = s >= DAY;
  const whole = days
    ? translate(locale, 'time.days', { n: Math.floor(s / DAY) })
    : translate(locale, 'time.hours', { n: Math.floor(s / HOUR) });
  const part = days ? Math.floor((s % DAY) / HOUR) : Math.floor((s % HOUR) / MINUTE);
  if (part === 0) return whole;
  return `${whole} ${translate(locale, days ? 'time.hours' : 'time.minutes', { n: part })}`;
}

// Building an Intl formatter is costly next to using one; list rows ask for the same few again and again.
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(
  locale: string,
  timeZone: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // An unknown zone name in the settings must not break the screen: fall back to the system's.
      format = new Intl.DateTimeFormat(locale, options);
    }
    formatters.set(key, format);
  }
  return format;
}

/** The calendar day of an instant in a zone, as a comparable `YYYY-MM-DD`. */
function dayKey(unixSeconds: number, timeZone: string | undefined): string {
  const parts = dateTimeFormat('en-US', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(unixSeconds * 1000));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function daysBetween(fromSeconds: number, toSeconds: number, timeZone: string | undefined): number {
  const toUtcDay = (key: string) => {
    const [y, m, d] = key.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
  };
  return toUtcDay(dayKey(toSeconds, timeZone)) - toUtcDay(dayKey(fromSeconds, timeZone));
}

/** A clock time: "14:05" (or "2:05 PM" in English). */
export function formatTime(unixSeconds: number, locale: Locale, timeZone?: string): string {
  return dateTimeFormat(locale, timeZone, { hour: 'numeric', minute: '2-digit' }).format(
    new Date(unixSeconds * 1000),
  );
}

/** A full date and time, for tooltips. */
export function formatDateTime(unixSeconds: number, locale: Locale, timeZone?: string): string {
  return dateTimeFormat(locale, timeZone, { dateStyle: 'full', timeStyle: 'short' }).format(
    new Date(unixSeconds * 1000),
  );
}

/** A deadline within days, short enough for a button: "lun, 14 dic, 5:43". */
export function formatShortDateTime(unixSeconds: number, locale: Locale, timeZone?: string): string {
  return dateTimeFormat(locale, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(unixSeconds * 1000));
}

/** A day without the time: "12 mar 2025". */
export function formatDate(unixSeconds: number, locale: Locale, timeZone?: string): string {
  return dateTimeFormat(locale, timeZone, { dateStyle: 'medium' }).format(new Date(unixSeconds * 1000));
}

/**
 * When something last happened, as inbox lists show it: the time today, "Ayer", the weekday within
 * the week, then the date.
 */
export function formatLastActivity(
  unixSeconds: number,
  nowSeconds: number,
  locale: Locale,
  timeZone?: string,
): string {
  const days = daysBetween(unixSeconds, nowSeconds, timeZone);
  const date = new Date(unixSeconds * 1000);
  if (days <= 0) return formatTime(unixSeconds, locale, timeZone);
  if (days === 1) return translate(locale, 'time.yesterday');
  if (days < 7) return dateTimeFormat(locale, timeZone, { weekday: 'short' }).format(date);
  const sameYear = dayKey(unixSeconds, timeZone).slice(0, 4) === dayKey(nowSeconds, timeZone).slice(0, 4);
  return dateTimeFormat(locale, timeZone, {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  }).format(date);
}

/** The separator above a day's messages: "Hoy", "Ayer" or "lunes, 3 de marzo". */
export function formatDayHeading(
  unixSeconds: number,
  nowSeconds: number,
  locale: Locale,
  timeZone?: string,
): string {
  const days = daysBetween(unixSeconds, nowSeconds, timeZone);
  if (days === 0) return translate(locale, 'conversation.today');
  if (days === 1) return translate(locale, 'conversation.yesterday');
  const sameYear = dayKey(unixSeconds, timeZone).slice(0, 4) === dayKey(nowSeconds, timeZone).slice(0, 4);
  return dateTimeFormat(locale, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: sameYear ? undefined : 'numeric',
  }).format(new Date(unixSeconds * 1000));
}

/** The day a message was sent, to group a conversation by day. */
export function messageDay(unixSeconds: number, timeZone?: string): string {
  return dayKey(unixSeconds, timeZone);
}

/** An agreed date stored as `YYYY-MM-DD` (a calendar day, not an instant): "vie, 12 dic". */
export function formatCalendarDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Where a currency is at home: its sellers expect its local style ("$ 12.500" for pesos). */
const CURRENCY_REGION: Record<string, string> = {
  ARS: 'AR',
  BRL: 'BR',
  MXN: 'MX',
  CLP: 'CL',
  COP: 'CO',
  UYU: 'UY',
  PEN: 'PE',
  PYG: 'PY',
  BOB: 'BO',
  USD: 'US',
};

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * An amount in the currency's minor unit (centavos), in that currency: "$ 12.500", "R$ 89,90".
 * Whole amounts drop their ",00", as price tags do.
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const language = locale.split('-')[0] ?? locale;
  const region = CURRENCY_REGION[currency.toUpperCase()];
  // Spanish in pesos reads best the way that country writes it; other pairs keep the UI's locale.
  const tag = region && (language === 'es' || locale === `${language}-${region}`) ? `${language}-${region}` : locale;
  try {
    const digits = moneyFormat(tag, currency, false).resolvedOptions().maximumFractionDigits ?? 2;
    const scale = 10 ** digits;
    return moneyFormat(tag, currency, minor % scale === 0).format(minor / scale);
  } catch {
    // Not an ISO 4217 code: still show the number rather than nothing.
    const amount = new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(minor / 100);
    return `${currency} ${amount}`;
  }
}

/** A file size: "820 B", "12 kB", "3,4 MB". */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
