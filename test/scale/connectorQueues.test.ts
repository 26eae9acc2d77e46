/**
 * Per-connector task queues (TENURE_CONNECTOR_QUEUES): with `http` split off, a run's HTTP callout
 * is scheduled on `<taskQueue>-http` and run by the worker polling that queue, while the lifecycle
 * worker runs the workflow and every other step. While nobody serves the http queue, the steps on
 * the other branch still finish: a stalled target system holds up only its own steps. The run's
 * history replays deterministically, routing included.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApprovalStore } from '../../server/db/approvals.ts';
import { createPeopleStore } from '../../server/db/people.ts';
import { createRunStore } from '../../server/db/runs.ts';
import { payloadCodec } from '../../server/temporal/codec.ts';
import { createConnectorWorker } from '../../server/temporal/worker.ts';
import { runView, startedRuns, type RunView } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { signingSecret } from '../activities/http/connection.ts';
import { startReceiver, type Receiver } from '../activities/http/receiver.ts';

let sys: TestSystem;
let receiver: Receiver;
let connection: NativeConnection;
let httpWorker: Worker | undefined;
let httpRunning: Promise<void> | undefined;

beforeAll(async () => {
  [sys, receiver, connection] = await Promise.all([startTestSystem({ connectorQueues: ['http'] }), startReceiver(signingSecret), NativeConnection.connect({ address: inject('temporalAddress') })]);
  const created = await sys.api('POST', '/api/connections', { id: 'hook', kind: 'http', name: 'Provisioning service', config: { url: receiver.url, timeoutSeconds: 5 }, secrets: { signingSecret } });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  httpWorker?.shutdown();
  await httpRunning;
  await connection.close();
  await Promise.all([sys.stop(), receiver.stop()]);
});

const view = async (runId: string): Promise<RunView> => runView.parse((await sys.api('GET', `/api/runs/${runId}`)).body);

describe('per-connector task queues', () => {
  it('runs the split connector’s step on its own queue’s worker, and the rest on the lifecycle worker', async () => {
    const def = definition(
      'split-queues',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'fork', type: 'parallel', data: {} }),
        node({ id: 'notify', type: 'action', data: { action: 'http.callout', connectionId: 'hook', params: { payload: '{"employeeId":"E1"}' } } }),
        node({ id: 'note', type: 'action', data: log('on the lifecycle queue') }),
        node({ id: 'remember', type: 'action', data: { action: 'core.setVariable', params: { name: 'seen', value: 'yes' } } }),
        node({ id: 'join', type: 'join', data: {} }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'fork'), edge('fork', 'notify'), edge('fork', 'note'), edge('note', 'remember'), edge('notify', 'join'), edge('remember', 'join'), edge('join', 'end')],
    );
    const saved = await sys.api('POST', '/api/definitions', def);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect((await sys.api('POST', '/api/definitions/split-queues/publish')).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: 'split-queues', people: [{ employeeId: 'E1', attributes: {} }] });
    expect(started.status).toBe(202);
    const run = startedRuns.parse(started.body).runs[0];
    if (!run) throw new Error('no run started');

    // Nobody polls the http queue yet: the callout waits there, the other branch finishes.
    const stalled = await eventually(async () => {
      const v = await view(run.id);
      return v.nodes.remember?.status === 'done' ? v : undefined;
    }, 'the lifecycle-queue branch to finish');
    expect(stalled.nodes.notify?.status).toBe('running');
    expect(receiver.requests).toHaveLength(0);

    const deps = { revisions: sys.definitions, connections: sys.connections, people: createPeopleStore(sys.db, createRunStore(sys.db)), callbackKey: sys.keyring.callbackKey, approvalLinkKey: sys.keyring.approvalLinkKey, approvals: createApprovalStore(sys.db), publicUrl: 'http://127.0.0.1:0' };
    const worker = await createConnectorWorker({ connection, namespace: 'default', taskQueue: sys.taskQueue, kind: 'http', deps, dataConverter: { payloadCodecs: [payloadCodec(sys.keyring)] }, identity: 'http-queue-worker' });
    httpWorker = worker;
    httpRunning = worker.run();

    const done = await eventually(async () => {
      const v = await view(run.id);
      return v.workflowStatus === 'COMPLETED' ? v : undefined;
    }, 'the run to complete once the http queue is served');
    expect(done.outcome).toBe('succeeded');
    expect(done.nodes.notify?.status).toBe('done');
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.signatureValid).toBe(true);

    // Where each step was scheduled and who ran it, as Temporal recorded it.
    const history = await sys.client.workflow.getHandle(run.workflowId).fetchHistory();
    const { events } = history;
    const scheduled = new Map<string, { type: string; queue: string }>();
    const ranBy: { type: string; queue: string; identity: string }[] = [];
    for (const e of events ?? []) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s && e.eventId != null) scheduled.set(String(e.eventId), { type: s.activityType?.name ?? '', queue: s.taskQueue?.name ?? '' });
      const r = e.activityTaskStartedEventAttributes;
      if (r) {
        const of = scheduled.get(String(r.scheduledEventId));
        if (of) ranBy.push({ ...of, identity: r.identity ?? '' });
      }
    }
    const httpSteps = ranBy.filter((a) => a.type === 'http.callout');
    const others = ranBy.filter((a) => a.type !== 'http.callout');
    expect(httpSteps).toEqual([{ type: 'http.callout', queue: `${sys.taskQueue}-http`, identity: 'http-queue-worker' }]);
    expect(others.map((a) => a.type)).toEqual(expect.arrayContaining(['store.loadRevision', 'core.log']));
    // core.setVariable is workflow code, not an activity: it is scheduled on no queue at all.
    expect(others.map((a) => a.type)).not.toContain('core.setVariable');
    for (const a of others) {
      expect(a.queue, a.type).toBe(sys.taskQueue);
      expect(a.identity, a.type).not.toBe('http-queue-worker');
    }

    // The routing came from the recorded revision load, so the history replays as it ran.
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: { payloadCodecs: [payloadCodec(sys.keyring)] } }, history, run.workflowId)).resolves.toBeUndefined();
  });
});
