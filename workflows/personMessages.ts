/**
 * The person workflow's messages and state, shared by the workflow, the server and the tests. One
 * person workflow per employee (`person:<source>:<employeeId>`) receives HR events by
 * signal-with-start, keeps the person's lifecycle state, and starts the lifecycle runs that apply;
 * the runs report their end back by signal.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AccountChange, LifecycleState, LinkedAccount, ReceivedHrEvent, TraceEntry, TriggerEventType } from './dsl/index.ts';

export const timelineKinds = [
  'event',
  'duplicate',
  'superseded',
  'deferred',
  'state',
  'trigger',
  'scheduled',
  'run-started',
  'run-finished',
  'run-cancelled',
  'rule',
  'operation',
  'error',
  'restored',
  'manager',
] as const;

export interface TimelineEntry {
  at: string;
  kind: (typeof timelineKinds)[number];
  message: string;
  eventId?: string;
  runId?: string;
  definitionId?: string;
  /** The run's step a `rule` or `operation` entry is about. */
  nodeId?: string;
}

export interface PersonRun {
  runId: string;
  workflowId: string;
  definitionId: string;
  revision: number;
  lifecycle: string;
  eventType: TriggerEventType;
  startedAt: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** The run signals its end to the person (runEndedSignal); runs started by earlier versions do not. */
  reports?: boolean;
  /** Why a failed run failed, and at which step. */
  error?: string;
  failedNodeId?: string;
  /** The Temporal run id of the execution that reported the end; a report from another one is the run retried (reset). */
  reportedBy?: string;
}

/** A run whose trigger names a date: it starts when that date (± offset) comes, re-read on every change. */
export interface ScheduledRun {
  definitionId: string;
  revision: number;
  lifecycle: string;
  eventType: TriggerEventType;
  eventId: string;
  dateAttribute: string;
  offsetDays: number;
}

export interface PersonState {
  source: string;
  employeeId: string;
  state: LifecycleState | undefined;
  attributes: Record<string, unknown>;
  timeline: TimelineEntry[];
  runs: PersonRun[];
  scheduled: ScheduledRun[];
  /** The person's account in each target, by connection id, as the runs left it. */
  accounts: Record<string, LinkedAccount>;
  /** When each attribute's current value took effect (effective dating). */
  effective: Record<string, string>;
  /** When the current lifecycle state took effect. */
  stateSince?: string;
  /** Updates dated in the future, applied when their date comes. */
  pending: ReceivedHrEvent[];
  /**
   * A Joiner or Rehire of this person succeeded and they have not left since: their accounts exist,
   * so they can be set as the manager of the people who name them (see ManagerReady).
   */
  accountsReady?: boolean;
  /** What a run that just ended asks of the person once it is recorded (see ManagerReady). */
  followUps?: FollowUp[];
}

/**
 * After a Joiner or Rehire succeeded: `tellReports` sends ManagerReady to everyone whose managerId is
 * this person; `checkManager` looks whether the manager this person names became ready while that
 * run was going on (its own step found them not there yet).
 */
export type FollowUp = 'tellReports' | 'checkManager';

/**
 * A manager's accounts are ready: their Joiner or Rehire succeeded. The manager's person workflow
 * sends it to each person whose `managerId` is the manager's employee id (read from the people
 * table); the report starts the published definitions triggered by `managerReady`, which set the
 * manager in the directories when it is still there and enabled. A person also sends it to itself
 * when its own run found the manager missing but the manager is ready by the time the run ended:
 * between the two, no report is left out whatever order the two hires run in.
 */
export interface ManagerReady {
  managerId: string;
  /** The manager's run that made their accounts ready; absent when the report found the manager ready itself. */
  runId?: string;
}

/** Everything a person is: what continue-as-new carries and what the people projection records. */
export interface PersonSnapshot extends PersonState {
  /** Recent event ids, so a repeated event stays a no-op across executions. */
  seenEventIds: string[];
  /** The execution (run id) that recorded it. */
  recordedBy?: string;
}

/** State carried by an earlier version of the workflow lacks the fields added since. */
export type CarriedPerson = Omit<PersonSnapshot, 'accounts' | 'effective' | 'pending' | 'stateSince'> &
  Partial<Pick<PersonSnapshot, 'accounts' | 'effective' | 'pending' | 'stateSince'>> & { inbox: ReceivedHrEvent[]; managerNotices?: ManagerReady[] };

export interface PersonInput {
  source: string;
  employeeId: string;
  /** State carried over by continue-as-new. */
  carried?: CarriedPerson;
}

/** A lifecycle run tells its person how it ended: the person never depends on a child handle, which does not survive continue-as-new. */
export interface RunEnded {
  runId: string;
  outcome: 'succeeded' | 'failed' | 'cancelled';
  trace: TraceEntry[];
  error?: string;
  nodeId?: string;
  /** What the run's account actions did, read from the catalog by the run; runs of earlier versions leave it out and the person derives it from the trace. */
  accounts?: AccountChange[];
  /**
   * The Temporal run id of the execution reporting. An operator's retry resets a failed run into a
   * new execution, whose report follows the failed one; runs of earlier versions leave it out.
   */
  execution?: string;
}

export const hrEventSignal = defineSignal<[ReceivedHrEvent]>('hrEvent');
export const runEndedSignal = defineSignal<[RunEnded]>('runEnded');
export const managerReadySignal = defineSignal<[ManagerReady]>('managerReady');
export const personQuery = defineQuery<PersonState>('person');
export const personWorkflowId = (source: string, employeeId: string) => `person:${source}:${employeeId}`;

/** Why a person needs someone to look: the latest run of a lifecycle failed, and none of it has succeeded since. */
export interface Attention {
  runId: string;
  definitionId: string;
  reason: string;
  nodeId?: string;
  at: string;
}

export function needsAttention(runs: readonly PersonRun[]): Attention | undefined {
  const latest = new Map<string, PersonRun>();
  for (const run of runs) if (run.status !== 'cancelled') latest.set(run.definitionId, run);
  const failed = [...latest.values()].filter((r) => r.status === 'failed').at(-1);
  if (!failed) return undefined;
  return { runId: failed.runId, definitionId: failed.definitionId, reason: failed.error ?? 'the run failed', ...(failed.failedNodeId !== undefined ? { nodeId: failed.failedNodeId } : {}), at: failed.startedAt };
}
