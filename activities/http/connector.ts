/**
 * What an HTTP callout connection holds, and how it is tested. The signing secret and any
 * credential headers are secrets (write-only in the API); plain headers are config.
 */
import { z } from 'zod';
import { declareConnector } from '../connections.ts';
import { limitsSchema } from '../limits.ts';
import { probeEndpoint } from './probe.ts';

/** Headers Tenure sets on every callout; a connection cannot replace them. */
export const reservedHeaders = new Set(['content-type', 'content-length', 'host', 'accept', 'user-agent', 'idempotency-key', 'x-tenure-timestamp', 'x-tenure-signature']);

const headers = z.record(
  z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'not a header name')
    .refine((name) => !reservedHeaders.has(name.toLowerCase()), 'Tenure sets this header itself'),
  z
    .string()
    .max(8000)
    .refine((value) => !/[\r\n\0]/.test(value), 'a header value must be one line'),
);

export const httpConfig = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2000),
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
  /** Sent with every callout, e.g. a tenant id. Put credentials in the secret headers instead. */
  headers: headers.default({}),
  limits: limitsSchema,
});
export type HttpConfig = z.infer<typeof httpConfig>;

export const httpSecrets = z.strictObject({
  /** Key of the HMAC-SHA256 signature over `${X-Tenure-Timestamp}.${body}` the receiver checks. */
  signingSecret: z.string().min(16, 'use at least 16 characters (e.g. `openssl rand -base64 32`)').max(1000),
  /** Credential headers, e.g. Authorization: Bearer …; never shown or logged. */
  headers: headers.optional(),
});
export type HttpSecrets = z.infer<typeof httpSecrets>;

export const httpConnector = declareConnector({
  kind: 'http',
  label: 'HTTP callout (web service)',
  config: httpConfig,
  secrets: httpSecrets,
  test: async (connection) => probeEndpoint(connection.config),
});
