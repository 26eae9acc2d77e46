/**
 * Initial passwords made inside the worker, so a password nobody typed never travels through
 * workflow inputs or history. 20 characters with every character class Entra's complexity rule
 * counts (it needs three of four), drawn with a CSPRNG.
 */
import { randomInt } from 'node:crypto';

const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%&*+-=?@^_~'];
const all = classes.join('');

function pick(from: string): string {
  return from.charAt(randomInt(from.length));
}

export function generatePassword(length = 20): string {
  const chars = classes.map(pick);
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const a = chars[i] ?? '';
    chars[i] = chars[j] ?? '';
    chars[j] = a;
  }
  return chars.join('');
}
