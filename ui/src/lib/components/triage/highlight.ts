// Splits a text at the core's highlight ranges (UTF-16 offsets, the unit of JS strings) into plain
// and marked pieces, so the view renders every piece as text — never as HTML.

import type { TextRange } from '$lib/ipc/bindings';

export type Piece = { text: string; marked: boolean };

export function pieces(text: string, ranges: readonly TextRange[]): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (const { start, end } of sorted) {
    const from = Math.max(at, Math.min(start, text.length));
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > at) out.push({ text: text.slice(at, from), marked: false });
    out.push({ text: text.slice(from, to), marked: true });
    at = to;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), marked: false });
  return out;
}
