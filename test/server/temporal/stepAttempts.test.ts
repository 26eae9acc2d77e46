/**
 * Which step a pending activity belongs to, and what of its last failure the run view passes on:
 * a match only when one running step fits, and never a stack trace.
 */
import { msNumberToTs } from '@temporalio/common/lib/time.js';
import proto from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { activityAttempts } from '../../../server/temporal/stepAttempts.ts';
import { compileDefinition, definitionSchema, type NodeState } from '../../../workflows/dsl/index.ts';
import { definition, edge, node } from '../../support/definitions.ts';

const revision = compileDefinition(
  definitionSchema.parse(
    definition(
      'attempts',
      [
        node({ id: 'start', type: 'start', data: {} }),
        node({ id: 'fork', type: 'parallel', data: {} }),
        node({ id: 'hookA', type: 'action', data: { action: 'http.callout', connectionId: 'hook' } }),
        node({ id: 'hookB', type: 'action', data: { action: 'http.callout', connectionId: 'hook' } }),
        node({ id: 'account', type: 'action', data: { action: 'ad.createUser', connectionId: 'ad', params: { sAMAccountName: 'x' } } }),
        node({ id: 'join', type: 'join', data: {} }),
        node({ id: 'approve', type: 'approval', data: { approvers: [{ kind: 'user', userId: 'admin' }] } }),
        node({ id: 'end', type: 'end', data: {} }),
      ],
      [edge('start', 'fork'), edge('fork', 'hookA'), edge('fork', 'hookB'), edge('fork', 'account'), edge('hookA', 'join'), edge('hookB', 'join'), edge('account', 'join'), edge('join', 'approve'), edge('approve', 'end', 'approved')],
    ),
  ),
);

const { PendingActivityState } = proto.temporal.api.enums.v1;
const running: NodeState = { status: 'running' };
const pending = (name: string, extra: object = {}) => ({ activityType: { name }, state: PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, attempt: 1, maximumAttempts: 0, ...extra });

describe('activityAttempts', () => {
  it('gives an activity to the one running step whose action it is, or whose connector is asked for a unique value', () => {
    const nodes = { hookA: running, hookB: { status: 'done' }, account: running } satisfies Record<string, NodeState>;
    const [hook, account, unique] = activityAttempts([pending('http.callout'), pending('ad.createUser'), pending('ad.isValueFree')], revision, nodes);
    expect(hook?.nodeId).toBe('hookA');
    expect(account?.nodeId).toBe('account');
    expect(unique?.nodeId).toBe('account');
  });

  it('names no step when two running steps could have scheduled it, and none for the run’s own work', () => {
    const nodes = { hookA: running, hookB: running } satisfies Record<string, NodeState>;
    expect(activityAttempts([pending('http.callout'), pending('store.loadRevision')], revision, nodes).map((a) => a.nodeId)).toEqual([null, null]);
    expect(activityAttempts([pending('http.callout')], undefined, { hookA: running })[0]?.nodeId).toBeNull();
  });

  it('gives the approval desk’s lookups and mail to the waiting approval step', () => {
    expect(activityAttempts([pending('approvals.notify')], revision, { approve: { status: 'waiting' } })[0]?.nodeId).toBe('approve');
    expect(activityAttempts([pending('approvals.notify')], revision, { approve: { status: 'done' } })[0]?.nodeId).toBeNull();
  });

  it('passes on the attempt, the last failure’s message and type and the retry times, without the stack trace or details', () => {
    const failure = { message: 'the directory could not be reached', stackTrace: 'Error: at connect (ldap.ts:12)', applicationFailureInfo: { type: 'LdapUnavailable', details: { payloads: [{ data: new Uint8Array([1]) }] } } };
    const [attempt] = activityAttempts([pending('ad.createUser', { attempt: 3, maximumAttempts: 5, lastFailure: failure, lastAttemptCompleteTime: msNumberToTs(Date.UTC(2026, 0, 1, 9)), nextAttemptScheduleTime: msNumberToTs(Date.UTC(2026, 0, 1, 9, 0, 4)) })], revision, { account: running });
    expect(attempt).toEqual({
      nodeId: 'account',
      activityType: 'ad.createUser',
      state: 'scheduled',
      attempt: 3,
      maximumAttempts: 5,
      lastError: { message: 'the directory could not be reached', type: 'LdapUnavailable' },
      lastAttemptAt: '2026-01-01T09:00:00.000Z',
      nextAttemptAt: '2026-01-01T09:00:04.000Z',
    });
    const [first] = activityAttempts([pending('ad.createUser', { state: PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, lastFailure: { message: 'x'.repeat(5000) } })], revision, { account: running });
    expect(first).toMatchObject({ state: 'started', attempt: 1, maximumAttempts: null, lastAttemptAt: null, nextAttemptAt: null });
    expect(first?.lastError?.message.length).toBeLessThanOrEqual(2001);
    expect(first?.lastError).not.toHaveProperty('type');
  });
});
