/**
 * CSV snapshot imports on real Temporal and PGlite: a dry run shows the events without delivering
 * them; an import hires, updates and terminates by comparison with what Tenure knows, with progress
 * readable; the same snapshot twice changes nothing the second time; an import that would disable
 * 30% of active people is held until an admin approves (once, however often approve is called) or
 * rejects it; broken files, and files that are not UTF-8, are refused with line and column, bad
 * lines left out while the rest goes
 * on; an event delivered again (a crash between its delivery and its mark) is dropped as a repeat.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createImportStore } from '../../server/db/imports.ts';
import { deliverHrEvent } from '../../server/hr/deliver.ts';
import { defaultSafetyLimits } from '../../server/hr/safety.ts';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let hrToken: string;
beforeAll(async () => {
  sys = await startTestSystem();
  expect((await sys.api('POST', '/api/users', { id: 'bamboo', displayName: 'BambooHR', roles: ['hr-source'] })).status).toBe(201);
  hrToken = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/bamboo/tokens', { name: 'csv' })).body).token;
  // The sources an admin names below: an import may only be filed under a configured HR source.
  for (const id of ['csv-same', 'csv-hold', 'csv-bad', 'csv-latin1', 'csv-partial']) {
    expect((await sys.api('POST', '/api/users', { id, displayName: id, roles: ['hr-source'] })).status).toBe(201);
  }
});
afterAll(async () => {
  await sys.stop();
});

const importView = z.object({
  id: z.string(),
  source: z.string(),
  status: z.string(),
  dryRun: z.boolean(),
  counts: z.record(z.string(), z.number()),
  safety: z.object({ hold: z.boolean(), disables: z.number(), knownActive: z.number(), share: z.number(), reason: z.string().optional() }).loose(),
  heldReason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  progress: z.object({ events: z.number(), delivered: z.number(), pending: z.number() }),
  errors: z.array(z.object({ path: z.string(), message: z.string(), line: z.number().optional(), column: z.number().optional(), columnName: z.string().optional() })),
  events: z.array(z.object({ line: z.number().nullable(), employeeId: z.string().nullable(), status: z.string(), event: z.object({ eventId: z.string(), type: z.string(), attributes: z.record(z.string(), z.unknown()) }).nullable() }).loose()),
});
type ImportView = z.infer<typeof importView>;
const personView = z.object({ state: z.string().optional(), attributes: z.record(z.string(), z.unknown()), timeline: z.array(z.object({ kind: z.string(), message: z.string() }).loose()) });

async function importCsv(csv: string | Buffer, query = '', token = adminToken, contentType = 'text/csv') {
  const res = await sys.app.inject({ method: 'POST', url: `/api/hr/imports${query}`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: csv });
  return { status: res.statusCode, body: res.json<unknown>() };
}
const accepted = async (csv: string, query = '', token = adminToken): Promise<ImportView> => {
  const res = await importCsv(csv, query, token);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return importView.parse(res.body);
};
const finished = (id: string) =>
  eventually(async () => {
    const v = importView.parse((await sys.api('GET', `/api/hr/imports/${id}`)).body);
    return v.status === 'completed' ? v : undefined;
  }, `import ${id} to complete`);
const person = (source: string, employeeId: string, ok: (p: z.infer<typeof personView>) => boolean, what: string) =>
  eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}?source=${source}`);
    if (res.status !== 200) return undefined;
    const p = personView.parse(res.body);
    return ok(p) ? p : undefined;
  }, what);
const projected = (source: string, ok: (rows: { employee_id: string; state: string | null }[]) => boolean, what: string) =>
  eventually(async () => {
    const rows = await sys.db.query<{ employee_id: string; state: string | null }>('SELECT employee_id, state FROM people WHERE source = $1 ORDER BY employee_id', [source]);
    return ok(rows) ? rows : undefined;
  }, what);

const header = 'employeeId,givenName,surname,department,hireDate';
const workers = (ids: readonly number[]) => [header, ...ids.map((i) => `P${i},Given${i},Family${i},Dept${i % 3},2024-01-${String((i % 28) + 1).padStart(2, '0')}`)].join('\n');
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('CSV snapshot imports', () => {
  it('shows the events a dry run would produce without delivering them', async () => {
    const csv = ['employeeId,givenName,surname,department,hireDate,active', 'D1,Ana,Lima,Sales,2024-01-15,true', 'D2,"Ng, Jr.",Bo,Engineering,2024-02-01,', 'D3,Cleo,"Multi', 'Line",Sales,2024-03-01,yes', 'D4,Dan,Roe,Sales,2024-03-01,yes', ''].join('\n');
    const dry = await accepted(csv, '?dryRun=true', hrToken);
    expect(dry).toMatchObject({ source: 'bamboo', status: 'dry-run', dryRun: true, counts: { records: 4, hire: 3, invalid: 1 } });
    // A quoted field may span lines, but an HR value is one line: D3 is left out, and D4 keeps its line number.
    expect(dry.errors).toMatchObject([{ line: 4, column: 3, columnName: 'surname', message: 'surname holds the control character U+000A (line feed) at position 6; no control character is accepted here, tab and line breaks included' }]);
    expect(dry.events.map((e) => [e.line, e.employeeId, e.status, e.event?.type])).toEqual([
      [2, 'D1', 'pending', 'hire'],
      [3, 'D2', 'pending', 'hire'],
      [6, 'D4', 'pending', 'hire'],
    ]);
    expect(dry.events[1]?.event?.attributes).toEqual({ givenName: 'Ng, Jr.', surname: 'Bo', department: 'Engineering', hireDate: '2024-02-01' });

    const again = importView.parse((await sys.app.inject({ method: 'GET', url: `/api/hr/imports/${dry.id}`, headers: { authorization: `Bearer ${hrToken}` } })).json());
    expect(again.events).toEqual(dry.events);
    expect((await sys.api('GET', '/api/people/D1?source=bamboo')).status).toBe(404);
    const approve = await sys.api('POST', `/api/hr/imports/${dry.id}/approve`);
    expect(approve.status).toBe(409);
    expect(errorBody.parse(approve.body).error.message).toBe(`HR import ${dry.id} is a dry run; post it again without dryRun to apply it`);
  });

  it('imports a snapshot with progress, and the same snapshot again produces no new changes', async () => {
    const csv = workers(range(10));
    const first = await accepted(csv, '?source=csv-same');
    expect(first.counts).toMatchObject({ records: 10, hire: 10 });
    expect(['running', 'completed']).toContain(first.status);
    expect(first.progress.events).toBe(10);
    const done = await finished(first.id);
    expect(done.progress).toEqual({ events: 10, delivered: 10, pending: 0 });
    await projected('csv-same', (rows) => rows.length === 10 && rows.every((r) => r.state === 'active'), 'ten hires in the projection');

    const second = await accepted(csv, '?source=csv-same');
    expect(second.counts).toMatchObject({ records: 10, hire: 0, update: 0, terminate: 0, unchanged: 10 });
    expect(second.events).toEqual([]);
    await finished(second.id);
    const p = await person('csv-same', 'P4', (x) => x.state === 'active', 'P4');
    expect(p.timeline.filter((t) => t.kind === 'event' || t.kind === 'duplicate').map((t) => t.message)).toEqual(['hire: department, givenName, hireDate, surname changed']);
  });

  it('holds an import that would disable 30% of active people until an admin approves it, once', async () => {
    await finished((await accepted(workers(range(10)), '?source=csv-hold')).id);
    await projected('csv-hold', (rows) => rows.length === 10, 'ten people in the projection');

    const held = await accepted(workers(range(7)), '?source=csv-hold');
    expect(held).toMatchObject({
      status: 'held',
      counts: { records: 10, terminate: 3, unchanged: 7 },
      heldReason: 'this would disable 3 of 10 active people (30%), more than the limit of 20%; an admin must approve it',
      safety: { hold: true, disables: 3, knownActive: 10, share: 0.3, limits: defaultSafetyLimits },
    });
    expect(held.events.map((e) => [e.employeeId, e.event?.type, e.line])).toEqual([
      ['P10', 'terminate', null],
      ['P8', 'terminate', null],
      ['P9', 'terminate', null],
    ]);
    expect((await person('csv-hold', 'P8', () => true, 'P8')).state).toBe('active');

    const notAdmin = await sys.app.inject({ method: 'POST', url: `/api/hr/imports/${held.id}/approve`, headers: { authorization: `Bearer ${hrToken}` } });
    expect(notAdmin.statusCode).toBe(403);
    const approvals = await Promise.all([sys.api('POST', `/api/hr/imports/${held.id}/approve`), sys.api('POST', `/api/hr/imports/${held.id}/approve`)]);
    expect(approvals.map((a) => a.status).sort()).toEqual([200, 202]);
    expect((await sys.api('POST', `/api/hr/imports/${held.id}/approve`)).status).toBe(200);

    const done = await finished(held.id);
    expect(done).toMatchObject({ approvedBy: 'admin', progress: { events: 3, delivered: 3, pending: 0 } });
    for (const id of ['P8', 'P9', 'P10']) {
      const gone = await person('csv-hold', id, (p) => p.state === 'terminated', `${id} to be terminated`);
      expect(gone.timeline.filter((t) => t.kind === 'event' || t.kind === 'duplicate').map((t) => t.message)).toEqual(['hire: department, givenName, hireDate, surname changed', 'terminate']);
    }
    const audit = await sys.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'hr-import.approve' AND target_id = $1", [held.id]);
    expect(audit).toEqual([{ actor: 'admin' }]);

    // Approved disables do not count against the next batch; dropping 3 of the 7 left does (43%).
    await projected('csv-hold', (rows) => rows.filter((r) => r.state === 'terminated').length === 3, 'the terminations in the projection');
    const next = await accepted(workers(range(4)), '?source=csv-hold');
    expect(next).toMatchObject({ status: 'held', safety: { disables: 3, recentDisables: 0, knownActive: 7 } });
    expect((await sys.api('POST', `/api/hr/imports/${next.id}/reject`)).status).toBe(200);
    expect((await sys.api('POST', `/api/hr/imports/${next.id}/approve`)).status).toBe(409);
    expect((await person('csv-hold', 'P5', () => true, 'P5')).state).toBe('active');
  });

  it('refuses a CSV with a missing column or broken quoting, saying which line and column', async () => {
    const noId = await importCsv('givenName,surname\nAna,Lima\n', '?source=csv-bad');
    expect(noId.status).toBe(400);
    expect(errorBody.parse(noId.body).error).toMatchObject({
      code: 'invalid_csv',
      details: [{ path: 'line 1', line: 1, message: "the header has no employeeId column (it has: givenName, surname); every line must name the worker's employeeId" }],
    });

    const short = await importCsv('employeeId,givenName,department\nE1,Ana,Sales\nE2,Bo\nE3,Cy,Ops,extra\n', '?source=csv-bad');
    expect(short.status).toBe(400);
    expect(errorBody.parse(short.body).error.details).toEqual([
      { path: 'line 3, column 3 (department)', line: 3, column: 3, columnName: 'department', message: 'this line has 2 fields but the header has 3: department is missing (a lost delimiter?)' },
      { path: 'line 4, column 4', line: 4, column: 4, message: 'this line has 4 fields but the header has 3: an extra delimiter, or a field with a comma that is not quoted?' },
    ]);

    const open = await importCsv('employeeId,givenName\nE1,Ana\n\nE2,"Bo\nE3,Cy\n', '?source=csv-bad');
    expect(open.status).toBe(400);
    expect(errorBody.parse(open.body).error.details).toEqual([
      { path: 'line 4, column 2 (givenName)', line: 4, column: 2, columnName: 'givenName', message: 'a quoted field is opened here and never closed; close the quote or double any quote inside it ("")' },
    ]);
    const stray = await importCsv('employeeId,givenName\nE1,An"a\n', '?source=csv-bad');
    expect(errorBody.parse(stray.body).error.details).toMatchObject([{ line: 2, column: 2, columnName: 'givenName' }]);

    const json = await importCsv('{"employeeId":"E1"}', '?source=csv-bad', adminToken, 'application/json');
    expect(json.status).toBe(415);
    const list = z.object({ imports: z.array(z.unknown()) }).parse((await sys.api('GET', '/api/hr/imports?source=csv-bad')).body);
    expect(list.imports).toEqual([]);
  });

  it('refuses a CSV that is not UTF-8 whole, naming the line and column of its first bad byte, and imports nothing', async () => {
    const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
    const because = 'holds bytes that are not UTF-8 (a file saved as Windows-1252 or Latin-1?); save the CSV as UTF-8 and import it again';
    const refused = async (csv: Buffer) => {
      const res = await importCsv(csv, '?source=csv-latin1');
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return errorBody.parse(res.body).error;
    };

    // Renée saved as Latin-1 (é is the one byte E9) on line 3; line 2 is good UTF-8, and is not imported either.
    const latin1 = await refused(bytes('employeeId,givenName,surname\nL1,Zoë,Ng\nL2,Ren', [0xe9], 'e,Descartes\n'));
    expect(latin1).toEqual({
      code: 'invalid_csv',
      message: 'the CSV is not UTF-8 at line 3, column 2 (givenName), so nothing of it was imported; save it as UTF-8 and import it again',
      details: [{ path: 'line 3, column 2 (givenName)', line: 3, column: 2, columnName: 'givenName', message: `this field ${because}` }],
    });
    // A character cut short (the first byte of é, then a quote) inside a quoted field's second line: the line of the byte.
    const cut = await refused(bytes('employeeId,title,surname\nL3,"Head of\nCaf', [0xc3], '",Ng\n'));
    expect(cut.details).toEqual([{ path: 'line 3, column 2 (title)', line: 3, column: 2, columnName: 'title', message: `this field ${because}` }]);
    // After a byte-order mark, in the header: the column has no name to give.
    const header = await refused(bytes([0xef, 0xbb, 0xbf], 'employeeId,given', [0xff], 'Name\nL4,Ann\n'));
    expect(header.details).toEqual([{ path: 'line 1, column 2', line: 1, column: 2, message: `this field ${because}` }]);
    // Where a broken quote comes first, the fields cannot be told apart: the line alone is named.
    const unsplit = await refused(bytes('employeeId,givenName\nL5,An"n\nL6,Ren', [0xe9], 'e\n'));
    expect(unsplit.details).toEqual([{ path: 'line 3', line: 3, message: `this line ${because}` }]);

    const list = z.object({ imports: z.array(z.unknown()) }).parse((await sys.api('GET', '/api/hr/imports?source=csv-latin1')).body);
    expect(list.imports).toEqual([]);
    expect(await sys.db.query("SELECT employee_id FROM people WHERE source = 'csv-latin1'")).toEqual([]);
  });

  it('leaves out a line with a bad value, with its line and column, and imports the others', async () => {
    await finished((await accepted('employeeId,givenName,hireDate,title\nE1,Ana,2024-01-01,Rep\nE2,Bo,2024-01-01,Rep\nE3,Cy,2024-01-01,Rep\n', '?source=csv-partial')).id);
    await projected('csv-partial', (rows) => rows.length === 3, 'three hires');

    const partial = await accepted('employeeId,givenName,hireDate,title,active\nE1,Ana,2024-01-01,Rep,\nE2,Bo,2024-13-01,Rep,\nE3,Cy,2024-01-01,Lead,\nE4,Di,2024-01-01,Rep,maybe\n', '?source=csv-partial');
    expect(partial.counts).toMatchObject({ records: 4, unchanged: 1, update: 1, invalid: 2, terminate: 0 });
    expect(partial.errors).toEqual([
      { path: 'line 3, column 3 (hireDate)', line: 3, column: 3, columnName: 'hireDate', message: 'hireDate must be a date (YYYY-MM-DD or an ISO timestamp), not "2024-13-01"' },
      { path: 'line 5, column 5 (active)', line: 5, column: 5, columnName: 'active', message: 'active must be true or false (also yes/no, 1/0, active/inactive), not "maybe"' },
    ]);
    expect(partial.events.map((e) => [e.line, e.employeeId, e.event?.type, e.event?.attributes])).toEqual([[4, 'E3', 'update', { title: 'Lead' }]]);
    await finished(partial.id);
    await person('csv-partial', 'E3', (p) => p.attributes.title === 'Lead', 'E3 to be updated');
    expect((await person('csv-partial', 'E2', () => true, 'E2')).state).toBe('active');
  });

  it('completes a batch whose first event was delivered but not marked before a crash, applying nothing twice', async () => {
    const imports = createImportStore(sys.db);
    const id = randomUUID();
    const hire = (employeeId: string) => ({ eventId: `import:resume-${employeeId}`, type: 'hire' as const, employeeId, attributes: { givenName: employeeId } });
    const [r1Hire, r2Hire] = [hire('R1'), hire('R2')];
    const events = [r1Hire, r2Hire];
    // R1 reached its workflow once already, as when a server dies between a delivery and its mark.
    await deliverHrEvent(sys.client, sys.taskQueue, { ...r1Hire, source: 'csv-resume', receivedAt: new Date().toISOString() }, 'csv');
    await person('csv-resume', 'R1', (p) => p.state === 'active', 'R1 to be hired');
    await imports.create({
      id,
      source: 'csv-resume',
      kind: 'csv',
      status: 'running',
      createdBy: 'admin',
      receivedAt: new Date(),
      counts: { records: 2, hire: 2 },
      safety: { disables: 0, recentDisables: 0, knownActive: 0, limits: defaultSafetyLimits, share: 0, hold: false },
      records: events.map((event, seq) => ({ seq, line: seq + 2, employeeId: event.employeeId, status: 'pending' as const, event, errors: [] })),
    });

    expect((await finished(id)).progress).toEqual({ events: 2, delivered: 2, pending: 0 });
    await person('csv-resume', 'R2', (p) => p.state === 'active', 'R2 to be hired');
    const r1 = await person('csv-resume', 'R1', (p) => p.timeline.some((t) => t.kind === 'duplicate'), 'the repeated R1 event to be dropped');
    expect(r1.timeline.filter((t) => t.kind === 'event')).toHaveLength(1);
  });
});
