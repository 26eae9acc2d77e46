/**
 * Acceptance, manager resolution: HR names a worker's manager only by employee id (SCIM enterprise
 * `manager.value`, no managerEmail). The Joiner resolves it to the manager's own accounts and sets
 * `manager` in Samba AD and in Entra ID (the Graph peer), and the manager gets the welcome mail at
 * their own address. A manager who has left (terminated: their accounts are disabled) is not set,
 * and the mail goes to the helpdesk. Read from the directories and the SMTP peer themselves.
 */
import { describe, expect, it } from 'vitest';
import { attr } from '../support/directory.ts';
import { helpdeskMailbox, worker, useE2eStack, type PersonView } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();

const started = new Date(Date.now() - 60_000).toISOString();
const joined = (employeeId: string) =>
  stack.person(employeeId, (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded'), `${employeeId} to have joined`, 240_000);
const hire = async (employeeId: string, givenName: string, surname: string, managerId?: string) => {
  const res = await stack.bulk([worker(employeeId, { givenName, surname, department: 'Engineering', employeeType: 'Employee', hireDate: started, ...(managerId !== undefined ? { managerId } : {}) })]);
  expect(res.status).toBe(202);
};
/** The welcome mails about `displayName`, by recipient. */
const welcomesOf = (displayName: string) =>
  eventually(() => {
    const mails = stack.smtp.messages.filter((m) => m.parsed.subject === `Welcome ${displayName}: their accounts are ready`);
    return Promise.resolve(mails.length > 0 ? mails.flatMap((m) => m.rcptTo) : undefined);
  }, `the welcome mail about ${displayName}`);
const decision = (p: PersonView, nodeId: string) => p.timeline.filter((t) => t.kind === 'rule' && t.nodeId === nodeId).map((t) => t.message);

describe('the manager named by employee id', () => {
  it('is set as the AD and Entra ID manager of a new report, and gets the welcome at their own address', { timeout: 300_000 }, async () => {
    await hire('MGR-1', 'Grace', 'Hopper');
    await joined('MGR-1');
    await hire('REP-1', 'Ada', 'Lovelace', 'MGR-1');
    const report = await joined('REP-1');

    const [manager, account] = await Promise.all([stack.adAccount('MGR-1'), stack.adAccount('REP-1')]);
    expect(manager?.dn).toBeDefined();
    expect(attr(account, 'manager')).toEqual([manager?.dn]);
    const entraManager = stack.entraUsers('MGR-1')[0];
    expect(entraManager?.id).toBeDefined();
    expect(stack.entraUsers('REP-1')[0]?.managerId).toBe(entraManager?.id);

    // No managerEmail from HR: the manager's own address (their UPN, also their mail) gets the welcome.
    const managerUpn = entraManager?.props.userPrincipalName;
    expect(managerUpn).toBe('grace.hopper@tenure.test');
    expect(await welcomesOf('Ada Lovelace')).toEqual([managerUpn]);
    expect(decision(report, 'managerActive').join(' ')).toContain('active');
  });

  it('who has left is not set, and the welcome goes to the helpdesk', { timeout: 300_000 }, async () => {
    await hire('MGR-2', 'Edsger', 'Dijkstra');
    await joined('MGR-2');
    // HR terminates the manager: the Leaver disables their accounts.
    await stack.event({ eventId: 'terminate-MGR-2', type: 'terminate', employeeId: 'MGR-2' });
    await stack.person('MGR-2', (p) => p.state === 'terminated' || p.state === 'leaver', 'MGR-2 to leave');
    await eventually(() => Promise.resolve(stack.entraUsers('MGR-2')[0]?.props.accountEnabled === false ? true : undefined), "the manager's Entra ID user to be disabled", 120_000);

    await hire('REP-2', 'Barbara', 'Liskov', 'MGR-2');
    const report = await joined('REP-2');
    expect(attr(await stack.adAccount('REP-2'), 'manager')).toEqual([]);
    expect(stack.entraUsers('REP-2')[0]?.managerId).toBeNull();
    expect(await welcomesOf('Barbara Liskov')).toEqual([helpdeskMailbox]);
    expect(decision(report, 'managerActive')).toEqual(['decision managerActive: default (no rule matched)']);
    expect(report.timeline.some((t) => t.kind === 'operation' && t.nodeId === 'setManagerAd')).toBe(false);
  });
});
