/**
 * The authority's view of the tenant: a GET of its OpenID metadata document
 * (`{authorityHost}/{tenant}/v2.0/.well-known/openid-configuration`), 200 when the tenant exists.
 * MSAL reports every failure to read that document as one opaque `endpoints_resolution_error`
 * (untrusted certificate, refused connection and unknown tenant alike), so when it does, this probe
 * finds out which it was: the first needs a setting, the second a retry, the third a fix.
 */
import { get } from 'node:https';
import { ApplicationFailure } from '@temporalio/common';
import type { EntraConfig } from './connector.ts';
import { authFailure, nonRetryable } from './failures.ts';

export type AuthorityAnswer = { ok: true; status: number } | { ok: false; error: Error };

export function probeAuthority(config: EntraConfig, timeoutMs = 5000): Promise<AuthorityAnswer> {
  const url = `${config.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(config.tenantId)}/v2.0/.well-known/openid-configuration`;
  return new Promise((resolve) => {
    const req = get(url, { timeout: timeoutMs, ...(config.tlsCaCert === undefined ? {} : { ca: config.tlsCaCert }) }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: true, status: res.statusCode ?? 0 }));
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs / 1000} s`)));
    req.on('error', (error) => resolve({ ok: false, error }));
  });
}

export function describeError(error: Error): string {
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/** A failed token request as a Temporal failure, asking the authority what went wrong when MSAL will not say. */
export async function explainAuthFailure(error: unknown, config: EntraConfig): Promise<ApplicationFailure> {
  const failure = authFailure(error, config);
  if (!(error instanceof Error) || !error.message.includes('endpoints_resolution_error')) return failure;
  const answer = await probeAuthority(config);
  const host = new URL(config.authorityHost).host;
  if (answer.ok) {
    if (answer.status === 400 || answer.status === 404) return nonRetryable('EntraAuthFailed', `tenant ${config.tenantId} not found at ${config.authorityHost} (HTTP ${answer.status}): check the tenant id`);
    return failure;
  }
  const cause = describeError(answer.error);
  if (/certificate|self[- ]signed|unable to (get|verify)|CERT_|ERR_TLS/i.test(cause)) {
    return nonRetryable('EntraTlsUntrusted', `the TLS certificate of ${host} is not trusted (${cause}); set tlsCaCert on the connection when a proxy or private CA is in the path`);
  }
  return ApplicationFailure.create({ type: 'EntraAuthUnavailable', message: `could not get a token for app ${config.clientId}: no answer from ${host} (${cause})` });
}
