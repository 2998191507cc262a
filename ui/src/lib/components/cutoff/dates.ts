// Shop dates (`YYYY-MM-DD`, already in the shop's zone) as a seller reads them. Formatting only:
// which day is which comes from the core.

import { translate } from '$lib/i18n/i18n.svelte';
import type { Locale } from '$lib/i18n/locale';

function utc(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  const a = utc(from);
  const b = utc(to);
  if (!a || !b) return 0;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** "martes 10 de marzo" / "terça-feira, 10 de março" / "Tuesday, March 10". */
export function longDate(iso: string, locale: Locale): string {
  const date = utc(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** "hoy, martes 10 de marzo", "mañana, …", or the long date. */
export function relativeDate(iso: string, today: string, locale: Locale): string {
  const days = daysBetween(today, iso);
  if (days === 0) return `${translate(locale, 'cutoff.banner.todayWord')}, ${longDate(iso, locale)}`;
  if (days === 1) return `${translate(locale, 'cutoff.banner.tomorrow')}, ${longDate(iso, locale)}`;
  return longDate(iso, locale);
}

/** "40 min" / "2 h 05 min". */
export function minutesLeft(minutes: number, locale: Locale): string {
  if (minutes < 60) return translate(locale, 'cutoff.banner.leftMinutes', { m: String(minutes) });
  const m = String(minutes % 60).padStart(2, '0');
  return translate(locale, 'cutoff.banner.leftHours', { h: String(Math.floor(minutes / 60)), m });
}

/** `YYYY-MM-DD` of a UTC date. */
export function isoOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = utc(iso) ?? new Date();
  return isoOf(new Date(date.getTime() + days * 86_400_000));
}
