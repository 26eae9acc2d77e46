/**
 * A person across continue-as-new, on a Temporal server told to suggest it after 40 history events:
 * a joiner run started by the first execution still reports its end to the person (it has no child
 * handle any more), its account is linked, the next change is applied, and every accepted event is on
 * the timeline. The account is checked in the real OpenLDAP directory.
 */
import { Client as Ldap } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findTemporalCli } from '../../server/temporal/cli.ts';
import { startDevServer, type DevServer } from '../../server/temporal/devServer.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { startSlapd, type Slapd } from '../peers/slapd.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { attr } from '../support/directory.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let temporal: DevServer;
let slapd: Slapd;
let sys: TestSystem;

const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [temporal, slapd] = await Promise.all([
    (async () => startDevServer({ cli: await findTemporalCli(process.env.TEMPORAL_CLI), port: await freePort(), namespace: 'default', dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 40 } }))(),
    startSlapd(),
  ]);
  sys = await startTestSystem({ temporalAddress: temporal.address });
  const connection = { id: 'dir', kind: 'ldap', name: 'Directory', config: { url: slapd.url, baseDn: slapd.baseDn }, secrets: { bindDn: slapd.serviceDn, password: slapd.servicePassword } };
  expect((await sys.api('POST', '/api/connections', connection)).status).toBe(201);
  const joiner = definition(
    'joiner',
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'create', type: 'action', data: { action: 'ldap.createUser', connectionId: 'dir', params: { anchor: { expression: '[employeeId]' }, name: { expression: 'Join(" ", [givenName], [surname])' }, sn: { expression: '[surname]' } } } }),
      node({ id: 'dayOne', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: 0 } } }),
      node({ id: 'enable', type: 'action', data: { action: 'ldap.enableUser', connectionId: 'dir', params: { anchor: { expression: '[employeeId]' } } } }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'create'), edge('create', 'dayOne'), edge('dayOne', 'enable'), edge('enable', 'end')],
    { lifecycle: 'joiner', trigger: { events: ['hire'] } },
  );
  expect((await sys.api('POST', '/api/definitions', joiner)).status).toBe(201);
  expect((await sys.api('POST', '/api/definitions/joiner/publish')).status).toBe(201);
}, 180_000);
afterAll(async () => {
  await sys.stop();
  await Promise.all([temporal.stop(), slapd.stop()]);
});

const personView = z.looseObject({
  state: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()),
  timeline: z.array(z.looseObject({ kind: z.string(), eventId: z.string().optional() })),
  runs: z.array(z.looseObject({ runId: z.string(), status: z.string() })),
  accounts: z.record(z.string(), z.looseObject({ status: z.string(), id: z.string() })),
});
const read = async () => {
  const res = await sys.api('GET', '/api/people/CAN1');
  return res.status === 200 ? personView.parse(res.body) : undefined;
};
const send = async (event: Record<string, unknown>) => expect((await sys.api('POST', '/api/hr/events', { employeeId: 'CAN1', ...event })).status).toBe(202);

async function executions(): Promise<number> {
  const { count } = await sys.client.workflow.count(`WorkflowId = '${personWorkflowId('hr', 'CAN1')}'`);
  return count;
}

describe('person workflow across continue-as-new', () => {
  it('follows a run started before continue-as-new to its end, links its account, and goes on applying changes', async () => {
    const sent: string[] = [];
    await send({ eventId: 'hire', type: 'hire', attributes: { givenName: 'Mei', surname: 'Chen', hireDate: tomorrow(), title: 'T0' } });
    sent.push('hire');
    await eventually(async () => ((await read())?.runs.length === 1 ? true : undefined), 'the joiner to start');

    for (let n = 1; (await executions()) < 2; n++) {
      if (n > 60) throw new Error('the person never continued as new');
      await send({ eventId: `u${n}`, type: 'update', attributes: { title: `T${n}` } });
      sent.push(`u${n}`);
      await eventually(async () => ((await read())?.attributes.title === `T${n}` ? true : undefined), `update ${n} to apply`);
    }

    // The run started by the first execution finishes now, and reports to the current one.
    await send({ eventId: 'start-today', type: 'update', attributes: { hireDate: today() } });
    sent.push('start-today');
    const done = await eventually(async () => {
      const p = await read();
      return p?.runs[0]?.status === 'succeeded' ? p : undefined;
    }, 'the carried joiner to be recorded as succeeded', 90_000);
    expect(done.accounts.dir).toMatchObject({ status: 'enabled' });

    await send({ eventId: 'after', type: 'update', attributes: { title: 'Lead' } });
    sent.push('after');
    const final = await eventually(async () => {
      const p = await read();
      return p?.attributes.title === 'Lead' ? p : undefined;
    }, 'the change after the run to apply');
    for (const id of sent) expect(final.timeline.some((t) => t.kind === 'event' && t.eventId === id), `event ${id} on the timeline`).toBe(true);
    expect(final.timeline.filter((t) => t.kind === 'error')).toEqual([]);
    const { count: failed } = await sys.client.workflow.count(`WorkflowType = 'personWorkflow' AND ExecutionStatus = 'Failed'`);
    expect(failed).toBe(0);

    const look = new Ldap({ url: slapd.url });
    try {
      await look.bind(slapd.rootDn, slapd.rootPassword);
      const { searchEntries } = await look.search(slapd.baseDn, { filter: '(employeeNumber=CAN1)', attributes: ['cn', 'employeeType'] });
      expect(searchEntries).toHaveLength(1);
      expect(attr(searchEntries[0], 'cn')).toEqual(['Mei Chen']);
      expect(attr(searchEntries[0], 'employeeType')).not.toContain('disabled');
    } finally {
      await look.unbind();
    }
  }, 300_000);
});
