/**
 * The signed POST that callouts, HR write-back and the HR connection test share, against a real
 * receiver on loopback: the headers in the order receivers have always seen them, a signature the
 * receiver verifies on its own, no redirect followed, and the same reading of every answer.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerKind, retryFailure, sendSignedPost } from '../../../activities/http/signedPost.ts';
import { tenureSignatureValid } from '../../peers/tenureSignature.ts';
import { freePort } from '../../support/ports.ts';

const secret = 'signed-post-secret-0123456789';
const seen: { rawHeaders: string[]; headers: IncomingHttpHeaders; raw: string }[] = [];
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ rawHeaders: req.rawHeaders, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
    if (req.url === '/moved') res.writeHead(307, { location: '/elsewhere' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
let url = '';

beforeAll(async () => {
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

const namesOf = (rawHeaders: string[]) => rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());

describe('sendSignedPost', () => {
  it('sends the connection headers first, then Tenure’s, marks, idempotency key, credentials and signature, in that order', async () => {
    const before = seen.length;
    const body = JSON.stringify({ employeeId: 'E1' });
    const res = await sendSignedPost({
      url: `${url}/hook`,
      body,
      signingSecret: secret,
      idempotencyKey: 'run-1:node-1',
      timeoutMs: 5000,
      headers: { 'x-tenant': 'contoso' },
      marks: { 'x-tenure-test': '1' },
      credentials: { authorization: 'Bearer t' },
    });
    expect(res.status).toBe(200);
    const request = seen[before];
    expect(request?.raw).toBe(body);
    expect(tenureSignatureValid(secret, request?.headers ?? {}, request?.raw ?? '')).toBe(true);
    const names = namesOf(request?.rawHeaders ?? []);
    const ours = ['x-tenant', 'content-type', 'accept', 'user-agent', 'x-tenure-test', 'idempotency-key', 'authorization', 'x-tenure-timestamp', 'x-tenure-signature'];
    expect(names.filter((n) => ours.includes(n))).toEqual(ours);
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'Tenure', 'idempotency-key': 'run-1:node-1', authorization: 'Bearer t' });
  });

  it('lets no connection header replace one Tenure sets', async () => {
    const before = seen.length;
    await sendSignedPost({ url, body: '{}', signingSecret: secret, idempotencyKey: 'k', timeoutMs: 5000, headers: { 'user-agent': 'other', 'idempotency-key': 'forged', 'x-tenure-signature': 'v1=00' } });
    const request = seen[before];
    expect(request?.headers).toMatchObject({ 'user-agent': 'Tenure', 'idempotency-key': 'k' });
    expect(tenureSignatureValid(secret, request?.headers ?? {}, request?.raw ?? '')).toBe(true);
  });

  it('does not follow a redirect with the signed body', async () => {
    const before = seen.length;
    const res = await sendSignedPost({ url: `${url}/moved`, body: '{}', signingSecret: secret, idempotencyKey: 'k', timeoutMs: 5000, headers: {} });
    expect(res.status).toBe(307);
    expect(seen.length).toBe(before + 1);
  });
});

describe('reading the answer', () => {
  it('is done on 2xx, retried on 408, 429 and 5xx, a redirect on 3xx, and refused otherwise', () => {
    expect([200, 201, 204].map(answerKind)).toEqual(['done', 'done', 'done']);
    expect([408, 429, 500, 502, 503].map(answerKind)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
    expect([301, 302, 307, 308].map(answerKind)).toEqual(['redirect', 'redirect', 'redirect', 'redirect']);
    expect([400, 401, 403, 404, 409, 422].map(answerKind)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', 'refused']);
  });

  it('retries after the Retry-After the receiver asks for, and by the step’s own policy without one', () => {
    const asked = retryFailure(new Response(null, { status: 429, headers: { 'retry-after': '7' } }), 'POST x answered HTTP 429', 'HttpThrottled', 'the service');
    expect(asked).toBeInstanceOf(ApplicationFailure);
    expect(asked).toMatchObject({ type: 'HttpThrottled', nonRetryable: false, nextRetryDelay: 7000, message: 'POST x answered HTTP 429; retrying after 7 s as the service asked' });
    const past = retryFailure(new Response(null, { status: 503, headers: { 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' } }), 'x', 'HrUnavailable', 'it');
    expect(past).toMatchObject({ nextRetryDelay: 0, message: 'x; retrying after 0 s as it asked' });
    const none = retryFailure(new Response(null, { status: 500, headers: { 'retry-after': 'later' } }), 'x', 'HrUnavailable', 'it');
    expect(none.nextRetryDelay).toBeUndefined();
    expect(none.message).toBe('x; retrying');
  });
});
