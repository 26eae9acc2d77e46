/**
 * Holes the contract fuzzer (schemathesis) found, each closed: numbers past what the database
 * column holds are refused with 400 naming the field, never a 500 from the query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../support/api.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 240_000);
afterAll(async () => {
  await sys.stop();
});

describe('numbers past a stored integer', () => {
  it('refuses a revision number past 2^31 - 1 in a path with 400 naming it', async () => {
    const res = await sys.api('GET', '/api/definitions/joiner/revisions/9007199254740990');
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.details?.map((d) => d.path)).toEqual(['params.number']);
  });

  it('refuses a run of a revision past 2^31 - 1 with 400 naming it', async () => {
    const res = await sys.api('POST', '/api/runs', { definitionId: 'joiner', idempotencyKey: 'contract-hole-1', people: [{ employeeId: 'E1' }], revision: 9007199254740990 });
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.details?.map((d) => d.path)).toEqual(['body.revision']);
  });
});

describe('errors Fastify answers before a route runs', () => {
  it('answers a path parameter past the router limit with 400 in the error envelope', async () => {
    const res = await sys.api('DELETE', `/api/users/${'0'.repeat(105)}/tokens/000000000000`);
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.code).toBe('invalid_request');
  });
});

describe('requests Node refuses before Fastify sees them', () => {
  it('answers a URL past the header size limit with 431 in the error envelope', async () => {
    const base = await sys.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${base}/hooks/callbacks/${'x'.repeat(20_000)}`, { method: 'POST' });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(errorBody.parse(await res.json()).error.code).toBe('request_header_fields_too_large');
  });
});

describe('a request without its body', () => {
  it('refuses a validation request with no draft in it with 400 naming the body', async () => {
    const res = await sys.app.inject({ method: 'POST', url: '/api/definitions/validate', headers: { authorization: `Bearer ${adminToken}` } });
    expect(res.statusCode).toBe(400);
    expect(errorBody.parse(res.json()).error.details?.map((d) => d.path)).toEqual(['body']);
  });
});
