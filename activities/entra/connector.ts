/**
 * The Entra ID connector: what an Entra connection holds and how it is tested. The app
 * registration authenticates with the client-credentials grant (tenantId, clientId, client
 * secret) and needs Graph application permissions: User.ReadWrite.All, GroupMember.ReadWrite.All,
 * LicenseAssignment.ReadWrite.All, UserAuthenticationMethod.ReadWrite.All and Mail.Send (for
 * delivering Temporary Access Passes), each with admin consent.
 */
import { z } from 'zod';
import { declareConnector } from '../connections.ts';
import { limitsSchemaFor } from '../limits.ts';
import { testEntraConnection } from './connectionTest.ts';

const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const httpsUrl = z.url().refine((u) => u.startsWith('https://'), 'use an https:// URL');

export const anchorAttributes = ['employeeId', 'userPrincipalName', 'mail', 'mailNickname'] as const;
export type AnchorAttribute = (typeof anchorAttributes)[number];

export const entraConfig = z.strictObject({
  tenantId: z.string().regex(/^(?:[0-9a-fA-F-]{36}|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)$/, 'use the directory (tenant) id or its verified domain, e.g. contoso.onmicrosoft.com'),
  clientId: z.string().regex(guid, 'use the application (client) id of the app registration'),
  graphBaseUrl: httpsUrl
    .refine((u) => /^https:\/\/[^/]+\/[^/]+\/?$/.test(u), 'use the Graph root with its version, e.g. https://graph.microsoft.com/v1.0')
    .default('https://graph.microsoft.com/v1.0'),
  authorityHost: httpsUrl.default('https://login.microsoftonline.com'),
  /** The attribute that ties an Entra user to the HR person; actions find users by it. */
  anchorAttribute: z.enum(anchorAttributes).default('employeeId'),
  /** PEM CA certificate(s) to trust for Graph and the authority, for TLS-inspecting proxies or private endpoints. */
  tlsCaCert: z
    .string()
    .max(100_000)
    .includes('-----BEGIN CERTIFICATE-----', { message: 'paste PEM certificate text' })
    .optional()
    .describe('PEM certificate(s) of the CA to trust for Graph and the authority, when not a public one.'),
  /** A Retry-After up to this long is waited out inside the step; a longer one hands the wait to Temporal's retry. */
  maxRetryAfterWaitSeconds: z.number().int().min(0).max(120).default(10),
  requestTimeoutSeconds: z.number().int().min(5).max(300).default(60),
  /**
   * Graph's identity limits for one app in one tenant: 3,500 to 8,000 resource units per 10 s (by
   * tenant size; a user lookup costs one or two) and, separately, 3,000 writes per 150 s. Lookups
   * may therefore go faster than writes: a hire's half-dozen lookups are not held to the write rate.
   */
  limits: limitsSchemaFor({ maxConcurrent: 8, perSecond: 100 }),
  writesPerSecond: z
    .number()
    .min(0.1)
    .max(10_000)
    .default(20)
    .describe('Graph writes (POST, PATCH, PUT, DELETE) started per second at most, within `limits`: Microsoft Graph allows an app 3,000 writes per 150 s in a tenant.'),
});
export type EntraConfig = z.infer<typeof entraConfig>;

export const entraSecrets = z.strictObject({ clientSecret: z.string().min(1).max(1024) });
export type EntraSecrets = z.infer<typeof entraSecrets>;

export const entraConnector = declareConnector({
  kind: 'entra',
  label: 'Microsoft Entra ID',
  config: entraConfig,
  secrets: entraSecrets,
  test: testEntraConnection,
});
