/**
 * The lifecycle interpreter on the real Temporal dev server, driven through the HTTP API as an
 * admin would: publish, run for a person, watch node statuses move, decide the approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DefinitionInput } from '../../workflows/dsl/index.ts';
import { errorBody, runView, startedRuns, type RunView } from '../support/api.ts';
import { definition, edge, log, node, sampleDefinition } from '../support/definitions.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
/** Runs are requested by an operator: the requester may never approve their own change, so the admin decides. */
let operator: Record<string, string>;
beforeAll(async () => {
  sys = await startTestSystem();
  expect((await sys.api('POST', '/api/users', { id: 'ops', displayName: 'Operator', roles: ['operator'] })).status).toBe(201);
  const issued = await sys.api('POST', '/api/users/ops/tokens', { name: 'runs' });
  operator = { authorization: `Bearer ${z.object({ token: z.string() }).parse(issued.body).token}` };
});
afterAll(async () => {
  await sys.stop();
});

async function publishAndRun(def: DefinitionInput, attributes: Record<string, unknown>, employeeId = 'E1001'): Promise<string> {
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', `/api/definitions/${def.id}/publish`)).status).toBe(201);
  const started = await sys.api('POST', '/api/runs', { definitionId: def.id, people: [{ employeeId, attributes }] }, operator);
  expect(started.status).toBe(202);
  const run = startedRuns.parse(started.body).runs[0];
  if (!run) throw new Error('no run started');
  return run.id;
}

async function view(runId: string): Promise<RunView> {
  const res = await sys.api('GET', `/api/runs/${runId}`);
  expect(res.status).toBe(200);
  return runView.parse(res.body);
}

const until = (runId: string, what: string, ok: (v: RunView) => boolean, timeoutMs?: number) =>
  eventually(async () => {
    const v = await view(runId);
    return ok(v) ? v : undefined;
  }, what, timeoutMs);

