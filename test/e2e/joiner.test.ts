/**
 * Acceptance, joiners: the built-in Joiner template, published, driven by HR through the SCIM bulk
 * endpoint, against Samba AD, scim2-server, the Graph peer, the SMTP peer and the HR write-back
 * receiver on real Temporal. A future-dated hire is pre-created disabled and enabled on its start
 * date; two José Garcías get distinct names; the same request twice changes nothing twice; a
 * terminate while the hire waits stops it; the person's timeline tells the whole story.
 */
import { describe, expect, it } from 'vitest';
import { runView } from '../support/api.ts';
import { attr } from '../support/directory.ts';
import { groupsOf, isDisabled, worker, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const boss = 'boss@tenure.test';

/** Resolves once the run's step has this status. */
async function stepReaches(runId: string, nodeId: string, status: string, what: string) {
  return eventually(async () => (runView.parse((await stack.sys.api('GET', `/api/runs/${runId}`)).body).nodes[nodeId]?.status === status ? true : undefined), what, 60_000);
}

async function accountOf(employeeId: string, what: string) {
  return eventually(async () => stack.adAccount(employeeId), what, 60_000);
}

describe('joiner, end to end', () => {
  it('pre-creates disabled accounts for a future hire, enables them on the start date, and gives two José Garcías distinct names', { timeout: 180_000 }, async () => {
    const hireDate = inSeconds(45);
    const first = worker('J-101', { givenName: 'José', surname: 'García', department: 'Engineering', title: 'Engineer', location: 'Berlin', employeeType: 'Employee', managerEmail: boss, hireDate });
    const second = worker('J-102', { givenName: 'José', surname: 'García', department: 'Sales', title: 'Sales Manager', location: 'London', employeeType: 'Employee', managerEmail: boss, hireDate });
    // One bulk request: both runs look for a free name at the same moment, and the one whose write
    // the directory refuses chooses again.
    expect((await stack.bulk([first, second])).status).toBe(202);
    const created = await accountOf('J-101', 'the first AD account');
    const createdToo = await accountOf('J-102', 'the second AD account');

    // Before the start date: both exist, disabled, in their department's OU, with distinct names.
    expect(isDisabled(created)).toBe(true);
    expect(isDisabled(createdToo)).toBe(true);
    expect(created.dn).toBe(`CN=José García (J-101),OU=Engineering,${stack.dc.baseDn}`);
    expect(createdToo.dn).toBe(`CN=José García (J-102),OU=Sales,${stack.dc.baseDn}`);
    // Which of the two gets the first candidate depends on who writes first; that they differ does not.
    expect([attr(created, 'sAMAccountName')[0], attr(createdToo, 'sAMAccountName')[0]].sort()).toEqual(['jgarcia', 'josegarcia']);
    expect([attr(created, 'userPrincipalName')[0], attr(createdToo, 'userPrincipalName')[0]].sort()).toEqual(['jose.garcia2@tenure.test', 'jose.garcia@tenure.test']);
    const entra = await eventually(() => {
      const users = [...stack.entraUsers('J-101'), ...stack.entraUsers('J-102')];
      return Promise.resolve(users.length === 2 ? users : undefined);
    }, 'both Entra ID users');
    expect(entra.map((u) => [u.props.userPrincipalName, u.props.accountEnabled]).sort()).toEqual([
      ['jose.garcia2@tenure.test', false],
      ['jose.garcia@tenure.test', false],
    ]);
    expect(Date.now()).toBeLessThan(Date.parse(hireDate));

    // On the start date: enabled, grouped by the rules, in the app, the manager told, HR updated.
    const enabled = await eventually(async () => {
      const [a, b] = [await stack.adAccount('J-101'), await stack.adAccount('J-102')];
      return a && b && !isDisabled(a) && !isDisabled(b) ? [a, b] : undefined;
    }, 'both AD accounts to be enabled on the start date', 90_000);
    expect(enabled).toHaveLength(2);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(hireDate));
    for (const id of ['J-101', 'J-102']) await stack.person(id, (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded'), `${id}'s joiner run to finish`);
    const grouped = [await stack.adAccount('J-101'), await stack.adAccount('J-102')];
    expect(groupsOf(grouped[0])).toEqual(['All Employees', 'Dept Engineering', 'Site Berlin']);
    expect(groupsOf(grouped[1])).toEqual(['All Employees', 'Dept Sales', 'People Managers', 'Site London']);
    await eventually(() => Promise.resolve(stack.entraUsers('J-101')[0]?.props.accountEnabled === true && stack.entraUsers('J-102')[0]?.props.accountEnabled === true ? true : undefined), 'both Entra ID users enabled');
    const app = await eventually(async () => {
      const users = [...(await stack.appUsers('J-101')), ...(await stack.appUsers('J-102'))];
      return users.length === 2 ? users : undefined;
    }, 'both app accounts');
    expect(app.map((u) => [u.userName, u.active]).sort()).toEqual([
      ['jose.garcia2@tenure.test', true],
      ['jose.garcia@tenure.test', true],
    ]);
    const mails = await stack.smtp.received(2);
    expect(mails.map((m) => m.rcptTo)).toEqual([[boss], [boss]]);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual(['Welcome José García: their accounts are ready', 'Welcome José García: their accounts are ready']);
    expect(mails.map((m) => m.parsed.text ?? '').join('\n')).toContain('They sign in as jose.garcia2@tenure.test');
    expect(stack.graph.sentMail().filter((m) => m.to.includes(boss))).toHaveLength(2);
    const writeBacks = await stack.hr.received(2);
    expect(writeBacks.map((r) => r.json)).toEqual(
      expect.arrayContaining([expect.objectContaining({ employeeId: 'J-101' }), expect.objectContaining({ employeeId: 'J-102' })]),
    );
    expect(JSON.stringify(writeBacks.map((r) => r.json))).toContain('jose.garcia2@tenure.test');
  });

  it('applies the same bulk request once, whether it comes again at once or later', { timeout: 120_000 }, async () => {
    const hire = worker('J-201', { givenName: 'Ada', surname: 'Lovelace', department: 'Finance', employeeType: 'Employee', managerEmail: boss, hireDate: inSeconds(-60) });
    // Back to back: both derive the same hire event (same id); the person workflow applies it once.
    const [first, second] = await Promise.all([stack.bulk([hire]), stack.bulk([hire])]);
    expect([first.status, second.status]).toEqual([202, 202]);
    await stack.person('J-201', (p) => p.runs.some((r) => r.status === 'succeeded'), 'the joiner run to finish');
    const before = await stack.adAccount('J-201');
    const accounts = (await stack.adAccounts()).length;
    const users = stack.graph.activeUsers().length;

    const again = await stack.bulk([hire]);
    expect(again.status).toBe(202);
    expect(JSON.stringify(again.body)).toContain('"outcome":"unchanged"');
    const after = await stack.adAccount('J-201');
    expect(attr(after, 'uSNChanged')).toEqual(attr(before, 'uSNChanged'));
    expect((await stack.adAccounts()).length).toBe(accounts);
    expect(stack.graph.activeUsers().length).toBe(users);
    const person = await stack.person('J-201', () => true, 'the person');
    expect(person.runs.filter((r) => r.definitionId === 'template-joiner')).toHaveLength(1);
    expect(person.timeline.filter((t) => t.kind === 'event')).toHaveLength(1);
    expect(stack.entraUsers('J-201')).toHaveLength(1);
    expect(await stack.appUsers('J-201')).toHaveLength(1);
  });

  it('stops a hire that waits for its start date when a terminate arrives: the account is never enabled', { timeout: 150_000 }, async () => {
    const hire = worker('J-301', { givenName: 'Grace', surname: 'Hopper', department: 'HR', employeeType: 'Employee', managerEmail: boss, hireDate: inSeconds(3600) });
    expect((await stack.bulk([hire])).status).toBe(202);
    const waiting = await stack.person('J-301', (p) => p.runs.some((r) => r.definitionId === 'template-joiner'), 'the joiner run');
    const runId = waiting.runs.find((r) => r.definitionId === 'template-joiner')?.runId ?? '';
    await stepReaches(runId, 'waitHireDate', 'waiting', 'the joiner to wait for the start date');
    expect(isDisabled(await stack.adAccount('J-301'))).toBe(true);

    await stack.event({ eventId: 'terminate-J-301', type: 'terminate', employeeId: 'J-301', attributes: {} });
    const stopped = await stack.person('J-301', (p) => p.timeline.some((t) => t.kind === 'run-cancelled' && t.runId === runId), 'the hire to be cancelled');
    expect(stopped.runs.find((r) => r.runId === runId)?.status).toBe('cancelled');
    expect(stopped.timeline.find((t) => t.kind === 'run-cancelled')?.message).toBe('cancelled template-joiner: terminate event terminate-J-301');
    // The leaver runs for the terminate and waits out its retention; the account was never enabled.
    const leaver = await stack.person('J-301', (p) => p.runs.some((r) => r.definitionId === 'template-leaver'), 'the leaver run');
    const leaverRun = leaver.runs.find((r) => r.definitionId === 'template-leaver')?.runId ?? '';
    await stepReaches(leaverRun, 'retention', 'waiting', 'the leaver to reach its retention period');
    expect(isDisabled(await stack.adAccount('J-301'))).toBe(true);
    expect(stack.entraUsers('J-301')[0]?.props.accountEnabled).toBe(false);
    expect(await stack.appUsers('J-301')).toEqual([]);
  });

  it('shows every event, rule outcome and operation on the person’s timeline, and the linked accounts', async () => {
    const person = await stack.person('J-101', (p) => p.timeline.some((t) => t.kind === 'run-finished'), 'the joiner to be reported');
    const kinds = person.timeline.map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(['event', 'state', 'run-started', 'rule', 'operation', 'run-finished']));
    expect(person.timeline.find((t) => t.kind === 'event')?.message).toMatch(/^hire: /);
    const operations = person.timeline.filter((t) => t.kind === 'operation').map((t) => t.message);
    for (const action of ['entra.createUser on entra', 'ad.createUser on ad', 'ad.enableUser on ad', 'entra.enableUser on entra', 'ad.addToGroups on ad', 'scim.createUser on app', 'email.send on mail', 'hr.writeBack on hr']) {
      expect(operations.some((m) => m.startsWith(action)), action).toBe(true);
    }
    expect(person.timeline.filter((t) => t.kind === 'rule').map((t) => t.nodeId)).toContain('appScope');
    expect(person.accounts).toMatchObject({
      ad: { connectionId: 'ad', kind: 'ad', status: 'enabled' },
      entra: { connectionId: 'entra', kind: 'entra', status: 'enabled' },
      app: { connectionId: 'app', kind: 'scim', status: 'enabled' },
    });
  });
});
