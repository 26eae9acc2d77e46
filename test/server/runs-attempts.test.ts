/**
 * GET /api/runs/:id tells a step that keeps failing from a step at work: while Temporal retries it,
 * the run view carries its attempt, the last attempt's error and when the next attempt is due, read
 * from Temporal's pending activities on the real dev server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runView, startedRuns } from '../support/api.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { freePort } from '../support/ports.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
const signingSecret = 'a-signing-secret-of-some-length';
beforeAll(async () => {
  sys = await startTestSystem();
  // A web service call to a port where nothing listens fails at once, and retrying may help.
  const nowhere = { id: 'nowhere', kind: 'http', name: 'Nowhere', config: { url: `http://127.0.0.1:${await freePort()}/`, timeoutSeconds: 5 }, secrets: { signingSecret } };
  expect((await sys.api('POST', '/api/connections', nowhere)).status).toBe(201);
});
afterAll(async () => {
  await sys.stop();
});

const attempts = z.array(
  z.strictObject({
    nodeId: z.string().nullable(),
    activityType: z.string(),
    state: z.string(),
    attempt: z.number(),
    maximumAttempts: z.number().nullable(),
    lastError: z.strictObject({ message: z.string(), type: z.string().optional() }).nullable(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  }),
);
const attemptsView = runView.extend({ activities: attempts });

async function view(runId: string) {
  const res = await sys.api('GET', `/api/runs/${runId}`);
  expect(res.status).toBe(200);
  return { parsed: attemptsView.parse(res.body), text: JSON.stringify(res.body) };
}

describe('a step Temporal retries', () => {
  it('shows its attempt, the last error and the next retry while it retries, and only the step’s error once it failed', async () => {
    const def = definition(
      'fragile-callout',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'note', type: 'action', data: log('calling out') }),
        node({ id: 'call', type: 'action', data: { label: 'Call out', action: 'http.callout', connectionId: 'nowhere', params: { payload: '{"app":"wiki"}' }, retry: { maximumAttempts: 4, initialIntervalSeconds: 2, backoffCoefficient: 1 } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'note'), edge('note', 'call'), edge('call', 'end')],
    );
    expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
    expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
    const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId: 'E-7001', attributes: { givenName: 'Grace' } }] });
    expect(started.status).toBe(202);
    const runId = startedRuns.parse(started.body).runs[0]?.id ?? '';

    // Between two attempts: the second (or a later one) is due, the first one's error is known.
    const retrying = await eventually(async () => {
      const v = await view(runId);
      const call = v.parsed.activities.find((a) => a.activityType === 'http.callout');
      return call !== undefined && call.attempt > 1 && call.nextAttemptAt !== null ? { ...v, call } : undefined;
    }, 'the step to wait for its next attempt');
    expect(retrying.parsed.workflowStatus).toBe('RUNNING');
    expect(retrying.parsed.nodes.call?.status).toBe('running');
    expect(retrying.call).toMatchObject({ nodeId: 'call', state: 'scheduled', maximumAttempts: 4, lastError: { type: 'HttpUnavailable' } });
    expect(retrying.call.lastError?.message).toContain('the service could not be reached');
    expect(retrying.call.attempt).toBeLessThanOrEqual(4);
    const lastAttemptAt = Date.parse(retrying.call.lastAttemptAt ?? '');
    const nextAttemptAt = Date.parse(retrying.call.nextAttemptAt ?? '');
    expect(nextAttemptAt - lastAttemptAt).toBeGreaterThanOrEqual(1500);
    expect(nextAttemptAt - lastAttemptAt).toBeLessThanOrEqual(2500);
    // The message is the step's error text, never the secret, a stack trace or the failure's details.
    expect(retrying.text).not.toContain(signingSecret);
    expect(retrying.text).not.toMatch(/stackTrace|at async |\.ts:\d+/);

    // Once the attempts are spent the step has failed: nothing is pending, its error is the one shown before.
    const failed = await eventually(
      async () => {
        const v = await view(runId);
        return v.parsed.workflowStatus === 'FAILED' ? v.parsed : undefined;
      },
      'the run to fail',
      60_000,
    );
    expect(failed.activities).toEqual([]);
    expect(failed.nodes.call?.status).toBe('failed');
    expect(failed.nodes.call?.error).toContain(retrying.call.lastError?.message.split(';')[0] ?? '(none)');
  });
});
