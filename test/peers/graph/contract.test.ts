/**
 * The Graph peer itself, spoken to over raw HTTPS: it must follow Microsoft Graph v1.0's and the
 * identity platform's documented contracts (shapes, status codes, OData errors and quoting,
 * paging, batching), or tests against it would prove nothing about the real service.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startGraphPeer, type GraphPeer } from './server.ts';

let peer: GraphPeer;
let token: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

function send(method: string, path: string, options: { body?: unknown; form?: Record<string, string>; bearer?: string | null } = {}): Promise<Answer> {
  const url = new URL(path, peer.origin);
  const text = options.form ? new URLSearchParams(options.form).toString() : options.body === undefined ? undefined : JSON.stringify(options.body);
  const bearer = options.bearer === undefined ? token : options.bearer;
  const headers: Record<string, string> = {
    ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : text === undefined ? {} : { 'content-type': 'application/json' }),
    ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, ca: peer.caCert }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw === '' ? undefined : JSON.parse(raw) });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

const graphError = z.object({ error: z.object({ code: z.string(), message: z.string(), innerError: z.object({ date: z.string(), 'request-id': z.string(), 'client-request-id': z.string() }) }) });
const list = z.object({ value: z.array(z.record(z.string(), z.unknown())), '@odata.nextLink': z.string().optional() });
const filter = (expr: string) => `/v1.0/users?$filter=${encodeURIComponent(expr)}`;

async function newUser(upn: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await send('POST', '/v1.0/users', {
    body: { accountEnabled: true, displayName: upn, mailNickname: upn.split('@')[0], userPrincipalName: upn, passwordProfile: { password: 'Str0ng-Passw0rd!' }, ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return z.object({ id: z.string() }).parse(res.body).id;
}

beforeAll(async () => {
  peer = await startGraphPeer({ tenantId: 'contoso.onmicrosoft.com' });
  const res = await send('POST', `/${peer.tenantId}/oauth2/v2.0/token`, {
    form: { client_id: peer.clientId, client_secret: peer.clientSecret, scope: `${peer.origin}/.default`, grant_type: 'client_credentials' },
    bearer: null,
  });
  token = z.object({ token_type: z.literal('Bearer'), expires_in: z.number(), access_token: z.string() }).parse(res.body).access_token;
});
afterAll(async () => {
  await peer.stop();
});

describe('identity platform', () => {
  it('refuses a wrong client secret with 401 invalid_client and its AADSTS code', async () => {
    const res = await send('POST', `/${peer.tenantId}/oauth2/v2.0/token`, {
      form: { client_id: peer.clientId, client_secret: 'nope', scope: `${peer.origin}/.default`, grant_type: 'client_credentials' },
      bearer: null,
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('serves the tenant’s OpenID metadata and refuses an unknown tenant', async () => {
    expect(await send('GET', `/${peer.tenantId}/v2.0/.well-known/openid-configuration`, { bearer: null })).toMatchObject({
      status: 200,
      body: { token_endpoint: `${peer.origin}/${peer.tenantId}/oauth2/v2.0/token`, issuer: `${peer.origin}/${peer.tenantId}/v2.0` },
    });
    expect(await send('GET', '/fabrikam.com/v2.0/.well-known/openid-configuration', { bearer: null })).toMatchObject({ status: 400, body: { error: 'invalid_tenant', error_codes: [90002] } });
  });
});

describe('Graph v1.0', () => {
  it('answers 401 InvalidAuthenticationToken without a valid bearer token, in the OData error shape', async () => {
    for (const bearer of [null, 'forged']) {
      const res = await send('GET', '/v1.0/users', { bearer });
      expect(res.status).toBe(401);
      expect(graphError.parse(res.body).error.code).toBe('InvalidAuthenticationToken');
      expect(res.headers['www-authenticate']).toBeDefined();
    }
  });

  it('validates POST /users: required properties, password, duplicate userPrincipalName', async () => {
    const missing = await send('POST', '/v1.0/users', { body: { accountEnabled: true, displayName: 'x', userPrincipalName: 'x@contoso.com', passwordProfile: { password: 'Str0ng-Passw0rd!' } } });
    expect(missing.status).toBe(400);
    expect(graphError.parse(missing.body).error).toMatchObject({ code: 'Request_BadRequest', message: "Invalid value specified for property 'mailNickname' of resource 'User'." });
    const noPassword = await send('POST', '/v1.0/users', { body: { accountEnabled: true, displayName: 'x', mailNickname: 'x', userPrincipalName: 'x@contoso.com' } });
    expect(graphError.parse(noPassword.body).error.message).toBe('A password must be specified to create a new user.');
    const weak = await send('POST', '/v1.0/users', { body: { accountEnabled: true, displayName: 'x', mailNickname: 'x', userPrincipalName: 'x@contoso.com', passwordProfile: { password: 'password' } } });
    expect(graphError.parse(weak.body).error.message).toContain('password complexity');
    await newUser('dup@contoso.com');
    const dup = await send('POST', '/v1.0/users', { body: { accountEnabled: true, displayName: 'x', mailNickname: 'x', userPrincipalName: 'DUP@contoso.com', passwordProfile: { password: 'Str0ng-Passw0rd!' } } });
    expect(dup.status).toBe(400);
    expect(graphError.parse(dup.body).error).toMatchObject({ code: 'Request_BadRequest', message: 'Another object with the same value for property userPrincipalName already exists.' });
  });

  it('returns the default properties unless $select names others, and PATCH answers 204', async () => {
    const id = await newUser('sel@contoso.com', { employeeId: 'S1' });
    const plain = await send('GET', `/v1.0/users/${id}`);
    expect(plain.body).not.toHaveProperty('employeeId');
    expect(plain.body).toMatchObject({ id, userPrincipalName: 'sel@contoso.com' });
    expect((await send('GET', `/v1.0/users/sel@contoso.com?$select=employeeId,accountEnabled`)).body).toMatchObject({ employeeId: 'S1', accountEnabled: true });
    const patched = await send('PATCH', `/v1.0/users/${id}`, { body: { accountEnabled: false } });
    expect(patched).toMatchObject({ status: 204, body: undefined });
    expect(await send('GET', '/v1.0/users/00000000-0000-4000-8000-000000000000')).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
  });

  it('reads OData string literals with doubled quotes and refuses an unescaped quote as a syntax error', async () => {
    await newUser('ob@contoso.com', { employeeId: "O'B" });
    const escaped = await send('GET', filter("employeeId eq 'O''B'"));
    expect(list.parse(escaped.body).value.map((u) => u.userPrincipalName)).toEqual(['ob@contoso.com']);
    const raw = await send('GET', filter("employeeId eq 'O'B'"));
    expect(raw.status).toBe(400);
    expect(graphError.parse(raw.body).error.message).toContain('Invalid filter clause');
    const unsupported = await send('GET', filter("jobTitle eq 'x'"));
    expect(graphError.parse(unsupported.body).error.code).toBe('Request_UnsupportedQuery');
  });

  it('pages with @odata.nextLink until the collection is exhausted', async () => {
    for (const n of [1, 2, 3, 4, 5]) await newUser(`page${n}@contoso.com`, { department: 'Paging' });
    const seen: unknown[] = [];
    let next: string | undefined = `${filter("department eq 'Paging'")}&$top=2&$select=userPrincipalName`;
    let pages = 0;
    while (next !== undefined) {
      const page = list.parse((await send('GET', next)).body);
      seen.push(...page.value.map((u) => u.userPrincipalName));
      next = page['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([1, 2, 3, 4, 5].map((n) => `page${n}@contoso.com`));
  });

  it('batches up to 20 requests, each answered with its own status, and refuses 21', async () => {
    const userId = await newUser('batch@contoso.com');
    const group = peer.addGroup('Batch');
    const add = { id: 'a', method: 'POST', url: `/groups/${group}/members/$ref`, headers: { 'Content-Type': 'application/json' }, body: { '@odata.id': `${peer.graphBaseUrl}/directoryObjects/${userId}` } };
    const res = await send('POST', '/v1.0/$batch', { body: { requests: [add, { ...add, id: 'b' }, { id: 'c', method: 'DELETE', url: `/groups/${group}/members/${group}/$ref` }] } });
    expect(res.status).toBe(200);
    const responses = z.object({ responses: z.array(z.object({ id: z.string(), status: z.number(), body: z.unknown().optional() })) }).parse(res.body).responses;
    const byId = Object.fromEntries(responses.map((r) => [r.id, r]));
    expect(byId.a?.status).toBe(204);
    expect(byId.b).toMatchObject({ status: 400, body: { error: { message: "One or more added object references already exist for the following modified properties: 'members'." } } });
    expect(byId.c?.status).toBe(404);
    const tooMany = await send('POST', '/v1.0/$batch', { body: { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' })) } });
    expect(tooMany.status).toBe(400);
  });

  it('throttles on demand with Retry-After, at the top level and inside batches', async () => {
    peer.throttleNext(1, 7);
    const throttled = await send('GET', '/v1.0/users');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    peer.throttleBatchItems(1, 3);
    const res = await send('POST', '/v1.0/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/users?$top=1' }, { id: '2', method: 'GET', url: '/users?$top=1' }] } });
    const responses = z.object({ responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.string()) })) }).parse(res.body).responses;
    expect(responses.find((r) => r.id === '1')).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
    expect(responses.find((r) => r.id === '2')?.status).toBe(200);
  });

  it('soft-deletes into deletedItems and restores from there', async () => {
    const id = await newUser('gone@contoso.com');
    expect((await send('DELETE', `/v1.0/users/${id}`)).status).toBe(204);
    expect((await send('GET', `/v1.0/users/${id}`)).status).toBe(404);
    expect((await send('GET', `/v1.0/directory/deletedItems/${id}`)).body).toMatchObject({ id, userPrincipalName: 'gone@contoso.com' });
    expect((await send('POST', `/v1.0/directory/deletedItems/${id}/restore`)).status).toBe(200);
    expect((await send('GET', `/v1.0/users/${id}`)).status).toBe(200);
  });

  it('refuses a call the token’s application permissions do not cover with 403 Authorization_RequestDenied', async () => {
    peer.setPermissions(['User.Read.All']);
    const res = await send('POST', `/${peer.tenantId}/oauth2/v2.0/token`, {
      form: { client_id: peer.clientId, client_secret: peer.clientSecret, scope: `${peer.origin}/.default`, grant_type: 'client_credentials' },
      bearer: null,
    });
    const readOnly = z.object({ access_token: z.string() }).parse(res.body).access_token;
    expect((await send('GET', '/v1.0/users', { bearer: readOnly })).status).toBe(200);
    const denied = await send('POST', '/v1.0/users', { bearer: readOnly, body: {} });
    expect(denied.status).toBe(403);
    expect(graphError.parse(denied.body).error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
  });
});
