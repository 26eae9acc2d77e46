/**
 * The lifecycle run's messages, defined once and shared by the workflow, the server and the tests:
 * a query for the run monitor, a signal for changed attributes, an update for approval decisions.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RunStatus } from './dsl/index.ts';

export interface LifecycleRunInput {
  runId: string;
  definitionId: string;
  revision: number;
  employeeId: string;
  attributes: Record<string, unknown>;
  /** Who started the run (a user id, or `hr:<source>` for HR-driven runs). */
  requestedBy: string;
}

export interface OpenApproval {
  nodeId: string;
  approvers: string[];
  question?: string;
  openedAt: string;
  deadline?: string;
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
  approver: string;
  decision: 'approve' | 'reject';
  comment?: string;
}

export interface DecisionResult {
  nodeId: string;
  outcome: 'approved' | 'rejected';
}

/** An outside system reports back to a step that launched it and waits (HTTP callout, launch-and-wait). */
export interface CallbackInput {
  callbackId: string;
  payload: unknown;
}

export const runStatusQuery = defineQuery<LifecycleRunStatus>('status');
export const attributesChangedSignal = defineSignal<[Record<string, unknown>]>('attributesChanged');
export const callbackSignal = defineSignal<[CallbackInput]>('callback');
export const decideUpdate = defineUpdate<DecisionResult, [DecisionInput]>('decide');

export const runWorkflowId = (runId: string) => `run:${runId}`;
