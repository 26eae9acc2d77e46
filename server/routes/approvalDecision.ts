/**
 * Sends one decision to the run that waits for it, as the `decide` Update, and turns the workflow's
 * answer into the API's: the Update's validator refuses unassigned approvers, self-approval, second
 * decisions and decisions after the step closed, and this module maps each refusal to a 4xx. Every
 * outcome, refusals included, goes to the audit log. Used by the inbox API and the email links.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { approvalRefusals, decideUpdate, type ApprovalRefusal, type DecisionResult } from '../../workflows/messages.ts';
import type { ApprovalStore } from '../db/approvals.ts';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/database.ts';
import type { RunStore } from '../db/runs.ts';
import { ApiError } from '../http/errors.ts';

export const refusals: Record<ApprovalRefusal, [number, string]> = {
  NotAnApprover: [403, 'forbidden'],
  SelfApproval: [403, 'self_approval'],
  ApprovalClosed: [409, 'approval_closed'],
  AlreadyDecided: [409, 'already_decided'],
  NothingToDelegate: [409, 'nothing_to_delegate'],
};

export function refusalOf(error: unknown): { type: ApprovalRefusal; message: string } | undefined {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type === undefined || cause.type === null) return undefined;
  const type = approvalRefusals.find((r) => r === cause.type);
  return type === undefined ? undefined : { type, message: cause.message };
}

export interface DecisionDeps {
  db: Database;
  runs: RunStore;
  temporal: Client;
  approvals: ApprovalStore;
}

export interface DecisionRequest {
  approvalId: string;
  approver: string;
  decision: 'approve' | 'reject';
  comment?: string | undefined;
  /** Email links carry the stage they were sent for. */
  stage?: number | undefined;
  via: 'inbox' | 'link';
}

/** An approval id `<runId>:<nodeId>`, split. */
export function splitApprovalId(id: string): { runId: string; nodeId: string } | undefined {
  const sep = id.indexOf(':');
  if (sep <= 0 || sep === id.length - 1) return undefined;
  return { runId: id.slice(0, sep), nodeId: id.slice(sep + 1) };
}

/** The run's workflow id: from the inbox (approval steps) or the runs table (any run, for a clear "not waiting"). */
export async function workflowOf(deps: Pick<DecisionDeps, 'approvals' | 'runs'>, approvalId: string): Promise<string | undefined> {
  const row = await deps.approvals.get(approvalId);
  if (row) return row.workflowId;
  const parts = splitApprovalId(approvalId);
  return parts === undefined ? undefined : (await deps.runs.get(parts.runId))?.workflowId;
}

export async function refuseAndAudit(db: Database, actor: string, approvalId: string, status: number, code: string, message: string, details: Record<string, unknown>): Promise<never> {
  await audit(db, { actor, action: 'approval.refused', targetType: 'approval', targetId: approvalId.slice(0, 400), details: { ...details, status, reason: message } });
  throw new ApiError(status, code, message);
}

export async function sendDecision(deps: DecisionDeps, request: DecisionRequest): Promise<{ approval: string; outcome: DecisionResult['outcome']; stage?: number }> {
  const { approvalId, approver, decision, via } = request;
  const details = { decision, via, ...(request.stage !== undefined ? { stage: request.stage } : {}) };
  const parts = splitApprovalId(approvalId);
  const workflowId = parts === undefined ? undefined : await workflowOf(deps, approvalId);
  if (parts === undefined || workflowId === undefined) {
    return refuseAndAudit(deps.db, approver, approvalId, 404, 'not_found', `no approval "${approvalId}" (expected <runId>:<nodeId> of a run)`, details);
  }
  const handle = deps.temporal.workflow.getHandle(workflowId);
  try {
    const result = await handle.executeUpdate(decideUpdate, {
      args: [
        {
          nodeId: parts.nodeId,
          approver,
          decision,
          via,
          ...(request.comment !== undefined ? { comment: request.comment } : {}),
          ...(request.stage !== undefined ? { stage: request.stage } : {}),
        },
      ],
    });
    await audit(deps.db, { actor: approver, action: 'approval.decide', targetType: 'approval', targetId: approvalId, details: { ...details, outcome: result.outcome } });
    return { approval: approvalId, outcome: result.outcome, ...(result.stage !== undefined ? { stage: result.stage } : {}) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) {
      const [status, code] = refusals[refusal.type];
      return refuseAndAudit(deps.db, approver, approvalId, status, code, refusal.message, details);
    }
    if (error instanceof WorkflowNotFoundError) {
      // Updates only reach running workflows: a run that exists but has finished takes no decisions.
      const finished = await handle
        .describe()
        .then((d) => d.status.name !== 'RUNNING')
        .catch((e: unknown) => {
          if (e instanceof WorkflowNotFoundError) return false;
          throw e;
        });
      if (!finished) return refuseAndAudit(deps.db, approver, approvalId, 404, 'not_found', `run "${parts.runId}" is not known to Temporal`, details);
      return refuseAndAudit(deps.db, approver, approvalId, 409, 'approval_closed', `run "${parts.runId}" has finished; step "${parts.nodeId}" takes no more decisions`, details);
    }
    throw error;
  }
}
