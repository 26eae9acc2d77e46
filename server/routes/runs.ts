/** Runs on demand: start a published revision for people now, and watch a run's per-node status. */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { employeeIdSchema, identifier } from '../../workflows/dsl/index.ts';
import { operatorActions, resolveStepUpdate, runStatusQuery, runWorkflowId, type LifecycleRunInput } from '../../workflows/messages.ts';
import type { AppDeps } from '../app.ts';
import type { RunRecord, RunRow } from '../db/runs.ts';
import { audit } from '../db/audit.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { resetPointFor } from '../temporal/resetPoint.ts';
import { activityAttempts } from '../temporal/stepAttempts.ts';
import { maxRevision, storeCall } from './definitions.ts';

const startRunsBody = z.strictObject({
  definitionId: identifier,
  /** A published revision number; the latest when absent. */
  revision: z.number().int().min(1).max(maxRevision).optional(),
  people: z
    .array(
      z.strictObject({
        // The same employee id rules as the HR channels, so a run on demand names the same person.
        employeeId: employeeIdSchema,
        attributes: z.record(z.string().max(200), z.unknown()).default({}),
      }),
    )
    .min(1)
    .max(500),
  /** Makes the request safe to retry: the same key starts each person's run once. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});

const runParams = z.strictObject({ id: z.string().min(1).max(200) });

const workflowStatuses = ['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT', 'CONTINUED_AS_NEW'] as const;
const listRunsQuery = z.strictObject({
  employeeId: z.string().min(1).max(200).optional(),
  definitionId: identifier.optional(),
  /** Temporal's execution status, any case: `running`, `completed`, `failed`, … */
  status: z.preprocess((s) => (typeof s === 'string' ? s.toUpperCase() : s), z.enum(workflowStatuses)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(500).optional(),
});

interface RunListRow extends RunRow {
  /** started_at as PostgreSQL text, microseconds included, so the cursor loses nothing. */
  started_key: string;
}

/** A page boundary: the last row's start time (full precision) and id, newest first. */
const cursorSchema = z.tuple([z.string().min(1).max(100), z.string().min(1).max(200)]);
function readCursor(cursor: string): [string, string] {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  throw new ApiError(400, 'invalid_request', 'the cursor is not one this API gave out; start again without it', [{ path: 'query.cursor', message: 'unknown cursor' }]);
}
const writeCursor = (row: RunListRow) => Buffer.from(JSON.stringify([row.started_key, row.id])).toString('base64url');

function runIdFor(key: string | undefined, definitionId: string, employeeId: string): string {
  if (key === undefined) return randomUUID();
  const h = createHash('sha256').update(JSON.stringify([key, definitionId, employeeId])).digest('hex');
  // Shaped like a UUID so every run id reads alike.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const runRoutes =
  ({ definitions, runs, temporal, taskQueue, db }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/api/runs', { schema: { body: startRunsBody } }, async (request, reply) => {
      const { definitionId, people, idempotencyKey } = request.body;
      const caller = callerOf(request);
      const revision = await storeCall(() => definitions.revision(definitionId, request.body.revision));
      const employeeIds = new Set<string>();
      for (const [i, p] of people.entries()) {
        if (employeeIds.has(p.employeeId)) throw new ApiError(400, 'invalid_request', `employee ${p.employeeId} is listed twice`, [{ path: `body.people[${i}].employeeId`, message: 'listed twice' }]);
        employeeIds.add(p.employeeId);
      }
      const started = [];
      for (const person of people) {
        const id = runIdFor(idempotencyKey, definitionId, person.employeeId);
        const workflowId = runWorkflowId(id);
        await runs.insert({ id, workflowId, definitionId, revision: revision.number, employeeId: person.employeeId, requestedBy: caller.id });
        const input: LifecycleRunInput = {
          runId: id,
          definitionId,
          revision: revision.number,
          employeeId: person.employeeId,
          attributes: person.attributes,
          requestedBy: caller.id,
        };
        try {
          await temporal.workflow.start('lifecycleRun', { workflowId, taskQueue, args: [input] });
        } catch (error) {
          // A retried request with the same idempotency key: the run already exists, which is the goal.
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        started.push({ id, workflowId, employeeId: person.employeeId, definitionId, revision: revision.number });
      }
      return reply.code(202).send({ runs: started });
    });

    /**
     * The runs started through Tenure, newest first, each with Temporal's current status. A status
     * filter needs Temporal's answer, so pages are read from the table until enough runs match
     * (scanning at most a few hundred rows per request; `nextCursor` continues from there).
     */
    app.get('/api/runs', { schema: { querystring: listRunsQuery } }, async (request) => {
      const { employeeId, definitionId, status, limit } = request.query;
      const found: (RunRecord & { workflowStatus: string; closedAt: string | null })[] = [];
      let after = request.query.cursor === undefined ? undefined : readCursor(request.query.cursor);
      let nextCursor: string | null = null;
      const batch = status === undefined ? limit : Math.min(200, limit * 2);
      for (let scanned = 0; found.length < limit && scanned < 600; ) {
        const where: string[] = [];
        const params: unknown[] = [];
        const param = (v: unknown) => {
          params.push(v);
          return `$${params.length}`;
        };
        if (employeeId !== undefined) where.push(`employee_id = ${param(employeeId)}`);
        if (definitionId !== undefined) where.push(`definition_id = ${param(definitionId)}`);
        if (after !== undefined) where.push(`(started_at, id) < (${param(after[0])}::timestamptz, ${param(after[1])})`);
        const rows = await db.query<RunListRow>(
          `SELECT *, started_at::text AS started_key FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ${param(batch + 1)}`,
          params,
        );
        const page = rows.slice(0, batch);
        scanned += page.length;
        const described = await Promise.all(
          page.map(async (row) => {
            try {
              const d = await temporal.workflow.getHandle(row.workflow_id).describe();
              return { row, workflowStatus: d.status.name, closedAt: d.closeTime?.toISOString() ?? null };
            } catch (error) {
              if (error instanceof WorkflowNotFoundError) return { row, workflowStatus: 'UNKNOWN', closedAt: null };
              throw error;
            }
          }),
        );
        let last: RunListRow | undefined;
        for (const { row, workflowStatus, closedAt } of described) {
          last = row;
          if (status !== undefined && workflowStatus !== status) continue;
          found.push({
            id: row.id,
            workflowId: row.workflow_id,
            definitionId: row.definition_id,
            revision: row.revision,
            employeeId: row.employee_id,
            requestedBy: row.requested_by,
            startedAt: row.started_at.toISOString(),
            workflowStatus,
            closedAt,
          });
          if (found.length === limit) break;
        }
        const more = rows.length > batch || (last !== undefined && last !== page[page.length - 1]);
        nextCursor = more && last !== undefined ? writeCursor(last) : null;
        if (!more || last === undefined) break;
        after = [last.started_key, last.id];
      }
      return { runs: found, nextCursor };
    });

    app.get('/api/runs/:id', { schema: { params: runParams } }, async (request) => {
      const record = await runs.get(request.params.id);
      if (!record) throw new ApiError(404, 'not_found', `no run "${request.params.id}"`);
      const handle = temporal.workflow.getHandle(record.workflowId);
      try {
        const description = await handle.describe();
        const status = await handle.query(runStatusQuery);
        const pending = description.raw.pendingActivities ?? [];
        // The revision tells which action each running step performs; read only when something is in progress.
        const revision = pending.length > 0 ? await definitions.compiledRevision(record.definitionId, record.revision) : undefined;
        return {
          run: record,
          workflowStatus: description.status.name,
          closedAt: description.closeTime?.toISOString() ?? null,
          ...status,
          activities: activityAttempts(pending, revision, status.nodes),
        };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw new ApiError(404, 'not_found', `run "${record.id}" is not known to Temporal (its history may have expired)`);
        throw error;
      }
    });
    app.post(
      '/api/runs/:id/steps/:nodeId/resolve',
      { schema: { params: z.strictObject({ id: z.string().min(1).max(200), nodeId: identifier }), body: z.strictObject({ action: z.enum(operatorActions) }) } },
      async (request) => {
        const caller = callerOf(request);
        const record = await runs.get(request.params.id);
        if (!record) throw new ApiError(404, 'not_found', `no run "${request.params.id}"`);
        const { nodeId } = request.params;
        try {
          const result = await temporal.workflow.getHandle(record.workflowId).executeUpdate(resolveStepUpdate, { args: [{ nodeId, action: request.body.action, operator: caller.id }] });
          await audit(db, { actor: caller.id, action: `run.step.${request.body.action}`, targetType: 'run', targetId: record.id, details: { nodeId } });
          return result;
        } catch (error) {
          const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
          if (cause instanceof ApplicationFailure && cause.type === 'NotAwaitingOperator') throw new ApiError(409, 'conflict', cause.message);
          if (error instanceof WorkflowNotFoundError) throw new ApiError(409, 'conflict', `run "${record.id}" has finished; its steps can no longer be retried`);
          throw error;
        }
      },
    );

    /**
     * Retry from the failed step. A run still open whose steps wait for an operator retries them (the
     * named one, or every one waiting). A run that ended failed is reset (Temporal's reset) to the
     * workflow task that scheduled its failed step, so the same run, with the same pinned revision,
     * person, variables and earlier steps' outputs, calls the step again (server/temporal/resetPoint.ts
     * says why a reset rather than a new run). The body is optional: without one, the failed step or
     * every step waiting is retried.
     */
    app.post('/api/runs/:id/retry', { schema: { params: runParams, body: z.strictObject({ nodeId: identifier.optional() }).prefault({}) } }, async (request, reply) => {
      const caller = callerOf(request);
      const record = await runs.get(request.params.id);
      if (!record) throw new ApiError(404, 'not_found', `no run "${request.params.id}"`);
      const asked = request.body.nodeId;
      const handle = temporal.workflow.getHandle(record.workflowId);
      const { description, status } = await describeRun(handle, record.id);
      const workflowStatus = description.status.name;
      if (workflowStatus === 'RUNNING') {
        const waiting = Object.entries(status.nodes)
          .filter(([nodeId, state]) => state.awaitingOperator === true && (asked === undefined || nodeId === asked))
          .map(([nodeId]) => nodeId);
        if (waiting.length === 0) {
          throw new ApiError(409, 'conflict', asked === undefined ? `run "${record.id}" is running and no step of it waits for an operator` : `step "${asked}" is not waiting for an operator`);
        }
        for (const nodeId of waiting) {
          await handle.executeUpdate(resolveStepUpdate, { args: [{ nodeId, action: 'retry', operator: caller.id }] }).catch((error: unknown) => {
            const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
            if (cause instanceof ApplicationFailure && cause.type === 'NotAwaitingOperator') throw new ApiError(409, 'conflict', cause.message);
            throw error;
          });
        }
        await audit(db, { actor: caller.id, action: 'run.retry', targetType: 'run', targetId: record.id, details: { mode: 'resolve', nodeIds: waiting } });
        return reply.code(202).send({ id: record.id, workflowId: record.workflowId, mode: 'resolve' as const, nodeIds: waiting, execution: description.runId });
      }
      if (workflowStatus !== 'FAILED') {
        throw new ApiError(409, 'conflict', `run "${record.id}" is ${workflowStatus.toLowerCase()}: only a failed run, or a step waiting for an operator, can be retried`);
      }
      const revision = await definitions.compiledRevision(record.definitionId, record.revision);
      const actionOf = (nodeId: string) => {
        const node = revision?.nodes.find((n) => n.id === nodeId);
        return node?.type === 'action' ? node.data.action : undefined;
      };
      // The failed step: the last action step that recorded an error (a template's steps fail into
      // the helpdesk mail and a failed end; the step to retry is the one that failed first).
      const failed = [...status.trace].reverse().find((t) => t.error !== undefined && actionOf(t.nodeId) !== undefined && (asked === undefined || t.nodeId === asked));
      const action = failed === undefined ? undefined : actionOf(failed.nodeId);
      if (failed === undefined || action === undefined) {
        throw new ApiError(409, 'conflict', asked === undefined ? `run "${record.id}" has no failed step to retry` : `step "${asked}" of run "${record.id}" did not fail`, [
          { path: 'body.nodeId', message: 'no failed action step' },
        ]);
      }
      const point = resetPointFor((await handle.fetchHistory()).events ?? [], action);
      if (point === undefined) {
        throw new ApiError(409, 'conflict', `step "${failed.nodeId}" failed before it called its target (${failed.error ?? 'no reason given'}); retrying would fail the same way: fix the definition or the person's data and start a new run`);
      }
      const reset = await temporal.workflowService.resetWorkflowExecution({
        namespace: temporal.options.namespace,
        workflowExecution: { workflowId: record.workflowId, runId: description.runId },
        workflowTaskFinishEventId: point.workflowTaskFinishEventId,
        reason: `retry of step ${failed.nodeId} by ${caller.id}`,
        requestId: randomUUID(),
      });
      const execution = reset.runId;
      await audit(db, { actor: caller.id, action: 'run.retry', targetType: 'run', targetId: record.id, details: { mode: 'reset', nodeIds: [failed.nodeId], execution } });
      return reply.code(202).send({ id: record.id, workflowId: record.workflowId, mode: 'reset' as const, nodeIds: [failed.nodeId], execution });
    });

    /** Cancels a running run (Temporal cancellation): its steps in progress are cancelled, the run ends cancelled and tells its person. */
    app.post('/api/runs/:id/cancel', { schema: { params: runParams } }, async (request, reply) => {
      const caller = callerOf(request);
      const record = await runs.get(request.params.id);
      if (!record) throw new ApiError(404, 'not_found', `no run "${request.params.id}"`);
      const handle = temporal.workflow.getHandle(record.workflowId);
      const { description } = await describeRun(handle, record.id);
      if (description.status.name !== 'RUNNING') throw new ApiError(409, 'conflict', `run "${record.id}" is ${description.status.name.toLowerCase()}: only a running run can be cancelled`);
      await handle.cancel();
      await audit(db, { actor: caller.id, action: 'run.cancel', targetType: 'run', targetId: record.id, details: { execution: description.runId } });
      return reply.code(202).send({ id: record.id, workflowId: record.workflowId, cancelRequested: true as const });
    });

    return Promise.resolve();
  };

/** Temporal's description of a run and the run's own status; a run Temporal no longer knows is a conflict. */
async function describeRun(handle: WorkflowHandle, runId: string) {
  try {
    const description = await handle.describe();
    const status = await handle.query(runStatusQuery);
    return { description, status };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ApiError(409, 'conflict', `run "${runId}" is not known to Temporal (its history may have expired)`);
    throw error;
  }
}
