// The zones the time-zone select offers: every zone this system knows, else the Americas and the
// Iberian ones sellers use, always with the current one first in reach.

const FALLBACK = [
  'America/Argentina/Buenos_Aires',
  'America/Argentina/Cordoba',
  'America/Asuncion',
  'America/Bogota',
  'America/Caracas',
  'America/Guatemala',
  'America/La_Paz',
  'America/Lima',
  'America/Mexico_City',
  'America/Montevideo',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/New_York',
  'Europe/Lisbon',
  'Europe/Madrid',
  'UTC',
];

export function timeZones(current: string | null): string[] {
  let all: string[];
  try {
    all = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? FALLBACK;
  } catch {
    all = FALLBACK;
  }
  if (all.length === 0) all = FALLBACK;
  return current && !all.includes(current) ? [current, ...all] : all;
}
