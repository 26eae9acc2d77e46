// Typed readers for function arguments; conversion problems are reported against the argument.

import type { FunctionCall } from './registry-types.ts';
import { DateTimeValue, toBoolean, toNumber, toText, toTextList, show } from './values.ts';
import { parseDateTimeText } from './datetime.ts';

export function textArg(call: FunctionCall, index: number, name: string): string | null {
  return toText(call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

export function textListArg(call: FunctionCall, index: number, name: string): string[] {
  return toTextList(call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

export function numberArg(call: FunctionCall, index: number, name: string): number | null {
  return toNumber(call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

/** A whole number; a missing value is an error unless `fallback` is given. */
export function integerArg(call: FunctionCall, index: number, name: string, fallback?: number): number {
  const value = numberArg(call, index, name);
  if (value === null) {
    if (fallback !== undefined) return fallback;
    return call.fail(`${name} is required`, index);
  }
  if (!Number.isInteger(value)) return call.fail(`${name} must be a whole number, got ${value}`, index);
  return value;
}

export function booleanArg(call: FunctionCall, index: number, name: string): boolean {
  return toBoolean(call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

/** Text that must be present (not null); empty text is allowed. */
export function requiredTextArg(call: FunctionCall, index: number, name: string): string {
  const text = textArg(call, index, name);
  return text ?? call.fail(`${name} is required`, index);
}

/** A DateTime, or date text CDate understands; null stays null. */
export function dateTimeArg(call: FunctionCall, index: number, name: string): DateTimeValue | null {
  const value = call.value(index);
  if (value instanceof DateTimeValue || value === null) return value;
  const text = toText(value, (m) => call.fail(`${name}: ${m}`, index));
  if (text === null) return null;
  const epochMs = parseDateTimeText(text);
  if (epochMs === null) {
    return call.fail(`${name}: ${show(value)} is not a date/time; use FormatDateTime to read other formats`, index);
  }
  return new DateTimeValue(epochMs);
}
