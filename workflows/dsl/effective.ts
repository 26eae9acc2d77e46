/**
 * Effective dating of HR events. Each event takes effect at `effectiveAt`, or when it was accepted
 * when HR gives no date. A person's attribute values and lifecycle transitions follow effective time,
 * not arrival time: a late event older than what is already applied never overwrites newer values,
 * and a late terminate dated before a rehire never undoes the rehire. An update dated in the future
 * waits for its date. Pure, so the person workflow replays it deterministically and tests need no
 * Temporal.
 *
 * The order key of an event is its effective time, capped at its arrival: an event dated in the
 * future (a terminate with next month's last day) is known now and orders as of now. A calendar date
 * without a time means "in the course of that day": it orders at the end of that day (so a terminate
 * dated today still follows a hire received this morning), and an update dated a future day applies
 * from the start of that day.
 */
import { calendarDate } from './dates.ts';
import type { HrEvent, ReceivedHrEvent } from './hr.ts';

const dayMs = 86_400_000;

/** An instant as a sortable ISO string; a calendar date is the start of that day in UTC (or its last millisecond with `end`). */
export function instant(value: string, end = false): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = calendarDate(value, 'UTC');
    return d ? new Date(Date.UTC(d.y, d.m - 1, d.d) + (end ? dayMs - 1 : 0)).toISOString() : undefined;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** When the event takes effect: `effectiveAt`, else when it was accepted. */
export function effectiveTime(event: ReceivedHrEvent): string {
  const received = instant(event.receivedAt) ?? new Date(0).toISOString();
  return (event.effectiveAt !== undefined ? instant(event.effectiveAt) : undefined) ?? received;
}

/** The event's place in effective order: its effective time (a date: the end of that day), but never later than its arrival. */
export function orderKey(event: ReceivedHrEvent): string {
  const effective = (event.effectiveAt !== undefined ? instant(event.effectiveAt, true) : undefined) ?? effectiveTime(event);
  const received = instant(event.receivedAt) ?? effective;
  return effective < received ? effective : received;
}

/**
 * The moment an update dated in the future takes effect, or undefined when it applies now. Hires,
 * rehires and terminates apply on arrival: their dates (hireDate, lastDay) schedule the lifecycles.
 */
export function deferredUntil(event: ReceivedHrEvent, now: Date): string | undefined {
  if (event.type !== 'update' || event.effectiveAt === undefined) return undefined;
  const at = effectiveTime(event);
  return at > now.toISOString() ? at : undefined;
}

export interface EffectiveMerge {
  attributes: Record<string, unknown>;
  /** When each attribute's current value took effect. */
  effective: Record<string, string>;
  /** Attributes this event set. */
  applied: string[];
  /** Attributes this event names whose current value is newer: kept as they are. */
  superseded: string[];
}

/** Merges an event's attributes into the person's, attribute by attribute, newest effective value winning. */
export function mergeEffective(attributes: Readonly<Record<string, unknown>>, effective: Readonly<Record<string, string>>, event: Pick<HrEvent, 'attributes'>, key: string): EffectiveMerge {
  const next = { ...attributes };
  const times = { ...effective };
  const applied: string[] = [];
  const superseded: string[] = [];
  for (const [name, value] of Object.entries(event.attributes)) {
    const current = times[name];
    if (current !== undefined && current > key) {
      superseded.push(name);
      continue;
    }
    next[name] = value;
    times[name] = key;
    applied.push(name);
  }
  return { attributes: next, effective: times, applied: applied.sort(), superseded: superseded.sort() };
}

/** Whether an event's lifecycle transition is older than the one the person is already in. */
export function transitionSuperseded(event: Pick<HrEvent, 'type'>, key: string, stateSince: string | undefined): boolean {
  return event.type !== 'update' && stateSince !== undefined && key < stateSince;
}
