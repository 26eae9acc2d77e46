// .NET custom date and time format strings (the inputFormat/outputFormat of FormatDateTime),
// tokenised here and mapped onto date-fns tokens. Results are always in UTC, so offset
// specifiers print as zero offsets when formatting; when parsing they are honoured.

import { format, isValid, parse } from 'date-fns';
import { utc } from './datetime.ts';

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: string; readonly count: number };

const SPECIFIER_LETTERS = new Set(['d', 'f', 'F', 'g', 'h', 'H', 'K', 'm', 'M', 's', 't', 'y', 'z']);

/**
 * One-letter formats are .NET standard formats. The provisioning service renders dates with the
 * en-US culture (its Now() is `M/d/yyyy h:mm:ss tt`), so the culture-specific ones use en-US.
 */
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  m: 'MMMM d',
  M: 'MMMM d',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, MMMM d, yyyy h:mm:ss tt',
  y: 'MMMM yyyy',
  Y: 'MMMM yyyy',
};

export class FormatStringError extends Error {}

export function tokenize(pattern: string): Token[] {
  if (pattern.length === 1) {
    const standard = STANDARD_FORMATS[pattern];
    if (standard === undefined) throw new FormatStringError(`'${pattern}' is not a .NET standard date format`);
    return tokenize(standard);
  }
  const tokens: Token[] = [];
  const literal = (text: string): void => {
    const last = tokens.at(-1);
    if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + text };
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (ch === "'" || ch === '"') {
      const close = pattern.indexOf(ch, i + 1);
      if (close < 0) throw new FormatStringError(`unterminated quoted text starting at position ${i + 1} of '${pattern}'`);
      literal(pattern.slice(i + 1, close));
      i = close + 1;
    } else if (ch === '\\') {
      if (i + 1 >= pattern.length) throw new FormatStringError(`'${pattern}' ends with a lone backslash`);
      literal(pattern.charAt(i + 1));
      i += 2;
    } else if (ch === '%') {
      // `%d` makes a lone specifier custom instead of standard.
      i++;
    } else if (SPECIFIER_LETTERS.has(ch)) {
      let count = 1;
      while (pattern.charAt(i + count) === ch) count++;
      tokens.push({ kind: 'field', letter: ch, count });
      i += count;
    } else {
      literal(ch);
      i++;
    }
  }
  return tokens;
}

/** The date-fns token for a .NET field, or null when the field needs custom handling. */
function dateFnsToken(letter: string, count: number): string | null {
  switch (letter) {
    case 'd':
      return count === 1 ? 'd' : count === 2 ? 'dd' : count === 3 ? 'EEE' : 'EEEE';
    case 'M':
      return 'M'.repeat(Math.min(count, 4));
    case 'y':
      return count === 1 ? null : 'y'.repeat(count);
    case 'h':
    case 'H':
    case 'm':
    case 's':
      return letter.repeat(Math.min(count, 2));
    case 'f':
      if (count > 7) throw new FormatStringError(`'${'f'.repeat(count)}' has more than 7 fraction digits`);
      return 'S'.repeat(count);
    case 't':
      return count === 1 ? null : 'a';
    default:
      return null;
  }
}

export function formatDotNet(epochMs: number, pattern: string): string {
  let out = '';
  for (const token of tokenize(pattern)) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const { letter, count } = token;
    const mapped = dateFnsToken(letter, count);
    if (mapped !== null) {
      out += format(epochMs, mapped, { in: utc });
    } else if (letter === 'F') {
      if (count > 7) throw new FormatStringError(`'${'F'.repeat(count)}' has more than 7 fraction digits`);
      const digits = format(epochMs, 'S'.repeat(count), { in: utc }).replace(/0+$/, '');
      // .NET drops the decimal point too when F prints nothing.
      out = digits === '' && out.endsWith('.') ? out.slice(0, -1) : out + digits;
    } else if (letter === 'y') {
      out += String(new Date(epochMs).getUTCFullYear() % 100);
    } else if (letter === 't') {
      out += format(epochMs, 'a', { in: utc }).charAt(0);
    } else if (letter === 'z') {
      out += count === 1 ? '+0' : count === 2 ? '+00' : '+00:00';
    } else if (letter === 'K') {
      out += 'Z';
    } else if (letter === 'g') {
      out += 'A.D.';
    }
  }
  return out;
}

/**
 * Parses `text` against a .NET format. Fields the format leaves out come from `reference` (so a
 * time-only format lands on the reference day). Returns epoch ms, or null when it does not match.
 */
export function parseDotNet(text: string, pattern: string, reference: number): number | null {
  const tokens = tokenize(pattern);
  let dateFnsPattern = '';
  let twoDigitYear = false;
  for (const token of tokens) {
    if (token.kind === 'literal') {
      dateFnsPattern += token.text === '' ? '' : `'${token.text.replace(/'/g, "''")}'`;
      continue;
    }
    const { letter, count } = token;
    if (letter === 'y' && count === 2) twoDigitYear = true;
    if (letter === 'z') dateFnsPattern += count < 3 ? 'X' : 'XXX';
    else if (letter === 'K') dateFnsPattern += 'XXX';
    else if (letter === 'g') dateFnsPattern += "'A.D.'";
    else {
      const mapped = dateFnsToken(letter, count);
      if (mapped === null) throw new FormatStringError(`'${letter.repeat(count)}' can be used in an output format but not to read dates`);
      dateFnsPattern += mapped;
    }
  }
  // date-fns places two-digit years within 50 years of the reference year; a 2000 reference gives
  // .NET's 1950-2049 window whatever today's date is.
  const base = twoDigitYear ? Date.UTC(2000, 0, 1) : reference;
  let parsed: Date;
  try {
    parsed = parse(text, dateFnsPattern, base, { in: utc });
  } catch (error) {
    // date-fns rejects contradictory token sets (e.g. 24-hour HH together with AM/PM).
    if (error instanceof RangeError) throw new FormatStringError(`'${pattern}' combines fields that contradict each other`);
    throw error;
  }
  return isValid(parsed) ? parsed.getTime() : null;
}
