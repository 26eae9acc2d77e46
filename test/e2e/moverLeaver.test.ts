/**
 * Acceptance, movers and leavers: the built-in Mover and Leaver templates, published with a short
 * retention period, driven by HR events, against Samba AD, scim2-server, the Graph peer and the
 * SMTP peer on real Temporal. A department change moves the OU and swaps the rule-based groups; a
 * manager change sets the manager in AD and Entra ID; a termination disables everything, revokes
 * sessions, removes groups and licenses and deactivates the app account, and the accounts are
 * deleted after the retention period; a termination that stopped a hire before it made any account
 * finds nothing to disable and succeeds. An update older than one already applied changes nothing in AD.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attr } from '../support/directory.ts';
import { groupsOf, isDisabled, startE2eStack, type E2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const retentionSeconds = 8;
let stack: E2eStack;
/** Stops what beforeAll started, also when it failed half-way. */
let stop = (): Promise<void> => Promise.resolve();
const today = new Date().toISOString().slice(0, 10);
const boss = 'boss@tenure.test';

function hire(employeeId: string, givenName: string, surname: string, more: Record<string, unknown> = {}) {
  return stack.event({
    eventId: `hire-${employeeId}`,
    type: 'hire',
    employeeId,
    attributes: { employeeId, givenName, surname, department: 'Engineering', title: 'Engineer', location: 'Berlin', employeeType: 'Employee', hireDate: '2026-01-05', managerEmail: boss, ...more },
  });
}

