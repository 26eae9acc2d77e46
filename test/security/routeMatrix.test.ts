/**
 * The route × role matrix: every route the app really registers (recorded by the onRoute hook as
 * each registers, the designer's file routes included) is called by a user of every role, by a
 * caller without roles, without a token, and with a wrong, an expired and a revoked token, and the
 * answer must be what server/http/access.ts says: 401 without valid credentials, 403 for a role the
 * entry does not name, and for everyone else an answer from the route itself (the dummy request may
 * well be answered 400 or 404: that proves the gate let it through). Refusals leave an audit entry.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { roles, type Role } from '../../server/db/users.ts';
import { isPublic, rolesOf, routeAccess, type Access } from '../../server/http/access.ts';
import { registerAuth, type GuardedRoute } from '../../server/http/auth.ts';
import { registerHardening } from '../../server/http/hardening.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

// Built while the tests are collected, so that each registered route becomes a test of its own.
const designerDir = await mkdtemp(join(tmpdir(), 'tenure-matrix-designer-'));
// A designer directory with one page: enough for the app to register the designer's routes.
await writeFile(join(designerDir, 'index.html'), '<!doctype html><title>Tenure</title>');
const sys: TestSystem = await startTestSystem({ designerDir });
const tokens = new Map<string, string>();
const issued = z.object({ id: z.string(), token: z.string() });

/** Everyone the matrix calls as: a user per role, a user with no role, and broken credentials. */
type Who = { kind: 'role'; role: Role } | { kind: 'roleless' } | { kind: 'none' } | { kind: 'wrong' } | { kind: 'expired' } | { kind: 'revoked' };
const callers: Who[] = [...roles.map((role) => ({ kind: 'role', role }) as const), { kind: 'roleless' }, { kind: 'none' }, { kind: 'wrong' }, { kind: 'expired' }, { kind: 'revoked' }];
const label = (w: Who) => (w.kind === 'role' ? w.role : w.kind);

async function issue(userId: string, userRoles: Role[]): Promise<string> {
  expect((await sys.api('POST', '/api/users', { id: userId, displayName: userId, roles: userRoles })).status).toBe(201);
  const res = await sys.api('POST', `/api/users/${userId}/tokens`, { name: 'matrix' });
  expect(res.status).toBe(201);
  return issued.parse(res.body).token;
}

beforeAll(async () => {
  for (const role of roles) tokens.set(role, await issue(`matrix-${role}`, [role]));
  tokens.set('roleless', await issue('matrix-roleless', []));
  const expired = await sys.api('POST', '/api/users/matrix-operator/tokens', { name: 'expired', expiresInDays: 1 });
  const expiredToken = issued.parse(expired.body);
  await sys.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [expiredToken.id]);
  tokens.set('expired', expiredToken.token);
  const revoked = issued.parse((await sys.api('POST', '/api/users/matrix-admin/tokens', { name: 'revoked' })).body);
  expect((await sys.api('DELETE', `/api/users/matrix-admin/tokens/${revoked.id}`)).status).toBe(204);
  tokens.set('revoked', revoked.token);
  tokens.set('wrong', 'tnr_0123456789ab_not-a-real-secret-at-all');
}, 120_000);

afterAll(async () => {
  await sys.stop();
  await rm(designerDir, { recursive: true, force: true });
});

function authorization(who: Who): Record<string, string> {
  if (who.kind === 'none') return {};
  const token = tokens.get(who.kind === 'role' ? who.role : who.kind);
  if (token === undefined) throw new Error(`no token for ${label(who)}`);
  return { authorization: `Bearer ${token}` };
}

/** What the table says this caller gets. */
function expected(access: Access, who: Who): 'pass' | 401 | 403 {
  if (isPublic(access)) return 'pass';
  if (who.kind !== 'role' && who.kind !== 'roleless') return 401;
  if (access === 'signed-in') return 'pass';
  return who.kind === 'role' && rolesOf(access).includes(who.role) ? 'pass' : 403;
}

/** A cheap concrete URL for a route pattern: every parameter and wildcard becomes a dummy value. */
const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, 'matrix-dummy').replace(/\*$/, 'matrix-dummy');

const refusalCount = async (ip: string) =>
  (await sys.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.refused' AND details->>'ip' = $1", [ip]))[0]?.n ?? 0;

function routes(): GuardedRoute[] {
  return sys.app.guardedRoutes.filter((r) => r.method !== 'OPTIONS');
}

describe('route access table', () => {
  it('has an entry for every registered route and names no route that is not registered', () => {
    const registered = new Set(routes().map((r) => `${r.method} ${r.url}`));
    const entries = Object.keys(routeAccess);
    const unregistered = entries.filter((key) => !registered.has(key));
    expect(unregistered, 'entries in server/http/access.ts that name no registered route').toEqual([]);
    // Every route has one (start-up would have failed otherwise); the designer's files are the only ones outside the table.
    const outside = routes().filter((r) => !entries.includes(`${r.method} ${r.url}`) && !(r.method === 'HEAD' && entries.includes(`GET ${r.url}`)));
    expect(outside.map((r) => r.url).sort()).toEqual(['/', '/', '/index.html', '/index.html']);
    expect(outside.every((r) => isPublic(r.access))).toBe(true);
  });

  it('refuses to start with a route that has no entry', async () => {
    const app = Fastify();
    await registerHardening(app);
    registerAuth(app, 'unused-admin-token', sys.users, sys.db);
    expect(() => app.get('/api/not-in-the-table', async () => Promise.resolve({}))).toThrow('route "GET /api/not-in-the-table" has no entry in the access table');
    await app.close();
  });
});

describe('route × role matrix', () => {
  const matrix = routes().map((r, i) => ({ ...r, name: `${r.method} ${r.url}`, ip: `127.9.${Math.floor(i / 250)}.${(i % 250) + 1}` }));

  it('covers the registered routes', () => {
    expect(matrix.length).toBe(sys.app.guardedRoutes.filter((r) => r.method !== 'OPTIONS').length);
    expect(matrix.length).toBeGreaterThan(Object.keys(routeAccess).length);
  });

  it.each(matrix)('$name answers every caller as the table says', async (route) => {
    const body = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH' ? { payload: '{}', contentType: 'application/json' } : {};
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const who of callers) {
      const before = await refusalCount(route.ip);
      const res = await sys.app.inject({
        method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).parse(route.method),
        url: concrete(route.url),
        remoteAddress: route.ip,
        headers: { ...authorization(who), ...(body.contentType !== undefined ? { 'content-type': body.contentType } : {}) },
        ...(body.payload !== undefined ? { payload: body.payload } : {}),
      });
      const audited = (await refusalCount(route.ip)) - before;
      const want = expected(route.access, who);
      // Refused by the gate: 401/403 and one audit entry. Let through: no refusal entry, and no 401
      // (a handler may still answer 403 when it narrows by data, e.g. a signed link that does not verify).
      const gateRefused = audited === 1 && (res.statusCode === 401 || res.statusCode === 403);
      const got = gateRefused ? res.statusCode : audited === 0 && res.statusCode !== 401 && res.statusCode !== 429 ? 'pass' : `${res.statusCode} with ${audited} refusal entries`;
      seen.push(`${label(who)}: ${String(got)}`);
      wanted.push(`${label(who)}: ${String(want)}`);
    }
    expect(seen, route.name).toEqual(wanted);
  });
});
