/**
 * http.callout and http.calloutAndWait against a real HTTP receiver on loopback: what is sent (a
 * signed body the receiver verifies on its own, the same Idempotency-Key for a retried step, a
 * callback URL carrying a valid single-use token), and how answers map to retryable or final
 * failures.
 */
import { createServer } from 'node:http';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { verifyCallbackToken } from '../../../activities/http/callbackToken.ts';
import { httpConnector } from '../../../activities/http/connector.ts';
import { createHttpActivities } from '../../../activities/http/index.ts';
import type { Connection } from '../../../activities/connections.ts';
import { typedConnection } from '../../../activities/connections.ts';
import type { ActionImplementation } from '../../../activities/types.ts';
import { testActivityDeps } from '../../support/deps.ts';
import { freePort } from '../../support/ports.ts';
import { httpConnection, signingSecret } from './connection.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const callbackKey = new Uint8Array(Buffer.from('a callback key of 32 bytes!!!!!!'));
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver(signingSecret);
});
afterAll(async () => {
  await receiver.stop();
});

function action(id: 'http.callout' | 'http.calloutAndWait', connection: Connection): ActionImplementation {
  const implementation = createHttpActivities(testActivityDeps({ connections: { load: async () => Promise.resolve(connection) }, callbackKey, publicUrl: 'https://tenure.example.com/' }))[id];
  if (!implementation) throw new Error(`no implementation is registered for ${id}`);
  return implementation;
}

