/** Effective dating: which of two HR events wins, whatever order they arrive in. */
import { describe, expect, it } from 'vitest';
import { deferredUntil, mergeEffective, orderKey, transitionSuperseded, type ReceivedHrEvent } from '../../workflows/dsl/index.ts';

const event = (e: Partial<ReceivedHrEvent> & Pick<ReceivedHrEvent, 'eventId' | 'type'>): ReceivedHrEvent => ({ employeeId: 'E1', source: 'hr', attributes: {}, receivedAt: '2026-03-10T09:00:00.000Z', ...e });

describe('effective dating', () => {
  it('keeps the newer value when an older update arrives late, and says which attributes it kept', () => {
    const march = event({ eventId: 'a', type: 'update', effectiveAt: '2026-03-01', attributes: { department: 'Sales', title: 'Rep' } });
    const february = event({ eventId: 'b', type: 'update', effectiveAt: '2026-02-15', attributes: { department: 'Ops', location: 'Berlin' } });
    const first = mergeEffective({}, {}, march, orderKey(march));
    const second = mergeEffective(first.attributes, first.effective, february, orderKey(february));
    expect(second.attributes).toEqual({ department: 'Sales', title: 'Rep', location: 'Berlin' });
    expect(second.superseded).toEqual(['department']);
    expect(second.applied).toEqual(['location']);
  });

  it('applies the same two updates alike in either arrival order', () => {
    const older = event({ eventId: 'a', type: 'update', effectiveAt: '2026-02-15T08:00:00Z', attributes: { title: 'Rep' } });
    const newer = event({ eventId: 'b', type: 'update', effectiveAt: '2026-02-15T09:00:00Z', attributes: { title: 'Lead' } });
    const apply = (events: ReceivedHrEvent[]) => events.reduce<{ attributes: Record<string, unknown>; effective: Record<string, string> }>((p, e) => mergeEffective(p.attributes, p.effective, e, orderKey(e)), { attributes: {}, effective: {} });
    expect(apply([older, newer]).attributes).toEqual({ title: 'Lead' });
    expect(apply([newer, older]).attributes).toEqual({ title: 'Lead' });
  });

  it('orders an event without a date by its arrival, and one dated in the future as of its arrival', () => {
    expect(orderKey(event({ eventId: 'a', type: 'update' }))).toBe('2026-03-10T09:00:00.000Z');
    expect(orderKey(event({ eventId: 'b', type: 'terminate', effectiveAt: '2026-06-30' }))).toBe('2026-03-10T09:00:00.000Z');
  });

  it('orders a date without a time at the end of that day, so a terminate dated today follows this morning’s hire', () => {
    const hire = event({ eventId: 'h', type: 'hire', receivedAt: '2026-03-10T08:00:00.000Z' });
    const terminate = event({ eventId: 't', type: 'terminate', effectiveAt: '2026-03-10', receivedAt: '2026-03-10T15:00:00.000Z' });
    expect(transitionSuperseded(terminate, orderKey(terminate), orderKey(hire))).toBe(false);
  });

  it('does not let a late terminate dated before a rehire undo the rehire', () => {
    const rehire = event({ eventId: 'r', type: 'rehire', receivedAt: '2026-02-01T10:00:00.000Z' });
    const lateTerminate = event({ eventId: 't', type: 'terminate', effectiveAt: '2026-01-15', receivedAt: '2026-02-03T10:00:00.000Z' });
    expect(transitionSuperseded(lateTerminate, orderKey(lateTerminate), orderKey(rehire))).toBe(true);
    // An update never changes the lifecycle state, so it is never a superseded transition.
    expect(transitionSuperseded(event({ eventId: 'u', type: 'update', effectiveAt: '2026-01-01' }), '2026-01-01T00:00:00.000Z', orderKey(rehire))).toBe(false);
  });

  it('holds an update dated a future day until the start of that day; hires and terminates apply on arrival', () => {
    const now = new Date('2026-03-10T09:00:00.000Z');
    expect(deferredUntil(event({ eventId: 'u', type: 'update', effectiveAt: '2026-04-01', attributes: { department: 'Ops' } }), now)).toBe('2026-04-01T00:00:00.000Z');
    expect(deferredUntil(event({ eventId: 'u2', type: 'update', effectiveAt: '2026-03-10' }), now)).toBeUndefined();
    expect(deferredUntil(event({ eventId: 't', type: 'terminate', effectiveAt: '2026-04-01' }), now)).toBeUndefined();
    expect(deferredUntil(event({ eventId: 'u3', type: 'update' }), now)).toBeUndefined();
  });
});
