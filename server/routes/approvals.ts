/**
 * Approvals in the API. An approval is identified as `<runId>:<nodeId>`.
 *
 * - GET /api/approvals: the caller's pending items, read from the inbox projection (fast); each run's
 *   workflow stays the source of truth, so deciding always asks the run itself.
 * - POST /api/approvals/:id/decision: the decision reaches the waiting run as the `decide` Update,
 *   whose validator refuses anyone not assigned, self-approval, a second decision and a decision after
 *   the step closed; the caller hears that answer synchronously, and refusals are audited.
 * - /api/approvals/delegations: an approver hands their approvals to someone until a date; what is
 *   pending moves at once (the `delegate` Update), new approvals follow the delegation while it lasts.
 * - /api/approver-groups: the groups a step's `group` approvers name.
 * - /hooks/approvals/:token: the signed links in approval emails (approvalLinks.ts).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboxItem } from '../../activities/approvals/types.ts';
import { identifier } from '../../workflows/dsl/index.ts';
import { delegateUpdate } from '../../workflows/messages.ts';
import type { AppDeps } from '../app.ts';
import { createApprovalStore } from '../db/approvals.ts';
import { NotFound } from '../db/definitions.ts';
import { callerOf, requireRole, type Caller } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { refusalOf, sendDecision } from './approvalDecision.ts';
import { approvalLinkRoutes } from './approvalLinks.ts';
import { storeCall } from './definitions.ts';

const userId = z.string().min(1).max(200);
const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(2000).optional(),
});
const approvalParams = z.strictObject({ id: z.string().min(3).max(400) });
const inboxQuery = z.strictObject({
  /** Admins and auditors may read another user's inbox. */
  for: userId.optional(),
});
const delegationBody = z.strictObject({
  to: userId,
  /** When the delegation ends (ISO 8601); it starts now. */
  until: z.iso.datetime({ offset: true }),
  /** Whose approvals move; the caller by default (admins may delegate for anyone). */
  from: userId.optional(),
  reason: z.string().max(500).optional(),
});
const delegationQuery = z.strictObject({ all: z.enum(['true', 'false']).optional() });
const delegationParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/, 'a delegation id') });
const groupBody = z.strictObject({ name: z.string().min(1).max(200), members: z.array(userId).max(500) });
const groupParams = z.strictObject({ id: identifier });

const maxDelegationDays = 366;

/** The inbox entry as the designer's inbox reads it. */
function inboxEntry(item: InboxItem, caller: string) {
  return {
    id: item.id,
    runId: item.runId,
    nodeId: item.nodeId,
    employeeId: item.employeeId,
    definitionId: item.definitionId,
    question: item.question ?? `Approve "${item.step}"?`,
    approvers: item.approvers,
    pending: item.pending,
    openedAt: item.openedAt,
    ...(item.deadline !== undefined ? { deadline: item.deadline } : {}),
    stage: item.stage,
    stages: item.stages,
    ...(item.stageLabel !== undefined ? { stageLabel: item.stageLabel } : {}),
    mode: item.mode,
    ...(item.quorum !== undefined ? { quorum: item.quorum } : {}),
    person: item.person,
    step: item.step,
    onApprove: item.onApprove,
    requestedBy: item.requestedBy,
    decisions: item.decisions,
    ...(item.onBehalfOf[caller] !== undefined ? { onBehalfOf: item.onBehalfOf[caller] } : {}),
  };
}

function isAdmin(caller: Caller): boolean {
  return caller.roles.includes('admin');
}

