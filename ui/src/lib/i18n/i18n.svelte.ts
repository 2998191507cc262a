// The app's small translation layer: one reactive locale, typed message keys, `{name}` placeholders.

import en from '../../locales/en.json';
import es from '../../locales/es.json';
import ptBR from '../../locales/pt-BR.json';
import { DEFAULT_LOCALE, type Locale } from './locale';

type Messages = typeof es;

/** Dotted paths to every string in the Spanish file, e.g. `inbox.title`. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageKey = Leaves<Messages>;
export type Params = Record<string, string | number>;

// Typed against the Spanish file, so a key missing in another language fails `npm run check`.
const dictionaries: Record<Locale, Messages> = { es, 'pt-BR': ptBR, en };

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates without touching the reactive state; formatters and tests use this. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = lookup(dictionaries[locale], key) ?? lookup(dictionaries[DEFAULT_LOCALE], key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

class I18n {
  locale = $state<Locale>(DEFAULT_LOCALE);

  /** Reads `locale`, so templates that call it update when the language changes. */
  t = (key: MessageKey, params?: Params): string => translate(this.locale, key, params);

  set(locale: Locale): void {
    this.locale = locale;
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();
export const t = i18n.t;
