/**
 * GET /metrics: the process's Prometheus metrics (server/observability/metrics.ts), with the
 * approval gauges read from the database at scrape time.
 *
 * Access: operator or auditor (access.ts) — Prometheus sends a bearer token (`authorization` /
 * `bearer_token_file` in its scrape config). There is deliberately no switch that makes this route
 * public: the access table is the one place that says who may call what, and the route × role test
 * checks it as written. Where scraping without a token is wanted (a private network, a sidecar),
 * TENURE_METRICS_PORT serves the same metrics on a separate listener that a firewall can confine.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app.ts';
import { refreshApprovalGauges, registry } from '../observability/metrics.ts';

export const metricsRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/metrics', async (_request, reply) => {
      await refreshApprovalGauges(deps.db);
      return reply.type(registry.contentType).send(await registry.metrics());
    });
    return Promise.resolve();
  };
