/**
 * The hire-date policy and the lifecycle forecast at intake: a hire without a hire date takes effect
 * now (or is refused, or accepted as it is, as configured), a past one takes effect now, and an
 * event that starts no lifecycle is answered with the reason.
 */
import { describe, expect, it } from 'vitest';
import type { TriggeredRevision } from '../../../activities/store/people.ts';
import { createDeriver } from '../../../server/hr/derive.ts';
import { applyHireDatePolicy } from '../../../server/hr/hireDate.ts';
import { lifecycleOutlook } from '../../../server/hr/lifecycleOutlook.ts';

const now = new Date('2026-12-07T10:00:00Z');

describe('applyHireDatePolicy', () => {
  it('dates a hire without a hire date the day it arrives under "now"', () => {
    const out = applyHireDatePolicy('now', 'hire', {}, { givenName: 'Ana' }, now);
    expect(out.attributes).toEqual({ givenName: 'Ana', hireDate: '2026-12-07' });
    expect(out.note).toBe('no hireDate: dated 2026-12-07, the day it arrived, so it takes effect now (TENURE_HIRE_WITHOUT_DATE=now)');
  });

  it('refuses it under "refuse" and keeps it as it is under "accept", saying why', () => {
    expect(applyHireDatePolicy('refuse', 'hire', {}, {}, now).refused).toMatch(/a hire needs a hireDate .*TENURE_HIRE_WITHOUT_DATE=refuse/);
    const accepted = applyHireDatePolicy('accept', 'hire', {}, { givenName: 'Ana' }, now);
    expect(accepted.attributes).toEqual({ givenName: 'Ana' });
    expect(accepted.note).toMatch(/accepted as it is, so a lifecycle that starts on hireDate does not start/);
  });

  it('leaves a future hire date alone and says when one is in the past', () => {
    expect(applyHireDatePolicy('now', 'hire', {}, { hireDate: '2027-01-04' }, now)).toEqual({ attributes: { hireDate: '2027-01-04' } });
    expect(applyHireDatePolicy('now', 'hire', {}, { hireDate: '2021-05-01T00:00:00-05:00' }, now)).toEqual({ attributes: { hireDate: '2021-05-01T00:00:00-05:00' }, note: 'hireDate 2021-05-01 is in the past: it takes effect now' });
  });

  it('dates a rehire without a new hire date, and touches no other event', () => {
    expect(applyHireDatePolicy('now', 'rehire', { hireDate: '2019-03-01' }, {}, now).attributes).toEqual({ hireDate: '2026-12-07' });
    expect(applyHireDatePolicy('now', 'update', {}, { title: 'Lead' }, now)).toEqual({ attributes: { title: 'Lead' } });
    expect(applyHireDatePolicy('now', 'terminate', {}, {}, now)).toEqual({ attributes: {} });
  });
});

const joiner: TriggeredRevision = { definitionId: 'joiner', revision: 1, lifecycle: 'joiner', trigger: { events: ['hire'], date: { attribute: 'hireDate', offsetDays: -7 } } };
const contractorsOnly: TriggeredRevision = {
  definitionId: 'contractors',
  revision: 1,
  lifecycle: 'joiner',
  trigger: { events: ['hire'], scope: { all: [{ fact: 'employeeType', operator: 'equal', value: 'Contractor' }] } },
};

describe('lifecycleOutlook', () => {
  it('says when each matching lifecycle starts', async () => {
    expect(await lifecycleOutlook([joiner], { type: 'hire', changed: ['hireDate'] }, { hireDate: '2026-12-07' }, now)).toEqual({ lifecycles: [{ definitionId: 'joiner', starts: 'now' }] });
    expect(await lifecycleOutlook([joiner], { type: 'hire', changed: ['hireDate'] }, { hireDate: '2027-01-11' }, now)).toEqual({ lifecycles: [{ definitionId: 'joiner', starts: '2027-01-04T00:00:00.000Z' }] });
  });

  it('warns when a hire starts nothing, with every reason', async () => {
    const out = await lifecycleOutlook([joiner, contractorsOnly], { type: 'hire', changed: [] }, { employeeType: 'Employee' }, now);
    expect(out.lifecycles.map((l) => l.starts)).toEqual(['never', 'never']);
    expect(out.warning).toBe(
      'accepted, but no lifecycle will start: joiner starts on hireDate, and the person has no hireDate; contractors does not apply to this person (its scope or changed-attribute filter)',
    );
    expect((await lifecycleOutlook([], { type: 'terminate', changed: [] }, {}, now)).warning).toBe('accepted, but no lifecycle will start: no published lifecycle starts on a terminate');
  });

  it('does not warn about an update that starts nothing', async () => {
    expect(await lifecycleOutlook([], { type: 'update', changed: ['title'] }, {}, now)).toEqual({ lifecycles: [] });
  });
});

describe('the deriver with a hire-date policy', () => {
  const worker = { employeeId: 'E1', active: true, attributes: { givenName: 'Ana' } };
  const derive = (hireDatePolicy: 'now' | 'refuse' | 'accept') => createDeriver({ channel: 'scimbulk', source: 'hr', now, lookup: () => undefined, hireDatePolicy }).stated(worker);

  it('puts the date in the hire event itself, so its id and its person agree', () => {
    const d = derive('now');
    expect(d.event?.attributes).toEqual({ givenName: 'Ana', hireDate: '2026-12-07' });
    expect(d.after?.changed).toEqual(['givenName', 'hireDate']);
    expect(d.note).toBe('hire: givenName, hireDate; no hireDate: dated 2026-12-07, the day it arrived, so it takes effect now (TENURE_HIRE_WITHOUT_DATE=now)');
  });

  it('leaves out a hire without a date under "refuse", naming the field', () => {
    const d = derive('refuse');
    expect(d.status).toBe('invalid');
    expect(d.event).toBeUndefined();
    expect(d.errors.map((e) => e.path)).toEqual(['hireDate']);
    expect(d.errors[0]?.message).toMatch(/^a hire needs a hireDate/);
  });
});
