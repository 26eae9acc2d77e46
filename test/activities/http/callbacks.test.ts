/**
 * HTTP callouts end to end on the real Temporal dev server, driven through the API: a run that
 * launches a web service and continues, and one that waits for the service's callback on
 * POST /hooks/callbacks/<token>. Tampered, replayed, expired and late callbacks are refused with a
 * 4xx, audited, and leave the run as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runWorkflowId } from '../../../workflows/messages.ts';
import { errorBody, runView, startedRuns, type RunView } from '../../support/api.ts';
import { definition, edge, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { signingSecret } from './connection.ts';
import { startReceiver, type Receiver } from './receiver.ts';

let sys: TestSystem;
let receiver: Receiver;

beforeAll(async () => {
  [sys, receiver] = await Promise.all([startTestSystem(), startReceiver(signingSecret)]);
  const created = await sys.api('POST', '/api/connections', { id: 'hook', kind: 'http', name: 'Provisioning service', config: { url: receiver.url, timeoutSeconds: 5 }, secrets: { signingSecret } });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await Promise.all([sys.stop(), receiver.stop()]);
});

const calloutBody = z.object({ runId: z.string(), nodeId: z.string(), payload: z.unknown(), callbackId: z.string(), callbackUrl: z.string(), deadline: z.string() });

let published = 0;
async function runCallout(action: 'http.callout' | 'http.calloutAndWait', params: Record<string, string | number>): Promise<string> {
  published += 1;
  const id = `callout-${published}`;
  const def = definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'provision', type: 'action', data: { action, connectionId: 'hook', params, retry: { maximumAttempts: 2 } } }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'provision'), edge('provision', 'end')],
  );
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${id}/publish`)).status).toBe(201);
  const started = await sys.api('POST', '/api/runs', { definitionId: id, people: [{ employeeId: `E${published}`, attributes: {} }] });
  expect(started.status).toBe(202);
  return startedRuns.parse(started.body).runs[0]?.id ?? '';
}

const view = async (runId: string): Promise<RunView> => runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
const until = async (runId: string, what: string, ok: (v: RunView) => boolean) =>
  eventually(async () => {
    const v = await view(runId);
    return ok(v) ? v : undefined;
  }, what);

/** The callout the receiver got for `runId`. */
async function calloutFor(runId: string) {
  return eventually(async () => {
    const request = receiver.requests.find((r) => z.object({ runId: z.string() }).safeParse(r.json).data?.runId === runId);
    return Promise.resolve(request ? { request, body: calloutBody.parse(request.json) } : undefined);
  }, `the callout of run ${runId}`);
}

