/**
 * End to end: an Entra connection created and tested through the API, a published definition whose
 * steps are entra.createUser and entra.createTemporaryAccessPass, run on the real Temporal dev
 * server by a worker in this process; the Graph peer (test/peers/graph, a server that follows
 * Microsoft Graph v1.0's documented contract, since Entra ID cannot run locally) holds the user
 * afterwards. The client secret, the generated password and the pass are nowhere in the run's
 * history, raw or decoded.
 */
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphPeer, type GraphPeer } from '../../peers/graph/server.ts';
import { runView, startedRuns } from '../../support/api.ts';
import { definition, edge, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';

let sys: TestSystem;
let peer: GraphPeer;
beforeAll(async () => {
  [sys, peer] = await Promise.all([startTestSystem(), startGraphPeer()]);
});
afterAll(async () => {
  await Promise.all([sys.stop(), peer.stop()]);
});

function texts(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'), Buffer.from(value).toString('base64'));
  else if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) texts(v, out);
  return out;
}

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

async function decodedPayloads(payloads: Payload[]): Promise<Payload[]> {
  let decoded = payloads;
  for (const codec of [...sys.client.options.loadedDataConverter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  return decoded;
}

describe('entra on Temporal', () => {
  it('creates the user and mails a pass from a published definition; no secret reaches the history', async () => {
    const created = await sys.api('POST', '/api/connections', {
      id: 'tenant',
      kind: 'entra',
      name: 'Contoso Entra ID',
      config: { tenantId: peer.tenantId, clientId: peer.clientId, graphBaseUrl: peer.graphBaseUrl, authorityHost: peer.authorityHost, tlsCaCert: peer.caCert },
      secrets: { clientSecret: peer.clientSecret },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const tested = await sys.api('POST', '/api/connections/tenant/test');
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true });

    const stored = await sys.api('GET', '/api/connections/tenant');
    expect(stored.body).toMatchObject({ id: 'tenant', kind: 'entra', secretFields: ['clientSecret'] });
    expect(JSON.stringify(stored.body)).not.toContain(peer.clientSecret);

    const def = definition(
      'entra-joiner',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({
          id: 'account',
          type: 'action',
          data: {
            label: 'Create the Entra ID account',
            action: 'entra.createUser',
            connectionId: 'tenant',
            params: {
              userPrincipalName: { expression: 'Join("@", ToLower(Join(".", NormalizeDiacritics([givenName]), NormalizeDiacritics([surname]))), "contoso.com")' },
              displayName: { expression: 'Join(" ", [givenName], [surname])' },
              givenName: { expression: '[givenName]' },
              surname: { expression: '[surname]' },
              employeeId: { expression: '[employeeId]' },
              department: { expression: '[department]' },
              usageLocation: 'DE',
            },
          },
        }),
        node({
          id: 'pass',
          type: 'action',
          data: {
            label: 'Send a Temporary Access Pass to the manager',
            action: 'entra.createTemporaryAccessPass',
            connectionId: 'tenant',
            params: { user: { expression: '[steps.account.id]' }, lifetimeInMinutes: 480, deliverFrom: 'helpdesk@contoso.com', deliverTo: { expression: '[managerMail]' } },
          },
        }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'account'), edge('account', 'pass'), edge('pass', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    const published = await sys.api('POST', `/api/definitions/${def.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);

    // The helpdesk mailbox the pass is sent from.
    peer.addUser({ userPrincipalName: 'helpdesk@contoso.com', displayName: 'Helpdesk', mailNickname: 'helpdesk' });

    const attributes = { employeeId: 'E7001', givenName: 'Zoë', surname: "O'Brien", department: 'R&D (Sales)', managerMail: 'boss@contoso.com' };
    const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E7001', attributes }] });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = startedRuns.parse(started.body).runs[0];
    if (!run) throw new Error('no run started');

    const done = await eventually(async () => {
      const v = runView.parse((await sys.api('GET', `/api/runs/${run.id}`)).body);
      return v.workflowStatus === 'COMPLETED' || v.workflowStatus === 'FAILED' ? v : undefined;
    }, 'the run to finish');
    expect(done.workflowStatus, JSON.stringify(done.nodes)).toBe('COMPLETED');

    const user = peer.user("zoe.o'brien@contoso.com");
    expect(user?.props).toMatchObject({ displayName: "Zoë O'Brien", employeeId: 'E7001', department: 'R&D (Sales)', usageLocation: 'DE', accountEnabled: true });
    const pass = user ? peer.temporaryAccessPass(user.id) : undefined;
    expect(pass?.lifetimeInMinutes).toBe(480);
    expect(peer.sentMail().map((m) => m.to)).toEqual([['boss@contoso.com']]);
    expect(peer.sentMail()[0]?.content).toContain(pass?.temporaryAccessPass ?? '?');

    const history = await sys.client.workflow.getHandle(run.workflowId).fetchHistory();
    const decoded = [...texts(history), ...texts(await decodedPayloads(payloadsIn(history)))];
    expect(decoded.some((t) => t.includes('E7001'))).toBe(true);
    expect(decoded.some((t) => t.includes(user?.id ?? '?'))).toBe(true);
    for (const secret of [peer.clientSecret, user?.password ?? '?', pass?.temporaryAccessPass ?? '?']) {
      expect(decoded.filter((t) => t.includes(secret))).toEqual([]);
    }
  });
});
