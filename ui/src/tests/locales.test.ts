// The three locale files: the same keys in each, placeholders that match, and a sentence for every error code.

import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import es from '../locales/es.json';
import ptBR from '../locales/pt-BR.json';
import { ERROR_CODES } from '$lib/ipc/bindings';

function flatten(node: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const locales = { es: flatten(es), 'pt-BR': flatten(ptBR), en: flatten(en) };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  it('have exactly the same keys in every language', () => {
    const spanish = Object.keys(locales.es).sort();
    expect(Object.keys(locales['pt-BR']).sort()).toEqual(spanish);
    expect(Object.keys(locales.en).sort()).toEqual(spanish);
  });

  it('use the same placeholders for the same key', () => {
    for (const [key, text] of Object.entries(locales.es)) {
      expect(placeholders(locales['pt-BR'][key] ?? ''), `pt-BR ${key}`).toEqual(placeholders(text));
      expect(placeholders(locales.en[key] ?? ''), `en ${key}`).toEqual(placeholders(text));
    }
  });

  it('leave no string empty', () => {
    for (const [language, strings] of Object.entries(locales)) {
      for (const [key, text] of Object.entries(strings)) expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('translate every error code the shell sends', () => {
    for (const code of ERROR_CODES) expect(locales.es[`errors.${code}`], code).toBeDefined();
  });

  it('name the inbox as the end-to-end tests expect', () => {
    expect(locales.es['inbox.title']).toBe('Bandeja de entrada');
    expect(locales['pt-BR']['inbox.title']).toBe('Caixa de entrada');
    expect(locales.en['inbox.title']).toBe('Inbox');
  });
});
