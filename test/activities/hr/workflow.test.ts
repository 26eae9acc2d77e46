/**
 * End to end on the real Temporal dev server: hr connections created and tested through the API, a
 * published definition whose step is hr.writeBack, started through POST /api/runs.
 * - webhook: the HR endpoint fails once with a 500; Temporal retries the step, and the endpoint
 *   sees the same Idempotency-Key and document twice, both signed; a 400 fails the run with the
 *   HR system's message.
 * - scim: the worker in scim2-server gets the email, UPN and phone.
 * The secrets appear in no run history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../../workflows/dsl/index.ts';
import { startHrWebhook, type HrWebhook } from '../../peers/hrWebhook.ts';
import { startScimServer, type ScimServer } from '../../peers/scim.ts';
import { runView, startedRuns, type RunView } from '../../support/api.ts';
import { definition, edge, node } from '../../support/definitions.ts';
import { eventually } from '../../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../../support/system.ts';
import { heldUser } from '../scim/fixture.ts';
import { signingSecret } from './fixture.ts';

let sys: TestSystem;
let hr: HrWebhook;
let server: ScimServer;
beforeAll(async () => {
  [sys, hr, server] = await Promise.all([startTestSystem(), startHrWebhook(signingSecret), startScimServer()]);
});
afterAll(async () => {
  await Promise.all([sys.stop(), hr.stop(), server.stop()]);
});

/** start → hr.writeBack (quick retries) → end, on `connectionId`. */
function writeBackDefinition(id: string, connectionId: string): DefinitionInput {
  return definition(
    id,
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({
        id: 'hr',
        type: 'action',
        data: {
          label: 'Write contact details back to HR',
          action: 'hr.writeBack',
          connectionId,
          params: {
            employeeId: { expression: '[employeeId]' },
            email: { expression: '[mail]' },
            userPrincipalName: { expression: '[userPrincipalName]' },
            phone: { expression: '[telephoneNumber]' },
          },
          retry: { initialIntervalSeconds: 0.2, maximumAttempts: 3 },
        },
      }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'hr'), edge('hr', 'end')],
  );
}

async function publish(def: DefinitionInput): Promise<void> {
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
}

async function runToEnd(definitionId: string, attributes: Record<string, string>): Promise<{ view: RunView; workflowId: string; runId: string }> {
  const employeeId = attributes.employeeId ?? '';
  const started = await sys.api('POST', '/api/runs', { definitionId, people: [{ employeeId, attributes }] });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const run = startedRuns.parse(started.body).runs[0];
  if (!run) throw new Error('no run started');
  const view = await eventually(async () => {
    const v = runView.parse((await sys.api('GET', `/api/runs/${run.id}`)).body);
    return v.workflowStatus === 'COMPLETED' || v.workflowStatus === 'FAILED' ? v : undefined;
  }, 'the run to finish');
  return { view, workflowId: run.workflowId, runId: run.id };
}

async function historyText(workflowId: string): Promise<string> {
  return JSON.stringify(await sys.client.workflow.getHandle(workflowId).fetchHistory());
}

const document = z.object({ employeeId: z.string(), attributes: z.record(z.string(), z.string()), runId: z.string(), nodeId: z.string() });

describe('hr write-back on Temporal', () => {
  it('writes back through a signed webhook, retrying a 500 with the same Idempotency-Key and document', async () => {
    const created = await sys.api('POST', '/api/connections', { id: 'hr-webhook', kind: 'hr', name: 'HR (webhook)', config: { mode: 'webhook', url: hr.url, timeoutSeconds: 5 }, secrets: { signingSecret } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain(signingSecret);
    const tested = await sys.api('POST', '/api/connections/hr-webhook/test');
    expect(tested.body).toMatchObject({ ok: true });

    const def = writeBackDefinition('hr-webhook-writeback', 'hr-webhook');
    await publish(def);
    const before = hr.requests.filter((r) => r.method === 'POST').length;
    hr.answer({ status: 500, body: { message: 'HR database busy' } });
    const attributes = { employeeId: 'E5001', mail: 'ada.lovelace@example.com', userPrincipalName: 'ada.lovelace@corp.example.com', telephoneNumber: '+44 20 7946 0001' };
    const { view, workflowId, runId } = await runToEnd(def.id, attributes);
    expect(view.workflowStatus, JSON.stringify(view.nodes)).toBe('COMPLETED');
    expect(view.nodes.hr?.status).toBe('done');

    const posts = hr.requests.filter((r) => r.method === 'POST').slice(before);
    expect(posts).toHaveLength(2);
    const [failed, retried] = posts;
    expect(failed?.signatureValid).toBe(true);
    expect(retried?.signatureValid).toBe(true);
    expect(retried?.raw).toBe(failed?.raw);
    expect(failed?.headers['idempotency-key']).toBe(`${runId}:hr`);
    expect(retried?.headers['idempotency-key']).toBe(`${runId}:hr`);
    expect(document.parse(retried?.json)).toEqual({
      employeeId: 'E5001',
      attributes: { email: 'ada.lovelace@example.com', userPrincipalName: 'ada.lovelace@corp.example.com', phone: '+44 20 7946 0001' },
      runId,
      nodeId: 'hr',
    });
    expect(await historyText(workflowId)).not.toContain(signingSecret);
  });

  it('fails the run without retrying when the HR system refuses the write-back, with its message', async () => {
    const def = writeBackDefinition('hr-webhook-refused', 'hr-webhook');
    await publish(def);
    const before = hr.requests.filter((r) => r.method === 'POST').length;
    hr.answer({ status: 400, body: { message: 'employee E5002 is not active in HR' } });
    const { view } = await runToEnd(def.id, { employeeId: 'E5002', mail: 'b@example.com', userPrincipalName: 'b@corp.example.com', telephoneNumber: '1' });
    expect(view.workflowStatus).toBe('FAILED');
    expect(view.nodes.hr?.error).toContain('employee E5002 is not active in HR');
    expect(hr.requests.filter((r) => r.method === 'POST').length).toBe(before + 1);
  });

  it('writes back to an HR SCIM service: the worker gets email, UPN and phone', async () => {
    const seeded = await server.write('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'hr-E5003', externalId: 'E5003' });
    expect(seeded.status).toBe(201);
    const workerId = z.looseObject({ id: z.string() }).parse(seeded.body).id;
    const created = await sys.api('POST', '/api/connections', { id: 'hr-scim', kind: 'hr', name: 'HR (SCIM)', config: { mode: 'scim', baseUrl: server.baseUrl, auth: { mode: 'bearer' } }, secrets: { token: server.token } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await sys.api('POST', '/api/connections/hr-scim/test')).body).toMatchObject({ ok: true });

    const def = writeBackDefinition('hr-scim-writeback', 'hr-scim');
    await publish(def);
    const { view, workflowId } = await runToEnd(def.id, { employeeId: 'E5003', mail: 'grace.hopper@example.com', userPrincipalName: 'grace.hopper@corp.example.com', telephoneNumber: '+1 555 0142' });
    expect(view.workflowStatus, JSON.stringify(view.nodes)).toBe('COMPLETED');
    expect(await heldUser(server, workerId)).toMatchObject({
      userName: 'grace.hopper@corp.example.com',
      emails: [expect.objectContaining({ type: 'work', value: 'grace.hopper@example.com' })],
      phoneNumbers: [expect.objectContaining({ type: 'work', value: '+1 555 0142' })],
    });
    expect(await historyText(workflowId)).not.toContain(server.token);
  });
});
