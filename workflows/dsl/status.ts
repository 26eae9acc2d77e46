/** What a run reports about itself: per-node status, the path taken, its final outcome. */
import type { ApprovalOutcome } from './handles.ts';
import type { RuleEvaluation } from './rules.ts';

export const nodeStatuses = ['pending', 'running', 'waiting', 'done', 'failed', 'skipped'] as const;
export type NodeStatus = (typeof nodeStatuses)[number];

export interface NodeState {
  status: NodeStatus;
  startedAt?: string;
  endedAt?: string;
  /** The handle the node was left through (`next`, a rule outcome, `approved`, `error`, …). */
  handle?: string;
  /** How many times a loop brought the run here. */
  visits?: number;
  error?: string;
  /** A failed step that waits for an operator to retry or skip it. */
  awaitingOperator?: boolean;
  /** A wait's end, or an approval's deadline. */
  waitingUntil?: string;
  /** The people an approval waits for. */
  waitingFor?: string[];
}

export interface TraceEntry {
  nodeId: string;
  at: string;
  handle?: string;
  /** A decision's rules with the fact values they saw. */
  rules?: RuleEvaluation[];
  /** An action's id and the connection it used. */
  action?: string;
  connectionId?: string;
  /** An action's evaluated input (secrets redacted) and output. */
  input?: Record<string, unknown>;
  output?: unknown;
  error?: string;
  until?: string;
  approvers?: string[];
  decisions?: ApprovalDecision[];
}

export interface ApprovalDecision {
  /** A user id; `tenure` for a decision the deadline made. */
  approver: string;
  decision: 'approve' | 'reject';
  comment?: string;
  at: string;
  /** Which stage (1-based) of a staged approval the decision was for. */
  stage?: number;
  /** The approver a delegate decided for. */
  onBehalfOf?: string;
  /** How the decision arrived. */
  via?: 'inbox' | 'link' | 'api' | 'deadline';
}

export type RunOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunStatus {
  outcome: RunOutcome;
  nodes: Record<string, NodeState>;
  trace: TraceEntry[];
  vars: Record<string, unknown>;
  error?: string;
}

export interface ApprovalResult {
  outcome: ApprovalOutcome;
  decisions: ApprovalDecision[];
  /** Everyone the step was assigned to, across its stages, escalations and delegations. */
  approvers?: string[];
}
