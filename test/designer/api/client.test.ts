/**
 * The designer's API client: requests are typed by the routes the server declares (a wrong path,
 * parameter or body does not compile: tsc checks this file), and it builds each address from the
 * route and its parameters, sends the credentials, and signs the designer out on a refused token.
 */
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { ApiFailure, get, onSignedOut, request } from '../../../designer/src/api/client.ts';
import type { Answer, Body, PathOf } from '../../../designer/src/api/operations.ts';

let sent: { url: string; init: RequestInit }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const stored = new Map<string, string>();

beforeEach(() => {
  sent = [];
  stored.clear();
  stored.set('tenure.token', 'tnr_test');
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v), removeItem: (k: string) => stored.delete(k) });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }));
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  answer = { status: 200, body: {} };
});

describe('the typed routes', () => {
  it('are the routes the server declares, each with its parameters, body and answer', () => {
    expectTypeOf<'/api/runs/{id}'>().toExtend<PathOf<'get'>>();
    expectTypeOf<'/api/runs/{id}'>().not.toExtend<PathOf<'put'>>();
    expectTypeOf<'/api/run/{id}'>().not.toExtend<PathOf<'get'>>();
    expectTypeOf<Answer<'get', '/api/runs/{id}'>['run']['employeeId']>().toEqualTypeOf<string>();
    expectTypeOf<Body<'post', '/api/approvals/{id}/decision'>['decision']>().toEqualTypeOf<'approve' | 'reject'>();
  });
});

describe('request', () => {
  it('fills in the path parameters, encoded, and appends the query', async () => {
    await get('/api/runs/{id}', { params: { path: { id: 'a/b c' } } });
    await get('/api/runs', { params: { query: { definitionId: 'joiner', status: 'RUNNING', limit: 200 } } });
    expect(sent.map((s) => s.url)).toEqual(['/api/runs/a%2Fb%20c', '/api/runs?definitionId=joiner&status=RUNNING&limit=200']);
  });

  it('sends the token, the declared headers and the JSON body', async () => {
    await request('put', '/api/definitions/{id}', {
      params: { path: { id: 'joiner' }, header: { 'if-match': '"3"' } },
      body: { id: 'joiner', name: 'Joiner', lifecycle: 'joiner', nodes: [], edges: [] },
    });
    const [first] = sent;
    expect(first?.init.method).toBe('PUT');
    expect(first?.init.headers).toMatchObject({ authorization: 'Bearer tnr_test', 'if-match': '"3"', 'content-type': 'application/json' });
    expect(typeof first?.init.body === 'string' ? JSON.parse(first.init.body) : undefined).toMatchObject({ id: 'joiner', nodes: [] });
  });

  it('keeps the code, message and details of an error, and signs out on a refused token', async () => {
    const signedOut = vi.fn();
    const stop = onSignedOut(signedOut);
    answer = { status: 401, body: { error: { code: 'unauthorized', message: 'token revoked' } } };
    const failure = await get('/api/definitions').catch((e: unknown) => e);
    stop();
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 401, code: 'unauthorized', message: 'token revoked', details: [] });
    expect(signedOut).toHaveBeenCalledOnce();
    expect(stored.has('tenure.token')).toBe(false);
  });

  it('does not sign out where a 401 is an answer', async () => {
    const signedOut = vi.fn();
    const stop = onSignedOut(signedOut);
    answer = { status: 401, body: { error: { code: 'unauthorized', message: 'no session' } } };
    await expect(get('/api/session', { unauthorizedIsAnswer: true })).rejects.toMatchObject({ status: 401 });
    stop();
    expect(signedOut).not.toHaveBeenCalled();
  });
});
