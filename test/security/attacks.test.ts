/**
 * Bad input and attacks against the HTTP API: broken credentials, the wrong role, and injection
 * strings in every kind of field that reaches SQL, HTML or JSON. Each is refused cleanly (4xx, never
 * a 5xx) or stored and shown inertly; refusals leave an audit entry and no other trace.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signLink } from '../../activities/approvals/links.ts';
import type { InboxItem } from '../../activities/approvals/types.ts';
import { createApprovalStore } from '../../server/db/approvals.ts';
import { errorBody } from '../support/api.ts';
import { userWithToken, type Headers } from '../support/approvals.ts';
import { sampleDefinition } from '../support/definitions.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let designer: Headers;
const issued = z.object({ id: z.string(), token: z.string() });

/** Strings that break code which pastes values into LDAP filters, SQL, HTML or JSON. */
const injections = ['*)(uid=*))(|(uid=*', "' OR 1=1 --", "'; DROP TABLE users; --", '<script>alert(1)</script>', '"}]', '<img src=x onerror=alert(1)>', '../../etc/passwd', '${7*7}{{7*7}}'];

beforeAll(async () => {
  sys = await startTestSystem();
  designer = await userWithToken(sys, 'dora', { roles: ['designer'] });
}, 120_000);

afterAll(async () => {
  await sys.stop();
});

const refusals = async (ip: string) =>
  sys.db.query<{ actor: string; target_id: string; details: { status: number; reason: string; tokenId?: string } }>(
    "SELECT actor, target_id, details FROM audit_log WHERE action = 'access.refused' AND details->>'ip' = $1 ORDER BY id",
    [ip],
  );

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['users', 'api_tokens', 'definitions', 'connections', 'runs']) {
    const [row] = await sys.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

describe('broken credentials', () => {
  it('refuses expired, revoked and tampered tokens with 401, audits each, and changes nothing', async () => {
    await sys.api('POST', '/api/users', { id: 'tina', displayName: 'Tina', roles: ['designer'] });
    const good = issued.parse((await sys.api('POST', '/api/users/tina/tokens', { name: 'good' })).body);
    const expired = issued.parse((await sys.api('POST', '/api/users/tina/tokens', { name: 'expired', expiresInDays: 1 })).body);
    await sys.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.id]);
    const revoked = issued.parse((await sys.api('POST', '/api/users/tina/tokens', { name: 'revoked' })).body);
    expect((await sys.api('DELETE', `/api/users/tina/tokens/${revoked.id}`)).status).toBe(204);
    const lastChar = good.token.slice(-1) === 'A' ? 'B' : 'A';
    const other = issued.parse((await sys.api('POST', '/api/users/tina/tokens', { name: 'other' })).body);

    const attempts: Record<string, string> = {
      expired: expired.token,
      revoked: revoked.token,
      'secret altered': `${good.token.slice(0, -1)}${lastChar}`,
      'id swapped': good.token.replace(good.id, other.id),
      'admin token extended': `${adminToken}x`,
      'admin token cut': adminToken.slice(0, -1),
    };
    const ip = '127.7.0.1';
    const before = await tableCounts();
    for (const [what, token] of Object.entries(attempts)) {
      const res = await sys.app.inject({
        method: 'POST',
        url: '/api/definitions',
        remoteAddress: ip,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(sampleDefinition(`forged-${Object.keys(attempts).indexOf(what)}`)),
      });
      expect(res.statusCode, what).toBe(401);
      expect(errorBody.parse(res.json()).error.code, what).toBe('unauthorized');
    }
    expect(await tableCounts()).toEqual(before);
    const audited = await refusals(ip);
    expect(audited.map((a) => [a.actor, a.target_id, a.details.status, a.details.reason])).toEqual(Object.keys(attempts).map(() => ['anonymous', 'POST /api/definitions', 401, 'invalid token']));
    // The token id (not secret) names which token was tried; the secret is nowhere in the log.
    expect(audited.map((a) => a.details.tokenId)).toEqual([expired.id, revoked.id, good.id, other.id, undefined, undefined]);
    const log = JSON.stringify(await sys.db.query('SELECT * FROM audit_log'));
    for (const token of Object.values(attempts)) expect(log).not.toContain(token);
    // The good token still works: a forged one neither locks the user out nor spends it.
    expect((await sys.app.inject({ method: 'GET', url: '/api/definitions', headers: { authorization: `Bearer ${good.token}` } })).statusCode).toBe(200);
  });

  it('refuses a malformed Authorization header and a token in the wrong scheme', async () => {
    const ip = '127.7.0.2';
    for (const header of ['Basic YWRtaW46YWRtaW4=', `Token ${adminToken}`, 'Bearer', `Bearer ${adminToken} extra`, `Bearer\t`]) {
      const res = await sys.app.inject({ method: 'GET', url: '/api/users', remoteAddress: ip, headers: { authorization: header } });
      expect(res.statusCode, header).toBe(401);
    }
    expect((await refusals(ip)).map((r) => r.details.reason)).toEqual(Array.from({ length: 5 }, () => 'malformed Authorization header'));
  });

  it('refuses the wrong role with 403 naming the roles needed, audits it, and creates nothing', async () => {
    const ip = '127.7.0.3';
    const before = await tableCounts();
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/connections',
      remoteAddress: ip,
      headers: { ...designer, 'content-type': 'application/json' },
      payload: JSON.stringify({ id: 'stolen', kind: 'ldap', name: 'Stolen', config: {}, secrets: {} }),
    });
    expect(res.statusCode).toBe(403);
    expect(errorBody.parse(res.json()).error).toEqual({ code: 'forbidden', message: 'this needs one of the roles: admin' });
    const granted = await sys.app.inject({ method: 'POST', url: '/api/users', remoteAddress: ip, headers: { ...designer, 'content-type': 'application/json' }, payload: JSON.stringify({ id: 'eve', displayName: 'Eve', roles: ['admin'] }) });
    expect(granted.statusCode).toBe(403);
    // A handler that narrows by data refuses the same way: another user's inbox needs admin or auditor.
    const inbox = await sys.app.inject({ method: 'GET', url: '/api/approvals?for=tina', remoteAddress: ip, headers: designer });
    expect(inbox.statusCode).toBe(403);
    expect(await tableCounts()).toEqual(before);
    expect((await refusals(ip)).map((r) => [r.actor, r.target_id, r.details.status])).toEqual([
      ['dora', 'POST /api/connections', 403],
      ['dora', 'POST /api/users', 403],
      ['dora', 'GET /api/approvals', 403],
    ]);
  });
});

