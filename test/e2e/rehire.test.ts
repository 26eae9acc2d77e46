/**
 * Acceptance, rehires: the built-in Rehire template on real Temporal against Samba AD, scim2-server
 * and the Graph peer. People who left (disabled by the Leaver, inside its retention period) come
 * back: under the reactivate policy their old accounts are enabled and updated; under reprovision
 * (chosen per person by HR's rehirePolicy attribute) the old accounts are archived and new ones
 * created, with new names. A terminate dated before the rehire that arrives late leaves them enabled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attr } from '../support/directory.ts';
import { groupsOf, isDisabled, startE2eStack, type E2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

let stack: E2eStack;
/** Stops what beforeAll started, also when it failed half-way. */
let stop = (): Promise<void> => Promise.resolve();
const today = new Date().toISOString().slice(0, 10);

function hire(employeeId: string, givenName: string, surname: string) {
  return stack.event({
    eventId: `hire-${employeeId}`,
    type: 'hire',
    employeeId,
    attributes: { employeeId, givenName, surname, department: 'Finance', title: 'Analyst', location: 'London', employeeType: 'Employee', hireDate: '2025-06-02', managerEmail: 'boss@tenure.test' },
  });
}

const finished = (employeeId: string, definitionId: string, what: string) =>
  stack.person(employeeId, (p) => p.runs.some((r) => r.definitionId === definitionId && r.status === 'succeeded'), what, 120_000);

beforeAll(async () => {
  stack = await startE2eStack();
  stop = () => stack.stop();
  await hire('R-1', 'Rosa', 'Franklin');
  await hire('R-2', 'Rita', 'Levi');
  await Promise.all(['R-1', 'R-2'].map((id) => finished(id, 'template-joiner', `${id} to join`)));
  for (const id of ['R-1', 'R-2']) await stack.event({ eventId: `leave-${id}`, type: 'terminate', employeeId: id, attributes: { lastDay: today } });
  // The leavers disable everything, then wait out the 30-day retention period.
  await eventually(async () => {
    const apps = [...(await stack.appUsers('R-1')), ...(await stack.appUsers('R-2'))];
    const accounts = [await stack.adAccount('R-1'), await stack.adAccount('R-2')];
    return apps.length === 2 && apps.every((u) => u.active === false) && accounts.every((a) => isDisabled(a)) ? true : undefined;
  }, 'both leavers to be disabled', 120_000);
}, 360_000);
afterAll(() => stop());

describe('rehire, end to end', () => {
  it('reactivates the old accounts under the reactivate policy', { timeout: 120_000 }, async () => {
    const old = await stack.adAccount('R-1');
    const oldCloud = stack.entraUsers('R-1')[0];
    await stack.event({ eventId: 'rehire-R-1', type: 'rehire', employeeId: 'R-1', attributes: { hireDate: today, department: 'Sales' } });
    await finished('R-1', 'template-rehire', 'the rehire to finish');

    const back = await stack.adAccount('R-1');
    expect(attr(back, 'objectGUID')).toEqual(attr(old, 'objectGUID'));
    expect(isDisabled(back)).toBe(false);
    expect(back?.dn).toBe(`CN=Rosa Franklin (R-1),OU=Sales,${stack.dc.baseDn}`);
    expect(groupsOf(back)).toEqual(['All Employees', 'Dept Sales', 'Site London']);
    expect(attr(back, 'sAMAccountName')).toEqual(attr(old, 'sAMAccountName'));
    const cloud = stack.entraUsers('R-1');
    expect(cloud.map((u) => [u.id, u.props.accountEnabled, u.props.department])).toEqual([[oldCloud?.id, true, 'Sales']]);
    const app = await stack.appUsers('R-1');
    expect(app.map((u) => u.active)).toEqual([true]);
    expect(stack.graph.activeUsers().filter((u) => typeof u.props.employeeId === 'string' && u.props.employeeId.startsWith('R-1'))).toHaveLength(1);
  });

  it('archives the old accounts and creates new ones under the reprovision policy', { timeout: 120_000 }, async () => {
    const old = await stack.adAccount('R-2');
    const oldCloud = stack.entraUsers('R-2')[0];
    expect(oldCloud?.props.userPrincipalName).toBe('rita.levi@tenure.test');
    await stack.event({ eventId: 'rehire-R-2', type: 'rehire', employeeId: 'R-2', attributes: { hireDate: today, rehirePolicy: 'reprovision' } });
    const done = await finished('R-2', 'template-rehire', 'the rehire to finish');
    expect(done.timeline.filter((t) => t.kind === 'rule').map((t) => t.message).join('\n')).toContain('reprovision');

    const fresh = await stack.adAccount('R-2');
    expect(fresh).toBeDefined();
    expect(attr(fresh, 'objectGUID')).not.toEqual(attr(old, 'objectGUID'));
    expect(isDisabled(fresh)).toBe(false);
    expect(attr(fresh, 'userPrincipalName')).toEqual(['rita.levi2@tenure.test']);
    expect(groupsOf(fresh)).toEqual(['All Employees', 'Dept Finance', 'Site London']);

    const cloud = stack.entraUsers('R-2');
    expect(cloud.map((u) => [u.props.userPrincipalName, u.props.accountEnabled])).toEqual([['rita.levi2@tenure.test', true]]);
    expect(cloud[0]?.id).not.toBe(oldCloud?.id);
    const archived = stack.entraUsers('R-2-old');
    expect(archived.map((u) => [u.id, u.props.userPrincipalName, u.props.accountEnabled])).toEqual([[oldCloud?.id, 'rita.levi@tenure.test', false]]);

    expect((await stack.appUsers('R-2')).map((u) => [u.userName, u.active])).toEqual([['rita.levi2@tenure.test', true]]);
    expect((await stack.appUsers('R-2-old')).map((u) => [u.userName, u.active])).toEqual([['rita.levi@tenure.test', false]]);
  });

  it('keeps a rehired person enabled in AD when a terminate dated before the rehire arrives late', { timeout: 120_000 }, async () => {
    await finished('R-1', 'template-rehire', 'the rehire of R-1');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    // HR sends the old termination again, dated before the rehire: it must not undo the rehire.
    await stack.event({ eventId: 'late-leave-R-1', type: 'terminate', employeeId: 'R-1', effectiveAt: yesterday, attributes: { lastDay: yesterday.slice(0, 10) } });
    const after = await stack.person('R-1', (p) => p.timeline.some((t) => t.kind === 'superseded'), 'the late terminate to be marked superseded');

    expect(after.state).toBe('active');
    expect(after.runs.filter((r) => r.definitionId === 'template-leaver')).toHaveLength(1);
    expect(isDisabled(await stack.adAccount('R-1'))).toBe(false);
    expect(stack.entraUsers('R-1').map((u) => u.props.accountEnabled)).toEqual([true]);
    expect((await stack.appUsers('R-1')).map((u) => u.active)).toEqual([true]);
  });
});
