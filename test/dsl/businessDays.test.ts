/** Business-time deadlines: weekends and holidays stand the clock still, in the deadline's time zone. */
import { describe, expect, it } from 'vitest';
import { addBusinessTime, afterOpening, deadlineAt } from '../../workflows/dsl/index.ts';

const at = (iso: string) => new Date(iso);

describe('addBusinessTime', () => {
  it('lands whole days on the same time of a later business day, skipping the weekend', () => {
    // 2026-01-09 is a Friday.
    expect(addBusinessTime(at('2026-01-09T15:00:00Z'), { days: 2 }).toISOString()).toBe('2026-01-13T15:00:00.000Z');
    expect(addBusinessTime(at('2026-01-07T15:00:00Z'), { days: 2 }).toISOString()).toBe('2026-01-09T15:00:00.000Z');
    expect(addBusinessTime(at('2026-01-09T15:00:00Z'), { days: 5 }).toISOString()).toBe('2026-01-16T15:00:00.000Z');
  });

  it('counts a weekend start from Monday 00:00', () => {
    expect(addBusinessTime(at('2026-01-10T10:00:00Z'), { days: 1 }).toISOString()).toBe('2026-01-13T00:00:00.000Z');
    expect(addBusinessTime(at('2026-01-11T23:00:00Z'), { hours: 3 }).toISOString()).toBe('2026-01-12T03:00:00.000Z');
  });

  it('lets hours run only on business days', () => {
    expect(addBusinessTime(at('2026-01-09T20:00:00Z'), { hours: 8 }).toISOString()).toBe('2026-01-12T04:00:00.000Z');
    expect(addBusinessTime(at('2026-01-09T20:00:00Z'), { hours: 4 }).toISOString()).toBe('2026-01-10T00:00:00.000Z');
    expect(addBusinessTime(at('2026-01-08T20:00:00Z'), { days: 1, hours: 6 }).toISOString()).toBe('2026-01-12T02:00:00.000Z');
  });

  it('skips holidays like weekends', () => {
    expect(addBusinessTime(at('2026-01-09T15:00:00Z'), { days: 1 }, { holidays: ['2026-01-12'] }).toISOString()).toBe('2026-01-13T15:00:00.000Z');
    expect(addBusinessTime(at('2026-12-24T09:00:00Z'), { days: 1 }, { holidays: ['2026-12-25'] }).toISOString()).toBe('2026-12-28T09:00:00.000Z');
  });

  it('reads days in the deadline’s time zone, keeping the local hour across daylight saving', () => {
    // Friday 2026-03-27 15:00 in Paris (UTC+1); summer time starts Sunday 29 March; Tuesday 15:00 is UTC+2.
    expect(addBusinessTime(at('2026-03-27T14:00:00Z'), { days: 2 }, { timeZone: 'Europe/Paris' }).toISOString()).toBe('2026-03-31T13:00:00.000Z');
    // Friday 23:30 UTC is already Saturday morning in Tokyo: counting starts Monday 00:00 there.
    expect(addBusinessTime(at('2026-01-09T23:30:00Z'), { days: 1 }, { timeZone: 'Asia/Tokyo' }).toISOString()).toBe('2026-01-12T15:00:00.000Z');
  });
});

describe('deadlineAt and afterOpening', () => {
  it('uses calendar time unless the deadline counts business days', () => {
    const friday = at('2026-01-09T15:00:00Z');
    expect(deadlineAt(friday, { after: { days: 2 }, businessDays: false }).toISOString()).toBe('2026-01-11T15:00:00.000Z');
    expect(deadlineAt(friday, { after: { days: 2 }, businessDays: true }).toISOString()).toBe('2026-01-13T15:00:00.000Z');
    expect(afterOpening(friday, { days: 1 }, { after: { days: 3 }, businessDays: true }).toISOString()).toBe('2026-01-12T15:00:00.000Z');
    expect(afterOpening(friday, { hours: 1 }, undefined).toISOString()).toBe('2026-01-09T16:00:00.000Z');
  });
});
