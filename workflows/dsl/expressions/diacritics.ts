// NormalizeDiacritics: Entra's table maps accented Latin letters to plain ones and a few letters
// to two-letter spellings (æ → ae, ø → oe, ß → ss). Decomposing to NFD and dropping combining
// marks covers every single-letter row of that table (ā́, ḹ and ẕ included); the letters that
// have no decomposition are mapped explicitly.

const LETTER_REPLACEMENTS: Readonly<Record<string, string>> = {
  æ: 'ae',
  Æ: 'AE',
  ø: 'oe',
  Ø: 'OE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
};

// Combining Diacritical Marks and their Extended/Supplement/Half-mark blocks. Marks of other
// scripts (Devanagari vowel signs, kana voicing marks) are part of the letter and are kept.
const COMBINING_MARK_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];

function isDiacriticMark(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return COMBINING_MARK_RANGES.some(([from, to]) => code >= from && code <= to);
}
const SPECIAL_LETTERS = /[æÆøØœŒßłŁı]/g;

export function normalizeDiacritics(text: string): string {
  const stripped = Array.from(text.normalize('NFD'))
    .filter((ch) => !isDiacriticMark(ch))
    .join('');
  // NFC afterwards re-composes scripts that NFD split without accents, such as Hangul syllables.
  return stripped.replace(SPECIAL_LETTERS, (letter) => LETTER_REPLACEMENTS[letter] ?? letter).normalize('NFC');
}
