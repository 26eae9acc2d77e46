/**
 * Approval steps on the real Temporal dev server, driven through the API by real users with their
 * own tokens: modes, stages, delegation, and every refusal the decide Update's validator makes.
 */
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runWorkflowId } from '../../workflows/messages.ts';
import { errorBody } from '../support/api.ts';
import {
  addPerson,
  approvalDefinition,
  callAs,
  decideAs,
  inboxOf,
  publishAndRun,
  runUntil,
  userWithToken,
  type Headers,
} from '../support/approvals.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let sys: TestSystem;
const as: Record<string, Headers> = {};

beforeAll(async () => {
  sys = await startTestSystem();
  as.ops = await userWithToken(sys, 'ops', { roles: ['operator'] });
  // Ada (E1) is the person runs are about; Grace (E2) is her manager, Linus (E3) Grace's manager.
  as.ada = await userWithToken(sys, 'ada', { employeeId: 'E1' });
  as.grace = await userWithToken(sys, 'grace', { employeeId: 'E2' });
  as.linus = await userWithToken(sys, 'linus', { employeeId: 'E3' });
  for (const id of ['a', 'b', 'c', 'd', 'mallory', 'sec1', 'sec2']) as[id] = await userWithToken(sys, id);
  await addPerson(sys.db, 'E2', { managerId: 'E3' });
  expect((await sys.api('PUT', '/api/approver-groups/security', { name: 'Security', members: ['sec1', 'sec2'] })).status).toBe(200);
});
afterAll(async () => {
  await sys.stop();
});

const ada = { employeeId: 'E1', attributes: { givenName: 'Ada', surname: 'Lovelace', managerId: 'E2' } };
const header = (id: string): Headers => {
  const h = as[id];
  if (!h) throw new Error(`no user ${id}`);
  return h;
};
const waiting = (runId: string, what = 'the approval to wait for its approvers') => runUntil(sys, runId, what, (v) => v.nodes.ask?.status === 'waiting');
/** Finished runs, replayed against the code at the end: stages, delegation and refusals must replay deterministically. */
const finishedRuns: string[] = [];
const finished = async (runId: string) => {
  const view = await runUntil(sys, runId, 'the run to finish', (v) => v.workflowStatus !== 'RUNNING');
  finishedRuns.push(runId);
  return view;
};

