/**
 * Request bodies as HTTP clients really send them, over a real socket: a body the route does not
 * need may be left out, and an empty body with `Content-Type: application/json` (curl's `-H` without
 * `-d`, fetch wrappers) counts as none, on every route; malformed JSON is refused with 400 saying
 * what is wrong, in the API's error envelope; the OpenAPI document says which bodies are optional.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody, runView, startedRuns } from '../support/api.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let base: string;
const servers: Server[] = [];
beforeAll(async () => {
  sys = await startTestSystem();
  base = await sys.app.listen({ host: '127.0.0.1', port: 0 });
}, 240_000);
afterAll(async () => {
  await Promise.all(servers.map(async (s) => new Promise((resolve) => s.close(resolve))));
  await sys.stop();
});

/** A request as curl sends it: `-H 'content-type: application/json'` with no `-d` sends no body at all. */
async function send(method: string, path: string, options: { json?: boolean; body?: string } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(options.json === true ? { 'content-type': 'application/json' } : {}) },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** A run whose callout step fails (nothing listens on its port) and waits for an operator; `fix()` starts the service. */
async function waitingRun(): Promise<{ runId: string; fix: () => Promise<void> }> {
  const port = await freePort();
  const connection = { id: 'optional-body-target', kind: 'http', name: 'target', config: { url: `http://127.0.0.1:${port}/`, timeoutSeconds: 5 }, secrets: { signingSecret: 'a-signing-secret-of-some-length' } };
  expect((await sys.api('POST', '/api/connections', connection)).status).toBe(201);
  const def = definition(
    'optional-body',
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({ id: 'call', type: 'action', data: { label: 'Call out', action: 'http.callout', connectionId: connection.id, params: { payload: '{}' }, retry: { maximumAttempts: 1, initialIntervalSeconds: 1, backoffCoefficient: 1 }, waitForOperator: true } }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'call'), edge('call', 'end')],
  );
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', '/api/definitions/optional-body/publish')).status).toBe(201);
  const started = await sys.api('POST', '/api/runs', { definitionId: 'optional-body', people: [{ employeeId: 'E-OPT-1' }] });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';
  const fix = async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  };
  return { runId, fix };
}

const runState = (runId: string, what: string, ok: (v: z.infer<typeof runView>) => boolean) =>
  eventually(async () => {
    const v = runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);
    return ok(v) ? v : undefined;
  }, what, 60_000);

describe('a body the route does not need', () => {
  it('retries a run from a POST with Content-Type: application/json and no body, as curl sends it: the waiting step runs again and the run completes', async () => {
    const { runId, fix } = await waitingRun();
    await runState(runId, 'the callout to wait for an operator', (v) => v.nodes.call?.awaitingOperator === true);
    await fix();
    const res = await send('POST', `/api/runs/${encodeURIComponent(runId)}/retry`, { json: true });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ id: runId, mode: 'resolve', nodeIds: ['call'] });
    const done = await runState(runId, 'the retried run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.nodes.call?.status).toBe('done');
  });

  it('takes a retry with no body and no content type at all (the run is then looked up: unknown here)', async () => {
    const res = await send('POST', '/api/runs/no-such-run/retry');
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(errorBody.parse(res.body).error.message).toBe('no run "no-such-run"');
  });

  it('takes an empty JSON body on a route that declares no body (publish)', async () => {
    const res = await send('POST', '/api/definitions/no-such-definition/publish', { json: true, body: '' });
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(errorBody.parse(res.body).error.code).toBe('not_found');
  });

  it('says in the OpenAPI document that the retry body is optional, and a user body is not', async () => {
    const { body } = await send('GET', '/api/openapi.json');
    const post = z.object({ post: z.object({ requestBody: z.object({ required: z.boolean() }) }) });
    const paths = z.object({ paths: z.object({ '/api/runs/{id}/retry': post, '/api/users': post }) }).parse(body).paths;
    expect(paths['/api/runs/{id}/retry'].post.requestBody.required).toBe(false);
    expect(paths['/api/users'].post.requestBody.required).toBe(true);
    // The transform's tag is gone from the document it helped write.
    expect(JSON.stringify(body)).not.toContain('x-tenure-optional-body');
  });
});

describe('a body the route needs', () => {
  it('refuses an empty JSON body where a body is required with 400 naming the body', async () => {
    const res = await send('POST', '/api/users', { json: true });
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.code).toBe('invalid_request');
    expect(error.details?.map((d) => d.path)).toEqual(['body']);
  });

  it('refuses malformed JSON with 400 saying where the parser stopped', async () => {
    const res = await send('POST', '/api/users', { json: true, body: '{"id": "ada", "displayName": "Ada",}' });
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.code).toBe('invalid_json');
    expect(error.message).toMatch(/^the request body is not valid JSON: .*position 35/);
    expect(error.details?.map((d) => d.path)).toEqual(['body']);
    expect(error.details?.[0]?.message).toMatch(/position 35/);
    const users = z.object({ users: z.array(z.object({ id: z.string() }).loose()) }).parse((await sys.api('GET', '/api/users')).body).users;
    expect(users.map((u) => u.id)).not.toContain('ada');
  });

  it('refuses a __proto__ key with 400 naming it', async () => {
    const res = await send('POST', '/api/runs/no-such-run/retry', { json: true, body: '{"__proto__": {"admin": true}}' });
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.code).toBe('invalid_json');
    expect(error.message).toContain('"__proto__"');
  });
});