const joined = (employeeId: string) =>
  stack.person(employeeId, (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded'), `${employeeId} to have joined`, 120_000);

beforeAll(async () => {
  stack = await startE2eStack({ retentionSeconds });
  stop = () => stack.stop();
  await hire('M-1', 'Alan', 'Turing');
  await hire('M-2', 'Barbara', 'Liskov');
  await hire('L-1', 'Linus', 'Pauling', { managerId: 'M-1' });
  await Promise.all(['M-1', 'M-2', 'L-1'].map(joined));
}, 300_000);
afterAll(() => stop());

const moverRuns = async (employeeId: string) => (await stack.person(employeeId, () => true, employeeId)).runs.filter((r) => r.definitionId === 'template-mover');

describe('mover, end to end', () => {
  it('moves the OU and swaps the rule-based groups when the department changes, once for an event posted twice', { timeout: 120_000 }, async () => {
    const before = await stack.adAccount('L-1');
    expect(before?.dn).toBe(`CN=Linus Pauling (L-1),OU=Engineering,${stack.dc.baseDn}`);
    expect(groupsOf(before)).toEqual(['All Employees', 'Dept Engineering', 'Site Berlin']);

    const move = { eventId: 'move-L-1', type: 'update', employeeId: 'L-1', attributes: { department: 'Sales', title: 'Sales Manager' } };
    await stack.event(move);
    await stack.event(move);
    await stack.person('L-1', (p) => p.runs.some((r) => r.definitionId === 'template-mover' && r.status === 'succeeded') && p.timeline.some((t) => t.kind === 'duplicate'), 'the mover to finish', 90_000);

    const after = await stack.adAccount('L-1');
    expect(after?.dn).toBe(`CN=Linus Pauling (L-1),OU=Sales,${stack.dc.baseDn}`);
    expect(attr(after, 'department')).toEqual(['Sales']);
    expect(groupsOf(after)).toEqual(['All Employees', 'Dept Sales', 'People Managers', 'Site Berlin']);
    expect(stack.entraUsers('L-1')[0]?.props).toMatchObject({ department: 'Sales', jobTitle: 'Sales Manager' });
    expect((await stack.appUsers('L-1'))[0]?.title).toBe('Sales Manager');
    expect(await moverRuns('L-1')).toHaveLength(1);
  });

  it('sets the new manager in AD and Entra ID when the manager changes', { timeout: 120_000 }, async () => {
    const runsBefore = (await moverRuns('L-1')).length;
    await stack.event({ eventId: 'manager-L-1', type: 'update', employeeId: 'L-1', attributes: { managerId: 'M-2' } });
    await stack.person('L-1', (p) => p.runs.filter((r) => r.definitionId === 'template-mover' && r.status === 'succeeded').length === runsBefore + 1, 'the manager change to apply', 90_000);

    const manager = await stack.adAccount('M-2');
    expect(attr(await stack.adAccount('L-1'), 'manager')).toEqual([manager?.dn]);
    const entraManager = stack.entraUsers('M-2')[0];
    expect(stack.entraUsers('L-1')[0]?.managerId).toBe(entraManager?.id);
    const told = stack.smtp.messages.filter((m) => m.parsed.subject === 'Linus Pauling moved to Sales');
    expect(told.length).toBeGreaterThanOrEqual(2);
  });
  it('keeps the newer department in AD when an older update arrives after it', { timeout: 120_000 }, async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await stack.event({ eventId: 'move-M-1-new', type: 'update', employeeId: 'M-1', effectiveAt: new Date().toISOString(), attributes: { department: 'Sales' } });
    await stack.person('M-1', (p) => p.runs.some((r) => r.definitionId === 'template-mover' && r.status === 'succeeded'), 'the newer move to apply', 90_000);
    // HR resends a change dated yesterday, after the one dated today: it must not move M-1 back.
    await stack.event({ eventId: 'move-M-1-old', type: 'update', employeeId: 'M-1', effectiveAt: yesterday, attributes: { department: 'Finance' } });
    const after = await stack.person('M-1', (p) => p.timeline.some((t) => t.kind === 'superseded'), 'the older update to be marked superseded');

    expect(after.attributes.department).toBe('Sales');
    expect(after.runs.filter((r) => r.definitionId === 'template-mover')).toHaveLength(1);
    const account = await stack.adAccount('M-1');
    expect(account?.dn).toBe(`CN=Alan Turing (M-1),OU=Sales,${stack.dc.baseDn}`);
    expect(attr(account, 'department')).toEqual(['Sales']);
    expect(groupsOf(account)).toContain('Dept Sales');
    expect(groupsOf(account)).not.toContain('Dept Finance');
  });
});

describe('leaver, end to end', () => {
  it('disables everything, revokes sessions, removes groups and licenses, deactivates the app; deletes after the retention period', { timeout: 150_000 }, async () => {
    const user = stack.entraUsers('L-1')[0];
    if (!user) throw new Error('L-1 has no Entra ID user');
    user.assignedLicenses.push({ skuId: stack.skuId, disabledPlans: [] });
    const cloudGroup = stack.graph.addGroup('Engineering (cloud)');
    stack.graph.tenant.groups.get(cloudGroup)?.members.add(user.id);
    const sessionsBefore = user.signInSessionsValidFromDateTime;

    await stack.event({ eventId: 'leave-L-1', type: 'terminate', employeeId: 'L-1', effectiveAt: today, attributes: { lastDay: today } });
    const leaver = await stack.person('L-1', (p) => p.runs.some((r) => r.definitionId === 'template-leaver'), 'the leaver run');
    expect(leaver.state).toBe('terminated');

    const disabled = await eventually(async () => {
      const account = await stack.adAccount('L-1');
      const app = (await stack.appUsers('L-1'))[0];
      return account && isDisabled(account) && app?.active === false ? account : undefined;
    }, 'the accounts to be disabled', 60_000);
    expect(groupsOf(disabled)).toEqual([]);
    const cloud = stack.entraUsers('L-1')[0];
    expect(cloud?.props.accountEnabled).toBe(false);
    expect(cloud?.signInSessionsValidFromDateTime).not.toBe(sessionsBefore);
    expect(cloud?.assignedLicenses).toEqual([]);
    expect(stack.graph.groupMembers(cloudGroup)).toEqual([]);
    await eventually(() => Promise.resolve(stack.smtp.messages.some((m) => m.parsed.subject === 'Access ended for Linus Pauling') ? true : undefined), 'the manager to be told');

    await eventually(async () => ((await stack.adAccount('L-1')) === undefined ? true : undefined), 'the AD account to be deleted after the retention period', 60_000);
    await eventually(() => Promise.resolve(stack.entraUsers('L-1').length === 0 ? true : undefined), 'the Entra ID user to be deleted');
    expect(stack.graph.deletedUsers().map((u) => u.props.employeeId)).toContain('L-1');
    await eventually(async () => ((await stack.appUsers('L-1')).length === 0 ? true : undefined), 'the app account to be deleted');
    const done = await stack.person('L-1', (p) => p.runs.some((r) => r.definitionId === 'template-leaver' && r.status === 'succeeded'), 'the leaver to finish');
    const operations = done.timeline.filter((t) => t.kind === 'operation').map((t) => t.message);
    for (const action of ['ad.disableUser on ad', 'entra.revokeSignInSessions on entra', 'scim.deactivateUser on app', 'ad.deleteUser on ad', 'entra.deleteUser on entra', 'scim.deleteUser on app']) {
      expect(operations.some((m) => m.startsWith(action)), action).toBe(true);
    }
    // Colleagues are untouched.
    expect(isDisabled(await stack.adAccount('M-1'))).toBe(false);
  });

  it('finds nothing to disable for someone whose hire was stopped before it made accounts, and succeeds', { timeout: 120_000 }, async () => {
    // A start date two months ahead: the Joiner waits to start (7 days before it); the terminate stops it.
    const hireDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await hire('L-2', 'Rosalind', 'Franklin', { hireDate });
    await stack.person('L-2', (p) => p.scheduled.some((s) => s.definitionId === 'template-joiner'), 'the Joiner to be scheduled');
    await stack.event({ eventId: 'leave-L-2', type: 'terminate', employeeId: 'L-2', attributes: {} });
    const done = await stack.person('L-2', (p) => p.runs.some((r) => r.definitionId === 'template-leaver' && r.status !== 'running'), 'the leaver to end');
    expect(done.runs.find((r) => r.definitionId === 'template-leaver')?.status).toBe('succeeded');
    expect(done.runs.some((r) => r.definitionId === 'template-joiner')).toBe(false);
    const operations = done.timeline.filter((t) => t.kind === 'operation').map((t) => t.message);
    expect(operations.some((m) => m.startsWith('ad.disableUser') || m.startsWith('entra.disableUser') || m.startsWith('scim.deactivateUser'))).toBe(false);
    expect(await stack.adAccount('L-2')).toBeUndefined();
    expect(stack.entraUsers('L-2')).toEqual([]);
  });
});
