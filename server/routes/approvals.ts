/**
 * Approval decisions. An approval is identified as `<runId>:<nodeId>`; the decision reaches the
 * waiting run as a Temporal Update whose validator refuses anyone not assigned, a second decision
 * and a decision after the step closed — the caller hears that answer synchronously.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { decideUpdate } from '../../workflows/messages.ts';
import type { AppDeps } from '../app.ts';
import { audit } from '../db/audit.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';

const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(2000).optional(),
});

const refusals: Record<string, [number, string]> = {
  NotAnApprover: [403, 'forbidden'],
  ApprovalClosed: [409, 'approval_closed'],
};

export const approvalRoutes =
  ({ runs, temporal, db }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/approvals/:id/decision', { schema: { params: z.strictObject({ id: z.string().min(3).max(400) }), body: decisionBody } }, async (request) => {
      const caller = callerOf(request);
      const id = request.params.id;
      const sep = id.indexOf(':');
      const runId = sep > 0 ? id.slice(0, sep) : '';
      const nodeId = sep > 0 ? id.slice(sep + 1) : '';
      const run = runId === '' ? undefined : await runs.get(runId);
      if (!run || nodeId === '') throw new ApiError(404, 'not_found', `no approval "${id}" (expected <runId>:<nodeId>)`);
      const { decision, comment } = request.body;
      try {
        const result = await temporal.workflow.getHandle(run.workflowId).executeUpdate(decideUpdate, {
          args: [{ nodeId, approver: caller.id, decision, ...(comment !== undefined ? { comment } : {}) }],
        });
        await audit(db, { actor: caller.id, action: 'approval.decide', targetType: 'approval', targetId: id, details: { decision } });
        return { approval: id, outcome: result.outcome };
      } catch (error) {
        const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
        if (cause instanceof ApplicationFailure && cause.type && refusals[cause.type]) {
          const [status, code] = refusals[cause.type] ?? [409, 'conflict'];
          await audit(db, { actor: caller.id, action: 'approval.refused', targetType: 'approval', targetId: id, details: { decision, reason: cause.message } });
          throw new ApiError(status, code, cause.message);
        }
        if (error instanceof WorkflowNotFoundError) {
          // Updates only reach running workflows: a run that exists but has finished takes no decisions.
          const finished = await temporal.workflow
            .getHandle(run.workflowId)
            .describe()
            .then((d) => d.status.name !== 'RUNNING')
            .catch((e: unknown) => {
              if (e instanceof WorkflowNotFoundError) return false;
              throw e;
            });
          if (!finished) throw new ApiError(404, 'not_found', `run "${runId}" is not known to Temporal`);
          await audit(db, { actor: caller.id, action: 'approval.refused', targetType: 'approval', targetId: id, details: { decision, reason: 'run finished' } });
          throw new ApiError(409, 'approval_closed', `run "${runId}" has finished; step "${nodeId}" takes no more decisions`);
        }
        throw error;
      }
    });
    return Promise.resolve();
  };
