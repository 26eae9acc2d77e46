// Dates. DateTime values are UTC instants; see datetime.ts for why everything is UTC.

import { addDays, addHours, addMinutes, addMonths, addSeconds, addWeeks, addYears, differenceInCalendarMonths, differenceInCalendarYears } from 'date-fns';
import type { FunctionCall, FunctionDeclaration } from './registry-types.ts';
import { DateTimeValue, show } from './values.ts';
import { epochMsToFileTime, fileTimeToEpochMs, isRepresentable, utc } from './datetime.ts';
import { formatDotNet, FormatStringError, parseDotNet } from './dotnet-format.ts';
import { dateTimeArg, integerArg, requiredTextArg } from './function-args.ts';

const MS_PER_DAY = 86_400_000;
const INTERVALS = 'yyyy, m, d, ww, h, n or s';

const ADDERS: Readonly<Record<string, (epochMs: number, amount: number) => Date>> = {
  yyyy: (t, n) => addYears(t, n, { in: utc }),
  m: (t, n) => addMonths(t, n, { in: utc }),
  d: (t, n) => addDays(t, n, { in: utc }),
  ww: (t, n) => addWeeks(t, n, { in: utc }),
  h: (t, n) => addHours(t, n, { in: utc }),
  n: (t, n) => addMinutes(t, n, { in: utc }),
  s: (t, n) => addSeconds(t, n, { in: utc }),
};

/** Week boundaries (Sundays) crossed, as Visual Basic's DateDiff counts "ww". */
function weeksBetween(from: number, to: number): number {
  const toSunday = (t: number): number => t - new Date(t).getUTCDay() * MS_PER_DAY;
  return Math.trunc(Math.trunc((toSunday(to) - toSunday(from)) / MS_PER_DAY) / 7);
}

// Visual Basic's DateDiff: calendar boundaries for years and months, whole elapsed units otherwise.
const DIFFERS: Readonly<Record<string, (from: number, to: number) => number>> = {
  yyyy: (a, b) => differenceInCalendarYears(b, a, { in: utc }),
  m: (a, b) => differenceInCalendarMonths(b, a, { in: utc }),
  d: (a, b) => Math.trunc((b - a) / MS_PER_DAY),
  ww: weeksBetween,
  h: (a, b) => Math.trunc((b - a) / 3_600_000),
  n: (a, b) => Math.trunc((b - a) / 60_000),
  s: (a, b) => Math.trunc((b - a) / 1000),
};

function intervalArg<T>(call: FunctionCall, table: Readonly<Record<string, T>>): T {
  const interval = requiredTextArg(call, 0, 'interval');
  return table[interval.trim().toLowerCase()] ?? call.fail(`interval must be one of ${INTERVALS}, got '${interval}'`, 0);
}

function checkedDate(call: FunctionCall, epochMs: number): DateTimeValue {
  return isRepresentable(epochMs) ? new DateTimeValue(epochMs) : call.fail('the result is outside the supported date range');
}

const DATE_TIME_STYLES = new Set([
  'none',
  'allowleadingwhite',
  'allowtrailingwhite',
  'allowinnerwhite',
  'allowwhitespaces',
  'nocurrentdatedefault',
  'adjusttouniversal',
  'assumelocal',
  'assumeuniversal',
  'roundtripkind',
]);

/** Which white space to tolerate. Other styles change nothing because all times here are UTC. */
function whitespaceStyles(call: FunctionCall): { leading: boolean; trailing: boolean } {
  const styles = call.argCount === 4 ? call.value(1) : null;
  if (styles === null || styles === '') return { leading: true, trailing: true };
  const names = String(styles)
    .split(/[\s,|]+/)
    .filter((name) => name !== '')
    .map((name) => name.replace(/^DateTimeStyles\./i, '').toLowerCase());
  for (const name of names) {
    if (!DATE_TIME_STYLES.has(name)) call.fail(`'${name}' is not a DateTimeStyles value`, 1);
  }
  const all = names.includes('allowwhitespaces');
  return { leading: all || names.includes('allowleadingwhite'), trailing: all || names.includes('allowtrailingwhite') };
}

function withFormatErrors<T>(call: FunctionCall, argIndex: number, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof FormatStringError) return call.fail(error.message, argIndex);
    throw error;
  }
}

