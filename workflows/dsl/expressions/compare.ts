// The operators of IIF conditions (=, <>, <, <=, >, >=) and VBA's & concatenation.
//
// Numbers compare numerically (also against numeric text, so `[age] > 17` works on text
// attributes), DateTimes chronologically, everything else as case-sensitive text, booleans
// excepted (True = "true"). A missing value compares as "" so `[country] = ""` is true for an
// absent attribute — Entra documents that case as unsupported; here it has the obvious meaning.

import type { ComparisonOperator } from './ast.ts';
import { parseDateTimeText } from './datetime.ts';
import { DateTimeValue, toText, type Fail, type Value } from './values.ts';

const NUMERIC_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

function asNumber(value: Value, fail: Fail): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' && !Array.isArray(value)) return undefined;
  const text = toText(value, fail);
  return text !== null && NUMERIC_TEXT.test(text) ? Number(text) : undefined;
}

function asEpochMs(value: Value, fail: Fail): number | undefined {
  if (value instanceof DateTimeValue) return value.epochMs;
  const text = toText(value, fail);
  return text === null ? undefined : (parseDateTimeText(text) ?? undefined);
}

/** Negative, zero or positive; undefined when the two cannot be ordered (a date against non-date). */
function order(left: Value, right: Value, fail: Fail): number | undefined {
  if (left instanceof DateTimeValue || right instanceof DateTimeValue) {
    const a = asEpochMs(left, fail);
    const b = asEpochMs(right, fail);
    return a === undefined || b === undefined ? undefined : Math.sign(a - b);
  }
  if (typeof left === 'number' || typeof right === 'number') {
    const a = asNumber(left, fail);
    const b = asNumber(right, fail);
    if (a !== undefined && b !== undefined) return Math.sign(a - b);
  }
  let a = toText(left, fail) ?? '';
  let b = toText(right, fail) ?? '';
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    a = a.toLowerCase();
    b = b.toLowerCase();
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareValues(operator: ComparisonOperator, left: Value, right: Value, fail: Fail): boolean {
  const result = order(left, right, fail);
  if (result === undefined) return operator === '<>';
  switch (operator) {
    case '=':
      return result === 0;
    case '<>':
      return result !== 0;
    case '<':
      return result < 0;
    case '<=':
      return result <= 0;
    case '>':
      return result > 0;
    case '>=':
      return result >= 0;
  }
}

export function concatenate(left: Value, right: Value, fail: Fail): string {
  return (toText(left, fail) ?? '') + (toText(right, fail) ?? '');
}