describe('injection strings', () => {
  it('answers them in ids, filters and path segments that reach SQL with a 4xx or an empty answer, never a 5xx', async () => {
    const before = await tableCounts();
    const e = encodeURIComponent;
    for (const bad of injections) {
      const calls: [string, string, unknown?][] = [
        ['GET', `/api/runs?employeeId=${e(bad)}`],
        ['GET', `/api/runs?definitionId=${e(bad)}`],
        ['GET', `/api/runs/${e(bad)}`],
        ['GET', `/api/definitions/${e(bad)}`],
        ['GET', `/api/definitions/${e(bad)}/revisions`],
        ['GET', `/api/people/${e(bad)}`],
        ['GET', `/api/connections/${e(bad)}`],
        ['GET', `/api/approvals?for=${e(bad)}`],
        ['GET', `/api/audit?actor=${e(bad)}`],
        ['GET', `/api/audit?employeeId=${e(bad)}`],
        ['GET', `/api/hr/imports?source=${e(bad)}`],
        ['GET', `/api/hr/imports/${e(bad)}`],
        ['POST', `/api/users/${e(bad)}/tokens`, { name: 'x' }],
        ['DELETE', `/api/users/dora/tokens/${e(bad)}`],
        ['POST', `/api/approvals/${e(bad)}/decision`, { decision: 'approve' }],
        ['POST', '/api/users', { id: bad, displayName: 'x', roles: [] }],
        ['POST', '/api/runs', { definitionId: bad, people: [{ employeeId: 'E1' }] }],
      ];
      for (const [method, url, body] of calls) {
        const res = await sys.api(z.enum(['GET', 'POST', 'PUT', 'DELETE']).parse(method), url, body);
        expect(res.status, `${method} ${url}`).toBeGreaterThanOrEqual(200);
        expect(res.status, `${method} ${url}`).toBeLessThan(500);
        if (res.status === 200) {
          // A filter that matched: it must have matched nothing, not everything.
          const lists = Object.values(z.record(z.string(), z.unknown()).parse(res.body)).filter((v) => Array.isArray(v));
          for (const list of lists) expect(list, `${method} ${url}`).toEqual([]);
        }
      }
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a NUL character in a path, a query or a body with 400 (the database cannot hold one), storing nothing', async () => {
    const before = await tableCounts();
    const answers = [
      await sys.api('GET', '/api/runs?employeeId=a%00b'),
      await sys.api('GET', '/api/people/E%00'),
      await sys.api('GET', '/api/audit?actor=%00'),
      await sys.api('POST', '/api/definitions', { ...sampleDefinition('nul-name'), name: 'a\u0000b' }),
      await sys.api('POST', '/api/users', { id: 'nul', displayName: 'Nul', roles: [], email: 'a\u0000@example.com' }),
      await sys.api('POST', '/api/approvals/delegations', { to: 'x\u0000', until: new Date(Date.now() + 86_400_000).toISOString() }),
    ];
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 400));
    expect(errorBody.parse(answers[3]?.body).error.message).toContain('NUL character');
    expect(await tableCounts()).toEqual(before);
    // Anonymous callers still hear 401 first: the check runs after authentication.
    expect((await sys.app.inject({ method: 'GET', url: '/api/runs?employeeId=%00', remoteAddress: '127.7.0.9' })).statusCode).toBe(401);
  });

  it('stores them in JSON fields exactly as given and gives them back as data', async () => {
    for (const [i, bad] of injections.entries()) {
      const draft = { ...sampleDefinition(`hostile-${i}`), name: bad };
      expect((await sys.api('POST', '/api/definitions', draft)).status).toBe(201);
      const read = await sys.api('GET', `/api/definitions/hostile-${i}`);
      expect(read.headers['content-type']).toContain('application/json');
      expect(z.object({ definition: z.object({ name: z.string() }).loose() }).loose().parse(read.body).definition.name).toBe(bad);
      expect((await sys.api('POST', '/api/users', { id: `hostile-${i}`, displayName: bad, roles: [] })).status).toBe(201);
    }
    const { users } = z.object({ users: z.array(z.object({ id: z.string(), displayName: z.string() }).loose()) }).parse((await sys.api('GET', '/api/users')).body);
    expect(injections.map((_, i) => users.find((u) => u.id === `hostile-${i}`)?.displayName)).toEqual(injections);
  });

  it('escapes them in the approval link page, which decides nothing on GET', async () => {
    const approvals = createApprovalStore(sys.db);
    const approver = 'mal"lory';
    const [script, img, breaker] = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"}]'];
    const runId = `run-${randomBytes(4).toString('hex')}`;
    const item: InboxItem = {
      id: `${runId}:ask`,
      runId,
      workflowId: `lifecycle:${runId}`,
      nodeId: 'ask',
      definitionId: 'hostile',
      revision: 1,
      employeeId: 'E666',
      requestedBy: 'admin',
      person: { employeeId: 'E666', displayName: script },
      step: img,
      question: `${breaker} ${script}`,
      onApprove: `create account ${img}`,
      stage: 1,
      stages: 1,
      mode: 'any',
      approvers: [approver],
      pending: [approver],
      onBehalfOf: {},
      decisions: [],
      openedAt: new Date().toISOString(),
      stageOpenedAt: new Date().toISOString(),
      status: 'open',
      notes: [],
      seq: 1,
    };
    await approvals.project(item);
    const nonce = randomBytes(16).toString('hex');
    const token = signLink(sys.keyring.approvalLinkKey, { approvalId: item.id, userId: approver, stage: 1, decision: 'approve', expiresAt: Date.now() + 3_600_000, nonce });
    const page = await sys.app.inject({ method: 'GET', url: `/hooks/approvals/${token}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
    const html = page.body;
    for (const raw of [script, img, approver]) expect(html).not.toContain(raw);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('mal&#34;lory');
    // Showing the page spent nothing and decided nothing.
    expect(await approvals.linkSpent(nonce)).toBe(false);
    expect((await approvals.get(item.id))?.item.pending).toEqual([approver]);
  });
});
