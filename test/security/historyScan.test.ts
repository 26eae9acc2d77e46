/**
 * The history scan the issue asks for: an HR event carrying a national id, a birth date and a name
 * goes through POST /api/hr/events into the person workflow, which starts a lifecycle run whose step
 * uses a SCIM connection with a known token. Both histories, fetched from Temporal WITHOUT the codec
 * and serialized to the bytes Temporal stores, hold none of them: not as UTF-8, not as UTF-16, not
 * base64-encoded. Through the codec the personal data reads back in clear, which proves the scan
 * looks where the data is; the token is not there even then (secrets never enter a history).
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { runWorkflowId } from '../../workflows/messages.ts';
import { personWorkflowId } from '../../workflows/personMessages.ts';
import { startScimServer, type ScimServer } from '../peers/scim.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is reliable.
const { temporal } = proto;

let sys: TestSystem;
let scim: ScimServer;
let raw: Client;
const token = `scim-scan-token-${randomUUID()}`;
beforeAll(async () => {
  [sys, scim] = await Promise.all([startTestSystem(), startScimServer(token)]);
  raw = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
});
afterAll(async () => {
  await raw.connection.close();
  await Promise.all([sys.stop(), scim.stop()]);
});

type History = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

/** The bytes Temporal stores for a history (its protobuf encoding), plus its JSON rendering. */
const storedForms = (history: History): Buffer[] => [Buffer.from(temporal.api.history.v1.History.encode(history).finish()), Buffer.from(JSON.stringify(history))];

/** Every way a value could sit in those bytes. */
const encodings = (needle: string): Buffer[] => [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), Buffer.from(Buffer.from(needle).toString('base64').replace(/=+$/, ''))];

const found = (haystacks: readonly Buffer[], needle: string) => haystacks.some((h) => encodings(needle).some((n) => h.includes(n)));

/** Every payload (anything with byte `data`) inside a history. */
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

const personRuns = z.object({ runs: z.array(z.object({ runId: z.string(), status: z.string() }).loose()) });

describe('Temporal history scan', () => {
  it('finds no connection secret and no clear-text PII in the person and run histories, and finds the PII through the codec', async () => {
    const pii = { nationalId: '850101-1234', birthDate: '1985-01-01', givenName: 'Ingegerd', surname: 'Vasquez-Okonkwo' };
    const created = await sys.api('POST', '/api/connections', { id: 'scan-crm', kind: 'scim', name: 'CRM', config: { baseUrl: scim.baseUrl, auth: { mode: 'bearer' } }, secrets: { token } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const def = definition(
      'scan-joiner',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'account',
          type: 'action',
          data: {
            action: 'scim.createUser',
            connectionId: 'scan-crm',
            params: {
              userName: { expression: 'Join("@", ToLower([givenName]), "example.com")' },
              externalId: { expression: '[employeeId]' },
              givenName: { expression: '[givenName]' },
              familyName: { expression: '[surname]' },
              displayName: { expression: 'Join(" ", [givenName], [surname], [birthDate], [nationalId])' },
            },
          },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'account'), edge('account', 'end')],
      { lifecycle: 'joiner', trigger: { events: ['hire'] } },
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);

    const accepted = await sys.api('POST', '/api/hr/events', { eventId: 'scan-1', type: 'hire', employeeId: 'E-SCAN', attributes: { employeeId: 'E-SCAN', ...pii } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const run = await eventually(async () => {
      const res = await sys.api('GET', '/api/people/E-SCAN');
      const r = res.status === 200 ? personRuns.parse(res.body).runs[0] : undefined;
      return r && r.status !== 'running' ? r : undefined;
    }, 'the hire run to finish');
    expect(run.status).toBe('succeeded');
    // The step really used the connection: the app holds the person.
    const held = await scim.read('/Users', { filter: 'externalId eq "E-SCAN"' });
    expect(JSON.stringify(held.body)).toContain(pii.nationalId);

    const histories = [await raw.workflow.getHandle(personWorkflowId('hr', 'E-SCAN')).fetchHistory(), await raw.workflow.getHandle(runWorkflowId(run.runId)).fetchHistory()];
    const stored = histories.flatMap(storedForms);
    expect(found(stored, 'binary/encrypted')).toBe(true);
    for (const needle of [token, ...Object.values(pii)]) expect(found(stored, needle), `${needle} in a stored history`).toBe(false);

    // The same payloads through the codec: the scan sees the personal data once decrypted.
    let decoded = histories.flatMap((h) => payloadsIn(h));
    for (const codec of [...sys.client.options.loadedDataConverter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
    const clear = decoded.map((p) => Buffer.from(p.data ?? new Uint8Array()));
    for (const needle of Object.values(pii)) expect(found(clear, needle), `${needle} decrypted`).toBe(true);
    expect(found(clear, token), 'the connection token, even decrypted').toBe(false);
  });
});
