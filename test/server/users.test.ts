/** Users and API tokens: hashed at rest, shown once, refused when revoked or expired, admin-only management. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody } from '../support/api.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys.stop();
});

const issued = z.object({ id: z.string(), token: z.string(), expiresAt: z.string().nullable() });
const as = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
  sys.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });

describe('users and tokens', () => {
  it('issues a token that authenticates its user, stored only as a hash', async () => {
    expect((await sys.api('POST', '/api/users', { id: 'ana', displayName: 'Ana Lima', email: 'ana@example.com', employeeId: 'E100', roles: ['approver'] })).status).toBe(201);
    const res = await sys.api('POST', '/api/users/ana/tokens', { name: 'laptop', expiresInDays: 30 });
    expect(res.status).toBe(201);
    const { token, id } = issued.parse(res.body);
    expect(token).toMatch(/^tnr_[0-9a-f]{12}_/);

    expect((await as(token, 'GET', '/api/actions')).statusCode).toBe(200);
    const rows = await sys.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).not.toContain(token.slice(18));
    const everything = JSON.stringify(await sys.db.query('SELECT * FROM api_tokens'));
    expect(everything).not.toContain(token);
  });

  it('refuses user management to a non-admin', async () => {
    await sys.api('POST', '/api/users', { id: 'olga', displayName: 'Olga', roles: ['operator'] });
    const { token } = issued.parse((await sys.api('POST', '/api/users/olga/tokens', { name: 'cli' })).body);
    const res = await as(token, 'POST', '/api/users', { id: 'mallory', displayName: 'Mallory', roles: ['admin'] });
    expect(res.statusCode).toBe(403);
    expect(errorBody.parse(res.json()).error.message).toBe('this needs one of the roles: admin');
    const { users } = z.object({ users: z.array(z.object({ id: z.string() }).loose()) }).parse((await sys.api('GET', '/api/users')).body);
    expect(users.map((u) => u.id)).not.toContain('mallory');
    expect(users.map((u) => u.id)).toContain('olga');
  });

  it('refuses revoked and expired tokens', async () => {
    await sys.api('POST', '/api/users', { id: 'ben', displayName: 'Ben', roles: [] });
    const first = issued.parse((await sys.api('POST', '/api/users/ben/tokens', { name: 'one' })).body);
    const second = issued.parse((await sys.api('POST', '/api/users/ben/tokens', { name: 'two', expiresInDays: 1 })).body);
    expect((await sys.api('DELETE', `/api/users/ben/tokens/${first.id}`)).status).toBe(204);
    expect((await as(first.token, 'GET', '/api/actions')).statusCode).toBe(401);
    expect((await as(second.token, 'GET', '/api/actions')).statusCode).toBe(200);
    await sys.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [second.id]);
    const expired = await as(second.token, 'GET', '/api/actions');
    expect(expired.statusCode).toBe(401);
    expect(errorBody.parse(expired.json()).error.message).toBe('the API token is not valid (unknown, revoked or expired)');
  });

  it('refuses a second user for the same employee, and unknown users', async () => {
    await sys.api('POST', '/api/users', { id: 'cleo', displayName: 'Cleo', employeeId: 'E200', roles: [] });
    const clash = await sys.api('POST', '/api/users', { id: 'cleo2', displayName: 'Cleo again', employeeId: 'E200', roles: [] });
    expect(clash.status).toBe(409);
    expect((await sys.api('POST', '/api/users/no-such-user/tokens', { name: 'x' })).status).toBe(404);
    const badRole = await sys.api('POST', '/api/users', { id: 'dan', displayName: 'Dan', roles: ['superuser'] });
    expect(badRole.status).toBe(400);
    expect(errorBody.parse(badRole.body).error.details?.[0]?.path).toBe('body.roles[0]');
  });
});
