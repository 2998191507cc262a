// Prices as sellers type them (any separator habit, currency signs) read into minor units, and shown back.

import { describe, expect, it } from 'vitest';
import { parsePrice, priceText } from './price';

describe('parsePrice', () => {
  it.each([
    ['16900', 1_690_000],
    ['16.900', 1_690_000],
    ['16.900,50', 1_690_050],
    ['16900,5', 1_690_050],
    ['16900.50', 1_690_050],
    ['$ 1,500', 150_000],
    ['1,234.50', 123_450],
    ['1.234.567', 123_456_700],
    ['1,234,567.8', 123_456_780],
    ['R$ 89,90', 8990],
    ['US$12', 1200],
    ['89,90 ARS', 8990],
    ['', 0],
    ['  ', 0],
  ])('reads %j as %i minor units', (text, minor) => {
    expect(parsePrice(text)).toBe(minor);
  });

  it.each(['abc', '12a', '1.2.3', '1,23,456', '12,', '1.234,567', '1,2.3', '--5', '1.234.56,7', '16900,500'])('refuses %j', (text) => {
    expect(parsePrice(text)).toBeNull();
  });

  it('round-trips what the editor shows', () => {
    for (const minor of [0, 5, 150_000, 1_690_050, 8990]) {
      expect(parsePrice(priceText(minor))).toBe(minor);
    }
  });
});
