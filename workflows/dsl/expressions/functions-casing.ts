// Letter case and accents.

import type { FunctionCall, FunctionDeclaration } from './registry-types.ts';
import { invariantLower, invariantUpper, properCaseDefault, properCaseWith } from './casing.ts';
import { normalizeDiacritics } from './diacritics.ts';
import { transliterate } from './transliterate.ts';
import { textArg } from './function-args.ts';

function cultureArg(call: FunctionCall): string | null {
  const culture = textArg(call, 1, 'culture');
  if (culture === null || culture.trim() === '') return null;
  try {
    return Intl.getCanonicalLocales(culture.trim())[0] ?? null;
  } catch (error) {
    if (error instanceof RangeError) return call.fail(`'${culture}' is not a culture name such as en-US or tr-TR`, 1);
    throw error;
  }
}

function convertCase(call: FunctionCall, direction: 'lower' | 'upper'): string | null {
  const source = textArg(call, 0, 'source');
  const culture = cultureArg(call);
  if (source === null) return null;
  if (culture === null) return direction === 'lower' ? invariantLower(source) : invariantUpper(source);
  return direction === 'lower' ? source.toLocaleLowerCase(culture) : source.toLocaleUpperCase(culture);
}

export const casingFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'ToLower',
    signature: 'ToLower(source[, culture])',
    description: 'Lower-cases source with the rules of culture (e.g. tr-TR), or the invariant culture.',
    minArgs: 1,
    maxArgs: 2,
    emptyAllowed: [1],
    evaluate: (call) => convertCase(call, 'lower'),
  },
  {
    name: 'ToUpper',
    signature: 'ToUpper(source[, culture])',
    description: 'Upper-cases source with the rules of culture (e.g. tr-TR), or the invariant culture.',
    minArgs: 1,
    maxArgs: 2,
    emptyAllowed: [1],
    evaluate: (call) => convertCase(call, 'upper'),
  },
  {
    name: 'PCase',
    signature: 'PCase(source[, wordSeparators])',
    description: 'Proper case: first letter of each word upper-case, the rest lower-case; words split at punctuation, symbols and spaces, or only at wordSeparators.',
    minArgs: 1,
    maxArgs: 2,
    emptyAllowed: [1],
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      const separators = textArg(call, 1, 'wordSeparators');
      if (source === null) return null;
      return separators === null || separators === '' ? properCaseDefault(source) : properCaseWith(source, separators);
    },
  },
  {
    name: 'NormalizeDiacritics',
    signature: 'NormalizeDiacritics(source)',
    description: 'Replaces accented letters with plain ones (Zoë → Zoe, æ → ae, ß → ss).',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      return source === null ? null : normalizeDiacritics(source);
    },
  },
  {
    name: 'Transliterate',
    signature: 'Transliterate(source)',
    description: 'Writes source in ASCII Latin letters, whatever its script (王芳 → WangFang, Иван → Ivan, Γιώργος → Giorgos); emoji and other symbols are dropped. Not an Entra function.',
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const source = textArg(call, 0, 'source');
      return source === null ? null : transliterate(source);
    },
  },
];
