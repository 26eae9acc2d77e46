/** Reading attribute values from search entries, and comparing them with the values a step wants. */
import type { Entry } from 'ldapts';

/** The values of an attribute, matching its name without regard to case (servers answer in their own case). */
export function valuesOf(entry: Entry, name: string): string[] {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined || key === 'dn') return [];
  const raw = entry[key];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}

export function firstValue(entry: Entry, name: string): string | undefined {
  return valuesOf(entry, name)[0];
}

/** The wanted values of a parameter: null, "" and [] mean none. */
export function wantedValues(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return value === '' ? [] : [value];
  return value.filter((v) => v !== '');
}

/** Whether the entry holds exactly these values (order aside; case and spaces count). */
export function holdsExactly(current: readonly string[], wanted: readonly string[]): boolean {
  if (current.length !== wanted.length) return false;
  const a = [...current].sort();
  const b = [...wanted].sort();
  return a.every((v, i) => v === b[i]);
}

/** Attributes for a step's output: one value as a string, several as a list. */
export function outputAttributes(entry: Entry, names: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of names) {
    const values = valuesOf(entry, name);
    if (values.length === 1 && values[0] !== undefined) out[name] = values[0];
    else if (values.length > 1) out[name] = values;
  }
  return out;
}
