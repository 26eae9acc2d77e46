/**
 * SCIM bulk inbound (Entra API-driven inbound provisioning) on real Temporal and PGlite: operations
 * become hire, update, terminate or nothing by comparison with what Tenure knows; bad operations are
 * answered by index while the others are delivered; the SCIM media type and the 50-operation limit
 * are enforced; a request that would disable too many people (with the recent window) is held for
 * an admin; the same request twice changes nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enterpriseUserUrn, readScimUser, toScimUser } from '../../server/hr/scimUser.ts';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let hrToken: string;
beforeAll(async () => {
  sys = await startTestSystem();
  expect((await sys.api('POST', '/api/users', { id: 'workday', displayName: 'Workday', roles: ['hr-source'] })).status).toBe(201);
  hrToken = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/workday/tokens', { name: 'bulk' })).body).token;
});
afterAll(async () => {
  await sys.stop();
});

const csvExtension = 'urn:ietf:params:scim:schemas:extension:csv:1.0:User';
const bulkResponse = z.object({
  importId: z.string(),
  status: z.string(),
  heldReason: z.string().optional(),
  counts: z.record(z.string(), z.number()),
  Operations: z.array(
    z.object({ bulkId: z.string().optional(), status: z.string(), employeeId: z.string().optional(), outcome: z.string(), eventId: z.string().optional(), queued: z.boolean().optional(), response: z.object({ detail: z.string() }).loose().optional() }).loose(),
  ),
  errors: z.array(z.object({ index: z.number(), bulkId: z.string().optional(), path: z.string(), message: z.string() })),
});
const importStatus = z.object({ status: z.string(), progress: z.object({ events: z.number(), delivered: z.number(), pending: z.number() }) }).loose();
const completed = (importId: string) =>
  eventually(async () => {
    const v = importStatus.parse((await sys.api('GET', `/api/hr/imports/${importId}`)).body);
    return v.status === 'completed' ? v : undefined;
  }, `import ${importId} to complete`);
const personView = z.object({ state: z.string().optional(), attributes: z.record(z.string(), z.unknown()), timeline: z.array(z.object({ kind: z.string(), message: z.string() }).loose()) });

function user(employeeId: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterpriseUserUrn],
    externalId: employeeId,
    userName: `${employeeId.toLowerCase()}@contoso.example`,
    name: { givenName: 'Given', familyName: employeeId },
    active: true,
    ...extra,
  };
}
const op = (bulkId: string, data: unknown) => ({ method: 'POST', bulkId, path: '/Users', data });
const bulkBody = (operations: unknown[], more: Record<string, unknown> = {}) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: operations, ...more });

async function bulk(operations: unknown[], query = '', options: { token?: string; contentType?: string; more?: Record<string, unknown> } = {}) {
  const res = await sys.app.inject({
    method: 'POST',
    url: `/api/inbound/scim/bulkUpload${query}`,
    headers: { authorization: `Bearer ${options.token ?? hrToken}`, 'content-type': options.contentType ?? 'application/scim+json' },
    payload: JSON.stringify(bulkBody(operations, options.more)),
  });
  return { status: res.statusCode, body: res.json<unknown>(), headers: res.headers };
}

const person = (source: string, employeeId: string, ok: (p: z.infer<typeof personView>) => boolean, what: string) =>
  eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}?source=${source}`);
    if (res.status !== 200) return undefined;
    const p = personView.parse(res.body);
    return ok(p) ? p : undefined;
  }, what);

const projected = (source: string, count: number) =>
  eventually(async () => {
    const rows = await sys.db.query<{ employee_id: string; state: string | null }>('SELECT employee_id, state FROM people WHERE source = $1', [source]);
    return rows.length >= count ? rows : undefined;
  }, `${count} people of ${source} in the people projection`);

describe('SCIM bulk inbound', () => {
  it('hires a new person with the SCIM attributes under Tenure names', async () => {
    const data = user('S100', {
      displayName: 'Barbara Jensen',
      title: 'Tour Guide',
      userType: 'Employee',
      emails: [{ type: 'work', value: 'bjensen@contoso.example', primary: true }],
      phoneNumbers: [{ type: 'work', value: '555-555-5555' }, { type: 'mobile', value: '555-555-4444' }],
      addresses: [{ type: 'work', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA' }],
      [enterpriseUserUrn]: { employeeNumber: '701984', department: 'Tour Operations', costCenter: '4130', organization: 'Universal Studios', division: 'Theme Park', manager: { value: 'S099', displayName: 'John Smith' } },
      [csvExtension]: { HireDate: '2020-01-15', JobCode: 'TG-1' },
    });
    const res = await bulk([op('b1', data)]);
    expect(res.status).toBe(202);
    const body = bulkResponse.parse(res.body);
    expect(body).toMatchObject({ Operations: [{ bulkId: 'b1', status: '202', employeeId: 'S100', outcome: 'hire', queued: true }], errors: [] });
    expect(res.headers.location).toBe(`/api/hr/imports/${body.importId}`);
    expect((await completed(body.importId)).progress).toEqual({ events: 1, delivered: 1, pending: 0 });

    const hired = await person('workday', 'S100', (p) => p.state === 'active', 'S100 to be hired');
    expect(hired.attributes).toEqual({
      userName: 's100@contoso.example',
      givenName: 'Given',
      surname: 'S100',
      displayName: 'Barbara Jensen',
      title: 'Tour Guide',
      employeeType: 'Employee',
      email: 'bjensen@contoso.example',
      phone: '555-555-5555',
      mobile: '555-555-4444',
      location: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      employeeNumber: '701984',
      department: 'Tour Operations',
      managerId: 'S099',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      hireDate: '2020-01-15',
      JobCode: 'TG-1',
    });
  });

  it('derives no event for an unchanged worker, and an update for a changed one', async () => {
    await bulk([op('u0', user('S200', { title: 'Analyst' }))]);
    await projected('workday', 2);
    const same = bulkResponse.parse((await bulk([op('u1', user('S200', { title: 'Analyst' }))])).body);
    expect(same.Operations).toMatchObject([{ status: '200', outcome: 'unchanged' }]);
    expect(same.Operations[0]?.eventId).toBeUndefined();

    const moved = bulkResponse.parse((await bulk([op('u2', user('S200', { title: 'Lead Analyst' }))])).body);
    expect(moved.Operations).toMatchObject([{ status: '202', outcome: 'update', note: 'update: title' }]);
    const p = await person('workday', 'S200', (x) => x.attributes.title === 'Lead Analyst', 'the update to apply');
    expect(p.timeline.filter((t) => t.kind === 'event').map((t) => t.message)).toEqual(['hire: givenName, hireDate, surname, title, userName changed', 'update: title changed']);
  });

  it('produces one set of changes when the same request is posted twice', async () => {
    const request = [op('d1', user('S300', { title: 'Engineer' }))];
    const first = bulkResponse.parse((await bulk(request)).body);
    const second = bulkResponse.parse((await bulk(request)).body);
    // Posted before the first was applied, the second derives the same event with the same id; after, nothing.
    expect(first.Operations[0]?.outcome).toBe('hire');
    expect([first.Operations[0]?.eventId, undefined]).toContain(second.Operations[0]?.eventId);
    const p = await person('workday', 'S300', (x) => x.state === 'active', 'S300 to be hired');
    expect(p.timeline.filter((t) => t.kind === 'event')).toHaveLength(1);
  });

  it('terminates a person the bulk marks inactive', async () => {
    const ids = ['T1', 'T2', 'T3', 'T4', 'T5'];
    expect((await bulk(ids.map((id) => op(id, user(id))), '?source=scim-term', { token: adminToken })).status).toBe(202);
    await projected('scim-term', 5);
    const res = await bulk([op('t', user('T3', { active: false }))], '?source=scim-term', { token: adminToken });
    expect(bulkResponse.parse(res.body).Operations).toMatchObject([{ employeeId: 'T3', outcome: 'terminate', queued: true }]);
    const gone = await person('scim-term', 'T3', (p) => p.state === 'terminated', 'T3 to be terminated');
    expect(gone.timeline.filter((t) => t.kind === 'event').map((t) => t.message)).toEqual(['hire: givenName, hireDate, surname, userName changed', 'terminate']);
  });

  it('answers a bad operation by its index and delivers the others', async () => {
    const res = await bulk([
      op('ok-1', user('B1')),
      op('bad-date', user('B2', { [csvExtension]: { HireDate: '2026-02-30' } })),
      op('bad-type', user('B3', { displayName: 42, active: 'yes' })),
      op('no-id', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x@contoso.example' }),
      { method: 'DELETE', bulkId: 'del', path: '/Users/B1' },
      op('ok-2', user('B4')),
    ]);
    expect(res.status).toBe(202);
    const body = bulkResponse.parse(res.body);
    expect(body.Operations.map((o) => [o.bulkId, o.status, o.outcome])).toEqual([
      ['ok-1', '202', 'hire'],
      ['bad-date', '400', 'invalid'],
      ['bad-type', '400', 'invalid'],
      ['no-id', '400', 'invalid'],
      ['del', '400', 'invalid'],
      ['ok-2', '202', 'hire'],
    ]);
    expect(body.errors).toEqual([
      { index: 1, bulkId: 'bad-date', path: `Operations[1].data.${csvExtension}.HireDate`, message: 'hireDate must be a date (YYYY-MM-DD or an ISO timestamp), not "2026-02-30"' },
      { index: 2, bulkId: 'bad-type', path: 'Operations[2].data.displayName', message: 'Invalid input: expected string, received number' },
      { index: 2, bulkId: 'bad-type', path: 'Operations[2].data.active', message: 'Invalid input: expected boolean, received string' },
      { index: 3, bulkId: 'no-id', path: 'Operations[3].data.externalId', message: 'externalId is required: Tenure matches people on it (choose another attribute with ?employeeIdFrom=externalId|userName|employeeNumber)' },
      { index: 4, bulkId: 'del', path: 'Operations[4].method', message: 'method must be "POST" (API-driven inbound provisioning decides create, update or disable itself)' },
      { index: 4, bulkId: 'del', path: 'Operations[4].path', message: 'path must be "/Users"' },
      { index: 4, bulkId: 'del', path: 'Operations[4].data', message: 'data must be the SCIM User the operation states' },
    ]);
    expect(body.Operations[1]?.response?.detail).toContain('hireDate must be a date');
    await person('workday', 'B1', (p) => p.state === 'active', 'B1 to be hired');
    await person('workday', 'B4', (p) => p.state === 'active', 'B4 to be hired');
    expect((await sys.api('GET', '/api/people/B2?source=workday')).status).toBe(404);
  });

  it('refuses the whole request when every operation is bad, or failOnErrors is reached', async () => {
    const allBad = await bulk([op('x', user('C1', { active: 'false' }))]);
    expect(allBad.status).toBe(400);
    expect(errorBody.parse(allBad.body).error.details).toEqual([{ path: 'Operations[0].data.active', message: 'Invalid input: expected boolean, received string', index: 0, bulkId: 'x' }]);
    const strict = await bulk([op('a', user('C2')), op('b', user('C3', { title: ['not', 'a', 'string'] }))], '', { more: { failOnErrors: 1 } });
    expect(strict.status).toBe(400);
    expect(errorBody.parse(strict.body).error.message).toBe('1 of 2 operations are invalid, failOnErrors is 1: nothing was accepted');
    expect((await sys.api('GET', '/api/people/C2?source=workday')).status).toBe(404);
  });

  it('refuses more than 50 operations with 413 and the count', async () => {
    const res = await bulk(Array.from({ length: 51 }, (_, i) => op(`o${i}`, user(`M${i}`))));
    expect(res.status).toBe(413);
    expect(errorBody.parse(res.body).error).toMatchObject({ code: 'payload_too_large', message: 'the bulk request has 51 operations; send at most 50 per request (split it into 2 requests)' });
  });

  it('refuses a request without the SCIM content type with 415, and a body that is not a BulkRequest with 400', async () => {
    const json = await bulk([op('a', user('J1'))], '', { contentType: 'application/json' });
    expect(json.status).toBe(415);
    expect(errorBody.parse(json.body).error.message).toBe('send the bulk request as Content-Type: application/scim+json (SCIM 2.0), not application/json');
    const noSchema = await sys.app.inject({ method: 'POST', url: '/api/inbound/scim/bulkUpload', headers: { authorization: `Bearer ${hrToken}`, 'content-type': 'application/scim+json; charset=utf-8' }, payload: JSON.stringify({ schemas: [], Operations: [] }) });
    expect(noSchema.statusCode).toBe(400);
    expect(errorBody.parse(noSchema.json()).error.details?.map((d) => d.path)).toEqual(['body.schemas', 'body.Operations']);
    const broken = await sys.app.inject({ method: 'POST', url: '/api/inbound/scim/bulkUpload', headers: { authorization: `Bearer ${hrToken}`, 'content-type': 'application/scim+json' }, payload: '{"schemas": [' });
    expect(broken.statusCode).toBe(400);
  });

  it('holds a request that would disable too many people with the recent window, and delivers it once after approval', async () => {
    const ids = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9', 'W10'];
    await bulk(ids.map((id) => op(id, user(id))), '?source=scim-window', { token: adminToken });
    await projected('scim-window', 10);
    // Admins may tighten the limits for a request: at most 1 disable per hour here.
    const first = bulkResponse.parse((await sys.api('POST', '/api/inbound/scim/bulkUpload?source=scim-window&maxDisables=1', bulkBody([op('w1', user('W1', { active: false }))]), { 'content-type': 'application/scim+json' })).body);
    expect(first).toMatchObject({ Operations: [{ outcome: 'terminate', queued: true }] });
    await completed(first.importId);
    const second = bulkResponse.parse((await sys.api('POST', '/api/inbound/scim/bulkUpload?source=scim-window&maxDisables=1', bulkBody([op('w2', user('W2', { active: false }))]), { 'content-type': 'application/scim+json' })).body);
    expect(second).toMatchObject({ status: 'held', heldReason: 'this would disable 2 people (1 here and 1 in the last 60 minutes), more than the limit of 1; an admin must approve it', Operations: [{ outcome: 'terminate', queued: false }] });

    const notAdmin = await sys.app.inject({ method: 'POST', url: `/api/hr/imports/${second.importId}/approve`, headers: { authorization: `Bearer ${hrToken}` } });
    expect(notAdmin.statusCode).toBe(403);
    expect((await person('scim-window', 'W2', () => true, 'W2')).state).toBe('active');
    expect((await sys.api('POST', `/api/hr/imports/${second.importId}/approve`)).status).toBe(202);
    expect((await sys.api('POST', `/api/hr/imports/${second.importId}/approve`)).status).toBe(200);
    const gone = await person('scim-window', 'W2', (p) => p.state === 'terminated', 'W2 to be terminated after approval');
    expect(gone.timeline.filter((t) => t.kind === 'event' || t.kind === 'duplicate').map((t) => t.message)).toEqual(['hire: givenName, hireDate, surname, userName changed', 'terminate']);
  });

  it('lets only admins override the limits, and only HR sources and admins post', async () => {
    const override = await bulk([op('a', user('R1'))], '?maxDisables=1000');
    expect(override.status).toBe(403);
    await sys.api('POST', '/api/users', { id: 'ops', displayName: 'Ops', roles: ['operator'] });
    const opsToken = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/ops/tokens', { name: 'x' })).body).token;
    expect((await bulk([op('a', user('R1'))], '', { token: opsToken })).status).toBe(403);
    expect((await bulk([op('a', user('R1'))], '?source=other', { token: hrToken })).status).toBe(403);
  });

  it('matches on another attribute when asked', async () => {
    const res = await bulk([op('n', user('ignored', { [enterpriseUserUrn]: { employeeNumber: 'N-77' } }))], '?employeeIdFrom=employeeNumber');
    expect(bulkResponse.parse(res.body).Operations).toMatchObject([{ employeeId: 'N-77', outcome: 'hire' }]);
  });
});

describe('the SCIM attribute mapping', () => {
  it('reads back what it writes, through the one declaration', () => {
    const attributes = { givenName: 'Ana', surname: 'Lima', email: 'ana@contoso.example', phone: '+1 555', location: 'Lisbon', department: 'Sales', managerId: 'E9', costCenter: '4130', hireDate: '2026-03-01', lastDay: null, badge: 'B-7' };
    const scim = toScimUser('E1', attributes, { active: true });
    expect(scim).toMatchObject({ externalId: 'E1', active: true, name: { givenName: 'Ana', familyName: 'Lima' }, [enterpriseUserUrn]: { department: 'Sales', manager: { value: 'E9' } } });
    const read = readScimUser(scim, 'externalId', ['data']);
    expect(read).toEqual({ ok: true, worker: { employeeId: 'E1', active: true, attributes } });
  });
});