describe('lifecycle run on Temporal', () => {
  it('runs the sample to its approval, shows the statuses moving, and completes when approved through the API', async () => {
    const runId = await publishAndRun(sampleDefinition('sample', 2), { department: 'Engineering', givenName: 'Ada' });

    const waiting = await until(runId, 'the wait to arm', (v) => v.nodes.settle?.status === 'waiting');
    expect(waiting.nodes.greet?.status).toBe('done');
    expect(waiting.nodes.remember?.status).toBe('done');
    expect(waiting.nodes.approve?.status).toBe('pending');
    expect(waiting.nodes.settle?.waitingUntil).toBeDefined();

    const atApproval = await until(runId, 'the approval to open', (v) => v.nodes.approve?.status === 'waiting');
    expect(atApproval.openApprovals).toEqual([expect.objectContaining({ nodeId: 'approve', approvers: ['admin'] })]);
    expect(atApproval.nodes.approve?.waitingFor).toEqual(['admin']);
    const settle = atApproval.nodes.settle;
    expect(Date.parse(settle?.endedAt ?? '') - Date.parse(settle?.startedAt ?? '')).toBeGreaterThanOrEqual(2000);

    const decided = await sys.api('POST', `/api/approvals/${runId}:approve/decision`, { decision: 'approve', comment: 'fine' });
    expect(decided).toMatchObject({ status: 200, body: { approval: `${runId}:approve`, outcome: 'approved' } });

    const done = await until(runId, 'the run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.outcome).toBe('succeeded');
    expect(done.vars).toEqual({ team: 'platform' });
    const order = done.trace.map((t) => t.nodeId);
    expect(order.slice(0, 3)).toEqual(['start', 'route', 'fork']);
    expect(order.slice(3, 5).sort()).toEqual(['greet', 'remember']);
    expect(order.slice(5)).toEqual(['join', 'settle', 'approve', 'done']);
    expect(done.nodes.other?.status).toBe('skipped');
    expect(done.trace.find((t) => t.nodeId === 'greet')).toMatchObject({ input: { message: 'Welcome Ada', level: 'info' } });
  });

  it('refuses a decision from someone who is not an approver, and one after the step closed', async () => {
    const runId = await publishAndRun(sampleDefinition('guarded', 1, 'someone-else'), { department: 'Engineering' }, 'E2002');
    await until(runId, 'the approval to open', (v) => v.nodes.approve?.status === 'waiting');

    const refused = await sys.api('POST', `/api/approvals/${runId}:approve/decision`, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(errorBody.parse(refused.body).error.message).toBe('admin is not an approver of step "approve"');
    const still = await view(runId);
    expect(still.nodes.approve?.status).toBe('waiting');

    const notWaiting = await sys.api('POST', `/api/approvals/${runId}:settle/decision`, { decision: 'approve' });
    expect(notWaiting.status).toBe(409);
    expect(errorBody.parse(notWaiting.body).error.message).toBe('step "settle" is not waiting for a decision');

    const unknown = await sys.api('POST', '/api/approvals/no-such-run:approve/decision', { decision: 'approve' });
    expect(unknown.status).toBe(404);
  });

  it('leaves a rejected approval through its rejected handle', async () => {
    const runId = await publishAndRun(sampleDefinition('rejecting', 1), { department: 'Engineering' }, 'E3003');
    await until(runId, 'the approval to open', (v) => v.nodes.approve?.status === 'waiting');
    expect((await sys.api('POST', `/api/approvals/${runId}:approve/decision`, { decision: 'reject' })).status).toBe(200);
    const failed = await until(runId, 'the run to fail', (v) => v.workflowStatus === 'FAILED');
    expect(failed.nodes.approve).toMatchObject({ status: 'done', handle: 'rejected' });
    expect(failed.nodes.refused?.status).toBe('done');
    const again = await sys.api('POST', `/api/approvals/${runId}:approve/decision`, { decision: 'approve' });
    expect(again.status).toBe(409);
  });

  it('re-arms a date wait when the person’s date changes', async () => {
    const def = definition(
      'rearm',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'day1', type: 'wait', data: { wait: { kind: 'until', attribute: 'startsAt', offsetDays: 0 } } }),
        node({ id: 'hello', type: 'action', data: log('day one') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'day1'), edge('day1', 'hello'), edge('hello', 'end')],
    );
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const runId = await publishAndRun(def, { startsAt: inAnHour }, 'E4004');
    const armed = await until(runId, 'the wait to arm', (v) => v.nodes.day1?.status === 'waiting');
    expect(armed.nodes.day1?.waitingUntil).toBe(inAnHour);

    const soon = new Date(Date.now() + 1500).toISOString();
    const { attributesChangedSignal, runWorkflowId } = await import('../../workflows/messages.ts');
    await sys.client.workflow.getHandle(runWorkflowId(runId)).signal(attributesChangedSignal, { startsAt: soon });
    const done = await until(runId, 'the run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.trace.find((t) => t.nodeId === 'day1')).toMatchObject({ until: soon });
  });

  it('cancels the sibling branch when one branch fails, and fails the run', async () => {
    const def = definition(
      'siblings',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'fork', type: 'parallel', data: {} }),
        node({ id: 'bad', type: 'action', data: { action: 'core.setVariable', params: { name: { expression: '"not a name"' }, value: 1 } } }),
        node({ id: 'slow', type: 'wait', data: { wait: { kind: 'duration', duration: { days: 1 } } } }),
        node({ id: 'join', type: 'join', data: {} }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'fork'), edge('fork', 'bad'), edge('fork', 'slow'), edge('bad', 'join'), edge('slow', 'join'), edge('join', 'end')],
    );
    const runId = await publishAndRun(def, {}, 'E5005');
    const failed = await until(runId, 'the run to fail', (v) => v.workflowStatus === 'FAILED');
    expect(failed.nodes.bad?.status).toBe('failed');
    expect(failed.nodes.bad?.error).toContain('name: use letters, digits and "_"');
    expect(failed.nodes.slow).toMatchObject({ status: 'skipped', error: 'cancelled: a parallel branch failed' });
    expect(failed.error).toContain('failed');
  });
  it('holds a failed step for an operator, who retries it once the data is fixed, or skips it', async () => {
    const def = definition(
      'operator',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'name', type: 'action', data: { action: 'core.setVariable', waitForOperator: true, params: { name: { expression: '[varName]' }, value: 1 } } }),
        node({ id: 'after', type: 'action', data: log('after the step') }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'name'), edge('name', 'after'), edge('after', 'end')],
    );
    const runId = await publishAndRun(def, { varName: 'not a name' }, 'E6006');
    const waiting = await until(runId, 'the step to wait for an operator', (v) => v.nodes.name?.awaitingOperator === true);
    expect(waiting.workflowStatus).toBe('RUNNING');
    expect(waiting.nodes.name?.status).toBe('failed');
    expect(waiting.nodes.name?.error).toContain('use letters, digits and "_"');
    expect(waiting.nodes.after?.status).toBe('pending');

    const wrongStep = await sys.api('POST', `/api/runs/${runId}/steps/after/resolve`, { action: 'retry' });
    expect(wrongStep.status).toBe(409);
    expect(errorBody.parse(wrongStep.body).error.message).toBe('step "after" is not waiting for an operator');

    const { attributesChangedSignal, runWorkflowId } = await import('../../workflows/messages.ts');
    await sys.client.workflow.getHandle(runWorkflowId(runId)).signal(attributesChangedSignal, { varName: 'fixed' });
    expect(await sys.api('POST', `/api/runs/${runId}/steps/name/resolve`, { action: 'retry' })).toMatchObject({ status: 200, body: { nodeId: 'name', action: 'retry' } });
    const done = await until(runId, 'the retried run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(done.vars).toEqual({ fixed: 1 });
    expect(done.nodes.name).toMatchObject({ status: 'done', visits: 2 });
    expect(done.trace.find((t) => t.handle === 'retry')).toMatchObject({ nodeId: 'name' });

    const skipped = await publishAndRun({ ...def, id: 'operator-skip' }, { varName: 'still not a name' }, 'E6007');
    await until(skipped, 'the step to wait for an operator', (v) => v.nodes.name?.awaitingOperator === true);
    expect((await sys.api('POST', `/api/runs/${skipped}/steps/name/resolve`, { action: 'skip' })).status).toBe(200);
    const past = await until(skipped, 'the skipping run to complete', (v) => v.workflowStatus === 'COMPLETED');
    expect(past.nodes.name).toMatchObject({ status: 'failed', handle: 'next' });
    expect(past.nodes.after?.status).toBe('done');
    expect(past.vars).toEqual({});
  });
});
