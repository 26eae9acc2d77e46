/**
 * Plain values: a parameter that may be text, a number, yes/no, empty or a list of text (a run
 * variable's value, for one). The type is read from the value itself, and changing it converts the
 * value when it can and refuses, saying why, when it cannot: a value is never dropped unasked.
 */
import { asSchema, isRecord, type JsonSchema } from './jsonSchema.ts';

export type PlainType = 'string' | 'number' | 'boolean' | 'null' | 'list';

export const plainTypeLabels: Record<PlainType, string> = { string: 'Text', number: 'Number', boolean: 'Yes / no', null: 'Empty (null)', list: 'List of text' };

function plainTypeOfSchema(option: JsonSchema): PlainType | undefined {
  switch (option.type) {
    case 'string':
      return option.enum === undefined && option.const === undefined ? 'string' : undefined;
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return asSchema(option.items).type === 'string' ? 'list' : undefined;
    default:
      return undefined;
  }
}

/** The types a union of plain options allows, with each one's schema; undefined when the schema is no such union. */
export function plainOptions(schema: JsonSchema): { type: PlainType; schema: JsonSchema }[] | undefined {
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (list === undefined || list.length < 2) return undefined;
  const options: { type: PlainType; schema: JsonSchema }[] = [];
  for (const raw of list) {
    if (!isRecord(raw)) return undefined;
    const type = plainTypeOfSchema(raw);
    if (type === undefined) return undefined;
    options.push({ type, schema: raw });
  }
  return options;
}

/** The type of a value as it is; undefined for no value (or one no plain type holds). */
export function plainTypeOf(value: unknown): PlainType | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (value === null) return 'null';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return 'list';
  return undefined;
}

export type Conversion = { ok: true; value: unknown } | { ok: false; reason: string };

const empty: Record<PlainType, unknown> = { string: '', number: 0, boolean: false, null: null, list: [] };

/** The empty value of a type: what a cleared field of that type holds. */
export function emptyPlain(type: PlainType): unknown {
  return structuredClone(empty[type]);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => text(v)).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** `value` as type `to`, or why it cannot be. */
export function convertPlain(value: unknown, to: PlainType): Conversion {
  if (plainTypeOf(value) === to) return { ok: true, value };
  if (isEmpty(value)) return { ok: true, value: emptyPlain(to) };
  const shown = JSON.stringify(value);
  switch (to) {
    case 'string':
      return { ok: true, value: text(value) };
    case 'list':
      return { ok: true, value: typeof value === 'string' ? value.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '') : [text(value)] };
    case 'number': {
      const single: unknown = Array.isArray(value) && value.length === 1 ? value[0] : value;
      const n = typeof single === 'string' && single.trim() !== '' ? Number(single.trim()) : Number.NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: `${shown} is not a number: change the value first, or keep its type.` };
    }
    case 'boolean': {
      const word = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
      if (['true', 'yes', '1'].includes(word)) return { ok: true, value: true };
      if (['false', 'no', '0'].includes(word)) return { ok: true, value: false };
      return { ok: false, reason: `${shown} is not yes or no: change the value first, or keep its type.` };
    }
    case 'null':
      return { ok: false, reason: `Empty (null) would drop ${shown}: clear the value first, or keep its type.` };
  }
}
