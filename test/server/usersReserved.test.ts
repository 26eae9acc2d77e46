/**
 * Ids the system acts under are not for users: `admin` (the bootstrap token), the other built-in
 * actors, and any `kind:id` form are refused on POST /api/users with 400 naming body.id; the
 * bootstrap token keeps its identity. A user row with a reserved id left in an old database is
 * listed and can be cleaned up, but gets no new token.
 */
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

const userIds = async () => z.object({ users: z.array(z.object({ id: z.string() }).loose()) }).parse((await sys.api('GET', '/api/users')).body).users.map((u) => u.id);

describe('reserved user ids', () => {
  it('refuses a user named admin, and the admin token stays the only admin', async () => {
    const res = await sys.api('POST', '/api/users', { id: 'admin', displayName: 'Real Admin', roles: ['approver'] });
    expect(res.status).toBe(400);
    const detail = errorBody.parse(res.body).error.details?.find((d) => d.path === 'body.id');
    expect(detail?.message).toContain('"admin" is reserved');
    expect(detail?.message).toContain('bootstrap admin token');
    expect(await userIds()).not.toContain('admin');

    const me = await sys.api('GET', '/api/session');
    expect(me.body).toEqual({ id: 'admin', displayName: 'admin', roles: ['admin'], via: 'token' });
    expect((await sys.api('POST', '/api/users', { id: 'rita', displayName: 'Rita', roles: ['approver'] })).status).toBe(201);
  });

  it.each(['Admin', 'anonymous', 'system', 'callback', 'tenure', 'deadline', 'nobody'])('refuses the built-in actor %s', async (id) => {
    const res = await sys.api('POST', '/api/users', { id, displayName: id, roles: [] });
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.details?.find((d) => d.path === 'body.id')?.message).toContain('is reserved');
    expect(await userIds()).not.toContain(id);
  });

  it.each(['sync-job:hr-db', 'oidc:abc', 'run:1', 'cli:rotate-keys', 'hr:workday'])('refuses %s, which reads as a system actor', async (id) => {
    const res = await sys.api('POST', '/api/users', { id, displayName: id, roles: ['hr-source'] });
    expect(res.status).toBe(400);
    expect(errorBody.parse(res.body).error.details?.find((d) => d.path === 'body.id')?.message).toContain('must not contain ":"');
    expect(await userIds()).not.toContain(id);
  });

  it('still accepts ids with letters, digits, ".", "_" and "-"', async () => {
    for (const id of ['admin2', 'hr.workday', 'j_doe-1', 'Administrator']) {
      expect((await sys.api('POST', '/api/users', { id, displayName: id, roles: [] })).status, id).toBe(201);
    }
    expect(await userIds()).toEqual(expect.arrayContaining(['admin2', 'hr.workday', 'j_doe-1', 'Administrator']));
  });

  it('lists a user named admin from an old database and lets an admin clean it up, without new tokens', async () => {
    await sys.db.query(`INSERT INTO users (id, display_name, roles, created_by) VALUES ('admin', 'Old Admin', '["approver"]', 'admin')`);
    expect(await userIds()).toContain('admin');
    const token = await sys.api('POST', '/api/users/admin/tokens', { name: 'laptop' });
    expect(token.status).toBe(400);
    expect(errorBody.parse(token.body).error.details?.[0]?.path).toBe('params.id');
    expect(await sys.db.query(`SELECT id FROM api_tokens WHERE user_id = 'admin'`)).toEqual([]);
    expect((await sys.api('GET', '/api/users/admin/tokens')).status).toBe(200);
    expect((await sys.api('PUT', '/api/users/admin/roles', { roles: [] })).status).toBe(200);
    expect((await sys.api('GET', '/api/session')).body).toMatchObject({ id: 'admin', roles: ['admin'] });
  });
});