/** Posts to a callback URL the way the outside service would: no API token, only the URL. */
async function callBack(callbackUrl: string, payload: unknown, contentType = 'application/json') {
  const res = await sys.app.inject({ method: 'POST', url: new URL(callbackUrl).pathname, headers: { 'content-type': contentType }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const body: unknown = res.body === '' ? undefined : JSON.parse(res.body);
  return { status: res.statusCode, body };
}

const auditRows = async (action: string) => sys.db.query<{ target_id: string; details: Record<string, unknown> }>('SELECT target_id, details FROM audit_log WHERE action = $1 ORDER BY id', [action]);

describe('http.callout in a lifecycle run', () => {
  it('launches and continues with the service answer in the step output', async () => {
    receiver.answer({ status: 201, body: { ticket: 'T-1' } });
    const runId = await runCallout('http.callout', { payload: '{"app":"crm"}' });
    const done = await until(runId, 'the run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.trace.find((t) => t.nodeId === 'provision')?.output).toEqual({ status: 201, response: { ticket: 'T-1' } });
    const request = receiver.requests.find((r) => z.object({ runId: z.string() }).safeParse(r.json).data?.runId === runId);
    expect(request?.signatureValid).toBe(true);
    expect(request?.json).toEqual({ runId, nodeId: 'provision', payload: { app: 'crm' } });
  });
});

describe('http.calloutAndWait in a lifecycle run', () => {
  it('waits for the callback, refuses a tampered token without effect, completes with the payload, and refuses the replay', async () => {
    const runId = await runCallout('http.calloutAndWait', { payload: '{"app":"crm"}', deadlineMinutes: 10 });
    const { request, body } = await calloutFor(runId);
    expect(request.signatureValid).toBe(true);
    expect(body).toMatchObject({ nodeId: 'provision', payload: { app: 'crm' } });
    expect(body.callbackUrl).toMatch(/^http:\/\/127\.0\.0\.1:0\/hooks\/callbacks\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const waiting = await view(runId);
    expect(waiting.workflowStatus).toBe('RUNNING');
    expect(['running', 'waiting']).toContain(waiting.nodes.provision?.status);

    // Another run's id in the claims, with the original signature.
    const [claims, signature] = body.callbackUrl.split('/').at(-1)?.split('.') ?? [];
    const forgedClaims = Buffer.from(Buffer.from(claims ?? '', 'base64url').toString('utf8').replace(runId, 'someone-else')).toString('base64url');
    const tampered = await callBack(`http://127.0.0.1:0/hooks/callbacks/${forgedClaims}.${signature ?? ''}`, { result: 'forged' });
    expect(tampered.status).toBe(403);
    expect(errorBody.parse(tampered.body).error).toMatchObject({ code: 'invalid_callback_token' });
    const garbage = await callBack('http://127.0.0.1:0/hooks/callbacks/not-a-token', { result: 'forged' });
    expect(garbage.status).toBe(403);
    expect((await view(runId)).workflowStatus).toBe('RUNNING');

    const accepted = await callBack(body.callbackUrl, { result: 'created', account: 'ada' });
    expect(accepted).toEqual({ status: 202, body: { accepted: true, callbackId: body.callbackId } });

    const done = await until(runId, 'the run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.nodes.provision?.status).toBe('done');
    expect(done.trace.find((t) => t.nodeId === 'provision')?.output).toEqual({ callbackId: body.callbackId, deadline: body.deadline, status: 200, callback: { result: 'created', account: 'ada' } });

    const replayed = await callBack(body.callbackUrl, { result: 'again' });
    expect(replayed.status).toBe(409);
    expect(errorBody.parse(replayed.body).error).toMatchObject({ code: 'callback_used' });

    expect((await auditRows('callback.accepted')).map((r) => r.target_id)).toContain(body.callbackId);
    const refused = await auditRows('callback.refused');
    expect(refused.filter((r) => r.target_id === 'unknown').length).toBeGreaterThanOrEqual(2);
    expect(refused.find((r) => r.target_id === body.callbackId)?.details).toMatchObject({ status: 409, workflowId: runWorkflowId(runId) });
  });

  it('fails the step when the deadline passes, and refuses the late callback as expired', async () => {
    const runId = await runCallout('http.calloutAndWait', { deadlineSeconds: 3 });
    const { body } = await calloutFor(runId);
    const failed = await until(runId, 'the run to fail', (v) => v.workflowStatus === 'FAILED');
    expect(failed.nodes.provision?.status).toBe('failed');
    expect(failed.nodes.provision?.error).toContain(`no callback arrived by ${body.deadline}`);

    const late = await callBack(body.callbackUrl, { result: 'late' });
    expect(late.status).toBe(410);
    expect(errorBody.parse(late.body).error).toMatchObject({ code: 'callback_expired' });
    expect((await auditRows('callback.refused')).find((r) => r.target_id === body.callbackId)?.details).toMatchObject({ status: 410 });
  });

  it('refuses a callback for a run that has ended, and keeps refusing it the same way', async () => {
    const runId = await runCallout('http.calloutAndWait', { deadlineMinutes: 10 });
    const { body } = await calloutFor(runId);
    await sys.client.workflow.getHandle(runWorkflowId(runId)).terminate('test: the run ends before the service answers');
    for (let i = 0; i < 2; i++) {
      const res = await callBack(body.callbackUrl, { result: 'too late' });
      expect(res.status).toBe(410);
      expect(errorBody.parse(res.body).error).toMatchObject({ code: 'run_finished' });
    }
  });

  it('refuses a body that is not JSON or larger than 1 MB', async () => {
    const runId = await runCallout('http.calloutAndWait', { deadlineMinutes: 10 });
    const { body } = await calloutFor(runId);
    expect((await callBack(body.callbackUrl, 'done', 'text/plain')).status).toBe(415);
    expect((await callBack(body.callbackUrl, { blob: 'x'.repeat(1024 * 1024) })).status).toBe(413);
    // Neither used the callback up.
    expect((await callBack(body.callbackUrl, { result: 'ok' })).status).toBe(202);
    await until(runId, 'the run to complete', (v) => v.workflowStatus === 'COMPLETED');
  });
});
