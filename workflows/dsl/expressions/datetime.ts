// Date/time primitives. Everything is computed in UTC: the provisioning service runs in UTC, so a
// time without an offset is read as UTC and every result is rendered in UTC. Times travel as epoch
// milliseconds so nothing here depends on the host's time zone or clock.

import { format, isValid, parseISO } from 'date-fns';
import { tz } from '@date-fns/tz';

export const utc = tz('UTC');

/** Largest |epoch ms| a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8.64e15;

/** How Entra renders a DateTime as text (en-US general pattern): `3/16/2020 7:00:00 AM`. */
export function formatEntraDateTime(epochMs: number): string {
  return format(epochMs, 'M/d/yyyy h:mm:ss a', { in: utc });
}

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US_LIKE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads date/time text the way CDate does for the shapes HR systems send: ISO 8601 dates and
 * times, dates carrying only an offset (Workday's `2020-03-16-07:00`), and the service's own
 * `M/d/yyyy h:mm:ss tt` output so results of Now() and DateAdd() round-trip. Returns epoch ms or
 * null when the text is not a date.
 */
export function parseDateTimeText(text: string): number | null {
  const trimmed = text.trim();
  const iso = ISO_LIKE.exec(trimmed);
  if (iso) {
    return fromParts(num(iso[1]), num(iso[2]), num(iso[3]), num(iso[4]), num(iso[5]), num(iso[6]), fractionMs(iso[7]), iso[8]);
  }
  const us = US_LIKE.exec(trimmed);
  if (us) {
    let hour = num(us[4]);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    return fromParts(num(us[3]), num(us[1]), num(us[2]), hour, num(us[5]), num(us[6]), 0, us[8]);
  }
  // Other ISO 8601 shapes (basic format, week dates); the UTC context keeps it host-independent.
  const other = parseISO(trimmed, { in: utc });
  return isValid(other) ? other.getTime() : null;
}

function num(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits);
}

function fractionMs(digits: string | undefined): number {
  return digits === undefined ? 0 : Math.trunc(Number(`0.${digits}`) * 1000);
}

function fromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: string | undefined,
): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; a real calendar date must survive the round trip.
  const check = new Date(wallClock);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offsetMinutes = parseOffsetMinutes(offset);
  if (offsetMinutes === null) return null;
  return wallClock - offsetMinutes * 60_000;
}

function parseOffsetMinutes(offset: string | undefined): number | null {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

export function isRepresentable(epochMs: number): boolean {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_EPOCH_MS;
}

/** Milliseconds between 1601-01-01 (Windows FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;
const TICKS_PER_MS = 10_000n;

/** Active Directory's Int64 timestamps (100 ns ticks since 1601) to epoch ms. */
export function fileTimeToEpochMs(ticks: bigint): number {
  return Number(ticks / TICKS_PER_MS - FILETIME_EPOCH_OFFSET_MS);
}

export function epochMsToFileTime(epochMs: number): bigint {
  return (BigInt(Math.trunc(epochMs)) + FILETIME_EPOCH_OFFSET_MS) * TICKS_PER_MS;
}