async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await promise.then(
    () => new Error('expected a failure, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof ApplicationFailure)) throw error;
  return error;
}

const waitBody = z.object({ runId: z.string(), nodeId: z.string(), payload: z.unknown(), callbackId: z.string(), callbackUrl: z.string(), deadline: z.string() });

describe('http.callout (launch and continue)', () => {
  it('POSTs the payload with runId and nodeId, signed, and returns the status and the JSON answer', async () => {
    const connection = httpConnection(receiver.url, { headers: { 'X-Tenant': 'contoso' } }, { headers: { Authorization: 'Bearer service-token' } });
    const before = receiver.requests.length;
    receiver.answer({ status: 200, body: { ticket: 'T-42' } });
    const output = await action('http.callout', connection)({ runId: 'run-1', nodeId: 'notify', connectionId: connection.id, input: { payload: { employeeId: 'E1', displayName: 'Ada' } } });

    expect(output).toEqual({ status: 200, response: { ticket: 'T-42' } });
    const [request] = (await receiver.received(before + 1)).slice(before);
    expect(request?.method).toBe('POST');
    expect(request?.signatureValid).toBe(true);
    expect(request?.json).toEqual({ runId: 'run-1', nodeId: 'notify', payload: { employeeId: 'E1', displayName: 'Ada' } });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-tenant']).toBe('contoso');
    expect(request?.headers.authorization).toBe('Bearer service-token');
    expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f]{48}$/);
  });

  it('sends the same Idempotency-Key when the step is retried, and another for another step', async () => {
    const connection = httpConnection(receiver.url);
    const call = action('http.callout', connection);
    const before = receiver.requests.length;
    await call({ runId: 'run-2', nodeId: 'a', connectionId: connection.id, input: {} });
    await call({ runId: 'run-2', nodeId: 'a', connectionId: connection.id, input: {} });
    await call({ runId: 'run-2', nodeId: 'b', connectionId: connection.id, input: {} });
    const keys = (await receiver.received(before + 3)).slice(before).map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('accepts the payload as JSON text, as a step parameter carries it', async () => {
    const connection = httpConnection(receiver.url);
    const before = receiver.requests.length;
    await action('http.callout', connection)({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { payload: '{"employeeId":"E7"}' } });
    const [request] = (await receiver.received(before + 1)).slice(before);
    expect(request?.json).toMatchObject({ payload: { employeeId: 'E7' } });
  });

  it('fails for good on a 4xx answer, and on a redirect it does not follow', async () => {
    const connection = httpConnection(receiver.url);
    const call = action('http.callout', connection);
    receiver.answer({ status: 400, body: { error: 'employeeId is required' } });
    const rejected = await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }));
    expect(rejected).toMatchObject({ type: 'HttpRejected', nonRetryable: true });
    expect(rejected.message).toContain('HTTP 400');
    expect(rejected.message).toContain('employeeId is required');

    receiver.answer({ status: 401 });
    expect(await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }))).toMatchObject({ type: 'HttpRejected', nonRetryable: true });

    const before = receiver.requests.length;
    receiver.answer({ status: 307, headers: { location: 'https://elsewhere.example.com/' } });
    const redirected = await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }));
    expect(redirected).toMatchObject({ type: 'HttpRedirect', nonRetryable: true });
    expect(redirected.message).toContain('https://elsewhere.example.com/');
    expect(receiver.requests.length).toBe(before + 1);
  });

  it('retries 408, 429 and 5xx, after the Retry-After the service asks for', async () => {
    const connection = httpConnection(receiver.url);
    const call = action('http.callout', connection);
    receiver.answer({ status: 429, headers: { 'retry-after': '7' } }, { status: 503, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } }, { status: 408 }, { status: 500, body: 'boom' });

    const throttled = await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }));
    expect(throttled).toMatchObject({ type: 'HttpThrottled', nonRetryable: false, nextRetryDelay: 7000 });
    const unavailable = await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }));
    expect(unavailable).toMatchObject({ type: 'HttpUnavailable', nonRetryable: false });
    expect(Number(unavailable.nextRetryDelay)).toBeGreaterThan(25_000);
    expect(Number(unavailable.nextRetryDelay)).toBeLessThanOrEqual(30_000);
    expect(await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }))).toMatchObject({ nonRetryable: false });
    const serverError = await failure(call({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: {} }));
    expect(serverError).toMatchObject({ type: 'HttpUnavailable', nonRetryable: false });
    expect(serverError.message).toContain('boom');
  });

  it('retries when the service cannot be reached or does not answer in time', async () => {
    const down = httpConnection(`http://127.0.0.1:${await freePort()}/`);
    const refused = await failure(action('http.callout', down)({ runId: 'r', nodeId: 'n', connectionId: down.id, input: {} }));
    expect(refused).toMatchObject({ type: 'HttpUnavailable', nonRetryable: false });
    expect(refused.message).toContain('ECONNREFUSED');

    // A service that accepts the connection and never answers.
    const silent = createServer(() => undefined);
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      const slow = httpConnection(`http://127.0.0.1:${port}/`, { timeoutSeconds: 1 });
      const timedOut = await failure(action('http.callout', slow)({ runId: 'r', nodeId: 'n', connectionId: slow.id, input: {} }));
      expect(timedOut).toMatchObject({ type: 'HttpTimeout', nonRetryable: false });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a payload that is not a JSON object, and a connection that does not exist, for good', async () => {
    const connection = httpConnection(receiver.url);
    const invalid = await failure(action('http.callout', connection)({ runId: 'r', nodeId: 'n', connectionId: connection.id, input: { payload: '[1, 2' } }));
    expect(invalid).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    const missing = createHttpActivities(testActivityDeps())['http.callout'];
    expect(await failure(missing?.({ runId: 'r', nodeId: 'n', connectionId: 'nope', input: {} }) ?? Promise.resolve())).toMatchObject({ type: 'ConnectionNotFound', nonRetryable: true });
  });
});

