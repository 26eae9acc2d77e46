/**
 * Acceptance, whose account a run records: the Mover's manager steps look the manager up in Entra ID
 * (`entra.findUser` by `[managerId]`). When that manager has left (disabled), nothing else touches
 * Entra ID after the lookup, and the report's recorded Entra ID account must still be the report's
 * own user, not the manager's. Read the object ids from the Graph peer itself.
 */
import { describe, expect, it } from 'vitest';
import { worker, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();

const started = new Date(Date.now() - 60_000).toISOString();
const joined = (employeeId: string) =>
  stack.person(employeeId, (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded'), `${employeeId} to have joined`, 240_000);
const hire = async (employeeId: string, givenName: string, surname: string, managerId?: string) => {
  const res = await stack.bulk([worker(employeeId, { givenName, surname, department: 'Engineering', employeeType: 'Employee', hireDate: started, ...(managerId !== undefined ? { managerId } : {}) })]);
  expect(res.status).toBe(202);
};
const entraAccountOf = (accounts: unknown): unknown => (typeof accounts === 'object' && accounts !== null ? Reflect.get(accounts, 'entra') : undefined);

describe('a Mover whose manager has left', () => {
  it('keeps the report’s own Entra ID user as their account and leaves their Entra ID manager as it was', { timeout: 400_000 }, async () => {
    await hire('MGR-M', 'Emmy', 'Noether');
    await joined('MGR-M');
    await hire('REP-M', 'Alan', 'Turing', 'MGR-M');
    await joined('REP-M');
    const manager = stack.entraUsers('MGR-M')[0];
    const report = stack.entraUsers('REP-M')[0];
    expect(manager?.id).toBeDefined();
    expect(report?.id).toBeDefined();
    expect(report?.managerId).toBe(manager?.id);

    await stack.event({ eventId: 'terminate-MGR-M', type: 'terminate', employeeId: 'MGR-M' });
    await eventually(() => Promise.resolve(stack.entraUsers('MGR-M')[0]?.props.accountEnabled === false ? true : undefined), "the manager's Entra ID user to be disabled", 120_000);

    await stack.event({ eventId: 'move-REP-M', type: 'update', employeeId: 'REP-M', attributes: { department: 'Sales' } });
    const moved = await stack.person('REP-M', (p) => p.runs.some((r) => r.definitionId === 'template-mover' && r.status === 'succeeded'), 'the mover to finish', 120_000);

    // The Mover did look the disabled manager up, and set nothing.
    expect(moved.timeline.filter((t) => t.kind === 'rule' && t.nodeId === 'managerActive').map((t) => t.message).join(' ')).toContain('default');
    expect(stack.entraUsers('REP-M')[0]?.props.department).toBe('Sales');
    expect(entraAccountOf(moved.accounts)).toMatchObject({ id: report?.id });
    expect(stack.entraUsers('REP-M')[0]?.managerId).toBe(manager?.id);
  });
});
