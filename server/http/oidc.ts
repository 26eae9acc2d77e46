/**
 * The OpenID Connect relying party: authorization code flow with PKCE, state and nonce
 * (openid-client), against Entra ID or any OIDC provider. It knows nothing of cookies or users:
 * `begin` gives the IdP URL and the secrets to keep until the callback; `finish` checks the callback
 * against them and returns the verified ID token claims.
 *
 * Discovery happens on the first sign-in, not at start-up, so Tenure starts while the IdP is down;
 * a failed discovery is tried again on the next sign-in.
 */
import * as oidc from 'openid-client';
import type { OidcSettings } from './oidcConfig.ts';

/** What the callback must match: kept by the browser in a signed, short-lived cookie. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

export interface VerifiedClaims {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

/** The IdP could not be reached or answered nonsense (a 502 for the person signing in). */
export class IdpUnavailable extends Error {}
/** The callback does not complete a sign-in this browser started (a 400). */
export class CallbackRejected extends Error {}

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

export function createRelyingParty(settings: OidcSettings, redirectUri: string) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const discover = async (): Promise<oidc.Configuration> => {
    const issuer = new URL(settings.issuer);
    // Plain HTTP only for an IdP on this machine (development and tests); openid-client refuses it otherwise.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out; limited to loopback here
    const options = issuer.protocol === 'http:' && loopback.has(issuer.hostname) ? { execute: [oidc.allowInsecureRequests] } : undefined;
    try {
      return settings.clientSecret !== undefined
        ? await oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, options)
        : await oidc.discovery(issuer, settings.clientId, undefined, oidc.None(), options);
    } catch (error) {
      throw new IdpUnavailable(`the identity provider at ${settings.issuer} could not be discovered (${error instanceof Error ? error.message : String(error)}); check TENURE_OIDC_ISSUER and that the IdP is reachable`);
    }
  };
  const config = (): Promise<oidc.Configuration> => {
    configuration ??= discover();
    configuration.catch(() => (configuration = undefined));
    return configuration;
  };

  return {
    async begin(returnTo: string): Promise<{ url: URL; pending: PendingLogin }> {
      const c = await config();
      const pending: PendingLogin = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), returnTo };
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
      });
      return { url, pending };
    },

    /** `callbackUrl`: the URL the IdP sent the browser to, as this server's public address. */
    async finish(callbackUrl: URL, pending: PendingLogin): Promise<VerifiedClaims> {
      const c = await config();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(
          c,
          callbackUrl,
          { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
          { redirect_uri: redirectUri },
        );
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError) {
          throw new CallbackRejected(`the identity provider refused the sign-in: ${error.error}${error.error_description !== undefined ? ` (${error.error_description})` : ''}`);
        }
        if (error instanceof oidc.ResponseBodyError) {
          throw new CallbackRejected(`the identity provider refused the authorization code: ${error.error}${error.error_description !== undefined ? ` (${error.error_description})` : ''}`);
        }
        if (error instanceof oidc.ClientError) {
          const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
          throw new CallbackRejected(`the sign-in response is not valid (${error.message}${cause})`);
        }
        throw new IdpUnavailable(`the identity provider could not be reached to complete the sign-in (${error instanceof Error ? error.message : String(error)})`);
      }
      const claims = tokens.claims();
      if (!claims) throw new CallbackRejected('the identity provider sent no ID token');
      return { issuer: claims.iss, subject: claims.sub, claims: { ...claims } };
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;