describe('http.calloutAndWait (launch and wait)', () => {
  it('POSTs a callback URL with a signed single-use token for this run and returns what to wait for', async () => {
    const connection = httpConnection(receiver.url);
    const before = receiver.requests.length;
    const started = Date.now();
    const output = await action('http.calloutAndWait', connection)({ runId: 'run-9', nodeId: 'provision', connectionId: connection.id, input: { payload: { app: 'crm' }, deadlineMinutes: 30 } });

    const [request] = (await receiver.received(before + 1)).slice(before);
    expect(request?.signatureValid).toBe(true);
    const body = waitBody.parse(request?.json);
    expect(body).toMatchObject({ runId: 'run-9', nodeId: 'provision', payload: { app: 'crm' } });
    expect(output).toEqual({ callbackId: body.callbackId, deadline: body.deadline, status: 200 });
    const deadline = Date.parse(body.deadline);
    expect(deadline - started).toBeGreaterThan(29 * 60_000);
    expect(deadline - started).toBeLessThanOrEqual(30 * 60_000 + 1000);

    expect(body.callbackUrl.startsWith('https://tenure.example.com/hooks/callbacks/')).toBe(true);
    const token = body.callbackUrl.slice('https://tenure.example.com/hooks/callbacks/'.length);
    const check = verifyCallbackToken(callbackKey, token);
    expect(check).toEqual({ ok: true, claims: { workflowId: 'run:run-9', callbackId: body.callbackId, expiresAt: new Date(deadline) } });
  });

  it('waits for the same callback when the step is retried', async () => {
    const connection = httpConnection(receiver.url);
    const call = action('http.calloutAndWait', connection);
    const first = await call({ runId: 'run-10', nodeId: 'p', connectionId: connection.id, input: { deadlineSeconds: 60 } });
    const again = await call({ runId: 'run-10', nodeId: 'p', connectionId: connection.id, input: { deadlineSeconds: 60 } });
    expect(Reflect.get(first ?? {}, 'callbackId')).toBe(Reflect.get(again ?? {}, 'callbackId'));
  });
});

describe('callback tokens', () => {
  const claims = { workflowId: 'run:r1', callbackId: 'cb_1', expiresAt: new Date(Date.now() + 60_000) };

  it('refuses a token whose claims or signature were changed, one signed with another key, and an expired one', async () => {
    const { issueCallbackToken } = await import('../../../activities/http/callbackToken.ts');
    const token = issueCallbackToken(callbackKey, claims);
    const [claimsPart, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, w: 'run:someone-else', c: 'cb_1', e: Math.floor(claims.expiresAt.getTime() / 1000) })).toString('base64url');
    expect(verifyCallbackToken(callbackKey, `${forged}.${signature ?? ''}`)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyCallbackToken(callbackKey, `${claimsPart ?? ''}.${(signature ?? '').slice(0, -2)}AA`)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyCallbackToken(new Uint8Array(32), token)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyCallbackToken(callbackKey, 'not-a-token')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyCallbackToken(callbackKey, token, new Date(claims.expiresAt.getTime() + 1000))).toMatchObject({ ok: false, reason: 'expired' });
  });
});

describe('http connection test', () => {
  const test = async (connection: Connection) => httpConnector.test(typedConnection(httpConnector, connection));

  it('passes dns, tcp and http against a reachable service, sending no callout', async () => {
    const before = receiver.requests.length;
    const report = await test(httpConnection(receiver.url));
    expect(report.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['dns:ok', 'tcp:ok', 'http:ok']);
    const [probe] = (await receiver.received(before + 1)).slice(before);
    expect(probe?.method).toBe('OPTIONS');
  });

  it('stops at dns for an unknown host and at tcp for a closed port', async () => {
    const dns = await test(httpConnection('https://no-such-host.invalid/hook'));
    expect(dns.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['dns:failed']);
    const tcp = await test(httpConnection(`http://127.0.0.1:${await freePort()}/hook`));
    expect(tcp.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['dns:ok', 'tcp:failed']);
    expect(tcp.ok).toBe(false);
  });

  it('stops at tls when an https URL points at a port that does not speak TLS', async () => {
    const report = await test(httpConnection(`https://127.0.0.1:${receiver.port}/hook`));
    expect(report.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'failed'}`)).toEqual(['dns:ok', 'tcp:ok', 'tls:failed']);
  });

  it('refuses settings that would let a header be replaced or a signature be weak', () => {
    expect(httpConnector.config.safeParse({ url: 'ftp://example.com/' }).success).toBe(false);
    expect(httpConnector.config.safeParse({ url: 'https://example.com/', headers: { 'X-Tenure-Signature': 'x' } }).success).toBe(false);
    expect(httpConnector.config.safeParse({ url: 'https://example.com/', headers: { 'X-Note': 'a\r\nInjected: 1' } }).success).toBe(false);
    expect(httpConnector.secrets.safeParse({ signingSecret: 'short' }).success).toBe(false);
  });
});