export const dateFunctions: readonly FunctionDeclaration[] = [
  {
    name: 'CDate',
    signature: 'CDate(expression)',
    description: 'A UTC DateTime from date text such as 2020-03-16-07:00 or 2009-06-15T01:45:30-07:00.',
    minArgs: 1,
    maxArgs: 1,
    evaluate: (call) => dateTimeArg(call, 0, 'expression'),
  },
  {
    name: 'Now',
    signature: 'Now()',
    description: 'The current UTC DateTime, shown as M/d/yyyy h:mm:ss tt.',
    minArgs: 0,
    maxArgs: 0,
    evaluate: (call) => checkedDate(call, call.ctx.now.getTime()),
  },
  {
    name: 'DateAdd',
    signature: 'DateAdd(interval, value, dateTime)',
    description: 'dateTime plus value intervals (yyyy, m, d, ww, h, n, s); value may be negative.',
    minArgs: 3,
    maxArgs: 3,
    evaluate(call) {
      const add = intervalArg(call, ADDERS);
      const amount = integerArg(call, 1, 'value');
      const start = dateTimeArg(call, 2, 'dateTime');
      return start === null ? null : checkedDate(call, add(start.epochMs, amount).getTime());
    },
  },
  {
    name: 'DateDiff',
    signature: 'DateDiff(interval, date1, date2)',
    description: 'date2 minus date1 in intervals (yyyy, m, d, ww, h, n, s): positive when date2 is later.',
    minArgs: 3,
    maxArgs: 3,
    evaluate(call) {
      const diff = intervalArg(call, DIFFERS);
      const from = dateTimeArg(call, 1, 'date1');
      const to = dateTimeArg(call, 2, 'date2');
      return from === null || to === null ? null : diff(from.epochMs, to.epochMs);
    },
  },
  {
    name: 'DateFromNum',
    signature: 'DateFromNum(value)',
    description: "A DateTime from Active Directory's Int64 time format (100 ns ticks since 1601), e.g. lastLogonTimestamp.",
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const value = call.value(0);
      if (value === null) return null;
      let ticks: bigint;
      if (typeof value === 'number' && Number.isFinite(value)) ticks = BigInt(Math.trunc(value));
      else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) ticks = BigInt(value.trim());
      else return call.fail(`value must be a whole number of 100 ns ticks, got ${show(value)}`, 0);
      return checkedDate(call, fileTimeToEpochMs(ticks));
    },
  },
  {
    name: 'NumFromDate',
    signature: 'NumFromDate(value)',
    description: "Active Directory's Int64 time format (e.g. for accountExpires) from an ISO 8601 date; returned as digits because it exceeds JavaScript's exact integer range.",
    minArgs: 1,
    maxArgs: 1,
    evaluate(call) {
      const date = dateTimeArg(call, 0, 'value');
      return date === null ? null : epochMsToFileTime(date.epochMs).toString();
    },
  },
  {
    name: 'FormatDateTime',
    signature: 'FormatDateTime(source, [dateTimeStyles], inputFormat, outputFormat)',
    description: 'Reads source with a .NET date format (e.g. yyyyMMdd) and writes it with another (e.g. yyyy-MM-dd), in UTC.',
    minArgs: 3,
    maxArgs: 4,
    emptyAllowed: [1],
    evaluate(call) {
      const inputIndex = call.argCount === 4 ? 2 : 1;
      const whitespace = whitespaceStyles(call);
      const inputFormat = requiredTextArg(call, inputIndex, 'inputFormat');
      const outputFormat = requiredTextArg(call, inputIndex + 1, 'outputFormat');
      const source = call.value(0);
      if (source === null) return null;
      let epochMs: number;
      if (source instanceof DateTimeValue) {
        epochMs = source.epochMs;
      } else {
        let text = requiredTextArg(call, 0, 'source');
        if (whitespace.leading) text = text.trimStart();
        if (whitespace.trailing) text = text.trimEnd();
        const parsed = withFormatErrors(call, inputIndex, () => parseDotNet(text, inputFormat, call.ctx.now.getTime()));
        if (parsed === null) return call.fail(`'${text}' does not match input format '${inputFormat}'`, 0);
        epochMs = parsed;
      }
      return withFormatErrors(call, inputIndex + 1, () => formatDotNet(epochMs, outputFormat));
    },
  },
];
