// Generated values. Randomness comes only from ctx.random, so the same context (seeded PRNG)
// yields the same GUIDs and passwords when a Temporal workflow replays.

import type { FunctionCall, FunctionDeclaration } from './registry-types.ts';
import { integerArg, textArg } from './function-args.ts';

// The character classes of Windows' "password must meet complexity requirements" policy, which
// Entra's RandomString documentation points to.
const DIGITS = '0123456789';
const SPECIALS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWERS = 'abcdefghijklmnopqrstuvwxyz';
const MAX_LENGTH = 256;

function randomIndex(call: FunctionCall, size: number): number {
  const r = call.ctx.random();
  if (!(r >= 0 && r < 1)) call.fail(`the context's random() returned ${r}; it must return numbers in [0, 1)`);
  return Math.floor(r * size);
}

function pick(call: FunctionCall, pool: string): string {
  return pool.charAt(randomIndex(call, pool.length));
}

export const randomFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'Guid',
    signature: 'Guid()',
    description: 'A new random (version 4) GUID such as 00aa00aa-bb11-4c22-9d33-44ee44ee44ee.',
    minArgs: 0,
    maxArgs: 0,
    evaluate(call) {
      const bytes = Array.from({ length: 16 }, () => randomIndex(call, 256));
      bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
      const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  },
  {
    name: 'RandomString',
    signature: 'RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase[, CharactersToAvoid])',
    description: 'A random string of Length (at most 256) characters with at least the given numbers of digits, special characters, capitals and lower-case letters.',
    minArgs: 5,
    maxArgs: 6,
    emptyAllowed: [5],
    evaluate(call) {
      const length = integerArg(call, 0, 'Length');
      if (length < 1 || length > MAX_LENGTH) call.fail(`Length must be between 1 and ${MAX_LENGTH}, got ${length}`, 0);
      const avoid = new Set(textArg(call, 5, 'CharactersToAvoid') ?? '');
      const classes = [
        { name: 'MinimumNumbers', chars: DIGITS },
        { name: 'MinimumSpecialCharacters', chars: SPECIALS },
        { name: 'MinimumCapital', chars: CAPITALS },
        { name: 'MinimumLowerCase', chars: LOWERS },
      ];
      const out: string[] = [];
      let everything = '';
      for (const [index, characterClass] of classes.entries()) {
        const minimum = integerArg(call, index + 1, characterClass.name);
        if (minimum < 0) call.fail(`${characterClass.name} must not be negative, got ${minimum}`, index + 1);
        const pool = Array.from(characterClass.chars)
          .filter((ch) => !avoid.has(ch))
          .join('');
        if (minimum > 0 && pool === '') call.fail(`CharactersToAvoid excludes every character ${characterClass.name} needs`, 5);
        for (let i = 0; i < minimum; i++) out.push(pick(call, pool));
        everything += pool;
      }
      if (out.length > length) call.fail(`the minimums add up to ${out.length}, more than Length ${length}`, 0);
      if (everything === '') call.fail('CharactersToAvoid excludes every character', 5);
      while (out.length < length) out.push(pick(call, everything));
      // Fisher-Yates, so the required characters do not always lead.
      for (let i = out.length - 1; i > 0; i--) {
        const j = randomIndex(call, i + 1);
        [out[i], out[j]] = [out[j] ?? '', out[i] ?? ''];
      }
      return out.join('');
    },
  },
];
