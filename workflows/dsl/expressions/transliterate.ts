// Transliterate: any script written in ASCII Latin letters, so a name with no Latin letters
// (王芳, Иван, Γιώργος, محمد, प्रिया) still yields a logon name and a mail alias.
//
// any-ascii does the romanisation: it covers every Unicode block (CJK, kana, Hangul, Cyrillic,
// Greek, Arabic, Indic scripts…) from one table, is pure and synchronous (safe in workflow code,
// where mappings are evaluated and replayed) and has no dependencies.
//
// Emoji and other pictographs are dropped rather than spelled out: any-ascii would turn 😀 into
// ":grinning:", which is not part of anyone's name, so an emoji-only name yields "" and the
// mapping falls back to its documented pattern instead of a logon name like "grinning".

import anyAscii from 'any-ascii';

// Non-ASCII symbols (\p{S} covers pictographs, skin tones and regional indicators) and the joiners,
// variation selectors and keycap mark that glue emoji sequences together.
const NOT_A_NAME = /(?![\x20-\x7e])(?:[\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0e|\ufe0f|\u20e3)/gu;

export function transliterate(text: string): string {
  return anyAscii(text.replace(NOT_A_NAME, ''));
}
