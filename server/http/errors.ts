/**
 * API errors: `{ error: { code, message, details? } }`. `details` lists field-level problems as
 * `{ path, message }` (plus `nodeId`/`edgeId` for definition problems).
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatPath } from '../../workflows/dsl/index.ts';

export interface ErrorDetail {
  path: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: ErrorDetail[] | undefined;
  constructor(statusCode: number, code: string, message: string, details?: ErrorDetail[]) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    // Where the problem is: a field path, and for HR batches the CSV line and column or the SCIM operation.
    details: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          nodeId: z.string().optional(),
          edgeId: z.string().optional(),
          line: z.number().int().optional(),
          column: z.number().int().optional(),
          columnName: z.string().optional(),
          index: z.number().int().optional(),
          bulkId: z.string().optional(),
        }),
      )
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

function body(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}) } };
}

const statusCodes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'request_header_fields_too_large',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(body(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((v) => ({
        path: formatPath([where, ...v.instancePath.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s))]),
        message: v.message ?? v.keyword,
      }));
      return reply.code(400).send(body('invalid_request', `the request ${where} is invalid: ${details.map((d) => `${d.path}: ${d.message}`).slice(0, 3).join('; ')}`, details));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(body(statusCodes[status] ?? 'bad_request', error.message));
    }
    // Anything else is the server's own failure: its message and stack may name tables, files, hosts
    // or values, so they go to the log only, and the caller gets the request id to quote.
    request.log.error({ err: error }, 'request failed');
    return reply.code(status >= 500 && status <= 599 ? status : 500).send(body('internal', `the server could not complete the request; the log has the details under request id ${request.id}`));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(body('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );
}

/**
 * Errors Fastify answers before any route runs (a path parameter past its length limit, a URL that
 * does not decode), in the same envelope as every other error, which is what the OpenAPI document
 * promises. A parameter too long for the router is too long for its schema too: 400, not 414.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 400 : error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send(body(status === 400 ? 'invalid_request' : (statusCodes[status] ?? 'bad_request'), error.message));
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (a request line or headers past the
 * size limit, a request that does not parse, one that took too long to arrive): answered in the
 * same envelope, which the OpenAPI document promises for every 4xx. Mirrors Fastify's own handler
 * in everything but the body.
 */
export function clientErrors(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'the request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'the request line and headers are larger than the server accepts; shorten the URL or the headers']
        : [400, 'the request is not valid HTTP'];
  const payload = JSON.stringify(body(status === 400 ? 'bad_request' : status === 408 ? 'request_timeout' : 'request_header_fields_too_large', message));
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${payload}`);
  socket.destroy(error);
}
