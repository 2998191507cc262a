// A day as the capture dialogs' date inputs want it (`YYYY-MM-DD`), on this computer's calendar.

/** `YYYY-MM-DD` of `date` on this computer's calendar, for date inputs. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
