/**
 * Acceptance, a manager hired after their report: HR names the report's manager by employee id
 * before the manager has any account. The report's Joiner finds nobody to set; once the manager's
 * Joiner (or Rehire) has succeeded, the built-in Manager link runs on the report and sets `manager`
 * in Samba AD (the manager's DN) and in Entra ID (the Graph peer). Also when both arrive in one SCIM
 * bulk request, in whatever order their runs go. A manager who has left is not set, by the report's
 * Joiner nor by the Manager link, until a Rehire brings them back. Read from the directories
 * themselves.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attr } from '../support/directory.ts';
import { worker, useE2eStack, type PersonView } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();

const started = new Date(Date.now() - 60_000).toISOString();
const today = new Date().toISOString().slice(0, 10);
const succeeded = (definitionId: string) => (p: PersonView) => p.runs.some((r) => r.definitionId === definitionId && r.status === 'succeeded');
const joined = (employeeId: string) => stack.person(employeeId, succeeded('template-joiner'), `${employeeId} to have joined`, 240_000);
const person = (employeeId: string, givenName: string, surname: string, managerId?: string) =>
  worker(employeeId, {
    givenName,
    surname,
    department: 'Engineering',
    employeeType: 'Employee',
    hireDate: started,
    ...(managerId !== undefined ? { managerId } : {}),
  });
const hire = async (...people: ReturnType<typeof person>[]) => {
  const res = await stack.bulk(people);
  expect(res.status).toBe(202);
};

/** The report's manager as each directory holds it: AD's `manager` DN and the Graph peer's manager id. */
const managerOf = async (employeeId: string) => ({
  ad: attr(await stack.adAccount(employeeId), 'manager'),
  entra: stack.entraUsers(employeeId)[0]?.managerId ?? null,
});
/** What the manager's own accounts are: the DN of their AD account and the id of their Entra ID user. */
const accountsOf = async (employeeId: string) => {
  const [ad, entra] = [await stack.adAccount(employeeId), stack.entraUsers(employeeId)[0]];
  expect(ad?.dn, `${employeeId}'s AD account`).toBeDefined();
  expect(entra?.id, `${employeeId}'s Entra ID user`).toBeDefined();
  return { ad: [ad?.dn], entra: entra?.id };
};
/** Waits until the report's directories name the manager's accounts. */
const managedBy = async (reportId: string, managerId: string) => {
  const expected = await accountsOf(managerId);
  return eventually(
    async () => {
      const now = await managerOf(reportId);
      return JSON.stringify(now) === JSON.stringify(expected) ? now : undefined;
    },
    `${reportId}'s manager to be ${managerId} in AD and Entra ID`,
    120_000,
  );
};

