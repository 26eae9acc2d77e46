// Typed readers for function arguments; conversion problems are reported against the argument.

import type { FunctionCall } from './registry-types.ts';
import { DateTimeValue, toBoolean, toNumber, toText, toTextList, show } from './values.ts';
import { parseDateTimeText } from './datetime.ts';

export async function textArg(call: FunctionCall, index: number, name: string): Promise<string | null> {
  return toText(await call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

export async function textListArg(call: FunctionCall, index: number, name: string): Promise<string[]> {
  return toTextList(await call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

export async function numberArg(call: FunctionCall, index: number, name: string): Promise<number | null> {
  return toNumber(await call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

/** A whole number; a missing value is an error unless `fallback` is given. */
export async function integerArg(call: FunctionCall, index: number, name: string, fallback?: number): Promise<number> {
  const value = await numberArg(call, index, name);
  if (value === null) {
    if (fallback !== undefined) return fallback;
    return call.fail(`${name} is required`, index);
  }
  if (!Number.isInteger(value)) return call.fail(`${name} must be a whole number, got ${value}`, index);
  return value;
}

export async function booleanArg(call: FunctionCall, index: number, name: string): Promise<boolean> {
  return toBoolean(await call.value(index), (m) => call.fail(`${name}: ${m}`, index));
}

/** Text that must be present (not null); empty text is allowed. */
export async function requiredTextArg(call: FunctionCall, index: number, name: string): Promise<string> {
  const text = await textArg(call, index, name);
  return text ?? call.fail(`${name} is required`, index);
}

/** A DateTime, or date text CDate understands; null stays null. */
export async function dateTimeArg(call: FunctionCall, index: number, name: string): Promise<DateTimeValue | null> {
  const value = await call.value(index);
  if (value instanceof DateTimeValue || value === null) return value;
  const text = toText(value, (m) => call.fail(`${name}: ${m}`, index));
  if (text === null) return null;
  const epochMs = parseDateTimeText(text);
  if (epochMs === null) {
    return call.fail(`${name}: ${show(value)} is not a date/time; use FormatDateTime to read other formats`, index);
  }
  return new DateTimeValue(epochMs);
}
