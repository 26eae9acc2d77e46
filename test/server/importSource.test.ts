/**
 * The HR source an admin names for a CSV import: a configured HR source or the default `hr` is
 * accepted; a name no source has (a typo) is refused with 400 naming querystring.source and the
 * configured sources, and nothing is imported or filed under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let workdayToken: string;
beforeAll(async () => {
  sys = await startTestSystem();
  expect((await sys.api('POST', '/api/users', { id: 'workday', displayName: 'Workday', roles: ['hr-source'] })).status).toBe(201);
  workdayToken = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/workday/tokens', { name: 'csv' })).body).token;
});
afterAll(async () => {
  await sys.stop();
});

async function importCsv(csv: string, query: string, token = adminToken) {
  const res = await sys.app.inject({ method: 'POST', url: `/api/hr/imports${query}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload: csv });
  return { status: res.statusCode, body: res.json<unknown>() };
}
const imported = z.object({ id: z.string(), source: z.string(), status: z.string() }).loose();
const personAt = (source: string, employeeId: string) =>
  eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}?source=${source}`);
    return res.status === 200 ? res.body : undefined;
  }, `${employeeId} known from source ${source}`);

describe('the source of a CSV import', () => {
  it('refuses a source nobody configured, naming the field and the configured sources, and imports nothing', async () => {
    const res = await importCsv('employeeId,givenName,surname\nT1,Tia,Typo\n', '?source=wrokday');
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.details?.[0]?.path).toBe('querystring.source');
    expect(error.message).toContain('"wrokday" is not a configured HR source');
    expect(error.message).toContain('workday');
    expect(await sys.db.query("SELECT id FROM hr_imports WHERE source = 'wrokday'")).toEqual([]);
    expect(await sys.db.query("SELECT seq FROM hr_outbox WHERE source = 'wrokday'")).toEqual([]);
    expect(await sys.db.query("SELECT employee_id FROM people WHERE source = 'wrokday'")).toEqual([]);
    expect((await sys.api('GET', '/api/people/T1?source=wrokday')).status).toBe(404);
  });

  it('accepts a configured source named by an admin, and the default source named or not', async () => {
    const named = imported.parse((await importCsv('employeeId,givenName,surname\nW1,Wen,Named\n', '?source=workday')).body);
    expect(named.source).toBe('workday');
    await personAt('workday', 'W1');

    const defaulted = await importCsv('employeeId,givenName,surname\nH1,Hal,Default\n', '');
    expect(defaulted.status).toBe(202);
    expect(imported.parse(defaulted.body).source).toBe('hr');
    const explicit = await importCsv('employeeId,givenName,surname\nH1,Hal,Default\nH2,Hu,Default\n', '?source=hr');
    expect(explicit.status).toBe(202);
    expect(imported.parse(explicit.body).source).toBe('hr');
    await personAt('hr', 'H2');
  });

  it('files an HR source’s import under its own id, as before', async () => {
    const own = await importCsv('employeeId,givenName,surname\nW1,Wen,Named\nW2,Wu,Own\n', '?source=workday', workdayToken);
    expect(own.status).toBe(202);
    expect(imported.parse(own.body).source).toBe('workday');
    expect((await importCsv('employeeId,givenName,surname\nX1,Xi,Other\n', '?source=hr', workdayToken)).status).toBe(403);
  });
});
