/**
 * Personal data in Temporal: with the payload codec on, a completed run's history as Temporal stores
 * it (read with a client that has no codec) holds no clear-text attribute value; a client with the
 * codec reads the same history back in clear.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { runWorkflowId } from '../../workflows/messages.ts';
import { startedRuns } from '../support/api.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
let raw: Client;
beforeAll(async () => {
  sys = await startTestSystem();
  raw = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
});
afterAll(async () => {
  await raw.connection.close();
  await sys.stop();
});

/** Every string a history holds, payload bytes decoded as text too. */
function everything(history: unknown): string {
  const texts: string[] = [JSON.stringify(history)];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) texts.push(Buffer.from(v).toString('utf8'), Buffer.from(v).toString('latin1'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(history);
  return texts.join('\n');
}

describe('payload encryption', () => {
  it('keeps names and national ids out of Temporal’s storage, and readable with the key', async () => {
    const nationalId = '756.9217.0769.85';
    const givenName = 'Zoë-Unmistakable';
    const greet = { action: 'core.log', params: { message: { expression: 'Join(" ", "Welcome", [givenName], "from", [department])' } } };
    await sys.api('POST', '/api/definitions', definition('pii', [node({ id: 'start', type: 'start', data: {} }), node({ id: 'greet', type: 'action', data: greet }), node({ id: 'end', type: 'end', data: {} })], [edge('start', 'greet'), edge('greet', 'end')]));
    await sys.api('POST', '/api/definitions/pii/publish');
    const started = startedRuns.parse((await sys.api('POST', '/api/runs', { definitionId: 'pii', people: [{ employeeId: 'E-PII', attributes: { department: 'Sales', givenName, nationalId } }] })).body);
    const runId = started.runs[0]?.id ?? '';
    await eventually(async () => ((await sys.client.workflow.getHandle(runWorkflowId(runId)).describe()).status.name === 'COMPLETED' ? true : undefined), 'the run to complete');

    const stored = everything(await raw.workflow.getHandle(runWorkflowId(runId)).fetchHistory());
    expect(stored).toContain('binary/encrypted');
    expect(stored).not.toContain(nationalId);
    expect(stored).not.toContain(givenName);
    expect(stored).not.toContain('Sales');

    // The same history through a client that holds the key: the run's result names the person.
    const result = JSON.stringify(await sys.client.workflow.getHandle(runWorkflowId(runId)).result());
    expect(result).toContain(`Welcome ${givenName}`);

    // The codec endpoint decrypts the stored start input for an authorized reader, and only for one.
    const history = await raw.workflow.getHandle(runWorkflowId(runId)).fetchHistory();
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    const wire = {
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(input?.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
          data: Buffer.from(input?.data ?? new Uint8Array()).toString('base64'),
        },
      ],
    };
    const decoded = await sys.api('POST', '/api/codec/decode', wire);
    expect(decoded.status).toBe(200);
    const clear = z.object({ payloads: z.array(z.object({ data: z.string() })) }).parse(decoded.body);
    expect(Buffer.from(clear.payloads[0]?.data ?? '', 'base64').toString('utf8')).toContain(nationalId);

    await sys.api('POST', '/api/users', { id: 'nosy', displayName: 'Nosy', roles: ['designer'] });
    const { token } = z.object({ token: z.string() }).parse((await sys.api('POST', '/api/users/nosy/tokens', { name: 't' })).body);
    const refused = await sys.app.inject({ method: 'POST', url: '/api/codec/decode', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(wire) });
    expect(refused.statusCode).toBe(403);
  });
});
