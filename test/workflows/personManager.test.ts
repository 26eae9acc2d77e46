/**
 * Managers hired after their reports, in the person workflow on real Temporal (no directories: the
 * lifecycles only log): a person whose joiner succeeds tells everyone whose managerId names them,
 * and each of those starts its `managerReady` lifecycle; a report whose own joiner ended without
 * setting a manager starts it itself when that manager is ready already; a manager who has left,
 * or a report that names someone else by then, starts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
  const simple = (id: string, message: string, extra: Partial<DefinitionInput>) =>
    definition(id, [node({ id: 'start', type: 'start', data: {} }), node({ id: 'note', type: 'action', data: log(message) }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'note'), edge('note', 'end')], extra);
  await publish(simple('joiner', 'accounts created', { lifecycle: 'joiner', trigger: { events: ['hire'] } }));
  await publish(simple('rehire', 'accounts back', { lifecycle: 'rehire', trigger: { events: ['rehire'] } }));
  await publish(simple('link', 'manager linked', { lifecycle: 'custom', trigger: { events: ['managerReady'] } }));
});
afterAll(async () => {
  await sys.stop();
});

async function publish(def: DefinitionInput) {
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
}

const personView = z.object({
  state: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()),
  timeline: z.array(z.object({ kind: z.string(), message: z.string() }).loose()),
  runs: z.array(z.object({ runId: z.string(), definitionId: z.string(), status: z.string(), eventType: z.string() }).loose()),
  followUps: z.array(z.string()).optional(),
});
type PersonView = z.infer<typeof personView>;

const send = async (event: Record<string, unknown>) => expect((await sys.api('POST', '/api/hr/events', event)).status).toBe(202);
const hire = (employeeId: string, managerId?: string) => send({ eventId: `hire-${employeeId}`, type: 'hire', employeeId, attributes: { givenName: employeeId, hireDate: '2026-01-05', ...(managerId !== undefined ? { managerId } : {}) } });
const person = (employeeId: string, ok: (p: PersonView) => boolean, what: string) =>
  eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}`);
    if (res.status !== 200) return undefined;
    const p = personView.parse(res.body);
    return ok(p) ? p : undefined;
  }, what);
const succeeded = (definitionId: string) => (p: PersonView) => p.runs.some((r) => r.definitionId === definitionId && r.status === 'succeeded');
/** The person's joiner succeeded and what it asked the person to do afterwards is done. */
const settled = (definitionId: string) => (p: PersonView) => succeeded(definitionId)(p) && (p.followUps ?? []).length === 0;
const links = (p: PersonView) => p.runs.filter((r) => r.definitionId === 'link');

describe('a manager hired after their report', () => {
  it('tells the report once their joiner has succeeded, and the report’s managerReady lifecycle starts', async () => {
    await hire('MR-1', 'MM-1');
    await hire('MR-2', 'MM-1');
    const report = await person('MR-1', settled('joiner'), 'the report to have joined');
    await person('MR-2', settled('joiner'), 'the second report to have joined');
    expect(links(report)).toEqual([]);

    await hire('MM-1');
    const manager = await person('MM-1', (p) => p.timeline.some((t) => t.kind === 'manager'), 'the manager to tell their reports');
    expect(manager.timeline.filter((t) => t.kind === 'manager').map((t) => t.message)).toEqual(['accounts ready: told 2 people who name MM-1 as their manager (MR-1, MR-2)']);
    for (const id of ['MR-1', 'MR-2']) {
      const linked = await person(id, succeeded('link'), `${id}'s managerReady lifecycle to succeed`);
      expect(links(linked)).toMatchObject([{ eventType: 'managerReady', status: 'succeeded' }]);
      const runId = manager.runs.find((r) => r.definitionId === 'joiner')?.runId ?? '';
      expect(linked.timeline.filter((t) => t.kind === 'manager').map((t) => t.message)).toEqual([`the accounts of the manager MM-1 are ready (their run ${runId} succeeded)`]);
      expect(linked.timeline.some((t) => t.kind === 'run-started' && t.message.includes('because the manager MM-1 is ready'))).toBe(true);
    }
  });

  it('a report whose own joiner set no manager starts the lifecycle itself when the manager is ready already', async () => {
    await hire('MM-2');
    await person('MM-2', settled('joiner'), 'the manager to have joined');
    await hire('MR-3', 'MM-2');
    const report = await person('MR-3', succeeded('link'), 'the report to find its manager ready');
    expect(report.timeline.filter((t) => t.kind === 'manager').map((t) => t.message)).toEqual(['the accounts of the manager MM-2 are ready (found when this person’s own run ended)']);
    expect(links(report)).toHaveLength(1);
  });

  it('starts nothing for a manager who has left, nor for a report that names someone else by then', async () => {
    await hire('MM-3');
    await person('MM-3', settled('joiner'), 'the manager to have joined');
    await send({ eventId: 'leave-MM-3', type: 'terminate', employeeId: 'MM-3', attributes: {} });
    await person('MM-3', (p) => p.state === 'terminated', 'the manager to have left');
    await hire('MR-4', 'MM-3');
    const report = await person('MR-4', settled('joiner'), 'the report to have joined');
    expect(links(report)).toEqual([]);

    // Back again: the rehire makes the manager ready, and the report hears it.
    await send({ eventId: 'rehire-MM-3', type: 'rehire', employeeId: 'MM-3', attributes: { hireDate: '2026-02-02' } });
    await person('MR-4', succeeded('link'), 'the report to hear that the rehired manager is ready');

    // A report told about a manager it no longer names starts nothing.
    await hire('MR-5', 'MM-4');
    await person('MR-5', settled('joiner'), 'the report to have joined');
    await send({ eventId: 'move-MR-5', type: 'update', employeeId: 'MR-5', attributes: { managerId: 'MM-9' } });
    await person('MR-5', (p) => p.attributes.managerId === 'MM-9', 'the new manager to apply');
    await hire('MM-4');
    await person('MM-4', settled('joiner'), 'the old manager to have joined');
    const moved = await person('MR-5', (p) => p.runs.length >= 1, 'the report');
    expect(links(moved)).toEqual([]);
  });
});
