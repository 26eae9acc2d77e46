/**
 * Operating runs through the API on the real dev server, against a real target: a web service
 * whose port has nobody listening until the test "fixes" it by starting one there.
 * - a failed step marked waitForOperator waits, with its error, and POST /api/runs/:id/retry runs it
 *   again once the target is back: the run completes;
 * - a run that ended failed is reset to its failed step by the same route, and completes without
 *   running the steps before it again;
 * - POST /api/runs/:id/cancel cancels a running run, and refuses one that has ended.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody, runView, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
const servers: Server[] = [];
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await Promise.all(servers.map(async (s) => new Promise((resolve) => s.close(resolve))));
  await sys.stop();
});

/** A callout connection to a port where nothing listens yet; `fix()` starts a service there that counts the calls. */
async function brokenService(id: string) {
  const port = await freePort();
  const connection = { id, kind: 'http', name: id, config: { url: `http://127.0.0.1:${port}/`, timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
  expect((await sys.api('POST', '/api/connections', connection)).status).toBe(201);
  const calls = { count: 0 };
  const fix = async () => {
    const server = createServer((_req, res) => {
      calls.count++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  };
  return { calls, fix };
}

/** Publishes a note, a callout to `connectionId` and an end, and runs it for one person. */
async function runCallout(id: string, connectionId: string, employeeId: string, waitForOperator: boolean): Promise<string> {
  const def = definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'note', type: 'action', data: log('calling out') }),
      node({
        id: 'call',
        type: 'action',
        data: { label: 'Call out', action: 'http.callout', connectionId, params: { payload: '{"app":"wiki"}' }, retry: { maximumAttempts: 2, initialIntervalSeconds: 1, backoffCoefficient: 1 }, waitForOperator },
      }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'note'), edge('note', 'call'), edge('call', 'end')],
  );
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${id}/publish`)).status).toBe(201);
  const started = await sys.api('POST', '/api/runs', { definitionId: id, people: [{ employeeId, attributes: { givenName: 'Grace' } }] });
  expect(started.status).toBe(202);
  return startedRuns.parse(started.body).runs[0]?.id ?? '';
}

async function until(runId: string, what: string, ok: (v: z.infer<typeof runView>) => boolean) {
  return eventually(async () => {
    const res = await sys.api('GET', `/api/runs/${runId}`);
    const v = runView.parse(res.body);
    return ok(v) ? v : undefined;
  }, what, 60_000);
}

const personRuns = z.object({ status: z.string(), runs: z.array(z.object({ runId: z.string(), definitionId: z.string(), status: z.string() }).loose()) }).loose();
const retried = z.object({ id: z.string(), workflowId: z.string(), mode: z.enum(['resolve', 'reset']), nodeIds: z.array(z.string()), execution: z.string() });

describe('operating runs', () => {
  it('holds a failed target step for an operator, who retries it once the target is back: the run completes', async () => {
    const target = await brokenService('down-then-up');
    const runId = await runCallout('operate-wait', 'down-then-up', 'E-8001', true);
    const waiting = await until(runId, 'the step to wait for an operator', (v) => v.nodes.call?.awaitingOperator === true);
    expect(waiting.workflowStatus).toBe('RUNNING');
    expect(waiting.nodes.call).toMatchObject({ status: 'failed' });
    expect(waiting.nodes.call?.error).toContain('the service could not be reached');

    await target.fix();
    const res = await sys.api('POST', `/api/runs/${runId}/retry`, {});
    expect(res.status).toBe(202);
    expect(retried.parse(res.body)).toMatchObject({ id: runId, mode: 'resolve', nodeIds: ['call'] });
    const done = await until(runId, 'the retried run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.nodes.call).toMatchObject({ status: 'done', visits: 2 });
    expect(target.calls.count).toBe(1);

    const again = await sys.api('POST', `/api/runs/${runId}/retry`, {});
    expect(again.status).toBe(409);
    expect(errorBody.parse(again.body).error.message).toBe(`run "${runId}" is completed: only a failed run, or a step waiting for an operator, can be retried`);
  });

  it('resets a run that ended failed to its failed step, which runs again and the run completes', async () => {
    const target = await brokenService('down-for-good');
    const runId = await runCallout('operate-reset', 'down-for-good', 'E-8002', false);
    const failed = await until(runId, 'the run to fail', (v) => v.workflowStatus === 'FAILED');
    expect(failed.nodes.call?.status).toBe('failed');
    const noteVisits = failed.nodes.note?.visits;

    await target.fix();
    const res = await sys.api('POST', `/api/runs/${runId}/retry`, {});
    expect(res.status).toBe(202);
    const answer = retried.parse(res.body);
    expect(answer).toMatchObject({ id: runId, mode: 'reset', nodeIds: ['call'] });
    const done = await until(runId, 'the reset run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.nodes.call?.status).toBe('done');
    // The steps before the failed one are kept from the history, not run again.
    expect(done.nodes.note?.visits).toBe(noteVisits);
    expect(target.calls.count).toBe(1);
    const listed = await sys.api('GET', '/api/runs?employeeId=E-8002');
    expect(JSON.stringify(listed.body)).toContain('"workflowStatus":"COMPLETED"');
  });

  it('tells the person of a run started by an HR event how the reset run ended', async () => {
    const target = await brokenService('hire-target');
    const def = definition(
      'operate-person',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'call', type: 'action', data: { label: 'Call out', action: 'http.callout', connectionId: 'hire-target', params: { payload: '{}' }, retry: { maximumAttempts: 2, initialIntervalSeconds: 1, backoffCoefficient: 1 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'call'), edge('call', 'end')],
      { trigger: { events: ['hire'] } },
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    expect((await sys.api('POST', '/api/hr/events', { eventId: 'op-h-1', type: 'hire', employeeId: 'E-8005', attributes: { hireDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) } })).status).toBe(202);
    const person = async (ok: (runs: z.infer<typeof personRuns>['runs']) => boolean, what: string) =>
      eventually(async () => {
        const res = await sys.api('GET', '/api/people/E-8005');
        const parsed = personRuns.safeParse(res.body);
        return parsed.success && ok(parsed.data.runs) ? parsed.data : undefined;
      }, what, 60_000);
    const failed = await person((runs) => runs.some((r) => r.definitionId === 'operate-person' && r.status === 'failed'), 'the run to fail');
    const runId = failed.runs.find((r) => r.definitionId === 'operate-person')?.runId ?? '';

    await target.fix();
    const res = await sys.api('POST', `/api/runs/${runId}/retry`, {});
    expect(res.status).toBe(202);
    expect(retried.parse(res.body)).toMatchObject({ mode: 'reset', nodeIds: ['call'] });
    const after = await person((runs) => runs.some((r) => r.runId === runId && r.status === 'succeeded'), 'the person to learn the retried run succeeded');
    expect(after.runs.find((r) => r.runId === runId)).not.toHaveProperty('error');
    expect(after.status).toBe('ok');
  });

  it('refuses to reset a failed step that never called its target', async () => {
    const def = definition(
      'operate-bad-name',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'name', type: 'action', data: { action: 'core.setVariable', params: { name: { expression: '[varName]' }, value: 1 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'name'), edge('name', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E-8003', attributes: { varName: 'not a name' } }] });
    const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';
    await until(runId, 'the run to fail', (v) => v.workflowStatus === 'FAILED');
    const res = await sys.api('POST', `/api/runs/${runId}/retry`, {});
    expect(res.status).toBe(409);
    expect(errorBody.parse(res.body).error.message).toMatch(/^step "name" failed before it called its target/);
  });

  it('cancels a running run, and refuses to cancel one that has ended', async () => {
    const def = definition(
      'operate-cancel',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'later', type: 'wait', data: { wait: { kind: 'duration', duration: { days: 1 } } } }), node({ id: 'end', type: 'end', data: {} })],
      [edge('start', 'later'), edge('later', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E-8004', attributes: {} }] });
    const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';
    await until(runId, 'the run to wait', (v) => v.nodes.later?.status === 'waiting');

    const res = await sys.api('POST', `/api/runs/${runId}/cancel`);
    expect(res).toMatchObject({ status: 202, body: { id: runId, cancelRequested: true } });
    const cancelled = await until(runId, 'the run to be cancelled', (v) => v.workflowStatus === 'CANCELLED');
    expect(cancelled.nodes.end?.status).not.toBe('done');

    const again = await sys.api('POST', `/api/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
    expect(errorBody.parse(again.body).error.message).toBe(`run "${runId}" is cancelled: only a running run can be cancelled`);
    const unknown = await sys.api('POST', '/api/runs/no-such-run/cancel');
    expect(unknown.status).toBe(404);
  });
});
