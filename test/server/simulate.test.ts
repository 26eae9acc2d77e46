/**
 * POST /api/simulate: a dry run of a draft or a published revision, through the real API. It
 * answers the path, decisions with their facts, computed parameters, wait end dates, approvers and
 * the operations a run would send, and starts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody } from '../support/api.ts';
import { definition, edge, node, sampleDefinition } from '../support/definitions.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys.stop();
});

const simulation = z.object({
  outcome: z.string(),
  error: z.string().optional(),
  path: z.array(z.string()),
  nodes: z.record(z.string(), z.object({ status: z.string(), handle: z.string().optional() }).loose()),
  trace: z.array(z.object({ nodeId: z.string() }).loose()),
  operations: z.array(z.object({ nodeId: z.string(), action: z.string(), connectionId: z.string().optional(), input: z.record(z.string(), z.unknown()) })),
  problems: z.array(z.unknown()),
  trigger: z.object({ eventMatches: z.boolean().nullable(), wouldStart: z.boolean(), scope: z.unknown() }),
  startedAt: z.string(),
  revision: z.object({ definitionId: z.string(), number: z.number(), hash: z.string(), definition: z.object({ nodes: z.array(z.object({ id: z.string(), position: z.object({ x: z.number() }) }).loose()) }).loose() }).optional(),
});

const engineer = { employeeId: 'E1001', attributes: { department: 'Engineering', givenName: 'Ada', hireDate: '2026-04-15' } };

describe('POST /api/simulate', () => {
  it('dry-runs a draft: path, decisions with facts, parameters, wait end, approvers and planned operations', async () => {
    const res = await sys.api('POST', '/api/simulate', {
      definition: sampleDefinition('sim-draft', 3600),
      person: engineer,
      event: { type: 'hire' },
      now: '2026-03-02T08:00:00Z',
    });
    expect(res.status).toBe(200);
    const body = simulation.parse(res.body);
    expect(body.outcome).toBe('succeeded');
    expect(body.path).toEqual(['start', 'route', 'fork', 'greet', 'remember', 'join', 'settle', 'approve', 'done']);
    expect(body.operations).toEqual([
      { nodeId: 'greet', action: 'core.log', input: { message: 'Welcome Ada', level: 'info' } },
      { nodeId: 'remember', action: 'core.setVariable', input: { name: 'team', value: 'platform' } },
    ]);
    expect(body.trace.find((t) => t.nodeId === 'route')).toMatchObject({
      handle: 'engineering',
      rules: [{ outcome: 'engineering', matched: true, conditions: [{ fact: 'department', factValue: 'Engineering', result: true }] }],
    });
    expect(body.trace.find((t) => t.nodeId === 'settle')).toMatchObject({ until: '2026-03-02T09:00:00.000Z' });
    expect(body.trace.find((t) => t.nodeId === 'approve')).toMatchObject({ handle: 'approved', approvers: ['admin'] });
    expect(body.nodes.other?.status).toBe('skipped');
    expect(body.problems).toEqual([]);
    expect(body.startedAt).toBe('2026-03-02T08:00:00.000Z');
    expect(body.trigger).toMatchObject({ eventMatches: false, wouldStart: false });

    // Nothing ran: no run was recorded and Temporal holds no workflow on the test's task queue.
    expect(await sys.db.query('SELECT id FROM runs')).toEqual([]);
    const started = [];
    for await (const w of sys.client.workflow.list({ query: `TaskQueue = "${sys.taskQueue}"` })) started.push(w.workflowId);
    expect(started).toEqual([]);
  });

  it('takes the chosen approval outcome and reports a run that would fail', async () => {
    const res = await sys.api('POST', '/api/simulate', { definition: sampleDefinition('sim-reject'), person: engineer, approvalOutcome: 'rejected' });
    const body = simulation.parse(res.body);
    expect(body.outcome).toBe('failed');
    expect(body.path.slice(-2)).toEqual(['approve', 'refused']);
    expect(body.error).toContain('Refused');
  });

  it('refuses an invalid draft with 400 and the validator’s problems, located on their nodes', async () => {
    const broken = definition('broken', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'log', type: 'action', data: { action: 'core.log', params: {} } })], [edge('start', 'log')]);
    const res = await sys.api('POST', '/api/simulate', { definition: broken, person: { attributes: {} } });
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.code).toBe('invalid_definition');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'log', message: '"Write to the run log" needs the parameter "message".' }),
        expect.objectContaining({ message: 'Add an end node: every path must finish somewhere.' }),
      ]),
    );
  });

  it('dry-runs a published revision, latest or by number, and says which revision with its layout', async () => {
    const draft = sampleDefinition('sim-published');
    expect((await sys.api('POST', '/api/definitions', draft)).status).toBe(201);
    expect((await sys.api('POST', '/api/definitions/sim-published/publish')).status).toBe(201);
    expect((await sys.api('PUT', '/api/definitions/sim-published', { ...draft, name: 'Renamed', nodes: draft.nodes.filter((n) => n.id !== 'other'), edges: draft.edges.filter((e) => e.target !== 'other' && e.source !== 'other') })).status).toBe(200);

    const latest = simulation.parse((await sys.api('POST', '/api/simulate', { definitionId: 'sim-published', person: { attributes: { department: 'Sales' } } })).body);
    expect(latest.revision).toMatchObject({ definitionId: 'sim-published', number: 1 });
    expect(latest.path).toEqual(['start', 'route', 'other', 'done']);
    expect(latest.revision?.definition.nodes.find((n) => n.id === 'route')?.position.x).toBe(draft.nodes.find((n) => n.id === 'route')?.position.x);

    const first = await sys.api('POST', '/api/simulate', { definitionId: 'sim-published', revision: 1, person: { attributes: {} } });
    expect(simulation.parse(first.body).revision?.number).toBe(1);

    const missing = await sys.api('POST', '/api/simulate', { definitionId: 'sim-published', revision: 9, person: { attributes: {} } });
    expect(missing.status).toBe(404);
    expect(errorBody.parse(missing.body).error.message).toBe('definition "sim-published" has no revision 9');
    const unpublished = await sys.api('POST', '/api/definitions', sampleDefinition('sim-unpublished'));
    expect(unpublished.status).toBe(201);
    const none = await sys.api('POST', '/api/simulate', { definitionId: 'sim-unpublished', person: { attributes: {} } });
    expect(none.status).toBe(404);
  });

  it('asks for exactly one of a draft or a stored definition', async () => {
    const both = await sys.api('POST', '/api/simulate', { definition: sampleDefinition('x'), definitionId: 'x', person: { attributes: {} } });
    expect(both.status).toBe(400);
    const neither = await sys.api('POST', '/api/simulate', { person: { attributes: {} } });
    expect(neither.status).toBe(400);
    expect(errorBody.parse(neither.body).error.code).toBe('invalid_request');
    const noPerson = await sys.api('POST', '/api/simulate', { definition: sampleDefinition('x') });
    expect(noPerson.status).toBe(400);
  });
});