export const approvalRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const approvals = createApprovalStore(deps.db);
    const decisionDeps = { db: deps.db, runs: deps.runs, temporal: deps.temporal, approvals };

    app.get('/api/approvals', { schema: { querystring: inboxQuery } }, async (request) => {
      const caller = callerOf(request);
      const whose = request.query.for ?? caller.id;
      if (whose !== caller.id) requireRole(request, 'admin', 'auditor');
      return { approvals: (await approvals.pendingFor(whose)).map((item) => inboxEntry(item, whose)) };
    });

    app.post('/api/approvals/:id/decision', { schema: { params: approvalParams, body: decisionBody } }, async (request) => {
      const caller = callerOf(request);
      return sendDecision(decisionDeps, { approvalId: request.params.id, approver: caller.id, decision: request.body.decision, comment: request.body.comment, via: 'inbox' });
    });

    app.get('/api/approvals/delegations', { schema: { querystring: delegationQuery } }, async (request) => {
      const caller = callerOf(request);
      if (request.query.all === 'true') requireRole(request, 'admin', 'auditor');
      return { delegations: await approvals.listDelegations(request.query.all === 'true' ? undefined : caller.id) };
    });

    app.post('/api/approvals/delegations', { schema: { body: delegationBody } }, async (request, reply) => {
      const caller = callerOf(request);
      const { to, until, reason } = request.body;
      const from = request.body.from ?? caller.id;
      if (from !== caller.id && !isAdmin(caller)) throw new ApiError(403, 'forbidden', `only an admin may delegate the approvals of ${from}`);
      if (from === to) throw new ApiError(400, 'invalid_request', 'an approver cannot delegate to themselves', [{ path: 'body.to', message: 'same as from' }]);
      const endsAt = new Date(until);
      const now = Date.now();
      if (endsAt.getTime() <= now) throw new ApiError(400, 'invalid_request', 'the delegation would already be over; give a date in the future', [{ path: 'body.until', message: 'in the past' }]);
      if (endsAt.getTime() > now + maxDelegationDays * 86_400_000) {
        throw new ApiError(400, 'invalid_request', `a delegation lasts at most ${maxDelegationDays} days; make a new one when it ends`, [{ path: 'body.until', message: 'too far ahead' }]);
      }
      try {
        const target = await deps.users.get(to);
        if (target.disabled) throw new ApiError(400, 'invalid_request', `user "${to}" is disabled and cannot decide`, [{ path: 'body.to', message: 'disabled user' }]);
      } catch (error) {
        if (error instanceof NotFound) throw new ApiError(400, 'invalid_request', `there is no user "${to}"`, [{ path: 'body.to', message: 'unknown user' }]);
        throw error;
      }
      const delegation = await approvals.createDelegation({ from, to, endsAt, reason }, caller.id);
      // What is pending moves now; the projection may lag the runs by a moment, which is why each
      // step also checks for delegations whenever it writes its projection.
      const moved: string[] = [];
      const kept: { approval: string; reason: string }[] = [];
      const workflows = new Map<string, string>();
      for (const item of await approvals.pendingFor(from)) workflows.set(item.workflowId, item.runId);
      for (const [workflowId, runId] of workflows) {
        try {
          const result = await deps.temporal.workflow.getHandle(workflowId).executeUpdate(delegateUpdate, { args: [{ from, to }] });
          moved.push(...result.moved.map((nodeId) => `${runId}:${nodeId}`));
          kept.push(...result.kept.map((k) => ({ approval: `${runId}:${k.nodeId}`, reason: k.reason })));
        } catch (error) {
          // A run that finished since the inbox was written has nothing left to move.
          if (error instanceof WorkflowNotFoundError) continue;
          const refusal = refusalOf(error);
          if (!refusal) throw error;
          kept.push({ approval: runId, reason: refusal.message });
        }
      }
      return reply.code(201).send({ delegation, moved, kept });
    });

    app.delete('/api/approvals/delegations/:id', { schema: { params: delegationParams } }, async (request, reply) => {
      const caller = callerOf(request);
      const delegation = await storeCall(() => approvals.getDelegation(request.params.id));
      if (delegation.from !== caller.id && !isAdmin(caller)) throw new ApiError(403, 'forbidden', 'only the approver who delegated, or an admin, may end a delegation');
      await storeCall(() => approvals.revokeDelegation(request.params.id, caller.id));
      return reply.code(204).send();
    });

    app.get('/api/approver-groups', async () => {
      return { groups: await approvals.listGroups() };
    });

    app.put('/api/approver-groups/:id', { schema: { params: groupParams, body: groupBody } }, async (request) => {
      const caller = callerOf(request);
      return approvals.putGroup({ id: request.params.id, name: request.body.name, members: [...new Set(request.body.members)] }, caller.id);
    });

    await app.register(approvalLinkRoutes(deps, approvals));
  };
