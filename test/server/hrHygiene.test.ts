/**
 * HR text hygiene on the batch channels, on real Temporal and PGlite: a SCIM bulk operation or a
 * CSV line holding text that cannot be stored, a control character, or a bad employee id is refused
 * on its own — by operation index, or by line and column — with the field named, nothing derived
 * from it, and the rest of the batch accepted with its names cleaned (NFC, trimmed, one space). A
 * stored person that no longer passes today's rules is reported in the import, which goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enterpriseUserUrn } from '../../server/hr/scimUser.ts';
import { maxJsonDepth } from '../../workflows/dsl/text.ts';
import { errorBody } from '../support/api.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
  // The sources the CSV imports below name: an admin may only file an import under a configured HR source.
  for (const id of ['csv-text', 'csv-text-header', 'csv-legacy']) {
    expect((await sys.api('POST', '/api/users', { id, displayName: id, roles: ['hr-source'] })).status).toBe(201);
  }
});
afterAll(async () => {
  await sys.stop();
});

const problem = z.object({ path: z.string(), message: z.string(), index: z.number().optional(), line: z.number().optional(), column: z.number().optional(), columnName: z.string().optional() });
const bulkAnswer = z.object({
  importId: z.string(),
  counts: z.record(z.string(), z.number()),
  Operations: z.array(z.object({ bulkId: z.string().optional(), status: z.string(), employeeId: z.string().optional(), outcome: z.string(), response: z.object({ detail: z.string() }).loose().optional() }).loose()),
  errors: z.array(problem),
});
const importView = z.object({
  id: z.string(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  errors: z.array(problem),
  events: z.array(z.object({ line: z.number().nullable(), employeeId: z.string().nullable(), status: z.string(), event: z.object({ type: z.string(), employeeId: z.string(), attributes: z.record(z.string(), z.unknown()) }).nullable() }).loose()),
});

/** What was stored of a batch: per record, its status, employee id and whether it derived an event. */
/** The day a dateless hire is dated (the day it arrived, UTC; test/server/hr/hireDate.test.ts checks which day). */
const arrivalDay: unknown = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
const stored = (importId: string) =>
  sys.db.query<{ seq: number; status: string; employee_id: string | null; has_event: boolean; errors: unknown[] }>(
    'SELECT seq, status, employee_id, event IS NOT NULL AS has_event, errors FROM hr_import_records WHERE import_id = $1 ORDER BY seq',
    [importId],
  );