describe('approval modes', () => {
  it('any: the first answer decides, and nobody decides after it', async () => {
    const runId = await publishAndRun(sys, approvalDefinition('any-of-three', { approvers: [{ kind: 'user', userId: 'a' }, { kind: 'user', userId: 'b' }, { kind: 'user', userId: 'c' }] }), ada, header('ops'));
    const open = await waiting(runId);
    expect(open.nodes.ask?.waitingFor).toEqual(['a', 'b', 'c']);
    expect(await decideAs(sys, header('b'), `${runId}:ask`, 'approve', 'fine by me')).toEqual({ status: 200, body: { approval: `${runId}:ask`, outcome: 'approved', stage: 1 } });
    const done = await finished(runId);
    expect(done.nodes.ask?.handle).toBe('approved');
    expect(done.trace.find((t) => t.nodeId === 'ask')?.decisions).toEqual([expect.objectContaining({ approver: 'b', decision: 'approve', comment: 'fine by me', stage: 1, via: 'inbox' })]);
    expect(done.trace.find((t) => t.nodeId === 'granted')?.input).toEqual({ message: 'approved by b', level: 'info' });
    const late = await decideAs(sys, header('a'), `${runId}:ask`, 'reject');
    expect(late.status).toBe(409);
    expect(errorBody.parse(late.body).error.code).toBe('approval_closed');
  });

  it('all: waits for everyone, refuses a second decision by the same approver, and one rejection rejects', async () => {
    const def = approvalDefinition('all-of-two', { stages: [{ approvers: [{ kind: 'user', userId: 'a' }, { kind: 'user', userId: 'b' }], mode: 'all' }] });
    const runId = await publishAndRun(sys, def, ada, header('ops'));
    await waiting(runId);
    expect((await decideAs(sys, header('a'), `${runId}:ask`, 'approve')).body).toMatchObject({ outcome: 'pending' });
    const again = await decideAs(sys, header('a'), `${runId}:ask`, 'reject');
    expect(again.status).toBe(409);
    expect(errorBody.parse(again.body).error).toEqual({ code: 'already_decided', message: `a has already decided step "ask"` });
    const stillOpen = await runUntil(sys, runId, 'b to be the one pending', (v) => v.nodes.ask?.waitingFor?.join() === 'b');
    expect(stillOpen.workflowStatus).toBe('RUNNING');
    expect((await decideAs(sys, header('b'), `${runId}:ask`, 'approve')).body).toMatchObject({ outcome: 'approved' });
    expect((await finished(runId)).nodes.ask?.handle).toBe('approved');

    const second = await publishAndRun(sys, def, { ...ada, employeeId: 'E1' }, header('ops'));
    await waiting(second);
    expect((await decideAs(sys, header('b'), `${second}:ask`, 'reject', 'not now')).body).toMatchObject({ outcome: 'rejected' });
    expect((await finished(second)).nodes.ask?.handle).toBe('rejected');
  });

  it('quorum: two approvals of three carry it, whatever the third says', async () => {
    const def = approvalDefinition('two-of-three', { stages: [{ approvers: [{ kind: 'user', userId: 'a' }, { kind: 'user', userId: 'b' }, { kind: 'user', userId: 'c' }], mode: 'quorum', quorum: 2 }] });
    const runId = await publishAndRun(sys, def, ada, header('ops'));
    await waiting(runId);
    expect((await decideAs(sys, header('a'), `${runId}:ask`, 'approve')).body).toMatchObject({ outcome: 'pending' });
    expect((await decideAs(sys, header('b'), `${runId}:ask`, 'reject')).body).toMatchObject({ outcome: 'pending' });
    expect((await decideAs(sys, header('c'), `${runId}:ask`, 'approve')).body).toMatchObject({ outcome: 'approved' });
    const done = await finished(runId);
    expect(done.nodes.ask?.handle).toBe('approved');
    expect(done.trace.find((t) => t.nodeId === 'granted')?.input).toEqual({ message: 'approved by a,c', level: 'info' });
  });
});

