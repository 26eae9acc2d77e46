/**
 * Deadlines in business time: the clock runs Monday to Friday (in a time zone, minus holidays) and
 * stands still on weekends. Whole days land on the same local time of a later business day, so
 * "2 business days" from Friday 15:00 is Tuesday 15:00 even across a daylight-saving change; hours
 * and minutes only pass on business days. A start on a weekend counts from Monday 00:00.
 *
 * Pure: the caller supplies the start; nothing here reads the clock.
 */
import { TZDate } from '@date-fns/tz';
import type { Deadline } from './approval.ts';
import { durationMs } from './dates.ts';
import type { Duration } from './primitives.ts';

export interface BusinessCalendar {
  /** IANA zone in which days begin and weekends fall; UTC when absent. */
  timeZone?: string | undefined;
  /** YYYY-MM-DD dates that are not business days. */
  holidays?: readonly string[] | undefined;
}

/** Longest run of days the arithmetic walks before deciding the calendar has no business days left. */
const maxDaysWalked = 20_000;

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: TZDate) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function isBusinessDay(d: TZDate, holidays: ReadonlySet<string>): boolean {
  const weekday = d.getDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(dayKey(d));
}

/** 00:00 of the local day after `d`. */
function nextDayStart(d: TZDate, tz: string): TZDate {
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, 0, 0, tz);
}

/** The same local time on the next calendar day. */
function sameTimeNextDay(d: TZDate, tz: string): TZDate {
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds(), tz);
}

export function addBusinessTime(start: Date, duration: Duration, calendar: BusinessCalendar = {}): Date {
  const tz = calendar.timeZone ?? 'UTC';
  const holidays = new Set(calendar.holidays ?? []);
  let walked = 0;
  const step = (next: TZDate) => {
    if (++walked > maxDaysWalked) throw new RangeError('the business calendar has no business day in sight; check its holidays');
    return next;
  };
  let cursor = new TZDate(start.getTime(), tz);
  while (!isBusinessDay(cursor, holidays)) cursor = step(nextDayStart(cursor, tz));
  for (let i = 0; i < (duration.days ?? 0); i++) {
    do cursor = step(sameTimeNextDay(cursor, tz));
    while (!isBusinessDay(cursor, holidays));
  }
  let remaining = durationMs({ ...duration, days: 0 });
  while (remaining > 0) {
    if (!isBusinessDay(cursor, holidays)) {
      cursor = step(nextDayStart(cursor, tz));
      continue;
    }
    const end = nextDayStart(cursor, tz);
    const available = end.getTime() - cursor.getTime();
    if (remaining <= available) return new Date(cursor.getTime() + remaining);
    remaining -= available;
    cursor = step(end);
  }
  return new Date(cursor.getTime());
}

/**
 * The instant `after` has passed since `start`: calendar time, or business time when the stage's
 * deadline counts business days (reminders are counted the same way as their stage's deadline).
 */
export function afterOpening(start: Date, after: Duration, deadline: Deadline | undefined): Date {
  if (deadline?.businessDays === true) return addBusinessTime(start, after, { timeZone: deadline.timeZone, holidays: deadline.holidays });
  return new Date(start.getTime() + durationMs(after));
}

export function deadlineAt(start: Date, deadline: Deadline): Date {
  return afterOpening(start, deadline.after, deadline);
}
