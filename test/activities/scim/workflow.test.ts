/**
 * End to end: a scim connection created through the API with a bearer token, a published
 * definition whose step is scim.createUser, run on the real Temporal dev server; the user exists in
 * the real scim2-server afterwards. And the token is nowhere it must not be: not in the run's
 * Temporal history (raw, and every payload decrypted and decoded to text), not in any API answer
 * about the connection.
 */
import { randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { equals } from '../../../activities/scim/filters.ts';
import { startScimServer, type ScimServer } from '../../peers/scim.ts';
import { runView, startedRuns } from '../../support/api.ts';
import { definition, edge, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { heldUser, serverFilter } from './fixture.ts';

let sys: TestSystem;
let server: ScimServer;
const token = `scim-e2e-token-${randomUUID()}`;
beforeAll(async () => {
  [sys, server] = await Promise.all([startTestSystem(), startScimServer(token)]);
});
afterAll(async () => {
  await Promise.all([sys.stop(), server.stop()]);
});

/** Every text inside a value: strings as they are, byte arrays (payload data, metadata) as UTF-8 and as base64. */
function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'), Buffer.from(value).toString('base64'));
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) texts(v, out);
  return out;
}

/** Every payload in a history (anything with byte `data`), as the codec chain reads it. */
function payloadsIn(value: unknown, out: Payload[] = []): Payload[] {
  if (Array.isArray(value)) for (const v of value) payloadsIn(v, out);
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    const data: unknown = Reflect.get(value, 'data');
    const metadata: unknown = Reflect.get(value, 'metadata');
    if (data instanceof Uint8Array) {
      const entries = typeof metadata === 'object' && metadata !== null ? Object.entries(metadata).filter((e): e is [string, Uint8Array] => e[1] instanceof Uint8Array) : [];
      out.push({ data, metadata: Object.fromEntries(entries) });
    } else for (const v of Object.values(value)) payloadsIn(v, out);
  }
  return out;
}

/** Payloads decoded by the client's codecs (payload encryption), last codec first as Temporal does. */
async function decodedPayloads(payloads: Payload[]): Promise<Payload[]> {
  let decoded = payloads;
  for (const codec of [...sys.client.options.loadedDataConverter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  return decoded;
}

describe('scim on Temporal', () => {
  it('creates the user in the app from a published definition, and the token stays out of history and API answers', async () => {
    const created = await sys.api('POST', '/api/connections', {
      id: 'crm',
      kind: 'scim',
      name: 'CRM (SCIM)',
      config: { baseUrl: server.baseUrl, auth: { mode: 'bearer' } },
      secrets: { token },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tested = await sys.api('POST', '/api/connections/crm/test');
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true });

    const def = definition(
      'scim-joiner',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'account',
          type: 'action',
          data: {
            label: 'Create the CRM account',
            action: 'scim.createUser',
            connectionId: 'crm',
            params: {
              userName: { expression: '[mail]' },
              externalId: { expression: '[employeeId]' },
              givenName: { expression: '[givenName]' },
              familyName: { expression: '[surname]' },
              displayName: { expression: 'Join(" ", [givenName], [surname])' },
              department: { expression: '[department]' },
            },
          },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'account'), edge('account', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    const attributes = { employeeId: 'E7001', mail: 'ada.lovelace@example.com', givenName: 'Ada', surname: 'Lovelace', department: 'Engineering' };
    const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E7001', attributes }] });
    expect(started.status).toBe(202);
    const run = startedRuns.parse(started.body).runs[0];
    if (!run) throw new Error('no run started');

    const done = await eventually(async () => {
      const res = await sys.api('GET', `/api/runs/${run.id}`);
      const v = runView.parse(res.body);
      return v.workflowStatus === 'COMPLETED' || v.workflowStatus === 'FAILED' ? v : undefined;
    }, 'the run to finish');
    expect(done.workflowStatus, JSON.stringify(done.nodes)).toBe('COMPLETED');
    expect(done.nodes.account?.status).toBe('done');

    const [match] = await serverFilter(server, '/Users', equals('externalId', 'E7001'));
    if (!match) throw new Error('the app holds no user with externalId E7001');
    expect(await heldUser(server, match.id)).toMatchObject({
      userName: 'ada.lovelace@example.com',
      externalId: 'E7001',
      displayName: 'Ada Lovelace',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Engineering' },
    });

    const history = await sys.client.workflow.getHandle(run.workflowId).fetchHistory();
    const decoded = [...texts(history), ...texts(await decodedPayloads(payloadsIn(history)))];
    // The scan reads payloads: the step's input and output (the user's id) are in there, decoded.
    expect(decoded.some((t) => t.includes('ada.lovelace@example.com'))).toBe(true);
    expect(decoded.some((t) => t.includes(match.id))).toBe(true);
    expect(JSON.stringify(history)).not.toContain(token);
    expect(decoded.filter((t) => t.includes(token))).toEqual([]);
    expect(decoded.filter((t) => t.includes(Buffer.from(token).toString('base64')))).toEqual([]);

    const one = await sys.api('GET', '/api/connections/crm');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'crm', secretFields: ['token'] });
    expect(JSON.stringify(one.body)).not.toContain(token);
    const all = await sys.api('GET', '/api/connections');
    expect(all.status).toBe(200);
    expect(JSON.stringify(all.body)).toContain('"crm"');
    expect(JSON.stringify(all.body)).not.toContain(token);
    expect(JSON.stringify(created.body)).not.toContain(token);
  });
});