describe('stages and resolution', () => {
  it('asks the manager first, then the security group; each stage in turn, in the inbox of its approvers', async () => {
    const def = approvalDefinition('two-stages', {
      stages: [
        { label: 'Manager', approvers: [{ kind: 'manager' }] },
        { label: 'Security', approvers: [{ kind: 'group', groupId: 'security' }] },
      ],
    });
    const runId = await publishAndRun(sys, def, ada, header('ops'));
    await waiting(runId);
    const [item] = await inboxOf(sys, header('grace'));
    expect(item).toMatchObject({
      id: `${runId}:ask`,
      runId,
      nodeId: 'ask',
      employeeId: 'E1',
      definitionId: 'two-stages',
      question: 'Grant production access?',
      approvers: ['grace'],
      stage: 1,
      stages: 2,
      stageLabel: 'Manager',
      person: { employeeId: 'E1', displayName: 'Ada Lovelace' },
      step: 'Grant access',
      onApprove: 'Then: Log the grant',
    });
    expect(await inboxOf(sys, header('sec1'))).toEqual([]);

    expect((await decideAs(sys, header('grace'), `${runId}:ask`, 'approve')).body).toMatchObject({ outcome: 'approved', stage: 1 });
    const second = await runUntil(sys, runId, 'the security stage', (v) => v.openApprovals[0]?.stage === 2);
    expect(second.nodes.ask?.waitingFor).toEqual(['sec1', 'sec2']);
    await eventually(async () => ((await inboxOf(sys, header('sec2'))).length === 1 ? true : undefined), 'the item in sec2’s inbox');
    expect(await inboxOf(sys, header('grace'))).toEqual([]);
    // Grace answered stage 1; she is not an approver of stage 2.
    expect((await decideAs(sys, header('grace'), `${runId}:ask`, 'approve')).status).toBe(403);

    expect((await decideAs(sys, header('sec2'), `${runId}:ask`, 'approve')).body).toMatchObject({ outcome: 'approved', stage: 2 });
    const done = await finished(runId);
    expect(done.trace.find((t) => t.nodeId === 'ask')).toMatchObject({
      handle: 'approved',
      approvers: ['grace', 'sec1', 'sec2'],
      decisions: [expect.objectContaining({ approver: 'grace', stage: 1 }), expect.objectContaining({ approver: 'sec2', stage: 2 })],
    });
    await eventually(async () => ((await inboxOf(sys, header('sec1'))).length === 0 ? true : undefined), 'the closed item to leave the inbox');
  });

  it('goes up the manager chain, and to the fallback when the rules find only the person themselves', async () => {
    const def = approvalDefinition('chain', {
      stages: [{ approvers: [{ kind: 'manager', level: 2 }] }, { approvers: [{ kind: 'user', userId: 'ada' }] }],
      fallback: [{ kind: 'user', userId: 'd' }],
    });
    const runId = await publishAndRun(sys, def, ada, header('ops'));
    expect((await waiting(runId)).nodes.ask?.waitingFor).toEqual(['linus']);
    await decideAs(sys, header('linus'), `${runId}:ask`, 'approve');
    const fallback = await runUntil(sys, runId, 'the second stage', (v) => v.openApprovals[0]?.stage === 2);
    expect(fallback.nodes.ask?.waitingFor).toEqual(['d']);
    expect(fallback.openApprovals[0]).toMatchObject({ notes: [] });
    await decideAs(sys, header('d'), `${runId}:ask`, 'approve');
    expect((await finished(runId)).nodes.ask?.handle).toBe('approved');
  });

  it('fails the step, saying why, when nobody but the requester could approve', async () => {
    const runId = await publishAndRun(sys, approvalDefinition('only-requester', { approvers: [{ kind: 'user', userId: 'ops' }] }), ada, header('ops'));
    const failed = await finished(runId);
    expect(failed.workflowStatus).toBe('FAILED');
    expect(failed.nodes.ask).toMatchObject({ status: 'failed' });
    expect(failed.nodes.ask?.error).toBe('the approval found no one who may decide (ops requested this change, so may not decide); add fallback approvers to the step');
  });
});

describe('refusals', () => {
  it('refuses the person concerned, an unassigned user and anyone after the step closed, audits each, and leaves the run as it was', async () => {
    const runId = await publishAndRun(sys, approvalDefinition('guarded-approval', { approvers: [{ kind: 'manager' }] }), ada, header('ops'));
    await waiting(runId);
    const id = `${runId}:ask`;

    const self = await decideAs(sys, header('ada'), id, 'approve');
    expect(self.status).toBe(403);
    expect(errorBody.parse(self.body).error).toEqual({ code: 'self_approval', message: 'ada is the person this change is about: nobody approves their own change' });
    const requester = await decideAs(sys, header('ops'), id, 'approve');
    expect(errorBody.parse(requester.body).error).toEqual({ code: 'self_approval', message: 'ops requested this change: nobody approves their own change' });
    const stranger = await decideAs(sys, header('mallory'), id, 'approve');
    expect(stranger.status).toBe(403);
    expect(errorBody.parse(stranger.body).error).toEqual({ code: 'forbidden', message: 'mallory is not an approver of step "ask"' });
    const unknown = await decideAs(sys, header('grace'), `${runId}:nothing-here`, 'approve');
    expect(unknown.status).toBe(409);
    const noRun = await decideAs(sys, header('grace'), 'no-such-run:ask', 'approve');
    expect(noRun.status).toBe(404);

    const still = await runUntil(sys, runId, 'the run unchanged', () => true);
    expect(still.nodes.ask).toMatchObject({ status: 'waiting', waitingFor: ['grace'] });
    expect(still.openApprovals[0]).toMatchObject({ pending: ['grace'], decisions: [] });

    expect((await decideAs(sys, header('grace'), id, 'reject')).status).toBe(200);
    await finished(runId);
    const afterClose = await decideAs(sys, header('grace'), id, 'approve');
    expect(afterClose.status).toBe(409);
    expect(errorBody.parse(afterClose.body).error.code).toBe('approval_closed');

    const refused = await sys.db.query<{ actor: string; details: { status: number } }>("SELECT actor, details FROM audit_log WHERE action = 'approval.refused' AND target_id LIKE $1 ORDER BY id", [`${runId}:%`]);
    expect(refused.map((r) => `${r.actor}:${r.details.status}`)).toEqual(['ada:403', 'ops:403', 'mallory:403', 'grace:409', 'grace:409']);
    const decided = await sys.db.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'approval.decide' AND target_id = $1", [id]);
    expect(decided.map((r) => r.actor)).toEqual(['grace']);
  });
});

