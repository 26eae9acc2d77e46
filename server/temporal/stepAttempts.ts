/**
 * What Temporal knows of a run's activities in progress (DescribeWorkflowExecution's pending
 * activities), told per step, so the run view can say "attempt 3, last error …, next retry at …"
 * instead of a bare "running".
 *
 * The interpreter schedules a step's activity under Temporal's default activity id (a sequence
 * number) and the action's id as its type. Changing the id would break the replay of runs in flight
 * (the SDK checks it against the history), so a pending activity is matched to the step by its type
 * among the steps the run reports running: a match only when exactly one such step fits, never a guess.
 *
 * Only the last failure's message and type leave this module — the same text the step shows as its
 * error once it fails (activities redact credentials before they throw). Stack traces, failure
 * details and causes stay in Temporal.
 */
import { optionalTsToDate } from '@temporalio/common/lib/time.js';
import proto, { type temporal } from '@temporalio/proto';
import { z } from 'zod';
import { findAction, type CompiledRevision, type NodeState } from '../../workflows/dsl/index.ts';

type PendingActivityInfo = temporal.api.workflow.v1.IPendingActivityInfo;
type Failure = temporal.api.failure.v1.IFailure;

/** Longest error message passed on: enough for any connector's message, bounded for a page polled every second. */
const maxMessageLength = 2000;

// @temporalio/proto is CommonJS: under Node's ESM loader only its default export is reliable.
const { PendingActivityState } = proto.temporal.api.enums.v1;
const states = new Map<temporal.api.enums.v1.PendingActivityState, ActivityAttempt['state']>([
  [PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED, 'scheduled'],
  [PendingActivityState.PENDING_ACTIVITY_STATE_STARTED, 'started'],
  [PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED, 'cancel-requested'],
  [PendingActivityState.PENDING_ACTIVITY_STATE_PAUSED, 'paused'],
  [PendingActivityState.PENDING_ACTIVITY_STATE_PAUSE_REQUESTED, 'pause-requested'],
]);

const timestamp = z.string().describe('ISO 8601');
export const activityAttemptSchema = z
  .object({
    nodeId: z.string().nullable().describe('the step the activity belongs to; null for the run’s own work (loading its revision) or when two running steps could have scheduled it'),
    activityType: z.string().describe('the action id (`http.callout`), or the run’s own activity (`store.loadRevision`)'),
    state: z.enum(['scheduled', 'started', 'cancel-requested', 'paused', 'pause-requested', 'unknown']).describe('scheduled: waiting for a worker or for its next retry; started: an attempt is running'),
    attempt: z.number().int().min(1).describe('the attempt running now, or the next one to run'),
    maximumAttempts: z.number().int().min(1).nullable().describe('null: retried until it succeeds or its step times out'),
    lastError: z.object({ message: z.string(), type: z.string().optional() }).nullable().describe('why the previous attempt failed'),
    lastAttemptAt: timestamp.nullable().describe('when the previous attempt ended'),
    nextAttemptAt: timestamp.nullable().describe('when the next attempt is scheduled, while waiting to retry'),
  })
  .describe('an activity of the run in progress, with its retries');
export type ActivityAttempt = z.infer<typeof activityAttemptSchema>;

function lastError(failure: Failure | null | undefined): ActivityAttempt['lastError'] {
  if (!failure) return null;
  const text = failure.message ?? '';
  const message = text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
  const type = failure.applicationFailureInfo?.type;
  return type ? { message, type } : { message };
}

const iso = (ts: Parameters<typeof optionalTsToDate>[0]) => optionalTsToDate(ts)?.toISOString() ?? null;

/**
 * The step each pending activity belongs to: a running action step whose action (or whose
 * connector's `freeValues` or `isValueFree`, asked for a SelectUniqueValue) is the activity's type; a running or
 * waiting approval step for the approval desk's lookups and mail.
 */
function ownerOf(activityType: string, revision: CompiledRevision | undefined, nodes: Record<string, NodeState>): string | null {
  if (revision === undefined) return null;
  const candidates = revision.nodes.filter((node) => {
    const status = nodes[node.id]?.status;
    if (node.type === 'approval') return activityType.startsWith('approvals.') && (status === 'running' || status === 'waiting');
    if (node.type !== 'action' || status !== 'running') return false;
    const connector = findAction(node.data.action)?.connector ?? 'core';
    return node.data.action === activityType || activityType === `${connector}.freeValues` || activityType === `${connector}.isValueFree`;
  });
  return candidates.length === 1 ? (candidates[0]?.id ?? null) : null;
}

export function activityAttempts(pending: readonly PendingActivityInfo[], revision: CompiledRevision | undefined, nodes: Record<string, NodeState>): ActivityAttempt[] {
  return pending.map((activity) => {
    const activityType = activity.activityType?.name ?? '';
    const maximum = activity.maximumAttempts ?? 0;
    return {
      nodeId: ownerOf(activityType, revision, nodes),
      activityType,
      state: states.get(activity.state ?? PendingActivityState.PENDING_ACTIVITY_STATE_UNSPECIFIED) ?? 'unknown',
      attempt: Math.max(1, activity.attempt ?? 1),
      maximumAttempts: maximum > 0 ? maximum : null,
      lastError: lastError(activity.lastFailure),
      lastAttemptAt: iso(activity.lastAttemptCompleteTime),
      nextAttemptAt: iso(activity.nextAttemptScheduleTime),
    };
  });
}
