/**
 * The environment variables of OpenID Connect sign-in and its sessions, kept apart from
 * server/config.ts so that file only spreads them in. Sign-in is off unless TENURE_OIDC_ISSUER is set.
 */
import { z } from 'zod';

export const oidcEnv = {
  TENURE_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0' }).optional(),
  TENURE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Absent for public clients (PKCE alone). */
  TENURE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  TENURE_OIDC_SCOPES: z
    .string()
    .regex(/(^|\s)openid(\s|$)/, 'must include "openid", e.g. "openid profile email"')
    .default('openid profile email'),
  /** A claim carrying Tenure role names, e.g. Entra ID app roles in `roles`. */
  TENURE_OIDC_ROLES_CLAIM: z.string().min(1).max(200).optional(),
  TENURE_SESSION_IDLE_MINUTES: z.coerce.number().int('must be a whole number of minutes').min(1).max(7 * 24 * 60).default(60),
  TENURE_SESSION_MAX_HOURS: z.coerce.number().int('must be a whole number of hours').min(1).max(24 * 30).default(12),
};

export const oidcEnvSchema = z.object(oidcEnv);
type OidcEnv = z.infer<typeof oidcEnvSchema>;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  rolesClaim: string | undefined;
}

export interface SignInConfig {
  oidc: OidcSettings;
  /** A session ends after this long without a request… */
  idleMinutes: number;
  /** …and this long after sign-in, whatever happens. */
  maxHours: number;
}

export function signInFromEnv(e: OidcEnv, fail: (message: string) => Error): SignInConfig | undefined {
  if (e.TENURE_OIDC_ISSUER === undefined) {
    if (e.TENURE_OIDC_CLIENT_ID !== undefined) throw fail('TENURE_OIDC_ISSUER is required when TENURE_OIDC_CLIENT_ID is set (the URL of your identity provider)');
    return undefined;
  }
  if (e.TENURE_OIDC_CLIENT_ID === undefined) throw fail('TENURE_OIDC_CLIENT_ID is required when TENURE_OIDC_ISSUER is set (the id of the app registered for Tenure at your identity provider)');
  return {
    oidc: {
      issuer: e.TENURE_OIDC_ISSUER,
      clientId: e.TENURE_OIDC_CLIENT_ID,
      clientSecret: e.TENURE_OIDC_CLIENT_SECRET,
      scopes: e.TENURE_OIDC_SCOPES.trim().split(/\s+/).join(' '),
      rolesClaim: e.TENURE_OIDC_ROLES_CLAIM,
    },
    idleMinutes: e.TENURE_SESSION_IDLE_MINUTES,
    maxHours: e.TENURE_SESSION_MAX_HOURS,
  };
}