describe('a manager hired after their report', () => {
  it('is set on the report in AD and Entra ID once the manager’s Joiner has succeeded', { timeout: 480_000 }, async () => {
    await hire(person('LREP-1', 'Katherine', 'Johnson', 'LMGR-1'));
    const report = await joined('LREP-1');
    // The manager does not exist yet: the Joiner sets nothing, and says why.
    expect(await managerOf('LREP-1')).toEqual({ ad: [], entra: null });
    expect(report.timeline.filter((t) => t.kind === 'rule' && t.nodeId === 'managerActive').map((t) => t.message)).toEqual(['decision managerActive: default (no rule matched)']);

    await hire(person('LMGR-1', 'Dorothy', 'Vaughan'));
    await joined('LMGR-1');
    expect(await managedBy('LREP-1', 'LMGR-1')).toEqual(await accountsOf('LMGR-1'));

    // On the report's timeline: the manager became ready, the Manager link ran and set both.
    const linked = await stack.person('LREP-1', succeeded('template-manager-link'), 'the Manager link to have run on the report', 60_000);
    expect(linked.timeline.some((t) => t.kind === 'manager' && t.message.includes('LMGR-1') && t.message.includes('are ready'))).toBe(true);
    const link = linked.runs.find((r) => r.definitionId === 'template-manager-link');
    const operations = linked.timeline.filter((t) => t.kind === 'operation' && t.runId === link?.runId).map((t) => t.nodeId);
    expect(operations).toEqual(expect.arrayContaining(['setManagerAd', 'setManagerEntra']));
    const manager = await stack.person('LMGR-1', (p) => p.timeline.some((t) => t.kind === 'manager'), "the manager's timeline to say whom it told");
    expect(manager.timeline.filter((t) => t.kind === 'manager').map((t) => t.message)).toEqual(['accounts ready: told 1 person who names LMGR-1 as their manager (LREP-1)']);
  });

  it('is set when report and manager arrive in one bulk request, whichever run is first', { timeout: 480_000 }, async () => {
    await hire(person('LREP-2', 'Mary', 'Jackson', 'LMGR-2'), person('LREP-3', 'Christine', 'Darden', 'LMGR-2'), person('LMGR-2', 'Annie', 'Easley'));
    await Promise.all(['LREP-2', 'LREP-3', 'LMGR-2'].map(joined));
    await managedBy('LREP-2', 'LMGR-2');
    await managedBy('LREP-3', 'LMGR-2');
  });

  it('who has left is not set, by the Joiner nor by the Manager link, until a Rehire brings them back', { timeout: 600_000 }, async () => {
    await hire(person('LMGR-4', 'Evelyn', 'Boyd'));
    await joined('LMGR-4');
    await stack.event({
      eventId: 'terminate-LMGR-4',
      type: 'terminate',
      employeeId: 'LMGR-4',
      attributes: { lastDay: today },
    });
    await eventually(() => Promise.resolve(stack.entraUsers('LMGR-4')[0]?.props.accountEnabled === false ? true : undefined), "the manager's Entra ID user to be disabled by the Leaver", 120_000);

    await hire(person('LREP-4', 'Gladys', 'West', 'LMGR-4'));
    const report = await joined('LREP-4');
    expect(await managerOf('LREP-4')).toEqual({ ad: [], entra: null });
    // The manager has left, so nothing told the report to link them.
    expect(report.runs.filter((r) => r.definitionId === 'template-manager-link')).toEqual([]);

    // Run on demand, the Manager link finds the manager disabled and sets nothing.
    const res = await stack.sys.api('POST', '/api/runs', {
      definitionId: 'template-manager-link',
      people: [{ employeeId: 'LREP-4', attributes: report.attributes }],
    });
    expect(res.status).toBe(202);
    const runId = z.object({ runs: z.array(z.object({ id: z.string() })).length(1) }).parse(res.body).runs[0]?.id;
    const run = await eventually(
      async () => {
        const got = await stack.sys.api('GET', `/api/runs/${runId ?? ''}`);
        const body = z
          .object({
            workflowStatus: z.string(),
            trace: z.array(z.object({ nodeId: z.string(), handle: z.string().optional() }).loose()),
          })
          .loose()
          .parse(got.body);
        return body.workflowStatus === 'COMPLETED' ? body : undefined;
      },
      'the Manager link run on demand to complete',
      120_000,
    );
    expect(run.trace.find((t) => t.nodeId === 'managerActive')?.handle).toBe('default');
    expect(run.trace.map((t) => t.nodeId)).not.toContain('setManagerAd');
    expect(await managerOf('LREP-4')).toEqual({ ad: [], entra: null });

    // The manager comes back: once the Rehire has re-enabled their accounts, the report gets them.
    await stack.event({
      eventId: 'rehire-LMGR-4',
      type: 'rehire',
      employeeId: 'LMGR-4',
      attributes: { hireDate: today },
    });
    await stack.person('LMGR-4', succeeded('template-rehire'), 'the manager to be rehired', 240_000);
    await managedBy('LREP-4', 'LMGR-4');
  });
});