const scimUser = (employeeId: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterpriseUserUrn],
  externalId: employeeId,
  name: { givenName: 'Ann', familyName: employeeId },
  active: true,
  ...extra,
});
const op = (bulkId: string, data: unknown) => ({ method: 'POST', bulkId, path: '/Users', data });
const bulk = async (source: string, operations: unknown[]) => {
  const res = await sys.app.inject({
    method: 'POST',
    url: `/api/inbound/scim/bulkUpload?source=${source}`,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/scim+json' },
    payload: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: operations }),
  });
  return { status: res.statusCode, body: res.json<unknown>() };
};
const importCsv = async (source: string, csv: string, query = '') => {
  const res = await sys.app.inject({ method: 'POST', url: `/api/hr/imports?source=${source}${query}`, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' }, payload: csv });
  return { status: res.statusCode, body: res.json<unknown>() };
};

describe('SCIM bulk: text refused per operation', () => {
  it('answers each bad operation 400 naming the field, derives nothing from it, and accepts the rest cleaned', async () => {
    const customUrn = 'urn:ietf:params:scim:schemas:extension:acme:1.0:User';
    const res = await bulk('scim-text', [
      op('ok', scimUser('ST1', { name: { givenName: '  Zoe\u0308 ', familyName: 'van\u00a0 der   Berg' }, title: ' Lead   Engineer ' })),
      op('surrogate', scimUser('ST2', { name: { givenName: 'Ann\ud800', familyName: 'Lee' } })),
      op('bom-id', scimUser('\ufeff')),
      op('line-break', scimUser('ST4', { name: { givenName: 'Ann', familyName: 'Lee\nKim' } })),
      op('control-key', scimUser('ST5', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', customUrn], [customUrn]: { ['cost\u0001Center']: '4130' } })),
      op('nul', scimUser('ST6', { [enterpriseUserUrn]: { department: 'Sales\u0000' } })),
      op('bad\udfffid', scimUser('ST7')),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const answer = bulkAnswer.parse(res.body);
    expect(answer.Operations.map((o) => [o.bulkId, o.status, o.outcome])).toEqual([
      ['ok', '202', 'hire'],
      ['surrogate', '400', 'invalid'],
      ['bom-id', '400', 'invalid'],
      ['line-break', '400', 'invalid'],
      ['control-key', '400', 'invalid'],
      ['nul', '400', 'invalid'],
      // A bulkId that cannot be stored is not echoed either.
      [undefined, '400', 'invalid'],
    ]);
    expect(answer.errors.map((e) => [e.index, e.path])).toEqual([
      [1, 'Operations[1].data.name.givenName'],
      [2, 'Operations[2].data.externalId'],
      [2, 'Operations[2].data.externalId'],
      [3, 'Operations[3].data.name.familyName'],
      [4, `Operations[4].data.${customUrn}.cost\\u0001Center`],
      [5, `Operations[5].data.${enterpriseUserUrn}.department`],
      [6, 'Operations[6].bulkId'],
    ]);
    expect(answer.errors[0]?.message).toBe('holds an unpaired UTF-16 surrogate (U+D800) at position 4: not valid Unicode, and nothing can store it; send well-formed UTF-8');
    expect(answer.errors[1]?.message).toBe('externalId: the employee id holds the invisible format character U+FEFF (byte-order mark) at position 1; remove it');
    expect(answer.errors[3]?.message).toBe('holds the control character U+000A (line feed) at position 4; no control character is accepted here, tab and line breaks included');
    expect(answer.Operations[3]?.response?.detail).toContain('Operations[3].data.name.familyName: holds the control character U+000A');

    const records = await stored(answer.importId);
    expect(records.map((r) => [r.seq, r.status, r.employee_id, r.has_event])).toEqual([
      [0, records[0]?.status === 'delivered' ? 'delivered' : 'pending', 'ST1', true],
      ...[1, 2, 3, 4, 5, 6].map((seq) => [seq, 'invalid', null, false]),
    ]);
    const view = importView.parse((await sys.api('GET', `/api/hr/imports/${answer.importId}`)).body);
    // No hire date was sent: the default policy (TENURE_HIRE_WITHOUT_DATE=now) dates the hire the day it arrived.
    expect(view.events.map((e) => e.event)).toEqual([{ type: 'hire', employeeId: 'ST1', attributes: { givenName: 'Zoë', surname: 'van der Berg', title: 'Lead Engineer', hireDate: arrivalDay } }]);
    expect(view.events[0]?.event?.attributes.givenName).toBe('Zo\u00eb');
  });

  it('refuses a request nested past the body limit whole, stating the limit, and stores nothing', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { inner: deep };
    const customUrn = 'urn:ietf:params:scim:schemas:extension:acme:1.0:User';
    const res = await bulk('scim-deep', [op('deep', scimUser('SD1', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', customUrn], [customUrn]: { nested: deep } }))]);
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.message).toMatch(new RegExp(`^the request body\\.Operations\\[0\\]\\.data\\..+ nests deeper than ${maxJsonDepth} levels of objects and arrays, the limit`));
    expect(error.details?.[0]?.path).toMatch(/^body\.Operations\[0\]\.data\./);
    expect(await sys.db.query("SELECT id FROM hr_imports WHERE source = 'scim-deep'")).toEqual([]);
  });

  it('trims an employee id, so " ST8 " and "ST8" are one person', async () => {
    const answer = bulkAnswer.parse((await bulk('scim-trim', [op('a', scimUser('  ST8 '))])).body);
    expect(answer.Operations).toMatchObject([{ status: '202', employeeId: 'ST8', outcome: 'hire' }]);
  });
});

describe('CSV imports: text refused per line and column', () => {
  it('leaves out each bad line with its line and column, derives nothing from it, and imports the rest cleaned', async () => {
    const csv = [
      'employeeId,givenName,surname,title',
      'C1,  Zoe\u0308 ,van  der\u3000Berg, Lead ',
      '\ufeffC2,Ann,Lee,Clerk',
      'C3,Ann\u0000,Lee,Clerk',
      'C4,Ann,"Lee',
      'Kim",Clerk',
      'C5,Ann,Lee,Team\tLead',
      'C6,Ann\u0085,Lee,Clerk',
      '   ,Ann,Lee,Clerk',
      'C\u200b7,Ann,Lee,Clerk',
      '',
    ].join('\n');
    const res = await importCsv('csv-text', csv, '&dryRun=true');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const view = importView.parse(res.body);
    expect(view.counts).toMatchObject({ records: 8, hire: 1, invalid: 7 });
    expect(view.errors.map((e) => [e.line, e.column, e.columnName])).toEqual([
      [3, 1, 'employeeId'],
      [4, 2, 'givenName'],
      [5, 3, 'surname'],
      [7, 4, 'title'],
      [8, 2, 'givenName'],
      [9, 1, 'employeeId'],
      [10, 1, 'employeeId'],
    ]);
    expect(view.errors.map((e) => e.message)).toEqual([
      'the employee id holds the invisible format character U+FEFF (byte-order mark) at position 1; remove it',
      'givenName holds a NUL character (U+0000) at position 4, which no field accepts',
      'surname holds the control character U+000A (line feed) at position 4; no control character is accepted here, tab and line breaks included',
      'title holds the control character U+0009 (tab) at position 5; no control character is accepted here, tab and line breaks included',
      'givenName holds the control character U+0085 at position 4; no control character is accepted here, tab and line breaks included',
      'employeeId is empty',
      'the employee id holds the invisible format character U+200B at position 2; remove it',
    ]);
    expect(view.events.map((e) => [e.line, e.employeeId, e.event?.attributes])).toEqual([[2, 'C1', { givenName: 'Zoë', surname: 'van der Berg', title: 'Lead', hireDate: arrivalDay }]]);
    const records = await stored(view.id);
    expect(records.filter((r) => r.has_event).map((r) => r.employee_id)).toEqual(['C1']);
    expect(records.filter((r) => r.status === 'invalid')).toHaveLength(7);
  });

  it('refuses a header whose column name holds a control character, storing nothing', async () => {
    const res = await importCsv('csv-text-header', 'employeeId,given\u0001Name\nH1,Ann\n');
    expect(res.status).toBe(400);
    const { error } = errorBody.parse(res.body);
    expect(error.code).toBe('invalid_csv');
    expect(error.details).toEqual([expect.objectContaining({ path: 'line 1, column 2 (given\\u0001Name)', message: "this column's name holds the control character U+0001 at position 6; no control character is accepted here, tab and line breaks included" })]);
    expect(await sys.db.query("SELECT id FROM hr_imports WHERE source = 'csv-text-header'")).toEqual([]);
  });
});

describe('a stored person that no longer passes today\'s rules', () => {
  it('shows a stored batch record whose event no longer reads with its problem, and the batch stays readable', async () => {
    const id = '5b0d5a52-1d8e-4c5e-9f0e-2f7c3c1a0b11';
    await sys.db.query("INSERT INTO hr_imports (id, source, kind, status, created_by, counts, safety) VALUES ($1, 'csv-old', 'csv', 'dry-run', 'admin', '{\"records\":1,\"hire\":1}', '{}')", [id]);
    await sys.db.query(
      "INSERT INTO hr_import_records (import_id, seq, line, employee_id, status, event_type, event) VALUES ($1, 0, 2, $2, 'pending', 'hire', $3)",
      [id, 'E\u200b1', JSON.stringify({ eventId: 'import:old', type: 'hire', employeeId: 'E\u200b1', attributes: {} })],
    );
    const res = await sys.api('GET', `/api/hr/imports/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = importView.parse(res.body);
    expect(view.events).toMatchObject([{ line: 2, event: null, note: 'event.employeeId: the stored event no longer passes the HR event rules: the employee id holds the invisible format character U+200B at position 2; remove it' }]);
  });

  it('is reported in the import with its problem, and the import goes on, readable and never held', async () => {
    // Accepted before employee ids were checked: an id that is only a byte-order mark.
    await sys.db.query("INSERT INTO people (source, employee_id, state, attributes) VALUES ('csv-legacy', $1, 'active', '{}'), ('csv-legacy', 'L1', 'active', '{\"givenName\":\"Lea\"}')", ['\ufeff']);
    const res = await importCsv('csv-legacy', 'employeeId,givenName\nL1,Lea\nL2,Noor\n');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const view = importView.parse(res.body);
    expect(view.status).not.toBe('held');
    expect(view.counts).toMatchObject({ records: 3, hire: 1, unchanged: 1, invalid: 1, terminate: 0 });
    // The driver may read the stored id back with its byte-order mark, or without it as "": either way it is refused.
    expect(view.errors.length).toBeGreaterThan(0);
    expect(view.errors.every((e) => e.path === 'event.employeeId')).toBe(true);
    expect(view.errors.map((e) => e.message)).toContain('the employee id is empty (or only spaces)');
    expect(view.events.map((e) => [e.employeeId, e.event?.type])).toEqual([['L2', 'hire']]);
    const again = await sys.api('GET', `/api/hr/imports/${view.id}`);
    expect(again.status).toBe(200);
    const records = await stored(view.id);
    expect(records.filter((r) => r.status === 'invalid').map((r) => r.has_event)).toEqual([false]);
  });
});
