/**
 * HR source integrity on real Temporal and PGlite: per-source HMAC signatures with a timestamp
 * window, replay refusal, IP allow-list and rate limit, applied to single events, SCIM bulk and CSV
 * imports. Every refusal answers with its code, is audited, and delivers nothing to Temporal; the
 * signing secret is write-only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHrSourceStore } from '../../server/db/hrSources.ts';
import { createKeyring } from '../../server/secrets/keyring.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { errorBody } from '../support/api.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

const secret = 'a3f1c9e07b5d42e8a6c1f0b9d8e7a6b5c4d3e2f1a0b9c8d7';
const otherSecret = 'ffeeddccbbaa99887766554433221100ffeeddccbbaa9988';

let sys: TestSystem;
const tokens = new Map<string, string>();

async function hrSource(id: string, settings: Record<string, unknown>): Promise<void> {
  expect((await sys.api('POST', '/api/users', { id, displayName: id, roles: ['hr-source'] })).status).toBe(201);
  tokens.set(id, z.object({ token: z.string() }).parse((await sys.api('POST', `/api/users/${id}/tokens`, { name: 'inbound' })).body).token);
  const saved = await sys.api('PUT', `/api/hr-sources/${id}`, settings);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

beforeAll(async () => {
  sys = await startTestSystem();
  await hrSource('signed', { signingSecret: secret, requireSignature: true });
  await hrSource('fenced', { allowedIps: ['10.0.0.0/8', '2001:db8::/32'] });
  await hrSource('limited', { ratePerMinute: 2 });
});
afterAll(async () => {
  await sys.stop();
});

const now = () => Math.floor(Date.now() / 1000);
const sign = (key: string, timestamp: number, body: string) => createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
const signed = (body: string, options: { key?: string; timestamp?: number } = {}) => {
  const timestamp = options.timestamp ?? now();
  return { 'x-tenure-timestamp': String(timestamp), 'x-tenure-signature': `v1=${sign(options.key ?? secret, timestamp, body)}` };
};

interface Sent {
  url?: string;
  body: string;
  headers?: Record<string, string>;
  contentType?: string;
  remoteAddress?: string;
}
async function send(source: string, sent: Sent) {
  const res = await sys.app.inject({
    method: 'POST',
    url: sent.url ?? '/api/hr/events',
    headers: { authorization: `Bearer ${tokens.get(source) ?? ''}`, 'content-type': sent.contentType ?? 'application/json', ...sent.headers },
    payload: sent.body,
    ...(sent.remoteAddress !== undefined ? { remoteAddress: sent.remoteAddress } : {}),
  });
  return { status: res.statusCode, body: res.json<unknown>(), headers: res.headers };
}

const event = (employeeId: string, eventId = `${employeeId}-hire`) => JSON.stringify({ eventId, type: 'hire', employeeId, attributes: { givenName: 'Ada', surname: employeeId } });
const code = (body: unknown) => errorBody.parse(body).error.code;

async function delivered(source: string, employeeId: string) {
  return eventually(async () => {
    const res = await sys.api('GET', `/api/people/${employeeId}?source=${source}`);
    return res.status === 200 ? res.body : undefined;
  }, `person ${employeeId} of ${source}`);
}

async function notDelivered(source: string, employeeId: string): Promise<void> {
  await expect(sys.client.workflow.getHandle(personWorkflowId(source, employeeId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

async function lastRefusal(source: string) {
  const [row] = await sys.db.query<{ actor: string; details: unknown }>("SELECT actor, details FROM audit_log WHERE action = 'hr-source.refused' AND target_id = $1 ORDER BY id DESC LIMIT 1", [source]);
  return row ? { actor: row.actor, ...z.object({ reason: z.string(), ip: z.string(), route: z.string() }).parse(row.details) } : undefined;
}

async function expectRefused(source: string, res: { status: number; body: unknown }, status: number, reason: string, ip = '127.0.0.1') {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(code(res.body)).toBe(reason);
  expect(await lastRefusal(source)).toMatchObject({ actor: source, reason, ip });
}

describe('signed HR events', () => {
  it('accepts a correctly signed event and delivers it to the person workflow', async () => {
    const body = event('S1');
    const res = await send('signed', { body, headers: signed(body) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await delivered('signed', 'S1');
  });

  it('verifies the bytes as sent over HTTP, whitespace and key order included, not a re-serialized body', async () => {
    const port = await freePort();
    await sys.app.listen({ port, host: '127.0.0.1' });
    const body = `{ "type" : "hire",\n  "employeeId": "S9", "eventId": "S9-hire",  "attributes": { "givenName": "Zoë" } }\n`;
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/hr/events`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('signed') ?? ''}`, 'content-type': 'application/json', ...headers }, body });
    const reserialized = JSON.stringify(JSON.parse(body));
    const refused = await post(signed(reserialized));
    expect(refused.status).toBe(401);
    expect(code(await refused.json())).toBe('bad_signature');
    const accepted = await post(signed(body));
    expect(accepted.status, await accepted.clone().text()).toBe(202);
    await delivered('signed', 'S9');
  });

  it('accepts any one matching v1= value, as during a secret rotation', async () => {
    const body = event('S2');
    const timestamp = now();
    const res = await send('signed', { body, headers: { 'x-tenure-timestamp': String(timestamp), 'x-tenure-signature': `v1=${sign(otherSecret, timestamp, body)}, v1=${sign(secret, timestamp, body)}` } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await delivered('signed', 'S2');
  });

  it('refuses a signature made with another secret', async () => {
    const body = event('S3');
    await expectRefused('signed', await send('signed', { body, headers: signed(body, { key: otherSecret }) }), 401, 'bad_signature');
    await notDelivered('signed', 'S3');
  });

  it('refuses a body changed after signing', async () => {
    const headers = signed(event('S4'));
    await expectRefused('signed', await send('signed', { body: event('S4-changed', 'S4-hire'), headers }), 401, 'bad_signature');
    await notDelivered('signed', 'S4');
    await notDelivered('signed', 'S4-changed');
  });

  it('refuses a stale timestamp and a timestamp from the future', async () => {
    const stale = event('S5');
    await expectRefused('signed', await send('signed', { body: stale, headers: signed(stale, { timestamp: now() - 600 }) }), 401, 'signature_expired');
    const future = event('S6');
    await expectRefused('signed', await send('signed', { body: future, headers: signed(future, { timestamp: now() + 600 }) }), 401, 'signature_expired');
    await notDelivered('signed', 'S5');
    await notDelivered('signed', 'S6');
  });

  it('refuses a replay of an accepted request', async () => {
    const body = event('S7');
    const headers = signed(body);
    expect((await send('signed', { body, headers })).status).toBe(202);
    await delivered('signed', 'S7');
    await expectRefused('signed', await send('signed', { body, headers }), 409, 'replayed');
    const replayedRows = await sys.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_request_signatures WHERE source = $1', ['signed']);
    expect(replayedRows[0]?.n).toBeGreaterThan(0);
  });

  it('refuses an unsigned request from a source that must sign', async () => {
    await expectRefused('signed', await send('signed', { body: event('S8') }), 401, 'signature_required');
    await notDelivered('signed', 'S8');
  });
});

describe('IP allow-list and rate limit', () => {
  it('refuses a source calling from outside its allow-list and accepts it from inside (IPv4 and IPv6)', async () => {
    await expectRefused('fenced', await send('fenced', { body: event('F1') }), 403, 'ip_not_allowed');
    await notDelivered('fenced', 'F1');
    expect((await send('fenced', { body: event('F2'), remoteAddress: '10.20.30.40' })).status).toBe(202);
    expect((await send('fenced', { body: event('F3'), remoteAddress: '2001:db8::7' })).status).toBe(202);
    await delivered('fenced', 'F2');
    await delivered('fenced', 'F3');
  });

  it('answers 429 with Retry-After once a source exceeds its requests per minute', async () => {
    expect((await send('limited', { body: event('L1') })).status).toBe(202);
    expect((await send('limited', { body: event('L2') })).status).toBe(202);
    const third = await send('limited', { body: event('L3') });
    await expectRefused('limited', third, 429, 'rate_limited');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(third.headers['retry-after'])).toBeLessThanOrEqual(60);
    await notDelivered('limited', 'L3');
  });
});

describe('SCIM bulk and CSV imports are signed too', () => {
  const bulk = (employeeId: string) =>
    JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [{ method: 'POST', bulkId: '1', path: '/Users', data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], externalId: employeeId, userName: `${employeeId}@contoso.example`, name: { givenName: 'Bo', familyName: employeeId }, active: true } }],
    });
  const scim = { url: '/api/inbound/scim/bulkUpload', contentType: 'application/scim+json' };

  it('accepts a signed SCIM bulk request and refuses a tampered or unsigned one', async () => {
    const body = bulk('B1');
    const ok = await send('signed', { ...scim, body, headers: signed(body) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    await delivered('signed', 'B1');

    await expectRefused('signed', await send('signed', { ...scim, body: bulk('B2'), headers: signed(bulk('B2x')) }), 401, 'bad_signature');
    await expectRefused('signed', await send('signed', { ...scim, body: bulk('B3') }), 401, 'signature_required');
    await notDelivered('signed', 'B2');
    await notDelivered('signed', 'B3');
  });

  it('accepts a signed CSV snapshot and refuses a tampered one without recording an import', async () => {
    // A source of its own: a snapshot lists every worker of its source, and the others' people would look gone.
    await hrSource('snapshot', { signingSecret: secret, requireSignature: true });
    const csv = (id: string) => ['employeeId,givenName,surname,department,hireDate', `${id},Cy,Lee,Sales,2024-01-15`, ''].join('\n');
    const imports = async () => (await sys.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hr_imports WHERE source = $1', ['snapshot']))[0]?.n ?? 0;

    const body = csv('C1');
    const ok = await send('snapshot', { url: '/api/hr/imports', contentType: 'text/csv', body, headers: signed(body) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    await delivered('snapshot', 'C1');
    expect(await imports()).toBe(1);

    await expectRefused('snapshot', await send('snapshot', { url: '/api/hr/imports', contentType: 'text/csv', body: csv('C2'), headers: signed(csv('C9')) }), 401, 'bad_signature');
    await notDelivered('snapshot', 'C2');
    expect(await imports()).toBe(1);
  });
});

describe('HR source settings', () => {
  const view = z.object({ id: z.string(), configured: z.boolean(), hasSigningSecret: z.boolean(), requireSignature: z.boolean(), allowedIps: z.array(z.string()), ratePerMinute: z.number().nullable() }).loose();

  it('never returns or audits the signing secret', async () => {
    const one = await sys.api('GET', '/api/hr-sources/signed');
    expect(one.status).toBe(200);
    expect(view.parse(one.body)).toMatchObject({ id: 'signed', configured: true, hasSigningSecret: true, requireSignature: true });
    const all = await sys.api('GET', '/api/hr-sources');
    expect(z.object({ sources: z.array(view) }).parse(all.body).sources.map((s) => s.id)).toEqual(expect.arrayContaining(['signed', 'fenced', 'limited']));
    const audited = await sys.db.query<{ details: unknown }>("SELECT details FROM audit_log WHERE action = 'hr-source.update' AND target_id = 'signed'");
    expect(audited.length).toBeGreaterThan(0);
    for (const text of [JSON.stringify(one.body), JSON.stringify(all.body), JSON.stringify(audited)]) expect(text).not.toContain(secret);
    const [stored] = await sys.db.query<{ signing_secret: string }>("SELECT signing_secret FROM hr_sources WHERE user_id = 'signed'");
    expect(stored?.signing_secret).not.toContain(secret);
  });

  it('normalises addresses to CIDR blocks and refuses bad settings with the field at fault', async () => {
    const saved = await sys.api('PUT', '/api/hr-sources/fenced', { allowedIps: ['10.0.0.0/8', '2001:db8::/32', '192.0.2.7', '::1'] });
    expect(view.parse(saved.body).allowedIps).toEqual(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7/32', '::1/128']);

    const badIp = await sys.api('PUT', '/api/hr-sources/fenced', { allowedIps: ['10.0.0.0/33'] });
    expect(badIp.status).toBe(400);
    expect(errorBody.parse(badIp.body).error.details?.[0]?.path).toContain('allowedIps');
    expect((await sys.api('PUT', '/api/hr-sources/fenced', { signingSecret: 'short' })).status).toBe(400);
    expect((await sys.api('PUT', '/api/hr-sources/fenced', { requireSignature: true })).status).toBe(409);
    expect((await sys.api('PUT', '/api/hr-sources/fenced', { secret })).status).toBe(400);
    expect((await sys.api('PUT', '/api/hr-sources/nobody', {})).status).toBe(404);
    expect((await sys.api('GET', '/api/hr-sources/nobody')).status).toBe(404);
  });

  it('keeps the secret when a PUT leaves it out, and removes it with null', async () => {
    await hrSource('rotating', { signingSecret: secret });
    expect(view.parse((await sys.api('PUT', '/api/hr-sources/rotating', { ratePerMinute: 100 })).body).hasSigningSecret).toBe(true);
    const body = event('R1');
    expect((await send('rotating', { body, headers: signed(body) })).status).toBe(202);
    expect(view.parse((await sys.api('PUT', '/api/hr-sources/rotating', { signingSecret: null })).body).hasSigningSecret).toBe(false);
  });

  it('lets a source read only the people it feeds, with or without ?source=', async () => {
    await hrSource('feeder', { ratePerMinute: 100 });
    await hrSource('neighbour', { ratePerMinute: 100 });
    const body = JSON.stringify({ eventId: 'N1-hire', type: 'hire', employeeId: 'N1', attributes: { givenName: 'Ada', nationalId: '123-45-6789' } });
    expect((await send('feeder', { body })).status).toBe(202);
    await delivered('feeder', 'N1');
    const read = async (source: string, url: string) => sys.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(source) ?? ''}` } });
    const own = await read('feeder', '/api/people/N1');
    expect(own.statusCode).toBe(200);
    expect(own.json<{ attributes: Record<string, unknown> }>().attributes.nationalId).toBe('123-45-6789');
    const other = await read('neighbour', '/api/people/N1');
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('123-45-6789');
    const named = await read('neighbour', '/api/people/N1?source=feeder');
    expect(named.statusCode).toBe(403);
    expect(named.body).not.toContain('123-45-6789');
  });

  it('is written by admins only', async () => {
    const res = await sys.app.inject({ method: 'PUT', url: '/api/hr-sources/signed', headers: { authorization: `Bearer ${tokens.get('signed') ?? ''}`, 'content-type': 'application/json' }, payload: JSON.stringify({ requireSignature: false }) });
    expect(res.statusCode).toBe(403);
    expect(view.parse((await sys.api('GET', '/api/hr-sources/signed')).body).requireSignature).toBe(true);
  });
});

describe('the register of accepted signatures', () => {
  it('refuses a signature another API process already accepted, forgets it when released, and prunes rows past twice the window', async () => {
    // Two stores on the same database stand for two API processes.
    const first = createHrSourceStore(sys.db, createKeyring(randomBytes(32)));
    const second = createHrSourceStore(sys.db, createKeyring(randomBytes(32)));
    expect(await first.claimSignature('signed', 'digest-a', 300)).toBe(true);
    expect(await second.claimSignature('signed', 'digest-a', 300)).toBe(false);
    await second.releaseSignature('signed', 'digest-a');
    expect(await first.claimSignature('signed', 'digest-a', 300)).toBe(true);

    await sys.db.query("INSERT INTO hr_request_signatures (source, digest, seen_at) VALUES ('signed', 'digest-old', now() - interval '11 minutes'), ('signed', 'digest-recent', now() - interval '9 minutes')");
    expect(await first.claimSignature('signed', 'digest-b', 300)).toBe(true);
    const left = await sys.db.query<{ digest: string }>("SELECT digest FROM hr_request_signatures WHERE digest IN ('digest-old', 'digest-recent')");
    expect(left.map((r) => r.digest)).toEqual(['digest-recent']);
  });
});
