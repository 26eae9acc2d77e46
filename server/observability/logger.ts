/**
 * The process's one structured logger (pino, JSON lines). The API, the worker's Temporal runtime,
 * activities and workflows all log through it, so every line has the same shape and correlation
 * fields (requestId, runId, workflowId, employeeId, definitionId).
 *
 * What must never reach a log: credentials and personal data. Values under keys that name a secret
 * (authorization, cookie, password, secret, token, …) and every `attributes` object (an HR record's
 * names, birth dates, national ids) are replaced by "[redacted]" at any depth in a line's own
 * fields, and at the top level of a child logger's bindings. Identifiers (employeeId, runId) are not personal data here.
 */
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const redacted = '[redacted]';

/** Top-level keys redacted in child-logger bindings too (pino applies `formatters.log` to a line's own fields only). */
const secretFields = ['authorization', 'cookie', 'password', 'passwd', 'secret', 'secrets', 'token', 'apiKey', 'apiToken', 'accessToken', 'refreshToken', 'clientSecret', 'signingSecret', 'privateKey', 'credentials', 'attributes'];

const secretKey = /^(authorization|proxy-authorization|cookie|set-cookie|x-tenure-signature|x-hub-signature-256|attributes|secrets?|credentials?|private_?key|api_?key|client_?secret)$|(password|passwd|secret|token)$/i;

function scrub(value: unknown, depth: number): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  // Only plain objects are walked: requests, errors and buffers have their own serializers.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? redacted : scrub(v, depth + 1)]));
}

/** Removes what a log must not hold from a log line's fields. */
export function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out = scrub(fields, 0);
  return typeof out === 'object' && out !== null && !Array.isArray(out) ? Object.fromEntries(Object.entries(out)) : {};
}

export interface LoggerOptions {
  level: string;
  /** `tenure-server`, `tenure-worker` or `tenure` (all roles in one process). */
  service: string;
  /** Where lines go; stdout when absent (tests pass a capturing stream). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: scrubFields,
      },
      redact: { paths: [...secretFields, 'req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: redacted },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

const requestIdShape = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane identifier, else a fresh one: the request's correlation id. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && requestIdShape.test(given) ? given : randomUUID();
}

/** A URL as it may be logged: without the query string, and without the proof in signed-link paths. */
export function loggableUrl(url: string): string {
  const path = url.split('?')[0] ?? url;
  return path.replace(/^\/hooks\/(approvals|callbacks)\/.*/, `/hooks/$1/${redacted}`);
}
