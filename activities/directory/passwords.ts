/**
 * Generated initial passwords: made inside the activity so they never enter workflow input,
 * output or history, and never logged. Long and drawn from every character class, so they meet
 * AD's complexity rule and typical LDAP password policies.
 */
import { randomInt } from 'node:crypto';

const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%&()*+,-./:;<=>?@[]^_{|}~'] as const;

function pick(chars: string): string {
  return chars[randomInt(chars.length)] ?? '';
}

export function generatePassword(length = 24): string {
  const all = classes.join('');
  const chars = [...classes.map(pick), ...Array.from({ length: length - classes.length }, () => pick(all))];
  // Shuffle (Fisher–Yates) so the guaranteed classes are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
