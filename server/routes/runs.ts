/** Runs on demand: start a published revision for people now, and watch a run's per-node status. */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import { runStatusQuery, runWorkflowId, type LifecycleRunInput } from '../../workflows/messages.ts';
import type { AppDeps } from '../app.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { storeCall } from './definitions.ts';

const startRunsBody = z.strictObject({
  definitionId: identifier,
  /** A published revision number; the latest when absent. */
  revision: z.number().int().min(1).optional(),
  people: z
    .array(
      z.strictObject({
        employeeId: z.string().min(1).max(200),
        attributes: z.record(z.string().max(200), z.unknown()).default({}),
      }),
    )
    .min(1)
    .max(500),
  /** Makes the request safe to retry: the same key starts each person's run once. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});

const runParams = z.strictObject({ id: z.string().min(1).max(200) });

function runIdFor(key: string | undefined, definitionId: string, employeeId: string): string {
  if (key === undefined) return randomUUID();
  const h = createHash('sha256').update(JSON.stringify([key, definitionId, employeeId])).digest('hex');
  // Shaped like a UUID so every run id reads alike.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const runRoutes =
  ({ definitions, runs, temporal, taskQueue }: AppDeps): FastifyPluginAsyncZod =>
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

    app.get('/api/runs/:id', { schema: { params: runParams } }, async (request) => {
      const record = await runs.get(request.params.id);
      if (!record) throw new ApiError(404, 'not_found', `no run "${request.params.id}"`);
      const handle = temporal.workflow.getHandle(record.workflowId);
      try {
        const description = await handle.describe();
        const status = await handle.query(runStatusQuery);
        return {
          run: record,
          workflowStatus: description.status.name,
          closedAt: description.closeTime?.toISOString() ?? null,
          ...status,
        };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw new ApiError(404, 'not_found', `run "${record.id}" is not known to Temporal (its history may have expired)`);
        throw error;
      }
    });
    return Promise.resolve();
  };
