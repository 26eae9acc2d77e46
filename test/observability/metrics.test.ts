/**
 * GET /metrics after real work: an HR event posted through the API starts a run on real Temporal
 * whose HTTP callout fails once (the receiver answers 503) and then succeeds, a run ends as failed,
 * another waits at an approval. Every Tenure series is exposed with the values that work produced,
 * next to the default process metrics; and the route asks for an operator or auditor token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { startedRuns, runView } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { startReceiver, type Receiver } from '../activities/http/receiver.ts';

const signingSecret = 'metrics-test-signing-secret-0123456789';
let sys: TestSystem;
let receiver: Receiver;

async function tokenFor(id: string, roles: string[]): Promise<Record<string, string>> {
  expect((await sys.api('POST', '/api/users', { id, displayName: id, roles })).status).toBe(201);
  const issued = await sys.api('POST', `/api/users/${id}/tokens`, { name: 'scrape' });
  return { authorization: `Bearer ${z.object({ token: z.string() }).parse(issued.body).token}` };
}

async function publish(def: DefinitionInput): Promise<void> {
  const created = await sys.api('POST', '/api/definitions', def);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
}

async function runNow(definitionId: string, employeeId: string): Promise<string> {
  const started = await sys.api('POST', '/api/runs', { definitionId, people: [{ employeeId, attributes: { givenName: 'Grace' } }] });
  expect(started.status).toBe(202);
  const run = startedRuns.parse(started.body).runs[0];
  if (!run) throw new Error('no run started');
  return run.id;
}

/** The value of one sample (`name{labels}`) in a Prometheus text exposition; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map<string, string>([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l): [string, string] => [l[1] ?? '', l[2] ?? '']));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) return Number(m[3]);
  }
  return undefined;
}

beforeAll(async () => {
  [sys, receiver] = await Promise.all([startTestSystem(), startReceiver(signingSecret)]);
  expect((await sys.api('POST', '/api/connections', { id: 'hook', kind: 'http', name: 'Provisioning service', config: { url: receiver.url, timeoutSeconds: 5 }, secrets: { signingSecret } })).status).toBe(201);
  await publish(
    definition(
      'metrics-joiner',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'note', type: 'action', data: log('joiner arrived') }),
        node({ id: 'provision', type: 'action', data: { action: 'http.callout', connectionId: 'hook', params: { payload: '{"app":"wiki"}' }, retry: { maximumAttempts: 3, initialIntervalSeconds: 0.5 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'note'), edge('note', 'provision'), edge('provision', 'end')],
      { lifecycle: 'joiner', trigger: { events: ['hire'] } },
    ),
  );
  await publish(
    definition(
      'metrics-approval',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'approve', type: 'approval', data: { question: 'Grant access?', approvers: [{ kind: 'user', userId: 'someone-else' }] } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'approve'), edge('approve', 'end', 'approved'), edge('approve', 'end', 'rejected')],
    ),
  );
  await publish(
    definition(
      'metrics-refused',
      [node({ id: 'start', type: 'start', data: {} }), node({ id: 'refused', type: 'end', data: { label: 'Refused', outcome: 'failed' } })],
      [edge('start', 'refused')],
    ),
  );
});
afterAll(async () => {
  await Promise.all([sys.stop(), receiver.stop()]);
});

describe('GET /metrics', () => {
  it('exposes HR events, runs by outcome, activity latency and errors, and pending approvals with real values', async () => {
    const auditor = await tokenFor('prometheus', ['auditor']);
    receiver.answer({ status: 503, body: { error: 'warming up' } });
    const accepted = await sys.api('POST', '/api/hr/events', { eventId: 'metrics-evt-1', type: 'hire', employeeId: 'M1', attributes: { givenName: 'Ada' } });
    expect(accepted.status).toBe(202);
    const waiting = await runNow('metrics-approval', 'M2');
    await runNow('metrics-refused', 'M3');

    await eventually(async () => {
      const res = await sys.api('GET', '/api/people/M1');
      const runs = z.object({ runs: z.array(z.object({ definitionId: z.string(), status: z.string() }).loose()) }).parse(res.body).runs;
      return runs.some((r) => r.definitionId === 'metrics-joiner' && r.status === 'succeeded') ? true : undefined;
    }, 'the joiner run to succeed after its callout was retried');
    await eventually(async () => (runView.parse((await sys.api('GET', `/api/runs/${waiting}`)).body).nodes.approve?.status === 'waiting' ? true : undefined), 'the approval to open');
    expect(receiver.requests.length).toBe(2);

    const text = await eventually(async () => {
      const res = await sys.app.inject({ method: 'GET', url: '/metrics', headers: auditor });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = res.body;
      const ready = (sample(body, 'tenure_approvals_pending') ?? 0) >= 1 && (sample(body, 'tenure_runs_completed_total', { definition: 'metrics-refused', outcome: 'failed' }) ?? 0) >= 1;
      return ready ? body : undefined;
    }, 'the pending approval and the failed run to show in /metrics');

    expect(sample(text, 'tenure_hr_events_accepted_total', { source: 'hr', channel: 'webhook' })).toBe(1);
    expect(sample(text, 'tenure_runs_started_total', { definition: 'metrics-joiner' })).toBe(1);
    expect(sample(text, 'tenure_runs_started_total', { definition: 'metrics-approval' })).toBe(1);
    expect(sample(text, 'tenure_runs_completed_total', { definition: 'metrics-joiner', outcome: 'succeeded' })).toBe(1);
    expect(sample(text, 'tenure_runs_completed_total', { definition: 'metrics-refused', outcome: 'failed' })).toBe(1);
    expect(sample(text, 'tenure_runs_completed_total', { definition: 'metrics-approval' })).toBeUndefined();
    expect(sample(text, 'tenure_runs_failed_total', { definition: 'metrics-refused', reason: 'failed-end' })).toBe(1);
    expect(sample(text, 'tenure_runs_failed_total', { definition: 'metrics-joiner' })).toBeUndefined();
    expect(sample(text, 'tenure_activity_duration_seconds_count', { connector: 'http', action: 'http.callout' })).toBe(2);
    expect(sample(text, 'tenure_activity_duration_seconds_sum', { connector: 'http', action: 'http.callout' })).toBeGreaterThan(0);
    expect(sample(text, 'tenure_activity_duration_seconds_count', { connector: 'core', action: 'core.log' })).toBe(1);
    expect(sample(text, 'tenure_activity_errors_total', { connector: 'http', action: 'http.callout', type: 'HttpUnavailable' })).toBe(1);
    expect(sample(text, 'tenure_approvals_pending')).toBe(1);
    expect(sample(text, 'tenure_approval_oldest_pending_age_seconds')).toBeGreaterThan(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('answers an operator or auditor token, and refuses no token and other roles', async () => {
    const operator = await tokenFor('ops-scraper', ['operator']);
    const designer = await tokenFor('drawer', ['designer']);
    expect((await sys.app.inject({ method: 'GET', url: '/metrics', headers: operator })).statusCode).toBe(200);
    expect((await sys.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await sys.app.inject({ method: 'GET', url: '/metrics', headers: designer })).statusCode).toBe(403);
  });
});
