// Which of the app's languages to speak, from the seller's choice or the system's locale.

import type { Language } from '$lib/ipc/bindings';

export type Locale = Language;

export const LOCALES: readonly Locale[] = ['es', 'pt-BR', 'en'];

/** The app speaks Spanish unless told otherwise: most sellers it was made for write in Spanish. */
export const DEFAULT_LOCALE: Locale = 'es';

/** Maps any BCP 47 tag (or POSIX locale such as `pt_BR.UTF-8`) to one of the app's languages. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const language = tag.trim().toLowerCase().split(/[-_.@]/)[0];
  switch (language) {
    case 'pt':
      return 'pt-BR';
    case 'es':
      return 'es';
    case 'en':
      return 'en';
    default:
      return null;
  }
}

/**
 * The seller's saved choice wins; otherwise the operating system's locale (or, when the shell could
 * not tell, the webview's), and Spanish when the system speaks none of the app's languages.
 */
export function resolveLocale(
  chosen: Language | null | undefined,
  osLocale: string | null | undefined,
  browserLanguage: string | null | undefined,
): Locale {
  if (chosen) return chosen;
  return matchLocale(osLocale ?? browserLanguage) ?? DEFAULT_LOCALE;
}
