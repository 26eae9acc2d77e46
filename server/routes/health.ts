/**
 * Health for load balancers and orchestrators (public, no credentials):
 * - GET /healthz/live: the process is up and answering. No dependency is checked, so a database or
 *   Temporal outage never gets a healthy process restarted (it would come back just as blocked).
 * - GET /healthz/ready: it can do its work — the database answers, Temporal answers, and, when this
 *   process runs a worker, that worker is running. 503 otherwise, so traffic goes elsewhere.
 * - GET /healthz: the original combined answer (the server is up, the database and Temporal answer),
 *   unchanged in shape for the probes and tools already pointed at it; the worker check is /ready's.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';

const check = z.object({ ok: z.boolean(), error: z.string().optional() });
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ server: check, database: check, temporal: check, worker: check.optional() }),
});
const liveSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });

async function probe(fn: () => Promise<unknown>): Promise<z.infer<typeof check>> {
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export const healthRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    async function readiness(withWorker: boolean) {
      const [database, temporal] = await Promise.all([
        probe(() => deps.db.query('SELECT 1')),
        probe(() => deps.temporal.connection.withDeadline(Date.now() + 3000, () => deps.temporal.connection.workflowService.getSystemInfo({}))),
      ]);
      const state = withWorker ? deps.worker?.getState() : undefined;
      const worker = state === undefined ? undefined : state === 'RUNNING' ? { ok: true } : { ok: false, error: `the worker is ${state.toLowerCase()}` };
      const ok = database.ok && temporal.ok && (worker?.ok ?? true);
      return { ok, body: { status: ok ? ('ok' as const) : ('degraded' as const), checks: { server: { ok: true }, database, temporal, ...(worker ? { worker } : {}) } } };
    }

    app.get('/healthz/live', { schema: { response: { 200: liveSchema } } }, () => Promise.resolve({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }));

    for (const [url, withWorker] of [['/healthz', false], ['/healthz/ready', true]] as const) {
      app.get(url, { schema: { response: { 200: healthSchema, 503: healthSchema } } }, async (_request, reply) => {
        const { ok, body } = await readiness(withWorker);
        return reply.code(ok ? 200 : 503).send(body);
      });
    }
    return Promise.resolve();
  };
