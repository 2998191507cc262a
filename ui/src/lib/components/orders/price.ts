// The order editor's price field: what the seller types, read into the core's minor units and back.

/**
 * Prices as sellers type them, in major units, to the core's minor units. Sellers write in their
 * own way whatever the app's language: "16900", "16.900", "16.900,50", "16900,5", "$ 1,500",
 * "1,234.50", "R$ 89,90". A separator followed by exactly three digits groups thousands (no price has
 * three decimals); otherwise the last separator is the decimal one. Returns null for anything else.
 */
export function parsePrice(text: string): number | null {
  // Currency signs and codes around the number ("$", "R$", "US$", "ARS").
  const trimmed = text.replace(/\s/g, '');
  if (trimmed === '') return 0;
  const bare = trimmed.replace(/^(?:[A-Za-z]{0,3}\$|[A-Z]{3})/, '').replace(/(?:[A-Za-z]{0,3}\$|[A-Z]{3})$/, '');
  if (!/^\d[\d.,]*$/.test(bare) || /[.,]$/.test(bare)) return null;
  const groups = bare.split(/[.,]/);
  const separators = bare.replace(/\d/g, '');
  const last = groups[groups.length - 1] ?? '';
  const lastSeparator = separators[separators.length - 1];
  // The decimal part, if any: the last group after the last separator, when it is one or two digits
  // and that separator is not also used earlier (then it groups thousands: "1.234.567").
  const hasDecimals = lastSeparator !== undefined && last.length <= 2 && separators.indexOf(lastSeparator) === separators.length - 1;
  const whole = hasDecimals ? groups.slice(0, -1) : groups;
  // Grouped thousands: one to three digits first, then groups of exactly three.
  if (whole.length > 1 && ((whole[0] ?? '').length > 3 || whole.slice(1).some((group) => group.length !== 3))) {
    return null;
  }
  // One thousands separator throughout, and not the decimal one.
  const thousands = new Set(hasDecimals ? separators.slice(0, -1) : separators);
  if (thousands.size > 1 || (hasDecimals && thousands.has(lastSeparator))) return null;
  const units = Number(whole.join(''));
  const cents = hasDecimals ? Number(last.padEnd(2, '0')) : 0;
  const minor = units * 100 + cents;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units back to what the seller typed: "16900", "16900,50" in the app's style. */
export function priceText(minor: number): string {
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2).replace('.', ',');
}
