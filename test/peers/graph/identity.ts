/**
 * The Microsoft identity platform endpoints a confidential client uses for the client-credentials
 * grant (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * the tenant's OpenID metadata document, which MSAL reads to find the token endpoint, and
 * `POST /{tenant}/oauth2/v2.0/token` with a form-encoded client_id, client_secret, scope and
 * grant_type. Errors carry `error`, `error_description` (with its AADSTS code) and `error_codes`.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface IssuedToken {
  clientId: string;
  roles: ReadonlySet<string>;
  expiresAt: number;
}

export interface IdentityConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  origin: string;
  tokenLifetimeSeconds: number;
  roles: () => ReadonlySet<string>;
}

export interface IdentityAnswer {
  status: number;
  body: unknown;
}

function failure(status: number, error: string, code: number, description: string): IdentityAnswer {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

export function openIdConfiguration(config: IdentityConfig, tenant: string): IdentityAnswer {
  if (tenant !== config.tenantId) return failure(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  const base = `${config.origin}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${config.origin}/${tenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${config.origin}/${tenant}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      tenant_region_scope: 'EU',
    },
  };
}

/** Answers a token request; on success records the token with the app's roles at issue time. */
export function issueToken(config: IdentityConfig, tenant: string, form: URLSearchParams, tokens: Map<string, IssuedToken>): IdentityAnswer {
  if (tenant !== config.tenantId) return failure(400, 'invalid_request', 90002, `Tenant '${tenant}' not found.`);
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials') return failure(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType ?? ''}'.`);
  const clientId = form.get('client_id') ?? '';
  if (clientId !== config.clientId) {
    return failure(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
  }
  if (form.get('client_secret') !== config.clientSecret) {
    return failure(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
  }
  const scope = form.get('scope') ?? '';
  if (!scope.split(' ').every((s) => s.endsWith('/.default'))) {
    return failure(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  if (scope !== `${config.origin}/.default`) {
    return failure(400, 'invalid_resource', 500011, `The resource principal named ${scope.replace(/\/\.default$/, '')} was not found in the tenant named ${tenant}.`);
  }
  const accessToken = randomBytes(32).toString('base64url');
  tokens.set(accessToken, { clientId, roles: new Set(config.roles()), expiresAt: Date.now() + config.tokenLifetimeSeconds * 1000 });
  return { status: 200, body: { token_type: 'Bearer', expires_in: config.tokenLifetimeSeconds, ext_expires_in: config.tokenLifetimeSeconds, access_token: accessToken } };
}
