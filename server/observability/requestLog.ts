/**
 * One log line per HTTP request, written when the answer has gone, carrying the request id — the
 * caller's `x-request-id` when it sent a sane one, else a fresh one — which also goes back in the
 * `x-request-id` header, so a caller, a proxy's log and Tenure's log can be matched up.
 *
 * Fastify's own request logging is off: it logs the raw URL, and signed approval links and callback
 * URLs carry their proof in the path. This logs the URL without it (loggableUrl) and never a header.
 */
import type { FastifyInstance } from 'fastify';
import { loggableUrl } from './logger.ts';

export function registerRequestLogging(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    return Promise.resolve();
  });
  app.addHook('onResponse', async (request, reply) => {
    const fields = {
      method: request.method,
      url: loggableUrl(request.url),
      route: request.routeOptions.url,
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime),
      ...(request.caller ? { callerId: request.caller.id } : {}),
    };
    if (reply.statusCode >= 500) request.log.error(fields, 'request failed');
    else request.log.info(fields, 'request completed');
    return Promise.resolve();
  });
}
