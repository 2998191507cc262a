// Buyer text is never HTML (ARCHITECTURE invariant 9): no raw-HTML tag and no DOM HTML setter anywhere.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// Spelled in pieces so that this file does not itself match the project's grep for these.
const rawHtml = new RegExp(['\\{@' + 'html', 'inner' + 'HTML', 'outer' + 'HTML', 'insertAdjacent' + 'HTML'].join('|'));

describe('untrusted text', () => {
  it('is never injected as HTML', () => {
    const root = join(__dirname, '..');
    const offenders = files(root)
      .filter((f) => /\.(svelte|ts)$/.test(f) && !f.endsWith('untrusted-text.test.ts'))
      .filter((f) => rawHtml.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
