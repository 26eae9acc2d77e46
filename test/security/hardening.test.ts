/**
 * Hardening of the HTTP API: security headers, body size limits by route kind, strict request
 * schemas, rate limits on token issuing and on repeated refusals, and no internals in a 5xx.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody } from '../support/api.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let designerDir: string;
const issued = z.object({ id: z.string(), token: z.string() });
let hrToken: string;

beforeAll(async () => {
  designerDir = await mkdtemp(join(tmpdir(), 'tenure-hardening-designer-'));
  await writeFile(join(designerDir, 'index.html'), '<!doctype html><title>Tenure</title>');
  sys = await startTestSystem({ designerDir });
  expect((await sys.api('POST', '/api/users', { id: 'feed', displayName: 'HR feed', roles: ['hr-source'] })).status).toBe(201);
  hrToken = issued.parse((await sys.api('POST', '/api/users/feed/tokens', { name: 'feed' })).body).token;
}, 120_000);

afterAll(async () => {
  await sys.stop();
  await rm(designerDir, { recursive: true, force: true });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the other helmet headers on the API and the designer', async () => {
    for (const url of ['/healthz', '/', '/api/definitions']) {
      const res = await sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.statusCode, url).toBeLessThan(500);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('body size limits', () => {
  const big = 'x'.repeat(1536 * 1024);

  it('refuses a JSON body over 1 MiB with 413 before anything is stored', async () => {
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/definitions',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'too-big', name: big }),
    });
    expect(res.statusCode).toBe(413);
    expect(errorBody.parse(res.json()).error.code).toBe('payload_too_large');
    expect(await sys.db.query("SELECT id FROM definitions WHERE id = 'too-big'")).toEqual([]);
  });

  it('reads a CSV import of the same size (imports are larger by nature)', async () => {
    const csv = `employeeId,displayName\n${Array.from({ length: 1536 }, (_, i) => `E${i},${'n'.repeat(1000)}`).join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const res = await sys.app.inject({ method: 'POST', url: '/api/hr/imports?dryRun=true', headers: { authorization: `Bearer ${hrToken}`, 'content-type': 'text/csv' }, payload: csv });
    // The snapshot was read and judged on its content (its columns are not a full HR snapshot): not a size refusal.
    expect(res.statusCode).not.toBe(413);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('strict request schemas', () => {
  /** Unwraps optional/default wrappers down to the schema that holds the fields. */
  function core(schema: unknown): unknown {
    let s = schema;
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.def.innerType;
    return s;
  }

  /** Schemas that chose `.loose()` on purpose, and why. Anything else must refuse unknown fields. */
  const deliberatelyLoose: Record<string, string> = {
    'POST /api/inbound/scim/bulkUpload body': 'a SCIM 2.0 BulkRequest may carry extension attributes (RFC 7644); its operations are checked one by one',
  };

  it('refuses unknown fields in every object body, query and path of every route', () => {
    const loose: string[] = [];
    for (const route of sys.app.guardedRoutes) {
      for (const part of ['body', 'querystring', 'params'] as const) {
        const schema = core(route.schema?.[part]);
        if (schema instanceof z.ZodObject && !(schema.def.catchall instanceof z.ZodNever)) loose.push(`${route.method} ${route.url} ${part}`);
      }
    }
    expect(loose).toEqual(Object.keys(deliberatelyLoose));
  });

  it('answers an unknown field with 400 naming it, and stores nothing', async () => {
    const res = await sys.api('POST', '/api/users', { id: 'extra', displayName: 'Extra', roles: [], isAdmin: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('isAdmin');
    expect(await sys.db.query("SELECT id FROM users WHERE id = 'extra'")).toEqual([]);
    // A route whose schema said nothing about unknown fields is made strict too: the sign-in start.
    const login = await sys.app.inject({ method: 'GET', url: '/auth/login?returnTo=%2F&next=https%3A%2F%2Fevil.example' });
    expect(login.statusCode).toBe(400);
    expect(login.body).toContain('next');
  });
});

describe('rate limits', () => {
  it('limits token issuing per address to 20 a minute, issuing nothing past the limit', async () => {
    expect((await sys.api('POST', '/api/users', { id: 'minted', displayName: 'Minted', roles: [] })).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await sys.app.inject({
        method: 'POST',
        url: '/api/users/minted/tokens',
        remoteAddress: '127.8.0.1',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: `t${i}` }),
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(errorBody.parse(res.json()).error.code).toBe('too_many_requests');
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const [count] = await sys.db.query<{ n: number }>("SELECT count(*)::int AS n FROM api_tokens WHERE user_id = 'minted'");
    expect(count?.n).toBe(20);
  });

  it('holds off an address after 30 refusals in a minute, even with a good token, and only that address', async () => {
    const ip = '127.8.0.2';
    for (let i = 0; i < 30; i++) {
      const res = await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip, headers: { authorization: `Bearer tnr_0123456789ab_guess${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const held = await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: ip, headers: { authorization: `Bearer ${adminToken}` } });
    expect(held.statusCode).toBe(429);
    expect(errorBody.parse(held.json()).error.message).toMatch(/too many refused requests from this address; try again in \d+ s/);
    const other = await sys.app.inject({ method: 'GET', url: '/api/definitions', remoteAddress: '127.8.0.3', headers: { authorization: `Bearer ${adminToken}` } });
    expect(other.statusCode).toBe(200);
    const [audited] = await sys.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.refused' AND details->>'ip' = $1", [ip]);
    expect(audited?.n).toBe(30);
    // Public routes stay open to it: a load balancer behind the same address still sees health.
    expect((await sys.app.inject({ method: 'GET', url: '/healthz', remoteAddress: ip })).statusCode).not.toBe(429);
  });
});

describe('server errors', () => {
  it('answers an internal failure with 500, a request id, and no message, stack or names from inside', async () => {
    await sys.db.query('ALTER TABLE definitions RENAME TO definitions_hidden_by_test');
    try {
      const res = await sys.api('GET', '/api/definitions');
      expect(res.status).toBe(500);
      const { error } = errorBody.parse(res.body);
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(/^the server could not complete the request; the log has the details under request id \S+$/);
      const text = JSON.stringify(res.body);
      for (const leak of ['definitions', 'relation', 'does not exist', 'stack', '.ts', ' at ', 'SELECT']) expect(text, leak).not.toContain(leak);
    } finally {
      await sys.db.query('ALTER TABLE definitions_hidden_by_test RENAME TO definitions');
    }
    expect((await sys.api('GET', '/api/definitions')).status).toBe(200);
  });
});
