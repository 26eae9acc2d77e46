/**
 * Structured logs: JSON lines from the process logger, each request carrying its correlation id
 * (the caller's x-request-id, returned in the answer), activity failures carrying the run's ids,
 * Temporal's own lines bridged in — and never a credential or a person's attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, loggableUrl } from '../../server/observability/logger.ts';
import { temporalLogger } from '../../server/observability/temporalLogger.ts';
import { startedRuns, runView } from '../support/api.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';
import { startReceiver, type Receiver } from '../activities/http/receiver.ts';

const signingSecret = 'logs-test-signing-secret-abcdefghij';
const nationalId = 'NATID-7733-9911';

/** A logger whose lines land in `lines`, parsed. */
function capture(level = 'debug') {
  const raw: string[] = [];
  const logger = createLogger({ level, service: 'tenure-test', destination: { write: (line: string) => void raw.push(line) } });
  const lines = () => raw.map((l) => z.record(z.string(), z.unknown()).parse(JSON.parse(l)));
  return { logger, raw, lines };
}

let sys: TestSystem;
let receiver: Receiver;
const captured = capture('info');

beforeAll(async () => {
  [sys, receiver] = await Promise.all([startTestSystem({ logger: captured.logger }), startReceiver(signingSecret)]);
  expect((await sys.api('POST', '/api/connections', { id: 'hook', kind: 'http', name: 'Provisioning', config: { url: receiver.url, timeoutSeconds: 5 }, secrets: { signingSecret } })).status).toBe(201);
});
afterAll(async () => {
  await Promise.all([sys.stop(), receiver.stop()]);
});

describe('structured logs', () => {
  it('redacts credentials and personal attributes at any depth, and keeps identifiers', () => {
    const { logger, raw, lines } = capture();
    logger.info(
      {
        employeeId: 'E42',
        runId: 'run-1',
        attributes: { givenName: 'Ada', nationalId },
        headers: { authorization: 'Bearer abc.def', cookie: 'tenure_session=xyz' },
        connection: { config: { url: 'https://example.test' }, secrets: { password: 'hunter2' }, apiToken: 'tok-123', clientSecret: 'cs-456' },
        events: [{ attributes: { birthDate: '1990-01-01' } }],
      },
      'something happened',
    );
    logger.child({ password: 'child-binding-pw', attributes: { nationalId } }).warn('with bindings');
    const [first, second] = lines();
    expect(first).toMatchObject({
      level: 'info',
      service: 'tenure-test',
      msg: 'something happened',
      employeeId: 'E42',
      runId: 'run-1',
      attributes: '[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
      connection: { config: { url: 'https://example.test' }, secrets: '[redacted]', apiToken: '[redacted]', clientSecret: '[redacted]' },
      events: [{ attributes: '[redacted]' }],
    });
    expect(second).toMatchObject({ password: '[redacted]', attributes: '[redacted]', msg: 'with bindings' });
    for (const secret of [nationalId, 'Ada', 'abc.def', 'xyz', 'hunter2', 'tok-123', 'cs-456', '1990-01-01', 'child-binding-pw']) expect(raw.join('')).not.toContain(secret);
  });

  it("bridges Temporal's runtime and workflow lines into the same JSON, redacted the same way", () => {
    const { logger, raw, lines } = capture();
    temporalLogger(logger).info('lifecycle run started', { sdkComponent: 'workflow', workflowId: 'run:abc', runId: 'abc', definitionId: 'joiner', employeeId: 'E7', attributes: { nationalId } });
    temporalLogger(logger).log('WARN', 'activity heartbeat timed out', { sdkComponent: 'worker' });
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', component: 'temporal', sdkComponent: 'workflow', msg: 'lifecycle run started', workflowId: 'run:abc', runId: 'abc', definitionId: 'joiner', employeeId: 'E7', attributes: '[redacted]' }),
      expect.objectContaining({ level: 'warn', component: 'temporal', sdkComponent: 'worker', msg: 'activity heartbeat timed out' }),
    ]);
    expect(raw.join('')).not.toContain(nationalId);
  });

  it('logs each request with its correlation id, honours and returns x-request-id, and never logs the token', async () => {
    const given = await sys.app.inject({ method: 'GET', url: '/api/definitions?limit=5', headers: { authorization: `Bearer ${adminToken}`, 'x-request-id': 'req-from-proxy-1' } });
    expect(given.headers['x-request-id']).toBe('req-from-proxy-1');
    const fresh = await sys.app.inject({ method: 'GET', url: '/api/definitions', headers: { authorization: `Bearer ${adminToken}`, 'x-request-id': 'not a valid id\twith tabs' } });
    const freshId = z.uuid().parse(fresh.headers['x-request-id']);
    const refused = await sys.app.inject({ method: 'GET', url: '/api/definitions' });
    expect(refused.statusCode).toBe(401);
    const refusedId = z.uuid().parse(refused.headers['x-request-id']);

    const completed = captured.lines().filter((l) => l.msg === 'request completed');
    expect(completed).toContainEqual(expect.objectContaining({ requestId: 'req-from-proxy-1', method: 'GET', url: '/api/definitions', route: '/api/definitions', statusCode: 200, callerId: 'admin', service: 'tenure-test' }));
    expect(completed).toContainEqual(expect.objectContaining({ requestId: freshId, statusCode: 200 }));
    expect(completed).toContainEqual(expect.objectContaining({ requestId: refusedId, statusCode: 401 }));
    expect(captured.raw.join('')).not.toContain(adminToken);
  });

  it('logs URLs without their query string, and without the proof signed links carry in their path', () => {
    const proof = 'eyJhcHByb3ZhbCI6InNlY3JldC1saW5rLXByb29mIn0.c2lnbmF0dXJl';
    expect(loggableUrl(`/hooks/approvals/${proof}`)).toBe('/hooks/approvals/[redacted]');
    expect(loggableUrl(`/hooks/callbacks/${proof}?x=1`)).toBe('/hooks/callbacks/[redacted]');
    expect(loggableUrl('/api/runs?employeeId=E1&token=abc')).toBe('/api/runs');
  });

  it("gives a failed activity attempt's line the run's correlation ids, without its input, the person's attributes or the connection's secret", async () => {
    const def = definition(
      'logged',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'provision', type: 'action', data: { action: 'http.callout', connectionId: 'hook', params: { payload: '{"app":"wiki"}' }, retry: { maximumAttempts: 3, initialIntervalSeconds: 0.5 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'provision'), edge('provision', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', '/api/definitions/logged/publish')).status).toBe(201);
    receiver.answer({ status: 503 });
    const started = await sys.api('POST', '/api/runs', { definitionId: 'logged', people: [{ employeeId: 'L1', attributes: { nationalId } }] });
    expect(started.status).toBe(202);
    const run = startedRuns.parse(started.body).runs[0];
    if (!run) throw new Error('no run started');
    await eventually(async () => (runView.parse((await sys.api('GET', `/api/runs/${run.id}`)).body).workflowStatus === 'COMPLETED' ? true : undefined), 'the run to complete after one retry');

    expect(captured.lines()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'activity http.callout failed (attempt 1)',
        action: 'http.callout',
        attempt: 1,
        runId: run.id,
        workflowId: run.workflowId,
        nodeId: 'provision',
        connectionId: 'hook',
        errorType: 'HttpUnavailable',
      }),
    );
    const all = captured.raw.join('');
    expect(all).not.toContain(nationalId);
    expect(all).not.toContain(signingSecret);
  });
});
