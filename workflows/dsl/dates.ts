/**
 * Date arithmetic for waits and triggers: "7 days before hireDate at 09:00 Europe/Paris" as one
 * instant. Pure: the caller supplies "now"; nothing here reads the clock.
 */
import { TZDate } from '@date-fns/tz';
import type { Duration, WaitSpec } from './schema.ts';

export function durationMs(d: Duration): number {
  return (((d.days ?? 0) * 24 + (d.hours ?? 0)) * 60 + (d.minutes ?? 0)) * 60_000 + (d.seconds ?? 0) * 1000;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date of an attribute value (`2026-03-01` or an ISO timestamp, read in `timeZone`). */
export function calendarDate(value: unknown, timeZone: string): { y: number; m: number; d: number } | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const s = value.trim();
  const plain = dateOnly.exec(s);
  if (plain) {
    const [y, m, d] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
    return { y, m, d };
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const local = new TZDate(t, timeZone);
  return { y: local.getFullYear(), m: local.getMonth() + 1, d: local.getDate() };
}

export type WaitTarget = { ok: true; until: Date } | { ok: false; reason: string };

/**
 * When a wait ends. A duration counts from when the step started; a date wait reads the person's
 * attribute, so it moves when HR moves the date. A plain date (`2026-03-01`) resumes at `at` (or
 * midnight) in the wait's time zone; a full timestamp resumes at that instant unless `at` is given.
 * Offsets are calendar days in that zone, so a daylight-saving change does not shift the hour.
 */
export function waitTarget(spec: WaitSpec, attributes: Readonly<Record<string, unknown>>, startedAt: Date): WaitTarget {
  if (spec.kind === 'duration') return { ok: true, until: new Date(startedAt.getTime() + durationMs(spec.duration)) };
  const tz = spec.timeZone ?? 'UTC';
  const value = attributes[spec.attribute];
  const date = calendarDate(value, tz);
  if (!date) {
    return {
      ok: false,
      reason:
        value === undefined || value === null || value === ''
          ? `the person has no ${spec.attribute}`
          : `${spec.attribute} is not a date (expected YYYY-MM-DD or an ISO timestamp)`,
    };
  }
  if (spec.at === undefined && typeof value === 'string' && !dateOnly.test(value.trim())) {
    const instant = new TZDate(Date.parse(value.trim()), tz);
    instant.setDate(instant.getDate() + spec.offsetDays);
    return { ok: true, until: new Date(instant.getTime()) };
  }
  const [hh, mm] = (spec.at ?? '00:00').split(':').map(Number);
  const until = new TZDate(date.y, date.m - 1, date.d + spec.offsetDays, hh ?? 0, mm ?? 0, tz);
  return { ok: true, until: new Date(until.getTime()) };
}
