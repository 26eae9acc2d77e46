/**
 * What an hr connection holds. Config says how write-back reaches the HR system: `webhook` (a signed
 * JSON POST to its integration endpoint) or `scim` (a SCIM 2.0 service in front of it, where each
 * worker is a User found by the employee id). Secrets: the webhook's signing secret and optional
 * bearer token, or the SCIM token / OAuth client secret. One secrets object serves both modes
 * (the API checks secrets without seeing the mode); which fields a mode needs is checked by
 * `webhookSecretsOf` / `scimConnectionOf`, and reported by the connection test's config step.
 */
import { z } from 'zod';
import type { Connection } from '../connections.ts';
import { limitsSchema } from '../limits.ts';
import { scimAuthSchema, type ScimConnection } from '../scim/settings.ts';

/** Headers Tenure sets on every write-back POST; a connection cannot replace them. */
export const reservedWebhookHeaders = new Set([
  'authorization',
  'content-type',
  'content-length',
  'host',
  'accept',
  'user-agent',
  'idempotency-key',
  'x-tenure-timestamp',
  'x-tenure-signature',
]);

const headers = z.record(
  z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'not a header name')
    .refine((name) => !reservedWebhookHeaders.has(name.toLowerCase()), 'Tenure sets this header itself'),
  z
    .string()
    .max(8000)
    .refine((value) => !/[\r\n\0]/.test(value), 'a header value must be one line'),
);

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2000);

const webhookConfig = z.strictObject({
  mode: z.literal('webhook'),
  /** The HR system's endpoint that records write-backs. */
  url: httpUrl,
  timeoutSeconds: z.number().int().min(1).max(300).default(30),
  /** Sent with every POST, e.g. a tenant id. Credentials go in the secrets. */
  headers: headers.default({}),
  limits: limitsSchema,
});

/** A top-level attribute (compared again on what the service returns), or a schema extension's attribute. */
const topLevelAttribute = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,99}$/, 'a top-level SCIM attribute name, e.g. externalId');
const upnAttribute = z
  .string()
  .regex(/^(userName|urn:[^\s=]+:[A-Za-z][A-Za-z0-9_-]*)$/, 'userName, or "<schema URN>:<attribute>" for an extension attribute');

const scimConfig = z.strictObject({
  mode: z.literal('scim'),
  /** The SCIM base URL of the HR integration layer, e.g. https://hr.example.com/scim/v2 */
  baseUrl: httpUrl,
  auth: scimAuthSchema,
  /** The User attribute holding the employee id. */
  lookupAttribute: topLevelAttribute.default('externalId'),
  /** Where the UPN goes: userName, or an extension attribute. */
  userPrincipalNameAttribute: upnAttribute.default('userName'),
  /** URNs of custom schema extensions extra attributes may use. */
  userSchemaExtensions: z.array(z.string().regex(/^urn:[^\s=]+$/, 'a schema URN')).max(20).default([]),
  limits: limitsSchema,
});

export const hrConfigSchema = z.discriminatedUnion('mode', [webhookConfig, scimConfig]);
export type HrConfig = z.infer<typeof hrConfigSchema>;
export type HrWebhookConfig = z.infer<typeof webhookConfig>;
export type HrScimConfig = z.infer<typeof scimConfig>;

export const hrSecretsSchema = z.strictObject({
  /** webhook: key of the HMAC-SHA256 signature over `${X-Tenure-Timestamp}.${body}` the HR system checks. */
  signingSecret: z.string().min(16, 'use at least 16 characters (e.g. `openssl rand -base64 32`)').max(1000).optional(),
  /** webhook: sent as `Authorization: Bearer …` when the endpoint wants one. */
  bearerToken: z.string().min(1).max(8000).optional(),
  /** scim with bearer auth: the static token. */
  token: z.string().min(1).max(8000).optional(),
  /** scim with OAuth client credentials: the client secret. */
  clientSecret: z.string().min(1).max(8000).optional(),
});
export type HrSecrets = z.infer<typeof hrSecretsSchema>;

export type HrConnection = Connection<HrConfig, HrSecrets>;

export interface WebhookSecrets {
  signingSecret: string;
  bearerToken?: string;
}

/** The webhook's secrets, or what is missing. */
export function webhookSecretsOf(secrets: HrSecrets): { ok: true; secrets: WebhookSecrets } | { ok: false; problem: string } {
  if (secrets.signingSecret === undefined) return { ok: false, problem: 'a webhook connection needs secrets.signingSecret, the key the HR system checks signatures with' };
  return { ok: true, secrets: { signingSecret: secrets.signingSecret, ...(secrets.bearerToken !== undefined ? { bearerToken: secrets.bearerToken } : {}) } };
}

/**
 * The connection as the scim client code reads it. Its id and version stay the hr connection's, so
 * limits and pooled clients are the hr connection's own.
 */
export function scimConnectionOf(connection: Connection<HrScimConfig, HrSecrets>): { ok: true; connection: ScimConnection } | { ok: false; problem: string } {
  const { config, secrets } = connection;
  const secret = config.auth.mode === 'bearer' ? secrets.token : secrets.clientSecret;
  if (secret === undefined) {
    return { ok: false, problem: config.auth.mode === 'bearer' ? 'a scim connection with bearer auth needs secrets.token' : 'a scim connection with OAuth client credentials needs secrets.clientSecret' };
  }
  return {
    ok: true,
    connection: {
      id: connection.id,
      kind: 'scim',
      name: connection.name,
      version: connection.version,
      config: { baseUrl: config.baseUrl, auth: config.auth, userSchemaExtensions: config.userSchemaExtensions, matchAttribute: 'externalId', limits: config.limits },
      secrets: config.auth.mode === 'bearer' ? { token: secret } : { clientSecret: secret },
    },
  };
}

/** Removes every secret of the connection from a text that came from elsewhere (an HR system's error). */
export function redactSecrets(secrets: HrSecrets, text: string): string {
  let out = text;
  for (const secret of Object.values(secrets)) if (secret !== '') out = out.split(secret).join('[redacted]');
  return out;
}
