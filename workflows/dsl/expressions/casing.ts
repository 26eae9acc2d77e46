// Case conversion with .NET semantics. .NET's invariant culture maps one character to one
// character (ß stays ß in upper case), whereas JavaScript's toUpperCase() applies the full Unicode
// mapping (ß → SS); the helpers here keep the .NET behaviour so values match what Entra sends.

const DOTTED_CAPITAL_I = '\u0130';

function simpleMap(text: string, map: (ch: string) => string): string {
  let out = '';
  for (const ch of text) {
    const mapped = map(ch);
    out += Array.from(mapped).length === 1 ? mapped : ch;
  }
  return out;
}

export function invariantLower(text: string): string {
  return simpleMap(text, (ch) => (ch === DOTTED_CAPITAL_I ? 'i' : ch.toLowerCase()));
}

export function invariantUpper(text: string): string {
  return simpleMap(text, (ch) => ch.toUpperCase());
}

// The Unicode categories .NET's TextInfo.ToTitleCase treats as word separators.
const TITLE_CASE_SEPARATOR = /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;
const LETTER = /\p{L}/u;

/**
 * PCase without separators: lower-case everything, then title-case like .NET ToTitleCase. A word
 * starts at a letter and runs until a separator; an apostrophe inside a word does not end it
 * (so "O'BRIEN" becomes "O'brien", as in Entra) and neither do digits.
 */
export function properCaseDefault(text: string): string {
  const lowered = invariantLower(text);
  let out = '';
  let inWord = false;
  for (const ch of lowered) {
    if (inWord) {
      if (ch !== "'" && !LETTER.test(ch) && TITLE_CASE_SEPARATOR.test(ch)) inWord = false;
      out += ch;
    } else if (LETTER.test(ch)) {
      out += invariantUpper(ch);
      inWord = true;
    } else {
      out += ch;
    }
  }
  return out;
}

/** PCase with explicit separators: only those characters split words. */
export function properCaseWith(text: string, separators: string): string {
  const split = new Set(separators);
  let out = '';
  let atWordStart = true;
  for (const ch of invariantLower(text)) {
    if (split.has(ch)) {
      out += ch;
      atWordStart = true;
    } else {
      out += atWordStart ? invariantUpper(ch) : ch;
      atWordStart = false;
    }
  }
  return out;
}
