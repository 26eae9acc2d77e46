/** GET /healthz: liveness of the server, readiness of the database and Temporal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';

const check = z.object({ ok: z.boolean(), error: z.string().optional() });
const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ server: check, database: check, temporal: check }),
});

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
    app.get('/healthz', { schema: { response: { 200: healthSchema, 503: healthSchema } } }, async (_request, reply) => {
      const [database, temporal] = await Promise.all([
        probe(() => deps.db.query('SELECT 1')),
        probe(() => deps.temporal.connection.withDeadline(Date.now() + 3000, () => deps.temporal.connection.workflowService.getSystemInfo({}))),
      ]);
      const ok = database.ok && temporal.ok;
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', checks: { server: { ok: true }, database, temporal } });
    });
    return Promise.resolve();
  };