describe('delegation', () => {
  it('moves a pending approval to the delegate, and seats the delegate on approvals that open while it lasts', async () => {
    const def = approvalDefinition('delegated', { approvers: [{ kind: 'user', userId: 'a' }] });
    const first = await publishAndRun(sys, def, ada, header('ops'));
    await waiting(first);
    await eventually(async () => ((await inboxOf(sys, header('a'))).length === 1 ? true : undefined), 'the item in a’s inbox');

    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const refusedSelf = await callAs(sys, header('a'), 'POST', '/api/approvals/delegations', { to: 'a', until });
    expect(refusedSelf.status).toBe(400);
    const delegated = await callAs(sys, header('a'), 'POST', '/api/approvals/delegations', { to: 'd', until, reason: 'holiday' });
    expect(delegated.status).toBe(201);
    expect(delegated.body).toMatchObject({ delegation: { from: 'a', to: 'd', reason: 'holiday' }, moved: [`${first}:ask`], kept: [] });

    const moved = await eventually(async () => {
      const items = await inboxOf(sys, header('d'));
      return items.length === 1 ? items : undefined;
    }, 'the item in d’s inbox');
    expect(moved[0]).toMatchObject({ id: `${first}:ask`, approvers: ['d'], onBehalfOf: 'a' });
    expect(await inboxOf(sys, header('a'))).toEqual([]);
    expect((await decideAs(sys, header('a'), `${first}:ask`, 'approve')).status).toBe(403);

    const second = await publishAndRun(sys, def, ada, header('ops'));
    expect((await waiting(second)).nodes.ask?.waitingFor).toEqual(['d']);

    expect((await decideAs(sys, header('d'), `${first}:ask`, 'approve')).status).toBe(200);
    const done = await finished(first);
    expect(done.trace.find((t) => t.nodeId === 'ask')?.decisions).toEqual([expect.objectContaining({ approver: 'd', onBehalfOf: 'a' })]);
    expect((await decideAs(sys, header('d'), `${second}:ask`, 'reject')).status).toBe(200);
    await finished(second);

    const listed = await callAs(sys, header('d'), 'GET', '/api/approvals/delegations');
    expect(listed.body).toMatchObject({ delegations: [{ from: 'a', to: 'd' }] });
  });

  it('refuses a delegation to the person concerned for the approval it would move', async () => {
    const runId = await publishAndRun(sys, approvalDefinition('no-self-delegate', { approvers: [{ kind: 'user', userId: 'b' }] }), ada, header('ops'));
    await waiting(runId);
    await eventually(async () => ((await inboxOf(sys, header('b'))).length > 0 ? true : undefined), 'the item in b’s inbox');
    const res = await callAs(sys, header('b'), 'POST', '/api/approvals/delegations', { to: 'ada', until: new Date(Date.now() + 86_400_000).toISOString() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ moved: [], kept: [{ approval: runId, reason: 'ada is the person this change is about, so they cannot decide for b on this run' }] });
    expect((await runUntil(sys, runId, 'the seat kept', () => true)).nodes.ask?.waitingFor).toEqual(['b']);
    expect((await decideAs(sys, header('b'), `${runId}:ask`, 'approve')).status).toBe(200);
  });
});

describe('determinism', () => {
  it('replays the history of every run above without non-determinism', async () => {
    expect(finishedRuns.length).toBeGreaterThanOrEqual(10);
    for (const runId of finishedRuns) {
      const history = await sys.client.workflow.getHandle(runWorkflowId(runId)).fetchHistory();
      // The test system encrypts payloads; replay reads them with the client's own converter.
      const options = { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: sys.client.options.dataConverter };
      await expect(Worker.runReplayHistory(options, history, runId)).resolves.toBeUndefined();
    }
  });
});
