/**
 * Sync jobs (issue #15): admins create, change and delete them and run a cycle now; operators and
 * auditors read jobs and their cycles. The source password is write-only (answers say
 * `secretFields`). A job's Schedule follows its settings on every write (server/sync/schedule.ts).
 * A job files its events under an HR source that exists (a user with the hr-source role, as
 * GET /api/hr-sources lists them): events under a name nobody configured would start people no
 * source owns. Every write and every "run now" is audited.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { identifier } from '../../workflows/dsl/index.ts';
import type { AppDeps } from '../app.ts';
import { audit } from '../db/audit.ts';
import { NotFound } from '../db/definitions.ts';
import type { HrSourceStore } from '../db/hrSources.ts';
import { cycleIdSchema } from '../db/syncJobs.ts';
import { callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { approveHeldCycle, CycleNotFound, CycleNotHeld } from '../sync/cycle.ts';
import { cycleCountNames, postgresSourceSchema, syncJobInputSchema, watermarkSchema } from '../sync/job.ts';
import { CycleInProgress, JobMissing } from '../sync/overlap.ts';
import { applySchedule, deleteSchedule, runNow, stopCycles } from '../sync/schedule.ts';
import { storeCall } from './definitions.ts';

const idParams = z.strictObject({ id: identifier });
const cycleParams = z.strictObject({ id: identifier, cycleId: cycleIdSchema });
const timestamp = z.string().describe('ISO 8601');

const jobAnswer = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.literal('postgres-hr'),
  hrSource: z.string(),
  source: postgresSourceSchema,
  secretFields: z.array(z.string()),
  intervalSeconds: z.number().int().nullable(),
  enabled: z.boolean(),
  thresholds: z.object({ maxDropShare: z.number(), maxTerminations: z.number().int() }),
  watermark: watermarkSchema.nullable(),
  lastSnapshotRows: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  createdBy: z.string(),
  updatedAt: timestamp,
  updatedBy: z.string(),
});

const cycleAnswer = z.looseObject({
  id: z.string(),
  jobId: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  status: z.enum(['running', 'succeeded', 'held', 'failed']),
  mode: z.enum(['delta', 'snapshot']),
  pages: z.number().int(),
  counts: z.partialRecord(z.enum(cycleCountNames), z.number().int()),
  errors: z.array(z.object({ key: z.string().optional(), page: z.number().int(), path: z.string(), message: z.string() })),
  heldReason: z.string().nullable(),
  failure: z.string().nullable(),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: timestamp.nullable(),
});

/** Refuses an hrSource that is not a configured HR source, naming the field and the value. */
async function requireHrSource(hrSources: HrSourceStore, hrSource: string): Promise<void> {
  try {
    await hrSources.get(hrSource);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    const message = `"${hrSource}" is not a configured HR source; create it first (POST /api/users with the hr-source role) or name one GET /api/hr-sources lists`;
    throw new ApiError(400, 'invalid_request', `hrSource ${message}`, [{ path: 'body.hrSource', message }]);
  }
}

export const syncJobRoutes =
  ({ syncJobs, hrSources, db, temporal, taskQueue }: AppDeps & { syncJobs: NonNullable<AppDeps['syncJobs']> }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/sync-jobs', { schema: { response: { 200: z.object({ jobs: z.array(jobAnswer) }) } } }, async () => ({ jobs: await syncJobs.list() }));

    app.post('/api/sync-jobs', { schema: { body: syncJobInputSchema, response: { 201: jobAnswer } } }, async (request, reply) => {
      await requireHrSource(hrSources, request.body.hrSource);
      const job = await storeCall(() => syncJobs.create(request.body, callerOf(request).id));
      await applySchedule(temporal, taskQueue, job);
      return reply.code(201).send(job);
    });

    app.get('/api/sync-jobs/:id', { schema: { params: idParams, response: { 200: jobAnswer } } }, async (request) => storeCall(() => syncJobs.get(request.params.id)));

    app.put('/api/sync-jobs/:id', { schema: { params: idParams, body: syncJobInputSchema, response: { 200: jobAnswer } } }, async (request) => {
      if (request.body.id !== request.params.id) throw new ApiError(400, 'invalid_request', 'the id in the body differs from the id in the path', [{ path: 'body.id', message: `expected "${request.params.id}"` }]);
      // Checked when it changes: a job saved before sources were checked can still be changed or disabled.
      const current = await storeCall(() => syncJobs.get(request.params.id));
      if (request.body.hrSource !== current.hrSource) await requireHrSource(hrSources, request.body.hrSource);
      const job = await storeCall(() => syncJobs.update(request.body, callerOf(request).id));
      await applySchedule(temporal, taskQueue, job);
      return job;
    });

    /**
     * Deletes the job: its Schedule first (no cycle starts after it, and a Temporal failure leaves the
     * job whole for a retry), then its running cycles, then its row and cycles (server/db/syncJobs.ts).
     */
    app.delete('/api/sync-jobs/:id', { schema: { params: idParams } }, async (request, reply) => {
      const caller = callerOf(request);
      const job = await storeCall(() => syncJobs.get(request.params.id));
      await deleteSchedule(temporal, job.id);
      const running = await syncJobs.runningCycles(job.id);
      await stopCycles(temporal, running, `sync job "${job.id}" deleted by ${caller.id}`);
      await storeCall(() => syncJobs.remove(job.id, caller.id, running.length));
      return reply.code(204).send();
    });

    app.post('/api/sync-jobs/:id/run', { schema: { params: idParams, response: { 202: z.object({ jobId: z.string(), cycleId: z.string() }) } } }, async (request, reply) => {
      const job = await storeCall(() => syncJobs.get(request.params.id));
      if (!job.enabled) throw new ApiError(409, 'conflict', `sync job "${job.id}" is disabled; enable it (PUT with enabled: true) to run it`);
      let cycleId: string;
      try {
        cycleId = await runNow(temporal, db, taskQueue, job.id);
      } catch (error) {
        if (error instanceof CycleInProgress) throw new ApiError(409, 'conflict', error.message, [{ path: 'params.id', message: `cycle "${error.cycleId}" is ${error.status}` }]);
        if (error instanceof JobMissing) throw new ApiError(404, 'not_found', error.message);
        throw error;
      }
      await audit(db, { actor: callerOf(request).id, action: 'sync-job.run', targetType: 'sync-job', targetId: job.id, details: { cycleId, hrSource: job.hrSource } });
      return reply.code(202).send({ jobId: job.id, cycleId });
    });

    app.get('/api/sync-jobs/:id/cycles', { schema: { params: idParams, response: { 200: z.object({ cycles: z.array(cycleAnswer) }) } } }, async (request) => ({ cycles: await storeCall(() => syncJobs.cycles(request.params.id)) }));

    app.get('/api/sync-jobs/:id/cycles/:cycleId', { schema: { params: cycleParams, response: { 200: cycleAnswer } } }, async (request) => storeCall(() => syncJobs.cycle(request.params.id, request.params.cycleId)));

    app.post('/api/sync-jobs/:id/cycles/:cycleId/approve', { schema: { params: cycleParams, response: { 200: cycleAnswer } } }, async (request) => {
      try {
        return await approveHeldCycle(db, request.params.id, request.params.cycleId, callerOf(request).id);
      } catch (error) {
        if (error instanceof CycleNotFound) throw new ApiError(404, 'not_found', error.message);
        if (error instanceof CycleNotHeld) throw new ApiError(409, 'conflict', error.message);
        throw error;
      }
    });
    return Promise.resolve();
  };
