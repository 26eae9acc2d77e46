/**
 * HR batches in the audit log: every CSV import (a dry run too) leaves one entry saying who sent it,
 * for which HR source, how many lines and what became of it, with counts and never a person's data:
 * read back through GET /api/audit as an auditor, it holds no name and no national id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
const tokens = new Map<string, string>();
beforeAll(async () => {
  sys = await startTestSystem();
  for (const [id, roles] of [
    ['workday', ['hr-source']],
    ['payroll-csv', ['hr-source']],
    ['csv-auditor', ['auditor']],
  ] as const) {
    expect((await sys.api('POST', '/api/users', { id, displayName: id, roles })).status).toBe(201);
    tokens.set(id, z.object({ token: z.string() }).parse((await sys.api('POST', `/api/users/${id}/tokens`, { name: 't' })).body).token);
  }
}, 240_000);
afterAll(async () => {
  await sys.stop();
});

const token = (id: string) => tokens.get(id) ?? '';
const csv = 'employeeId,givenName,surname,nationalId\nW-1,Ada,Lovelace,850101-1234\nW-2,Grace,Hopper,061206-5678\n';
const personal = ['Ada', 'Lovelace', '850101-1234', 'Grace', 'Hopper', '061206-5678'];

async function importCsv(query: string, as: string) {
  const res = await sys.app.inject({ method: 'POST', url: `/api/hr/imports${query}`, headers: { authorization: `Bearer ${as}`, 'content-type': 'text/csv' }, payload: csv });
  expect(res.statusCode, res.body).toBe(202);
  return z.object({ id: z.string(), status: z.string() }).parse(res.json());
}

describe('CSV imports in the audit log', () => {
  it('records who imported, which source, how many rows and the outcome, without names or national ids', async () => {
    const dryRun = await importCsv('?source=payroll-csv&dryRun=true', adminToken);
    const real = await importCsv('', token('workday'));

    const res = await sys.app.inject({ method: 'GET', url: '/api/audit?action=hr-import', headers: { authorization: `Bearer ${token('csv-auditor')}` } });
    expect(res.statusCode, res.body).toBe(200);
    const entries = z
      .object({ entries: z.array(z.object({ actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string(), employeeId: z.string().nullable(), details: z.record(z.string(), z.unknown()) })) })
      .parse(res.json()).entries;
    expect(entries.map((e) => [e.action, e.targetType, e.targetId, e.actor])).toEqual([
      ['hr-import.receive', 'hr-import', real.id, 'workday'],
      ['hr-import.receive', 'hr-import', dryRun.id, 'admin'],
    ]);
    expect(entries[0]?.details).toMatchObject({ kind: 'csv', source: 'workday', rows: 2, outcome: real.status, counts: { records: 2, hire: 2 } });
    expect(['running', 'completed']).toContain(entries[0]?.details.outcome);
    expect(entries[1]?.details).toMatchObject({ kind: 'csv', source: 'payroll-csv', rows: 2, outcome: 'dry-run', counts: { records: 2, hire: 2 } });

    const written = JSON.stringify(entries);
    for (const value of personal) expect(written).not.toContain(value);
    expect(entries.every((e) => e.employeeId === null)).toBe(true);
  });
});
