/** Deriving HR events from stated workers, and the mass-change safety verdict: pure, no servers. */
import { describe, expect, it } from 'vitest';
import { canonicalAttributes, deriveAbsent, deriveChange, knownAfter, safetyVerdict, sameAttributeValue, type KnownState } from '../../workflows/dsl/hrDiff.ts';

const limits = { maxDisables: 50, maxDisableShare: 0.2, windowMinutes: 60 };
const active: KnownState = { state: 'active', attributes: { givenName: 'Ana', department: 'Sales', costCenter: 4130, title: 'Rep' } };

describe('deriving events from stated workers', () => {
  it('hires someone Tenure does not know, with every non-empty attribute', () => {
    expect(deriveChange(undefined, { employeeId: 'E1', active: true, attributes: { givenName: 'Ana', title: null, department: '' } })).toEqual({
      kind: 'event',
      type: 'hire',
      attributes: { givenName: 'Ana' },
      changed: ['givenName'],
    });
    expect(deriveChange(undefined, { employeeId: 'E1', active: undefined, attributes: {} })).toMatchObject({ kind: 'event', type: 'hire' });
  });

  it('provisions nothing for an unknown worker HR already lists as inactive', () => {
    expect(deriveChange(undefined, { employeeId: 'E1', active: false, attributes: { givenName: 'Ana' } })).toEqual({ kind: 'skipped', reason: 'not known to Tenure and inactive in HR: nothing to provision' });
  });

  it('sees no change when the values mean the same, whatever their type or emptiness', () => {
    expect(deriveChange(active, { employeeId: 'E1', active: true, attributes: { givenName: 'Ana', costCenter: '4130', manager: null } })).toEqual({ kind: 'unchanged' });
    expect(sameAttributeValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameAttributeValue(['a'], 'a')).toBe(true);
    expect(sameAttributeValue('', undefined)).toBe(true);
    expect(sameAttributeValue('x', null)).toBe(false);
  });

  it('updates only the attributes that changed, and clears the ones HR emptied', () => {
    expect(deriveChange(active, { employeeId: 'E1', active: undefined, attributes: { givenName: 'Ana', department: 'Engineering', title: '' } })).toEqual({
      kind: 'event',
      type: 'update',
      attributes: { department: 'Engineering', title: null },
      changed: ['department', 'title'],
    });
  });

  it('terminates an active person HR marks inactive, carrying what changed with it', () => {
    expect(deriveChange(active, { employeeId: 'E1', active: false, attributes: { lastDay: '2026-05-31', department: 'Sales' } })).toEqual({
      kind: 'event',
      type: 'terminate',
      attributes: { lastDay: '2026-05-31' },
      changed: ['lastDay'],
    });
    expect(deriveChange({ ...active, state: 'prehire' }, { employeeId: 'E1', active: false, attributes: {} })).toMatchObject({ type: 'terminate' });
  });

  it('rehires a terminated person HR marks active again, and only updates one it does not say is active', () => {
    const gone: KnownState = { state: 'terminated', attributes: { givenName: 'Ana', hireDate: '2020-01-01' } };
    expect(deriveChange(gone, { employeeId: 'E1', active: true, attributes: { givenName: 'Ana', hireDate: '2026-06-01' } })).toEqual({
      kind: 'event',
      type: 'rehire',
      attributes: { givenName: 'Ana', hireDate: '2026-06-01' },
      changed: ['hireDate'],
    });
    expect(deriveChange(gone, { employeeId: 'E1', active: undefined, attributes: { hireDate: '2026-06-01' } })).toMatchObject({ type: 'update' });
    expect(deriveChange(gone, { employeeId: 'E1', active: false, attributes: { givenName: 'Ana' } })).toEqual({ kind: 'unchanged' });
  });

  it('cancels the termination of a leaver whose last day HR cleared, and leaves a leaver alone otherwise', () => {
    const leaver: KnownState = { state: 'leaver', attributes: { lastDay: '2099-01-31' } };
    expect(deriveChange(leaver, { employeeId: 'E1', active: true, attributes: { lastDay: '' } })).toEqual({ kind: 'event', type: 'cancel', attributes: { lastDay: null }, changed: ['lastDay'] });
    expect(deriveChange(leaver, { employeeId: 'E1', active: false, attributes: { lastDay: '2099-01-31' } })).toEqual({ kind: 'unchanged' });
    expect(deriveChange(leaver, { employeeId: 'E1', active: true, attributes: {} })).toEqual({ kind: 'unchanged' });
  });

  it('treats a known person missing from a snapshot as gone: a pending hire is cancelled, an active worker terminated', () => {
    expect(deriveAbsent({ state: 'prehire', attributes: {} })).toMatchObject({ kind: 'event', type: 'cancel' });
    expect(deriveAbsent({ state: 'active', attributes: {} })).toMatchObject({ kind: 'event', type: 'terminate' });
    expect(deriveAbsent({ state: null, attributes: {} })).toMatchObject({ kind: 'event', type: 'terminate' });
    expect(deriveAbsent({ state: 'leaver', attributes: {} })).toEqual({ kind: 'unchanged' });
    expect(deriveAbsent({ state: 'terminated', attributes: {} })).toEqual({ kind: 'unchanged' });
  });

  it('compares a later record of the same batch with the state the earlier one leads to', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const hired = knownAfter(undefined, 'hire', { hireDate: '2026-04-01', title: 'Rep' }, now);
    expect(hired).toEqual({ state: 'prehire', attributes: { hireDate: '2026-04-01', title: 'Rep' } });
    expect(deriveChange(hired, { employeeId: 'E1', active: true, attributes: { title: 'Rep' } })).toEqual({ kind: 'unchanged' });
    expect(knownAfter(hired, 'terminate', {}, now).state).toBe('terminated');
  });

  it('writes attributes the same way whatever the order of their keys', () => {
    expect(canonicalAttributes({ b: 1, a: 'x' })).toBe(canonicalAttributes({ a: 'x', b: 1 }));
    expect(canonicalAttributes({ a: 'x' })).not.toBe(canonicalAttributes({ a: 'y' }));
  });
});

describe('mass-change safety', () => {
  it('holds a batch that would disable more than the share of active people', () => {
    const v = safetyVerdict({ disables: 3, recentDisables: 0, knownActive: 10 }, limits);
    expect(v).toMatchObject({ hold: true, share: 0.3 });
    expect(v.reason).toBe('this would disable 3 of 10 active people (30%), more than the limit of 20%; an admin must approve it');
    expect(safetyVerdict({ disables: 2, recentDisables: 0, knownActive: 10 }, limits).hold).toBe(false);
  });

  it('holds a batch that would disable more than the count, counting the recent window', () => {
    const loose = { ...limits, maxDisableShare: 1, maxDisables: 5 };
    expect(safetyVerdict({ disables: 6, recentDisables: 0, knownActive: 1000 }, loose)).toMatchObject({ hold: true, reason: 'this would disable 6 people, more than the limit of 5; an admin must approve it' });
    expect(safetyVerdict({ disables: 2, recentDisables: 4, knownActive: 1000 }, loose)).toMatchObject({
      hold: true,
      reason: 'this would disable 6 people (2 here and 4 in the last 60 minutes), more than the limit of 5; an admin must approve it',
    });
    expect(safetyVerdict({ disables: 2, recentDisables: 3, knownActive: 1000 }, loose).hold).toBe(false);
  });

  it('never holds a batch that disables nobody', () => {
    expect(safetyVerdict({ disables: 0, recentDisables: 500, knownActive: 10 }, limits)).toMatchObject({ hold: false });
  });
});
