/**
 * What a scim connection holds. Config: the app's SCIM base URL, how to authenticate (a static
 * bearer token, as Entra's "Secret Token", or the OAuth 2.0 client credentials grant), the custom
 * user schema extensions the app accepts, and which attribute anchors a person in the app.
 * Secrets: the token, or the client secret.
 */
import { z } from 'zod';
import type { Connection } from '../connections.ts';
import { limitsSchema } from '../limits.ts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'give an http(s) URL' });

export const scimAuthSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('bearer') }),
  z.strictObject({
    mode: z.literal('oauth-client-credentials'),
    tokenUrl: httpUrl,
    clientId: z.string().min(1).max(1000),
    scope: z.string().min(1).max(2000).optional(),
    /** How the client authenticates to the token endpoint (RFC 6749 §2.3.1); Basic is what every server must accept. */
    tokenAuthMethod: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  }),
]);

export const scimConfigSchema = z.strictObject({
  /** The SCIM base URL, e.g. https://app.example.com/scim/v2 (Entra calls it the Tenant URL). */
  baseUrl: httpUrl,
  auth: scimAuthSchema,
  /** URNs of custom user schema extensions the app accepts; extensionAttributes may only use these. */
  userSchemaExtensions: z.array(z.string().regex(/^urn:[^\s=]+$/, 'give a schema URN, e.g. urn:ietf:params:scim:schemas:extension:acme:2.0:User')).max(20).default([]),
  /** The attribute that anchors a person in the app: found before create, and what matchValue means. */
  matchAttribute: z.enum(['userName', 'externalId']).default('externalId'),
  limits: limitsSchema,
});
export type ScimConfig = z.infer<typeof scimConfigSchema>;

export const scimSecretsSchema = z.union([z.strictObject({ token: z.string().min(1) }), z.strictObject({ clientSecret: z.string().min(1) })]);
export type ScimSecrets = z.infer<typeof scimSecretsSchema>;

export type ScimConnection = Connection<ScimConfig, ScimSecrets>;

/** The secret the auth mode needs, or what is wrong: a bearer connection needs a token, OAuth a client secret. */
export function credentialOf(connection: ScimConnection): { ok: true; secret: string } | { ok: false; problem: string } {
  const { auth } = connection.config;
  const secrets = connection.secrets;
  if (auth.mode === 'bearer') {
    return 'token' in secrets ? { ok: true, secret: secrets.token } : { ok: false, problem: 'the connection uses bearer auth but holds no token: set secrets.token' };
  }
  return 'clientSecret' in secrets ? { ok: true, secret: secrets.clientSecret } : { ok: false, problem: 'the connection uses OAuth client credentials but holds no client secret: set secrets.clientSecret' };
}
