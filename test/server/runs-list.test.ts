/**
 * GET /api/runs: the runs started through Tenure, newest first, with Temporal's current status,
 * filtered by person, definition and status, a page at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys.stop();
});

const page = z.object({
  runs: z.array(z.object({ id: z.string(), employeeId: z.string(), definitionId: z.string(), revision: z.number(), workflowStatus: z.string(), closedAt: z.string().nullable(), startedAt: z.string() })),
  nextCursor: z.string().nullable(),
});
const list = async (query: string) => {
  const res = await sys.api('GET', `/api/runs${query}`);
  expect(res.status).toBe(200);
  return page.parse(res.body);
};

const quick = definition('quick', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'hello', type: 'action', data: log('hello') }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'hello'), edge('hello', 'end')]);
const slow = definition(
  'slow',
  [node({ id: 'start', type: 'start', data: {} }), node({ id: 'hold', type: 'wait', data: { wait: { kind: 'duration', duration: { hours: 1 } } } }), node({ id: 'end', type: 'end', data: {} })],
  [edge('start', 'hold'), edge('hold', 'end')],
);

async function run(definitionId: string, employeeId: string): Promise<string> {
  const res = await sys.api('POST', '/api/runs', { definitionId, people: [{ employeeId, attributes: {} }] });
  expect(res.status).toBe(202);
  const id = startedRuns.parse(res.body).runs[0]?.id;
  if (id === undefined) throw new Error('no run started');
  return id;
}

describe('GET /api/runs', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const def of [quick, slow]) {
      expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
      expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    }
    ids.q1 = await run('quick', 'E1');
    ids.s1 = await run('slow', 'E1');
    ids.q2 = await run('quick', 'E2');
    ids.s2 = await run('slow', 'E3');
    await eventually(async () => {
      const all = await list('?definitionId=quick');
      return all.runs.every((r) => r.workflowStatus === 'COMPLETED') ? all : undefined;
    }, 'the quick runs to complete');
  });

  afterAll(async () => {
    // The slow runs would wait an hour on the shared Temporal server.
    for (const id of [ids.s1, ids.s2]) if (id !== undefined) await sys.client.workflow.getHandle(`run:${id}`).terminate('test finished');
  });

  it('lists every run newest first with Temporal’s status', async () => {
    const all = await list('');
    expect(all.runs.map((r) => r.id)).toEqual([ids.s2, ids.q2, ids.s1, ids.q1]);
    expect(all.nextCursor).toBeNull();
    const quickRun = all.runs.find((r) => r.id === ids.q1);
    expect(quickRun).toMatchObject({ definitionId: 'quick', employeeId: 'E1', revision: 1, workflowStatus: 'COMPLETED' });
    expect(quickRun?.closedAt).not.toBeNull();
    expect(all.runs.find((r) => r.id === ids.s1)).toMatchObject({ workflowStatus: 'RUNNING', closedAt: null });
  });

  it('filters by person, definition and status', async () => {
    expect((await list('?employeeId=E1')).runs.map((r) => r.id)).toEqual([ids.s1, ids.q1]);
    expect((await list('?definitionId=slow')).runs.map((r) => r.id)).toEqual([ids.s2, ids.s1]);
    expect((await list('?status=running')).runs.map((r) => r.id)).toEqual([ids.s2, ids.s1]);
    expect((await list('?status=COMPLETED&employeeId=E2')).runs.map((r) => r.id)).toEqual([ids.q2]);
    expect((await list('?status=failed')).runs).toEqual([]);
  });

  it('pages with limit and cursor, with or without a status filter', async () => {
    const first = await list('?limit=3');
    expect(first.runs.map((r) => r.id)).toEqual([ids.s2, ids.q2, ids.s1]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`?limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.runs.map((r) => r.id)).toEqual([ids.q1]);
    expect(second.nextCursor).toBeNull();

    const running = await list('?status=running&limit=1');
    expect(running.runs.map((r) => r.id)).toEqual([ids.s2]);
    const rest = await list(`?status=running&limit=1&cursor=${encodeURIComponent(running.nextCursor ?? '')}`);
    expect(rest.runs.map((r) => r.id)).toEqual([ids.s1]);
  });

  it('refuses a cursor it did not give out and an unknown status', async () => {
    const bad = await sys.api('GET', '/api/runs?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(errorBody.parse(bad.body).error.message).toBe('the cursor is not one this API gave out; start again without it');
    expect((await sys.api('GET', '/api/runs?status=sleeping')).status).toBe(400);
  });
});
