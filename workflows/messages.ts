/**
 * The lifecycle run's messages, defined once and shared by the workflow, the server and the tests:
 * a query for the run monitor, a signal for changed attributes, an update for approval decisions.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApprovalDecision, RunStatus } from './dsl/index.ts';

export interface LifecycleRunInput {
  runId: string;
  definitionId: string;
  revision: number;
  employeeId: string;
  attributes: Record<string, unknown>;
  /** Who started the run (a user id, or `hr:<source>` for HR-driven runs). */
  requestedBy: string;
  /** The person workflow to tell how the run ended (runEndedSignal); absent for runs on demand and older runs. */
  reportTo?: string;
}

export interface OpenApproval {
  nodeId: string;
  /** Who the current stage is assigned to (whether they answered or not). */
  approvers: string[];
  question?: string;
  openedAt: string;
  /** The current stage's deadline. */
  deadline?: string;
  /** `<runId>:<nodeId>`, the id the inbox and the decision API use. */
  id?: string;
  /** The current stage, 1-based, of `stages`. */
  stage?: number;
  stages?: number;
  /** Approvers of the current stage who have not answered yet. */
  pending?: string[];
  decisions?: ApprovalDecision[];
  /** Why fewer people were asked than the rules name (an unlinked manager, an empty group, …). */
  notes?: string[];
}

export interface LifecycleRunStatus extends RunStatus {
  runId: string;
  definitionId: string;
  revision: number;
  employeeId: string;
  openApprovals: OpenApproval[];
}

export interface DecisionInput {
  nodeId: string;
  /** The user deciding. */
  approver: string;
  decision: 'approve' | 'reject';
  comment?: string;
  /** The stage (1-based) the decision is meant for: an email link carries it, so an old link cannot decide a later stage. */
  stage?: number;
  via?: 'inbox' | 'link' | 'api';
}

/**
 * `outcome` is where the decided stage stands after this decision: `pending` while other approvers
 * still have to answer (all, quorum).
 */
export interface DecisionResult {
  nodeId: string;
  outcome: 'approved' | 'rejected' | 'pending';
  stage?: number;
}

/** An approver hands their open approvals to someone else (holiday, leave). */
export interface DelegationInput {
  from: string;
  to: string;
}

export interface DelegationResult {
  /** Steps (node ids) whose approval moved from `from` to `to`. */
  moved: string[];
  /** Steps that stayed with `from`, and why (e.g. `to` already decides there). */
  kept: { nodeId: string; reason: string }[];
}

/**
 * Why the workflow refused a decision or a delegation (the ApplicationFailure type). Refusals come
 * from the Update validator, so they never enter the run's history.
 */
export const approvalRefusals = ['ApprovalClosed', 'NotAnApprover', 'AlreadyDecided', 'SelfApproval', 'NothingToDelegate'] as const;
export type ApprovalRefusal = (typeof approvalRefusals)[number];

/** An outside system reports back to a step that launched it and waits (HTTP callout, launch-and-wait). */
export interface CallbackInput {
  callbackId: string;
  payload: unknown;
}

export const runStatusQuery = defineQuery<LifecycleRunStatus>('status');
export const attributesChangedSignal = defineSignal<[Record<string, unknown>]>('attributesChanged');
export const callbackSignal = defineSignal<[CallbackInput]>('callback');

/**
 * An operator retries or skips a failed step that waits for them (`waitForOperator`), or gives up on
 * it: the step then takes its error edge, or fails the run, as if nobody had waited.
 */
export const operatorActions = ['retry', 'skip', 'fail'] as const;
export type OperatorAction = (typeof operatorActions)[number];
export interface ResolveStepInput {
  nodeId: string;
  action: OperatorAction;
  operator: string;
}
export const resolveStepUpdate = defineUpdate<{ nodeId: string; action: OperatorAction }, [ResolveStepInput]>('resolveStep');
export const decideUpdate = defineUpdate<DecisionResult, [DecisionInput]>('decide');
export const delegateUpdate = defineUpdate<DelegationResult, [DelegationInput]>('delegate');

export const runWorkflowId = (runId: string) => `run:${runId}`;

/**
 * Connector kind → task queue, for connectors whose activities run on a queue of their own
 * (TENURE_CONNECTOR_QUEUES). The worker adds it as `taskQueues` to the revision a run loads, so it is
 * recorded in the run's history and replay routes every step the same way. Absent when nothing is
 * split, and in histories from before queues could be split: then every step runs on the run's queue.
 */
export type ConnectorTaskQueues = Record<string, string>;

export function connectorTaskQueues(loaded: unknown): ReadonlyMap<string, string> {
  const queues: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, 'taskQueues') : undefined;
  if (typeof queues !== 'object' || queues === null) return new Map();
  return new Map(Object.entries(queues).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
