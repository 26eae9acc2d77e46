// Runtime values and the conversions between them. Conversions report problems through a `fail`
// callback so the caller can attach the function name and source position.

import { formatEntraDateTime } from './datetime.ts';

/**
 * A point in time produced by CDate, Now, DateAdd or DateFromNum. Entra treats DateTime as an
 * intermediate type: it flows between date functions and turns into text anywhere else.
 */
export class DateTimeValue {
  /** Milliseconds since the Unix epoch, UTC. */
  readonly epochMs: number;

  constructor(epochMs: number) {
    this.epochMs = epochMs;
  }

  toString(): string {
    return formatEntraDateTime(this.epochMs);
  }
}

/** What an expression node evaluates to. A list is a multi-valued attribute. */
export type Value = string | number | boolean | null | readonly string[] | DateTimeValue;

/** What callers of `evaluateExpression` receive: DateTime already rendered as text. */
export type ExpressionValue = string | number | boolean | null | string[];

export type Fail = (message: string) => never;

export function isList(value: Value): value is readonly string[] {
  return Array.isArray(value);
}

function isUnknownList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

export function isNullOrEmpty(value: Value): boolean {
  if (value === null || value === '') return true;
  return isList(value) && value.length === 0;
}

/** How a value is quoted in error messages. */
export function show(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (isList(value)) return `a list of ${value.length} values`;
  return scalarText(value);
}

function scalarText(value: string | number | boolean | DateTimeValue): string {
  if (typeof value === 'string') return value;
  // .NET's Boolean.ToString(): the provisioning service renders booleans as "True"/"False".
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return value.toString();
}

/**
 * Text of a single value; null stays null. A one-element list is treated as its element, so a
 * multi-valued attribute holding one value works where a string is expected.
 */
export function toText(value: Value, fail: Fail): string | null {
  if (value === null) return null;
  if (isList(value)) {
    if (value.length === 0) return null;
    if (value.length === 1) return value[0] ?? null;
    return fail(`expected a single value but got a list of ${value.length} values`);
  }
  if (value instanceof DateTimeValue) return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalarText(value);
  return fail('expected a single value');
}

/** Every value of a possibly multi-valued argument as text, nulls dropped. */
export function toTextList(value: Value, fail: Fail): string[] {
  if (value === null) return [];
  if (isList(value)) return [...value];
  const text = toText(value, fail);
  return text === null ? [] : [text];
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const HEX = /^&H([0-9a-f]+)$/i;

/** A number from a number or numeric text (decimal, or VBA hex such as `&HF7`); null stays null. */
export function toNumber(value: Value, fail: Fail): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const text = toText(value, fail);
  if (text === null) return null;
  const trimmed = text.trim();
  const hex = HEX.exec(trimmed);
  if (hex?.[1] !== undefined) return parseInt(hex[1], 16);
  if (NUMERIC.test(trimmed)) return Number(trimmed);
  return fail(`expected a number but got ${show(value)}`);
}

/**
 * Truthiness as the provisioning service applies it: booleans, the text "True"/"False" in any
 * case, and numbers (non-zero is true). Null is false, because a condition on a missing
 * attribute must not pass.
 */
export function toBoolean(value: Value, fail: Fail): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const text = toText(value, fail);
  if (text === null) return false;
  const lowered = text.trim().toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  if (NUMERIC.test(lowered)) return Number(lowered) !== 0;
  return fail(`expected True or False but got ${show(value)}`);
}

/** Renders a value for callers: DateTime becomes Entra's text form, lists are copied. */
export function toExpressionValue(value: Value): ExpressionValue {
  if (value instanceof DateTimeValue) return value.toString();
  if (isList(value)) return [...value];
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

export type AttributeConversion = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly problem: string };

/**
 * Converts a raw attribute value from the caller into a Value, or explains which shapes
 * expressions cannot work with (nested objects, non-finite numbers).
 */
export function fromAttribute(raw: unknown): AttributeConversion {
  const ok = (value: Value): AttributeConversion => ({ ok: true, value });
  const problem = (text: string): AttributeConversion => ({ ok: false, problem: text });
  if (raw === undefined || raw === null) return ok(null);
  if (typeof raw === 'string' || typeof raw === 'boolean') return ok(raw);
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : problem(`holds ${String(raw)}, which is not a usable number`);
  if (typeof raw === 'bigint') return ok(raw.toString());
  if (raw instanceof Date) {
    const ms = raw.getTime();
    return Number.isNaN(ms) ? problem('holds an invalid Date') : ok(new DateTimeValue(ms));
  }
  if (isUnknownList(raw)) {
    const items: string[] = [];
    for (const item of raw) {
      if (item === undefined || item === null) continue;
      if (typeof item === 'string') items.push(item);
      else if (typeof item === 'number' || typeof item === 'bigint') items.push(String(item));
      else if (typeof item === 'boolean') items.push(item ? 'True' : 'False');
      else if (item instanceof Date && !Number.isNaN(item.getTime())) items.push(new DateTimeValue(item.getTime()).toString());
      else return problem('holds a list with an element that is not text, a number, a boolean or a date');
    }
    return ok(items);
  }
  return problem('holds an object; expressions work with text, numbers, booleans, dates and lists of text');
}
