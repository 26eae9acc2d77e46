/**
 * Splits expression text into coloured spans for the editor. Unlike the language's lexer it never
 * throws: half-typed text (an open string, a stray character) must still be shown as typed.
 */
export type SpanKind = 'function' | 'attribute' | 'string' | 'number' | 'operator' | 'punctuation' | 'name' | 'space' | 'unknown';

export interface Span {
  kind: SpanKind;
  start: number;
  end: number;
}

const rules: [SpanKind, RegExp][] = [
  ['space', /^\s+/],
  ['string', /^"(?:[^"\\]|\\.)*(?:"|$)/],
  ['attribute', /^\[[^\]]*(?:\]|$)/],
  ['number', /^(?:&[hH][0-9a-fA-F]+|-?\d+(?:\.\d+)?)/],
  ['name', /^[A-Za-z_][A-Za-z0-9_]*/],
  ['operator', /^(?:<>|<=|>=|=|<|>|&)/],
  ['punctuation', /^[(),]/],
];

export function highlight(source: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    let matched = false;
    for (const [kind, re] of rules) {
      const m = re.exec(rest);
      if (!m) continue;
      const end = i + m[0].length;
      // A name followed by "(" is a function call.
      const isCall = kind === 'name' && /^\s*\(/.test(source.slice(end));
      spans.push({ kind: isCall ? 'function' : kind, start: i, end });
      i = end;
      matched = true;
      break;
    }
    if (!matched) {
      spans.push({ kind: 'unknown', start: i, end: i + 1 });
      i++;
    }
  }
  return spans;
}
