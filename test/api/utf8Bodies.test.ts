/**
 * JSON bodies must be UTF-8, over a real socket: bytes that are not (a client sending Windows-1252 or
 * Latin-1) are refused with 400 naming the byte offset of the first bad sequence, on HR events, SCIM
 * bulk and admin routes alike, and nothing is stored (no U+FFFD in anyone's name); UTF-8 names in
 * any script, and a leading byte-order mark, are accepted and stored exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstInvalidUtf8 } from '../../server/http/jsonBody.ts';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { adminToken, startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let base: string;
beforeAll(async () => {
  sys = await startTestSystem();
  base = await sys.app.listen({ host: '127.0.0.1', port: 0 });
}, 240_000);
afterAll(async () => {
  await sys.stop();
});

/** The bytes of `before`, then `raw` unchanged, then the bytes of `after`: a body as a non-UTF-8 client writes it. */
const bytes = (before: string, raw: number[] = [], after = '') => new Uint8Array(Buffer.concat([Buffer.from(before), Buffer.from(raw), Buffer.from(after)]));

async function post(path: string, body: Uint8Array<ArrayBuffer>, contentType = 'application/json') {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The 400 a body that is not UTF-8 gets, with the offset it names. */
function expectNotUtf8(res: { status: number; body: unknown }, offset: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const { error } = errorBody.parse(res.body);
  expect(error.code).toBe('invalid_json');
  expect(error.message).toMatch(new RegExp(`^the request body is not UTF-8: the byte at offset ${offset} `));
  expect(error.details).toEqual([{ path: 'body', message: `the byte at offset ${offset} starts a sequence that is not UTF-8` }]);
}

const outboxRows = async (employeeId: string) => (await sys.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_outbox WHERE employee_id = $1', [employeeId]))[0]?.n;
const userIds = async () => z.object({ users: z.array(z.object({ id: z.string(), displayName: z.string() }).loose()) }).parse((await sys.api('GET', '/api/users')).body).users;
const personView = z.object({ attributes: z.record(z.string(), z.unknown()) }).loose();
const person = (employeeId: string, source: string, ok: (p: z.infer<typeof personView>) => boolean) =>
  eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}?source=${source}`);
    if (res.status !== 200) return undefined;
    const p = personView.parse(res.body);
    return ok(p) ? p : undefined;
  }, `${employeeId} to be known with their attributes`);

const scimBulk = (employeeId: string, givenName: string) =>
  `{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","bulkId":"b1","path":"/Users","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"${employeeId}","userName":"${employeeId.toLowerCase()}@contoso.example","name":{"givenName":"${givenName}`;
const scimBulkEnd = '","familyName":"Test"},"active":true}}]}';

describe('a JSON body that is not UTF-8', () => {
  it('refuses an HR event with a Latin-1 byte in a name, naming its offset, and stores nothing', async () => {
    const before = '{"eventId":"utf8-1","type":"hire","employeeId":"E7001","attributes":{"givenName":"A';
    const res = await post('/api/hr/events', bytes(before, [0xff], 'nn"}}'));
    expectNotUtf8(res, Buffer.byteLength(before));
    expect(await outboxRows('E7001')).toBe(0);
    expect((await sys.api('GET', '/api/people/E7001?source=hr')).status).toBe(404);
  });

  it('refuses a SCIM bulk request (application/scim+json) with a Windows-1252 é, naming its offset, and stores nothing', async () => {
    const before = scimBulk('U7002', 'Ren');
    const res = await post('/api/inbound/scim/bulkUpload', bytes(before, [0xe9], scimBulkEnd), 'application/scim+json');
    expectNotUtf8(res, Buffer.byteLength(before));
    expect(await outboxRows('U7002')).toBe(0);
    expect((await sys.api('GET', '/api/people/U7002?source=hr')).status).toBe(404);
  });

  it('refuses a SCIM bulk request sent as application/json (the route takes only application/scim+json) and stores nothing', async () => {
    const res = await post('/api/inbound/scim/bulkUpload', bytes(scimBulk('U7003', 'Ren'), [0xe9], scimBulkEnd), 'application/json');
    expect(res.status, JSON.stringify(res.body)).toBe(415);
    expect(await outboxRows('U7003')).toBe(0);
  });

  it('refuses a user whose display name ends in a cut-off character (the first two bytes of 伟), naming where it starts', async () => {
    const before = '{"id":"utf8-cut","displayName":"张';
    const res = await post('/api/users', bytes(before, [0xe4, 0xbc], '"}'));
    expectNotUtf8(res, Buffer.byteLength(before));
    expect((await userIds()).map((u) => u.id)).not.toContain('utf8-cut');
  });

  it('refuses an encoded surrogate (CESU-8), which is not UTF-8 either', async () => {
    const before = '{"id":"utf8-cesu","displayName":"x';
    const res = await post('/api/users', bytes(before, [0xed, 0xa0, 0x80], '"}'));
    expectNotUtf8(res, Buffer.byteLength(before));
    expect((await userIds()).map((u) => u.id)).not.toContain('utf8-cesu');
  });
});

describe('a JSON body in UTF-8', () => {
  it('accepts an HR event with a Chinese name and the person holds it exactly', async () => {
    const res = await post('/api/hr/events', bytes('{"eventId":"utf8-ok-1","type":"hire","employeeId":"E7101","attributes":{"givenName":"张伟","surname":"Παπαδοπούλου"}}'));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const p = await person('E7101', 'hr', (v) => v.attributes.givenName !== undefined);
    expect(p.attributes).toMatchObject({ givenName: '张伟', surname: 'Παπαδοπούλου' });
  });

  it('accepts a SCIM bulk request with a Greek name and the person holds it exactly', async () => {
    const res = await post('/api/inbound/scim/bulkUpload', bytes(scimBulk('U7102', 'Ελένη') + scimBulkEnd), 'application/scim+json');
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const p = await person('U7102', 'hr', (v) => v.attributes.givenName !== undefined);
    expect(p.attributes).toMatchObject({ givenName: 'Ελένη', surname: 'Test' });
  });

  it('accepts a user with a byte-order mark before the JSON and stores the name exactly', async () => {
    const res = await post('/api/users', bytes('\uFEFF{"id":"utf8-bom","displayName":"Ελένη 张伟"}'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await userIds()).find((u) => u.id === 'utf8-bom')?.displayName).toBe('Ελένη 张伟');
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with the strict decoder on random bytes: -1 exactly when it decodes, else the offset where the lenient decoder puts its first U+FFFD', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const decodes = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch (error) {
        if (error instanceof TypeError) return false;
        throw error;
      }
    };
    // Boundary bytes of every UTF-8 rule (no 0xbd, so the input never holds a real U+FFFD).
    const pool = [0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const disagreements: { bytes: number[]; at: number; expected: number; decodes: boolean }[] = [];
    for (let n = 0; n < 30_000; n++) {
      const b = Uint8Array.from({ length: next() % 8 }, () => pool[next() % pool.length] ?? 0);
      const lenient = new TextDecoder().decode(b);
      const replaced = lenient.indexOf('\uFFFD');
      const expected = replaced < 0 ? -1 : Buffer.byteLength(lenient.slice(0, replaced));
      const at = firstInvalidUtf8(b);
      if (at !== expected || (at === -1) !== decodes(b)) disagreements.push({ bytes: [...b], at, expected, decodes: decodes(b) });
    }
    expect(disagreements).toEqual([]);
  });
});
