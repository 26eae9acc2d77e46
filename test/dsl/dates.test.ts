import { describe, expect, it } from 'vitest';
import { waitTarget } from '../../workflows/dsl/index.ts';

const started = new Date('2026-01-10T12:00:00Z');

describe('waitTarget', () => {
  it('counts a duration from when the step started', () => {
    expect(waitTarget({ kind: 'duration', duration: { days: 1, hours: 2, seconds: 5 } }, {}, started)).toEqual({ ok: true, until: new Date('2026-01-11T14:00:05Z') });
  });

  it('reads a date attribute with an offset, a time of day and a time zone', () => {
    const target = waitTarget({ kind: 'until', attribute: 'hireDate', offsetDays: -7, at: '09:00', timeZone: 'Europe/Paris' }, { hireDate: '2026-03-01' }, started);
    // 22 February 09:00 in Paris is 08:00 UTC (winter time).
    expect(target).toEqual({ ok: true, until: new Date('2026-02-22T08:00:00Z') });
  });

  it('crosses a daylight-saving change in the zone it was given', () => {
    const target = waitTarget({ kind: 'until', attribute: 'lastDay', offsetDays: 1, at: '18:00', timeZone: 'Europe/Paris' }, { lastDay: '2026-03-28' }, started);
    // 29 March 2026 is the first day of summer time in Paris: 18:00 there is 16:00 UTC.
    expect(target).toEqual({ ok: true, until: new Date('2026-03-29T16:00:00Z') });
  });

  it('resumes at the instant of a timestamp attribute, moved by whole days', () => {
    const target = waitTarget({ kind: 'until', attribute: 'startsAt', offsetDays: -1, timeZone: 'Europe/Paris' }, { startsAt: '2026-03-29T10:30:00Z' }, started);
    // 10:30 UTC is 12:30 summer time in Paris; the day before, 12:30 winter time is 11:30 UTC.
    expect(target).toEqual({ ok: true, until: new Date('2026-03-28T11:30:00Z') });
  });

  it('says why when the attribute is missing or not a date', () => {
    const spec = { kind: 'until', attribute: 'hireDate', offsetDays: 0 } as const;
    expect(waitTarget(spec, {}, started)).toEqual({ ok: false, reason: 'the person has no hireDate' });
    expect(waitTarget(spec, { hireDate: '2026-02-30' }, started)).toEqual({ ok: false, reason: 'hireDate is not a date (expected YYYY-MM-DD or an ISO timestamp)' });
  });
});
